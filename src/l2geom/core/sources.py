"""The quadratic of a scenario from its ``source`` config section: an explicit H and θ̂,
simulated regression data, or regression data read from a CSV file."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from .. import limits
from .datasets import read_csv
from .quadratic import Quadratic, decorrelate, from_regression, generate_regression


class SourceError(ValueError):
    """A bad source; ``key`` is the offending key below ``source`` (e.g. "generate.low")."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def finite(key: str, value: Any) -> np.ndarray:
    """``value`` as a float array; SourceError naming ``key`` for NaN or infinity."""
    array = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(array)):
        raise SourceError(key, "NaN or infinite value")
    return array


def quadratic_from_source(source: Mapping[str, Any], root: str | Path = ".") -> Quadratic:
    """The quadratic of a schema-checked ``source`` section (a CSV path is relative to
    ``root``); SourceError on bad input."""
    if "quadratic" in source:
        return _explicit(source["quadratic"])
    if "generate" in source:
        spec = source["generate"]
        weights = finite("generate.weights", spec["weights"])
        finite("generate", [spec["noise_sd"], spec["low"], spec["high"]])
        if not spec["low"] < spec["high"]:
            raise SourceError("generate.low", "must be below high")
        if spec["n"] * weights.size > limits.SIMULATED_VALUES:
            raise SourceError(
                "generate.n",
                f"{spec['n']} observations x {weights.size} weights "
                f"exceed {limits.SIMULATED_VALUES} simulated values",
            )
        x, y = generate_regression(
            np.random.default_rng(spec["seed"]),
            spec["n"],
            weights,
            spec["noise_sd"],
            spec["low"],
            spec["high"],
        )
        return _regression(x, y, spec)
    spec = source["csv"]
    if "{" in spec["path"] or "}" in spec["path"]:
        raise SourceError(
            "csv.path",
            f"{spec['path']!r}: braces cannot be used in a file name "
            "here (Snakemake reads them as wildcards)",
        )
    try:
        x, y = read_csv(Path(root) / spec["path"], spec["features"], spec["target"])
    except ValueError as err:
        raise SourceError("csv.path", f"{spec['path']!r}: {err}") from None
    return _regression(x, y, spec)


def _regression(x: np.ndarray, y: np.ndarray, spec: Mapping[str, Any]) -> Quadratic:
    """The quadratic of the regression data X (n, d), y (n,); with ``decorrelate: true`` in
    ``spec``, of the features rotated onto the eigenvectors of XᵀX (so H is diagonal)."""
    return from_regression(decorrelate(x) if spec.get("decorrelate", False) else x, y)


def _explicit(spec: Mapping[str, Any]) -> Quadratic:
    rows = spec["hessian"]
    if any(len(row) != len(rows) for row in rows):
        raise SourceError("quadratic.hessian", "must be a square matrix")
    h = finite("quadratic.hessian", rows)
    if not np.allclose(h, h.T, rtol=1e-12, atol=1e-12):
        raise SourceError("quadratic.hessian", "must be symmetric")
    sigma = np.linalg.eigvalsh(h)
    if sigma.min() < -1e-10 * max(1.0, abs(sigma).max()):
        raise SourceError(
            "quadratic.hessian",
            f"must be positive semidefinite (smallest eigenvalue {sigma.min():.4g})",
        )
    theta = finite("quadratic.theta_hat", spec["theta_hat"])
    if theta.shape != (h.shape[0],):
        raise SourceError(
            "quadratic.theta_hat",
            f"has {theta.size} entries, the hessian is {h.shape[0]}x{h.shape[0]}",
        )
    risk = finite("quadratic.risk_min", spec.get("risk_min", 0.0))
    return Quadratic(h, theta, float(risk))
