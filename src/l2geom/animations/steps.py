"""A descent step on a parameter plane: its arrows (the gradient step, the pull toward the
origin), the thin segments it leaves as a trail, the settled step's thick arrows, the
printing of their lengths, and a run's steps drawn in one sweep. Shared by the scenes
that draw steps (decay_trajectories, proximal_steps)."""

from __future__ import annotations

import numpy as np
from manim import Arrow, Axes, ManimColor, Mobject, UpdateFromAlphaFunc, VGroup, VMobject

from l2geom.numbers import number

from .layout import SETTLE_TIP_LENGTH
from .plane import growing_segments
from .sampling import sample
from .style import PALETTE


def settle_arrow(start: np.ndarray, end: np.ndarray, role: str) -> Arrow:
    """An arrow of the settled step (scene points): thick, with a head that reads when a
    still is printed small."""
    return Arrow(
        start,
        end,
        buff=0,
        color=PALETTE[role],
        stroke_width=8,
        tip_length=SETTLE_TIP_LENGTH,
        max_tip_length_to_length_ratio=0.3,
        max_stroke_width_to_length_ratio=20,
    )


def significant(value: float, digits: int = 3) -> str:
    """``value`` printed to ``digits`` significant digits (a length on the picture)."""
    if value <= 0:
        return number(0.0, 0)
    return number(value, max(0, digits - 1 - int(np.floor(np.log10(value)))), whole=False)


def arrow(axes: Axes, start: np.ndarray, end: np.ndarray, color: ManimColor) -> Arrow:
    """One step's arrow, from the parameter-space ``start`` to ``end``."""
    return Arrow(
        axes.c2p(*start),
        axes.c2p(*end),
        buff=0,
        color=color,
        stroke_width=5,
        max_tip_length_to_length_ratio=0.35,
        max_stroke_width_to_length_ratio=12,
    )


def segment(
    axes: Axes,
    start: np.ndarray,
    end: np.ndarray,
    color: ManimColor,
    width: float = 2.2,
    opacity: float = 1.0,
) -> VMobject:
    """One step as a thin line of the trail."""
    seg = VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity)
    seg.set_points_as_corners([axes.c2p(*start), axes.c2p(*end)])
    return seg


def sweep(
    axes: Axes,
    iterates: np.ndarray,
    after: np.ndarray,
    first: int,
    stop: int,
    dot: Mobject,
    trail: VGroup,
) -> tuple[UpdateFromAlphaFunc, UpdateFromAlphaFunc]:
    """Steps ``first`` to ``stop`` of a run (``iterates``; ``after``: each step's end of its
    gradient part) drawn in one sweep: the trail's growth and ``dot`` riding along it.

    The growing trail is two paths (gradient steps, pulls), added to ``trail`` and redrawn
    per frame, not hundreds of segments."""
    corners = np.array(
        [iterates[first], *(c for k in range(first, stop) for c in (after[k], iterates[k + 1]))]
    )
    ends = np.array([axes.c2p(*c) for c in corners])
    paths = VGroup(
        *[
            VMobject(stroke_color=PALETTE[role], stroke_width=1.6, stroke_opacity=0.7)
            for role in ("gradient_step", "decay_step")
        ]
    )
    trail.add(paths)

    def grow(m: Mobject, a: float) -> list[Mobject]:
        return [path.set_points(growing_segments(ends, a, parity)) for parity, path in enumerate(m)]

    def ride(m: Mobject, a: float) -> Mobject:
        return m.move_to(axes.c2p(*sample(corners, a * (len(corners) - 1))))

    return UpdateFromAlphaFunc(paths, grow), UpdateFromAlphaFunc(dot, ride)
