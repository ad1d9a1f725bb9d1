"""Static figures: one module per figure family; each drawing function takes loaded data
files (dicts of arrays) and returns a matplotlib Figure; :func:`output.save` writes PDF + PNG.

``render(family, data, params)`` draws a config figure family as its catalogue spec says
(l2geom.catalogue.FIGURES), returning its figures by file name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from matplotlib.figure import Figure

from ..catalogue import FIGURES, resolve
from .output import save


def render(
    family: str, data: Mapping[str, Mapping], params: Mapping[str, Any]
) -> dict[str, Figure]:
    """Figures of ``family`` by name, from ``data`` (argument name -> arrays, as the spec
    reads them) and ``params`` (at least the spec's parameters)."""
    if family not in FIGURES:
        raise ValueError(f"unknown figure family {family!r}; known: {sorted(FIGURES)}")
    spec = FIGURES[family]
    drawn = resolve(spec.draw)(
        **{arg: data[arg] for arg in spec.reads}, **{name: params[name] for name in spec.params}
    )
    figures = drawn if isinstance(drawn, tuple) else (drawn,)
    if len(figures) != len(spec.names):
        raise ValueError(
            f"{spec.draw} drew {len(figures)} figures, the catalogue names "
            f"{len(spec.names)}: {spec.names}"
        )
    return dict(zip(spec.names, figures))


__all__ = ["render", "save"]
