"""A number display cheap enough to update every frame."""

from __future__ import annotations

import numpy as np
from manim import LEFT, ManimColor, VGroup, VMobject

from .style import INK, TEXT_SIZE, math


class Counter(VGroup):
    """A number display drawn from cached digit glyphs (cheap enough for every frame).

    Its glyph slots are fixed mobjects whose points change in place: replacing
    submobjects mid-animation would leave the old digits in the renderer's list of
    moving mobjects, and they would be drawn under the new ones.
    """

    SLOTS = 10

    def __init__(self, places: int = 2, size: float = TEXT_SIZE, color: ManimColor = INK) -> None:
        super().__init__(
            *[VMobject(fill_color=color, fill_opacity=1, stroke_width=0) for _ in range(self.SLOTS)]
        )
        self.places = places
        self.shown: str | None = None
        characters = "0123456789.-"
        parts = math(*characters, size=size, color=color)  # one LaTeX run for all glyphs
        self.glyphs = {
            c: part.family_members_with_points()[0] for c, part in zip(characters, parts)
        }
        self.buff = 0.03 * size / TEXT_SIZE

    def show_value(
        self, value: float, anchor: np.ndarray, aligned_edge: np.ndarray = LEFT
    ) -> Counter:
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
                slot.shift((x - glyph.get_left()[0], -glyph.get_bottom()[1], 0))  # on the baseline
                x += glyph.width + self.buff
            self.shown = text
        self.move_to(anchor, aligned_edge=aligned_edge)
        return self
