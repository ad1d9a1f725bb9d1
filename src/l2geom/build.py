"""The everyday build command: ``python -m l2geom.build [snakemake options]`` (``make``).

It holds an OS-level lock on the project folder for the whole build, then becomes
``snakemake`` (same process, so the lock lives exactly as long as the build). The kernel
releases an ``flock`` when its process dies, however it dies (``kill -9``, the OOM killer,
a dropped SSH session), so the lock tells a dead build from a live one, which Snakemake's
own lock files (``.snakemake/locks/``, left behind by a killed build) cannot:

- the lock is free and Snakemake's lock files exist: the build that left them is dead;
  they are removed with its temporary files, one line says so, and the build goes on
  (Snakemake's ``rerun-incomplete``, in the profile, redoes the jobs it cut short);
- the lock is held: another build is running here; one line names it (PID, command, since
  when) and the command exits with status 75 without touching anything.

Run it from the project root, like ``snakemake``.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import sys
import time
from pathlib import Path

from .atomic import remove_leftovers

LOCK_FILE = Path(".snakemake/l2geom/build.lock")
SNAKEMAKE_LOCKS = Path(".snakemake/locks")
# Where jobs write (outputs, logs, render media folders): a killed build's temporaries
OUTPUT_FOLDERS = ("results", "figures", "slides/build", "slides/generated")
BUSY = 75  # EX_TEMPFAIL: try again later


def acquire(root: Path) -> int | None:
    """A descriptor holding the build lock of ``root``, or None when another process holds it."""
    path = root / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    # The lock file is not an output: it is locked in place, never replaced (a rename
    # would give a second build another file to lock), and its contents only inform.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        os.close(fd)
        if err.errno in (errno.EWOULDBLOCK, errno.EACCES):
            return None
        raise
    return fd


def holder(root: Path) -> str:
    """Who holds the lock, as its holder recorded it: "PID 123 (command), since ... (N s ago)"."""
    try:
        record = json.loads((root / LOCK_FILE).read_text())
        started = float(record["started"])
        return (
            f"PID {int(record['pid'])} ({str(record['command'])[:80]}), since "
            f"{time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(started))} "
            f"({time.time() - started:.0f} s ago)"
        )
    except (OSError, ValueError, KeyError, TypeError):
        return "it has not recorded itself yet"


def record(fd: int, command: list[str]) -> None:
    """Write this process (which is about to become snakemake) into the locked file."""
    text = json.dumps({"pid": os.getpid(), "started": time.time(), "command": " ".join(command)})
    os.ftruncate(fd, 0)
    os.pwrite(fd, text.encode() + b"\n", 0)


def snakemake_elsewhere(root: Path) -> int | None:
    """PID of a snakemake started without this command (so without the lock) that runs in
    ``root``; it owns the lock files that look stale. Linux only (/proc); None elsewhere."""
    here = root.resolve()
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if int(proc.name) == os.getpid() or Path(os.readlink(proc / "cwd")) != here:
                continue
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            continue
        if any(
            Path(arg.decode(errors="replace")).name == "snakemake" or arg == b"snakemake"
            for arg in argv[:3]
        ):
            return int(proc.name)
    return None


def main(args: list[str], root: Path = Path(".")) -> int:
    """Lock ``root``, clear stale Snakemake locks, then exec snakemake with ``args``."""
    fd = acquire(root)
    if fd is None:
        print(
            f"l2geom: another build is running in {root.resolve()}: {holder(root)}; "
            "nothing was touched",
            file=sys.stderr,
        )
        return BUSY
    stale = sorted((root / SNAKEMAKE_LOCKS).glob("*.lock"))
    if stale:
        other = snakemake_elsewhere(root)
        if other is not None:
            print(
                f"l2geom: a snakemake started by hand (PID {other}) is running in "
                f"{root.resolve()}; nothing was touched",
                file=sys.stderr,
            )
            return BUSY
        for path in stale:
            path.unlink(missing_ok=True)
        debris = sum(remove_leftovers(root / folder) for folder in OUTPUT_FOLDERS)
        print(
            f"l2geom: a build here was interrupted: removed its stale Snakemake lock "
            f"and {debris} temporary files; building",
            file=sys.stderr,
        )
    command = [sys.executable, "-m", "snakemake", *args]
    record(fd, command)
    os.set_inheritable(fd, True)  # exec keeps the descriptor, and with it the lock
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, command)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
