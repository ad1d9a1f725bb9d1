"""Data-file contents (l2geom.core.compute) and the plane geometry they share (l2geom.core.plane)."""

import numpy as np
import pytest

from l2geom.core import compute, plane
from l2geom.core.quadratic import Quadratic


def test_view_window_pads_and_keeps_a_minimum_aspect():
    window = plane.view_window(np.array([[0.0, 0.0], [2.0, 0.0], [1.0, 0.0]]))
    width, height = window[1] - window[0], window[3] - window[2]
    assert np.isclose(window[0], -0.24) and np.isclose(window[1], 2.24)
    assert np.isclose(height, 0.4 * width) and np.isclose(window[2], -window[3])
    tall = plane.view_window(np.array([[0.0, 0.0], [1.0, 3.0]]))
    assert np.allclose(tall, [-0.36, 1.36, -0.36, 3.36])  # aspect 0.5: unchanged


def test_tangency_has_ellipses_in_the_plane_only():
    plane = Quadratic(np.diag([1.0, 8.0]), np.array([2.0, 1.2]))
    space = Quadratic(np.diag([1.0, 2.0, 8.0]), np.array([2.0, 1.2, 1.0]))
    assert compute.tangency_data(plane, [1.0])["ellipses"].shape == (1, 241, 2)
    data = compute.tangency_data(space, [1.0, 3.0])
    assert "ellipses" not in data and data["points"].shape == (2, 3)
    assert compute.quadratic_data(space)["observations"] == 0


def test_circle_is_closed_and_round():
    ring = plane.circle(2.5, num=101)
    assert ring.shape == (101, 2) and np.allclose(ring[0], ring[-1])
    assert np.allclose(np.hypot(*ring.T), 2.5)


def test_rotation_angle_turns_the_first_axis_onto_the_first_column():
    for angle in (0.3, -2.0, 3.0):
        q = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
        assert plane.rotation_angle(q) == pytest.approx(angle)
    with pytest.raises(ValueError, match="not a 2-d rotation"):
        plane.rotation_angle(np.diag([1.0, -1.0]))


def test_rescale_stores_the_angle_of_its_eigenvectors_in_the_plane_only():
    hessian = np.array([[5.0, 3.0], [3.0, 5.0]])
    data = compute.rescale_data(Quadratic(hessian, np.array([2.0, 1.0])), 1.0)
    q = data["eigenvectors"]
    turned = np.array([np.cos(data["angle"]), np.sin(data["angle"])])
    assert np.allclose(turned, q[:, 0])  # Q turns the first coordinate axis onto q1
    space = Quadratic(np.diag([1.0, 2.0, 8.0]), np.array([2.0, 1.2, 1.0]))
    assert "angle" not in compute.rescale_data(space, 1.0)


def test_step_lengths_are_the_gradient_step_and_the_decay_pull():
    quad = Quadratic(np.array([[3.0, 1.0], [1.0, 0.5]]), np.array([1.0, 2.0]))
    alpha, lams = 0.05, [0.5, 4.0]
    data = compute.descent_data(quad, np.zeros(2), alpha, 400, lams)
    for j, lam in enumerate(lams):
        wd = data["wd"][j]
        gradient = np.array([quad.gradient(theta) for theta in wd[:-1]])
        np.testing.assert_allclose(
            data["gradient_lengths"][j], alpha * np.linalg.norm(gradient, axis=1), rtol=1e-12
        )
        np.testing.assert_allclose(
            data["pull_lengths"][j], alpha * lam * np.linalg.norm(wd[:-1], axis=1), rtol=1e-12
        )
        # settled at θ̂_ridge: the two are equally long
        assert data["gradient_lengths"][j][-1] == pytest.approx(
            data["pull_lengths"][j][-1], rel=1e-6
        )
