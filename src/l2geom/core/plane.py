"""Plane geometry of the data: the window around a set of points (the extent of the R_emp
map), a circle as a polyline, the angle of a 2-d rotation. How the drawings frame their
pictures is l2geom.views, outside the compute stage's code."""

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


def circle(radius: float, num: int = 241) -> np.ndarray:
    """The circle of ``radius`` about the origin (a penalty contour ‖θ‖ = radius) as a
    closed polyline (num, 2), first == last."""
    t = np.linspace(0.0, 2.0 * np.pi, num)
    return float(radius) * np.stack([np.cos(t), np.sin(t)], axis=1)


def diamond(radius: float) -> np.ndarray:
    """The L1 ball's boundary |θ₁| + |θ₂| = radius (a penalty contour of λ‖θ‖₁) as a closed
    polyline (5, 2) through its corners (radius, 0), (0, radius), (−radius, 0), (0, −radius),
    first == last."""
    r = float(radius)
    if not np.isfinite(r) or r < 0:
        raise ValueError(f"radius must be finite and >= 0, got {r}")
    return np.array([[r, 0.0], [0.0, r], [-r, 0.0], [0.0, -r], [r, 0.0]])


def rotation_angle(q: np.ndarray) -> float:
    """The angle (radians, counter-clockwise) by which the 2-d rotation ``q`` turns the
    plane; ValueError if ``q`` is not a rotation (orthogonal, determinant +1)."""
    q = np.asarray(q, dtype=float)
    if q.shape != (2, 2) or not np.allclose(q.T @ q, np.eye(2), atol=1e-9) or np.linalg.det(q) < 0:
        raise ValueError(f"not a 2-d rotation: {q.tolist()}")
    return float(np.arctan2(q[1, 0], q[0, 0]))
