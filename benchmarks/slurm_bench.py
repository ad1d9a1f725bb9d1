#!/usr/bin/env python3
"""The cluster route against a local build, on the same cores.

Builds config/many-scenarios.yaml's default target (the compute and figure stages of 20
scenarios) in fresh scratch copies (tools/scratch.py): through a real single-node SLURM
(tools/slurm/minicluster.py, as tests/test_slurm.py) with profiles/slurm, and locally
with --cores 2. The runs alternate (local, SLURM, SLURM, local, ...) since this
machine's speed drifts. Needs root and the SLURM layer (`make slurm-setup`), as the test.

    python benchmarks/slurm_bench.py [--runs N]

Prints a markdown table for benchmarks/RESULTS.md: wall times, Snakemake jobs, SLURM jobs
submitted, and the ratio of the medians (issue 18's target: <= 1.5). As in the test, the
status checks start 2 s after a submission (the profile's 10 s suits a real queue).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from scratch import SLURM_LAYER, SNAKEMAKE, SNAKEMAKE_SLURM, make_scratch, snakemake  # noqa: E402

_spec = importlib.util.spec_from_file_location("minicluster", ROOT / "tools/slurm/minicluster.py")
minicluster = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(minicluster)

CONFIG = "config/many-scenarios.yaml"
SUBMITTED = re.compile(r"has been submitted with SLURM jobid \d+")
ROUTES = {  # route: (command, arguments, extra PYTHONPATH)
    "local": (SNAKEMAKE, ["--cores", "2"], []),
    "slurm": (
        SNAKEMAKE_SLURM,
        ["--workflow-profile", "profiles/slurm", "--slurm-init-seconds-before-status-checks", "2"],
        [SLURM_LAYER],
    ),
}


def build(workdir: Path, route: str) -> tuple[float, int, int]:
    """(seconds, Snakemake jobs, SLURM jobs submitted) of one build."""
    command, args, extra_path = ROUTES[route]
    start = time.monotonic()
    run = snakemake(
        workdir, "--configfile", CONFIG, *args, extra_path=extra_path, command=command, timeout=3600
    )
    seconds = time.monotonic() - start
    log = run.stdout + run.stderr
    if run.returncode != 0:
        sys.exit(f"slurm_bench: the {route} build failed:\n{log[-3000:]}")
    jobs = int(re.findall(r"^total\s+(\d+)\s*$", log, flags=re.M)[0])
    return seconds, jobs, len(SUBMITTED.findall(log))


def table(results: dict[str, list[tuple[float, int, int]]]) -> str:
    median = {route: statistics.median(r[0] for r in runs) for route, runs in results.items()}
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        f"SLURM against local, {CONFIG} (compute + figures), {os.cpu_count()} CPUs, "
        f"commit {commit}, {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        "| build | runs (s) | median (s) | Snakemake jobs | SLURM jobs |",
        "| --- | --- | --- | --- | --- |",
    ]
    names = {"local": "local, `--cores 2`", "slurm": "SLURM (profiles/slurm), one node"}
    for route, runs in results.items():
        lines.append(
            f"| {names[route]} | {', '.join(f'{r[0]:.0f}' for r in runs)} | "
            f"{median[route]:.0f} | {runs[0][1]} | "
            f"{runs[0][2] if route == 'slurm' else '-'} |"
        )
    # run i's pair ran back to back: under a drifting load its ratio is the steadier one
    pairs = [slurm[0] / local[0] for slurm, local in zip(results["slurm"], results["local"])]
    lines += [
        "",
        f"SLURM / local: {median['slurm'] / median['local']:.2f} (medians), "
        f"{', '.join(f'{r:.2f}' for r in pairs)} (run by run); load average at the "
        f"end {os.getloadavg()[0]:.1f}",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="builds per route (default 2)")
    runs = parser.parse_args().runs
    minicluster.install()
    with tempfile.TemporaryDirectory(prefix="l2geom-slurm-bench-") as tmp:
        tmp = Path(tmp)
        # a short path: it ends up in slurm.conf and in the munge socket's name
        cluster = minicluster.Cluster(tmp / "slurm")
        cluster.up(timeout=90)
        os.environ["SLURM_CONF"] = str(cluster.conf)  # the builds pass os.environ on
        try:
            results: dict[str, list] = {"local": [], "slurm": []}
            for i in range(runs):
                for route in ("local", "slurm") if i % 2 == 0 else ("slurm", "local"):
                    work = make_scratch(tmp / f"{route}-{i}", "preview")
                    results[route].append(build(work, route))
                    print(f"run {i + 1}, {route}: {results[route][-1][0]:.0f} s", file=sys.stderr)
        finally:
            cluster.down(keep=False, quiet=True)
    print(table(results))


if __name__ == "__main__":
    main()
