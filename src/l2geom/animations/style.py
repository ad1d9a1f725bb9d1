"""The look of every scene: colours by role (the same hex codes as the figures and the
slides) and the type scale."""

from __future__ import annotations

from manim import DOWN, LEFT, ManimColor, MathTex, Tex, VGroup, VMobject

from l2geom.style import COLORS

from .layout import BACKDROP_GAP

#: Colours by role, the same hex codes as the figures and the slides.
PALETTE: dict[str, ManimColor] = {role: ManimColor(hexcode) for role, hexcode in COLORS.items()}
INK = PALETTE["ink"]

#: Type scale in Manim font-size units (frame height 8 units; 48 is Manim's default).
#: The deck shows each video on a whole 16:9 slide (160 mm wide): font size 28 is then
#: 9.3 pt, the slide's footnote size (9 pt at 11 pt); nothing in a video is smaller.
TITLE_SIZE = 40
TEXT_SIZE = 32
LABEL_SIZE = 30
SMALL_SIZE = 28
# Steps for roles between those; scenes take every size from this scale, by role.
DISPLAY_SIZE = TITLE_SIZE + 2  # the formula a scene is about (rotate_rescale)
READOUT_SIZE = TITLE_SIZE  # a live value with its name: λ = 0.25
HEADING_SIZE = TEXT_SIZE + 6  # a text column's heading
LONG_HEADING_SIZE = TEXT_SIZE + 4  # a heading of a whole sentence, still one line
NOTE_SIZE = SMALL_SIZE + 2  # legends, update rules, notes: below the main text
MIN_SIZE = SMALL_SIZE


def tex(*parts: str, size: float = TEXT_SIZE, color: ManimColor = INK, **kwargs) -> Tex:
    """Text (LaTeX text mode) in ink, at the scene's type scale."""
    return Tex(*parts, font_size=size, color=color, **kwargs)


def math(*parts: str, size: float = TEXT_SIZE, color: ManimColor = INK, **kwargs) -> MathTex:
    """A formula in ink, at the scene's type scale."""
    return MathTex(*parts, font_size=size, color=color, **kwargs)


def on_backdrop(mob: VMobject) -> VMobject:
    """``mob`` on a patch of the background, so that it reads where it covers lines."""
    return mob.add_background_rectangle(
        color=PALETTE["background"], opacity=0.85, buff=BACKDROP_GAP
    )


def lines(
    *texts: str, size: float = TEXT_SIZE, color: ManimColor = INK, buff: float = 0.12
) -> VGroup:
    """Lines of text, one Tex each (the parts of one Tex would be typeset as one
    paragraph, which LaTeX wraps), flush left."""
    return VGroup(*[tex(text, size=size, color=color) for text in texts]).arrange(
        DOWN, aligned_edge=LEFT, buff=buff
    )
