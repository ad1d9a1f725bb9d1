"""Polylines cut to what is shown: the part inside a window or a disc, and dashes along
them (as matplotlib clips lines to its axes and dashes them)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# The visible stretch [t0, t1] of each segment a + t (b - a), t in [0, 1], of a polyline:
# (t0, t1, visible) for the segments' starts a (n, 2) and steps d = b - a (n, 2).
Intervals = Callable[[np.ndarray, np.ndarray], "tuple[np.ndarray, np.ndarray, np.ndarray]"]


def _clip(points: np.ndarray, intervals: Intervals) -> list[np.ndarray]:
    """Pieces (each (k, 2), k >= 2) of the polyline ``points`` where ``intervals`` says.

    Vectorized over the segments (renders clip every moving line on every frame): a
    piece runs on while a segment is visible to its end and the next one from its start."""
    pts = np.asarray(points, dtype=float)
    if len(pts) < 2:
        return []
    a, d = pts[:-1], np.diff(pts, axis=0)
    t0, t1, visible = intervals(a, d)
    shown = np.flatnonzero(visible)
    if not shown.size:
        return []
    starts = a[shown] + t0[shown, None] * d[shown]
    ends = a[shown] + t1[shown, None] * d[shown]
    continues = np.zeros(shown.size, dtype=bool)
    continues[1:] = (shown[1:] == shown[:-1] + 1) & (t1[shown[:-1]] >= 1) & (t0[shown[1:]] <= 0)
    firsts = np.flatnonzero(~continues)
    return [
        np.vstack([starts[i : i + 1], ends[i:j]]) for i, j in zip(firsts, [*firsts[1:], shown.size])
    ]


def clip_polyline(points: np.ndarray, window: np.ndarray) -> list[np.ndarray]:
    """Pieces (each (k, 2), k >= 2) of the polyline ``points`` inside ``window``
    (xmin, xmax, ymin, ymax), cut exactly at the border (Liang–Barsky per segment)."""
    xmin, xmax, ymin, ymax = (float(v) for v in window)

    def intervals(a: np.ndarray, d: np.ndarray):
        t0, t1 = np.zeros(len(a)), np.ones(len(a))
        hidden = np.zeros(len(a), dtype=bool)
        with np.errstate(divide="ignore", invalid="ignore"):
            for p, q in (
                (-d[:, 0], a[:, 0] - xmin),
                (d[:, 0], xmax - a[:, 0]),
                (-d[:, 1], a[:, 1] - ymin),
                (d[:, 1], ymax - a[:, 1]),
            ):
                hidden |= (p == 0) & (q < 0)  # parallel to this border, outside it
                t0 = np.where(p < 0, np.maximum(t0, q / p), t0)
                t1 = np.where(p > 0, np.minimum(t1, q / p), t1)
        return t0, t1, ~hidden & (t0 <= t1)

    return _clip(points, intervals)


def clip_to_disc(points: np.ndarray, radius: float) -> list[np.ndarray]:
    """Pieces (each (k, 2), k >= 2) of the polyline ``points`` inside the disc of
    ``radius`` about the origin, cut exactly at its rim (a view that rotation keeps)."""
    r2 = float(radius) ** 2

    def intervals(a: np.ndarray, d: np.ndarray):
        aa, ad, dd = (np.einsum("ij,ij->i", u, v) for u, v in ((a, a), (a, d), (d, d)))
        discriminant = ad * ad - dd * (aa - r2)  # |a + t d|² = r² has real roots if > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            root = np.sqrt(np.maximum(discriminant, 0.0))
            t0 = np.maximum(0.0, (-ad - root) / dd)
            t1 = np.minimum(1.0, (-ad + root) / dd)
        still = dd == 0  # a point: shown if inside
        t0, t1 = np.where(still, 0.0, t0), np.where(still, 1.0, t1)
        visible = np.where(still, aa <= r2, (discriminant > 0) & (t0 < t1))
        return t0, t1, visible

    return _clip(points, intervals)


def dash_pieces(corners: np.ndarray, dash: float = 0.16, ratio: float = 0.55) -> list[np.ndarray]:
    """Cut a polyline in scene coordinates (n, 3) into dashes of length ``ratio * dash``
    every ``dash`` units of arc length."""
    corners = np.asarray(corners, dtype=float)
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(corners, axis=0), axis=1))])
    starts = np.arange(0.0, arc[-1], dash)
    stops = np.minimum(starts + ratio * dash, arc[-1])
    ends = [
        np.stack([np.interp(at, arc, corners[:, k]) for k in range(3)], axis=1)
        for at in (starts, stops)
    ]
    # the corners strictly inside each dash
    first, last = np.searchsorted(arc, starts, "right"), np.searchsorted(arc, stops, "left")
    return [
        np.vstack([ends[0][j : j + 1], corners[first[j] : last[j]], ends[1][j : j + 1]])
        for j in range(len(starts))
    ]
