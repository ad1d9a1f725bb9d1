"""The one way l2geom writes an output: to a temporary file beside it, then a rename.

An interrupted job never leaves a half-written file that looks finished. The temporary
file is created with mode 0666 and the kernel applies the umask, so an output gets the
mode any other file of the user gets (0644 under umask 022, 0664 under 002 for a
group-shared course folder); ``tempfile.mkstemp`` would give 0600.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

# Every temporary name here (and a render's media folder) is hidden and ends in ".tmp":
# after a build killed outright (no cleanup ran) such an entry is debris of that build.
TEMP_SUFFIX = ".tmp"


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A fresh, empty temporary path beside ``path`` to write to; on a clean exit it
    replaces ``path`` in one rename, on an error it is removed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            break
        except FileExistsError:
            continue
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def publish(source: str | Path, path: str | Path) -> None:
    """Move the finished file ``source`` to ``path`` atomically: a rename, or a copy beside
    ``path`` and a rename when ``source`` is on another file system."""
    try:
        os.replace(source, path)
    except OSError:
        with atomic_path(path) as tmp:
            shutil.copyfile(source, tmp)


@contextlib.contextmanager
def atomic_dir(path: str | Path) -> Iterator[Path]:
    """A fresh, empty folder beside ``path`` to fill; on a clean exit it takes the place of
    ``path`` (an old folder there is moved aside, then removed), on an error it is removed
    and the old folder stays. A reader never sees half a folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        work = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
        try:
            os.mkdir(work, 0o777)  # the umask applies, as for any other folder
            break
        except FileExistsError:
            continue
    old = path.with_name(f".{path.name}.old")
    try:
        yield work
        shutil.rmtree(old, ignore_errors=True)
        if path.exists():
            path.rename(old)
        work.rename(path)
    except BaseException:
        if old.exists() and not path.exists():
            old.rename(path)
        shutil.rmtree(work, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


def remove_leftovers(folder: str | Path) -> int:
    """Remove the temporary files and folders a killed build left under ``folder`` (only
    call this when no build runs there); returns how many."""
    found = [p for p in Path(folder).rglob(f".*{TEMP_SUFFIX}")] if Path(folder).is_dir() else []
    removed = 0
    for path in sorted(found, key=lambda p: len(p.parts)):  # outermost first
        if not path.exists() and not path.is_symlink():
            continue  # inside one removed before
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed += 1
    return removed
