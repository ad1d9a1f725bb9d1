"""The quadratic model of the empirical risk around its minimizer.

R~(θ) = R(θ̂) + ½ (θ − θ̂)ᵀ H (θ − θ̂), with H symmetric positive semidefinite.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Quadratic:
    """Quadratic risk with Hessian ``hessian`` (d, d) and minimizer ``theta_hat`` (d,);
    ``observations``: the number of data points it was fitted to (0: given explicitly)."""

    hessian: np.ndarray
    theta_hat: np.ndarray
    risk_min: float = 0.0
    observations: int = 0

    def __post_init__(self) -> None:
        h = np.asarray(self.hessian, dtype=float)
        t = np.asarray(self.theta_hat, dtype=float)
        if h.ndim != 2 or h.shape[0] != h.shape[1]:
            raise ValueError(f"hessian must be square, got shape {h.shape}")
        if t.shape != (h.shape[0],):
            raise ValueError(f"theta_hat must have shape ({h.shape[0]},), got {t.shape}")
        object.__setattr__(self, "hessian", h)
        object.__setattr__(self, "theta_hat", t)
        object.__setattr__(self, "risk_min", float(self.risk_min))

    @property
    def dim(self) -> int:
        return self.theta_hat.shape[0]

    def value(self, theta: np.ndarray) -> np.ndarray:
        """R~ at ``theta`` of shape (..., d); returns shape (...)."""
        delta = np.asarray(theta, dtype=float) - self.theta_hat
        return self.risk_min + 0.5 * np.einsum("...i,ij,...j->...", delta, self.hessian, delta)

    def gradient(self, theta: np.ndarray) -> np.ndarray:
        """∇R~ = H (θ − θ̂) at ``theta`` of shape (..., d); returns shape (..., d)."""
        delta = np.asarray(theta, dtype=float) - self.theta_hat
        return delta @ self.hessian.T


def eigen(hessian: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (d,) ascending and eigenvectors (d, d) as columns of Q.

    Sign convention, so that outputs are stable: each eigenvector's largest-magnitude
    component is positive (the first one on a tie), then the last column is flipped
    if needed so that det Q = +1 and Qᵀ is a proper rotation.
    """
    sigma, q = np.linalg.eigh(np.asarray(hessian, dtype=float))
    for j in range(q.shape[1]):
        col = q[:, j]
        pivot = int(np.argmax(np.abs(col) > np.abs(col).max() - 1e-9))
        if col[pivot] < 0:
            q[:, j] = -col
    if np.linalg.det(q) < 0:
        q[:, -1] = -q[:, -1]
    return sigma, q


def from_regression(x: np.ndarray, y: np.ndarray) -> Quadratic:
    """Quadratic for R_emp(θ) = Σ (y − Xθ)², exact: H = 2XᵀX, θ̂ = least squares.

    ``x`` has shape (n, d), ``y`` shape (n,).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 2 or y.shape != (x.shape[0],):
        raise ValueError(f"need x (n, d) and y (n,), got {x.shape} and {y.shape}")
    theta_hat, *_ = np.linalg.lstsq(x, y, rcond=None)
    residual = y - x @ theta_hat
    return Quadratic(2.0 * x.T @ x, theta_hat, float(residual @ residual), len(y))


def decorrelate(x: np.ndarray) -> np.ndarray:
    """The features ``x`` (n, d) rotated onto the eigenvectors of XᵀX: X Q, with Q from
    :func:`eigen` (eigenvalues ascending, its sign convention, det Q = +1). The rotated
    features are uncorrelated in the uncentred sense of the course's model (no intercept):
    (XQ)ᵀ(XQ) = diag(σ₁, …, σ_d) ascending, up to rounding, so H = 2 QᵀXᵀXQ is diagonal and
    θ̂ becomes Qᵀθ̂, step 1 of the L2 lecture (PCA without centring)."""
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"need x (n, d), got shape {x.shape}")
    _, q = eigen(x.T @ x)
    return x @ q


def generate_regression(
    rng: np.random.Generator,
    n: int,
    weights: np.ndarray,
    noise_sd: float,
    low: float = 0.0,
    high: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """The course's data: X (n, d) uniform on [low, high], y = X w + N(0, noise_sd²)."""
    weights = np.asarray(weights, dtype=float)
    x = rng.uniform(low, high, size=(n, weights.shape[0]))
    y = x @ weights + rng.normal(0.0, noise_sd, size=n)
    return x, y
