"""Gradient descent and weight decay on a quadratic risk."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .quadratic import Quadratic


def max_stable_step(eigenvalues: np.ndarray, lam: float) -> float:
    """Supremum of step sizes α with |1 − α(σᵢ + λ)| < 1 for all i: 2 / (σ_max + λ)."""
    top = float(np.max(eigenvalues)) + float(lam)
    return np.inf if top <= 0 else 2.0 / top


def check_convergent(eigenvalues: np.ndarray, lam: float, step_size: float) -> None:
    """Raise ValueError unless |1 − α(σᵢ + λ)| < 1 for every eigenvalue σᵢ."""
    moves = step_size * (np.asarray(eigenvalues, dtype=float) + lam)
    rates = np.abs(1.0 - moves)
    if np.any(rates >= 1.0):
        bound = max_stable_step(eigenvalues, lam)
        if float(np.min(eigenvalues)) + lam <= 0:
            raise ValueError(f"with lambda={lam:g} the Hessian is singular: no step size converges")
        if np.all(moves[rates >= 1.0] < 1.0):  # no divergence: 1 - a(sigma+lambda) == 1.0
            raise ValueError(
                f"step size {step_size:g} is too small for lambda={lam:g}: "
                "1 - a(sigma+lambda) rounds to 1, the iterates would not move"
            )
        raise ValueError(
            f"step size {step_size:g} diverges for lambda={lam:g}: "
            f"it must be below {bound:.6g} (largest |1 - a(sigma+lambda)| = {rates.max():.4g})"
        )


def gradient_descent(
    quad: Quadratic, start: np.ndarray, step_size: float, steps: int, lam: float = 0.0
) -> np.ndarray:
    """Iterates (steps + 1, d) of GD on R~_emp + λ/2 ‖θ‖², from ``start``."""
    theta = np.asarray(start, dtype=float)
    iterates = [theta]
    for _ in range(steps):
        theta = theta - step_size * (quad.gradient(theta) + lam * theta)
        iterates.append(theta)
    return np.array(iterates)


@dataclass(frozen=True)
class WeightDecayRun:
    """Weight-decay iterates and each step split into its two parts.

    ``iterates`` (steps + 1, d): θ_k.  ``after_gradient`` (steps, d): θ_k − α∇R_emp(θ_k),
    the end of the gradient step; the decay pull −αλθ_k then leads to θ_{k+1}.
    """

    iterates: np.ndarray
    after_gradient: np.ndarray


def weight_decay(
    quad: Quadratic, start: np.ndarray, step_size: float, steps: int, lam: float
) -> WeightDecayRun:
    """θ ← θ(1 − αλ) − α∇R_emp(θ), written as gradient step plus decay pull."""
    theta = np.asarray(start, dtype=float)
    iterates, after_gradient = [theta], []
    for _ in range(steps):
        stepped = theta - step_size * quad.gradient(theta)
        after_gradient.append(stepped)
        theta = stepped - step_size * lam * theta
        iterates.append(theta)
    d = quad.dim
    return WeightDecayRun(np.array(iterates), np.array(after_gradient).reshape(steps, d))
