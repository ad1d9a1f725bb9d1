"""Early stopping as L2 regularization: gradient descent from the origin, stopped after
τ steps, and the ridge solution it tracks.

On a quadratic, GD from 0 with step α gives exactly θ^(τ) = Q [I − (I − αΣ)^τ] Qᵀ θ̂:
each eigen-component of θ̂ is kept by the factor 1 − (1 − ασᵢ)^τ. Ridge keeps it by
σᵢ/(σᵢ + λ); the two agree roughly for λ = 1/(ατ) (Goodfellow et al. 2016, §7.8).
"""

from __future__ import annotations

import numpy as np

from .quadratic import Quadratic, eigen


def stopped_factors(eigenvalues: np.ndarray, step_size: float, taus) -> np.ndarray:
    """1 − (1 − ασᵢ)^τ for whole step counts ``taus``, shape (len(taus), d)."""
    rates = 1.0 - step_size * np.asarray(eigenvalues, dtype=float)
    return 1.0 - rates[None, :] ** np.asarray(taus, dtype=float)[:, None]


def stopped_points(quad: Quadratic, step_size: float, taus) -> np.ndarray:
    """θ^(τ) of GD from the origin, in closed form, shape (len(taus), d)."""
    sigma, q = eigen(quad.hessian)
    coords = q.T @ quad.theta_hat
    return (stopped_factors(sigma, step_size, taus) * coords[None, :]) @ q.T


def matched_lambdas(step_size: float, taus) -> np.ndarray:
    """λ = 1/(ατ) for each τ."""
    return 1.0 / (step_size * np.asarray(taus, dtype=float))
