"""Glue for workflow scripts: logging to the rule's log file, a full disk in one line."""

from __future__ import annotations

import logging
from pathlib import Path

from .fulldisk import install


def log_to(path: str | Path) -> logging.Logger:
    """A logger writing to the job's ``log:`` file (also catching warnings)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        filename=path,
        filemode="w",
        level=logging.INFO,
        force=True,
        format="%(asctime)s %(levelname)s %(message)s",
    )
    logging.captureWarnings(True)
    return logging.getLogger("l2geom")


def watch_disk(sm) -> None:
    """A full disk ends the job ``sm`` (a script's ``snakemake`` object) with one line
    naming the file system and the job (l2geom.pipeline.fulldisk)."""
    wildcards = ", ".join(f"{k}={v}" for k, v in sm.wildcards.items())
    install(f"{sm.rule}" + (f" ({wildcards})" if wildcards else ""), list(sm.output))


def job_log(sm) -> logging.Logger:
    """The logger of the job ``sm``, which reports a full disk in one line (watch_disk)."""
    watch_disk(sm)
    return log_to(sm.log[0])
