"""Polylines cut to what is shown: the part inside a window or a disc, and dashes along
them (as matplotlib clips lines to its axes and dashes them)."""

from __future__ import annotations

from typing import Callable

import numpy as np

# The visible stretch [t0, t1] of the segment a + t (b - a), t in [0, 1]; None if hidden.
Interval = Callable[[np.ndarray, np.ndarray], "tuple[float, float] | None"]


def _clip(points: np.ndarray, visible: Interval) -> list[np.ndarray]:
    """Pieces (each (k, 2), k >= 2) of the polyline ``points`` where ``visible`` says."""
    pts = np.asarray(points, dtype=float)
    pieces: list[list[np.ndarray]] = []
    current: list[np.ndarray] = []
    for a, b in zip(pts[:-1], pts[1:]):
        stretch = visible(a, b)
        if stretch is None:
            if len(current) >= 2:
                pieces.append(current)
            current = []
            continue
        t0, t1 = stretch
        start, end = a + t0 * (b - a), a + t1 * (b - a)
        if t0 > 0 or not current:
            if len(current) >= 2:
                pieces.append(current)
            current = [start]
        current.append(end)
        if t1 < 1:
            pieces.append(current)
            current = []
    if len(current) >= 2:
        pieces.append(current)
    return [np.array(piece) for piece in pieces]


def clip_polyline(points: np.ndarray, window: np.ndarray) -> list[np.ndarray]:
    """Pieces (each (k, 2), k >= 2) of the polyline ``points`` inside ``window``
    (xmin, xmax, ymin, ymax), cut exactly at the border (Liang–Barsky per segment)."""
    xmin, xmax, ymin, ymax = (float(v) for v in window)

    def visible(a: np.ndarray, b: np.ndarray):
        d = b - a
        t0, t1 = 0.0, 1.0
        for p, q in ((-d[0], a[0] - xmin), (d[0], xmax - a[0]),
                     (-d[1], a[1] - ymin), (d[1], ymax - a[1])):
            if p == 0:
                if q < 0:
                    return None
                continue
            if p < 0:
                t0 = max(t0, q / p)
            else:
                t1 = min(t1, q / p)
            if t0 > t1:
                return None
        return t0, t1

    return _clip(points, visible)


def clip_to_disc(points: np.ndarray, radius: float) -> list[np.ndarray]:
    """Pieces (each (k, 2), k >= 2) of the polyline ``points`` inside the disc of
    ``radius`` about the origin, cut exactly at its rim (a view that rotation keeps)."""
    r2 = float(radius) ** 2

    def visible(a: np.ndarray, b: np.ndarray):
        d = b - a
        aa, ad, dd = float(a @ a), float(a @ d), float(d @ d)
        if dd == 0:
            return (0.0, 1.0) if aa <= r2 else None
        root = ad * ad - dd * (aa - r2)  # |a + t d|² = r² has real roots
        if root <= 0:
            return None
        root = np.sqrt(root)
        t0, t1 = max(0.0, (-ad - root) / dd), min(1.0, (-ad + root) / dd)
        return (t0, t1) if t0 < t1 else None

    return _clip(points, visible)


def dash_pieces(corners: np.ndarray, dash: float = 0.16, ratio: float = 0.55) -> list[np.ndarray]:
    """Cut a polyline in scene coordinates (n, 3) into dashes of length ``ratio * dash``
    every ``dash`` units of arc length."""
    corners = np.asarray(corners, dtype=float)
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(corners, axis=0), axis=1))])
    pieces = []
    for start in np.arange(0.0, arc[-1], dash):
        stop = min(start + ratio * dash, arc[-1])
        inner = (arc > start) & (arc < stop)
        s = np.concatenate([[start], arc[inner], [stop]])
        pieces.append(np.stack([np.interp(s, arc, corners[:, k]) for k in range(3)], axis=1))
    return pieces
