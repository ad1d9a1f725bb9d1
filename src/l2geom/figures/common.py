"""Shared drawing helpers: style, figure creation, the R_emp landscape, marks, labels, saving.

Nothing here computes mathematics: every position comes from a data file. The only
arithmetic is layout in display space (label offsets in points, arrow-head visibility).
"""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Mapping, TypeVar

import matplotlib as mpl
import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from matplotlib.transforms import Affine2D, Transform

from ..style import COLORS, LANDSCAPE_CMAP, MPLSTYLE

Data = Mapping[str, np.ndarray]
F = TypeVar("F", bound=Callable)

# Fixed metadata: no dates, no versions that change between builds of the same code.
PDF_METADATA = {"Creator": "l2geom", "CreationDate": None, "ModDate": None}
PNG_METADATA = {"Software": None}
PNG_DPI = 200
FORMATS = ("pdf", "png")

# Marks by role (sizes in points).
MARK = {"theta_hat": dict(marker="o", ms=5.0, mfc=COLORS["weights"], mec="white", mew=0.7),
        "ridge": dict(marker="o", ms=5.0, mfc=COLORS["ridge"], mec="white", mew=0.7),
        "origin": dict(marker="+", ms=5.0, mec=COLORS["ink"], mew=0.7)}
HALO = [patheffects.withStroke(linewidth=2.2, foreground=COLORS["background"])]

THETA_HAT = r"$\hat{\theta}$"
THETA_RIDGE = r"$\hat{\theta}_{\mathrm{Ridge}}$"


def styled(func: F) -> F:
    """Run ``func`` with the l2geom style sheet active (no global rcParams change)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with mpl.rc_context(fname=str(MPLSTYLE)):
            return func(*args, **kwargs)
    return wrapper  # type: ignore[return-value]


def new_figure(width: float, height: float) -> Figure:
    """A Figure on an Agg canvas (no pyplot, no GUI backend) with constrained layout."""
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    fig.get_layout_engine().set(w_pad=0.02, h_pad=0.02, wspace=0.04, hspace=0.02)
    return fig


@styled
def save(fig: Figure, paths: Iterable[str | Path]) -> None:
    """Write ``fig`` to each path (.pdf or .png) with fixed metadata, atomically."""
    for path in map(Path, paths):
        fmt = path.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            raise ValueError(f"unsupported figure format {path.suffix!r} for {path}")
        meta = PDF_METADATA if fmt == "pdf" else PNG_METADATA
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=f".{fmt}")
        os.close(fd)
        try:
            fig.savefig(tmp, format=fmt, dpi=PNG_DPI, metadata=meta)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


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
        ax.contourf(land["x"], land["y"], land["risk"], levels=levels, colors=shades,
                    extend="both", zorder=0)
    lines = ax.contour(land["x"], land["y"], land["risk"], levels=levels,
                       colors=COLORS["risk"], linewidths=0.45, zorder=1)
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


def mark(ax: Axes, point: np.ndarray, role: str, gid: str | None = None, **kwargs):
    """One marker for ``role`` in MARK at ``point`` (2,)."""
    style = {**MARK[role], "ls": "none", "zorder": 6, **kwargs}
    (line,) = ax.plot([point[0]], [point[1]], **style)
    line.set_gid(gid or role)
    return line


# Label directions tried, in order of preference (unit vectors on screen).
_DIRECTIONS = [(1, 1), (-1, 1), (1, -1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1)]


def label(ax: Axes, point, text: str, color: str | None = None,
          transform: Transform | None = None, distance: float = 4.0, **kwargs):
    """Text next to ``point``; its side is chosen later by :func:`place_labels`."""
    note = ax.annotate(text, xy=tuple(point), xycoords=transform or ax.transData,
                       xytext=(distance, distance), textcoords="offset points",
                       ha="left", va="bottom", color=color or COLORS["ink"],
                       path_effects=HALO, zorder=8, annotation_clip=False, **kwargs)
    note.l2geom_distance = distance
    return note


def _screen_points(ax: Axes, spacing: float = 3.0) -> np.ndarray:
    """Screen points (n, 2) along every mark, step and arrow of ``ax`` (not the landscape),
    sampled every ``spacing`` pixels: what a label must not cover."""
    polylines = []
    frame = ax.get_window_extent()
    for line in ax.lines:
        if not line.get_visible() or (line.get_gid() or "").startswith("risk"):
            continue
        if (line.get_gid() or "").startswith("eigen_axis"):  # an axline: clip to the frame
            a, b = line.get_transform().transform(line.get_xydata())
            reach = np.hypot(frame.width, frame.height) / np.hypot(*(b - a))
            run = a + np.linspace(-reach, reach, 400)[:, None] * (b - a)
            keep = ((run[:, 0] >= frame.x0) & (run[:, 0] <= frame.x1)
                    & (run[:, 1] >= frame.y0) & (run[:, 1] <= frame.y1))
            polylines.append(run[keep])
            continue
        xy = line.get_xydata()
        if len(xy):
            polylines.append(line.get_transform().transform(xy))
    for coll in ax.collections:
        if isinstance(coll, LineCollection) and not (coll.get_gid() or "risk").startswith("risk"):
            polylines += [coll.get_transform().transform(seg) for seg in coll.get_segments()]
    for patch in ax.patches:
        ends = getattr(patch, "l2geom_ends", None)
        if ends is not None:
            polylines.append(patch.get_transform().transform(np.asarray(ends)))
    samples = []
    for poly in polylines:
        if len(poly) == 0:
            continue
        for a, b in zip(poly[:-1], poly[1:]):
            n = int(min(np.hypot(*(b - a)) // spacing, 2000)) + 1
            samples.append(a + np.linspace(0.0, 1.0, n + 1)[:, None] * (b - a))
        samples.append(poly[-1:])
    return np.vstack(samples) if samples else np.empty((0, 2))


def place_labels(fig: Figure) -> None:
    """Put every label made by :func:`label` on the side of its point where it covers
    the fewest marks and stays inside its axes and off the labels placed before it.

    Runs the layout first, so screen positions are final; all of it is display-space
    layout (points and pixels), never parameter-space coordinates.
    """
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        notes = [t for t in ax.texts if hasattr(t, "l2geom_distance")]
        if not notes:
            continue
        obstacles = _screen_points(ax)
        frame = ax.get_window_extent(renderer)
        placed = []
        for note in notes:
            distance = note.l2geom_distance
            best = None
            for rank, (dx, dy) in enumerate(_DIRECTIONS):
                unit = np.array([dx, dy], dtype=float) / np.hypot(dx, dy)
                note.xyann = tuple(distance * unit * (1.0 if dx and dy else 1.4))
                note.set_ha("left" if dx > 0 else "right" if dx < 0 else "center")
                note.set_va("bottom" if dy > 0 else "top" if dy < 0 else "center")
                box = note.get_window_extent(renderer).padded(1.5)
                covered = int(np.count_nonzero(
                    (obstacles[:, 0] >= box.x0) & (obstacles[:, 0] <= box.x1)
                    & (obstacles[:, 1] >= box.y0) & (obstacles[:, 1] <= box.y1)))
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


def arrow(ax: Axes, start, end, color: str, transform: Transform | None = None,
          width: float = 1.2, head: float = 7.0, shrink: float = 0.0,
          **kwargs) -> FancyArrowPatch:
    """An arrow from ``start`` to ``end`` (given in ``transform``'s coordinates). Only its
    ends enter the data limits: ``ax.add_patch`` would add its head too, sized in points
    and converted at the limits of that moment, which puts a floor under small pictures."""
    transform = transform or ax.transData
    patch = FancyArrowPatch(tuple(start), tuple(end), transform=transform,
                            arrowstyle="-|>", mutation_scale=head, color=color,
                            linewidth=width, shrinkA=0, shrinkB=shrink, zorder=5,
                            joinstyle="miter", capstyle="butt", **kwargs)
    patch.l2geom_ends = (tuple(start), tuple(end))
    ax.add_artist(patch)
    ax.update_datalim((transform - ax.transData).transform([start, end]))
    return patch


def draw_steps(ax: Axes, starts: np.ndarray, ends: np.ndarray, color: str, gid: str,
               min_head: float = 12.0) -> LineCollection:
    """Segments starts[i] -> ends[i] (n, 2); an arrow head on those longer than
    ``min_head`` pixels on screen whose tip is that far from the last head drawn, so
    the pile of tiny final steps stays clean (all segments are always drawn)."""
    segments = np.stack([starts, ends], axis=1)
    lines = LineCollection(segments, colors=color, linewidths=1.0, zorder=3,
                           capstyle="round")
    lines.set_gid(gid)
    ax.add_collection(lines, autolim=False)
    screen = ax.transData.transform(segments.reshape(-1, 2)).reshape(-1, 2, 2)
    lengths = np.hypot(*(screen[:, 1] - screen[:, 0]).T)
    last = None
    for (a, b), (_, tip), length in zip(segments, screen, lengths):
        if length <= min_head or (last is not None and np.hypot(*(tip - last)) < min_head):
            continue
        head = FancyArrowPatch(tuple(a), tuple(b), arrowstyle="-|>", mutation_scale=5.0,
                               color=color, linewidth=0, shrinkA=0, shrinkB=0, zorder=3)
        head.l2geom_ends = (tuple(a), tuple(b))
        ax.add_patch(head)
        last = tip
    return lines


def draw_weight_decay(ax: Axes, descent: Data, k: int) -> None:
    """Weight-decay run ``k``: each step as gradient part then decay pull, with iterates."""
    wd, after = descent["wd"][k], descent["wd_after_gradient"][k]
    draw_steps(ax, wd[:-1], after, COLORS["gradient_step"], "gradient_steps")
    draw_steps(ax, after, wd[1:], COLORS["decay_step"], "decay_steps")
    shown = thinned(ax, wd, 2.5)
    ax.plot(shown[:, 0], shown[:, 1], ls="none", marker="o", ms=1.8, color=COLORS["ink"],
            zorder=4, gid="wd_iterates")


def eigen_frame(ax: Axes, eigenvectors: np.ndarray) -> Transform:
    """Transform from eigen-coordinates (Qᵀθ) to the axes' data: θ = Q c.

    The stored Q (columns = eigenvectors) is used as an affine map, so points can be
    given by their stored eigen-coordinates without any arithmetic in drawing code.
    """
    matrix = np.eye(3)
    matrix[:2, :2] = eigenvectors
    return Affine2D(matrix) + ax.transData


def draw_eigen_axes(ax: Axes, eigenvectors: np.ndarray) -> None:
    """Both eigenvector lines (columns of ``eigenvectors``) through the origin. The lines
    are infinite and take no part in autoscaling (``ax.axline`` would add the unit
    eigenvector's tip to the data limits, forcing a unit scale on small pictures)."""
    from matplotlib.lines import AxLine
    for i in range(eigenvectors.shape[1]):
        line = AxLine((0.0, 0.0), tuple(eigenvectors[:, i]), None, color=COLORS["eigen_axes"],
                      linewidth=0.7, alpha=0.8, zorder=2)
        line.set_gid(f"eigen_axis_{i + 1}")
        ax.add_artist(line)


def legend_handles(entries: Mapping[str, dict]) -> list:
    """Proxy Line2D handles, label -> Line2D keyword arguments."""
    from matplotlib.lines import Line2D
    return [Line2D([], [], label=name, **kw) for name, kw in entries.items()]


STEP_LEGEND = {
    "gradient step": dict(color=COLORS["gradient_step"], lw=1.2),
    "decay pull": dict(color=COLORS["decay_step"], lw=1.2),
}


def fmt(value: float, digits: int = 2) -> str:
    """A number for a label: up to ``digits`` decimals, trailing zeros dropped."""
    text = f"{float(value):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def ridge_index(data: Data, lam: float) -> int:
    """Index of λ in a data file's ``lambdas``."""
    from ..build.store import index_of
    return index_of(data["lambdas"], float(lam))


def thinned(ax: Axes, points: np.ndarray, gap: float = 3.0) -> np.ndarray:
    """``points`` (n, 2) without those closer than ``gap`` points on screen to the last
    one kept, so markers of a converged run do not pile into a blot. The first and
    the last point are always kept."""
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
    return points[keep]


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


def legend(fig: Figure, handles: list, window: np.ndarray) -> None:
    """Figure legend beside tall parameter windows, below wide ones (so panels get the room)."""
    tall = (window[3] - window[2]) > (window[1] - window[0])
    if tall:
        fig.legend(handles=handles, loc="outside right center", handlelength=1.6)
    else:
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles),
                   handlelength=1.6, columnspacing=1.2)


def panel_title(ax: Axes, head: str, tail: str, window: np.ndarray) -> None:
    """Title "head, tail" on one line, or on two lines over a narrow (tall-window) panel."""
    tall = (window[3] - window[2]) > (window[1] - window[0])
    ax.set_title(f"{head}\n{tail}" if tall else f"{head}, {tail}", linespacing=1.1)
