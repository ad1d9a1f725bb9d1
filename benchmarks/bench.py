"""Benchmark of the build; prints tables and writes them to benchmarks/RESULTS.md.

Every figure is the median of --runs runs (min and max beside it), measured in scratch
copies of the project (tools/scratch.py), so the checkout's outputs are never touched.

    python benchmarks/bench.py                      # everything, 3 runs
    python benchmarks/bench.py --qualities preview  # skip the production cold builds
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from scratch import SNAKEMAKE, make_scratch, snakemake  # noqa: E402

from l2geom.animations.rendering import ENCODER_OPTIONS  # noqa: E402

DECK = Path("slides/build/l2-weight-decay.pdf")


def timed(work: Path, *args: str) -> tuple[float, str]:
    elapsed, _, log = timed_cpu(work, *args)
    return elapsed, log


def timed_cpu(work: Path, *args: str) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + sys of snakemake and all its jobs) and the log."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run = snakemake(work, *args)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        sys.exit(f"snakemake {' '.join(args)} failed in {work}:\n{run.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, run.stdout + run.stderr


def jobs_run(log: str) -> list[str]:
    """'rule[scenario]' for every job a snakemake log reports."""
    jobs, rule = [], None
    for line in log.splitlines():
        match = re.match(r"^(?:local)?(?:rule|checkpoint) (\w+):", line)
        if match:
            rule = match.group(1)
            jobs.append(rule)
        elif rule and (w := re.match(r"^\s+wildcards: (.*)", line)):
            jobs[-1] = f"{rule}[{w.group(1)}]"
    return sorted(j for j in jobs if not j.startswith("all"))


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):8.2f} (min {min(values):.2f}, max {max(values):.2f})"


def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    versions = subprocess.run([sys.executable, "-c", "import manim, snakemake, matplotlib, numpy;"
                               "print(f'manim {manim.__version__}, snakemake {snakemake.__version__}, "
                               "matplotlib {matplotlib.__version__}, numpy {numpy.__version__}')"],
                              capture_output=True, text=True).stdout.strip()
    ffmpeg = subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True).stdout.split("\n")[0]
    return (f"{os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; {versions}; "
            f"{ffmpeg}")


def cold_builds(base: Path, quality: str, runs: int
                ) -> tuple[dict[int, list[float]], dict[int, list[float]], dict[int, Path]]:
    """``runs`` clean builds with --cores 1 and with --cores 2: wall and CPU seconds, and
    the last build folder per core count."""
    times: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    last: dict[int, Path] = {}
    for cores in (1, 2):
        for i in range(runs):
            last[cores] = make_scratch(base / f"{quality}-c{cores}-{i}", quality)
            wall, used, _ = timed_cpu(last[cores], "--cores", str(cores))
            times[cores].append(wall)
            cpu[cores].append(used)
    return times, cpu, last


def snakemake_floor(folder: Path, runs: int) -> list[float]:
    """No-op times of a one-rule workflow: Snakemake's start-up, which no workflow beats."""
    folder.mkdir()
    (folder / "Snakefile").write_text('rule done:\n    output: "done"\n    run:\n'
                                      '        open(output[0], "w").close()\n')
    run = [*SNAKEMAKE, "--cores", "2", "--quiet"]
    subprocess.run(run, cwd=folder, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(run, cwd=folder, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def edit_latency(work: Path, key: str, old: str, new: str, runs: int) -> tuple[list[float], list[str]]:
    """Time from editing ``key: old`` in the course scenario to a rebuilt deck."""
    config = work / "config/config.yaml"
    original = config.read_text()
    pattern = re.compile(rf"(\n      {key}: ){re.escape(old)}(?=\s)")
    if not pattern.search(original):
        sys.exit(f"cannot find '{key}: {old}' in {config}")
    times, jobs = [], []
    for i in range(runs):
        config.write_text(pattern.sub(rf"\g<1>{new if i % 2 == 0 else old}", original, count=1))
        elapsed, log = timed(work, "--cores", "2")
        times.append(elapsed)
        jobs = jobs_run(log)
    config.write_text(original)
    timed(work, "--cores", "2")
    return times, jobs


def probe(video: Path) -> tuple[int, float, int, int]:
    """(frames, fps, width, height) of a video, counted by decoding."""
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
                          "-show_entries", "stream=nb_read_frames,r_frame_rate,width,height",
                          "-of", "csv=p=0", str(video)], capture_output=True, text=True,
                         check=True).stdout.strip().split(",")
    width, height, rate, frames = out
    num, den = rate.split("/")
    return int(frames), int(num) / int(den), int(width), int(height)


def encode_floor(video: Path) -> float:
    """Seconds libx264 takes to encode ``video``'s frames with Manim's settings
    (yuv420p, default preset, ``ENCODER_OPTIONS``): re-encoding time minus decoding time."""
    def timed(*output: str) -> float:
        start = time.perf_counter()
        subprocess.run(["ffmpeg", "-v", "error", "-i", str(video), *output, "-f", "null", "-"],
                       check=True)
        return time.perf_counter() - start

    options = [arg for key, value in ENCODER_OPTIONS.items() for arg in (f"-{key}", value)]
    return timed("-c:v", "libx264", "-pix_fmt", "yuv420p", *options) - timed()


def benchmark_rows(work: Path) -> list[dict[str, str]]:
    rows = []
    for tsv in sorted((work / "results/benchmarks").rglob("*.tsv")):
        with tsv.open() as handle:
            rows += [{"job": str(tsv.relative_to(work / "results/benchmarks").with_suffix("")), **r}
                     for r in csv.DictReader(handle, delimiter="\t")]
    return rows


def animation_table(work: Path, quality: str) -> list[str]:
    lines = []
    timings = {r["job"]: float(r["s"]) for r in benchmark_rows(work)}
    for video in sorted((work / "figures").rglob("animations/*.mp4")):
        scenario, name = video.parts[-3], video.stem
        render = timings.get(f"{scenario}/animation_{name}", float("nan"))
        frames, fps, width, height = probe(video)
        floor = encode_floor(video)
        lines.append(f"| {quality} | {scenario}/{name} | {width}x{height} | {render:.1f} | {frames} | "
                     f"{frames / fps:.1f} | {frames / render:.1f} | {floor:.1f} | {render / floor:.1f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description="l2geom build benchmark")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (default 3)")
    parser.add_argument("--production-runs", type=int, default=None,
                        help="cold production builds per core count (default: --runs)")
    parser.add_argument("--qualities", nargs="+", default=["preview", "production"],
                        choices=["preview", "production"])
    args = parser.parse_args()
    out = ["# l2geom build benchmark\n", f"Machine: {machine()}\n",
           f"Runs per figure: {args.runs}, cold production builds: "
           f"{args.production_runs or args.runs} (median, min, max; seconds)\n"]
    with tempfile.TemporaryDirectory(prefix="l2geom-bench-") as tmp:
        base = Path(tmp)
        built: dict[str, Path] = {}  # the --cores 1 build: each job timed on its own
        parallel: dict[str, Path] = {}  # the --cores 2 build: no-op and edits
        out.append("\n## Cold full build\n\nCPU: user + sys seconds of all processes (median);"
                   " busy: CPU / wall, the cores kept busy on average.\n\n"
                   "| quality | cores 1 | cores 2 | speed-up | CPU, busy (cores 1) |"
                   " CPU, busy (cores 2) |\n|---|---|---|---|---|---|")
        for quality in args.qualities:
            runs = args.production_runs if quality == "production" and args.production_runs else args.runs
            times, cpu, folders = cold_builds(base, quality, runs)
            built[quality], parallel[quality] = folders[1], folders[2]
            wall = {c: statistics.median(times[c]) for c in times}
            used = {c: statistics.median(cpu[c]) for c in cpu}
            out.append(f"| {quality} | {summary(times[1])} | {summary(times[2])} | "
                       f"{wall[1] / wall[2]:.2f} | {used[1]:.0f} s, {used[1] / wall[1]:.2f} | "
                       f"{used[2]:.0f} s, {used[2] / wall[2]:.2f} |")
            print(out[-1], flush=True)
        work = parallel[args.qualities[0]]
        noop = [timed(work, "--cores", "2")[0] for _ in range(args.runs)]
        floor = snakemake_floor(base / "one-rule", args.runs)
        out.append(f"\n## No-op rebuild ({args.qualities[0]})\n\n{summary(noop)}\n\n"
                   f"Snakemake's own floor, a no-op of a one-rule workflow: {summary(floor)}")
        print(out[-1], flush=True)
        out.append(f"\n## Edit-to-deck latency ({args.qualities[0]})\n")
        for label, key, old, new in [("figure parameter: course lambdas.decay", "decay", "10", "12"),
                                     ("animation parameter: course lambdas.pull", "pull", "[5, 50]", "[5, 60]")]:
            times, jobs = edit_latency(work, key, old, new, args.runs)
            out.append(f"- {label}: {summary(times)}\n  - jobs rerun: {', '.join(jobs)}")
            print(out[-1], flush=True)
        out.append("\n## Animations (rendered alone, in the --cores 1 build)\n\n| quality | animation | size | render s | frames | length s | "
                   "frames/s | encode-only s | render/encode |\n|---|---|---|---|---|---|---|---|---|")
        for quality, folder in built.items():
            out += animation_table(folder, quality)
        out.append("\n## Peak memory per job (MB, max_rss, last --cores 1 build per quality)\n\n"
                   "| quality | job | s | max_rss |\n|---|---|---|---|")
        for quality, folder in built.items():
            for row in benchmark_rows(folder):
                out.append(f"| {quality} | {row['job']} | {float(row['s']):.2f} | {row['max_rss']} |")
    text = "\n".join(out) + "\n"
    (ROOT / "benchmarks/RESULTS.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
