"""Render one animation from a data folder: ``python -m l2geom.animations NAME DATA_DIR``.

Example::

    python -m l2geom.animations rotate_rescale results/data/course \\
        --out figures/course/animations --quality preview

writes ``NAME.mp4``, the poster ``NAME.png``, the pause points ``NAME.json``, the stage
stills ``NAME/`` and the snippet ``NAME.tex`` to ``--out`` (default: the current folder).
Snakemake uses the same entry point through workflow/scripts/animation.py.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from l2geom.animations.rendering import QUALITY, render
from l2geom.catalogue import ANIMATIONS


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m l2geom.animations",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("name", choices=sorted(ANIMATIONS))
    parser.add_argument("data", type=Path, help="scenario data folder, e.g. results/data/course")
    parser.add_argument("--out", type=Path, default=Path("."))
    parser.add_argument("--quality", choices=sorted(QUALITY), default="preview")
    parser.add_argument("--short", action="store_true", help="compressed timing, for quick looks")
    parser.add_argument(
        "--lambdas",
        type=float,
        nargs="+",
        help="decay_trajectories: the λ values to compare (stored in descent_pull.npz)",
    )
    args = parser.parse_args(argv)
    extra = {"lambdas": args.lambdas} if args.lambdas and args.name == "decay_trajectories" else {}
    start = time.perf_counter()
    render(
        args.name,
        args.data,
        args.out / f"{args.name}.mp4",
        args.out / f"{args.name}.png",
        pauses=args.out / f"{args.name}.json",
        stills=args.out / args.name,
        snippet=args.out / f"{args.name}.tex",
        scenario=args.data.name,
        quality=args.quality,
        short=args.short,
        **extra,
    )
    print(f"{args.name}: {time.perf_counter() - start:.1f} s -> {args.out / args.name}.mp4")


if __name__ == "__main__":
    main()
