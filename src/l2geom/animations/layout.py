"""Where things go on screen: every placement number of the scenes, by what it places.

Scene units: the frame is 8 units high and 14.2 wide, its centre at the origin. A "gap"
is the space between two pieces (Manim's ``buff``); a "shift" moves a piece after it
was placed. Text sizes are not here but in the type scale (:mod:`.style`).
"""

from __future__ import annotations

# ---------------------------------------------------------------- shared by the scenes
# The parameter plane fills the frame's left part; the text column stands to its right.
PLANE_HEIGHT = 6.9  # the plane's box: the frame's height, less a margin
PLANE_DROP = 0.35  # the plane's centre below the frame's
PLANE_EDGE_GAP = 0.5  # the plane from the frame's left edge
HEADING_TOP_GAP = 0.5  # a column's heading below the frame's top edge

AXIS_NAME_GAP = 0.15  # θ₁, θ₂ below / left of their axis' positive end
AXIS_NAME_INSET_X = 0.25  # θ₁ moved left, under the axis' end
AXIS_NAME_INSET_Y = 0.2  # θ₂ moved down, beside the axis' end

POINT_LABEL_GAP = 0.1  # a label beside a marker or an arrow's tip (θ̂)
LEFT_LABEL_GAP = 0.12  # a label to a marker's left
BACKDROP_GAP = 0.04  # the background patch around a label drawn over lines
VALUE_GAP = 0.2  # a live number right of what it reads (its name, its bar)
DIAMOND_SIDE = 0.17  # θ̂_lasso's marker (a square turned by 45°)

SWATCH_HALF_LENGTH = 0.35  # a legend's line sample runs this far each side of its centre
SWATCH_TEXT_GAP = 0.25  # a legend's sample to its text
CLOSING_NOTE_GAP = 0.6  # the closing note below the column's last block
ENTRANCE_SHIFT = 0.2  # a caption or note rises this far as it fades in

# ---------------------------------------------------------------- rotate_rescale
DISC_RADIUS = 3.6  # the turning plane's disc
EIGEN_LABEL_GAP = 0.12  # q₁, q₂ beyond their eigen-axis' end
FORMULA_CORNER_GAP = 0.45  # the formula from the frame's top right corner
EIGEN_NOTE_GAP = 0.4  # the eigen-axes note below the formula
CAPTION_GAP = 0.45  # each stage's caption below the eigen-axes note
FACTORS_GAP = 0.4  # λ and the shrink factors below the first caption
FACTOR_ROW_GAP = 0.3  # between λ and the shrink-factor rows
HIGHLIGHT_GAP = 0.08  # the box around the formula's current part
HIGHLIGHT_CORNER = 0.06  # its corner radius
RIDGE_LABEL_GAP = 0.3  # θ̂_Ridge from its marker, into the penalty disc
RIDGE_LABEL_BACK = 0.45  # how far that label's direction leans back along θ̂_Ridge

# ---------------------------------------------------------------- decay_trajectories
PANELS_LEFT = -6.7  # the first panel's left edge
PANELS_WIDTH = 7.6  # all panels with the gaps between them
PANEL_GAP = 0.55  # between neighbouring panels
PANEL_TITLE_GAP = 0.2  # λ = … above its panel
EQUATION_CORNER_GAP = 0.55  # the update rule from the frame's top right corner
LEGEND_GAP = 0.5  # the legend below the update rule
LEGEND_ROW_GAP = 0.3  # between the legend's rows
ZOOM_BOX_MIN = 0.08  # the zoom box's smallest side, so that it is seen growing
ZOOM_NOTE_INSET = 0.12  # "zoom ×k" in from the zoomed panel's top left corner
SETTLE_ARROW_OFFSET = 0.2  # the settled step's two arrows, each this far off their line
SETTLE_TIP_LENGTH = 0.32  # their heads
SETTLE_LABEL_GAP = 0.15  # an arrow's length beside it, on its outer side

# ---------------------------------------------------------------- lambda_sweep
SWEEP_PLANE_WIDTH = 3.8  # the plane's box (a tall window)
SWEEP_PLANE_EDGE_GAP = 0.6  # the plane from the frame's left edge
SWEEP_COLUMN_GAP = 1.0  # the column right of the plane
COUNTER_GAP = 0.6  # "λ = …" below the heading
SLIDER_GAP = 0.55  # the λ slider below the counter
SLIDER_LENGTH = 6.6
SLIDER_TICK = 0.07  # tick size on the slider
SLIDER_NUMBER_GAP = 0.12  # 10^k below its tick
SIGMA_MARK_HALF = 0.15  # the σᵢ marks run this far above and below the slider
SIGMA_LABEL_GAP = 0.18  # σᵢ above its mark
KNOB_SIZE = 0.11  # the slider's knob (a triangle's scale)
KNOB_GAP = 0.02  # the knob above the slider
BARS_GAP = 0.75  # the first shrink-factor bar below the slider
BAR_PITCH = 1.05  # from one bar's row to the next
BAR_LENGTH = 4.2  # a bar at shrink factor 1
BAR_HEIGHT = 0.32
BAR_GAP = 0.35  # a bar right of its fraction
BAR_NOTE_GAP = 0.08  # "flat, σ₁ = …" above its bar
SWEEP_LEGEND_GAP = 0.5  # the legend of the moving curves below the bars
SWEEP_LEGEND_ROW_GAP = 0.2  # between its rows
RUNNING_NOTE_GAP = 0.45  # the running note below the legend
RUNNING_NOTE_SHIFT = 0.15  # the running note rises this far as it fades in

# ---------------------------------------------------------------- adam_vs_adamw
OPTIMIZER_PLANE_WIDTH = 6.2  # the plane's box
BOX_NOTE_GAP = 0.1  # "|θᵢ| ≤ 1/λ" above the box's top edge
BOX_NOTE_SHIFT = 0.15  # and moved right, off the box's corner
RIDGE_END_LABEL_GAP = 0.2  # θ̂_Ridge right of its end point
ADAMW_END_LABEL_GAP = 0.5  # "AdamW" up and right of its end point
OPTIMIZER_COLUMN_GAP = 0.8  # the column right of the plane
RUN_SWATCH_LENGTH = 0.6  # a run's line sample in the legend
RUN_SWATCH_GAP = 0.2  # the sample to the run's name
RULES_GAP = 0.5  # the runs and their rules below the heading
RUN_GAP = 0.35  # between one run (name and rule) and the next
RULE_GAP = 0.15  # a run's update rule below its name
RULE_INDENT = 0.8  # and indented by this
RULE_LINE_GAP = 0.1  # between the lines of a two-line rule

# ---------------------------------------------------------------- l2_scales_l1_shifts
COMPONENT_LINE_LENGTH = 5.2  # each component's number line in the column
COMPONENTS_GAP = 1.1  # the first number line below the λ counter
COMPONENT_GAP = 1.25  # between the two components' number lines
COMPONENT_NAME_GAP = 0.3  # a number line's name above it
ZERO_TICK_HALF = 0.15  # the 0 mark of a number line, each side of it
BAND_HEIGHT = 0.34  # the threshold band's height over a number line
L1_LEGEND_GAP = 0.5  # the legend below the number lines
L1_LEGEND_ROW_GAP = 0.2  # between the legend's rows
L1_SWATCH_GAP = 0.25  # a legend's sample to its text
