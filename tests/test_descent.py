import numpy as np
import pytest

from l2geom.core.descent import check_convergent, gradient_descent, max_stable_step, weight_decay
from l2geom.core.quadratic import Quadratic, eigen
from l2geom.core.ridge import ridge_solve


@pytest.fixture
def quad():
    rng = np.random.default_rng(12)
    a = rng.normal(size=(3, 3))
    return Quadratic(a @ a.T + np.eye(3), rng.normal(size=3), 0.3)


def test_weight_decay_equals_gradient_descent_on_the_regularized_risk(quad):
    sigma, _ = eigen(quad.hessian)
    lam = 2.0
    step = 0.9 * max_stable_step(sigma, lam)
    run = weight_decay(quad, np.zeros(3), step, 400, lam)
    reg = gradient_descent(quad, np.zeros(3), step, 400, lam)
    assert np.allclose(run.iterates, reg, rtol=1e-12, atol=1e-12)
    assert np.allclose(run.iterates[-1], ridge_solve(quad, lam), atol=1e-8)


def test_split_steps_add_up_to_the_full_step(quad):
    step, lam = 0.05, 1.5
    run = weight_decay(quad, np.ones(3), step, 30, lam)
    theta, after = run.iterates[:-1], run.after_gradient
    assert np.allclose(after, theta - step * quad.gradient(theta))
    pull = -step * lam * theta
    assert np.allclose(after + pull, run.iterates[1:])
    assert np.allclose(theta * (1 - step * lam) - step * quad.gradient(theta), run.iterates[1:])


def test_plain_descent_reaches_theta_hat(quad):
    sigma, _ = eigen(quad.hessian)
    path = gradient_descent(quad, np.zeros(3), 1.0 / sigma.max(), 2000)
    assert path.shape == (2001, 3)
    assert np.allclose(path[-1], quad.theta_hat, atol=1e-8)


def test_stability_check_names_lambda_and_the_largest_stable_step():
    sigma = np.array([1.0, 10.0])
    check_convergent(sigma, 5.0, 0.1)  # 0.1 * 15 = 1.5 < 2
    with pytest.raises(ValueError, match=r"lambda=10: it must be below 0\.1\b"):
        check_convergent(sigma, 10.0, 0.1)  # 0.1 * 20 = 2: not < 1
    with pytest.raises(ValueError, match="singular"):
        check_convergent(np.array([0.0, 1.0]), 0.0, 0.1)
