"""A zoomed panel onto where a weight-decay run settles, its region indicated on the
panel it magnifies: there each step's gradient part and decay pull are told apart."""

from __future__ import annotations

from matplotlib.axes import Axes

from ..build.store import Data
from ..core.plane import fit_aspect, settling_window
from ..style import COLORS
from .labels import label
from .marks import THETA_RIDGE, draw_weight_decay, mark
from .plane import draw_landscape

# The gradient step is drawn wide under the decay pull: near the end the two run
# back and forth along the same line, and both stay visible.
ZOOM_STEP_WIDTHS = {"gradient": 2.6, "decay": 1.1}
STEP_GAP = 5.0  # points between the starts of the steps drawn
INDICATOR = dict(edgecolor=COLORS["ink"], linewidth=0.7, alpha=0.9)


def draw_zoom(main: Axes, zoom: Axes, landscape: Data, descent: Data, k: int,
              aspect: float) -> float:
    """Run ``k`` of ``descent`` in ``zoom``, magnified onto its settling region (a window
    of height / width ``aspect``), with that region and its connectors drawn on ``main``.
    Returns the magnification (width of ``main``'s view over the zoom's)."""
    window = fit_aspect(settling_window(descent["wd"][k], descent["wd_after_gradient"][k]),
                        aspect)
    draw_landscape(zoom, landscape, through=descent["ridge_levels"][k:k + 1])
    zoom.set_xlim(*window[:2])
    zoom.set_ylim(*window[2:])
    zoom.set(xlabel="", ylabel="", xticks=[], yticks=[])
    draw_weight_decay(zoom, descent, k, widths=ZOOM_STEP_WIDTHS, gap=STEP_GAP)
    mark(zoom, descent["ridge"][k], "ridge")
    label(zoom, descent["ridge"][k], THETA_RIDGE, color=COLORS["ridge"])
    main.indicate_inset_zoom(zoom, **INDICATOR).set_gid("zoom_indicator")
    factor = (main.get_xlim()[1] - main.get_xlim()[0]) / (window[1] - window[0])
    zoom.set_title(f"zoom $\\times{factor:.0f}$")
    return factor
