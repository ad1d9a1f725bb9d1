"""Figures 3–5: θ̂ in the eigenvector frame of H, and the rotate–rescale–rotate-back chain.

3. eigen_projection: θ̂ projected on the eigen-axes (its coordinates Qᵀθ̂).
4. rescale_lambda_zero: λ = 0, every factor is 1, rotating back gives θ̂ again.
5. rescale_lambda_positive: each component rescaled by σᵢ/(σᵢ+λ), rotated back to θ̂_ridge.

Points are given by their stored eigen-coordinates and placed by the transform built
from the stored Q (see ``plane.eigen_frame``), so no drawing code multiplies anything.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.transforms import Transform

from .. import datafile
from ..datafile import Data
from ..numbers import COORDINATE, FACTOR, exact, number
from ..style import COLORS, HALF_WIDTH
from .labels import label, place_labels
from .layout import fit_size
from .marks import THETA_HAT, THETA_RIDGE, arrow, mark
from .output import new_figure, styled
from .plane import draw_eigen_axes, draw_origin_axes, eigen_frame, parameter_axes

SIZE = (HALF_WIDTH, 2.45)
AXES_REACH = 0.25
GUIDE: dict[str, Any] = dict(color=COLORS["ink"], lw=0.6, ls=(0, (1.5, 1.5)), zorder=3)


def _frame(fig: Figure, rescale: Data, landscape: Data) -> tuple[Axes, Transform]:
    """Axes with R_emp ellipses (context), coordinate axes and the eigen-axes."""
    ax = fig.subplots()
    parameter_axes(ax)
    ax.set_aspect("equal", adjustable="datalim")
    rings = LineCollection(
        list(landscape["ellipses"]), colors=COLORS["risk"], linewidths=0.4, alpha=0.35, zorder=1
    )
    rings.set_gid("risk_ellipses")
    ax.add_collection(rings, autolim=False)
    draw_origin_axes(ax)
    draw_eigen_axes(ax, rescale["eigenvectors"])
    mark(ax, (0.0, 0.0), "origin")
    eig = eigen_frame(ax, rescale["eigenvectors"])
    # The eigen-axes are seen crossing at the origin: the view reaches past it along each
    # by AXES_REACH of θ̂'s component (a length of the picture's own scale).
    past = -AXES_REACH * rescale["projected"]
    ax.update_datalim((eig - ax.transData).transform([(past[0], 0.0), (0.0, past[1])]))
    return ax, eig


def _components(
    ax: Axes,
    eig: Transform,
    coords: np.ndarray,
    color: str,
    gid: str,
    texts: list[str] | None = None,
    **kwargs,
) -> None:
    """Arrows from the origin along each eigen-axis to the eigen-coordinates ``coords``
    (d,), with an invisible foot marker (drives autoscaling) and optional labels."""
    feet = [(coords[0], 0.0), (0.0, coords[1])]
    for i, foot in enumerate(feet):
        arrow(ax, (0.0, 0.0), foot, color, transform=eig, gid=f"{gid}_{i + 1}", **kwargs)
        (dot,) = ax.plot(*foot, ls="none", marker="o", ms=2.2, color=color, transform=eig, zorder=5)
        dot.set_gid(f"{gid}_foot_{i + 1}")
        if texts:
            label(ax, foot, texts[i], color=color, transform=eig)


def _guides(ax: Axes, eig: Transform, coords: np.ndarray, gid: str) -> None:
    """Dotted lines from the point with eigen-coordinates ``coords`` to its two feet."""
    for i, foot in enumerate([(coords[0], 0.0), (0.0, coords[1])]):
        ax.plot(
            [coords[0], foot[0]], [coords[1], foot[1]], transform=eig, gid=f"{gid}_{i + 1}", **GUIDE
        )


def _finish(fig: Figure, ax: Axes, title: str) -> Figure:
    ax.margins(0.12)
    ax.autoscale_view()
    ax.set_title(title)
    fit_size(fig)
    place_labels(fig)
    return fig


@styled
def eigen_projection(rescale: Data, landscape: Data) -> Figure:
    """θ̂, the eigen-axes of H and θ̂'s projections on them (Qᵀθ̂)."""
    fig = new_figure(*SIZE)
    ax, eig = _frame(fig, rescale, landscape)
    theta_hat, projected = rescale["theta_hat"], rescale["projected"]
    _guides(ax, eig, projected, "projection")
    _components(
        ax,
        eig,
        projected,
        COLORS["eigen_axes"],
        "projected",
        [f"${number(v, COORDINATE, whole=False)}$" for v in projected],
    )
    arrow(ax, (0.0, 0.0), theta_hat, COLORS["weights"], shrink=2.5, gid="theta_hat_arrow")
    mark(ax, theta_hat, "theta_hat")
    label(ax, theta_hat, THETA_HAT, color=COLORS["weights"])
    values = ", ".join(number(v, COORDINATE, whole=False) for v in projected)
    return _finish(fig, ax, f"Rotate: $\\mathbf{{Q}}^{{\\top}}\\hat{{\\theta}} = ({values})$")


@styled
def rescale_lambda_zero(rescale: Data, landscape: Data, ridge_path: Data) -> Figure:
    """λ = 0: each component scaled by its factor 1 (ridge_path at λ = 0), rotated back: θ̂."""
    fig = new_figure(*SIZE)
    ax, eig = _frame(fig, rescale, landscape)
    theta_hat, projected = rescale["theta_hat"], rescale["projected"]
    factors = ridge_path["shrink"][datafile.index_of(ridge_path["lambdas"], 0.0)]
    _guides(ax, eig, projected, "rotate_back")
    _components(
        ax,
        eig,
        projected,
        COLORS["eigen_axes"],
        "scaled",
        [f"$\\times\\,{number(f, FACTOR)}$" for f in factors],
    )
    arrow(ax, (0.0, 0.0), theta_hat, COLORS["weights"], shrink=2.5, gid="result_arrow")
    mark(ax, theta_hat, "theta_hat")
    label(ax, theta_hat, THETA_HAT, color=COLORS["weights"])
    return _finish(fig, ax, r"$\lambda = 0$: back to $\hat{\theta}$")


@styled
def rescale_lambda_positive(rescale: Data, landscape: Data) -> Figure:
    """λ > 0: components of Qᵀθ̂ (faint) rescaled by σᵢ/(σᵢ+λ), rotated back: θ̂_ridge."""
    fig = new_figure(*SIZE)
    ax, eig = _frame(fig, rescale, landscape)
    theta_hat, ridge = rescale["theta_hat"], rescale["ridge"]
    _components(ax, eig, rescale["projected"], COLORS["eigen_axes"], "projected", alpha=0.5)
    _guides(ax, eig, rescale["scaled"], "rotate_back")
    _components(
        ax,
        eig,
        rescale["scaled"],
        COLORS["ridge"],
        "scaled",
        [f"$\\times\\,{number(f, FACTOR)}$" for f in rescale["factors"]],
    )
    mark(ax, theta_hat, "theta_hat", alpha=0.8)
    label(ax, theta_hat, THETA_HAT, color=COLORS["weights"])
    arrow(ax, (0.0, 0.0), ridge, COLORS["ridge"], shrink=2.5, gid="result_arrow")
    mark(ax, ridge, "ridge")
    label(ax, ridge, THETA_RIDGE, color=COLORS["ridge"])
    return _finish(fig, ax, f"$\\lambda = {exact(float(rescale['lam']))}$: rescale, rotate back")
