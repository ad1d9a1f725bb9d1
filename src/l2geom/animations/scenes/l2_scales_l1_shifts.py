"""Animation E: L2 scales, L1 shifts. In the decorrelated plane λ grows; θ̂_ridge's
components shrink by their factors H_jj/(H_jj+λ) and never reach 0, while θ̂_lasso's move
toward 0 by λ/H_jj each and stop there, the flat one first.

Data: quadratic.npz (θ̂, H), landscape.npz (view window, R_emp contours), lasso_path.npz
(per λ of a linear grid: both points, the R_emp contours through them, the L1 diamond and
the L2 circle's radius through them, the thresholds λ/H_jj, the λ at which each lasso
component reaches 0). A tracker moves over the grid index; frames in between interpolate
neighbouring stored samples.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    Dot,
    FadeIn,
    Line,
    NumberLine,
    Rectangle,
    Tex,
    VGroup,
    VMobject,
    Write,
)

from l2geom.animations.counter import Counter
from l2geom.animations.layout import (
    BAND_HEIGHT,
    COMPONENT_GAP,
    COMPONENT_LINE_LENGTH,
    COMPONENT_NAME_GAP,
    COMPONENTS_GAP,
    COUNTER_GAP,
    HEADING_TOP_GAP,
    L1_LEGEND_GAP,
    L1_LEGEND_ROW_GAP,
    L1_SWATCH_GAP,
    PLANE_DROP,
    PLANE_HEIGHT,
    POINT_LABEL_GAP,
    SWEEP_COLUMN_GAP,
    SWEEP_PLANE_EDGE_GAP,
    SWEEP_PLANE_WIDTH,
    VALUE_GAP,
    ZERO_TICK_HALF,
)
from l2geom.animations.plane import (
    PlaneAxes,
    axis_labels,
    equal_axes,
    lasso_marker,
    marker,
    polyline,
    set_polyline,
)
from l2geom.animations.sampling import grid_position
from l2geom.animations.scene import Stage
from l2geom.animations.style import (
    INK,
    LABEL_SIZE,
    LONG_HEADING_SIZE,
    NOTE_SIZE,
    PALETTE,
    READOUT_SIZE,
    SMALL_SIZE,
    math,
    tex,
)
from l2geom.animations.sweep import SweepScene
from l2geom.core.plane import circle
from l2geom.numbers import EIGENVALUE, number


@dataclass
class Plane:
    """The parameter plane; the pieces after ``theta_hat`` follow the sweep's λ."""

    axes: PlaneAxes
    names: VGroup
    contours: VGroup
    theta_hat: VGroup
    traces: VGroup  # the lasso and ridge paths up to λ
    touching: VGroup  # the R_emp contours through θ̂_lasso and θ̂_ridge
    balls: VGroup  # the L1 diamond through θ̂_lasso, the L2 circle through θ̂_ridge
    points: VGroup  # θ̂_lasso, θ̂_ridge


@dataclass
class Column:
    """Heading, λ, and per component a number line with θ̂_j, both points' component and
    the threshold band ±λ/H_jj."""

    title: Tex
    counter: VGroup
    components: VGroup
    legend: VGroup


class L2ScalesL1Shifts(SweepScene):
    """θ̂_ridge(λ) and θ̂_lasso(λ) side by side in the decorrelated plane: L2 scales each
    component, L1 shifts it toward 0 and stops there."""

    POSTER = "flat component 0"  # one component at 0, the other not: sparsity in one picture
    SWEPT = "lasso_path"
    STAGES = (
        Stage(
            "λ = 0",
            "At λ = 0, θ̂_Lasso and θ̂_Ridge are both θ̂; the features are decorrelated, "
            "so H is diagonal and the contours are axis-aligned ellipses.",
        ),
        Stage(
            "flat component 0",
            "λ grows to H₁₁|θ̂₁|: the lasso's flat component has been shifted by λ/H₁₁ all the "
            "way to 0, where the diamond touches its contour at a corner; the ridge's is "
            "only scaled down.",
        ),
        Stage(
            "lasso at 0",
            "At λ = H₂₂|θ̂₂| the steep component is 0 too: θ̂_Lasso is the origin, and stays "
            "there for every larger λ.",
        ),
        Stage(
            "ridge never 0",
            "θ̂_Ridge keeps shrinking toward the origin by the factors H_jj/(H_jj+λ), but no "
            "component ever reaches 0.",
        ),
    )

    # ------------------------------------------------------------------ storyboard
    def construct(self) -> None:
        path = self.data["lasso_path"]
        plane = self.build_plane()
        column = self.build_column(plane.axes)

        self.play(
            Create(plane.axes), FadeIn(plane.names), Create(plane.contours), run_time=self.t(1.5)
        )
        self.play(FadeIn(plane.theta_hat), Write(column.title), run_time=self.t(1.2))
        self.play(
            FadeIn(column.counter),
            FadeIn(column.components),
            FadeIn(column.legend),
            run_time=self.t(1.2),
        )
        self.add(plane.traces, plane.touching, plane.balls, plane.points)
        self.play(FadeIn(plane.points, scale=1.5), run_time=self.t(1.0))
        note = self.say(column.legend, r"$\lambda = 0$: both points are $\hat{\theta}$.", hold=2.0)
        self.mark("λ = 0")

        first, last = sorted(float(v) for v in path["zero_from"])
        self.sweep_to(grid_position(path["lambdas"], first), 7.0, note)
        note = self.say(
            column.legend, r"The lasso's flat component is $0$, the ridge's only shrinks.", hold=2.5
        )
        self.mark("flat component 0")
        self.sweep_to(grid_position(path["lambdas"], last), 6.0, note)
        note = self.say(
            column.legend, r"$\hat{\theta}_{\text{Lasso}} = \mathbf{0}$ from here on.", hold=2.0
        )
        self.mark("lasso at 0")
        self.sweep_to(len(path["lambdas"]) - 1, 4.0, note)
        self.say(column.legend, r"$\hat{\theta}_{\text{Ridge}}$ never reaches an axis.", hold=3.0)
        self.mark("ridge never 0")

    # ------------------------------------------------------------------ builders
    def build_plane(self) -> Plane:
        """The contours and θ̂, and the pieces that follow the tracker."""
        land, path = self.data["landscape"], self.data["lasso_path"]
        theta = self.data["quadratic"]["theta_hat"]
        ax = equal_axes(land["window"], width=SWEEP_PLANE_WIDTH, height=PLANE_HEIGHT)
        ax.to_edge(LEFT, buff=SWEEP_PLANE_EDGE_GAP).shift(PLANE_DROP * DOWN)
        theta_hat = VGroup(marker(ax, theta, PALETTE["weights"]))
        theta_hat.add(
            math(r"\hat{\theta}", size=LABEL_SIZE, color=PALETTE["weights"]).next_to(
                theta_hat[0], UP, buff=POINT_LABEL_GAP
            )
        )

        def trace(key: str, color) -> VMobject:
            def update(m):
                done = path[key][: int(np.floor(self.index.get_value())) + 1]
                set_polyline(m, ax, np.vstack([done, self.at(key)]))

            return VMobject(stroke_color=color, stroke_width=4).add_updater(update)

        def follow(key: str, color, width: float = 3, dashed: bool = False, shape=None):
            return VMobject(stroke_color=color, stroke_width=width).add_updater(
                lambda m: set_polyline(m, ax, shape() if shape else self.at(key), dashed=dashed)
            )

        lasso_dot = lasso_marker(PALETTE["lasso"]).add_updater(
            lambda m: m.move_to(ax.c2p(*self.at("lasso")))
        )
        ridge_dot = marker(ax, theta, PALETTE["ridge"], radius=0.1).add_updater(
            lambda m: m.move_to(ax.c2p(*self.at("ridge")))
        )
        plane = Plane(
            axes=ax,
            names=axis_labels(ax),
            contours=VGroup(
                *[polyline(ax, e, PALETTE["risk"], width=2, opacity=0.3) for e in land["ellipses"]]
            ),
            theta_hat=theta_hat,
            traces=VGroup(trace("lasso", PALETTE["lasso"]), trace("ridge", PALETTE["ridge"])),
            touching=VGroup(
                follow("lasso_ellipses", PALETTE["risk"]), follow("ridge_ellipses", PALETTE["risk"])
            ),
            balls=VGroup(
                follow("diamonds", PALETTE["lasso_penalty"], width=4, dashed=True),
                follow(
                    "l2_radii",
                    PALETTE["penalty"],
                    width=4,
                    dashed=True,
                    shape=lambda: circle(float(self.at("l2_radii"))),
                ),
            ),
            points=VGroup(lasso_dot, ridge_dot),
        )
        for group in (plane.traces, plane.touching, plane.balls, plane.points):
            for mob in group:
                mob.update()
        return plane

    def build_column(self, axes: PlaneAxes) -> Column:
        """Heading, λ counter and the two components' number lines, flush left at a gap
        right of the plane's ``axes``."""
        quad = self.data["quadratic"]
        theta, diag = quad["theta_hat"], np.diag(quad["hessian"])
        left = axes.get_right()[0] + SWEEP_COLUMN_GAP
        title = tex(r"L2 scales, L1 shifts", size=LONG_HEADING_SIZE)
        title.to_edge(UP, buff=HEADING_TOP_GAP).set_x(left, direction=LEFT)

        lam_label = math(r"\lambda =", size=READOUT_SIZE, color=PALETTE["penalty"])
        lam_value = Counter(places=1, size=READOUT_SIZE, color=PALETTE["penalty"])
        lam_label.next_to(title, DOWN, buff=COUNTER_GAP).set_x(left, direction=LEFT)
        lam_value.add_updater(
            lambda m: m.show_value(
                float(self.at("lambdas")), lam_label.get_right() + VALUE_GAP * RIGHT
            )
        )
        lam_value.update()

        reach = 1.15 * float(np.max(np.abs(theta)))
        components = VGroup()
        top = lam_label.get_bottom()[1] - COMPONENTS_GAP
        for j, kind in enumerate(("flat", "steep")):
            line = NumberLine(
                x_range=[-reach, reach, reach],
                length=COMPONENT_LINE_LENGTH,
                color=INK,
                include_numbers=False,
                tick_size=0.08,
            )
            line.move_to((left, top - COMPONENT_GAP * j, 0), aligned_edge=LEFT)
            zero = Line(
                line.n2p(0) + ZERO_TICK_HALF * DOWN,
                line.n2p(0) + ZERO_TICK_HALF * UP,
                color=INK,
                stroke_width=3,
            )
            name = tex(
                rf"$\theta_{j + 1}$, {kind}: $H_{{{j + 1}{j + 1}}} = {number(diag[j], EIGENVALUE)}$",
                size=SMALL_SIZE,
            ).next_to(line, UP, buff=COMPONENT_NAME_GAP, aligned_edge=LEFT)
            band = Rectangle(
                height=BAND_HEIGHT,
                width=0.01,
                stroke_width=0,
                fill_color=PALETTE["threshold"],
                fill_opacity=0.35,
            )
            band.add_updater(
                lambda m, j=j, line=line: m.stretch_to_fit_width(
                    max(
                        line.n2p(min(float(self.at("thresholds")[j]), reach))[0]
                        - line.n2p(-min(float(self.at("thresholds")[j]), reach))[0],
                        1e-3,
                    )
                ).move_to(line.n2p(0))
            )
            band.update()
            start = Dot(line.n2p(float(theta[j])), radius=0.07, color=PALETTE["weights"])
            ridge = Dot(radius=0.08, color=PALETTE["ridge"]).add_updater(
                lambda m, j=j, line=line: m.move_to(line.n2p(float(self.at("ridge")[j])))
            )
            lasso = lasso_marker(PALETTE["lasso"]).add_updater(
                lambda m, j=j, line=line: m.move_to(line.n2p(float(self.at("lasso")[j])))
            )
            for mob in (ridge, lasso):
                mob.update()
            components.add(VGroup(band, line, zero, name, start, ridge, lasso))

        legend = VGroup(
            VGroup(
                Dot(radius=0.08, color=PALETTE["ridge"]),
                tex(
                    r"ridge (L2): each component times $\frac{H_{jj}}{H_{jj}+\lambda}$",
                    size=NOTE_SIZE,
                ),
            ).arrange(RIGHT, buff=L1_SWATCH_GAP),
            VGroup(
                lasso_marker(PALETTE["lasso"]),
                tex(r"lasso (L1): each moved by $\lambda/H_{jj}$, to $0$", size=NOTE_SIZE),
            ).arrange(RIGHT, buff=L1_SWATCH_GAP),
            VGroup(
                Rectangle(
                    height=0.22,
                    width=0.5,
                    stroke_width=0,
                    fill_color=PALETTE["threshold"],
                    fill_opacity=0.35,
                ),
                tex(r"band $|\theta_j| \le \lambda/H_{jj}$", size=NOTE_SIZE),
            ).arrange(RIGHT, buff=L1_SWATCH_GAP),
        ).arrange(DOWN, aligned_edge=LEFT, buff=L1_LEGEND_ROW_GAP)
        legend.next_to(components, DOWN, buff=L1_LEGEND_GAP).set_x(left, direction=LEFT)
        return Column(
            title=title, counter=VGroup(lam_label, lam_value), components=components, legend=legend
        )
