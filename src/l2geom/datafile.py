"""The data-file format: byte-deterministic .npz archives that carry their provenance.

Each file holds named numpy arrays plus a JSON member ``provenance.json`` (config
digest, package version, git commit). Zip members get a fixed timestamp, so the
same arrays give the same bytes. Files are written atomically (:mod:`l2geom.atomic`).
Figures, scenes and slides read data files through this module only.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from .atomic import atomic_write
from .core.quadratic import Quadratic

# A loaded data file: array name -> array.
Data = Mapping[str, np.ndarray]

_EPOCH = (1980, 1, 1, 0, 0, 0)
PROVENANCE = "provenance.json"


def config_digest(params: Any) -> str:
    """SHA-256 of a JSON-able config fragment, independent of key order."""
    blob = json.dumps(params, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def git_commit(cwd: str | Path = ".") -> str:
    """HEAD's commit of the repository around ``cwd``, or "unknown"."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def provenance(params: Any) -> dict[str, str]:
    """Provenance record for data computed from the config fragment ``params``."""
    return {
        "config_digest": config_digest(params),
        "l2geom_version": __version__,
        "git_commit": git_commit(),
    }


def save(path: str | Path, arrays: Mapping[str, Any], meta: Mapping[str, Any]) -> None:
    """Save ``arrays`` (name -> array-like) and ``meta`` (JSON-able) to ``path`` (.npz)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            member = io.BytesIO()
            np.lib.format.write_array(member, np.asarray(arrays[name]), allow_pickle=False)
            archive.writestr(zipfile.ZipInfo(f"{name}.npy", _EPOCH), member.getvalue())
        text = json.dumps(dict(meta), sort_keys=True, indent=1)
        archive.writestr(zipfile.ZipInfo(PROVENANCE, _EPOCH), text)
    atomic_write(path, buffer.getvalue())


def load(path: str | Path) -> dict[str, np.ndarray]:
    """All arrays of a data file, by name (0-d arrays for scalars)."""
    with np.load(path, allow_pickle=False) as data:
        return {name: data[name] for name in data.files if not name.endswith(".json")}


def load_quadratic(path: str | Path) -> Quadratic:
    """The Quadratic stored in a quadratic.npz data file."""
    data = load(path)
    return Quadratic(
        data["hessian"], data["theta_hat"], float(data["risk_min"]), int(data["observations"])
    )


def load_meta(path: str | Path) -> dict[str, Any]:
    """The provenance record of a data file."""
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(PROVENANCE))


def index_of(values: np.ndarray, value: float) -> int:
    """Index of ``value`` in the 1-d array ``values`` (exact match, as stored from the config)."""
    hits = np.flatnonzero(np.asarray(values) == value)
    if hits.size == 0:
        raise KeyError(f"{value!r} is not among the stored values {list(np.asarray(values))}")
    return int(hits[0])
