"""Benchmark of the build, before and after: prints tables and writes them to
benchmarks/RESULTS.md.

"Before" is the project at --before (a commit; the default, BEFORE, is named in
benchmarks/RESULTS.md), "after" is this checkout; both are measured in the same run, in scratch copies
(tools/scratch.py), so the machine's drift between runs cancels and the checkout's
outputs are never touched. Figures with several runs are medians (min and max beside).

    python benchmarks/bench.py                      # before/after, encoder table, 3 runs
    python benchmarks/bench.py --runs 1 --no-encoders
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from scratch import SNAKEMAKE, make_scratch, snakemake  # noqa: E402

from l2geom.animations.rendering import ENCODER_OPTIONS  # noqa: E402
from l2geom.animations.tex_cache import CACHE_ENV  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import encoders  # noqa: E402

# the default commit to compare with (RESULTS.md says which stage of the project it is)
BEFORE = "b127d70"
# the author's loop: an edit to this scene's module, then its preview video rebuilt
LOOP_SCENE = "lambda_sweep"

DECK = Path("slides/build/l2-weight-decay.pdf")
SLURM_PART = "\n## SLURM against local"


def timed(work: Path, *args: str) -> tuple[float, str]:
    """Wall seconds of ``snakemake args`` in ``work``, and its log; exits if it fails."""
    start = time.perf_counter()
    run = snakemake(work, *args)
    elapsed = time.perf_counter() - start
    if run.returncode != 0:
        sys.exit(f"snakemake {' '.join(args)} failed in {work}:\n{run.stderr[-3000:]}")
    return elapsed, run.stdout + run.stderr


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
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    versions = subprocess.run(
        [
            sys.executable,
            "-c",
            "import manim, snakemake, matplotlib, numpy;"
            "print(f'manim {manim.__version__}, snakemake {snakemake.__version__}, "
            "matplotlib {matplotlib.__version__}, numpy {numpy.__version__}')",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    ffmpeg = subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True).stdout.split(
        "\n"
    )[0]
    return (
        f"{os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; {versions}; {ffmpeg}"
    )


def snakemake_floor(folder: Path, runs: int) -> list[float]:
    """No-op times of a one-rule workflow: Snakemake's start-up, which no workflow beats."""
    folder.mkdir()
    (folder / "Snakefile").write_text(
        'rule done:\n    output: "done"\n    run:\n        open(output[0], "w").close()\n'
    )
    run = [*SNAKEMAKE, "--cores", "2", "--quiet"]
    subprocess.run(run, cwd=folder, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(run, cwd=folder, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def edit_latency(
    work: Path, key: str, old: str, new: str, runs: int
) -> tuple[list[float], list[str]]:
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
    out = (
        subprocess.run(
            [
                "ffprobe",
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-count_frames",
                "-show_entries",
                "stream=nb_read_frames,r_frame_rate,width,height",
                "-of",
                "csv=p=0",
                str(video),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .split(",")
    )
    width, height, rate, frames = out
    num, den = rate.split("/")
    return int(frames), int(num) / int(den), int(width), int(height)


def encode_floor(video: Path) -> float:
    """Seconds libx264 takes to encode ``video``'s frames with Manim's settings
    (yuv420p, default preset, ``ENCODER_OPTIONS``): re-encoding time minus decoding time."""

    def timed(*output: str) -> float:
        start = time.perf_counter()
        subprocess.run(
            ["ffmpeg", "-v", "error", "-i", str(video), *output, "-f", "null", "-"], check=True
        )
        return time.perf_counter() - start

    options = [arg for key, value in ENCODER_OPTIONS.items() for arg in (f"-{key}", value)]
    return timed("-c:v", "libx264", "-pix_fmt", "yuv420p", *options) - timed()


def benchmark_rows(work: Path) -> list[dict[str, str]]:
    rows = []
    for tsv in sorted((work / "results/benchmarks").rglob("*.tsv")):
        with tsv.open() as handle:
            rows += [
                {"job": str(tsv.relative_to(work / "results/benchmarks").with_suffix("")), **r}
                for r in csv.DictReader(handle, delimiter="\t")
            ]
    return rows


def animation_table(work: Path, quality: str) -> list[str]:
    lines = []
    timings = {r["job"]: float(r["s"]) for r in benchmark_rows(work)}
    for video in sorted((work / "figures").rglob("animations/*.mp4")):
        scenario, name = video.parts[-3], video.stem
        render = timings.get(f"{scenario}/animation_{name}", float("nan"))
        frames, fps, width, height = probe(video)
        floor = encode_floor(video)
        lines.append(
            f"| {quality} | {scenario}/{name} | {width}x{height} | {render:.1f} | {frames} | "
            f"{frames / fps:.1f} | {frames / render:.1f} | {floor:.1f} | {render / floor:.1f} |"
        )
    return lines


@contextlib.contextmanager
def checkout(rev: str, dest: Path):
    """The project at commit ``rev`` in ``dest`` (a git worktree, removed afterwards),
    with this checkout's installed JavaScript packages."""
    subprocess.run(
        ["git", "worktree", "add", "--detach", "--force", str(dest), rev],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    try:
        modules = ROOT / "slides/html/node_modules"
        if modules.exists() and (dest / "slides/html").exists():
            (dest / "slides/html/node_modules").symlink_to(modules)
        yield dest
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(dest)], cwd=ROOT, capture_output=True
        )


def tex_cache(folder: Path):
    """Builds started inside use ``folder`` as their TeX cache (empty: a cold cache)."""
    return mock.patch.dict(os.environ, {CACHE_ENV: str(folder)})


def peak_rss(work: Path) -> tuple[float, str]:
    """The largest max_rss (MB) of a build's jobs, and its job."""
    return max((float(r["max_rss"]), r["job"]) for r in benchmark_rows(work))


def author_loop(work: Path, runs: int) -> tuple[list[float], list[str]]:
    """Seconds from an edit to LOOP_SCENE's module to its rebuilt preview video, and the
    jobs that ran (``--cores 2``, the video as the only target)."""
    module = next((work / "src/l2geom/animations").rglob(f"{LOOP_SCENE}.py"))
    original = module.read_text()
    target = f"figures/course/animations/{LOOP_SCENE}.mp4"
    times, jobs = [], []
    for i in range(runs):
        module.write_text(original + f"\n# edit {i}\n")
        elapsed, log = timed(work, "--cores", "2", target)
        times.append(elapsed)
        jobs = jobs_run(log)
    module.write_text(original)
    timed(work, "--cores", "2", target)  # back to the original module's video
    return times, jobs


def same_look(before: Path, after: Path) -> list[str]:
    """Per production video: frame counts and SSIM of after's frames against before's."""
    lines = []
    for video in sorted((after / "figures").rglob("animations/*.mp4")):
        old = before / video.relative_to(after)
        if not old.exists():
            lines.append(f"| {video.stem} | (new) | {probe(video)[0]} | |")
            continue
        lines.append(
            f"| {video.stem} | {probe(old)[0]} | {probe(video)[0]} | "
            f"{encoders.ssim(video, old, None):.4f} |"
        )
    return lines


def ratio(new: list[float], old: list[float]) -> str:
    return f"{statistics.median(new) / statistics.median(old):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description="l2geom build benchmark, before and after")
    parser.add_argument("--before", default=BEFORE, help=f"commit to compare with ({BEFORE})")
    parser.add_argument("--runs", type=int, default=3, help="runs of each loop (default 3)")
    parser.add_argument("--no-encoders", action="store_true", help="skip the encoder table")
    parser.add_argument(
        "--keep", type=Path, help="build here and keep the builds (to look at them)"
    )
    args = parser.parse_args()
    out = [
        "# l2geom build benchmark\n",
        f"Machine: {machine()}\n",
        f"Before: {args.before}; after: {git_head()}. Cold builds: one each; loops: "
        f"{args.runs} runs (median, min, max; seconds).\n",
    ]
    with (
        tempfile.TemporaryDirectory(prefix="l2geom-bench-") as tmp,
        checkout(args.before, Path(tmp) / "before-src") as before_root,
    ):
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        projects = {"before": before_root, "after": ROOT}
        cold, prod = {}, {}
        # production, --cores 2, from nothing; "after" also with the TeX cache it filled
        for label, root, cache in [
            ("before", before_root, "before"),
            ("after", ROOT, "after"),
            ("after, warm TeX cache", ROOT, "after"),
        ]:
            work = make_scratch(base / f"production-{len(cold)}", "production", root=root)
            with tex_cache(base / f"tex-{cache}"):
                cold[label] = timed(work, "--cores", "2")[0]
            prod[label] = work
            print(f"cold production build ({label}): {cold[label]:.1f} s", flush=True)
        loops, loop_jobs, preview = {}, {}, {}
        for label, root in projects.items():
            work = make_scratch(base / f"preview-{label}", "preview", root=root)
            with tex_cache(base / f"tex-{label}"):
                timed(work, "--cores", "2")
                loops[label], loop_jobs[label] = author_loop(work, args.runs)
            preview[label] = work
            print(f"author loop ({label}): {summary(loops[label])}", flush=True)
        rss = {label: peak_rss(prod[label]) for label in ("before", "after")}
        out.append(
            "\n## Before and after\n\n| measure | before | after | after / before |"
            "\n|---|---|---|---|"
        )
        for label, cache in [("after", "empty"), ("after, warm TeX cache", "warm")]:
            out.append(
                f"| cold production build, --cores 2 (after: {cache} TeX cache) | "
                f"{cold['before']:.1f} | {cold[label]:.1f} | {cold[label] / cold['before']:.2f} |"
            )
        out.append(
            f"| author loop: edit animations/{LOOP_SCENE}, rebuild its preview video | "
            f"{summary(loops['before'])} | {summary(loops['after'])} | "
            f"{ratio(loops['after'], loops['before'])} |"
        )
        out.append(
            f"| largest job max_rss, MB (production) | {rss['before'][0]:.0f} ({rss['before'][1]}) | "
            f"{rss['after'][0]:.0f} ({rss['after'][1]}) | {rss['after'][0] / rss['before'][0]:.2f} |"
        )
        out.append(
            f"\nJobs of the author loop: before {', '.join(loop_jobs['before'])}; "
            f"after {', '.join(loop_jobs['after'])}."
        )
        out.append(
            "\n## Same look: production videos, after against before\n\n"
            "| animation | frames before | frames after | SSIM after vs before |"
            "\n|---|---|---|---|"
        )
        out += same_look(prod["before"], prod["after"])
        print("\n".join(out[-8:]), flush=True)

        work = preview["after"]
        noop = [timed(work, "--cores", "2")[0] for _ in range(args.runs)]
        floor = snakemake_floor(base / "one-rule", args.runs)
        out.append(
            f"\n## No-op rebuild (preview, after)\n\n{summary(noop)}\n\n"
            f"Snakemake's own floor, a no-op of a one-rule workflow: {summary(floor)}"
        )
        out.append("\n## Edit-to-deck latency (preview, after)\n")
        with tex_cache(base / "tex-after"):
            for label, key, old, new in [
                ("figure parameter: course lambdas.decay", "decay", "10", "12"),
                ("animation parameter: course lambdas.pull", "pull", "[5, 50]", "[5, 60]"),
            ]:
                times, jobs = edit_latency(work, key, old, new, args.runs)
                out.append(f"- {label}: {summary(times)}\n  - jobs rerun: {', '.join(jobs)}")
                print(out[-1], flush=True)
        out.append(
            "\n## Animations (after; rendered two at a time, in the cold --cores 2 builds)\n\n"
            "| quality | animation | size | render s | frames | length s | "
            "frames/s | encode-only s | render/encode |\n|---|---|---|---|---|---|---|---|---|"
        )
        out += animation_table(preview["after"], "preview")
        out += animation_table(prod["after, warm TeX cache"], "production")
        out.append(
            "\n## Peak memory per job (MB, max_rss; after, cold production build)\n\n"
            "| job | s | max_rss |\n|---|---|---|"
        )
        out += [
            f"| {r['job']} | {float(r['s']):.2f} | {r['max_rss']} |"
            for r in benchmark_rows(prod["after"])
        ]
        if not args.no_encoders:
            out.append(f"\n## Encoder table\n\n{encoders.DESCRIPTION}\n")
            out += encoders.table(
                encoders.lossless_render(
                    "rotate_rescale",
                    prod["after"] / "results/data/course",
                    base / "rotate_rescale-lossless.mp4",
                ),
                base,
                None,
                encoders.SETTINGS,
            )
    text = "\n".join(out) + "\n"
    print(text)
    # the SLURM results (benchmarks/slurm_bench.py, pasted by hand) stay
    results = ROOT / "benchmarks/RESULTS.md"
    kept = results.read_text() if results.exists() else ""
    kept = kept[kept.index(SLURM_PART) :] if SLURM_PART in kept else ""
    results.write_text(text + kept)


def git_head() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


if __name__ == "__main__":
    main()
