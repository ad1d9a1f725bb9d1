"""L1 regularization of the quadratic risk: the lasso solution, its path, proximal steps.

The L1-regularized approximation is R~(θ) + λ‖θ‖₁ with R~ the quadratic model of
l2geom.core.quadratic. For a diagonal H it separates into one-dimensional problems,
solved by soft thresholding θ̂_lasso,j = sign(θ̂_j)·max(|θ̂_j| − λ/H_jj, 0) (0 where
H_jj = 0); for a general H, :func:`lasso_solve` is coordinate descent finished by an exact
linear solve on the support, and :func:`kkt_violation` checks the optimality conditions
|∂_j R~| ≤ λ where θ_j = 0 and ∂_j R~ = −λ sign(θ_j) elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .quadratic import Quadratic, eigen

# Relative size of an off-diagonal entry of H below which H counts as diagonal (the
# rounding left by a rotation that diagonalizes it, see sources' decorrelate).
DIAGONAL_RTOL = 1e-12
# What to do when soft thresholding needs a diagonal H and the scenario's is not (the
# config checks and the L1 deck's values say it alike).
DIAGONAL_ADVICE = (
    "decorrelate the features (source.generate.decorrelate: true or "
    "source.csv.decorrelate: true) or give a diagonal quadratic (source.quadratic.hessian)"
)


def _check_lambda(lam: float) -> float:
    lam = float(lam)
    if not np.isfinite(lam) or lam < 0:
        raise ValueError(f"lambda must be finite and >= 0, got {lam}")
    return lam


def soft_threshold(values: np.ndarray, threshold: np.ndarray | float) -> np.ndarray:
    """sign(x)·max(|x| − t, 0) elementwise: ``values`` (...) and ``threshold`` (...) or a
    scalar, broadcast; an infinite threshold gives 0. Returns an array of the broadcast
    shape, with +0.0 for every zero. ValueError for a negative or NaN threshold."""
    x = np.asarray(values, dtype=float)
    t = np.asarray(threshold, dtype=float)
    if np.any(np.isnan(t)) or np.any(t < 0):
        raise ValueError(f"thresholds must be >= 0, got {t.tolist()}")
    return np.sign(x) * np.maximum(np.abs(x) - t, 0.0) + 0.0  # + 0.0: no -0.0


def is_diagonal(hessian: np.ndarray, rtol: float = DIAGONAL_RTOL) -> bool:
    """Whether every off-diagonal entry of ``hessian`` (d, d) is at most ``rtol`` times its
    largest entry in magnitude."""
    h = np.asarray(hessian, dtype=float)
    off = h - np.diag(np.diag(h))
    return bool(np.abs(off).max(initial=0.0) <= rtol * np.abs(h).max(initial=0.0))


def thresholds(quad: Quadratic, lam: float) -> np.ndarray:
    """The threshold λ/H_jj of each coordinate (d,), +∞ where H_jj = 0 (no curvature holds
    the coordinate away from 0). For a diagonal H a coordinate with |θ̂_j| ≤ λ/H_jj is set
    to 0, any other is shifted toward 0 by λ/H_jj."""
    lam = _check_lambda(lam)
    diag = np.diag(quad.hessian)
    out = np.full(quad.dim, np.inf)
    np.divide(lam, diag, out=out, where=diag > 0)
    return out


def lasso_diagonal(quad: Quadratic, lam: float) -> np.ndarray:
    """θ̂_lasso (d,) in closed form for a diagonal H: soft thresholding of θ̂ by λ/H_jj,
    0 where H_jj = 0. ValueError if H is not diagonal (use :func:`lasso_solve`)."""
    if not is_diagonal(quad.hessian):
        raise ValueError("the closed form needs a diagonal Hessian; use lasso_solve")
    return soft_threshold(quad.theta_hat, thresholds(quad, lam))


def kkt_violation(quad: Quadratic, theta: np.ndarray, lam: float) -> np.ndarray:
    """How far ``theta`` (d,) is from the optimality conditions of R~ + λ‖θ‖₁, per
    coordinate (d,), with g = ∇R~(θ): |g_j + λ sign(θ_j)| where θ_j ≠ 0 and
    max(|g_j| − λ, 0) where θ_j = 0. All zero exactly at the lasso solution."""
    lam = _check_lambda(lam)
    theta = np.asarray(theta, dtype=float)
    if theta.shape != (quad.dim,):
        raise ValueError(f"theta must have shape ({quad.dim},), got {theta.shape}")
    g = quad.gradient(theta)
    return np.where(theta != 0, np.abs(g + lam * np.sign(theta)), np.maximum(np.abs(g) - lam, 0))


def kkt_scale(quad: Quadratic, lam: float) -> float:
    """The size the KKT violations are measured against: the largest of λ and |(Hθ̂)_j|
    (the gradient of R~ at the origin), at least 1e-300."""
    return max(float(lam), float(np.abs(quad.hessian @ quad.theta_hat).max()), 1e-300)


def lasso_max_lambda(quad: Quadratic) -> float:
    """max_j |(Hθ̂)_j| = ‖∇R~(0)‖_∞: the smallest λ at which the lasso solution is the origin
    (for any H)."""
    return float(np.abs(quad.hessian @ quad.theta_hat).max())


def kink_lambdas(quad: Quadratic) -> np.ndarray:
    """For a diagonal H, the λ (d,) from which component j of the lasso path is 0:
    H_jj |θ̂_j| (0 where H_jj = 0). ValueError if H is not diagonal."""
    if not is_diagonal(quad.hessian):
        raise ValueError("kink_lambdas needs a diagonal Hessian")
    return np.maximum(np.diag(quad.hessian), 0.0) * np.abs(quad.theta_hat)


def _coordinate_descent(
    quad: Quadratic, lam: float, start: np.ndarray, tol: float, max_sweeps: int
) -> np.ndarray:
    """Cyclic coordinate descent: each coordinate set to the minimizer of its own
    one-dimensional problem (a soft thresholding), until a sweep moves no coordinate by more
    than ``tol`` times the largest |θ_j| (or 1)."""
    h = quad.hessian
    diag = np.diag(h)
    theta = start.copy()
    grad = quad.gradient(theta)
    for _ in range(max_sweeps):
        largest_move = 0.0
        for j in range(quad.dim):
            if diag[j] <= 0:
                new = 0.0  # a PSD H with H_jj = 0 has a zero row: nothing holds θ_j off 0
            else:
                target = theta[j] - grad[j] / diag[j]
                new = float(soft_threshold(target, lam / diag[j]))
            move = new - theta[j]
            if move != 0.0:
                grad += h[:, j] * move
                theta[j] = new
                largest_move = max(largest_move, abs(move))
        if largest_move <= tol * max(1.0, float(np.abs(theta).max())):
            return theta
    raise ValueError(f"coordinate descent did not converge in {max_sweeps} sweeps")


def _polish(quad: Quadratic, theta: np.ndarray, lam: float) -> np.ndarray:
    """The exact solution with the support and signs of ``theta``: on the support A,
    H_AA θ_A = (Hθ̂)_A − λ sign(θ_A); elsewhere 0."""
    support = np.flatnonzero(theta)
    out = np.zeros_like(theta)
    if support.size:
        h = quad.hessian
        rhs = (h @ quad.theta_hat)[support] - lam * np.sign(theta[support])
        out[support] = np.linalg.lstsq(h[np.ix_(support, support)], rhs, rcond=None)[0]
    return out


def lasso_solve(
    quad: Quadratic,
    lam: float,
    start: np.ndarray | None = None,
    tol: float = 1e-12,
    max_sweeps: int = 100_000,
) -> np.ndarray:
    """θ̂_lasso (d,), the minimizer of R~(θ) + λ‖θ‖₁ for any positive semidefinite H.

    Coordinate descent from ``start`` (d,) (default: the origin) to a relative move of
    ``tol``, then the exact solve on the support it found (:func:`_polish`), kept when its
    KKT violation is no larger: the result is exact up to rounding once the support is
    right. ValueError for a bad λ or start, or no convergence in ``max_sweeps`` sweeps."""
    lam = _check_lambda(lam)
    x0 = np.zeros(quad.dim) if start is None else np.asarray(start, dtype=float).copy()
    if x0.shape != (quad.dim,) or not np.all(np.isfinite(x0)):
        raise ValueError(f"start must be finite with shape ({quad.dim},), got {x0.shape}")
    theta = _coordinate_descent(quad, lam, x0, tol, max_sweeps)
    polished = _polish(quad, theta, lam)
    if (
        np.all(np.sign(polished) == np.sign(theta))
        and kkt_violation(quad, polished, lam).max() <= kkt_violation(quad, theta, lam).max()
    ):
        return polished
    return theta


def lasso(quad: Quadratic, lam: float) -> np.ndarray:
    """θ̂_lasso (d,): the closed form for a diagonal H, :func:`lasso_solve` otherwise."""
    if is_diagonal(quad.hessian):
        return lasso_diagonal(quad, lam)
    return lasso_solve(quad, lam)


def lasso_path(quad: Quadratic, lambdas: np.ndarray) -> np.ndarray:
    """θ̂_lasso for each λ in ``lambdas`` (m,); returns (m, d). Exact soft thresholding for
    a diagonal H; otherwise :func:`lasso_solve`, each λ started from the previous one's
    solution (the path is continuous in λ)."""
    lams = np.asarray(lambdas, dtype=float).ravel()
    if is_diagonal(quad.hessian):
        return np.array([lasso_diagonal(quad, lam) for lam in lams]).reshape(lams.size, quad.dim)
    points, previous = [], None
    for lam in lams:
        previous = lasso_solve(quad, lam, start=previous)
        points.append(previous)
    return np.array(points).reshape(lams.size, quad.dim)


def rotated_soft_threshold(quad: Quadratic, lam: float) -> np.ndarray:
    """Q·soft(Qᵀθ̂, λ/σ) (d,): soft thresholding in the eigen-coordinates of H, rotated
    back. It is θ̂_lasso when H is diagonal (Q permutes and flips coordinates), and in
    general it is not: the L1 norm is not rotation invariant. (It minimizes
    R~(θ) + λ‖Qᵀθ‖₁ instead.)"""
    lam = _check_lambda(lam)
    sigma, q = eigen(quad.hessian)
    cuts = np.full(sigma.shape, np.inf)
    np.divide(lam, sigma, out=cuts, where=sigma > 0)
    return q @ soft_threshold(q.T @ quad.theta_hat, cuts)


def l1_level(quad: Quadratic, point: np.ndarray) -> tuple[float, float]:
    """(level, radius): the R~ contour level and the L1-ball radius ‖θ‖₁ through
    ``point`` (d,)."""
    point = np.asarray(point, dtype=float)
    return float(quad.value(point)), float(np.abs(point).sum())


@dataclass(frozen=True)
class ProximalRun:
    """Proximal gradient iterates and each step split into its two parts.

    ``iterates`` (steps + 1, d): θ_k.  ``after_gradient`` (steps, d): θ_k − α∇R~(θ_k), the
    end of the gradient step; soft thresholding by the fixed amount αλ (the L1 pull) then
    leads to θ_{k+1}, exactly onto an axis when a coordinate is within αλ of 0."""

    iterates: np.ndarray
    after_gradient: np.ndarray


def check_proximal_step(eigenvalues: np.ndarray, step_size: float) -> None:
    """ValueError unless 0 < α < 2/σ_max, where proximal gradient descent converges."""
    top = float(np.max(eigenvalues))
    if not (np.isfinite(step_size) and step_size > 0):
        raise ValueError(f"step size must be positive and finite, got {step_size}")
    if top > 0 and step_size * top >= 2.0:
        raise ValueError(
            f"step size {step_size:g} diverges: proximal gradient descent needs it "
            f"below 2/sigma_max = {2.0 / top:.6g}"
        )


def proximal_gradient(
    quad: Quadratic, start: np.ndarray, step_size: float, steps: int, lam: float
) -> ProximalRun:
    """θ ← soft(θ − α∇R~(θ), αλ), the L1 counterpart of weight decay
    (θ ← θ − α∇R~(θ) − αλθ), written as gradient step plus soft-thresholding pull;
    ``start`` (d,). The step size is checked first (:func:`check_proximal_step`)."""
    lam = _check_lambda(lam)
    check_proximal_step(np.linalg.eigvalsh(quad.hessian), step_size)
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    theta = np.asarray(start, dtype=float)
    if theta.shape != (quad.dim,):
        raise ValueError(f"start must have shape ({quad.dim},), got {theta.shape}")
    iterates, after_gradient = [theta], []
    for _ in range(steps):
        stepped = theta - step_size * quad.gradient(theta)
        after_gradient.append(stepped)
        theta = soft_threshold(stepped, step_size * lam)
        iterates.append(theta)
    return ProximalRun(np.array(iterates), np.array(after_gradient).reshape(steps, quad.dim))
