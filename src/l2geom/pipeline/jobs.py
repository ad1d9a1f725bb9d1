"""Glue for workflow scripts: logging to the rule's log file."""

from __future__ import annotations

import logging
from pathlib import Path


def log_to(path: str | Path) -> logging.Logger:
    """A logger writing to the job's ``log:`` file (also catching warnings)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=path, filemode="w", level=logging.INFO, force=True,
                        format="%(asctime)s %(levelname)s %(message)s")
    logging.captureWarnings(True)
    return logging.getLogger("l2geom")
