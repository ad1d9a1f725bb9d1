"""Plane geometry shared by the figures and the scenes: the view around a set of points
(and around where a weight-decay run settles), a circle as a polyline, the angle of a
2-d rotation."""

from __future__ import annotations

import numpy as np


def view_window(points: np.ndarray, pad: float = 0.12, min_ratio: float = 0.4) -> np.ndarray:
    """(xmin, xmax, ymin, ymax) around ``points`` (n, 2), padded by ``pad`` of the span;
    the shorter side is widened (about its centre) to at least ``min_ratio`` of the longer,
    so points on one line (θ̂ on an eigen-axis, say) still get a picture with some height."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    lo, hi = points.min(axis=0), points.max(axis=0)
    margin = pad * float(np.max(hi - lo))
    lo, hi = lo - margin, hi + margin
    short = min_ratio * float(np.max(hi - lo))
    grow = np.maximum(short - (hi - lo), 0.0) / 2
    return np.array([lo[0] - grow[0], hi[0] + grow[0], lo[1] - grow[1], hi[1] + grow[1]])


def fit_aspect(window: np.ndarray, aspect: float) -> np.ndarray:
    """``window`` (xmin, xmax, ymin, ymax) grown about its centre, along one side only,
    to height / width = ``aspect`` (the shape of the box it will fill)."""
    xmin, xmax, ymin, ymax = (float(v) for v in window)
    width, height = xmax - xmin, ymax - ymin
    grow_x = max(height / aspect - width, 0.0) / 2
    grow_y = max(aspect * width - height, 0.0) / 2
    return np.array([xmin - grow_x, xmax + grow_x, ymin - grow_y, ymax + grow_y])


def settling_window(iterates: np.ndarray, after_gradient: np.ndarray, reach: float = 2.5,
                    pad: float = 0.15) -> np.ndarray:
    """The view where a weight-decay run settles: its iterates (n + 1, 2) from the first
    within ``reach`` last-step lengths of the end on, with their after-gradient points
    (n, 2). Near the end each step is a gradient step out and a decay pull back of equal
    length α λ ‖θ̂_ridge‖, so the view is a few steps wide whatever the scale. The reach
    is at least 5 % of the run's span (a run with λ = 0 ends in vanishing steps)."""
    iterates, after = np.asarray(iterates, float), np.asarray(after_gradient, float)
    end = iterates[-1]
    span = float(np.ptp(iterates, axis=0).max())
    radius = max(reach * float(np.hypot(*(after[-1] - iterates[-2]))), 0.05 * span)
    first = int(np.argmax(np.hypot(*(iterates - end).T) <= radius))
    near = np.vstack([iterates[first:], after[first:]])
    return view_window(near, pad=pad, min_ratio=0.6)


def circle(radius: float, num: int = 241) -> np.ndarray:
    """The circle of ``radius`` about the origin (a penalty contour ‖θ‖ = radius) as a
    closed polyline (num, 2), first == last."""
    t = np.linspace(0.0, 2.0 * np.pi, num)
    return float(radius) * np.stack([np.cos(t), np.sin(t)], axis=1)


def rotation_angle(q: np.ndarray) -> float:
    """The angle (radians, counter-clockwise) by which the 2-d rotation ``q`` turns the
    plane; ValueError if ``q`` is not a rotation (orthogonal, determinant +1)."""
    q = np.asarray(q, dtype=float)
    if q.shape != (2, 2) or not np.allclose(q.T @ q, np.eye(2), atol=1e-9) \
            or np.linalg.det(q) < 0:
        raise ValueError(f"not a 2-d rotation: {q.tolist()}")
    return float(np.arctan2(q[1, 0], q[0, 0]))
