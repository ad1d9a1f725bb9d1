"""L1 figure 2: the classic picture, L1 beside L2, generated from the data.

The same R_emp ellipses in both panels. Left: the L1 ball (a diamond) through θ̂_lasso and
the R_emp contour through it, touching it at a corner when a coordinate is exactly 0.
Right: the L2 ball (a circle) through θ̂_ridge and its contour, touching at a smooth point.
For a correlated H the left panel also marks Q·soft(Qᵀθ̂, λ/σ), soft thresholding in the
eigen-coordinates rotated back: not the lasso solution (the L1 norm is not rotation
invariant).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Polygon

from ..core.plane import view_window
from ..datafile import Data, index_of
from ..numbers import exact
from ..style import COLORS, FULL_WIDTH
from .labels import label, place_labels
from .layout import fit_size, legend_handles
from .marks import THETA_HAT, THETA_LASSO, THETA_RIDGE, mark
from .output import new_figure, styled
from .plane import draw_origin_axes, parameter_axes

SIZE = (FULL_WIDTH, 2.6)
# Added for the legend under a correlated case's panels: the figure still fits a frame
# with a title beside text (2.8 in of about 2.87)
NOTE_HEIGHT = 0.2
PENALTY_LINE = (0, (4, 2.5))
ROTATED_NOTE = (
    r"$Q\,S(Q^{\top}\hat{\theta})$: soft thresholding in eigen-coordinates,"
    "\nrotated back: not the lasso ($H$ is not diagonal)"
)
ROTATED_MARK = dict(marker="D", ms=4.4, mfc="white", mec=COLORS["lasso"], mew=1.0)


def window(quadratic: Data, lasso: Data, k: int) -> np.ndarray:
    """Both panels' view: θ̂, the diamond's corners and the circle's extent."""
    r1, r2 = float(lasso["l1_radii"][k]), float(lasso["l2_radii"][k])
    pts = np.vstack(
        [
            quadratic["theta_hat"],
            lasso["rotated"][k],
            [[r1, 0.0], [-r1, 0.0], [0.0, r1], [0.0, -r1]],
            [[r2, r2], [-r2, -r2]],
        ]
    )
    return view_window(pts, pad=0.08)


def touching(lasso: Data, k: int) -> str:
    """Where the contour touches the diamond: a corner (which coordinate is 0) or an edge."""
    zero = np.flatnonzero(lasso["lasso"][k] == 0)
    if zero.size:
        return f"corner, $\\theta_{zero[0] + 1} = 0$"
    return "edge, no coordinate 0"


@styled
def figure(quadratic: Data, landscape: Data, lasso: Data, lam: float) -> Figure:
    """The two panels at ``lam`` (one of the stored λ)."""
    k = index_of(lasso["lambdas"], lam)
    view = window(quadratic, lasso, k)
    correlated = not bool(lasso["diagonal"])
    fig = new_figure(SIZE[0], SIZE[1] + (NOTE_HEIGHT if correlated else 0.0))
    left, right = fig.subplots(1, 2, sharex=True, sharey=True)
    for ax in (left, right):
        _background(ax, landscape)
    _l1(left, lasso, k)
    _l2(right, lasso, k)
    for ax in (left, right):
        mark(ax, quadratic["theta_hat"], "theta_hat")
        label(ax, quadratic["theta_hat"], THETA_HAT, color=COLORS["weights"])
        mark(ax, (0.0, 0.0), "origin")
        ax.set(xlim=view[:2], ylim=view[2:])
    right.set_ylabel("")
    right.tick_params(labelleft=False)
    lam_text = f"$\\lambda = {exact(float(lasso['lambdas'][k]))}$"
    left.set_title(f"L1, {lam_text}:\n{touching(lasso, k)}", linespacing=1.1)
    smooth = np.all(lasso["ridge"][k] != 0)
    right.set_title(
        f"L2, {lam_text}:\n{'smooth point' if smooth else 'on an axis'}", linespacing=1.1
    )
    if correlated:
        fig.legend(
            handles=legend_handles({ROTATED_NOTE: dict(ls="none", **ROTATED_MARK)}),
            loc="outside lower center",
            handlelength=1.0,
        )
    fit_size(fig)
    place_labels(fig)
    return fig


def _background(ax: Axes, landscape: Data) -> None:
    parameter_axes(ax)
    rings = LineCollection(
        list(landscape["ellipses"]), colors=COLORS["risk"], linewidths=0.45, zorder=1
    )
    rings.set_gid("risk_contours")
    ax.add_collection(rings, autolim=False)
    draw_origin_axes(ax)


def _touching_contour(ax: Axes, polyline: np.ndarray, gid: str) -> None:
    (line,) = ax.plot(*polyline.T, color=COLORS["risk"], lw=1.3, zorder=3)
    line.set_gid(gid)


def _l1(ax: Axes, lasso: Data, k: int) -> None:
    """The diamond through θ̂_lasso, its touching contour, θ̂_lasso (and, for a correlated
    H, the rotated soft threshold, which is not it)."""
    diamond = Polygon(
        lasso["diamonds"][k],
        closed=True,
        fill=False,
        ls=PENALTY_LINE,
        color=COLORS["lasso_penalty"],
        lw=1.2,
        zorder=2,
    )
    diamond.set_gid("l1_ball")
    ax.add_artist(diamond)
    _touching_contour(ax, lasso["lasso_ellipses"][k], "risk_through_lasso")
    point = lasso["lasso"][k]
    mark(ax, point, "lasso")
    label(ax, point, THETA_LASSO, color=COLORS["lasso"])
    if not bool(lasso["diagonal"]):
        rotated = lasso["rotated"][k]
        mark(ax, rotated, "lasso", gid="rotated", **ROTATED_MARK)


def _l2(ax: Axes, lasso: Data, k: int) -> None:
    """The circle through θ̂_ridge, its touching contour, θ̂_ridge."""
    circle = Circle(
        (0.0, 0.0),
        float(lasso["l2_radii"][k]),
        fill=False,
        ls=PENALTY_LINE,
        color=COLORS["penalty"],
        lw=1.2,
        zorder=2,
    )
    circle.set_gid("l2_ball")
    ax.add_artist(circle)
    _touching_contour(ax, lasso["ridge_ellipses"][k], "risk_through_ridge")
    point = lasso["ridge"][k]
    mark(ax, point, "ridge")
    label(ax, point, THETA_RIDGE, color=COLORS["ridge"])
