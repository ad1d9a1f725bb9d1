import numpy as np
import pytest

from l2geom.core.quadratic import Quadratic, eigen
from l2geom.core.ridge import (
    ellipse,
    lambda_grid,
    ridge_eigen,
    ridge_path,
    ridge_solve,
    shrink_factors,
    tangency,
)


def random_quadratic(rng, d):
    a = rng.normal(size=(d, d))
    return Quadratic(a @ a.T + 1e-3 * np.eye(d), rng.normal(size=d) * 3)


def test_two_ridge_computations_agree_on_random_psd_matrices():
    rng = np.random.default_rng(2024)
    for trial in range(120):
        d = int(rng.integers(2, 51))
        quad = random_quadratic(rng, d)
        lam = float(10 ** rng.uniform(-3, 3))
        a, b = ridge_solve(quad, lam), ridge_eigen(quad, lam)
        assert np.max(np.abs(a - b)) <= 1e-10 * max(1.0, np.max(np.abs(a))), (trial, d, lam)


def test_ridge_with_singular_hessian_agrees_too():
    rng = np.random.default_rng(5)
    a = rng.normal(size=(6, 3))
    quad = Quadratic(a @ a.T, rng.normal(size=6))
    assert np.allclose(ridge_solve(quad, 0.7), ridge_eigen(quad, 0.7), atol=1e-10)


def test_ridge_path_runs_from_theta_hat_to_the_origin():
    quad = random_quadratic(np.random.default_rng(1), 3)
    sigma, _ = eigen(quad.hessian)
    grid = lambda_grid(sigma, 50)
    assert grid[0] == 0 and np.all(np.diff(grid) > 0) and grid.size == 50
    path = ridge_path(quad, grid)
    assert np.allclose(path[0], quad.theta_hat)
    assert np.linalg.norm(path[-1]) < 1e-2 * np.linalg.norm(quad.theta_hat)
    assert np.all(np.diff(np.linalg.norm(path, axis=1)) < 1e-12)  # never moves outward


def test_shrink_factors_lie_in_unit_interval_and_decrease_in_lambda():
    sigma = np.array([0.0, 0.01, 1.0, 100.0])
    lams = np.array([1e-3, 0.1, 1.0, 10.0, 1e4])
    factors = np.array([shrink_factors(sigma, lam) for lam in lams])
    assert np.all((factors >= 0) & (factors < 1))
    assert np.all(np.diff(factors, axis=0) <= 0)
    assert np.array_equal(shrink_factors(sigma, 0.0), [1.0, 1.0, 1.0, 1.0])
    assert shrink_factors([3.0], 1.0)[0] == pytest.approx(0.75)


def test_tangency_gradient_is_parallel_to_theta_at_the_ridge_point():
    rng = np.random.default_rng(9)
    quad = random_quadratic(rng, 2)
    for lam in (0.1, 1.0, 10.0):
        point = ridge_solve(quad, lam)
        # optimality: ∇R_emp(θ) + λθ = 0, so the gradient is anti-parallel to θ
        grad = quad.gradient(point)
        cross = grad[0] * point[1] - grad[1] * point[0]
        assert abs(cross) < 1e-9 * np.linalg.norm(grad) * np.linalg.norm(point)
        assert np.allclose(grad, -lam * point)
        level, radius = tangency(quad, point)
        assert level == pytest.approx(quad.value(point)) and radius == pytest.approx(
            np.linalg.norm(point)
        )


def test_ellipse_points_lie_on_the_level_set():
    quad = random_quadratic(np.random.default_rng(4), 2)
    level = quad.risk_min + 2.5
    pts = ellipse(quad, level, 100)
    assert pts.shape == (100, 2) and np.allclose(pts[0], pts[-1])
    assert np.allclose(quad.value(pts), level)


@pytest.mark.parametrize("bad", [-1.0, np.nan, np.inf])
def test_bad_lambda_is_rejected(bad):
    quad = random_quadratic(np.random.default_rng(0), 2)
    with pytest.raises(ValueError, match="lambda must be finite and >= 0"):
        ridge_solve(quad, bad)


def test_ridge_point_is_what_a_general_optimizer_finds():
    """scipy's BFGS on R_emp + λ/2 ‖θ‖², knowing nothing of the closed form."""
    from scipy.optimize import minimize

    quad = random_quadratic(np.random.default_rng(11), 3)
    for lam in (0.1, 1.0, 10.0):
        found = minimize(
            lambda t, lam=lam: quad.value(t) + 0.5 * lam * t @ t,
            np.zeros(3),
            jac=lambda t, lam=lam: quad.gradient(t) + lam * t,
            method="BFGS",
            options={"gtol": 1e-12},
        )
        assert np.allclose(found.x, ridge_solve(quad, lam), atol=1e-6)
