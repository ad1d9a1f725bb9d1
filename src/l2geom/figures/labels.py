"""Text labels beside points, each put on the side of its point where it hides the least.

All of it is display-space layout (points and pixels), never parameter-space coordinates.
"""

from __future__ import annotations

from typing import cast

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.inset import InsetIndicator
from matplotlib.path import Path
from matplotlib.text import Annotation
from matplotlib.transforms import Transform

from ..style import COLORS
from .marks import Arrow

HALO = [patheffects.withStroke(linewidth=2.2, foreground=COLORS["background"])]

# Label directions tried, in order of preference (unit vectors on screen).
_DIRECTIONS = [(1, 1), (-1, 1), (1, -1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1)]
# The landscape's contour lines, which give way to labels.
BACKGROUND_GIDS = ("risk_contours", "risk_ellipses")
# Distances tried, as multiples of a label's own.
_REACHES = (1.0, 2.0, 3.0, 4.5)
# What a label's place costs: any curve it covers (per sample), then distance from its
# point (per multiple), then contour lines it covers (per sample), leaving the axes (per
# pixel), overlapping a label placed before it.
COST = {"curve": 100.0, "reach": 1.0, "background": 0.05, "outside": 30.0, "clash": 1e5}


class Label(Annotation):
    """A label :func:`place_labels` moves: ``distance`` points from its point."""

    def __init__(self, text: str, xy, distance: float, **kwargs) -> None:
        super().__init__(
            text, xy, xytext=(distance, distance), textcoords="offset points", **kwargs
        )
        self.distance = distance


def label(
    ax: Axes,
    point,
    text: str,
    color: str | None = None,
    transform: Transform | None = None,
    distance: float = 4.0,
    **kwargs,
) -> Label:
    """Text next to ``point``; its side is chosen later by :func:`place_labels`."""
    note = Label(
        text,
        tuple(point),
        distance,
        xycoords=transform or ax.transData,
        ha="left",
        va="bottom",
        color=color or COLORS["ink"],
        path_effects=HALO,
        zorder=8,
        annotation_clip=False,
        in_layout=False,
        **kwargs,
    )
    ax.add_artist(note)
    return note


def _background(ax: Axes) -> list:
    """The landscape's contour lines in ``ax``: they give way to a label (see
    :func:`knock_out`) rather than push it off its point."""
    return [
        c
        for c in ax.collections
        if (c.get_gid() or "") in BACKGROUND_GIDS and not (isinstance(c, ContourSet) and c.filled)
    ]


def _polylines(ax: Axes, background: bool = False) -> list[np.ndarray]:
    """Screen polylines of every curve of ``ax`` (marks, steps, arrows, patches and zoom
    indicators; valid after a draw, which places the indicators' connectors), or with
    ``background`` of the landscape's contour lines only."""
    polylines = []
    if background:
        for coll in _background(ax):
            polylines += [
                coll.get_transform().transform(piece)
                for path in coll.get_paths()
                for piece in path.to_polygons(closed_only=False)
            ]
        return polylines
    frame = ax.get_window_extent()
    for line in ax.lines:
        gid = line.get_gid() or ""
        if not line.get_visible():
            continue
        xy = np.asarray(line.get_xydata())  # (n, 2); typed as any array-like
        if gid.startswith("eigen_axis"):  # an infinite line: clip it to the frame
            a, b = line.get_transform().transform(xy)
            reach = np.hypot(frame.width, frame.height) / np.hypot(*(b - a))
            run = a + np.linspace(-reach, reach, 400)[:, None] * (b - a)
            keep = (
                (run[:, 0] >= frame.x0)
                & (run[:, 0] <= frame.x1)
                & (run[:, 1] >= frame.y0)
                & (run[:, 1] <= frame.y1)
            )
            polylines.append(run[keep])
        elif len(xy):
            polylines.append(line.get_transform().transform(xy))
    for coll in ax.collections:
        if isinstance(coll, LineCollection) and coll not in _background(ax):
            polylines += [coll.get_transform().transform(seg) for seg in coll.get_segments()]
    for patch in ax.patches:
        if isinstance(patch, Arrow):
            polylines.append(patch.get_transform().transform(np.asarray(patch.ends)))
        else:
            path = patch.get_transform().transform_path(patch.get_path())
            polylines += path.to_polygons(closed_only=False)
    for artist in ax.artists:
        if isinstance(artist, InsetIndicator):
            rect = artist.rectangle
            polylines.append(rect.get_transform().transform(rect.get_path().vertices))
            polylines += [c.get_path().vertices for c in artist.connectors or () if c.get_visible()]
    return polylines


def obstacles(ax: Axes, spacing: float = 3.0, background: bool = False) -> np.ndarray:
    """Screen points (n, 2) along every curve of ``ax`` (or, with ``background``, along
    its landscape contour lines), sampled every ``spacing`` pixels: what a label must
    not cover."""
    samples = []
    for poly in _polylines(ax, background):
        if len(poly) == 0:
            continue
        for a, b in zip(poly[:-1], poly[1:]):
            n = int(min(np.hypot(*(b - a)) // spacing, 2000)) + 1
            samples.append(a + np.linspace(0.0, 1.0, n + 1)[:, None] * (b - a))
        samples.append(poly[-1:])
    return np.vstack(samples) if samples else np.empty((0, 2))


def place_labels(fig: Figure) -> None:
    """Put every :class:`Label` on the side of its point, at its distance or a multiple of
    it (:data:`_REACHES`), where it covers the fewest curves and stays inside its axes, off
    the labels placed before it and off any inset axes.

    Runs the layout first and then holds every view as it is, so screen positions are
    final (a view fitted to its data would otherwise move on the next draw).
    """
    fig.draw_without_rendering()
    for ax in fig.axes:
        ax.set(xlim=ax.get_xlim(), ylim=ax.get_ylim())
    fig.draw_without_rendering()
    # Figures are drawn on an Agg canvas (output.new_figure), which has a renderer.
    renderer = cast(FigureCanvasAgg, fig.canvas).get_renderer()
    for ax in fig.axes:
        notes = [t for t in ax.texts if isinstance(t, Label)]
        if not notes:
            continue
        points, behind = obstacles(ax), obstacles(ax, background=True)
        frame = ax.get_window_extent(renderer)
        placed = [inset.get_window_extent(renderer) for inset in ax.child_axes]
        for note in notes:
            best = None
            for rank, (reach, (dx, dy)) in enumerate((r, d) for r in _REACHES for d in _DIRECTIONS):
                unit = np.array([dx, dy], dtype=float) / np.hypot(dx, dy)
                note.xyann = tuple(reach * note.distance * unit * (1.0 if dx and dy else 1.4))
                note.set_horizontalalignment("left" if dx > 0 else "right" if dx < 0 else "center")
                note.set_verticalalignment("bottom" if dy > 0 else "top" if dy < 0 else "center")
                box = note.get_window_extent(renderer).padded(1.5)
                cost = (
                    COST["curve"] * count_inside(points, box)
                    + COST["background"] * count_inside(behind, box)
                    + COST["reach"] * (reach - 1.0)
                )
                outside = (
                    max(0, frame.x0 - box.x0)
                    + max(0, box.x1 - frame.x1)
                    + max(0, frame.y0 - box.y0)
                    + max(0, box.y1 - frame.y1)
                )
                clash = sum(1 for other in placed if box.overlaps(other))
                cost += COST["outside"] * outside + COST["clash"] * clash
                score = (cost, rank)
                if best is None or score < best[0]:
                    best = (
                        score,
                        note.xyann,
                        note.get_horizontalalignment(),
                        note.get_verticalalignment(),
                    )
            assert best is not None  # _REACHES and _DIRECTIONS are not empty
            _, note.xyann, ha, va = best
            note.set_horizontalalignment(ha)
            note.set_verticalalignment(va)
            placed.append(note.get_window_extent(renderer))
        knock_out(ax, placed[len(ax.child_axes) :])


def count_inside(points: np.ndarray, box) -> int:
    """How many screen ``points`` (n, 2) lie in the screen box ``box`` (a Bbox)."""
    return int(
        np.count_nonzero(
            (points[:, 0] >= box.x0)
            & (points[:, 0] <= box.x1)
            & (points[:, 1] >= box.y0)
            & (points[:, 1] <= box.y1)
        )
    )


def knock_out(ax: Axes, boxes: list) -> None:
    """Clip the landscape's contour lines of ``ax`` to its frame minus the label
    ``boxes`` (screen), as contour labels do: no line runs through a label. The clip
    path is in figure coordinates, so it holds at any output resolution."""
    if not boxes:
        return
    to_figure = ax.figure.transFigure.inverted()
    rings = [ax.get_window_extent()] + [b.padded(1.0) for b in boxes]
    vertices, codes = [], []
    for i, box in enumerate(rings):
        corners = [(box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1)]
        corners = corners if i == 0 else corners[::-1]  # holes wind the other way
        vertices += [*to_figure.transform(corners), (0.0, 0.0)]
        codes += [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY]
    clip = Path(vertices, codes)
    for coll in _background(ax):
        coll.set_clip_path(clip, ax.figure.transFigure)
