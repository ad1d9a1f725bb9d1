"""The parameter plane a figure draws on: equal-aspect axes, the R_emp landscape, the
coordinate and eigenvector axes, and the eigen-coordinate frame."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import AxLine
from matplotlib.transforms import Affine2D, Transform

from ..datafile import Data
from ..style import COLORS, LANDSCAPE_CMAP


def parameter_axes(ax: Axes, labels: bool = True) -> None:
    """Equal aspect (circles are circles) and θ₁, θ₂ axis labels."""
    ax.set_aspect("equal", adjustable="box")
    if labels:
        ax.set_xlabel(r"$\theta_1$", labelpad=1)
        ax.set_ylabel(r"$\theta_2$", labelpad=3, rotation=0, ha="right", va="center")


def draw_landscape(ax: Axes, land: Data, filled: bool = True, through=()):
    """R_emp on the stored grid: light filled bands and contour lines at the stored levels,
    plus the stored levels ``through`` (e.g. each θ̂_ridge's ``ridge_levels``).

    Limits are the stored window. Returns the line ContourSet (gid ``risk_contours``).
    """
    levels = np.union1d(land["levels"], through)
    if filled:
        shades = mpl.colormaps[LANDSCAPE_CMAP](np.linspace(0.0, 0.32, levels.size + 1))
        ax.contourf(
            land["x"],
            land["y"],
            land["risk"],
            levels=levels,
            colors=shades,
            extend="both",
            zorder=0,
        )
    lines = ax.contour(
        land["x"],
        land["y"],
        land["risk"],
        levels=levels,
        colors=COLORS["risk"],
        linewidths=0.45,
        zorder=1,
    )
    lines.set_gid("risk_contours")
    window = land["window"]
    ax.set_xlim(window[0], window[1])
    ax.set_ylim(window[2], window[3])
    parameter_axes(ax)
    return lines


def draw_origin_axes(ax: Axes) -> None:
    """Thin coordinate axes through the origin."""
    for line in (ax.axhline(0.0), ax.axvline(0.0)):
        line.set(color=COLORS["ink"], linewidth=0.4, alpha=0.5, zorder=1)


def draw_eigen_axes(ax: Axes, eigenvectors: np.ndarray) -> None:
    """Both eigenvector lines (columns of ``eigenvectors``) through the origin. The lines
    are infinite and take no part in autoscaling (``ax.axline`` would add the unit
    eigenvector's tip to the data limits, forcing a unit scale on small pictures)."""
    for i in range(eigenvectors.shape[1]):
        line = AxLine(
            (0.0, 0.0),
            tuple(eigenvectors[:, i]),
            None,
            color=COLORS["eigen_axes"],
            linewidth=0.7,
            alpha=0.8,
            zorder=2,
        )
        line.set_gid(f"eigen_axis_{i + 1}")
        ax.add_artist(line)


def eigen_frame(ax: Axes, eigenvectors: np.ndarray) -> Transform:
    """Transform from eigen-coordinates (Qᵀθ) to the axes' data: θ = Q c.

    The stored Q (columns = eigenvectors) is used as an affine map, so points can be
    given by their stored eigen-coordinates without any arithmetic in drawing code.
    """
    matrix = np.eye(3)
    matrix[:2, :2] = eigenvectors
    return Affine2D(matrix) + ax.transData
