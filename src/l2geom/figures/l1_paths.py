"""L1 figure 3: the lasso path beside the ridge path.

Left, in the plane: the lasso path from θ̂ hits an axis (a component reaches 0) and stays
on it to the origin; the ridge path approaches the origin without touching an axis.
Right: each component against λ: the lasso's shifted linearly to 0 and kept there, the
ridge's scaled by H_jj/(H_jj + λ), never 0.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from ..datafile import Data, index_of
from ..style import COLORS, FULL_WIDTH
from .labels import label, place_labels
from .layout import fit_size, legend_handles
from .marks import THETA_HAT, mark
from .output import new_figure, styled
from .plane import draw_origin_axes, parameter_axes

SIZE = (FULL_WIDTH, 2.45)
LINESTYLES = ("-", (0, (4, 2)))  # first (flat), second (steep) component, as elsewhere
LASSO_STYLE: dict[str, Any] = dict(color=COLORS["lasso"], lw=1.3)
RIDGE_STYLE: dict[str, Any] = dict(color=COLORS["ridge"], lw=1.1)
COMPONENTS_WIDTH = 1.6  # the component panel's width, in units of the panels' height


@styled
def figure(quadratic: Data, landscape: Data, lasso_path: Data, ridge_path: Data) -> Figure:
    """Plane panel and component panel."""
    fig = new_figure(*SIZE)
    window = landscape["window"]
    plane_width = (window[1] - window[0]) / (window[3] - window[2])
    grid = fig.add_gridspec(1, 2, width_ratios=[plane_width, COMPONENTS_WIDTH])
    plane, comps = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])

    parameter_axes(plane)
    rings = LineCollection(
        list(landscape["ellipses"]), colors=COLORS["risk"], linewidths=0.45, zorder=1
    )
    rings.set_gid("risk_contours")
    plane.add_collection(rings, autolim=False)
    draw_origin_axes(plane)
    (ridge,) = plane.plot(*ridge_path["points"].T, zorder=2, **RIDGE_STYLE)
    ridge.set_gid("ridge_path")
    (lasso,) = plane.plot(*lasso_path["lasso"].T, zorder=3, **LASSO_STYLE)
    lasso.set_gid("lasso_path")
    lams = lasso_path["lambdas"]
    for j, kink in enumerate(lasso_path["zero_from"]):
        if np.isfinite(kink) and kink > 0:
            point = lasso_path["lasso"][index_of(lams, kink)]
            mark(plane, point, "lasso", gid=f"hits_axis_{j + 1}", ms=3.6)
    mark(plane, quadratic["theta_hat"], "theta_hat")
    mark(plane, (0.0, 0.0), "origin")
    label(plane, quadratic["theta_hat"], THETA_HAT, color=COLORS["weights"])
    plane.set(xlim=window[:2], ylim=window[2:])
    plane.set_title(r"Paths as $\lambda$ grows", linespacing=1.1)

    for j in range(lasso_path["lasso"].shape[1]):
        ls = LINESTYLES[j % 2]
        comps.plot(lams, lasso_path["lasso"][:, j], ls=ls, gid=f"lasso_{j + 1}", **LASSO_STYLE)
        comps.plot(lams, lasso_path["ridge"][:, j], ls=ls, gid=f"ridge_{j + 1}", **RIDGE_STYLE)
    comps.axhline(0.0, color=COLORS["ink"], lw=0.4, alpha=0.5, zorder=0)
    for j, kink in enumerate(lasso_path["zero_from"]):
        if np.isfinite(kink) and kink > 0:
            comps.axvline(kink, color=COLORS["lasso"], lw=0.5, ls=":", zorder=0)
            name = f"$H_{{{j + 1}{j + 1}}}|\\hat\\theta_{j + 1}|$" if lasso_path["diagonal"] else ""
            comps.annotate(
                name,
                xy=(kink, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                color=COLORS["lasso"],
                fontsize=7,
            )
    comps.set_xlim(lams[0], lams[-1])
    comps.set_xlabel(r"$\lambda$", labelpad=1)
    comps.set_ylabel(r"component $\theta_j$", labelpad=2)
    handles = legend_handles(
        {
            "lasso: shifted to 0": LASSO_STYLE,
            "ridge: scaled": RIDGE_STYLE,
            **{
                f"$\\theta_{j + 1}$": dict(color=COLORS["ink"], lw=1.0, ls=LINESTYLES[j % 2])
                for j in range(lasso_path["lasso"].shape[1])
            },
        }
    )
    comps.legend(handles=handles, loc="best", fontsize="small", handlelength=2.0)
    fit_size(fig)
    place_labels(fig)
    return fig
