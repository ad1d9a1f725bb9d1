"""Figure: with Adam, L2 regularization is not weight decay. Adam on R_reg (Adam + L2)
ends at θ̂_ridge, like gradient descent with weight decay; AdamW ends on the edge of
the box |θᵢ| ≤ 1/λ, at the minimizer of R_emp over it."""

from __future__ import annotations

from typing import Any

from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..datafile import Data
from ..numbers import exact
from ..style import COLORS, HALF_WIDTH
from ..views import optimizer_window
from .labels import label, place_labels
from .layout import fit_size, legend_handles
from .marks import THETA_HAT, THETA_RIDGE, mark, thinned
from .output import new_figure, styled
from .plane import draw_origin_axes, parameter_axes

SIZE = (HALF_WIDTH, 2.45)
VIEW_ASPECT = 0.62  # height / width of the view: the panel's shape under title and legend
RUNS: dict[str, tuple[str, dict[str, Any]]] = {  # data key -> legend text and line style
    "wd": ("GD + weight decay", dict(color=COLORS["ink"], lw=0.8, ls=(0, (1, 1.5)))),
    "adam_l2": ("Adam + L2", dict(color=COLORS["adam_penalty"], lw=1.2)),
    "adamw": ("AdamW", dict(color=COLORS["adamw"], lw=1.2)),
}
BOX_STYLE: dict[str, Any] = dict(
    fill=False, ls=(0, (4, 2.5)), lw=0.9, color=COLORS["adamw"], zorder=2
)


@styled
def figure(quadratic: Data, landscape: Data, adaptive: Data) -> Figure:
    """The three runs from the same start on the R_emp contours, with their end points,
    θ̂, θ̂_ridge and AdamW's box (dashed)."""
    fig = new_figure(*SIZE)
    ax = fig.subplots()
    parameter_axes(ax)
    runs = {key: adaptive[key] for key in RUNS}
    window = optimizer_window(quadratic, adaptive, VIEW_ASPECT)
    ax.set(xlim=window[:2], ylim=window[2:])
    rings = LineCollection(
        list(landscape["ellipses"]), colors=COLORS["risk"], linewidths=0.5, zorder=1
    )
    rings.set_gid("risk_contours")
    ax.add_collection(rings, autolim=False)
    draw_origin_axes(ax)
    bound = float(adaptive["box"])
    box = Rectangle((-bound, -bound), 2 * bound, 2 * bound, **BOX_STYLE)
    box.set_gid("adamw_box")
    ax.add_artist(box)
    for key, (_, style) in RUNS.items():
        path = thinned(ax, runs[key], 1.5)
        ax.plot(path[:, 0], path[:, 1], zorder=4, gid=f"{key}_path", **style)
    mark(ax, quadratic["theta_hat"], "theta_hat")
    mark(ax, adaptive["ridge"], "ridge")
    mark(ax, runs["adamw"][-1], "ridge", gid="adamw_end", mfc=COLORS["adamw"])
    label(ax, quadratic["theta_hat"], THETA_HAT, color=COLORS["weights"])
    label(ax, adaptive["ridge"], THETA_RIDGE, color=COLORS["ridge"])
    label(ax, runs["adamw"][-1], "AdamW", color=COLORS["adamw"])
    ax.set_title(f"Same $\\lambda = {exact(float(adaptive['lam']))}$, two end points")
    handles = legend_handles({text: style for text, style in RUNS.values()})
    handles += legend_handles(
        {
            "box $|\\theta_i| \\leq 1/\\lambda$": dict(
                color=COLORS["adamw"], lw=0.9, ls=BOX_STYLE["ls"]
            )
        }
    )
    fig.legend(
        handles=handles,
        loc="outside lower center",
        ncols=2,
        handlelength=1.8,
        columnspacing=1.0,
        fontsize="small",
    )
    fit_size(fig)
    place_labels(fig)
    return fig
