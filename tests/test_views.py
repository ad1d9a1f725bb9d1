"""How the drawings frame their pictures (l2geom.views)."""

import numpy as np
import pytest

from l2geom import views
from l2geom.core import compute
from l2geom.core.quadratic import Quadratic


def test_fit_aspect_grows_one_side_about_the_centre():
    tall = views.fit_aspect(np.array([0.0, 2.0, 0.0, 1.0]), 2.0)
    np.testing.assert_allclose(tall, [0.0, 2.0, -1.5, 2.5])
    wide = views.fit_aspect(np.array([0.0, 1.0, 0.0, 4.0]), 0.5)
    np.testing.assert_allclose(wide, [-3.5, 4.5, 0.0, 4.0])


@pytest.mark.parametrize("lam", [0.0, 5.0, 50.0])
def test_settling_window_frames_the_last_steps_of_a_run(lam):
    """Around the end of a weight-decay run: it holds the end and the last gradient step,
    is smaller than the run (also for λ = 0, whose steps vanish), and is not empty."""
    quad = Quadratic(np.array([[120.0, -50.0], [-50.0, 40.0]]), np.array([0.2, 3.2]))
    run = compute.descent_data(quad, np.zeros(2), 0.005, 100, [lam])
    wd, after = run["wd"][0], run["wd_after_gradient"][0]
    x0, x1, y0, y1 = views.settling_window(wd, after)
    for point in (wd[-1], after[-1]):
        assert x0 < point[0] < x1 and y0 < point[1] < y1
    span = np.ptp(wd, axis=0).max()
    assert 0 < x1 - x0 < span and 0 < y1 - y0 < span
