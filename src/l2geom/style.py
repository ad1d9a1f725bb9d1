"""One palette and type scale for matplotlib, Manim and beamer.

Colours are named by the role they play in the lecture, taken from the Okabe–Ito
colour-blind-safe palette. Figures, animations and slides (slides/generated/colors.tex)
all read them from here; ``COLOR_WORDS`` is how the slide prose names each colour.
"""

from __future__ import annotations

from pathlib import Path

COLORS: dict[str, str] = {
    "weights": "#0072B2",  # θ̂ and plain gradient-descent iterates (blue)
    "ridge": "#D55E00",  # θ̂_ridge and the ridge path (vermillion)
    "gradient_step": "#56B4E9",  # the gradient part of a weight-decay step (sky blue)
    "decay_step": "#E69F00",  # the decay pull toward the origin (orange)
    "penalty": "#009E73",  # L2 penalty circles (bluish green)
    "eigen_axes": "#CC79A7",  # eigenvector axes of H (reddish purple)
    "adam_penalty": "#D55E00",  # Adam + L2 (Adam on R_reg): ends at θ̂_ridge, so its colour
    "adamw": "#CC79A7",  # AdamW and its box (reddish purple; no eigen-axes beside it)
    "lasso": "#CC79A7",  # θ̂_lasso and the lasso path (reddish purple; no eigen-axes beside it)
    # L1 penalty diamonds: the lasso's reddish purple, so a diamond and an L2 circle drawn
    # together (l1_vs_l2, the L1 animations) differ; Okabe-Ito's unused yellow is too faint
    # for a dashed line on white and its black is the ink
    "lasso_penalty": "#CC79A7",
    "threshold": "#56B4E9",  # threshold bands ±λ/H_jj of soft thresholding (sky blue)
    "risk": "#4D4D4D",  # R_emp contour lines (dark grey)
    "ink": "#1A1A1A",  # text and coordinate axes
    "background": "#FFFFFF",
}

COLOR_WORDS: dict[str, str] = {
    "weights": "blue",
    "ridge": "vermillion",
    "gradient_step": "sky blue",
    "decay_step": "orange",
    "penalty": "green",
    "eigen_axes": "purple",
    "adam_penalty": "vermillion",
    "adamw": "purple",
    "lasso": "purple",
    "lasso_penalty": "purple",
    "threshold": "sky blue",
    "risk": "grey",
}

# Filled R_emp landscape behind the contour lines: light, so coloured marks stay legible.
LANDSCAPE_CMAP = "Greys"

# Type scale (pt): beamer 11pt at 16:9, where \footnotesize is 9pt.
FONT_SIZE = 9.0
SMALL_FONT_SIZE = 8.0

# Figure sizes (inches) for the place a figure takes in a 160 mm x 90 mm frame.
FULL_WIDTH = 5.6
HALF_WIDTH = 2.75
FIGURE_HEIGHT = 2.45

MPLSTYLE = Path(__file__).with_name("l2geom.mplstyle")


def latex_color_definitions() -> str:
    """``\\definecolor`` lines for every role, for slides/generated/colors.tex."""
    lines = ["% Generated from l2geom.style.COLORS; do not edit."]
    for role, hexcode in COLORS.items():
        name = "l2" + role.replace("_", "")
        lines.append(f"\\definecolor{{{name}}}{{HTML}}{{{hexcode.lstrip('#').upper()}}}")
    return "\n".join(lines) + "\n"
