"""Polylines cut to what is shown: the part inside a window, and dashes along them
(as matplotlib clips lines to its axes and dashes them)."""

from __future__ import annotations

import numpy as np


def clip_polyline(points: np.ndarray, window: np.ndarray) -> list[np.ndarray]:
    """Pieces (each (k, 2), k >= 2) of the polyline ``points`` inside ``window``
    (xmin, xmax, ymin, ymax), cut exactly at the border (Liang–Barsky per segment)."""
    xmin, xmax, ymin, ymax = (float(v) for v in window)
    pts = np.asarray(points, dtype=float)
    pieces: list[list[np.ndarray]] = []
    current: list[np.ndarray] = []
    for a, b in zip(pts[:-1], pts[1:]):
        d = b - a
        t0, t1 = 0.0, 1.0
        visible = True
        for p, q in ((-d[0], a[0] - xmin), (d[0], xmax - a[0]),
                     (-d[1], a[1] - ymin), (d[1], ymax - a[1])):
            if p == 0:
                if q < 0:
                    visible = False
                    break
                continue
            r = q / p
            if p < 0:
                t0 = max(t0, r)
            else:
                t1 = min(t1, r)
            if t0 > t1:
                visible = False
                break
        if not visible:
            if len(current) >= 2:
                pieces.append(current)
            current = []
            continue
        start, end = a + t0 * d, a + t1 * d
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
