"""What is drawn on a parameter plane: point marks, arrows, descent steps and iterates.

Every position comes from a data file; the only arithmetic is on screen (arrow-head
visibility, thinning markers that would pile into a blot).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.patches import FancyArrowPatch
from matplotlib.transforms import Transform

from ..datafile import Data
from ..style import COLORS

# Marks by role (sizes in points).
MARK: dict[str, dict[str, Any]] = {
    "theta_hat": dict(marker="o", ms=5.0, mfc=COLORS["weights"], mec="white", mew=0.7),
    "ridge": dict(marker="o", ms=5.0, mfc=COLORS["ridge"], mec="white", mew=0.7),
    "lasso": dict(marker="D", ms=4.4, mfc=COLORS["lasso"], mec="white", mew=0.7),
    "origin": dict(marker="+", ms=5.0, mec=COLORS["ink"], mew=0.7),
}

THETA_HAT = r"$\hat{\theta}$"
THETA_RIDGE = r"$\hat{\theta}_{\mathrm{Ridge}}$"
THETA_LASSO = r"$\hat{\theta}_{\mathrm{Lasso}}$"


class Arrow(FancyArrowPatch):
    """An arrow that remembers its ``ends`` (in its transform's coordinates), so labels
    can keep clear of the whole shaft."""

    def __init__(self, start, end, **kwargs) -> None:
        super().__init__(tuple(start), tuple(end), **kwargs)
        self.ends = (tuple(start), tuple(end))


def mark(
    ax: Axes, point: np.ndarray | Sequence[float], role: str, gid: str | None = None, **kwargs
):
    """One marker for ``role`` in MARK at ``point`` (2,)."""
    style = {**MARK[role], "ls": "none", "zorder": 6, **kwargs}
    (line,) = ax.plot([point[0]], [point[1]], **style)
    line.set_gid(gid or role)
    return line


def arrow(
    ax: Axes,
    start,
    end,
    color: str,
    transform: Transform | None = None,
    width: float = 1.2,
    head: float = 7.0,
    shrink: float = 0.0,
    **kwargs,
) -> Arrow:
    """An arrow from ``start`` to ``end`` (given in ``transform``'s coordinates). Only its
    ends enter the data limits: ``ax.add_patch`` would add its head too, sized in points
    and converted at the limits of that moment, which puts a floor under small pictures."""
    transform = transform or ax.transData
    patch = Arrow(
        start,
        end,
        transform=transform,
        arrowstyle="-|>",
        mutation_scale=head,
        color=color,
        linewidth=width,
        shrinkA=0,
        shrinkB=shrink,
        zorder=5,
        joinstyle="miter",
        capstyle="butt",
        **kwargs,
    )
    ax.add_artist(patch)
    ax.update_datalim((transform - ax.transData).transform([start, end]))
    return patch


def draw_steps(
    ax: Axes,
    starts: np.ndarray,
    ends: np.ndarray,
    color: str,
    gid: str,
    min_head: float = 12.0,
    width: float = 1.0,
) -> LineCollection:
    """Segments starts[i] -> ends[i] (n, 2); an arrow head on those longer than
    ``min_head`` pixels on screen whose tip is that far from the last head drawn, so
    the pile of tiny final steps stays clean (all segments are always drawn)."""
    segments = np.stack([starts, ends], axis=1)
    lines = LineCollection(
        list(segments), colors=color, linewidths=width, zorder=3, capstyle="round"
    )
    lines.set_gid(gid)
    ax.add_collection(lines, autolim=False)
    screen = ax.transData.transform(segments.reshape(-1, 2)).reshape(-1, 2, 2)
    lengths = np.hypot(*(screen[:, 1] - screen[:, 0]).T)
    last = None
    for (a, b), (_, tip), length in zip(segments, screen, lengths):
        if length <= min_head or (last is not None and np.hypot(*(tip - last)) < min_head):
            continue
        ax.add_patch(
            Arrow(
                a,
                b,
                arrowstyle="-|>",
                mutation_scale=5.0,
                color=color,
                linewidth=0,
                shrinkA=0,
                shrinkB=0,
                zorder=3,
            )
        )
        last = tip
    return lines


def draw_weight_decay(
    ax: Axes, descent: Data, k: int, widths: dict[str, float] | None = None, gap: float = 0.0
) -> None:
    """Weight-decay run ``k``: each step as gradient part then decay pull (line ``widths``
    by part, 1 pt unless given), with iterates. With a ``gap`` (points), only the steps
    from iterates that far apart on screen are drawn: a converged run's steps, all on
    one spot, stay one step."""
    wd, after = descent["wd"][k], descent["wd_after_gradient"][k]
    widths = {"gradient": 1.0, "decay": 1.0, **(widths or {})}
    steps = kept(ax, wd[:-1], gap)
    draw_steps(
        ax,
        wd[steps],
        after[steps],
        COLORS["gradient_step"],
        "gradient_steps",
        width=widths["gradient"],
    )
    draw_steps(
        ax, after[steps], wd[steps + 1], COLORS["decay_step"], "decay_steps", width=widths["decay"]
    )
    shown = thinned(ax, wd, 2.5)
    ax.plot(
        shown[:, 0],
        shown[:, 1],
        ls="none",
        marker="o",
        ms=1.8,
        color=COLORS["ink"],
        zorder=4,
        gid="wd_iterates",
    )


def thinned(ax: Axes, points: np.ndarray, gap: float = 3.0) -> np.ndarray:
    """``points`` (n, 2) without those closer than ``gap`` points on screen to the last
    one kept, so markers of a converged run do not pile into a blot. The first and
    the last point are always kept."""
    return points[kept(ax, points, gap)]


def kept(ax: Axes, points: np.ndarray, gap: float) -> np.ndarray:
    """Indices of the points :func:`thinned` keeps."""
    screen = ax.transData.transform(points) * (72.0 / ax.figure.dpi)
    keep = [0]
    for i in range(1, len(points)):
        if np.hypot(*(screen[i] - screen[keep[-1]])) >= gap:
            keep.append(i)
    if keep[-1] != len(points) - 1:
        if len(keep) > 1 and np.hypot(*(screen[-1] - screen[keep[-1]])) < gap:
            keep[-1] = len(points) - 1
        else:
            keep.append(len(points) - 1)
    return np.array(keep)
