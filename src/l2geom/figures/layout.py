"""Layout of a figure's panels: sizing to the equal-aspect axes, legends, panel titles."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..style import COLORS


def legend_handles(entries: Mapping[str, dict]) -> list:
    """Proxy Line2D handles, label -> Line2D keyword arguments."""
    return [Line2D([], [], label=name, **kw) for name, kw in entries.items()]


STEP_LEGEND = {
    "gradient step": dict(color=COLORS["gradient_step"], lw=1.2),
    "decay pull": dict(color=COLORS["decay_step"], lw=1.2),
}


def panel_row(fig: Figure, window: np.ndarray, kinds: str, zoom_aspect: float) -> list[Axes]:
    """One row of panels of one height, by ``kinds``: "m" a main panel showing the
    parameter ``window`` (all main panels share their axes), "z" a zoomed panel whose
    view has height / width ``zoom_aspect``. Widths follow each view's shape."""
    main_width = (window[1] - window[0]) / (window[3] - window[2])
    widths = [main_width if kind == "m" else 1.0 / zoom_aspect for kind in kinds]
    grid = fig.add_gridspec(1, len(kinds), width_ratios=widths)
    axes, first = [], None
    for i, kind in enumerate(kinds):
        share: dict[str, Axes] = dict(sharex=first, sharey=first) if kind == "m" and first else {}
        axes.append(fig.add_subplot(grid[0, i], **share))
        first = first or (axes[-1] if kind == "m" else None)
    return axes


def fit_size(fig: Figure) -> None:
    """Shrink ``fig`` so equal-aspect axes fill their layout cells: drop the empty
    columns (tall parameter windows) or rows (wide ones) that the aspect leaves.

    Only ever shrinks one dimension, so the figure stays within its created size.
    """
    axis = None
    for _ in range(8):
        fig.draw_without_rendering()
        size = fig.get_size_inches()
        slack = np.zeros(2)
        for ax in fig.axes:
            spec = ax.get_subplotspec()
            if spec is None:
                continue
            cell, box = ax.get_position(original=True), ax.get_position(original=False)
            if spec.rowspan.start == 0:
                slack[0] += (cell.width - box.width) * size[0]
            if spec.colspan.start == 0:
                slack[1] += (cell.height - box.height) * size[1]
        axis = int(np.argmax(slack)) if axis is None else axis
        if slack[axis] < 0.01:
            break
        size[axis] -= slack[axis]
        fig.set_size_inches(*size)


def legend(fig: Figure, handles: list, window: np.ndarray, beside: bool = True) -> None:
    """Figure legend beside tall parameter windows, below wide ones (so panels get the
    room), and always below if not ``beside``."""
    tall = (window[3] - window[2]) > (window[1] - window[0])
    if tall and beside:
        fig.legend(handles=handles, loc="outside right center", handlelength=1.6)
    else:
        fig.legend(
            handles=handles,
            loc="outside lower center",
            ncols=len(handles),
            handlelength=1.6,
            columnspacing=1.2,
        )


def panel_title(ax: Axes, head: str, tail: str, window: np.ndarray) -> None:
    """Title "head, tail" on one line, or on two lines over a narrow (tall-window) panel."""
    tall = (window[3] - window[2]) > (window[1] - window[0])
    ax.set_title(f"{head}\n{tail}" if tall else f"{head}, {tail}", linespacing=1.1)
