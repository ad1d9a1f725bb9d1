"""In-between frames: values interpolated between stored samples."""

from __future__ import annotations

import numpy as np


def grid_position(grid: np.ndarray, value: float) -> float:
    """Fractional index of ``value`` in the increasing 1-d ``grid`` (for pausing a sweep)."""
    grid = np.asarray(grid, dtype=float)
    return float(np.interp(value, grid, np.arange(grid.size)))


def sample(values: np.ndarray, position: float) -> np.ndarray:
    """``values`` (m, ...) linearly interpolated at the fractional index ``position``."""
    values = np.asarray(values, dtype=float)
    position = float(np.clip(position, 0, len(values) - 1))
    i = min(int(np.floor(position)), len(values) - 2)
    w = position - i
    return (1 - w) * values[i] + w * values[i + 1]
