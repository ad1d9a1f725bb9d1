"""Read regression data from CSV files (the only file reading a scenario needs)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from ..limits import CSV_BYTES, MAGNITUDE


def read_csv(path: str | Path, features: list[str], target: str) -> tuple[np.ndarray, np.ndarray]:
    """X (n, d) from the ``features`` columns and y (n,) from ``target``.

    Raises ValueError naming the problem: missing, special or too large file, not UTF-8
    or not CSV, no rows, a missing column, a non-numeric, non-finite or too large cell
    (with its line number).
    """
    path = Path(path)
    if not path.exists():
        raise ValueError("file does not exist")
    if not path.is_file():
        raise ValueError("not a regular file")
    if path.stat().st_size > CSV_BYTES:
        raise ValueError(f"{path.stat().st_size} bytes; at most {CSV_BYTES}")
    rows = []
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [c for c in [*features, target] if c not in header]
            if missing:
                raise ValueError(f"no column {missing[0]!r} (columns: {header})"[:300])
            for number, row in enumerate(reader, start=2):
                rows.append(_numbers(number, [row[c] for c in [*features, target]]))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except csv.Error as err:
        raise ValueError(f"not readable as CSV ({err})") from None
    if len(rows) < 2:
        raise ValueError(f"needs at least 2 data rows, has {len(rows)}")
    data = np.array(rows)
    return data[:, :-1], data[:, -1]


def _numbers(line: int, cells: list) -> list[float]:
    """The cells of one CSV line as finite numbers within ±MAGNITUDE."""
    try:
        if any("_" in cell for cell in cells):  # float() would read 1_000 as 1000
            raise ValueError
        values = [float(cell) for cell in cells]
    except (TypeError, ValueError):
        raise ValueError(f"line {line}: non-numeric cell") from None
    if not np.all(np.isfinite(values)):
        raise ValueError(f"line {line}: NaN or infinite cell")
    if np.max(np.abs(values)) > MAGNITUDE:
        raise ValueError(f"line {line}: a value beyond ±{MAGNITUDE:g}")
    return values
