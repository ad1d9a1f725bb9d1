"""What the second deck costs the default build: prints a table (and appends it to
benchmarks/RESULTS.md with --write).

Two production builds from scratch (each with an empty TeX cache) in scratch copies
(tools/scratch.py): the default
config, and the same config with only what the L2 lecture needs (no l1-geometry deck, no
course_pca scenario, no l1_vs_l2 figure of the course). Their difference in wall time
and in job seconds (results/benchmarks/, Snakemake's per-job timings) is the second
deck's hidden cost; beside it each deck's page count and build time.

    python benchmarks/decks.py            # about 8 minutes on two cores
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from scratch import make_scratch, snakemake  # noqa: E402

from l2geom.animations.tex_cache import CACHE_ENV  # noqa: E402

SECOND = "l1-geometry"
ONLY_SECOND = "course_pca"  # the scenario only the second deck draws
SHARED_FIGURE = ("course", "l1_vs_l2")  # the second deck's correlated case


def without_second_deck(config: Path) -> None:
    """The config of ``config`` with only what the first deck needs."""
    data = yaml.safe_load(config.read_text())
    del data["decks"][SECOND]
    del data["scenarios"][ONLY_SECOND]
    scenario, family = SHARED_FIGURE
    data["scenarios"][scenario]["figures"].remove(family)
    data["scenarios"][scenario]["lambdas"].pop("l1")
    config.write_text(yaml.safe_dump(data, sort_keys=False))


def build(work: Path, cores: int) -> float:
    """Wall seconds of a whole build in ``work`` with an empty TeX cache of its own (the
    user's cache would hold every formula of earlier builds); exits if it fails."""
    os.environ[CACHE_ENV] = str(work / "tex-cache")
    start = time.perf_counter()
    run = snakemake(work, "--cores", str(cores))
    if run.returncode != 0:
        sys.exit(f"the build in {work} failed:\n{run.stderr[-3000:]}")
    return time.perf_counter() - start


def job_seconds(work: Path) -> dict[str, float]:
    """Each job's wall seconds, by its benchmark file (relative to results/benchmarks)."""
    bench = work / "results" / "benchmarks"
    out = {}
    for path in sorted(bench.rglob("*.tsv")):
        with path.open() as handle:
            out[str(path.relative_to(bench))] = float(
                next(csv.DictReader(handle, delimiter="\t"))["s"]
            )
    return out


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="append to benchmarks/RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="l2geom-decks-") as tmp:
        both = make_scratch(Path(tmp) / "both", quality="production")
        first = make_scratch(Path(tmp) / "first", quality="production")
        without_second_deck(first / "config" / "config.yaml")
        wall_first = build(first, args.cores)
        wall_both = build(both, args.cores)
        jobs_first, jobs_both = job_seconds(first), job_seconds(both)
        added = {job: s for job, s in jobs_both.items() if job not in jobs_first}
        deck_jobs = {job: s for job, s in jobs_both.items() if SECOND in job}
        lines = [
            f"## The second deck's cost ({args.cores} cores, production quality, from scratch)",
            "",
            "| build | wall s | jobs | job seconds |",
            "| --- | ---: | ---: | ---: |",
            f"| L2 lecture only | {wall_first:.0f} | {len(jobs_first)} | {sum(jobs_first.values()):.0f} |",
            f"| default (both decks) | {wall_both:.0f} | {len(jobs_both)} | {sum(jobs_both.values()):.0f} |",
            f"| difference | {wall_both - wall_first:+.0f} | {len(added)} | {sum(added.values()):.0f} |",
            "",
            f"The {len(added)} jobs the second deck adds, slowest first:",
            "",
            *(f"- `{job}`: {s:.1f} s" for job, s in sorted(added.items(), key=lambda kv: -kv[1])),
            "",
            f"Its own slide jobs (values, PDF, handout, HTML): {sum(deck_jobs.values()):.1f} s.",
            "",
            "| deck | pages | handout pages |",
            "| --- | ---: | ---: |",
        ]
        for deck in ("l2-weight-decay", SECOND):
            build_dir = both / "slides" / "build"
            lines.append(
                f"| {deck} | {pages(build_dir / f'{deck}.pdf')} | "
                f"{pages(build_dir / f'{deck}-handout.pdf')} |"
            )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        with (ROOT / "benchmarks" / "RESULTS.md").open("a") as handle:
            handle.write("\n" + text)


if __name__ == "__main__":
    main()
