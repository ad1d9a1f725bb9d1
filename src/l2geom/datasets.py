"""Read regression data from CSV files (the only file reading a scenario needs)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

MAX_BYTES = 20_000_000  # ~1 million rows of two features: seconds to read, not minutes


def read_csv(path: str | Path, features: list[str], target: str) -> tuple[np.ndarray, np.ndarray]:
    """X (n, d) from the ``features`` columns and y (n,) from ``target``.

    Raises ValueError naming the problem: missing or too large file, no rows, a missing column,
    a non-numeric or non-finite cell (with its row number).
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError("file does not exist")
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(f"{path.stat().st_size} bytes; at most {MAX_BYTES}")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in [*features, target] if c not in header]
        if missing:
            raise ValueError(f"no column {missing[0]!r} (columns: {header})")
        rows = []
        for number, row in enumerate(reader, start=2):
            try:
                values = [float(row[c]) for c in [*features, target]]
            except (TypeError, ValueError):
                raise ValueError(f"line {number}: non-numeric cell") from None
            if not np.all(np.isfinite(values)):
                raise ValueError(f"line {number}: NaN or infinite cell")
            rows.append(values)
    if len(rows) < 2:
        raise ValueError(f"needs at least 2 data rows, has {len(rows)}")
    data = np.array(rows)
    return data[:, :-1], data[:, -1]
