"""A zoomed panel onto where a weight-decay run settles, its region indicated on the
panel it magnifies: there each step's gradient part and decay pull are told apart."""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..datafile import Data
from ..style import COLORS
from ..views import fit_aspect, settling_window
from .labels import label
from .marks import THETA_RIDGE, draw_weight_decay, mark
from .plane import draw_landscape

# The gradient step is drawn wide under the decay pull: near the end the two run
# back and forth along the same line, and both stay visible.
ZOOM_STEP_WIDTHS = {"gradient": 2.6, "decay": 1.1}
STEP_GAP = 5.0  # points between the starts of the steps drawn
INDICATOR: dict[str, Any] = dict(edgecolor=COLORS["ink"], linewidth=0.7, alpha=0.9)


def draw_zoom(
    main: Axes, zoom: Axes, landscape: Data, descent: Data, k: int, aspect: float
) -> None:
    """Run ``k`` of ``descent`` in ``zoom``, magnified onto its settling region (a window
    of height / width ``aspect``), with that region outlined on ``main``. Once the layout
    is final, :func:`connect` adds the connectors and the magnification."""
    window = fit_aspect(settling_window(descent["wd"][k], descent["wd_after_gradient"][k]), aspect)
    draw_landscape(zoom, landscape, through=descent["ridge_levels"][k : k + 1])
    zoom.set_xlim(*window[:2])
    zoom.set_ylim(*window[2:])
    zoom.set(xlabel="", ylabel="", xticks=[], yticks=[])
    draw_weight_decay(zoom, descent, k, widths=ZOOM_STEP_WIDTHS, gap=STEP_GAP)
    mark(zoom, descent["ridge"][k], "ridge")
    label(zoom, descent["ridge"][k], THETA_RIDGE, color=COLORS["ridge"])
    zoom.set_title("zoom")  # the layout makes room now; connect() adds the magnification
    outline(main, zoom)


def outline(main: Axes, zoom: Axes) -> None:
    """The region ``zoom`` shows, outlined on ``main``."""
    (x0, y0), (x1, y1) = zoom.viewLim.get_points()
    main.indicate_inset((x0, y0, x1 - x0, y1 - y0), **INDICATOR).set_gid("zoom_indicator")


def magnification(main: Axes, zoom: Axes) -> float:
    """How many times larger ``zoom`` draws a length than ``main`` (screen per data unit)."""
    return (zoom.bbox.width / zoom.viewLim.width) / (main.bbox.width / main.viewLim.width)


def connect(main: Axes, zoom: Axes, title: bool = True) -> None:
    """Two lines from the outline on ``main`` to the facing corners of ``zoom``, and (with
    ``title``) the magnification as ``zoom``'s title. Call once the layout is final: the
    lines are fixed in figure coordinates (the same bytes on every build, which the inset
    indicator's own connectors, recomputed at each draw, did not always give)."""
    fig = main.figure
    assert isinstance(fig, Figure)  # a figure's own axes, not a subfigure's
    fig.draw_without_rendering()
    to_figure = fig.transFigure.inverted()
    r = main.transData.transform(zoom.viewLim.get_points())  # the outline, on screen
    (rx0, ry0), (rx1, ry1) = r
    z = zoom.bbox
    if z.x0 >= rx1:
        ends = [((rx1, ry1), (z.x0, z.y1)), ((rx1, ry0), (z.x0, z.y0))]
    elif z.x1 <= rx0:
        ends = [((rx0, ry1), (z.x1, z.y1)), ((rx0, ry0), (z.x1, z.y0))]
    elif z.y0 >= ry1:
        ends = [((rx0, ry1), (z.x0, z.y0)), ((rx1, ry1), (z.x1, z.y0))]
    else:
        ends = [((rx0, ry0), (z.x0, z.y1)), ((rx1, ry0), (z.x1, z.y1))]
    for start, end in ends:
        line = Line2D(
            *to_figure.transform([start, end]).T,
            transform=fig.transFigure,
            color=INDICATOR["edgecolor"],
            linewidth=INDICATOR["linewidth"],
            alpha=INDICATOR["alpha"],
            clip_on=False,
            zorder=4.5,
            gid="zoom_connector",
        )
        line.set_in_layout(False)
        main.add_line(line)
    if title:
        zoom.set_title(f"zoom $\\times{magnification(main, zoom):.0f}$")
