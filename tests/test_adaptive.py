"""Adam + L2, AdamW and early stopping (l2geom.core.adaptive, .early_stopping) against
references computed independently: the ridge solve, scipy's bounded least squares, and
gradient descent itself."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import lsq_linear

from l2geom.core import compute
from l2geom.core.adaptive import cosine_schedule
from l2geom.core.quadratic import from_regression, generate_regression
from l2geom.core.ridge import ridge_solve

# The course's scenario and the default adam settings of the config schema.
ADAM = dict(lam=0.5, learning_rate=0.05, adam_steps=4000, beta1=0.9, beta2=0.99, eps=1e-8)


@pytest.fixture(scope="module")
def course():
    x, y = generate_regression(np.random.default_rng(1), 100, [0.5, 3.0], 0.5)
    return from_regression(x, y)


@pytest.fixture(scope="module")
def runs(course):
    return compute.adaptive_data(course, np.zeros(2), 0.005, 100, **ADAM)


def box_minimizer(quad, bound):
    """argmin R_emp over |θᵢ| ≤ bound, by scipy: R_emp − R_min = ½‖Lᵀ(θ − θ̂)‖², H = L Lᵀ."""
    chol = np.linalg.cholesky(quad.hessian)
    return lsq_linear(chol.T, chol.T @ quad.theta_hat, bounds=(-bound, bound), tol=1e-12).x


def test_the_schedule_decays_from_the_rate_to_zero():
    rates = cosine_schedule(0.05, 100)
    assert rates[0] == 0.05 and 0 < rates[-1] < 1e-4 and np.all(np.diff(rates) < 0)


def test_adam_with_l2_ends_at_the_ridge_solution(course, runs):
    np.testing.assert_allclose(runs["adam_l2"][-1], ridge_solve(course, ADAM["lam"]), atol=1e-3)
    np.testing.assert_allclose(runs["wd"][-1], runs["ridge"], atol=1e-3)


def test_adamw_ends_at_the_box_minimizer_and_away_from_ridge(course, runs):
    box = box_minimizer(course, 1 / ADAM["lam"])
    np.testing.assert_allclose(runs["adamw"][-1], box, atol=1e-3)
    assert runs["box"] == 2.0
    assert np.isclose(np.abs(box).max(), 2.0)  # the box is active: a weight sits on its edge
    assert np.linalg.norm(runs["adamw"][-1] - runs["ridge"]) > 0.5  # visibly apart


def test_early_stopping_closed_form_is_gradient_descent(course):
    data = compute.early_stopping_data(course, 0.005, [5, 10, 20, 50])
    np.testing.assert_allclose(data["points"], data["path"][data["taus"]], atol=1e-10, rtol=0)
    np.testing.assert_allclose(data["lambdas"], 1 / (0.005 * np.array([5, 10, 20, 50])))
    ridge = np.array([ridge_solve(course, lam) for lam in data["lambdas"]])
    np.testing.assert_allclose(data["distances"], np.linalg.norm(data["points"] - ridge, axis=1))
    print(
        "early stopping, tau -> |theta(tau) - ridge(1/(alpha tau))|:",
        dict(zip(data["taus"].tolist(), np.round(data["distances"], 4).tolist())),
    )
    # The factors match where the curves say they should: both 0 at small τ, 1 at large.
    assert np.all((0 <= data["stopped"]) & (data["stopped"] <= 1))
    assert np.all(np.diff(data["stopped"], axis=0) >= 0)
