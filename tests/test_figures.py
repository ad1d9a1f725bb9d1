"""Figures: each family renders from the small fixture data; content checked through
matplotlib's object model (never pixels); two renders give identical bytes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.patches import Circle
from PIL import Image

from l2geom import datafile, figures
from l2geom.catalogue import FIGURE_FAMILIES
from l2geom.figures.output import PNG_DPI
from l2geom.style import COLORS

PARAMS = {"lam": 10.0, "lambdas": [5.0, 50.0]}


@pytest.fixture(scope="module")
def data(scenario_data):
    return {name: datafile.load(path) for name, path in scenario_data.items()}


@pytest.fixture(scope="module")
def decorrelated():
    """The fixture scenario's data decorrelated (H diagonal), for the L1 figures."""
    from l2geom.core import compute, compute_l1
    from l2geom.core.quadratic import decorrelate, from_regression, generate_regression

    x, y = generate_regression(np.random.default_rng(7), 100, [0.5, 3.0], 0.5)
    quad = from_regression(decorrelate(x), y)
    return {
        "quadratic": compute.quadratic_data(quad),
        "landscape": compute.landscape_data(quad, np.zeros(2), 0.005, 40, resolution=101),
        "lasso": compute_l1.lasso_data(quad, [5.0, 10.0, 50.0]),
        "lasso_path": compute_l1.lasso_path_data(quad, 60),
        "ridge_path": compute.ridge_path_data(quad, 60),
    }


# Families drawn from the decorrelated data (soft thresholding needs a diagonal H).
DIAGONAL_ONLY = ("l1_thresholds",)


@pytest.fixture(scope="module")
def drawn(data, decorrelated):
    return {
        name: fig
        for family in FIGURE_FAMILIES
        for name, fig in figures.render(
            family, decorrelated if family in DIAGONAL_ONLY else data, PARAMS
        ).items()
    }


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
        with Image.open(paths[1]) as png:  # the figure's size at the report's resolution
            np.testing.assert_allclose(png.size, fig.get_size_inches() * PNG_DPI, atol=1)
        pdf = paths[0].read_bytes()
        assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
        assert not list(tmp_path.glob(".*.tmp*")), "temp files left behind"


def test_parameter_space_axes_have_equal_aspect(drawn):
    for name, fig in drawn.items():
        if name == "shrink_factors":
            continue
        # early_stopping's and l1_paths' second panel plots against τ or λ
        planes = fig.axes[:1] if name in ("early_stopping", "l1_paths") else fig.axes
        for ax in planes:
            assert ax.get_aspect() == 1.0, name


def test_penalty_circle_passes_through_ridge_point(drawn, data):
    ridge = data["rescale"]["ridge"]
    for name in ("goodfellow_flat", "goodfellow_steep"):
        for circle in by_gid(drawn[name], "penalty_tangent"):  # the steep inset has one too
            assert isinstance(circle, Circle)
            assert circle.get_radius() == pytest.approx(np.linalg.norm(ridge), rel=1e-12)
            assert tuple(circle.center) == (0.0, 0.0)


def test_steep_move_is_magnified_in_an_inset(drawn, data):
    """The steep leg (θ̂_ridge's short move) ends inside an inset that magnifies it at
    least threefold; the flat variant, whose move is long, has no inset."""
    from l2geom.figures.zoom import magnification

    fig = drawn["goodfellow_steep"]
    (main,) = fig.axes
    (inset,) = main.child_axes
    (indicator,) = by_gid(fig, "zoom_indicator")
    assert indicator.axes is main
    fig.draw_without_rendering()
    np.testing.assert_allclose(
        indicator.rectangle.get_bbox().get_points(), inset.viewLim.get_points()
    )  # the outline is the inset's view
    assert len(by_gid(fig, "zoom_connector")) == 2
    assert inset.viewLim.contains(*data["rescale"]["ridge"])
    fig.draw_without_rendering()
    assert magnification(main, inset) >= 3
    assert not drawn["goodfellow_flat"].axes[0].child_axes


def test_tangent_contour_is_the_level_of_the_ridge_point(drawn, data, scenario_data):
    quad = datafile.load_quadratic(scenario_data["quadratic"])
    level = float(quad.value(data["rescale"]["ridge"]))
    (line,) = by_gid(drawn["goodfellow_flat"], "risk_tangent")
    assert np.allclose(quad.value(line.get_xydata()), level, rtol=1e-9)
    # On each weight-decay panel and its zoom, the contours include the level through its θ̂_ridge.
    for name, lams in (
        ("gd_vs_weight_decay", [None, 10.0, 10.0]),
        ("pull_depends_on_lambda", [5.0, 5.0, 50.0, 50.0]),
    ):
        panels = by_gid(drawn[name], "risk_contours")
        assert len(panels) == len(lams)
        for contours, lam in zip(panels, lams):
            if lam is not None:
                ridge = data["descent"]["ridge"][datafile.index_of(data["descent"]["lambdas"], lam)]
                assert np.isclose(contours.levels, float(quad.value(ridge)), rtol=1e-12).any()


def test_each_zoom_shows_where_its_run_settles_and_is_marked_on_its_panel(drawn, data):
    """The zoomed view holds the run's end, magnifies as its title says, and the indicator
    on the main panel outlines exactly that view; in the zoom, each drawn decay pull ends
    at an iterate."""
    from l2geom.figures.zoom import magnification

    descent = data["descent"]
    for name, lams in (("gd_vs_weight_decay", [10.0]), ("pull_depends_on_lambda", [5.0, 50.0])):
        fig = drawn[name]
        indicators = by_gid(fig, "zoom_indicator")
        assert len(indicators) == len(lams)
        for indicator, lam in zip(indicators, lams):
            k = datafile.index_of(descent["lambdas"], lam)
            main = indicator.axes
            zoom = next(
                ax
                for ax in fig.axes
                if ax is not main
                and ax.get_title().startswith("zoom")
                and np.allclose(
                    indicator.rectangle.get_bbox().bounds,
                    (*np.array(ax.viewLim.p0), ax.viewLim.width, ax.viewLim.height),
                )
            )
            end = descent["wd"][k][-1]
            assert zoom.viewLim.contains(*end)
            fig.draw_without_rendering()
            times = magnification(main, zoom)
            assert times > 1.5 and zoom.get_title() == f"zoom $\\times{times:.0f}$"
            (pulls,) = [c for c in zoom.collections if c.get_gid() == "decay_steps"]
            tips = np.array([seg[1] for seg in pulls.get_segments()])
            assert (
                np.isclose(tips[:, None, :], descent["wd"][k][None]).all(axis=2).any(axis=1).all()
            )


def test_adam_figure_draws_the_stored_runs_and_the_box(drawn, data):
    fig, runs = drawn["adam_vs_adamw"], data["adaptive"]
    for key in ("wd", "adam_l2", "adamw"):
        (line,) = by_gid(fig, f"{key}_path")
        np.testing.assert_array_equal(line.get_xydata()[-1], runs[key][-1])
    (box,) = by_gid(fig, "adamw_box")
    assert box.get_width() == box.get_height() == 2 * runs["box"] and box.get_x() == -runs["box"]
    (end,) = by_gid(fig, "adamw_end")
    np.testing.assert_array_equal(end.get_xydata()[0], runs["adamw"][-1])


def test_early_stopping_figure_joins_each_stopped_point_to_its_ridge_point(drawn, data):
    early = data["early_stopping"]
    pairs = by_gid(drawn["early_stopping"], "matched_pair")
    assert len(pairs) == len(early["taus"])
    for pair, point, ridge in zip(pairs, early["points"], early["ridge"]):
        np.testing.assert_array_equal(pair.get_xydata(), [point, ridge])
    (curve,) = by_gid(drawn["early_stopping"], "stopped_1")
    np.testing.assert_array_equal(curve.get_ydata(), early["stopped"][:, 0])


def test_last_weight_decay_iterate_is_the_stored_end(drawn, data):
    descent = data["descent"]
    for name, lams in (("gd_vs_weight_decay", [10.0]), ("pull_depends_on_lambda", [5.0, 50.0])):
        lines = by_gid(drawn[name], "wd_iterates")
        assert len(lines) == 2 * len(lams)  # each panel and its zoom
        for line, lam in zip(lines, np.repeat(lams, 2)):
            end = descent["wd"][datafile.index_of(descent["lambdas"], lam)][-1]
            np.testing.assert_array_equal(line.get_xydata()[-1], end)
    (gd,) = by_gid(drawn["gd_vs_weight_decay"], "gd_iterates")
    np.testing.assert_array_equal(gd.get_xydata()[-1], descent["gd"][-1])


def test_decay_steps_and_gradient_steps_use_their_roles(drawn, data):
    fig = drawn["gd_vs_weight_decay"]
    grad, _ = by_gid(fig, "gradient_steps")  # the panel's, then the zoom's
    decay, _ = by_gid(fig, "decay_steps")
    import matplotlib.colors as mcolors

    assert mcolors.to_hex(grad.get_colors()[0]) == COLORS["gradient_step"].lower()
    assert mcolors.to_hex(decay.get_colors()[0]) == COLORS["decay_step"].lower()
    k = datafile.index_of(data["descent"]["lambdas"], 10.0)
    np.testing.assert_array_equal(decay.get_segments()[-1][-1], data["descent"]["wd"][k][-1])


def test_rescaled_feet_land_on_stored_points(drawn, data):
    """The eigen-frame transform puts eigen-coordinates where Q says (ridge = Q·scaled)."""
    fig = drawn["rescale_lambda_positive"]
    ax = fig.axes[0]
    q = data["rescale"]["eigenvectors"]
    for i in range(2):
        (foot,) = by_gid(fig, f"scaled_foot_{i + 1}")
        shown = ax.transData.inverted().transform(
            foot.get_transform().transform(foot.get_xydata())
        )[0]
        np.testing.assert_allclose(shown, q[:, i] * data["rescale"]["scaled"][i], atol=1e-12)


def test_shrink_curves_are_the_stored_factors(drawn, data):
    path = data["ridge_path"]
    for i in range(2):
        (curve,) = by_gid(drawn["shrink_factors"], f"shrink_{i + 1}")
        np.testing.assert_array_equal(curve.get_ydata(), path["shrink"][path["lambdas"] > 0, i])


def test_threshold_bands_and_moves_are_the_stored_ones(decorrelated):
    lasso = decorrelated["lasso"]
    fig = figures.render("l1_thresholds", decorrelated, PARAMS)["l1_thresholds"]
    assert len(fig.axes) == 2
    for ax, lam in zip(fig.axes, PARAMS["lambdas"]):
        k = datafile.index_of(lasso["lambdas"], lam)
        t = lasso["thresholds"][k]
        edges = [a for a in ax.lines if a.get_gid() == "band_1_edge"]
        assert sorted(e.get_xdata()[0] for e in edges) == [-t[0], t[0]]
        (end,) = [a for a in ax.lines if a.get_gid() == "lasso"]
        np.testing.assert_array_equal(end.get_xydata()[0], lasso["lasso"][k])
    # λ = 50 sets the flat component to 0 (inside its band), λ = 5 shifts both
    assert "set to 0" in fig.axes[1].get_title() and "shifted" in fig.axes[0].get_title()
    with pytest.raises(ValueError, match="diagonal Hessian"):
        figures.render(
            "l1_thresholds", {**decorrelated, "lasso": {**lasso, "diagonal": False}}, PARAMS
        )


def test_classic_l1_picture_touches_the_diamond_at_its_level(decorrelated, data):
    for source, correlated in ((decorrelated, False), (data, True)):
        lasso = source["lasso"]
        fig = figures.render("l1_vs_l2", source, PARAMS)["l1_vs_l2"]
        k = datafile.index_of(lasso["lambdas"], PARAMS["lam"])
        (diamond,) = by_gid(fig, "l1_ball")
        corners = diamond.get_xy()
        assert np.abs(corners).sum(axis=1).max() == pytest.approx(lasso["l1_radii"][k])
        (circle,) = by_gid(fig, "l2_ball")
        assert circle.get_radius() == pytest.approx(np.linalg.norm(lasso["ridge"][k]))
        (touch,) = by_gid(fig, "risk_through_lasso")
        quad_level = float(lasso["lasso_levels"][k])
        quad = source["quadratic"]
        delta = touch.get_xydata() - quad["theta_hat"]
        levels = float(quad["risk_min"]) + 0.5 * np.einsum(
            "ni,ij,nj->n", delta, quad["hessian"], delta
        )
        np.testing.assert_allclose(levels, quad_level, rtol=1e-9)
        assert (
            bool([a for ax in fig.axes for a in ax.lines if a.get_gid() == "rotated"]) == correlated
        )


def test_paths_figure_draws_the_stored_paths(drawn, data):
    path = data["lasso_path"]
    (line,) = by_gid(drawn["l1_paths"], "lasso_path")
    np.testing.assert_array_equal(line.get_xydata(), path["lasso"])
    for j in range(2):
        (curve,) = by_gid(drawn["l1_paths"], f"lasso_{j + 1}")
        np.testing.assert_array_equal(curve.get_ydata(), path["lasso"][:, j])


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
    data = {
        "rescale": compute.rescale_data(quad, 1.5),
        "landscape": compute.landscape_data(quad, np.zeros(2), 0.1, 60),
    }
    fig = figures.render("eigen_projection", data, {})["eigen_projection"]
    (x0, x1), (y0, y1) = fig.axes[0].get_xlim(), fig.axes[0].get_ylim()
    assert 1.5 * scale < x1 - x0 < 10 * scale and 0.8 * scale < y1 - y0 < 10 * scale


# --- Labels at the repository's own scenarios -------------------------------------------


def _scenario_figures():
    """Every figure of config/config.yaml's scenarios, from data computed in memory the
    way the compute rules compute it (their catalogue specs)."""
    from conftest import registry_data

    from l2geom.catalogue import FIGURES
    from l2geom.config.scenario import build_scenarios
    from l2geom.config.schema import validate
    from l2geom.config.yamlfile import read_yaml

    root = Path(__file__).resolve().parents[1]
    config = validate(
        read_yaml(root / "config/config.yaml"),
        read_yaml(root / "workflow/schemas/config.schema.yaml"),
    )
    drawn = {}
    for name, sc in build_scenarios(config, root).items():
        files = registry_data(sc)
        for family in sc.figures:
            spec = FIGURES[family]
            data = {arg: files[file] for arg, file in spec.reads.items()}
            params = {key: get(sc) for key, get in spec.params.items()}
            for figname, fig in figures.render(family, data, params).items():
                drawn[f"{name}/{figname}"] = fig
    return drawn


def _curves(ax) -> list[tuple]:
    """(screen polyline, clip) of everything drawn as a line in ``ax`` or its insets (not
    the filled bands, the frame or the labels), found by walking its artists; the clip is
    (clip box or None, clip path or None)."""
    from matplotlib.collections import Collection
    from matplotlib.contour import ContourSet
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    curves = []
    for artist in ax.findobj(lambda a: a is not ax and a.get_visible()):
        polylines = []
        if isinstance(artist, Line2D):
            polylines = [artist.get_transform().transform(artist.get_xydata())]
        elif isinstance(artist, Collection) and not (
            isinstance(artist, ContourSet) and artist.filled
        ):
            for path in artist.get_paths():
                polylines += (
                    artist.get_transform().transform_path(path).to_polygons(closed_only=False)
                )
        elif (
            isinstance(artist, Patch)
            and artist is not ax.patch
            and artist not in ax.spines.values()
        ):
            path = artist.get_transform().transform_path(artist.get_path())
            polylines = path.to_polygons(closed_only=False)
        path = artist.get_clip_path() if artist.get_clip_on() else None
        box = artist.get_clip_box() if artist.get_clip_on() else None
        clip = (box, path.get_fully_transformed_path() if path is not None else None)
        curves += [(c, clip) for c in polylines if len(c)]
    return curves


def _crosses(curve: np.ndarray, clip, box) -> bool:
    """Whether the polyline ``curve`` (screen), where drawn (inside ``clip``'s box and
    path), enters ``box``; sampled every 0.5 px."""
    clip_box, clip_path = clip
    for a, b in zip(curve[:-1], curve[1:]) if len(curve) > 1 else [(curve[0], curve[0])]:
        n = int(min(np.hypot(*(b - a)) / 0.5, 5000)) + 2
        run = a + np.linspace(0.0, 1.0, n)[:, None] * (b - a)
        run = run[
            (run[:, 0] > box.x0)
            & (run[:, 0] < box.x1)
            & (run[:, 1] > box.y0)
            & (run[:, 1] < box.y1)
        ]
        if clip_box is not None:
            run = run[
                (run[:, 0] >= clip_box.x0)
                & (run[:, 0] <= clip_box.x1)
                & (run[:, 1] >= clip_box.y0)
                & (run[:, 1] <= clip_box.y1)
            ]
        if len(run) and (clip_path is None or _winding(clip_path, run).any()):
            return True
    return False


def _winding(clip, points: np.ndarray) -> np.ndarray:
    """Which ``points`` a clip path keeps, by the nonzero winding rule the renderers use
    (``Path.contains_points`` ignores holes): each closed ring counts ±1 by its turn."""
    from matplotlib.path import Path as MplPath

    total = np.zeros(len(points), dtype=int)
    for ring in clip.to_polygons():
        x, y = ring[:, 0], ring[:, 1]
        turn = 1 if np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y) > 0 else -1
        total += turn * MplPath(ring).contains_points(points)
    return total != 0


def test_labels_are_clear_of_curves_and_of_each_other_at_the_default_scenarios():
    """Drawn and measured under the style sheet the figures are saved with (its math
    fonts set the labels' boxes)."""
    import matplotlib as mpl

    from l2geom.figures.labels import Label
    from l2geom.style import MPLSTYLE

    clashes = []
    with mpl.rc_context(fname=str(MPLSTYLE)):
        for name, fig in _scenario_figures().items():
            fig.draw_without_rendering()
            renderer = fig.canvas.get_renderer()
            boxes = []
            for ax in fig.axes:
                curves = _curves(ax)
                for note in (t for t in ax.texts if isinstance(t, Label)):
                    box = note.get_window_extent(renderer)
                    if any(_crosses(c, clip, box) for c, clip in curves):
                        clashes.append(f"{name}: {note.get_text()} crosses a curve")
                    clashes += [
                        f"{name}: {note.get_text()} overlaps {other}"
                        for other, b in boxes
                        if box.overlaps(b)
                    ]
                    boxes.append((note.get_text(), box))
    assert not clashes, "\n".join(clashes)
