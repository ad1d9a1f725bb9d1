"""A figure's life outside its drawing: created on an Agg canvas, drawn under the l2geom
style sheet, saved with fixed metadata (so rebuilds are byte-identical)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from ..atomic import atomic_path
from ..style import MPLSTYLE

F = TypeVar("F", bound=Callable)

# Fixed metadata: no dates, no versions that change between builds of the same code.
PDF_METADATA = {"Creator": "l2geom", "CreationDate": None, "ModDate": None}
PNG_METADATA = {"Software": None}
PNG_DPI = 200
FORMATS = ("pdf", "png")


def styled(func: F) -> F:
    """Run ``func`` with the l2geom style sheet active (no global rcParams change)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with mpl.rc_context(fname=str(MPLSTYLE)):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def new_figure(width: float, height: float) -> Figure:
    """A Figure on an Agg canvas (no pyplot, no GUI backend) with constrained layout."""
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    engine = fig.get_layout_engine()
    assert isinstance(engine, ConstrainedLayoutEngine)
    engine.set(w_pad=0.02, h_pad=0.02, wspace=0.04, hspace=0.02)
    return fig


@styled
def save(fig: Figure, paths: Iterable[str | Path]) -> None:
    """Write ``fig`` to each path (.pdf or .png) with fixed metadata, atomically."""
    for path in map(Path, paths):
        fmt = path.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            raise ValueError(f"unsupported figure format {path.suffix!r} for {path}")
        meta = PDF_METADATA if fmt == "pdf" else PNG_METADATA
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format=fmt, dpi=PNG_DPI, metadata=meta)
