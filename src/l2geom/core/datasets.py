"""Read regression data from CSV files (the only file reading a scenario needs)."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..limits import CSV_BYTES, MAGNITUDE

# A column name as a data set's header has them: short, a letter first, then letters,
# digits, '_', '.', '-' or spaces.
COLUMN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_. -]{0,39}")
MAX_COLUMNS = 60


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
            if missing and not header:
                raise ValueError(f"no column {missing[0]!r}: the file is empty")
            if missing and not plausible_header(header):
                # not a CSV of this kind (e.g. a path that names the wrong file): say so
                # without echoing its first line, which may be anything
                raise ValueError(
                    f"no column {missing[0]!r}: the first line is not a header "
                    "of column names (is this the CSV file you meant?)"
                )
            if missing:
                raise ValueError(f"no column {missing[0]!r} (columns: {', '.join(header)})"[:300])
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


def plausible_header(header: Sequence[str]) -> bool:
    """Whether ``header`` looks like the column names of a data set, and so may be shown."""
    return len(header) <= MAX_COLUMNS and all(COLUMN_NAME.fullmatch(c) for c in header)


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
