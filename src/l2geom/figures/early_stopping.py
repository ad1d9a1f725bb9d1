"""Figure: early stopping acts like L2 regularization. Gradient descent from the origin,
stopped after τ steps, lies near θ̂_ridge(λ = 1/(ατ)); per eigen-direction it keeps
1 − (1 − ασᵢ)^τ of θ̂ where ridge keeps σᵢ/(σᵢ + λ)."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..datafile import Data
from ..numbers import EIGENVALUE, exact, number
from ..style import COLORS, FULL_WIDTH
from .labels import label, place_labels
from .layout import fit_size, legend_handles
from .marks import THETA_HAT, mark
from .output import new_figure, styled
from .plane import draw_landscape

SIZE = (FULL_WIDTH, 2.45)
LINESTYLES = ("-", (0, (4, 2)))  # flat, steep eigen-direction (as in shrink_factors)
GD_STYLE: dict[str, Any] = dict(color=COLORS["weights"], lw=1.1)
RIDGE_STYLE: dict[str, Any] = dict(color=COLORS["ridge"], lw=1.1)
PAIR_STYLE: dict[str, Any] = dict(color=COLORS["ink"], lw=0.6, ls=(0, (1, 1.2)), zorder=3)
FACTORS_WIDTH = 2.0  # the factor panel's width, in units of the panels' height


def _tau_tick(value: float, _pos) -> str:
    return f"${value:g}$"


@styled
def figure(landscape: Data, ridge_path: Data, quadratic: Data, early_stopping: Data) -> Figure:
    """Left: the gradient-descent path from the origin and the ridge path, each stopped
    point τ joined to its matched θ̂_ridge(1/(ατ)). Right: the kept share of each
    eigen-component of θ̂, against τ."""
    fig = new_figure(*SIZE)
    window = landscape["window"]
    plane_width = (window[1] - window[0]) / (window[3] - window[2])
    grid = fig.add_gridspec(1, 2, width_ratios=[plane_width, FACTORS_WIDTH])
    plane, factors = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])

    draw_landscape(plane, landscape)
    path, ridge = ridge_path["points"], early_stopping["ridge"]
    plane.plot(path[:, 0], path[:, 1], zorder=2, gid="ridge_path", **RIDGE_STYLE)
    plane.plot(*early_stopping["path"].T, zorder=3, gid="gd_path", **GD_STYLE)
    for tau, point, matched in zip(early_stopping["taus"], early_stopping["points"], ridge):
        plane.plot(*np.stack([point, matched]).T, gid="matched_pair", **PAIR_STYLE)
        mark(plane, point, "theta_hat", gid="stopped_point", ms=3.6)
        mark(plane, matched, "ridge", gid="matched_ridge", ms=3.6)
        label(plane, point, f"${tau}$", color=COLORS["weights"], distance=2.5, fontsize=7)
    mark(plane, quadratic["theta_hat"], "theta_hat")
    label(plane, quadratic["theta_hat"], THETA_HAT, color=COLORS["weights"])
    plane.set_title(r"Stopped after $\tau$ steps", linespacing=1.1)

    tau, alpha = early_stopping["grid"], float(early_stopping["step_size"])
    for i in range(len(early_stopping["eigenvalues"])):
        ls = LINESTYLES[i % 2]
        factors.plot(
            tau, early_stopping["stopped"][:, i], ls=ls, gid=f"stopped_{i + 1}", **GD_STYLE
        )
        factors.plot(
            tau, early_stopping["ridge_factors"][:, i], ls=ls, gid=f"ridge_{i + 1}", **RIDGE_STYLE
        )
    for t in early_stopping["taus"]:
        factors.axvline(t, color=COLORS["ink"], lw=0.4, alpha=0.35, zorder=0)
    factors.set_xscale("log")
    factors.xaxis.set_major_formatter(FuncFormatter(_tau_tick))
    factors.set(xlim=(tau[0], tau[-1]), ylim=(0.0, 1.04))
    factors.set_xlabel(r"steps $\tau$ (log scale)", labelpad=1)
    factors.set_ylabel(r"share of $\mathbf{q}_i^\top\hat{\theta}$ kept", labelpad=2)
    factors.set_title(f"$\\alpha = {exact(alpha)}$", linespacing=1.1)
    sig = [number(s, EIGENVALUE) for s in early_stopping["eigenvalues"]]
    handles = legend_handles(
        {
            r"early stopping: $1 - (1 - \alpha\sigma_i)^\tau$": GD_STYLE,
            r"ridge: $\sigma_i / (\sigma_i + \lambda)$, $\lambda = 1/(\alpha\tau)$": RIDGE_STYLE,
            **{
                f"$\\sigma_{i + 1} = {s}$": dict(color=COLORS["ink"], lw=1.0, ls=LINESTYLES[i % 2])
                for i, s in enumerate(sig)
            },
        }
    )
    factors.legend(
        handles=handles, loc="lower right", fontsize="small", handlelength=2.0, borderaxespad=0.3
    )
    fit_size(fig)
    place_labels(fig)
    return fig
