"""Digests of the package's own code, so that editing it reruns exactly the jobs that run it.

Snakemake's code trigger sees only a rule's script; the rules pass these digests as
params instead. Paths are found from this file's location (not from the Snakefile's),
and a pattern that matches no file is an error: a digest of nothing would never change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]

# The code that checks a config (l2geom.config.check stores its result under a digest of these).
CHECK_CODE = (
    "config/*.py",
    "pipeline/code.py",
    "errors.py",
    "catalogue.py",
    "limits.py",
    "atomic.py",
    "core/datasets.py",
    "core/quadratic.py",
    "core/descent.py",
    "core/sources.py",
    "core/lasso.py",
)
# The package code each stage of the workflow runs. The catalogue is not among them: what
# a job takes from its spec (the function, the parameters, the files) reaches it as the
# rule's params and outputs, so a new spec reruns nothing that exists.
DATA_FILE_CODE = ("datafile.py", "atomic.py", "core/quadratic.py")
STAGE_CODE = {
    "compute": (
        "core/*.py",
        "limits.py",
        "pipeline/jobs.py",
        "pipeline/fulldisk.py",
        *DATA_FILE_CODE,
    ),
    "figures": (
        "figures/*.py",
        "views.py",
        "core/plane.py",
        "style.py",
        "l2geom.mplstyle",
        "numbers.py",
        *DATA_FILE_CODE,
    ),
    # shared by every animation; each also runs its own scene module (SCENE_CODE)
    "animations": (
        "animations/*.py",
        "views.py",
        "core/plane.py",
        "style.py",
        "numbers.py",
        *DATA_FILE_CODE,
    ),
    # the decks' values (l2geom.catalogue.DECKS) and what they compute with
    "slides": (
        "slides/*.py",
        "style.py",
        "numbers.py",
        "core/lasso.py",
        "core/ridge.py",
        *DATA_FILE_CODE,
    ),
}

# The scene module of animation {name}: an edit to it reruns that animation only.
SCENE_CODE = "animations/scenes/{name}.py"


def code_digest(patterns: Iterable[str]) -> str:
    """sha256 (16 hex digits) of the package files matching ``patterns`` (globs relative
    to the package), names included; FileNotFoundError when a pattern matches nothing."""
    paths = set()
    for pattern in patterns:
        matched = [p for p in PACKAGE.glob(pattern) if p.is_file()]
        if not matched:
            raise FileNotFoundError(f"code pattern {pattern!r} matches no file in {PACKAGE}")
        paths.update(matched)
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def stage_digests() -> dict[str, str]:
    """``{stage: digest}`` for every stage of :data:`STAGE_CODE`."""
    return {stage: code_digest(patterns) for stage, patterns in STAGE_CODE.items()}


def animation_patterns(name: str) -> tuple[str, ...]:
    """The code patterns of animation ``name``'s render: the shared ones and its scene."""
    return (*STAGE_CODE["animations"], SCENE_CODE.format(name=name))


def animation_digests(names: Iterable[str]) -> dict[str, str]:
    """``{animation: digest}`` of the code each animation's render runs."""
    return {name: code_digest(animation_patterns(name)) for name in names}
