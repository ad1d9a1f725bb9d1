"""The numbers of the second deck, "Geometry of L1 Regularization" (slides/l1-geometry.tex).

:func:`l1_deck_values` turns the deck's loaded data files and scenario settings into the
macros of its ``values.tex`` (:func:`l2geom.slides.values.deck_values` adds the scenario
folders). Nothing here computes the lecture's mathematics: the lasso
points, thresholds and paths are read from the data files; the few numbers derived here
(a ridge factor, a gradient, a distance) come from :mod:`l2geom.core` functions.

What it reads (``data[part][file]``, loaded data files):

- ``running_example`` (the decorrelated scenario, H diagonal): ``quadratic``, ``lasso``,
  ``lasso_path``, ``proximal``;
- ``correlated_case`` (the course's own, correlated data): ``quadratic``, ``lasso``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..core.lasso import DIAGONAL_ADVICE, is_diagonal
from ..core.quadratic import Quadratic
from ..core.ridge import shrink_factors
from ..datafile import Data, index_of
from ..numbers import COORDINATE, EIGENVALUE, FACTOR, exact, number, without_noise
from .values import components, point, source_values

# Decimals of a λ computed from the data (the λ at which a component reaches 0).
LAMBDA = 1


def _quadratic(data: Data) -> Quadratic:
    return Quadratic(data["hessian"], data["theta_hat"], float(data["risk_min"]))


def _l1_lambdas(scenario: Mapping[str, Any], part: str) -> list[float]:
    lams = sorted(float(lam) for lam in scenario["lambdas"].get("l1", []))
    if not lams:
        raise ValueError(f"{part} ({scenario['name']}): lambdas.l1 is empty")
    return lams


def case_text(point: np.ndarray) -> str:
    """What soft thresholding did to each component of θ̂ (a lasso point (2,)), as the
    thresholds figure's titles say it: set to 0 or shifted."""
    zero = np.asarray(point) == 0
    if zero.all() or not zero.any():
        return "both components " + ("set to~0" if zero.all() else "shifted")
    return ", ".join(
        f"$\\theta_{j + 1}$ " + ("set to~0" if zero[j] else "shifted") for j in range(zero.size)
    )


def _thresholds(prefix: str, t: np.ndarray) -> dict[str, str]:
    """λ/H_jj per component, ``\\infty`` where H_jj = 0 (the component is always 0)."""
    finite = np.isfinite(t)
    out = components(prefix, np.where(finite, t, 0.0), COORDINATE, whole=False)
    return {name: (text if ok else "\\infty") for (name, text), ok in zip(out.items(), finite)}


def _gradient(prefix: str, g: np.ndarray) -> dict[str, str]:
    """∇R_emp's components, rounded first to 9 places so that −λ up to rounding prints as −λ."""
    return components(prefix, np.round(np.asarray(g, dtype=float), 9), EIGENVALUE)


def _matrix(m: np.ndarray, decimals: int) -> str:
    rows = "\\\\".join(" & ".join(number(x, decimals) for x in row) for row in np.asarray(m))
    return f"\\begin{{pmatrix}}{rows}\\end{{pmatrix}}"


def check_diagonal(quadratic: Data) -> np.ndarray:
    """The running example's Hessian (2, 2); ValueError unless it is diagonal (the closed
    form, soft thresholding, needs it) and 2-D (the deck draws a plane)."""
    hessian = np.asarray(quadratic["hessian"], dtype=float)
    if hessian.shape != (2, 2):
        raise ValueError(f"the L1 deck draws a plane: the running example has d = {len(hessian)}")
    if not is_diagonal(hessian):
        raise ValueError(
            "the L1 deck's running example needs a diagonal Hessian (soft thresholding is "
            f"its closed form), but H has the off-diagonal entry {hessian[0, 1]:.4g}: "
            + DIAGONAL_ADVICE
        )
    return hessian


def running_example_values(
    quadratic: Data, lasso: Data, lasso_path: Data, lambdas: Sequence[float]
) -> dict[str, str]:
    """The decorrelated running example: H_jj, θ̂, for the smallest (``Low``) and the largest
    (``High``) λ of ``lambdas`` (sorted, at least two) the thresholds λ/H_jj, θ̂_lasso, θ̂_ridge
    and the ridge factors H_jj/(H_jj + λ); the λ = H_jj|θ̂_j| from which component j is 0.
    ValueError if H is not diagonal (the closed form needs it) or the plane is not 2-D."""
    hessian = check_diagonal(quadratic)
    if not bool(lasso["diagonal"]):
        raise ValueError("the running example's lasso data were computed for a non-diagonal H")
    if len(lambdas) < 2:
        raise ValueError(f"lambdas.l1 needs a small and a large value, got {list(lambdas)}")
    diag = np.diag(hessian)
    values = {
        **point("thetaHat", quadratic["theta_hat"]),
        **components("hess", diag, EIGENVALUE),
        **components("zeroFrom", lasso_path["zero_from"], LAMBDA),
    }
    for key, lam in (("Low", lambdas[0]), ("High", lambdas[-1])):
        k = index_of(lasso["lambdas"], lam)
        values.update(
            {
                f"lam{key}": exact(lam),
                f"case{key}": case_text(lasso["lasso"][k]),
                **_thresholds(f"threshold{key}", lasso["thresholds"][k]),
                **point(f"lasso{key}", lasso["lasso"][k], exact_zeros=True),
                **point(f"ridge{key}", lasso["ridge"][k]),
                **components(f"shrink{key}", shrink_factors(diag, lam), FACTOR),
            }
        )
    return values


def correlated_values(quadratic: Data, lasso: Data, lam: float) -> dict[str, str]:
    """The correlated case at λ = ``lam`` (prefix ``corr``): H, θ̂, the lasso point (the
    solver's) and soft thresholding in the eigen-coordinates rotated back, their distance,
    and ∇R_emp at each (the optimality conditions hold at the first only)."""
    quad = _quadratic(quadratic)
    k = index_of(lasso["lambdas"], lam)
    solved, rotated = lasso["lasso"][k], lasso["rotated"][k]
    return {
        "corrLam": exact(lam),
        "corrHessian": _matrix(quad.hessian, EIGENVALUE),
        **point("corrThetaHat", quad.theta_hat),
        **point("corrLasso", solved, exact_zeros=True),
        **point("corrRotated", rotated),
        "corrGap": number(float(np.linalg.norm(solved - rotated)), COORDINATE, whole=False),
        **_gradient("corrGradLasso", quad.gradient(solved)),
        **_gradient("corrGradRotated", quad.gradient(rotated)),
    }


def proximal_values(proximal: Data) -> dict[str, str]:
    """Proximal gradient descent (prefix ``prox``) at the largest stored λ: step size α,
    λ, the pull αλ and weight decay's factor 1 − αλ."""
    alpha = float(proximal["step_size"])
    lam = float(np.max(proximal["lambdas"]))
    pull = float(proximal["pulls"][index_of(proximal["lambdas"], lam)])
    return {
        "proxStepSize": exact(alpha),
        "proxLam": exact(lam),
        "proxPull": exact(without_noise(pull)),
        "proxDecayFactor": exact(without_noise(1.0 - pull)),
    }


def example_values(source: Mapping[str, Any], quadratic: Data) -> dict[str, str]:
    """The running-example box: :func:`l2geom.slides.values.source_values` plus
    ``decorrelation``, the deck's macro saying how H became diagonal (``\\exampleDecorrelated``
    when the features were rotated, ``\\exampleDiagonal`` when H is diagonal as given)."""
    kind = next((k for k in ("generate", "csv") if k in source), None)
    rotated = kind is not None and bool(source[kind].get("decorrelate", False))
    return {
        **source_values(source, quadratic),
        "decorrelation": "\\exampleDecorrelated" if rotated else "\\exampleDiagonal",
    }


def l1_deck_values(
    data: Mapping[str, Mapping[str, Data]], scenarios: Mapping[str, Mapping[str, Any]]
) -> dict[str, str]:
    """The numbers of the deck l1-geometry (see :func:`l2geom.slides.values.deck_values`):
    ``data[part][file]`` holds the loaded data files its catalogue entry reads,
    ``scenarios[part]`` the part's scenario ({"name", "lambdas" (use -> sorted list),
    "source"}). Returns macro name -> LaTeX text. ValueError if the running example's
    Hessian is not diagonal or its lambdas.l1 has fewer than two values."""
    example, correlated = data["running_example"], data["correlated_case"]
    check_diagonal(example["quadratic"])  # first: the other files then need not be read
    lams = _l1_lambdas(scenarios["running_example"], "running_example")
    corr_lam = _l1_lambdas(scenarios["correlated_case"], "correlated_case")[-1]
    return {
        **running_example_values(
            example["quadratic"], example["lasso"], example["lasso_path"], lams
        ),
        **example_values(scenarios["running_example"]["source"], example["quadratic"]),
        **proximal_values(example["proximal"]),
        **correlated_values(correlated["quadratic"], correlated["lasso"], corr_lam),
    }
