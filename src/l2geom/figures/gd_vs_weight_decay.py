"""Figure 1: plain gradient descent vs weight decay on the R_emp landscape, and a zoom
onto where weight decay settles."""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from ..datafile import Data, index_of
from ..numbers import exact
from ..style import COLORS, FULL_WIDTH
from .labels import label, place_labels
from .layout import STEP_LEGEND, fit_size, legend, legend_handles, panel_row, panel_title
from .marks import THETA_HAT, THETA_RIDGE, draw_weight_decay, mark, thinned
from .output import new_figure, styled
from .plane import draw_landscape
from .zoom import connect, draw_zoom

SIZE = (FULL_WIDTH, 2.45)  # width shrinks to the content for tall parameter windows
REG_MARKER: dict[str, Any] = dict(
    ls="none", marker="o", ms=4.2, mfc="none", mec=COLORS["ink"], mew=0.5
)
ZOOM_ASPECT = 1.0  # the zoomed view is square


@styled
def figure(quadratic: Data, landscape: Data, descent: Data, lam: float) -> Figure:
    """Left: gradient descent on R_emp runs to θ̂. Right: weight decay with ``lam``,
    each step a gradient step plus a decay pull, settling at θ̂_ridge; gradient-descent
    iterates on R_reg overlaid as open circles. Beside them, the settling region magnified:
    a gradient step out, a decay pull back."""
    k = index_of(descent["lambdas"], lam)
    fig = new_figure(*SIZE)
    left, right, zoom = panel_row(fig, landscape["window"], "mmz", ZOOM_ASPECT)
    theta_hat, ridge = quadratic["theta_hat"], descent["ridge"][k]

    draw_landscape(left, landscape)
    gd = thinned(left, descent["gd"], 2.5)
    left.plot(
        gd[:, 0],
        gd[:, 1],
        color=COLORS["weights"],
        lw=1.0,
        marker="o",
        ms=1.8,
        zorder=4,
        gid="gd_iterates",
    )
    mark(left, theta_hat, "theta_hat")
    label(left, theta_hat, THETA_HAT, color=COLORS["weights"])
    panel_title(left, "Gradient descent", "no penalty", landscape["window"])

    draw_landscape(right, landscape, through=descent["ridge_levels"][k : k + 1])
    right.set_ylabel("")
    draw_weight_decay(right, descent, k)
    reg = thinned(right, descent["reg_gd"][k], 4.0)
    right.plot(reg[:, 0], reg[:, 1], zorder=5, gid="reg_gd_iterates", **REG_MARKER)
    mark(right, theta_hat, "theta_hat")
    mark(right, ridge, "ridge")
    label(right, ridge, THETA_RIDGE, color=COLORS["ridge"])
    label(right, theta_hat, THETA_HAT, color=COLORS["weights"])
    panel_title(right, "Weight decay", f"$\\lambda = {exact(lam)}$", landscape["window"])
    right.tick_params(labelleft=False)
    draw_zoom(right, zoom, landscape, descent, k, ZOOM_ASPECT)

    handles = legend_handles(
        {
            "gradient descent": dict(color=COLORS["weights"], lw=1.0, marker="o", ms=1.8),
            **STEP_LEGEND,
            "GD on $\\mathcal{R}_{\\mathrm{reg}}$": REG_MARKER,
        }
    )
    legend(fig, handles, landscape["window"])
    fit_size(fig)
    for main, zoomed in [(right, zoom)]:
        connect(main, zoomed)
    place_labels(fig)
    return fig
