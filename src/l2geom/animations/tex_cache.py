"""A content-addressed cache of Manim's compiled LaTeX, shared by every render.

Manim names each string it typesets by a hash of its whole TeX source (template and
expression) and runs LaTeX only when ``<hash>.svg`` is not yet in the render's tex_dir.
Each render keeps a private tex_dir (parallel renders never share LaTeX's working
files); :func:`shared` fills it from the cache before the render and, when the render
succeeds, publishes the SVGs it compiled. A file enters the cache by an atomic rename,
so a reader finds a whole SVG or none, and renders racing to publish the same string
write the same bytes. The cache is split by the versions of LaTeX and dvisvgm, so
another TeX installation never serves SVGs of this one.

Location: ``$L2GEOM_TEX_CACHE``, else ``$XDG_CACHE_HOME/l2geom/tex``, else
``~/.cache/l2geom/tex``. Deleting it at any time is safe.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from ..atomic import atomic_path

log = logging.getLogger(__name__)
CACHE_ENV = "L2GEOM_TEX_CACHE"
# Manim's name for a compiled string: tex_file_writing.tex_hash (16 hex digits)
ENTRY = re.compile(r"[0-9a-f]{16}\.svg")


def cache_root() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "l2geom" / "tex"


@functools.cache
def toolchain() -> str:
    """Digest of the TeX programs' versions (`latex --version`, `dvisvgm --version`)."""
    digest = hashlib.sha256()
    for program in ("latex", "dvisvgm"):
        try:
            out = subprocess.run([program, "--version"], capture_output=True, text=True).stdout
        except FileNotFoundError:
            out = "missing"
        digest.update(f"{program}\0{out}\0".encode())
    return digest.hexdigest()[:16]


def folder() -> Path:
    """This machine's cache folder (under :func:`cache_root`, by :func:`toolchain`)."""
    return cache_root() / toolchain()


def entries(directory: Path) -> set[str]:
    return (
        {p.name for p in directory.glob("*.svg") if ENTRY.fullmatch(p.name)}
        if directory.is_dir()
        else set()
    )


def fill(tex_dir: Path, cache: Path) -> int:
    """Link (or copy) every cached SVG into ``tex_dir``; returns how many."""
    tex_dir.mkdir(parents=True, exist_ok=True)
    names = entries(cache) - entries(tex_dir)
    for name in names:
        try:
            os.link(cache / name, tex_dir / name)
        except OSError:  # another file system, or links not allowed
            shutil.copyfile(cache / name, tex_dir / name)
    return len(names)


def publish(tex_dir: Path, cache: Path) -> int:
    """Add ``tex_dir``'s SVGs that ``cache`` lacks, each by an atomic rename; returns how many."""
    names = entries(tex_dir) - entries(cache)
    if names:
        cache.mkdir(parents=True, exist_ok=True)
    for name in names:
        with atomic_path(cache / name) as staged:
            shutil.copyfile(tex_dir / name, staged)
    return len(names)


@contextlib.contextmanager
def shared(tex_dir: Path, cache: Path | None = None) -> Iterator[Path]:
    """Around a render whose Manim tex_dir is ``tex_dir``: fill it from the cache, and
    publish what the render compiled if it succeeds. Yields the cache folder."""
    cache = folder() if cache is None else cache
    try:
        fill(tex_dir, cache)
    except OSError as err:  # an unreadable cache only costs time
        log.warning("TeX cache %s not used: %s", cache, err)
    yield cache
    try:
        publish(tex_dir, cache)
    except OSError as err:
        log.warning("TeX cache %s not updated: %s", cache, err)
