"""Copies of the project for whole-build tests and benchmarks.

A scratch copy holds the project's tracked and untracked-but-not-ignored files (no
outputs, no .venv), with the config's render quality set as asked; builds in it run
the copy's Snakefile with this checkout's .venv.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAKEMAKE = [sys.executable, "-m", "snakemake"]
# The opt-in SLURM layer (requirements-slurm.lock; `make slurm-setup`): the executor plugin
# and pandas, outside .venv's site-packages; a SLURM-profile build needs it on PYTHONPATH.
SLURM_LAYER = ROOT / ".venv" / "slurm-plugin"
# Snakemake for the SLURM route (`make slurm`): its jobs get the grouping options
SNAKEMAKE_SLURM = [sys.executable, str(ROOT / "tools" / "slurm" / "snakemake_with_groups.py")]


def project_files(root: Path = ROOT) -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root,
        capture_output=True,
        check=True,
    )
    return [f for f in out.stdout.decode().split("\0") if f and (root / f).is_file()]


def make_scratch(
    dest: Path, quality: str = "preview", short: bool = False, root: Path = ROOT
) -> Path:
    """A fresh copy of the project in ``dest`` whose config renders at ``quality``
    (with ``short``, animations compressed five-fold, for tests)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in project_files(root):
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    # installed dependencies the copy uses from the checkout, like .venv
    for installed in ("slides/html/node_modules",):
        if (root / installed).exists():
            (dest / installed).symlink_to(root / installed)
    config = dest / "config/config.yaml"
    text = config.read_text()
    text = text.replace("\nquality: production", f"\nquality: {quality}")
    if short:
        text = text.replace("\nshort_animations: false", "\nshort_animations: true")
    config.write_text(text)
    return dest


# The smallest build that renders: one scenario, one figure family, one short preview
# animation, no deck (~15 s on 2 cores); for tests of whole builds that kill or starve one.
SMALL_CONFIG = """\
quality: preview
short_animations: true
scenarios:
  course:
    source:
      generate: {n: 100, weights: [0.5, 3.0], noise_sd: 0.5, seed: 1}
    descent: {step_size: 0.005, steps: 100, start: [0.0, 0.0]}
    lambdas: {decay: 10, pull: [5, 50], rescale: 50}
    figures: [gd_vs_weight_decay]
    animations: [rotate_rescale]
"""


def make_small_scratch(dest: Path, root: Path = ROOT) -> Path:
    """A scratch copy in ``dest`` whose config is :data:`SMALL_CONFIG`."""
    make_scratch(dest, root=root)
    (dest / "config/config.yaml").write_text(SMALL_CONFIG)
    return dest


def scratch_env(workdir: Path, extra_path: Sequence[Path] = ()) -> dict[str, str]:
    """Environment for a build in ``workdir``: this .venv first on PATH, and the copy's own
    src/ first on PYTHONPATH (so an edit of the checkout mid-run cannot leak in), then
    ``extra_path`` (e.g. SLURM_LAYER)."""
    return {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "PYTHONPATH": os.pathsep.join(str(p) for p in [workdir / "src", *extra_path]),
    }


def snakemake(
    workdir: Path,
    *args: str,
    extra_path: Sequence[Path] = (),
    command: Sequence[str] = SNAKEMAKE,
    **kwargs,
) -> subprocess.CompletedProcess:
    """Run snakemake (``command``) in ``workdir`` (output captured, text), with
    ``extra_path`` after the copy's src/ on PYTHONPATH."""
    env = scratch_env(workdir, extra_path)
    return subprocess.run(
        [*command, *args], cwd=workdir, capture_output=True, text=True, env=env, **kwargs
    )


def outputs(workdir: Path) -> list[Path]:
    """Every built output of a scratch project, relative to it, sorted."""
    found = []
    for folder in ("results/data", "figures", "slides/build", "slides/generated"):
        base = workdir / folder
        if base.exists():
            found += [
                p.relative_to(workdir)
                for p in base.rglob("*")
                if p.is_file() and not p.name.endswith((".log", ".tsv"))
            ]
    return sorted(found)


def fingerprint(path: Path) -> str:
    """Digest of the file's bytes (videos too: libx264 runs on one thread, so a render gives
    the same bytes on any machine)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
