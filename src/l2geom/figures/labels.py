"""Text labels beside points, each put on the side of its point where it hides the least.

All of it is display-space layout (points and pixels), never parameter-space coordinates.
"""

from __future__ import annotations

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.text import Annotation
from matplotlib.transforms import Transform

from ..style import COLORS
from .marks import Arrow

HALO = [patheffects.withStroke(linewidth=2.2, foreground=COLORS["background"])]

# Label directions tried, in order of preference (unit vectors on screen).
_DIRECTIONS = [(1, 1), (-1, 1), (1, -1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1)]


class Label(Annotation):
    """A label :func:`place_labels` moves: ``distance`` points from its point."""

    def __init__(self, text: str, xy, distance: float, **kwargs) -> None:
        super().__init__(text, xy, xytext=(distance, distance), textcoords="offset points",
                         **kwargs)
        self.distance = distance


def label(ax: Axes, point, text: str, color: str | None = None,
          transform: Transform | None = None, distance: float = 4.0, **kwargs) -> Label:
    """Text next to ``point``; its side is chosen later by :func:`place_labels`."""
    note = Label(text, tuple(point), distance, xycoords=transform or ax.transData,
                 ha="left", va="bottom", color=color or COLORS["ink"], path_effects=HALO,
                 zorder=8, annotation_clip=False, **kwargs)
    ax.add_artist(note)
    return note


def _polylines(ax: Axes) -> list[np.ndarray]:
    """Screen polylines of every mark, step and arrow of ``ax`` (not the landscape)."""
    polylines = []
    frame = ax.get_window_extent()
    for line in ax.lines:
        gid = line.get_gid() or ""
        if not line.get_visible() or gid.startswith("risk"):
            continue
        if gid.startswith("eigen_axis"):  # an infinite line: clip it to the frame
            a, b = line.get_transform().transform(line.get_xydata())
            reach = np.hypot(frame.width, frame.height) / np.hypot(*(b - a))
            run = a + np.linspace(-reach, reach, 400)[:, None] * (b - a)
            keep = ((run[:, 0] >= frame.x0) & (run[:, 0] <= frame.x1)
                    & (run[:, 1] >= frame.y0) & (run[:, 1] <= frame.y1))
            polylines.append(run[keep])
        elif len(line.get_xydata()):
            polylines.append(line.get_transform().transform(line.get_xydata()))
    for coll in ax.collections:
        if isinstance(coll, LineCollection) and not (coll.get_gid() or "risk").startswith("risk"):
            polylines += [coll.get_transform().transform(seg) for seg in coll.get_segments()]
    for patch in ax.patches:
        if isinstance(patch, Arrow):
            polylines.append(patch.get_transform().transform(np.asarray(patch.ends)))
    return polylines


def obstacles(ax: Axes, spacing: float = 3.0) -> np.ndarray:
    """Screen points (n, 2) along every mark, step and arrow of ``ax``, sampled every
    ``spacing`` pixels: what a label must not cover."""
    samples = []
    for poly in _polylines(ax):
        if len(poly) == 0:
            continue
        for a, b in zip(poly[:-1], poly[1:]):
            n = int(min(np.hypot(*(b - a)) // spacing, 2000)) + 1
            samples.append(a + np.linspace(0.0, 1.0, n + 1)[:, None] * (b - a))
        samples.append(poly[-1:])
    return np.vstack(samples) if samples else np.empty((0, 2))


def place_labels(fig: Figure) -> None:
    """Put every :class:`Label` on the side of its point where it covers the fewest
    marks and stays inside its axes and off the labels placed before it.

    Runs the layout first, so screen positions are final.
    """
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        notes = [t for t in ax.texts if isinstance(t, Label)]
        if not notes:
            continue
        points = obstacles(ax)
        frame = ax.get_window_extent(renderer)
        placed = []
        for note in notes:
            best = None
            for rank, (dx, dy) in enumerate(_DIRECTIONS):
                unit = np.array([dx, dy], dtype=float) / np.hypot(dx, dy)
                note.xyann = tuple(note.distance * unit * (1.0 if dx and dy else 1.4))
                note.set_ha("left" if dx > 0 else "right" if dx < 0 else "center")
                note.set_va("bottom" if dy > 0 else "top" if dy < 0 else "center")
                box = note.get_window_extent(renderer).padded(1.5)
                covered = int(np.count_nonzero(
                    (points[:, 0] >= box.x0) & (points[:, 0] <= box.x1)
                    & (points[:, 1] >= box.y0) & (points[:, 1] <= box.y1)))
                outside = (max(0, frame.x0 - box.x0) + max(0, box.x1 - frame.x1)
                           + max(0, frame.y0 - box.y0) + max(0, box.y1 - frame.y1))
                clash = sum(1 for other in placed if box.overlaps(other))
                score = (covered + 4.0 * outside + 1000.0 * clash, rank)
                if best is None or score < best[0]:
                    best = (score, note.xyann, note.get_ha(), note.get_va())
            _, note.xyann, ha, va = best
            note.set_ha(ha)
            note.set_va(va)
            placed.append(note.get_window_extent(renderer))
