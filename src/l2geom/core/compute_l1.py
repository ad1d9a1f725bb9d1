"""Contents of the L1 lecture's data files, as dicts of arrays: pure functions of a quadratic.

As in l2geom.core.compute, each function returns exactly what one file under
results/data/{scenario}/ holds and its docstring is the file's contract. Every lasso
solution is checked by its optimality conditions before it is written.
"""

from __future__ import annotations

import numpy as np

from .compute import Arrays, _has_ellipses
from .descent import check_convergent, weight_decay
from .lasso import (
    is_diagonal,
    kink_lambdas,
    kkt_scale,
    kkt_violation,
    l1_level,
    lasso,
    lasso_max_lambda,
    lasso_path,
    proximal_gradient,
    rotated_soft_threshold,
    thresholds,
)
from .plane import diamond
from .quadratic import Quadratic
from .ridge import ellipse, ridge_path, shrink_factors, tangency

# Largest KKT violation accepted, relative to kkt_scale: a written lasso point is optimal
# up to rounding.
KKT_TOLERANCE = 1e-9
# The lasso path runs from λ = 0 to this multiple of the λ at which it reaches the origin.
PATH_REACH = 1.25


def _checked(quad: Quadratic, points: np.ndarray, lambdas: np.ndarray) -> np.ndarray:
    """The relative KKT violation (K,) of each lasso point (K, d) at its λ (K,);
    ValueError if one is not optimal."""
    violations = np.array(
        [
            kkt_violation(quad, p, lam).max() / kkt_scale(quad, lam)
            for p, lam in zip(points, lambdas)
        ]
    )
    if np.any(violations > KKT_TOLERANCE):
        k = int(np.argmax(violations))
        raise ValueError(
            f"the lasso point at lambda={lambdas[k]:g} violates its optimality "
            f"conditions by {violations[k]:.3g} (relative)"
        )
    return violations


def _levels(quad: Quadratic, points: np.ndarray, l1: bool) -> tuple[np.ndarray, np.ndarray]:
    """(levels (K,), radii (K,)): R~ through each point (K, d) and its L1 (``l1``) or L2
    norm, the penalty contour through it."""
    if points.size == 0:
        return np.zeros(0), np.zeros(0)
    pairs = np.array([l1_level(quad, p) if l1 else tangency(quad, p) for p in points])
    return pairs[:, 0], pairs[:, 1]


def _contours(quad: Quadratic, levels: np.ndarray, num: int) -> np.ndarray:
    """The closed polyline (K, num, 2) of the R~ contour at each level (K,)."""
    return np.array([ellipse(quad, level, num) for level in levels]).reshape(-1, num, 2)


def lasso_data(quad: Quadratic, lambdas: list[float], num: int = 241) -> Arrays:
    """lasso.npz, the L1 and L2 solutions for K λ values (sorted unique):
    lambdas (K,); theta_hat (d,); hessian_diagonal (d,) H_jj; diagonal () whether H is
    diagonal (then soft thresholding is the lasso solution); thresholds (K, d) λ/H_jj
    (+∞ where H_jj = 0); lasso (K, d) θ̂_lasso (closed form for a diagonal H, else the
    solver); kkt (K,) its largest optimality violation relative to max(λ, ‖Hθ̂‖_∞);
    rotated (K, d) Q·soft(Qᵀθ̂, λ/σ), soft thresholding in the eigen-coordinates rotated
    back (equal to lasso only for a diagonal H); ridge (K, d) θ̂_ridge; lasso_levels,
    l1_radii (K,): R_emp through θ̂_lasso and ‖θ̂_lasso‖₁ (the diamond through it);
    ridge_levels, l2_radii (K,): R_emp through θ̂_ridge and ‖θ̂_ridge‖₂ (the circle);
    rotated_levels, rotated_l1_radii (K,): the same for the rotated point.
    For d = 2 with H positive definite also lasso_ellipses, ridge_ellipses (K, num, 2),
    the R_emp contours through θ̂_lasso and θ̂_ridge, and diamonds (K, 5, 2), the L1 ball
    through θ̂_lasso."""
    lams = np.unique(np.asarray(lambdas, dtype=float))
    points = np.array([lasso(quad, lam) for lam in lams]).reshape(lams.size, quad.dim)
    rotated = np.array([rotated_soft_threshold(quad, lam) for lam in lams]).reshape(points.shape)
    ridge = ridge_path(quad, lams).reshape(points.shape)
    lasso_levels, l1_radii = _levels(quad, points, l1=True)
    ridge_levels, l2_radii = _levels(quad, ridge, l1=False)
    rotated_levels, rotated_l1 = _levels(quad, rotated, l1=True)
    data: Arrays = {
        "lambdas": lams,
        "theta_hat": quad.theta_hat,
        "hessian_diagonal": np.diag(quad.hessian).copy(),
        "diagonal": np.bool_(is_diagonal(quad.hessian)),
        "thresholds": np.array([thresholds(quad, lam) for lam in lams]).reshape(points.shape),
        "lasso": points,
        "kkt": _checked(quad, points, lams),
        "rotated": rotated,
        "ridge": ridge,
        "lasso_levels": lasso_levels,
        "l1_radii": l1_radii,
        "ridge_levels": ridge_levels,
        "l2_radii": l2_radii,
        "rotated_levels": rotated_levels,
        "rotated_l1_radii": rotated_l1,
    }
    if _has_ellipses(quad):
        data["lasso_ellipses"] = _contours(quad, lasso_levels, num)
        data["ridge_ellipses"] = _contours(quad, ridge_levels, num)
        data["diamonds"] = np.array([diamond(r) for r in l1_radii]).reshape(-1, 5, 2)
    return data


def lasso_lambda_grid(quad: Quadratic, num: int) -> np.ndarray:
    """λ grid for the lasso path: ``num`` evenly spaced values from 0 to PATH_REACH times
    the λ at which the path reaches the origin (the path is piecewise linear in λ, so a
    linear grid), with each kink H_jj|θ̂_j| added for a diagonal H so the path's corners
    lie on it. Sorted, unique; between num and num + d values."""
    if num < 3:
        raise ValueError(f"num must be >= 3, got {num}")
    top = lasso_max_lambda(quad)
    if top <= 0:
        raise ValueError("θ̂ is the origin (or Hθ̂ = 0): there is no lasso path")
    grid = np.linspace(0.0, PATH_REACH * top, num)
    if is_diagonal(quad.hessian):
        grid = np.union1d(grid, kink_lambdas(quad))
    return grid


def _zero_from(lams: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Per component (d,): the smallest λ of the grid (m,) from which the path (m, d) stays
    at 0 (NaN if it does not end at 0)."""
    out = np.full(points.shape[1], np.nan)
    for j in range(points.shape[1]):
        nonzero = np.flatnonzero(points[:, j] != 0)
        last = nonzero[-1] + 1 if nonzero.size else 0
        if last < lams.size:
            out[j] = lams[last]
    return out


def lasso_path_data(quad: Quadratic, num: int, contour_points: int = 181) -> Arrays:
    """lasso_path.npz over the grid of :func:`lasso_lambda_grid` (m values):
    lambdas (m,); max_lambda () ‖Hθ̂‖_∞, from which the lasso solution is 0;
    lasso (m, d) the lasso path; ridge (m, d) the ridge path on the same λ;
    kkt (m,) the lasso points' relative optimality violations;
    thresholds (m, d) λ/H_jj; shrink (m, d) the ridge shrink factors H_jj/(H_jj + λ) of each
    coordinate (the eigen-directions' factors when H is diagonal);
    zero_from (d,) the λ from which component j of the lasso path is 0 (H_jj|θ̂_j| exactly
    for a diagonal H, else the first such grid λ; NaN if none); diagonal ();
    lasso_levels, l1_radii, ridge_levels, l2_radii (m,): the R_emp level and penalty
    radius (L1, L2) through each point; for d = 2 with H positive definite also
    lasso_ellipses, ridge_ellipses (m, contour_points, 2) the R_emp contours through
    them and diamonds (m, 5, 2), the L1 ball through each lasso point (so the animation
    never contours per frame)."""
    lams = lasso_lambda_grid(quad, num)
    points = lasso_path(quad, lams)
    ridge = ridge_path(quad, lams)
    diagonal = is_diagonal(quad.hessian)
    lasso_levels, l1_radii = _levels(quad, points, l1=True)
    ridge_levels, l2_radii = _levels(quad, ridge, l1=False)
    diag = np.diag(quad.hessian)
    data: Arrays = {
        "lambdas": lams,
        "max_lambda": np.float64(lasso_max_lambda(quad)),
        "lasso": points,
        "ridge": ridge,
        "kkt": _checked(quad, points, lams),
        "thresholds": np.array([thresholds(quad, lam) for lam in lams]),
        "shrink": np.array([shrink_factors(diag, lam) for lam in lams]),
        "zero_from": kink_lambdas(quad) if diagonal else _zero_from(lams, points),
        "diagonal": np.bool_(diagonal),
        "lasso_levels": lasso_levels,
        "l1_radii": l1_radii,
        "ridge_levels": ridge_levels,
        "l2_radii": l2_radii,
    }
    if _has_ellipses(quad):
        data["lasso_ellipses"] = _contours(quad, lasso_levels, contour_points)
        data["ridge_ellipses"] = _contours(quad, ridge_levels, contour_points)
        data["diamonds"] = np.array([diamond(r) for r in l1_radii])
    return data


def proximal_data(
    quad: Quadratic, start: np.ndarray, step_size: float, steps: int, lambdas: list[float]
) -> Arrays:
    """proximal.npz, for L λ values (sorted unique) and S steps from ``start``:
    step_size (), start (d,), lambdas (L,);
    prox (L, S+1, d): proximal gradient iterates θ ← soft(θ − α∇R_emp(θ), αλ);
    prox_after_gradient (L, S, d): the end of each step's gradient part (the
    soft-thresholding pull by αλ then leads to the next iterate);
    pulls (L,) = αλ, the fixed length of that pull (shorter where it reaches 0);
    wd (L, S+1, d), wd_after_gradient (L, S, d): weight decay with the same λ, for contrast;
    lasso (L, d): θ̂_lasso, where the proximal run ends.
    ValueError if the step size diverges for proximal gradient descent (α ≥ 2/σ_max) or for
    weight decay with one of the λ (|1 − α(σᵢ + λ)| ≥ 1), before any run."""
    lams = np.unique(np.asarray(lambdas, dtype=float))
    sigma = np.linalg.eigvalsh(quad.hessian)
    for lam in lams:  # the contrast run must converge too (the config checks it first)
        check_convergent(sigma, float(lam), step_size)
    prox = [proximal_gradient(quad, start, step_size, steps, lam) for lam in lams]
    decay = [weight_decay(quad, start, step_size, steps, lam) for lam in lams]
    return {
        "step_size": np.float64(step_size),
        "start": np.asarray(start, dtype=float),
        "lambdas": lams,
        "prox": np.array([run.iterates for run in prox]),
        "prox_after_gradient": np.array([run.after_gradient for run in prox]),
        "pulls": step_size * lams,
        "wd": np.array([run.iterates for run in decay]),
        "wd_after_gradient": np.array([run.after_gradient for run in decay]),
        "lasso": np.array([lasso(quad, lam) for lam in lams]).reshape(lams.size, quad.dim),
    }
