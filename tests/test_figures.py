"""Figures: each family renders from the small fixture data; content checked through
matplotlib's object model (never pixels); two renders give identical bytes."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.patches import Circle

from l2geom import figures
from l2geom.build import store
from l2geom.build.jobs import load_quadratic
from l2geom.catalogue import FIGURE_FAMILIES
from l2geom.style import COLORS

PARAMS = {"lam": 10.0, "lambdas": [5.0, 50.0]}


@pytest.fixture(scope="module")
def data(scenario_data):
    return {name: store.load(path) for name, path in scenario_data.items()}


@pytest.fixture(scope="module")
def drawn(data):
    return {name: fig for family in FIGURE_FAMILIES
            for name, fig in figures.render(family, data, PARAMS).items()}


def by_gid(fig, gid):
    hits = [a for ax in fig.axes for a in ax.findobj(lambda a: a.get_gid() == gid)]
    assert hits, f"no artist with gid {gid!r}"
    return hits


def test_every_family_renders_and_saves(drawn, tmp_path):
    names = {n for family in FIGURE_FAMILIES.values() for n in family}
    assert set(drawn) == names
    for name, fig in drawn.items():
        paths = [tmp_path / f"{name}.pdf", tmp_path / f"{name}.png"]
        figures.save(fig, paths)
        assert all(p.stat().st_size > 1000 for p in paths)
        assert not list(tmp_path.glob(".*.tmp*")), "temp files left behind"


def test_parameter_space_axes_have_equal_aspect(drawn):
    for name, fig in drawn.items():
        if name == "shrink_factors":
            continue
        for ax in fig.axes:
            assert ax.get_aspect() == 1.0, name


def test_penalty_circle_passes_through_ridge_point(drawn, data):
    ridge = data["rescale"]["ridge"]
    for name in ("goodfellow_flat", "goodfellow_steep"):
        (circle,) = by_gid(drawn[name], "penalty_tangent")
        assert isinstance(circle, Circle)
        assert circle.get_radius() == pytest.approx(np.linalg.norm(ridge), rel=1e-12)
        assert tuple(circle.center) == (0.0, 0.0)


def test_tangent_contour_is_the_level_of_the_ridge_point(drawn, data, scenario_data):
    quad = load_quadratic(scenario_data["quadratic"])
    level = float(quad.value(data["rescale"]["ridge"]))
    (line,) = by_gid(drawn["goodfellow_flat"], "risk_tangent")
    assert np.allclose(quad.value(line.get_xydata()), level, rtol=1e-9)
    # On each weight-decay panel, the contours drawn include the level through its θ̂_ridge.
    for name, lams in (("gd_vs_weight_decay", [None, 10.0]), ("pull_depends_on_lambda", [5.0, 50.0])):
        panels = by_gid(drawn[name], "risk_contours")
        assert len(panels) == len(lams)
        for contours, lam in zip(panels, lams):
            if lam is not None:
                ridge = data["descent"]["ridge"][store.index_of(data["descent"]["lambdas"], lam)]
                assert np.isclose(contours.levels, float(quad.value(ridge)), rtol=1e-12).any()


def test_last_weight_decay_iterate_is_the_stored_end(drawn, data):
    descent = data["descent"]
    for name, lams in (("gd_vs_weight_decay", [10.0]), ("pull_depends_on_lambda", [5.0, 50.0])):
        lines = by_gid(drawn[name], "wd_iterates")
        assert len(lines) == len(lams)
        for line, lam in zip(lines, lams):
            end = descent["wd"][store.index_of(descent["lambdas"], lam)][-1]
            np.testing.assert_array_equal(line.get_xydata()[-1], end)
    (gd,) = by_gid(drawn["gd_vs_weight_decay"], "gd_iterates")
    np.testing.assert_array_equal(gd.get_xydata()[-1], descent["gd"][-1])


def test_decay_steps_and_gradient_steps_use_their_roles(drawn, data):
    fig = drawn["gd_vs_weight_decay"]
    (grad,) = by_gid(fig, "gradient_steps")
    (decay,) = by_gid(fig, "decay_steps")
    import matplotlib.colors as mcolors
    assert mcolors.to_hex(grad.get_colors()[0]) == COLORS["gradient_step"].lower()
    assert mcolors.to_hex(decay.get_colors()[0]) == COLORS["decay_step"].lower()
    k = store.index_of(data["descent"]["lambdas"], 10.0)
    np.testing.assert_array_equal(decay.get_segments()[-1][-1], data["descent"]["wd"][k][-1])


def test_rescaled_feet_land_on_stored_points(drawn, data):
    """The eigen-frame transform puts eigen-coordinates where Q says (ridge = Q·scaled)."""
    fig = drawn["rescale_lambda_positive"]
    ax = fig.axes[0]
    q = data["rescale"]["eigenvectors"]
    for i in range(2):
        (foot,) = by_gid(fig, f"scaled_foot_{i + 1}")
        shown = ax.transData.inverted().transform(foot.get_transform().transform(
            foot.get_xydata()))[0]
        np.testing.assert_allclose(shown, q[:, i] * data["rescale"]["scaled"][i], atol=1e-12)


def test_shrink_curves_are_the_stored_factors(drawn, data):
    path = data["ridge_path"]
    for i in range(2):
        (curve,) = by_gid(drawn["shrink_factors"], f"shrink_{i + 1}")
        np.testing.assert_array_equal(curve.get_ydata(), path["shrink"][path["lambdas"] > 0, i])


def test_two_renders_are_byte_identical(data, tmp_path):
    for family in ("gd_vs_weight_decay", "goodfellow"):
        blobs = []
        for run in range(2):
            out = tmp_path / str(run)
            for name, fig in figures.render(family, data, PARAMS).items():
                figures.save(fig, [out / f"{name}.pdf", out / f"{name}.png"])
            blobs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
        assert blobs[0] == blobs[1]
        assert b"CreationDate" not in blobs[0][f"{name}.pdf"]


def test_errors_are_clear(data, tmp_path):
    with pytest.raises(ValueError, match="unknown figure family"):
        figures.render("nope", data, PARAMS)
    with pytest.raises(KeyError):
        figures.render("gd_vs_weight_decay", data, {"lam": 7.0})
    fig = next(iter(figures.render("shrink_factors", data, PARAMS).values()))
    with pytest.raises(ValueError, match="unsupported figure format"):
        figures.save(fig, [tmp_path / "x.jpg"])


@pytest.mark.parametrize("scale", [1e-6, 1e4])
def test_pictures_follow_the_scale_of_theta_hat(scale):
    """Nothing drawn has a size of its own in parameter units (eigen-axes, arrow heads):
    a scenario 10^-6 or 10^4 times the course's is drawn at its own scale."""
    from l2geom.core import compute
    from l2geom.core.quadratic import Quadratic

    quad = Quadratic(np.array([[1.0, 0.3], [0.3, 4.0]]), scale * np.array([2.0, 1.0]))
    data = {"rescale": compute.rescale_data(quad, 1.5),
            "landscape": compute.landscape_data(quad, np.zeros(2), 0.1, 60)}
    fig = figures.render("eigen_projection", data, {})["eigen_projection"]
    (x0, x1), (y0, y1) = fig.axes[0].get_xlim(), fig.axes[0].get_ylim()
    assert 1.5 * scale < x1 - x0 < 10 * scale and 0.8 * scale < y1 - y0 < 10 * scale
