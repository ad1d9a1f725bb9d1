"""A full disk, said in one line: which file system, which job, what to do.

A job that runs out of space fails like any other (every output is written to a
temporary name first, l2geom.atomic, so nothing truncated is left at an output path), but
its traceback ends deep in Manim, PyAV or matplotlib, often wrapped (Manim raises a
RuntimeError "from" the OSError). :func:`install` replaces it by one line; the traceback
still goes to the job's log when there is room for it.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

FULL = (errno.ENOSPC, errno.EDQUOT)


def full_disk_error(exc: BaseException | None) -> OSError | None:
    """The out-of-space OSError that ``exc`` is or was raised from (its cause or context)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in FULL:
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def mount_point(path: str | Path) -> Path:
    """The mount point of the file system that holds ``path`` (or would hold it)."""
    path = Path(os.path.abspath(path))
    while not path.exists():
        path = path.parent
    while not os.path.ismount(path):
        path = path.parent
    return path


def describe(path: str | Path) -> str:
    """``/data (tmpfs, 3 MB)``: the file system holding ``path``, its type and size (not
    its free space: the failed job's temporaries are gone by the time this is read)."""
    mount = mount_point(path)
    kind = "?"
    try:
        for line in Path("/proc/self/mounts").read_text().splitlines():
            fields = line.split()
            if len(fields) > 2 and fields[1].replace("\\040", " ") == str(mount):
                kind = fields[2]  # the last mount there is the one in use
    except OSError:
        pass
    stat = os.statvfs(mount)
    return f"{mount} ({kind}, {stat.f_blocks * stat.f_frsize / 2**20:.0f} MB)"


def message(err: OSError, job: str, outputs: Sequence[str]) -> str:
    path = err.filename or (outputs[0] if outputs else ".")
    return (
        f"l2geom: no space left on {describe(path)}: job {job} failed; free some space "
        "and run the build again"
    )


def install(job: str, outputs: Sequence[str]) -> None:
    """From now on an uncaught out-of-space error of this process (job ``job`` writing
    ``outputs``) prints one line to stderr; any other error its usual traceback."""

    def hook(kind, value, traceback):
        err = full_disk_error(value)
        if err is None:
            return sys.__excepthook__(kind, value, traceback)
        logging.raiseExceptions = False  # the log may be on the full disk too: no noise
        logging.getLogger("l2geom").error("out of space", exc_info=(kind, value, traceback))
        print(message(err, job, outputs), file=sys.stderr)

    sys.excepthook = hook
