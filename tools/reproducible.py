"""Two clean builds at preview quality must give the same bytes, videos included.

Usage: python tools/reproducible.py [--keep DIR]; prints every file that differs and
exits 1 if any does (or if the two builds produce different file lists).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scratch import fingerprint, make_scratch, outputs, snakemake  # noqa: E402


def build(folder: Path) -> dict[Path, str]:
    work = make_scratch(folder)
    run = snakemake(work, "--cores", "2")
    if run.returncode != 0:
        sys.exit(f"build in {work} failed:\n{run.stderr[-3000:]}")
    return {path: fingerprint(work / path) for path in outputs(work)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="l2geom-repro-") as tmp:
        base = args.keep or Path(tmp)
        first, second = build(base / "a"), build(base / "b")
    differ = sorted(set(first) ^ set(second)) + sorted(
        p for p in set(first) & set(second) if first[p] != second[p]
    )
    for path in differ:
        print(f"DIFFERS: {path}")
    print(f"compared {len(set(first) | set(second))} files: {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
