"""Figure 2: the pull toward the origin depends only on λ (small vs large λ, each with a
zoom onto where its run settles)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.figure import Figure

from ..datafile import Data, index_of
from ..numbers import exact
from ..style import COLORS, FULL_WIDTH
from .labels import label, place_labels
from .layout import STEP_LEGEND, fit_size, legend, legend_handles, panel_row, panel_title
from .marks import THETA_HAT, THETA_RIDGE, draw_weight_decay, mark
from .output import new_figure, styled
from .plane import draw_landscape
from .zoom import connect, draw_zoom

SIZE = (FULL_WIDTH, 2.45)  # width shrinks to the content for tall parameter windows
PATH_STYLE: dict[str, Any] = dict(color=COLORS["ridge"], lw=1.0, alpha=0.85)
ZOOM_ASPECT = 1.3  # height / width of each zoomed view


@styled
def figure(
    quadratic: Data, landscape: Data, descent: Data, ridge_path: Data, lambdas: Sequence[float]
) -> Figure:
    """One panel per λ in ``lambdas`` (small, large): the weight-decay run settles at
    its own θ̂_ridge, and every θ̂_ridge lies on the ridge path from θ̂ to the origin.
    Beside each panel, its settling region magnified: the pull grows with λ."""
    fig = new_figure(*SIZE)
    axes = panel_row(fig, landscape["window"], "mz" * len(lambdas), ZOOM_ASPECT)
    theta_hat, path = quadratic["theta_hat"], ridge_path["points"]
    for i, (ax, zoom, lam) in enumerate(zip(axes[::2], axes[1::2], lambdas)):
        k = index_of(descent["lambdas"], lam)
        draw_landscape(ax, landscape, through=descent["ridge_levels"][k : k + 1])
        if i:
            ax.set_ylabel("")
            ax.tick_params(labelleft=False)
        ax.plot(path[:, 0], path[:, 1], zorder=2, gid="ridge_path", **PATH_STYLE)
        draw_weight_decay(ax, descent, k)
        mark(ax, theta_hat, "theta_hat")
        mark(ax, descent["ridge"][k], "ridge")
        label(ax, descent["ridge"][k], THETA_RIDGE, color=COLORS["ridge"])
        label(ax, theta_hat, THETA_HAT, color=COLORS["weights"])
        size = "small" if i == 0 else "large"
        panel_title(
            ax, f"{size.capitalize()} $\\lambda$", f"$\\lambda = {exact(lam)}$", landscape["window"]
        )
        draw_zoom(ax, zoom, landscape, descent, k, ZOOM_ASPECT)
    handles = legend_handles({**STEP_LEGEND, "ridge path": PATH_STYLE})
    legend(fig, handles, landscape["window"], beside=False)
    fit_size(fig)
    for main, zoomed in zip(axes[::2], axes[1::2]):
        connect(main, zoomed)
    place_labels(fig)
    return fig
