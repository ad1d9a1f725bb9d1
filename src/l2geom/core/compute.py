"""Contents of every data file, as dicts of arrays: pure functions of a quadratic.

Each function returns exactly what one file under results/data/{scenario}/ holds;
its docstring is the file's contract (names, shapes). Drawing code reads these and
computes nothing.
"""

from __future__ import annotations

import numpy as np

from .adaptive import adam, box_bound, cosine_schedule
from .descent import gradient_descent, weight_decay
from .early_stopping import matched_lambdas, stopped_factors, stopped_points
from .plane import rotation_angle, view_window
from .quadratic import Quadratic, eigen
from .ridge import (
    ellipse,
    lambda_grid,
    ridge_eigen,
    ridge_path,
    ridge_solve,
    shrink_factors,
    tangency,
)
from .sources import quadratic_from_source

# What a data file holds: name -> array, or a numpy scalar for a 0-d entry
# (datafile.save writes either as an array, so both load back as arrays).
Arrays = dict[str, np.ndarray | np.generic]


def quadratic_data(quad: Quadratic) -> Arrays:
    """quadratic.npz: hessian (d, d), theta_hat (d,), risk_min (),
    eigenvalues (d,) ascending, eigenvectors (d, d) as columns, det = +1,
    observations () the number of data points (0 for an explicit quadratic)."""
    sigma, q = eigen(quad.hessian)
    return {
        "hessian": quad.hessian,
        "theta_hat": quad.theta_hat,
        "risk_min": np.float64(quad.risk_min),
        "eigenvalues": sigma,
        "eigenvectors": q,
        "observations": np.int64(quad.observations),
    }


def source_data(source: dict) -> Arrays:
    """quadratic.npz of a scenario's ``source`` config section (a CSV path relative to the
    working directory): see :func:`quadratic_data`."""
    return quadratic_data(quadratic_from_source(source))


def descent_data(
    quad: Quadratic, start: np.ndarray, step_size: float, steps: int, lambdas: list[float]
) -> Arrays:
    """descent.npz, for L weight-decay strengths and S steps:
    step_size (), start (d,), lambdas (L,) sorted unique;
    gd (S+1, d): plain gradient descent on R_emp;
    wd (L, S+1, d): weight-decay iterates; wd_after_gradient (L, S, d): end of each
    step's gradient part (the decay pull then leads to the next iterate);
    gradient_lengths, pull_lengths (L, S): the length of each step's gradient part
    ‖α∇R_emp(θ)‖ and of its decay pull ‖αλθ‖, θ the step's first iterate (equal where
    a run has settled);
    reg_gd (L, S+1, d): gradient descent on the regularized risk;
    decay_factors (L,): 1 − αλ, what each step multiplies the weights by;
    ridge (L, d): θ̂_ridge for each λ; ridge_levels (L,): R_emp at each θ̂_ridge."""
    lams = np.unique(np.asarray(lambdas, dtype=float))
    runs = [weight_decay(quad, start, step_size, steps, lam) for lam in lams]
    return {
        "step_size": np.float64(step_size),
        "start": np.asarray(start, dtype=float),
        "lambdas": lams,
        "gd": gradient_descent(quad, start, step_size, steps),
        "wd": np.array([run.iterates for run in runs]),
        "wd_after_gradient": np.array([run.after_gradient for run in runs]),
        "gradient_lengths": np.array(
            [np.linalg.norm(run.after_gradient - run.iterates[:-1], axis=1) for run in runs]
        ),
        "pull_lengths": np.array(
            [np.linalg.norm(run.iterates[1:] - run.after_gradient, axis=1) for run in runs]
        ),
        "reg_gd": np.array([gradient_descent(quad, start, step_size, steps, lam) for lam in lams]),
        "decay_factors": 1.0 - step_size * lams,
        "ridge": ridge_path(quad, lams),
        "ridge_levels": quad.value(ridge_path(quad, lams)),
    }


def _has_ellipses(quad: Quadratic) -> bool:
    """Whether the contours of R_emp are ellipses in the plane (d = 2, H positive definite)."""
    return quad.dim == 2 and eigen(quad.hessian)[0].min() > 0


def ridge_path_data(quad: Quadratic, num: int) -> Arrays:
    """ridge_path.npz over a grid of m λ values from 0 to effectively ∞:
    lambdas (m,), points (m, d), shrink (m, d) factors per eigen-direction
    (ascending eigenvalue order), levels (m,) R_emp at each point, radii (m,) its norm;
    for d = 2 with H positive definite also ellipses (m, 181, 2), the R_emp contour
    through each point (so the λ-sweep animation never contours a grid per frame)."""
    sigma, _ = eigen(quad.hessian)
    lams = lambda_grid(sigma, num)
    points = ridge_path(quad, lams)
    levels, radii = np.array([tangency(quad, p) for p in points]).T
    data = {
        "lambdas": lams,
        "points": points,
        "shrink": np.array([shrink_factors(sigma, lam) for lam in lams]),
        "levels": levels,
        "radii": radii,
    }
    if _has_ellipses(quad):
        data["ellipses"] = np.array([ellipse(quad, level, 181) for level in levels])
    return data


def rescale_data(quad: Quadratic, lam: float) -> Arrays:
    """rescale.npz, the rotate–rescale–rotate-back chain at one λ:
    lam (), theta_hat (d,), eigenvalues (d,), eigenvectors (d, d),
    projected (d,) = Qᵀθ̂, factors (d,) = σ/(σ+λ), scaled (d,) = factors·projected,
    ridge (d,) = Q·scaled = θ̂_ridge; for d = 2 also angle (), the angle (radians) by which
    Q turns the plane (Qᵀ turns it back by −angle)."""
    sigma, q = eigen(quad.hessian)
    projected = q.T @ quad.theta_hat
    factors = shrink_factors(sigma, lam)
    scaled = factors * projected
    data = {
        "lam": np.float64(lam),
        "theta_hat": quad.theta_hat,
        "eigenvalues": sigma,
        "eigenvectors": q,
        "projected": projected,
        "factors": factors,
        "scaled": scaled,
        "ridge": ridge_eigen(quad, lam),
    }
    if quad.dim == 2:
        data["angle"] = np.float64(rotation_angle(q))
    return data


def tangency_data(quad: Quadratic, lambdas: list[float], num: int = 241) -> Arrays:
    """tangency.npz, for K λ values (sorted unique): lambdas (K,), points (K, d) θ̂_ridge,
    levels (K,) R_emp through it, radii (K,) penalty-circle radius through it,
    for d = 2 with H positive definite also ellipses (K, num, 2), the closed polyline of
    that R_emp contour."""
    lams = np.unique(np.asarray(lambdas, dtype=float))
    points = np.array([ridge_solve(quad, lam) for lam in lams])
    levels, radii = np.array([tangency(quad, p) for p in points]).T
    data = {"lambdas": lams, "points": points, "levels": levels, "radii": radii}
    if _has_ellipses(quad):
        data["ellipses"] = np.array([ellipse(quad, level, num) for level in levels])
    return data


def landscape_data(
    quad: Quadratic,
    start: np.ndarray,
    step_size: float,
    steps: int,
    resolution: int = 301,
    rings: int = 8,
    num: int = 241,
) -> Arrays:
    """landscape.npz, the R_emp map in a window that shows θ̂, the origin, the start, the
    plain gradient-descent path and the whole ridge path (so no λ changes it):
    window (4,) xmin, xmax, ymin, ymax; x (nx,), y (ny,), risk (ny, nx);
    levels (k,) ``rings`` contour levels evenly spaced in √(R − R(θ̂)) out to the window's
    far corner; ellipses (k, num, 2) the polyline of each level."""
    sigma, _ = eigen(quad.hessian)
    pts = np.vstack(
        [
            gradient_descent(quad, start, step_size, steps),
            ridge_path(quad, lambda_grid(sigma)),
            np.zeros(2),
        ]
    )
    window = view_window(pts)
    x = np.linspace(window[0], window[1], resolution)
    y = np.linspace(window[2], window[3], resolution)
    risk = quad.value(np.stack(np.meshgrid(x, y), axis=-1))
    corners = np.array([[window[i], window[j]] for i in (0, 1) for j in (2, 3)])
    top = float(np.sqrt(quad.value(corners).max() - quad.risk_min))
    levels = quad.risk_min + (top * np.arange(1, rings + 1) / rings) ** 2
    return {
        "window": window,
        "x": x,
        "y": y,
        "risk": risk,
        "levels": levels,
        "ellipses": np.array([ellipse(quad, level, num) for level in levels]),
    }


def adaptive_data(
    quad: Quadratic,
    start: np.ndarray,
    step_size: float,
    steps: int,
    lam: float,
    learning_rate: float,
    adam_steps: int,
    beta1: float,
    beta2: float,
    eps: float,
) -> Arrays:
    """adaptive.npz, three optimizers with the same λ from ``start`` (A = adam_steps):
    lam (), box () = 1/λ, the half-width of AdamW's box; rates (A,) the cosine schedule;
    adam_l2 (A+1, d): Adam on ∇R_emp + λθ; adamw (A+1, d): AdamW, PyTorch's form;
    wd (S+1, d): weight decay with the scenario's step size and steps (S);
    ridge (d,): θ̂_ridge(λ), where Adam + L2 and weight decay end."""
    rates = cosine_schedule(learning_rate, adam_steps)
    moments = dict(beta1=beta1, beta2=beta2, eps=eps)
    return {
        "lam": np.float64(lam),
        "box": np.float64(box_bound(lam)),
        "rates": rates,
        "adam_l2": adam(quad, start, rates, lam, decoupled=False, **moments),
        "adamw": adam(quad, start, rates, lam, decoupled=True, **moments),
        "wd": weight_decay(quad, start, step_size, steps, lam).iterates,
        "ridge": ridge_solve(quad, lam),
    }


def early_stopping_data(
    quad: Quadratic, step_size: float, taus: list[int], num: int = 200
) -> Arrays:
    """early_stopping.npz, gradient descent from the origin stopped after τ steps (T values):
    taus (T,), lambdas (T,) = 1/(ατ); points (T, d): θ^(τ) in closed form; path (max τ + 1, d):
    the iterates; ridge (T, d): θ̂_ridge(1/(ατ)); distances (T,): ‖θ^(τ) − θ̂_ridge‖;
    eigenvalues (d,); grid (≤ num,) whole step counts τ from 1 to 4 max τ (log-spaced) with,
    per eigen-direction, stopped = 1 − (1 − ασᵢ)^τ and ridge_factors = σᵢ/(σᵢ + 1/(ατ))
    (≤ num, d). (Whole τ: for ασᵢ > 1 the base is negative, the iterates overshoot.)"""
    sorted_taus = np.unique(np.asarray(taus, dtype=np.int64))
    sigma, _ = eigen(quad.hessian)
    points = stopped_points(quad, step_size, sorted_taus)
    ridge = ridge_path(quad, matched_lambdas(step_size, sorted_taus))
    grid = np.unique(np.round(np.geomspace(1.0, 4.0 * float(sorted_taus[-1]), num)))
    return {
        "step_size": np.float64(step_size),
        "taus": sorted_taus,
        "lambdas": matched_lambdas(step_size, sorted_taus),
        "points": points,
        "path": gradient_descent(quad, np.zeros(quad.dim), step_size, int(sorted_taus[-1])),
        "ridge": ridge,
        "distances": np.linalg.norm(points - ridge, axis=1),
        "eigenvalues": sigma,
        "grid": grid,
        "stopped": stopped_factors(sigma, step_size, grid),
        "ridge_factors": np.array(
            [shrink_factors(sigma, lam) for lam in matched_lambdas(step_size, grid)]
        ),
    }
