"""Shared pieces of the Manim scenes: palette by role, type scale, data loading, pacing,
and drawing helpers that map parameter-space data onto the screen.

Nothing here computes the mathematics of the lecture. The helpers only *draw* what a
data file holds: they choose a view, map coordinates through a Manim ``Axes``, clip
polylines to the visible window (as matplotlib clips lines to its axes), extract a
contour line from the stored R_emp grid (as ``plt.contour`` would) and interpolate
between stored samples for in-between frames.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

import numpy as np
from manim import (
    DOWN,
    LEFT,
    Animation,
    Axes,
    DashedVMobject,
    Dot,
    MathTex,
    Scene,
    Tex,
    VGroup,
    VMobject,
    ManimColor,
)

from l2geom.build import store
from l2geom.style import COLORS

#: Colours by role, the same hex codes as the figures and the slides.
PALETTE: dict[str, ManimColor] = {role: ManimColor(hexcode) for role, hexcode in COLORS.items()}
INK = PALETTE["ink"]

#: Type scale in Manim font-size units (frame height 8 units; 48 is Manim's default).
TITLE_SIZE = 40
TEXT_SIZE = 32
LABEL_SIZE = 30
SMALL_SIZE = 26

#: Environment variables read when a scene runs under the plain ``manim`` CLI.
DATA_ENV = "L2GEOM_DATA"        # folder with the scenario's data files (results/data/<scenario>)
SHORT_ENV = "L2GEOM_SHORT"      # "1": shortened render (tests, quick looks)
LAMBDAS_ENV = "L2GEOM_LAMBDAS"  # comma-separated λ values for decay_trajectories


def tex(*parts: str, size: float = TEXT_SIZE, color: ManimColor = INK, **kwargs) -> Tex:
    """Text (LaTeX text mode) in ink, at the scene's type scale."""
    return Tex(*parts, font_size=size, color=color, **kwargs)


def math(*parts: str, size: float = TEXT_SIZE, color: ManimColor = INK, **kwargs) -> MathTex:
    """A formula in ink, at the scene's type scale."""
    return MathTex(*parts, font_size=size, color=color, **kwargs)


def fmt(value: float, digits: int = 3) -> str:
    """A stored number for display: ``digits`` significant digits, no trailing zeros."""
    value = float(value)
    if value != 0 and abs(value) >= 10 ** digits:
        return f"{value:.0f}"
    return f"{value:.{digits}g}"


def load_folder(folder: str | Path, files: Mapping[str, str]) -> dict[str, dict[str, np.ndarray]]:
    """The data files of one scenario folder, by role: ``files`` maps role -> file stem."""
    folder = Path(folder)
    return {role: store.load(folder / f"{stem}.npz") for role, stem in files.items()}


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


class DataScene(Scene):
    """A scene drawn from data files; the base of every l2geom animation.

    ``data`` maps a data-file role (a key of ``DATA``, which names its file) to its arrays. When it is
    None (the plain ``manim`` CLI), the files are read from the folder named by the
    environment variable ``L2GEOM_DATA``. ``short`` compresses every run time and
    pause by ``SHORT_TEMPO`` (for tests).
    """

    DATA: dict[str, str] = {}
    SHORT_TEMPO = 0.2

    def __init__(self, data: Mapping[str, Mapping[str, np.ndarray]] | None = None,
                 short: bool | None = None, **kwargs) -> None:
        if data is None:
            folder = os.environ.get(DATA_ENV)
            if not folder:
                raise RuntimeError(
                    f"{type(self).__name__} needs its data: set {DATA_ENV} to a folder "
                    "such as results/data/course (see the README)")
            data = load_folder(folder, self.DATA)
        missing = [name for name in self.DATA if name not in data]
        if missing:
            raise ValueError(f"{type(self).__name__} is missing data files: {missing}")
        self.data = {name: dict(arrays) for name, arrays in data.items()}
        self.short = env_flag(SHORT_ENV) if short is None else bool(short)
        self.tempo = self.SHORT_TEMPO if self.short else 1.0
        super().__init__(**kwargs)

    def setup(self) -> None:
        self.camera.background_color = PALETTE["background"]

    def t(self, seconds: float) -> float:
        """A run time, compressed in short renders."""
        return seconds * self.tempo

    def pause(self, seconds: float) -> None:
        """A pause where the lecturer would let the picture sink in."""
        self.wait(self.t(seconds))

    def get_moving_mobjects(self, *animations: Animation) -> list:
        """Bring what moves in this play to the front, so that only it is redrawn per frame.

        Manim redraws every mobject from the first moving one to the end of the scene's
        list, and draws the rest once into a static background. Moving the animated and
        updater-driven mobjects to the end keeps that background as large as it can be;
        the scene's drawing order changes in the same way, so no frame differs from what
        a full redraw of the reordered scene would give.
        """
        animated = {member for mob in _animated_mobjects(animations) for member in mob.get_family()}
        movers = [mob for mob in self.mobjects
                  if any(m in animated or m.updaters for m in mob.get_family())]
        if movers:
            self.bring_to_front(*movers)
        return super().get_moving_mobjects(*animations)


def _animated_mobjects(animations) -> list:
    """The mobjects of ``animations``, including those inside animation groups."""
    found = []
    for anim in animations:
        found.append(anim.mobject)
        found.extend(_animated_mobjects(getattr(anim, "animations", [])))
    return found


# ---------------------------------------------------------------- coordinates

def equal_axes(window: np.ndarray, width: float, height: float) -> Axes:
    """Axes over ``window`` (xmin, xmax, ymin, ymax) with one scale for both directions,
    as large as fits into ``width`` x ``height`` scene units; axis lines only."""
    xmin, xmax, ymin, ymax = (float(v) for v in window)
    unit = min(width / (xmax - xmin), height / (ymax - ymin))
    axes = Axes(
        x_range=[xmin, xmax, xmax - xmin], y_range=[ymin, ymax, ymax - ymin],
        x_length=(xmax - xmin) * unit, y_length=(ymax - ymin) * unit,
        tips=False, axis_config={"color": INK, "stroke_width": 2, "include_ticks": False},
    )
    axes.window = np.array([xmin, xmax, ymin, ymax])
    return axes


def axis_labels(axes: Axes, names: tuple[str, str] = (r"\theta_1", r"\theta_2")) -> VGroup:
    """Names of the two axes at their positive ends (call after placing the axes)."""
    xmin, xmax, ymin, ymax = axes.window
    return VGroup(
        math(names[0], size=LABEL_SIZE).next_to(axes.c2p(xmax, 0), DOWN, buff=0.15)
        .shift(0.25 * LEFT),
        math(names[1], size=LABEL_SIZE).next_to(axes.c2p(0, ymax), LEFT, buff=0.15)
        .shift(0.2 * DOWN),
    )


def pad_window(points: np.ndarray, pad: float = 0.1) -> np.ndarray:
    """(xmin, xmax, ymin, ymax) around ``points`` (n, 2), padded by ``pad`` of the span."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    lo, hi = points.min(axis=0), points.max(axis=0)
    margin = pad * float(np.max(hi - lo))
    return np.array([lo[0] - margin, hi[0] + margin, lo[1] - margin, hi[1] + margin])


def to_scene(axes: Axes, points: np.ndarray) -> np.ndarray:
    """Scene coordinates (n, 3) of parameter-space points (n, 2)."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    return np.asarray(axes.c2p(pts[:, 0], pts[:, 1]), dtype=float).reshape(3, -1).T


def clip_polyline(points: np.ndarray, window: np.ndarray) -> list[np.ndarray]:
    """Pieces (each (k, 2), k >= 2) of the polyline ``points`` inside ``window``
    (xmin, xmax, ymin, ymax), cut exactly at the border (Liang–Barsky per segment)."""
    xmin, xmax, ymin, ymax = (float(v) for v in window)
    pts = np.asarray(points, dtype=float)
    pieces: list[list[np.ndarray]] = []
    current: list[np.ndarray] = []
    for a, b in zip(pts[:-1], pts[1:]):
        d = b - a
        t0, t1 = 0.0, 1.0
        visible = True
        for p, q in ((-d[0], a[0] - xmin), (d[0], xmax - a[0]),
                     (-d[1], a[1] - ymin), (d[1], ymax - a[1])):
            if p == 0:
                if q < 0:
                    visible = False
                    break
                continue
            r = q / p
            if p < 0:
                t0 = max(t0, r)
            else:
                t1 = min(t1, r)
            if t0 > t1:
                visible = False
                break
        if not visible:
            if len(current) >= 2:
                pieces.append(current)
            current = []
            continue
        start, end = a + t0 * d, a + t1 * d
        if t0 > 0 or not current:
            if len(current) >= 2:
                pieces.append(current)
            current = [start]
        current.append(end)
        if t1 < 1:
            pieces.append(current)
            current = []
    if len(current) >= 2:
        pieces.append(current)
    return [np.array(piece) for piece in pieces]


def polyline(axes: Axes, points: np.ndarray, color: ManimColor, width: float = 3,
             opacity: float = 1.0, dashed: bool = False, dash_length: float = 0.16) -> VGroup:
    """The polyline ``points`` (n, 2), clipped to the axes' window, as stroked paths."""
    group = VGroup()
    for piece in clip_polyline(points, axes.window):
        path = VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity)
        corners = to_scene(axes, piece)
        path.set_points_as_corners(corners)
        if dashed:  # about one dash per ``dash_length`` scene units
            length = float(np.sum(np.linalg.norm(np.diff(corners, axis=0), axis=1)))
            path = DashedVMobject(path, num_dashes=max(2, int(length / dash_length)),
                                  dashed_ratio=0.55)
        group.add(path)
    return group


def circle_polyline(radius: float, num: int = 241) -> np.ndarray:
    """A circle about the origin of the given radius as a closed polyline (num, 2)."""
    t = np.linspace(0.0, 2.0 * np.pi, num)
    return float(radius) * np.stack([np.cos(t), np.sin(t)], axis=1)


def axis_segment(direction: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """End points (2, 2) of the stretch [lo, hi] of the line through 0 along ``direction``."""
    direction = np.asarray(direction, dtype=float)
    return np.array([lo * direction, hi * direction])


def rotation_angle(q: np.ndarray) -> float:
    """The angle (radians) by which the rotation matrix ``q`` (2, 2) turns the plane."""
    return float(np.arctan2(q[1, 0], q[0, 0]))


def grid_position(grid: np.ndarray, value: float) -> float:
    """Fractional index of ``value`` in the increasing 1-d ``grid`` (for pausing a sweep)."""
    grid = np.asarray(grid, dtype=float)
    return float(np.interp(value, grid, np.arange(grid.size)))


def sample(values: np.ndarray, position: float) -> np.ndarray:
    """``values`` (m, ...) linearly interpolated at the fractional index ``position``."""
    values = np.asarray(values, dtype=float)
    position = float(np.clip(position, 0, len(values) - 1))
    i = min(int(np.floor(position)), len(values) - 2)
    w = position - i
    return (1 - w) * values[i] + w * values[i + 1]


def marker(axes: Axes, point: np.ndarray, color: ManimColor, radius: float = 0.09) -> Dot:
    """A dot at a parameter-space point, with a thin ink rim so it reads on any line."""
    return Dot(axes.c2p(*point), radius=radius, color=color, stroke_color=PALETTE["background"],
               stroke_width=2)


# ---------------------------------------------------------------- cheap per-frame redraws
# ``always_redraw`` rebuilds and re-aligns a mobject every frame, which is slow for long
# polylines at 60 fps. These helpers rewrite the points of one VMobject in place.

def dash_pieces(corners: np.ndarray, dash: float = 0.16, ratio: float = 0.55) -> list[np.ndarray]:
    """Cut a polyline in scene coordinates (n, 3) into dashes of length ``ratio * dash``
    every ``dash`` units of arc length."""
    corners = np.asarray(corners, dtype=float)
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(corners, axis=0), axis=1))])
    pieces = []
    for start in np.arange(0.0, arc[-1], dash):
        stop = min(start + ratio * dash, arc[-1])
        inner = (arc > start) & (arc < stop)
        s = np.concatenate([[start], arc[inner], [stop]])
        pieces.append(np.stack([np.interp(s, arc, corners[:, k]) for k in range(3)], axis=1))
    return pieces


def set_polyline(mob: VMobject, axes: Axes, lines: np.ndarray | list[np.ndarray],
                 dashed: bool = False, dash: float = 0.16, ratio: float = 0.55) -> VMobject:
    """Make ``mob`` the polyline(s) ``lines`` (each (n, 2)) clipped to the axes' window,
    in place (one subpath per visible piece or dash)."""
    if isinstance(lines, np.ndarray) and lines.ndim == 2:
        lines = [lines]
    mob.clear_points()
    pieces = [to_scene(axes, piece) for line in lines
              for piece in clip_polyline(line, axes.window)]
    if dashed:
        pieces = [d for piece in pieces for d in dash_pieces(piece, dash, ratio)]
    for piece in pieces:
        if len(piece) < 2:
            continue
        mob.start_new_path(piece[0])
        mob.add_points_as_corners(piece[1:])
    return mob


class Counter(VGroup):
    """A number display drawn from cached digit glyphs (cheap enough for every frame).

    Its glyph slots are fixed mobjects whose points change in place: replacing
    submobjects mid-animation would leave the old digits in the renderer's list of
    moving mobjects, and they would be drawn under the new ones.
    """

    SLOTS = 10

    def __init__(self, places: int = 2, size: float = TEXT_SIZE, color: ManimColor = INK) -> None:
        super().__init__(*[VMobject(fill_color=color, fill_opacity=1, stroke_width=0)
                           for _ in range(self.SLOTS)])
        self.places, self.shown = places, None
        characters = "0123456789.-"
        parts = math(*characters, size=size, color=color)  # one LaTeX run for all glyphs
        self.glyphs = {c: part.family_members_with_points()[0]
                       for c, part in zip(characters, parts)}
        self.buff = 0.03 * size / TEXT_SIZE

    def show(self, value: float, anchor: np.ndarray, aligned_edge: np.ndarray = LEFT) -> "Counter":
        """Display ``value`` with its ``aligned_edge`` at ``anchor`` (scene point)."""
        # fewer decimals as the value grows: 0.25, 16.6, 117907 (at most ``places``)
        magnitude = int(np.floor(np.log10(abs(value)))) if abs(value) >= 1 else 0
        text = f"{float(value):.{max(0, self.places - magnitude)}f}"[: self.SLOTS]
        if text != self.shown:
            x = 0.0
            for i, slot in enumerate(self.submobjects):
                if i >= len(text):
                    slot.clear_points()
                    continue
                glyph = self.glyphs[text[i]]
                slot.set_points(glyph.points.copy())
                slot.shift([x - glyph.get_left()[0], -glyph.get_bottom()[1], 0])  # on the baseline
                x += glyph.width + self.buff
            self.shown = text
        self.move_to(anchor, aligned_edge=aligned_edge)
        return self