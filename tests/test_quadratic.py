import numpy as np
import pytest

from l2geom.core.quadratic import Quadratic, eigen, from_regression, generate_regression


def random_psd(rng, d, rank=None):
    a = rng.normal(size=(d, rank or d))
    return a @ a.T


def test_value_and_gradient_match_finite_differences():
    rng = np.random.default_rng(0)
    quad = Quadratic(random_psd(rng, 3), rng.normal(size=3), 1.5)
    theta = rng.normal(size=3)
    eps = 1e-6
    numeric = [
        (quad.value(theta + eps * e) - quad.value(theta - eps * e)) / (2 * eps) for e in np.eye(3)
    ]
    assert np.allclose(quad.gradient(theta), numeric, atol=1e-6)
    assert quad.value(quad.theta_hat) == pytest.approx(1.5)
    assert quad.value(np.zeros((4, 5, 3))).shape == (4, 5)


@pytest.mark.parametrize("d", [2, 3, 7, 20])
def test_eigen_is_sorted_orthonormal_and_a_rotation(d):
    rng = np.random.default_rng(d)
    h = random_psd(rng, d)
    sigma, q = eigen(h)
    assert np.all(np.diff(sigma) >= 0)
    assert np.allclose(q.T @ q, np.eye(d), atol=1e-12)
    assert np.allclose(q @ np.diag(sigma) @ q.T, h, atol=1e-9)
    assert np.linalg.det(q) == pytest.approx(1.0)
    # sign convention: the largest-magnitude entry of each column but the last is positive
    for j in range(d - 1):
        assert q[np.argmax(np.abs(q[:, j])), j] > 0


def test_regression_quadratic_matches_lstsq():
    rng = np.random.default_rng(11)
    x, y = generate_regression(rng, 100, [0.5, 3.0], 0.5)
    quad = from_regression(x, y)
    expected, *_ = np.linalg.lstsq(x, y, rcond=None)
    assert np.allclose(quad.hessian, 2 * x.T @ x)
    assert np.allclose(quad.theta_hat, expected)
    # the quadratic is exact for the sum of squared errors
    theta = rng.normal(size=2)
    assert quad.value(theta) == pytest.approx(np.sum((y - x @ theta) ** 2))
    assert np.allclose(quad.gradient(theta), -2 * x.T @ (y - x @ theta))


def test_generated_data_follow_the_course_setup():
    x, y = generate_regression(np.random.default_rng(1), 100, [0.5, 3.0], 0.5)
    assert x.shape == (100, 2) and y.shape == (100,)
    assert x.min() >= 0 and x.max() <= 1
    assert np.std(y - x @ [0.5, 3.0]) == pytest.approx(0.5, rel=0.2)


@pytest.mark.parametrize(
    "hessian, theta", [(np.ones((2, 3)), np.zeros(2)), (np.eye(2), np.zeros(3))]
)
def test_quadratic_rejects_bad_shapes(hessian, theta):
    with pytest.raises(ValueError, match="hessian must be square|theta_hat must have shape"):
        Quadratic(hessian, theta)


def test_decorrelated_features_give_a_diagonal_hessian_and_the_rotated_minimizer():
    from l2geom.core.lasso import is_diagonal
    from l2geom.core.quadratic import decorrelate
    from l2geom.core.sources import quadratic_from_source

    spec = {"n": 100, "weights": [0.5, 3.0], "noise_sd": 0.5, "seed": 1, "low": 0.0, "high": 1.0}
    plain = quadratic_from_source({"generate": spec})
    rotated = quadratic_from_source({"generate": {**spec, "decorrelate": True}})
    sigma, q = eigen(plain.hessian)
    assert is_diagonal(rotated.hessian)
    assert np.allclose(np.diag(rotated.hessian), sigma, rtol=1e-12)  # ascending
    assert np.allclose(rotated.theta_hat, q.T @ plain.theta_hat, rtol=1e-12)  # Qᵀθ̂
    assert rotated.risk_min == pytest.approx(plain.risk_min, rel=1e-12)  # same fit
    assert np.allclose(eigen(rotated.hessian)[1], np.eye(2), atol=1e-12)  # deterministic sign
    x = np.random.default_rng(3).normal(size=(30, 4))
    gram = decorrelate(x).T @ decorrelate(x)
    assert is_diagonal(gram) and np.all(np.diff(np.diag(gram)) > 0)
    with pytest.raises(ValueError, match="need x"):
        decorrelate(np.ones(3))
