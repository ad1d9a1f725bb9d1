"""Figure 7: shrink factors σᵢ/(σᵢ+λ) of each eigen-direction as λ grows."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..datafile import Data
from ..numbers import EIGENVALUE, FACTOR, number
from ..style import COLORS, HALF_WIDTH
from .labels import label, place_labels
from .layout import fit_size
from .output import new_figure, styled

SIZE = (HALF_WIDTH, 2.2)
LINESTYLES = ("-", (0, (4, 2)))


def _power_of_ten(value: float, _pos) -> str:
    """Tick text 10^k in Computer Modern math (cmss10 has no minus sign glyph)."""
    return f"$10^{{{int(round(np.log10(value)))}}}$"


@styled
def figure(ridge_path: Data, rescale: Data) -> Figure:
    """Factor per eigen-direction over the ridge path's λ grid (log axis), each
    eigenvalue σᵢ marked on the λ axis, and the factors at the rescale λ as dots."""
    fig = new_figure(*SIZE)
    ax = fig.subplots()
    positive = ridge_path["lambdas"] > 0
    lams, shrink = ridge_path["lambdas"][positive], ridge_path["shrink"][positive]
    sigma = rescale["eigenvalues"]
    for i in range(sigma.size):
        ax.plot(
            lams,
            shrink[:, i],
            color=COLORS["eigen_axes"],
            lw=1.2,
            ls=LINESTYLES[i % 2],
            gid=f"shrink_{i + 1}",
            zorder=3,
            label=f"$\\sigma_{i + 1} = {number(sigma[i], EIGENVALUE)}$",
        )
        ax.axvline(sigma[i], color=COLORS["eigen_axes"], lw=0.5, ls=":", zorder=1)
        ax.annotate(
            f"$\\sigma_{i + 1}$",
            xy=(sigma[i], 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            color=COLORS["eigen_axes"],
            fontsize=8,
        )
    lam = float(rescale["lam"])
    ax.axvline(lam, color=COLORS["ridge"], lw=0.6, zorder=2)
    (dots,) = ax.plot(
        np.full(sigma.size, lam),
        rescale["factors"],
        ls="none",
        marker="o",
        ms=4.0,
        color=COLORS["ridge"],
        mec="white",
        mew=0.6,
        zorder=5,
    )
    dots.set_gid("factors_at_lambda")
    for factor in rescale["factors"]:
        label(ax, (lam, factor), f"${number(factor, FACTOR)}$", color=COLORS["ridge"], distance=3.0)
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(_power_of_ten))
    ax.set_xlim(lams[0], lams[-1])
    ax.set_ylim(0.0, 1.04)
    ax.set_xlabel(r"$\lambda$ (log scale)", labelpad=1)
    ax.set_ylabel(r"$\sigma_i / (\sigma_i + \lambda)$", labelpad=2)
    # Where the curves are near 1 (left) directions are kept; near 0 (right) decayed.
    ax.annotate(
        "kept ($\\sigma \\gg \\lambda$)",
        xy=(0.02, 0.88),
        xycoords="axes fraction",
        ha="left",
        va="top",
        fontsize=8,
        color=COLORS["ink"],
    )
    ax.annotate(
        "decayed ($\\sigma \\ll \\lambda$)",
        xy=(0.98, 0.30),
        xycoords="axes fraction",
        ha="right",
        va="bottom",
        fontsize=8,
        color=COLORS["ink"],
    )
    ax.legend(loc="lower left", handlelength=2.2, borderaxespad=0.3)
    fit_size(fig)
    place_labels(fig)
    return fig
