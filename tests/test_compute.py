"""Data-file contents that depend on the shape of the scenario (l2geom.compute)."""

import numpy as np

from l2geom.core import compute
from l2geom.core.quadratic import Quadratic


def test_view_window_pads_and_keeps_a_minimum_aspect():
    window = compute.view_window(np.array([[0.0, 0.0], [2.0, 0.0], [1.0, 0.0]]))
    width, height = window[1] - window[0], window[3] - window[2]
    assert np.isclose(window[0], -0.24) and np.isclose(window[1], 2.24)
    assert np.isclose(height, 0.4 * width) and np.isclose(window[2], -window[3])
    tall = compute.view_window(np.array([[0.0, 0.0], [1.0, 3.0]]))
    assert np.allclose(tall, [-0.36, 1.36, -0.36, 3.36])  # aspect 0.5: unchanged


def test_tangency_has_ellipses_in_the_plane_only():
    plane = Quadratic(np.diag([1.0, 8.0]), np.array([2.0, 1.2]))
    space = Quadratic(np.diag([1.0, 2.0, 8.0]), np.array([2.0, 1.2, 1.0]))
    assert compute.tangency_data(plane, [1.0])["ellipses"].shape == (1, 241, 2)
    data = compute.tangency_data(space, [1.0, 3.0])
    assert "ellipses" not in data and data["points"].shape == (2, 3)
    assert compute.quadratic_data(space)["observations"] == 0
