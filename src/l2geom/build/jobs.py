"""Glue for workflow scripts: logging to the rule's log file, loading stored quadratics."""

from __future__ import annotations

import logging
from pathlib import Path

from . import store
from ..core.quadratic import Quadratic


def log_to(path: str | Path) -> logging.Logger:
    """A logger writing to the job's ``log:`` file (also catching warnings)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=path, filemode="w", level=logging.INFO, force=True,
                        format="%(asctime)s %(levelname)s %(message)s")
    logging.captureWarnings(True)
    return logging.getLogger("l2geom")


def load_quadratic(path: str | Path) -> Quadratic:
    """The Quadratic stored in a quadratic.npz data file."""
    data = store.load(path)
    return Quadratic(data["hessian"], data["theta_hat"], float(data["risk_min"]),
                     int(data["observations"]))
