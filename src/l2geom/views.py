"""How the figures and the scenes frame what they draw, computed once for both: views
fitted to a box's shape, where a weight-decay run settles, the optimizers' picture.

Drawing geometry only, not in the compute stage's code digest: a padding tweak here
reruns the figures and renders that use it, not the data jobs."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .core.plane import view_window

# The optimizer runs of adaptive.npz that the adam_vs_adamw figure and scene draw.
OPTIMIZER_RUNS = ("wd", "adam_l2", "adamw")


def fit_aspect(window: np.ndarray, aspect: float) -> np.ndarray:
    """``window`` (xmin, xmax, ymin, ymax) grown about its centre, along one side only,
    to height / width = ``aspect`` (the shape of the box it will fill)."""
    xmin, xmax, ymin, ymax = (float(v) for v in window)
    width, height = xmax - xmin, ymax - ymin
    grow_x = max(height / aspect - width, 0.0) / 2
    grow_y = max(aspect * width - height, 0.0) / 2
    return np.array([xmin - grow_x, xmax + grow_x, ymin - grow_y, ymax + grow_y])


def settling_window(
    iterates: np.ndarray, after_gradient: np.ndarray, reach: float = 2.5, pad: float = 0.15
) -> np.ndarray:
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


def optimizer_window(
    quadratic: Mapping[str, np.ndarray], adaptive: Mapping[str, np.ndarray], aspect: float
) -> np.ndarray:
    """The view of the adam_vs_adamw picture, of height / width ``aspect``: the three runs,
    θ̂ and the origin."""
    points = np.vstack(
        [*(adaptive[key] for key in OPTIMIZER_RUNS), quadratic["theta_hat"], np.zeros(2)]
    )
    return fit_aspect(view_window(points), aspect)
