"""A parameter plane on screen: equal-scale axes, parameter-space points and polylines
mapped onto them, clipped to the window; ``set_polyline`` rewrites one mobject in place
(``always_redraw`` would rebuild it every frame, slow for long polylines at 60 fps)."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, PI, Axes, DashedVMobject, Dot, ManimColor, Square, VGroup, VMobject
from manim.utils.bezier import interpolate

from .clipping import clip_polyline, dash_pieces
from .layout import AXIS_NAME_GAP, AXIS_NAME_INSET_X, AXIS_NAME_INSET_Y, DIAMOND_SIDE
from .style import INK, LABEL_SIZE, PALETTE, math


class PlaneAxes(Axes):
    """Manim's Axes that know the parameter ``window`` they show (xmin, xmax, ymin, ymax)."""

    window: np.ndarray


def equal_axes(window: np.ndarray, width: float, height: float) -> PlaneAxes:
    """Axes over ``window`` (xmin, xmax, ymin, ymax) with one scale for both directions,
    as large as fits into ``width`` x ``height`` scene units; axis lines only."""
    xmin, xmax, ymin, ymax = (float(v) for v in window)
    unit = min(width / (xmax - xmin), height / (ymax - ymin))
    axes = PlaneAxes(
        x_range=[xmin, xmax, xmax - xmin],
        y_range=[ymin, ymax, ymax - ymin],
        x_length=(xmax - xmin) * unit,
        y_length=(ymax - ymin) * unit,
        tips=False,
        axis_config={"color": INK, "stroke_width": 2, "include_ticks": False},
    )
    axes.window = np.array([xmin, xmax, ymin, ymax])
    return axes


def axis_labels(axes: PlaneAxes, names: tuple[str, str] = (r"\theta_1", r"\theta_2")) -> VGroup:
    """Names of the two axes at their positive ends (call after placing the axes)."""
    xmin, xmax, ymin, ymax = axes.window
    return VGroup(
        math(names[0], size=LABEL_SIZE)
        .next_to(axes.c2p(xmax, 0), DOWN, buff=AXIS_NAME_GAP)
        .shift(AXIS_NAME_INSET_X * LEFT),
        math(names[1], size=LABEL_SIZE)
        .next_to(axes.c2p(0, ymax), LEFT, buff=AXIS_NAME_GAP)
        .shift(AXIS_NAME_INSET_Y * DOWN),
    )


def to_scene(axes: Axes, points: np.ndarray) -> np.ndarray:
    """Scene coordinates (n, 3) of parameter-space points (n, 2)."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    # the axes map is affine: its images of (0, 0), (1, 0) and (0, 1) give every point
    # (Manim's c2p handles each point in Python; lines are mapped on every frame)
    origin, ex, ey = np.asarray(axes.c2p([0.0, 1.0, 0.0], [0.0, 0.0, 1.0]), dtype=float).T
    return origin + pts[:, :1] * (ex - origin) + pts[:, 1:] * (ey - origin)


def polyline(
    axes: PlaneAxes,
    points: np.ndarray,
    color: ManimColor,
    width: float = 3,
    opacity: float = 1.0,
    dashed: bool = False,
    dash_length: float = 0.16,
) -> VGroup:
    """The polyline ``points`` (n, 2), clipped to the axes' window, as stroked paths."""
    group = VGroup()
    for piece in clip_polyline(points, axes.window):
        path = VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity)
        corners = to_scene(axes, piece)
        path.set_points_as_corners(corners)
        if dashed:  # about one dash per ``dash_length`` scene units
            length = float(np.sum(np.linalg.norm(np.diff(corners, axis=0), axis=1)))
            path = DashedVMobject(
                path, num_dashes=max(2, int(length / dash_length)), dashed_ratio=0.55
            )
        group.add(path)
    return group


def set_polyline(
    mob: VMobject,
    axes: PlaneAxes,
    lines: np.ndarray | list[np.ndarray],
    dashed: bool = False,
    dash: float = 0.16,
    ratio: float = 0.55,
) -> VMobject:
    """Make ``mob`` the polyline(s) ``lines`` (each (n, 2)) clipped to the axes' window,
    in place (one subpath per visible piece or dash)."""
    if isinstance(lines, np.ndarray) and lines.ndim == 2:
        lines = [lines]
    pieces = [to_scene(axes, piece) for line in lines for piece in clip_polyline(line, axes.window)]
    if dashed:
        pieces = [d for piece in pieces for d in dash_pieces(piece, dash, ratio)]
    pieces = [piece for piece in pieces if len(piece) >= 2]
    if not pieces:
        return mob.clear_points()
    # all curves set at once (per piece, Manim would copy the growing array each time)
    return mob.set_points(
        straight_curves(
            np.vstack([piece[:-1] for piece in pieces]), np.vstack([piece[1:] for piece in pieces])
        )
    )


def straight_curves(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Bezier points (4 per curve) of the straight segments starts[i] -> ends[i] (n, 3),
    as Manim's add_points_as_corners makes them; a gap between segments starts a subpath."""
    curves = np.empty((4 * len(starts), 3))
    for i in range(4):
        curves[i::4] = interpolate(starts, ends, i / 3)
    curves[0::4], curves[3::4] = starts, ends
    return curves


def growing_segments(corners: np.ndarray, alpha: float, parity: int) -> np.ndarray:
    """Bezier points of the segments corners[i] -> corners[i + 1] with i % 2 == parity of
    the polyline ``corners`` (n + 1, 3) drawn up to ``alpha``: the first alpha * n segments
    in full, the next one in part (as Create draws a line)."""
    n = len(corners) - 1
    drawn = alpha * n
    index = np.arange(parity, min(int(np.ceil(drawn)), n), 2)
    starts, ends = corners[index], corners[index + 1]
    part = np.clip(drawn - index, 0.0, 1.0)[:, None]
    return straight_curves(starts, starts + part * (ends - starts))


def marker(axes: Axes, point: np.ndarray, color: ManimColor, radius: float = 0.09) -> Dot:
    """A dot at a parameter-space point, with a thin ink rim so it reads on any line."""
    return Dot(
        axes.c2p(*point),
        radius=radius,
        color=color,
        stroke_color=PALETTE["background"],
        stroke_width=2,
    )


def lasso_marker(color: ManimColor) -> Square:
    """θ̂_lasso's marker: a small filled diamond with an ink rim (as ``marker``'s dots)."""
    return Square(
        DIAMOND_SIDE, color=color, fill_opacity=1, stroke_color=INK, stroke_width=1.5
    ).rotate(PI / 4)
