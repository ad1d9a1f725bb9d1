"""L1 figure 1: soft thresholding for a diagonal H, the two cases of the lecture.

In the decorrelated plane (H = diag(H_11, H_22)), one panel per λ: the threshold band
|θ_j| ≤ λ/H_jj on each axis, θ̂ and θ̂_lasso, and the move of each component: a component
of θ̂ inside its band is set to 0, one outside is shifted toward 0 by λ/H_jj.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from ..core.plane import view_window
from ..datafile import Data, index_of
from ..numbers import exact
from ..style import COLORS, FULL_WIDTH
from .labels import HALO, label, place_labels
from .layout import fit_size, legend, legend_handles
from .marks import THETA_HAT, THETA_LASSO, arrow, mark
from .output import new_figure, styled
from .plane import draw_origin_axes, parameter_axes

SIZE = (FULL_WIDTH, 2.6)  # height shrinks to the (wide) panels
BAND_ALPHA = 0.16
EDGE_STYLE: dict[str, Any] = dict(color=COLORS["threshold"], lw=0.8, ls=(0, (3, 2)), zorder=2)


def window(lasso: Data, ks: Sequence[int]) -> np.ndarray:
    """The view of the panels ``ks`` (indices into the stored λ): θ̂, the origin, every
    θ̂_lasso and both ends of every band."""
    t = lasso["thresholds"][list(ks)]
    ends = [np.array([[s * row[0], 0.0], [0.0, s * row[1]]]) for row in t for s in (-1, 1)]
    pts = np.vstack([lasso["theta_hat"], np.zeros(2), lasso["lasso"][list(ks)], *ends])
    return view_window(pts, pad=0.2, min_ratio=0.6)


def case_text(lasso: Data, k: int) -> str:
    """What soft thresholding did to each component at λ_k, for the panel's title: set to
    0 (θ̂_lasso's component is 0) or shifted."""
    inside = lasso["lasso"][k] == 0
    if inside.all() or not inside.any():
        return "both components " + ("set to 0" if inside.all() else "shifted")
    return ", ".join(
        f"$\\theta_{j + 1}$ " + ("set to 0" if inside[j] else "shifted") for j in range(2)
    )


@styled
def figure(quadratic: Data, landscape: Data, lasso: Data, lambdas: Sequence[float]) -> Figure:
    """One panel per λ in ``lambdas`` (small to large) on shared axes."""
    if not bool(lasso["diagonal"]):
        raise ValueError("l1_thresholds needs a diagonal Hessian (decorrelated features)")
    ks = [index_of(lasso["lambdas"], lam) for lam in lambdas]
    view = window(lasso, ks)
    fig = new_figure(*SIZE)
    axes = fig.subplots(1, len(ks), sharex=True, sharey=True, squeeze=False)[0]
    for i, (ax, k) in enumerate(zip(axes, ks)):
        _panel(ax, quadratic, landscape, lasso, k)
        ax.set(xlim=view[:2], ylim=view[2:])
        if i:
            ax.set_ylabel("")
            ax.tick_params(labelleft=False)
        ax.set_title(
            f"$\\lambda = {exact(float(lasso['lambdas'][k]))}$: {case_text(lasso, k)}",
            linespacing=1.1,
        )
    handles = legend_handles(
        {
            r"band $|\theta_j| \leq \lambda / H_{jj}$": dict(
                color=COLORS["threshold"], lw=5, alpha=2 * BAND_ALPHA
            ),
            "move of each component": dict(color=COLORS["decay_step"], lw=1.2),
            r"$R_{\mathrm{emp}}$ contour through " + THETA_LASSO: dict(
                color=COLORS["risk"], lw=1.2
            ),
        }
    )
    legend(fig, handles, view, beside=False)
    fit_size(fig)
    place_labels(fig)
    return fig


def _panel(ax: Axes, quadratic: Data, landscape: Data, lasso: Data, k: int) -> None:
    """Contours, both bands, the two component moves θ̂ → θ̂_lasso, the marks."""
    parameter_axes(ax)
    rings = LineCollection(
        list(landscape["ellipses"]), colors=COLORS["risk"], linewidths=0.45, zorder=1
    )
    rings.set_gid("risk_contours")
    ax.add_collection(rings, autolim=False)
    (touch,) = ax.plot(*lasso["lasso_ellipses"][k].T, color=COLORS["risk"], lw=1.1, zorder=2)
    touch.set_gid("risk_through_lasso")
    draw_origin_axes(ax)
    t1, t2 = lasso["thresholds"][k]
    band1 = ax.axvspan(-t1, t1, color=COLORS["threshold"], alpha=BAND_ALPHA, lw=0, zorder=0)
    band2 = ax.axhspan(-t2, t2, color=COLORS["threshold"], alpha=BAND_ALPHA, lw=0, zorder=0)
    band1.set_gid("band_1")
    band2.set_gid("band_2")
    for j, t in enumerate((t1, t2)):
        for s in (-1.0, 1.0):
            edge = ax.axvline(s * t, **EDGE_STYLE) if j == 0 else ax.axhline(s * t, **EDGE_STYLE)
            edge.set_gid(f"band_{j + 1}_edge")
    _band_names(ax, t1, t2)
    theta, end = lasso["theta_hat"], lasso["lasso"][k]
    corner = (end[0], theta[1])  # first component moved, second not yet
    for j, (a, b) in enumerate(((theta, corner), (corner, end))):
        if np.any(np.asarray(a) != np.asarray(b)):
            arrow(ax, a, b, COLORS["decay_step"], width=1.2, head=6.0, gid=f"move_{j + 1}")
    mark(ax, theta, "theta_hat")
    mark(ax, end, "lasso")
    mark(ax, (0.0, 0.0), "origin")
    label(ax, theta, THETA_HAT, color=COLORS["weights"])
    label(ax, end, THETA_LASSO, color=COLORS["lasso"])


def _band_names(ax: Axes, t1: float, t2: float) -> None:
    """λ/H_11 over the first band's right edge, λ/H_22 beside the second band's top edge."""
    style: dict[str, Any] = dict(
        color=COLORS["threshold"],
        fontsize=7,
        textcoords="offset points",
        zorder=7,
        path_effects=HALO,
    )
    ax.annotate(
        r"$\lambda/H_{11}$",
        xy=(t1, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(2, -2),
        ha="left",
        va="top",
        **style,
    )
    ax.annotate(
        r"$\lambda/H_{22}$",
        xy=(1.0, t2),
        xycoords=("axes fraction", "data"),
        xytext=(-2, 2),
        ha="right",
        va="bottom",
        **style,
    )
