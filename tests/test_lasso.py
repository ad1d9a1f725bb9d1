import numpy as np
import pytest

from l2geom.core.lasso import (
    is_diagonal,
    kink_lambdas,
    kkt_scale,
    kkt_violation,
    l1_level,
    lasso,
    lasso_diagonal,
    lasso_max_lambda,
    lasso_path,
    lasso_solve,
    proximal_gradient,
    rotated_soft_threshold,
    soft_threshold,
    thresholds,
)
from l2geom.core.quadratic import Quadratic, eigen
from l2geom.core.ridge import ridge_path


def random_quadratic(rng, d, floor=0.3):
    """A positive definite quadratic whose condition number scipy's L-BFGS-B can handle."""
    a = rng.normal(size=(d, d)) / np.sqrt(d)
    return Quadratic(a @ a.T + floor * np.eye(d), rng.normal(size=d) * 3, rng.uniform(0, 2))


def random_diagonal(rng, d):
    return Quadratic(np.diag(rng.uniform(0.1, 20.0, size=d)), rng.normal(size=d) * 3)


def scipy_lasso(quad, lam):
    """L-BFGS-B on θ = u − v with u, v ≥ 0: smooth, knowing nothing of thresholds."""
    from scipy.optimize import minimize

    d = quad.dim

    def fun(z):
        theta = z[:d] - z[d:]
        g = quad.gradient(theta)
        value = float(quad.value(theta)) + lam * z.sum()
        return value, np.concatenate([g + lam, -g + lam])

    found = minimize(
        fun,
        np.zeros(2 * d),
        jac=True,
        method="L-BFGS-B",
        bounds=[(0, None)] * (2 * d),
        options={"ftol": 1e-16, "gtol": 1e-13, "maxiter": 50_000, "maxcor": 30},
    )
    return found.x[:d] - found.x[d:]


def test_soft_threshold_is_the_closed_form_of_the_lecture():
    x = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
    assert np.array_equal(soft_threshold(x, 1.0), [-2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0])
    assert np.array_equal(soft_threshold(x, 0.0), x)
    assert not np.any(np.signbit(soft_threshold(x, 1.0)[1:6]))  # zeros are +0.0
    assert np.array_equal(soft_threshold([5.0, -5.0], [np.inf, 2.0]), [0.0, -3.0])
    with pytest.raises(ValueError, match="thresholds must be >= 0"):
        soft_threshold(x, -0.1)
    with pytest.raises(ValueError, match="thresholds must be >= 0"):
        soft_threshold(x, np.nan)


def test_closed_form_with_zero_curvature_gives_zero():
    quad = Quadratic(np.diag([0.0, 4.0]), [2.0, 3.0])
    assert np.array_equal(thresholds(quad, 2.0), [np.inf, 0.5])
    assert np.array_equal(lasso_diagonal(quad, 2.0), [0.0, 2.5])
    assert np.array_equal(lasso_solve(quad, 2.0), [0.0, 2.5])


def test_closed_form_needs_a_diagonal_hessian():
    quad = random_quadratic(np.random.default_rng(0), 3)
    assert not is_diagonal(quad.hessian)
    with pytest.raises(ValueError, match="diagonal Hessian"):
        lasso_diagonal(quad, 1.0)
    with pytest.raises(ValueError, match="diagonal Hessian"):
        kink_lambdas(quad)


def test_solver_agrees_with_the_closed_form_for_a_diagonal_hessian():
    rng = np.random.default_rng(30)
    worst = 0.0
    for _ in range(100):
        d = int(rng.integers(1, 30))
        quad = random_diagonal(rng, d)
        lam = float(rng.uniform(0, 1.2) * lasso_max_lambda(quad))
        exact, solved = lasso_diagonal(quad, lam), lasso_solve(quad, lam)
        worst = max(worst, float(np.abs(exact - solved).max()))
        assert np.array_equal(exact == 0, solved == 0)  # zeros are exact zeros
    assert worst <= 1e-12, worst


def test_solver_agrees_with_scipy_on_random_quadratics():
    rng = np.random.default_rng(2030)
    worst = 0.0
    for trial in range(40):
        d = int(rng.integers(2, 13))
        quad = random_quadratic(rng, d)
        lam = float(rng.uniform(0.05, 0.9) * lasso_max_lambda(quad))
        ours, theirs = lasso_solve(quad, lam), scipy_lasso(quad, lam)
        error = float(np.abs(ours - theirs).max())
        worst = max(worst, error)
        assert error <= 1e-6, (trial, d, lam, error)
    print(f"max |lasso_solve - scipy| = {worst:.2e}")


def test_solver_agrees_with_scipy_on_diagonal_quadratics_too():
    rng = np.random.default_rng(7)
    for _ in range(10):
        quad = random_diagonal(rng, int(rng.integers(2, 8)))
        lam = float(rng.uniform(0.05, 0.9) * lasso_max_lambda(quad))
        assert np.abs(lasso_diagonal(quad, lam) - scipy_lasso(quad, lam)).max() <= 1e-6


def test_solution_satisfies_the_optimality_conditions():
    rng = np.random.default_rng(31)
    for _ in range(60):
        d = int(rng.integers(2, 40))
        quad = random_quadratic(rng, d, floor=1e-2)
        lam = float(rng.uniform(0, 1.1) * lasso_max_lambda(quad))
        theta = lasso_solve(quad, lam)
        assert kkt_violation(quad, theta, lam).max() <= 1e-10 * kkt_scale(quad, lam)
        # and a nudged point does not
        nudged = theta + 1e-3
        assert kkt_violation(quad, nudged, lam).max() > 1e-6 * kkt_scale(quad, lam)


def test_solution_is_the_origin_from_the_largest_gradient_on():
    quad = random_quadratic(np.random.default_rng(3), 5)
    top = lasso_max_lambda(quad)
    assert np.array_equal(lasso_solve(quad, top), np.zeros(5))
    assert np.array_equal(lasso_solve(quad, 2 * top), np.zeros(5))
    assert np.any(lasso_solve(quad, 0.99 * top) != 0)


def test_at_lambda_zero_the_solution_is_theta_hat():
    quad = random_quadratic(np.random.default_rng(4), 6)
    assert np.allclose(lasso_solve(quad, 0.0), quad.theta_hat, atol=1e-12)


def test_a_singular_hessian_is_solved_too():
    rng = np.random.default_rng(8)
    a = rng.normal(size=(5, 3))
    quad = Quadratic(a @ a.T, rng.normal(size=5))
    lam = 0.3 * lasso_max_lambda(quad)
    theta = lasso_solve(quad, lam)
    assert kkt_violation(quad, theta, lam).max() <= 1e-9 * kkt_scale(quad, lam)


def test_diagonal_path_has_its_kinks_where_the_lecture_says():
    rng = np.random.default_rng(32)
    quad = random_diagonal(rng, 4)
    kinks = kink_lambdas(quad)
    assert np.allclose(kinks, np.diag(quad.hessian) * np.abs(quad.theta_hat), rtol=0)
    for j, kink in enumerate(kinks):
        before, at, after = lasso_path(quad, [kink * (1 - 1e-9), kink, kink * 1.5])[:, j]
        assert before != 0 and at == 0 and after == 0
    # zero from its kink on, for every larger λ on a fine grid; linear in λ before it
    grid = np.linspace(0, 1.2 * kinks.max(), 401)
    path = lasso_path(quad, grid)
    for j, kink in enumerate(kinks):
        assert np.all(path[grid >= kink, j] == 0) and np.all(path[grid < kink, j] != 0)
        live = grid < kink
        slope = np.diff(path[live, j]) / np.diff(grid[live])
        assert np.allclose(slope, -np.sign(quad.theta_hat[j]) / quad.hessian[j, j])


def test_general_path_agrees_with_solving_each_lambda_afresh():
    quad = random_quadratic(np.random.default_rng(33), 4)
    grid = np.linspace(0, 1.1 * lasso_max_lambda(quad), 40)
    path = lasso_path(quad, grid)
    fresh = np.array([lasso_solve(quad, lam) for lam in grid])
    assert np.abs(path - fresh).max() <= 1e-10
    assert np.array_equal(path[-1], np.zeros(4))


def test_lasso_path_reaches_axes_the_ridge_path_never_does():
    quad = Quadratic(np.diag([16.6, 117.8]), [-2.1, 2.4])
    grid = np.geomspace(1e-2, 1e4, 200)
    lasso_pts, ridge_pts = lasso_path(quad, grid), ridge_path(quad, grid)
    assert np.any(lasso_pts[:, 0] == 0) and np.all(ridge_pts != 0)
    # the flat component (small H_jj) reaches zero first
    first_zero = [grid[np.argmax(lasso_pts[:, j] == 0)] for j in range(2)]
    assert first_zero[0] < first_zero[1]


def test_rotated_soft_threshold_is_the_lasso_only_for_a_diagonal_hessian():
    diagonal = Quadratic(np.diag([8.0, 1.0, 3.0]), [1.0, -2.0, 0.5])
    assert np.allclose(rotated_soft_threshold(diagonal, 1.5), lasso(diagonal, 1.5), atol=1e-15)
    rotation = np.array([[np.cos(0.7), -np.sin(0.7)], [np.sin(0.7), np.cos(0.7)]])
    h = rotation @ np.diag([16.6, 117.8]) @ rotation.T
    correlated = Quadratic(h, rotation @ np.array([-2.1, 2.4]))
    lam = 100.0
    wrong, right = rotated_soft_threshold(correlated, lam), lasso(correlated, lam)
    assert np.abs(wrong - right).max() > 0.1
    assert kkt_violation(correlated, right, lam).max() <= 1e-10 * kkt_scale(correlated, lam)
    assert kkt_violation(correlated, wrong, lam).max() > 1.0
    # it minimizes the rotated penalty instead: the lasso of the rotated problem
    sigma, q = eigen(h)
    rotated = Quadratic(np.diag(sigma), q.T @ correlated.theta_hat)
    assert np.allclose(q.T @ wrong, lasso(rotated, lam), atol=1e-12)


def test_l1_level_is_the_risk_and_the_l1_norm():
    quad = random_quadratic(np.random.default_rng(5), 2)
    point = np.array([0.0, -1.5])
    level, radius = l1_level(quad, point)
    assert level == pytest.approx(float(quad.value(point))) and radius == 1.5


def test_proximal_gradient_converges_to_the_lasso_solution():
    rng = np.random.default_rng(34)
    for _ in range(10):
        d = int(rng.integers(2, 8))
        quad = random_quadratic(rng, d, floor=0.5)
        lam = float(rng.uniform(0.1, 0.9) * lasso_max_lambda(quad))
        step = 1.0 / np.linalg.eigvalsh(quad.hessian).max()
        run = proximal_gradient(quad, np.zeros(d), step, 3000, lam)
        assert run.iterates.shape == (3001, d) and run.after_gradient.shape == (3000, d)
        assert np.abs(run.iterates[-1] - lasso_solve(quad, lam)).max() <= 1e-9


def test_proximal_steps_are_a_gradient_step_then_a_fixed_pull():
    quad = Quadratic(np.diag([1.0, 8.0]), [2.0, 0.3])
    step, lam = 0.1, 2.0
    run = proximal_gradient(quad, np.array([0.0, 0.0]), step, 40, lam)
    theta, after = run.iterates[:-1], run.after_gradient
    assert np.allclose(after, theta - step * quad.gradient(theta))
    pull = run.iterates[1:] - after
    moved = run.iterates[1:] != 0
    # a non-zero result moved by exactly αλ toward 0; a zero one was within αλ of 0
    assert np.allclose(np.abs(pull[moved]), step * lam)
    assert np.all(np.abs(after[~moved]) <= step * lam)
    # |θ̂_1| = 2 ≤ λ/H_11 = 2: the pull lands exactly on the axis and stays there;
    # |θ̂_2| = 0.3 > λ/H_22 = 0.25: shifted by 0.25
    assert np.all(run.iterates[1:, 0] == 0.0)
    assert np.allclose(run.iterates[-1], lasso_diagonal(quad, lam), atol=1e-12)


@pytest.mark.parametrize("step", [0.25, -0.1, np.nan])
def test_proximal_step_size_is_checked(step):
    quad = Quadratic(np.diag([1.0, 8.0]), [2.0, 0.3])
    with pytest.raises(ValueError, match="step size"):
        proximal_gradient(quad, np.zeros(2), step, 5, 1.0)


@pytest.mark.parametrize("bad", [-1.0, np.nan, np.inf])
def test_bad_lambda_is_rejected(bad):
    quad = random_quadratic(np.random.default_rng(0), 2)
    for func in (lasso_solve, lasso, thresholds, rotated_soft_threshold):
        with pytest.raises(ValueError, match="lambda must be finite and >= 0"):
            func(quad, bad)


def test_bad_start_is_rejected():
    quad = random_quadratic(np.random.default_rng(0), 2)
    with pytest.raises(ValueError, match="start must be finite"):
        lasso_solve(quad, 1.0, start=np.zeros(3))


# --- The data files (core.compute_l1) -----------------------------------------------------


def course_quadratics():
    from l2geom.core.sources import quadratic_from_source

    spec = {"n": 100, "weights": [0.5, 3.0], "noise_sd": 0.5, "seed": 1, "low": 0.0, "high": 1.0}
    return (
        quadratic_from_source({"generate": spec}),
        quadratic_from_source({"generate": {**spec, "decorrelate": True}}),
    )


def test_lasso_data_holds_both_points_and_the_levels_through_them():
    from l2geom.core.compute_l1 import lasso_data

    correlated, decorrelated = course_quadratics()
    for quad, diagonal in ((correlated, False), (decorrelated, True)):
        data = lasso_data(quad, [45.0, 25.0, 45.0])
        assert data["lambdas"].tolist() == [25.0, 45.0] and bool(data["diagonal"]) == diagonal
        assert np.all(data["kkt"] <= 1e-12)
        gap = np.abs(data["rotated"] - data["lasso"]).max()
        assert (gap > 0.5) if not diagonal else (gap <= 1e-12)
        for k in range(2):
            assert np.allclose(quad.value(data["lasso_ellipses"][k]), data["lasso_levels"][k])
            assert np.allclose(quad.value(data["ridge_ellipses"][k]), data["ridge_levels"][k])
            assert np.abs(data["diamonds"][k]).sum(axis=1) == pytest.approx(data["l1_radii"][k])
    # at λ = 45 the decorrelated lasso touches its diamond at a corner: θ₁ exactly 0
    data = lasso_data(decorrelated, [45.0])
    assert data["lasso"][0, 0] == 0.0 and data["lasso"][0, 1] > 0


def test_lasso_path_data_has_its_kinks_on_the_grid():
    from l2geom.core.compute_l1 import lasso_path_data

    correlated, decorrelated = course_quadratics()
    data = lasso_path_data(decorrelated, 50)
    kinks = kink_lambdas(decorrelated)
    assert np.array_equal(data["zero_from"], kinks) and np.isin(kinks, data["lambdas"]).all()
    assert data["zero_from"][0] < data["zero_from"][1]  # the flat component first
    assert np.all(data["ridge"] != 0)  # the ridge path never reaches an axis
    general = lasso_path_data(correlated, 50)
    assert np.all(general["kkt"] <= 1e-12) and np.array_equal(general["lasso"][-1], [0.0, 0.0])


def test_proximal_data_ends_at_the_lasso_point_and_pulls_by_a_fixed_amount():
    from l2geom.core.compute_l1 import proximal_data

    _, quad = course_quadratics()
    data = proximal_data(quad, np.zeros(2), 0.005, 400, [25.0, 45.0])
    assert np.allclose(data["prox"][:, -1], data["lasso"], atol=1e-9)
    assert np.array_equal(data["pulls"], [0.125, 0.225])
    assert data["wd"].shape == data["prox"].shape == (2, 401, 2)


def test_proximal_data_of_the_config_lands_on_an_axis_and_pulls_by_alpha_lambda():
    """course_pca's descent (α = 0.005, 100 steps from the origin) with its l1 λ: every pull
    moves a component by exactly αλ toward 0 unless it reaches 0, where it stops; at λ = 45
    (≥ H₁₁|θ̂₁| = 35.2) the flat component lands exactly on 0 after every gradient step that
    moved it off; weight decay's pull is αλθ; both runs end at their points."""
    from l2geom.core.compute_l1 import proximal_data

    _, quad = course_quadratics()
    step, lams = 0.005, [25.0, 45.0]
    data = proximal_data(quad, np.zeros(2), step, 100, lams)
    for i, lam in enumerate(lams):
        prox, after = data["prox"][i], data["prox_after_gradient"][i]
        pull = prox[1:] - after
        moved = prox[1:] != 0
        assert np.allclose(np.abs(pull[moved]), step * lam, rtol=1e-12, atol=1e-15)
        assert np.all(np.sign(pull[moved]) == -np.sign(after[moved]))  # toward 0
        assert np.all(np.abs(after[~moved]) <= step * lam)  # within αλ of 0: stopped at 0
        wd, wd_after = data["wd"][i], data["wd_after_gradient"][i]
        assert np.allclose(wd[1:] - wd_after, -step * lam * wd[:-1], atol=1e-15)
        assert np.allclose(wd[-1], ridge_path(quad, [lam])[0], atol=1e-6)
    # λ = 45: θ₁ is exactly 0 at every iterate though each gradient step moves it off
    assert np.all(data["prox"][1][:, 0] == 0.0)
    assert np.all(data["prox_after_gradient"][1][:, 0] != 0.0)
    assert np.abs(data["prox"][1, -1] - data["lasso"][1]).max() <= 1e-12
    # λ = 25: both components shifted, the run within 1e-3 of θ̂_lasso after 100 steps
    assert np.all(data["lasso"][0] != 0)
    assert np.abs(data["prox"][0, -1] - data["lasso"][0]).max() <= 1e-3


def test_proximal_data_rejects_a_weight_decay_run_that_diverges():
    from l2geom.core.compute_l1 import proximal_data

    _, quad = course_quadratics()  # σ_max = 117.8: weight decay with α = 0.005 needs λ < 282
    with pytest.raises(ValueError, match="diverges for lambda=300"):
        proximal_data(quad, np.zeros(2), 0.005, 10, [25.0, 300.0])
