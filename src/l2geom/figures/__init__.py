"""Static figures: one module per figure family; each function takes loaded data files
(dicts of arrays) and returns a matplotlib Figure; :func:`output.save` writes PDF + PNG.

``render(family, data, params)`` maps a config figure family to its figures by file name.
"""

from __future__ import annotations

from typing import Any, Mapping

from matplotlib.figure import Figure

from ..catalogue import FIGURE_FAMILIES
from . import (adam_vs_adamw, early_stopping, gd_vs_weight_decay, goodfellow,
               pull_depends_on_lambda, rescale, shrink_factors)
from .output import save

def render(family: str, data: Mapping[str, Mapping], params: Mapping[str, Any]) -> dict[str, Figure]:
    """Figures of ``family`` by name, from ``data`` (data-file name -> arrays) and ``params``."""
    d = data
    if family == "gd_vs_weight_decay":
        figs = [gd_vs_weight_decay.figure(d["quadratic"], d["landscape"], d["descent"],
                                          params["lam"])]
    elif family == "pull_depends_on_lambda":
        figs = [pull_depends_on_lambda.figure(d["quadratic"], d["landscape"], d["descent"],
                                              d["ridge_path"], params["lambdas"])]
    elif family == "eigen_projection":
        figs = [rescale.eigen_projection(d["rescale"], d["landscape"])]
    elif family == "rescale_lambda_zero":
        figs = [rescale.rescale_lambda_zero(d["rescale"], d["landscape"], d["ridge_path"])]
    elif family == "rescale_lambda_positive":
        figs = [rescale.rescale_lambda_positive(d["rescale"], d["landscape"])]
    elif family == "goodfellow":
        figs = [goodfellow.figure(d["quadratic"], d["landscape"], d["tangency"], d["rescale"], v)
                for v in goodfellow.VARIANTS]
    elif family == "shrink_factors":
        figs = [shrink_factors.figure(d["ridge_path"], d["rescale"])]
    elif family == "adam_vs_adamw":
        figs = [adam_vs_adamw.figure(d["quadratic"], d["landscape"], d["adaptive"])]
    elif family == "early_stopping":
        figs = [early_stopping.figure(d["landscape"], d["ridge_path"], d["quadratic"],
                                      d["early_stopping"])]
    else:
        raise ValueError(f"unknown figure family {family!r}; known: {sorted(FIGURE_FAMILIES)}")
    return dict(zip(FIGURE_FAMILIES[family], figs))


__all__ = ["render", "save"]
