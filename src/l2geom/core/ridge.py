"""The ridge solution θ̂_ridge(λ) = (H + λI)⁻¹ H θ̂, its path, shrink factors, tangency."""

from __future__ import annotations

import numpy as np

from .quadratic import Quadratic, eigen


def _check_lambda(lam: float) -> float:
    lam = float(lam)
    if not np.isfinite(lam) or lam < 0:
        raise ValueError(f"lambda must be finite and >= 0, got {lam}")
    return lam


def ridge_solve(quad: Quadratic, lam: float) -> np.ndarray:
    """θ̂_ridge (d,) by a linear solve of (H + λI) θ = H θ̂."""
    lam = _check_lambda(lam)
    h = quad.hessian
    return np.linalg.solve(h + lam * np.eye(quad.dim), h @ quad.theta_hat)


def shrink_factors(eigenvalues: np.ndarray, lam: float) -> np.ndarray:
    """σᵢ / (σᵢ + λ) for each eigenvalue (d,); 1 where σᵢ = λ = 0 (no shrinkage)."""
    lam = _check_lambda(lam)
    sigma = np.asarray(eigenvalues, dtype=float)
    denom = sigma + lam
    return np.divide(sigma, denom, out=np.ones_like(sigma), where=denom > 0)


def ridge_eigen(quad: Quadratic, lam: float) -> np.ndarray:
    """θ̂_ridge (d,) as Q (Σ + λI)⁻¹ Σ Qᵀ θ̂: rotate, rescale, rotate back."""
    sigma, q = eigen(quad.hessian)
    return q @ (shrink_factors(sigma, lam) * (q.T @ quad.theta_hat))


def lambda_grid(eigenvalues: np.ndarray, num: int = 200, decades_beyond: float = 3.0) -> np.ndarray:
    """λ grid (num,) from 0 to "effectively ∞".

    0 first, then log-spaced from 10⁻³·σ_min⁺ to 10^decades_beyond · σ_max, where every
    shrink factor is below 10^-decades_beyond (σ_min⁺ is the smallest positive eigenvalue).
    """
    sigma = np.asarray(eigenvalues, dtype=float)
    positive = sigma[sigma > 0]
    if positive.size == 0:
        raise ValueError("the Hessian has no positive eigenvalue: there is no ridge path")
    if num < 3:
        raise ValueError(f"num must be >= 3, got {num}")
    low = np.log10(positive.min()) - 3.0
    high = np.log10(positive.max()) + decades_beyond
    return np.concatenate([[0.0], np.logspace(low, high, num - 1)])


def ridge_path(quad: Quadratic, lambdas: np.ndarray) -> np.ndarray:
    """θ̂_ridge for each λ in ``lambdas`` (m,); returns (m, d)."""
    return np.array([ridge_solve(quad, lam) for lam in lambdas])


def tangency(quad: Quadratic, point: np.ndarray) -> tuple[float, float]:
    """(level, radius): the R_emp contour level and penalty-circle radius through ``point``."""
    point = np.asarray(point, dtype=float)
    return float(quad.value(point)), float(np.linalg.norm(point))


def ellipse(quad: Quadratic, level: float, num: int = 241) -> np.ndarray:
    """Closed polyline (num, 2) of the contour R~(θ) = level of a 2-d positive definite quadratic.

    Points are θ̂ + Q diag(sqrt(2 (level − R(θ̂)) / σ)) (cos t, sin t), first == last.
    """
    if quad.dim != 2:
        raise ValueError(f"ellipse needs d = 2, got d = {quad.dim}")
    sigma, q = eigen(quad.hessian)
    if sigma.min() <= 0:
        raise ValueError("ellipse needs a positive definite Hessian")
    excess = level - quad.risk_min
    if excess < 0:
        raise ValueError(f"level {level} is below the minimum {quad.risk_min}")
    t = np.linspace(0.0, 2.0 * np.pi, num)
    unit = np.stack([np.cos(t), np.sin(t)], axis=1)
    return quad.theta_hat + (unit * np.sqrt(2.0 * excess / sigma)) @ q.T
