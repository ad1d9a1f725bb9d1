"""The look of every scene: colours by role (the same hex codes as the figures and the
slides) and the type scale."""

from __future__ import annotations

from manim import MathTex, ManimColor, Tex

from l2geom.style import COLORS

#: Colours by role, the same hex codes as the figures and the slides.
PALETTE: dict[str, ManimColor] = {role: ManimColor(hexcode) for role, hexcode in COLORS.items()}
INK = PALETTE["ink"]

#: Type scale in Manim font-size units (frame height 8 units; 48 is Manim's default).
TITLE_SIZE = 40
TEXT_SIZE = 32
LABEL_SIZE = 30
SMALL_SIZE = 26


def tex(*parts: str, size: float = TEXT_SIZE, color: ManimColor = INK, **kwargs) -> Tex:
    """Text (LaTeX text mode) in ink, at the scene's type scale."""
    return Tex(*parts, font_size=size, color=color, **kwargs)


def math(*parts: str, size: float = TEXT_SIZE, color: ManimColor = INK, **kwargs) -> MathTex:
    """A formula in ink, at the scene's type scale."""
    return MathTex(*parts, font_size=size, color=color, **kwargs)
