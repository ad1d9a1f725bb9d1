"""Animation C: λ grows from 0; θ̂_ridge slides along the ridge path to the origin.

Data: quadratic.npz (θ̂, eigenvalues), ridge_path.npz (per λ of the grid: θ̂_ridge,
the R_emp level and penalty radius through it, both shrink factors), landscape.npz
(view window, the R_emp grid whose contour at the stored level is the tangent ellipse).
The sweep moves a tracker over the grid index; in-between frames interpolate
neighbouring stored samples. Each frame's λ goes into the pause points JSON as the table
``tables["lambda"]`` ([time, λ] rows), which the HTML deck's λ slider seeks by.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    Line,
    Mobject,
    NumberLine,
    Rectangle,
    Tex,
    Triangle,
    VGroup,
    VMobject,
    Write,
)

from l2geom.animations.counter import Counter
from l2geom.animations.layout import (
    BAR_GAP,
    BAR_HEIGHT,
    BAR_LENGTH,
    BAR_NOTE_GAP,
    BAR_PITCH,
    BARS_GAP,
    COUNTER_GAP,
    HEADING_TOP_GAP,
    KNOB_GAP,
    KNOB_SIZE,
    PLANE_DROP,
    PLANE_HEIGHT,
    POINT_LABEL_GAP,
    SIGMA_LABEL_GAP,
    SIGMA_MARK_HALF,
    SLIDER_GAP,
    SLIDER_LENGTH,
    SLIDER_NUMBER_GAP,
    SLIDER_TICK,
    SWATCH_HALF_LENGTH,
    SWATCH_TEXT_GAP,
    SWEEP_COLUMN_GAP,
    SWEEP_LEGEND_GAP,
    SWEEP_LEGEND_ROW_GAP,
    SWEEP_PLANE_EDGE_GAP,
    SWEEP_PLANE_WIDTH,
    VALUE_GAP,
)
from l2geom.animations.plane import (
    PlaneAxes,
    axis_labels,
    equal_axes,
    marker,
    polyline,
    set_polyline,
)
from l2geom.animations.sampling import grid_position, sample
from l2geom.animations.scene import Stage
from l2geom.animations.style import (
    INK,
    LABEL_SIZE,
    LONG_HEADING_SIZE,
    NOTE_SIZE,
    PALETTE,
    READOUT_SIZE,
    SMALL_SIZE,
    TEXT_SIZE,
    math,
    tex,
)
from l2geom.animations.sweep import SweepScene
from l2geom.core.plane import circle
from l2geom.numbers import EIGENVALUE, number


@dataclass
class Plane:
    """The parameter plane; the last four pieces follow the sweep's λ."""

    axes: PlaneAxes
    names: VGroup
    contours: VGroup
    theta_hat: VGroup
    origin: Dot
    trace: VMobject  # the ridge path up to θ̂_ridge(λ)
    ellipse: VMobject  # the R_emp contour through θ̂_ridge(λ)
    circle: VMobject  # the penalty circle through it
    dot: Dot  # θ̂_ridge(λ)


@dataclass
class Column:
    """The right-hand column: heading, λ with its slider, the shrink-factor bars and the
    legend of the moving curves (the running note goes under it)."""

    title: Tex
    counter: VGroup
    slider: VGroup
    bars: VGroup  # a row per factor: frame, fill, fraction, note, value
    legend: VGroup


class LambdaSweep(SweepScene):
    """θ̂_ridge(λ) with the tangent R_emp contour, the penalty circle and both shrink factors."""

    # the poster: θ̂_Ridge on its way along the ridge path, contour and circle touching,
    # the flat direction's factor at one half
    POSTER = "λ = σ₁"
    SWEPT = "ridge_path"
    STAGES = (
        Stage("λ = 0", "At λ = 0, θ̂_Ridge is θ̂ and both shrink factors σᵢ/(σᵢ+λ) are 1."),
        Stage(
            "λ = σ₁",
            "λ grows to σ₁: θ̂_Ridge slides along the ridge path with its touching "
            "contour and penalty circle, and the flat direction's factor falls to one half.",
        ),
        Stage("λ = σ₂", "At λ = σ₂ the steep direction's factor is one half too."),
        Stage(
            "λ → ∞", "As λ grows without bound both factors go to 0 and θ̂_Ridge reaches the origin."
        ),
    )

    # ------------------------------------------------------------------ storyboard
    def construct(self) -> None:
        path, sigma = self.data["ridge_path"], self.data["quadratic"]["eigenvalues"]
        # each frame's λ (the grid's value at the index), for the HTML deck's λ slider; on a
        # mobject of its own (a mobject's updaters stop while it is animated, as the
        # tracker is), which draws nothing
        self.add(Mobject().add_updater(lambda m: self.record("lambda", float(self.at("lambdas")))))
        plane = self.plane = self.build_plane()
        column = self.build_column(plane.axes)

        self.play(
            Create(plane.axes), FadeIn(plane.names), Create(plane.contours), run_time=self.t(1.5)
        )
        self.play(
            FadeIn(plane.theta_hat), FadeIn(plane.origin), Write(column.title), run_time=self.t(1.2)
        )
        self.play(
            FadeIn(column.counter),
            FadeIn(column.slider),
            FadeIn(column.bars),
            FadeIn(column.legend),
            run_time=self.t(1.2),
        )
        # from here a frame redraws the knob, counters and bar fills, not the ticks and
        # labels grouped with them
        self.ungroup(column.counter, column.slider, column.bars)
        self.ungroup(*column.bars)  # its rows
        self.add(plane.trace, plane.ellipse, plane.circle, plane.dot)
        self.play(FadeIn(plane.dot, scale=1.5), Create(plane.circle), run_time=self.t(1.0))
        note = self.say(
            column.legend,
            r"$\lambda = 0$: $\hat{\theta}_{\text{Ridge}} = \hat{\theta}$,"
            r" both factors are 1.",
            hold=2.0,
        )
        self.mark("λ = 0")

        stops = [grid_position(path["lambdas"], s) for s in sigma]
        self.sweep_to(stops[0], 7.0, note)
        note = self.say(
            column.legend, r"$\lambda = \sigma_1$: the flat direction is halved.", hold=2.0
        )
        self.mark("λ = σ₁")
        self.sweep_to(stops[1], 3.0, note)
        note = self.say(
            column.legend, r"$\lambda = \sigma_2$: the steep direction is halved too.", hold=2.0
        )
        self.mark("λ = σ₂")
        self.sweep_to(len(path["lambdas"]) - 1, 6.0, note)
        self.say(
            column.legend,
            r"$\lambda \to \infty$: $\hat{\theta}_{\text{Ridge}} \to \mathbf{0}$.",
            hold=3.5,
        )
        self.mark("λ → ∞")

    # ------------------------------------------------------------------ builders
    def build_plane(self) -> Plane:
        """The contours, θ̂ and the origin, and the pieces that follow the tracker."""
        land, path = self.data["landscape"], self.data["ridge_path"]
        theta = self.data["quadratic"]["theta_hat"]
        ax = equal_axes(land["window"], width=SWEEP_PLANE_WIDTH, height=PLANE_HEIGHT)
        ax.to_edge(LEFT, buff=SWEEP_PLANE_EDGE_GAP).shift(PLANE_DROP * DOWN)
        theta_hat = VGroup(marker(ax, theta, PALETTE["weights"]))
        theta_hat.add(
            math(r"\hat{\theta}", size=LABEL_SIZE, color=PALETTE["weights"]).next_to(
                theta_hat[0], UP, buff=POINT_LABEL_GAP
            )
        )

        def trace(m):
            i = self.index.get_value()
            done = path["points"][: int(np.floor(i)) + 1]
            set_polyline(m, ax, np.vstack([done, self.at("points")]))

        plane = Plane(
            axes=ax,
            names=axis_labels(ax),
            contours=VGroup(
                *[polyline(ax, e, PALETTE["risk"], width=2, opacity=0.3) for e in land["ellipses"]]
            ),
            theta_hat=theta_hat,
            origin=marker(ax, np.zeros(2), INK, radius=0.05),
            trace=VMobject(stroke_color=PALETTE["ridge"], stroke_width=4).add_updater(trace),
            ellipse=VMobject(stroke_color=PALETTE["risk"], stroke_width=4).add_updater(
                lambda m: set_polyline(m, ax, self.at("ellipses"))
            ),
            circle=VMobject(stroke_color=PALETTE["penalty"], stroke_width=4).add_updater(
                lambda m: set_polyline(m, ax, circle(float(self.at("radii"))), dashed=True)
            ),
            dot=marker(ax, path["points"][0], PALETTE["ridge"], radius=0.1).add_updater(
                lambda m: m.move_to(ax.c2p(*self.at("points")))
            ),
        )
        for mob in (plane.trace, plane.ellipse, plane.circle, plane.dot):
            mob.update()
        return plane

    def build_column(self, axes: Axes) -> Column:
        """Heading, λ counter and slider, shrink-factor bars and legend, flush left at a
        gap right of the plane's ``axes``."""
        path, sigma = self.data["ridge_path"], self.data["quadratic"]["eigenvalues"]
        left = axes.get_right()[0] + SWEEP_COLUMN_GAP
        title = tex(
            r"Growing $\lambda$ moves $\hat{\theta}_{\text{Ridge}}$"
            r" along the ridge path",
            size=LONG_HEADING_SIZE,
        )
        title.to_edge(UP, buff=HEADING_TOP_GAP).set_x(left, direction=LEFT)

        # λ counter and a log-scale slider (λ = 0 sits at the slider's left end).
        lam_label = math(r"\lambda =", size=READOUT_SIZE, color=PALETTE["penalty"])
        lam_value = Counter(places=2, size=READOUT_SIZE, color=PALETTE["penalty"])
        lam_label.next_to(title, DOWN, buff=COUNTER_GAP).set_x(left, direction=LEFT)
        lam_value.add_updater(
            lambda m: m.show_value(
                float(self.at("lambdas")), lam_label.get_right() + VALUE_GAP * RIGHT
            )
        )
        lam_value.update()
        logs = np.log10(path["lambdas"][1:])
        lo, hi = int(np.floor(logs[0])), int(np.ceil(logs[-1]))
        line = NumberLine(
            x_range=[lo, hi, 1],
            length=SLIDER_LENGTH,
            color=INK,
            include_numbers=False,
            tick_size=SLIDER_TICK,
        )
        line.next_to(lam_label, DOWN, buff=SLIDER_GAP).set_x(left, direction=LEFT)
        ticks = VGroup(
            *[
                math(rf"10^{{{k}}}", size=SMALL_SIZE).next_to(
                    line.n2p(k), DOWN, buff=SLIDER_NUMBER_GAP
                )
                for k in range(lo, hi + 1)
            ]
        )
        marks = VGroup()
        for i, s in enumerate(sigma):
            p = line.n2p(np.log10(s))
            marks.add(
                Line(
                    p + SIGMA_MARK_HALF * DOWN,
                    p + SIGMA_MARK_HALF * UP,
                    color=PALETTE["eigen_axes"],
                    stroke_width=3,
                )
            )
            marks.add(
                math(rf"\sigma_{i + 1}", size=NOTE_SIZE, color=PALETTE["eigen_axes"]).next_to(
                    p, UP, buff=SIGMA_LABEL_GAP
                )
            )
        slider_pos = np.concatenate([[lo], logs])  # λ = 0 at the left end
        knob = Triangle(color=PALETTE["penalty"], fill_opacity=1, stroke_width=0)
        knob.scale(KNOB_SIZE).rotate(np.pi).add_updater(
            lambda m: m.next_to(
                line.n2p(sample(slider_pos, self.index.get_value())), UP, buff=KNOB_GAP
            )
        )
        knob.update()
        slider = VGroup(line, ticks, marks, knob)

        # Shrink factors σᵢ/(σᵢ+λ) as bars.
        bars = VGroup()
        rows = []
        for i, (name, s) in enumerate(zip(("flat", "steep"), sigma)):
            label = math(rf"\frac{{\sigma_{i + 1}}}{{\sigma_{i + 1}+\lambda}}", size=TEXT_SIZE)
            note = tex(rf"{name}, $\sigma_{i + 1} = {number(s, EIGENVALUE)}$", size=SMALL_SIZE)
            frame = Rectangle(
                width=BAR_LENGTH, height=BAR_HEIGHT, stroke_color=INK, stroke_width=1.5
            )
            rows.append((label, note, frame))
        top = slider.get_bottom()[1] - BARS_GAP
        for i, (label, note, frame) in enumerate(rows):
            label.move_to((left, top - BAR_PITCH * i, 0), aligned_edge=LEFT)
            frame.next_to(label, RIGHT, buff=BAR_GAP)
            note.next_to(frame, UP, buff=BAR_NOTE_GAP, aligned_edge=LEFT)
            value = Counter(places=2, size=TEXT_SIZE)
            value.add_updater(
                lambda m, i=i, f=frame: m.show_value(
                    float(self.at("shrink")[i]), f.get_right() + VALUE_GAP * RIGHT
                )
            )
            value.update()
            fill = Rectangle(
                width=BAR_LENGTH,
                height=BAR_HEIGHT,
                fill_color=PALETTE["eigen_axes"],
                fill_opacity=0.75,
                stroke_width=0,
            )
            fill.add_updater(
                lambda m, i=i, f=frame: m.stretch_to_fit_width(
                    max(BAR_LENGTH * float(self.at("shrink")[i]), 1e-3)
                ).move_to(f.get_left(), aligned_edge=LEFT)
            )
            fill.update()
            bars.add(VGroup(frame, fill, label, note, value))

        # Legend for the moving curves.
        solid = VMobject(stroke_color=PALETTE["risk"], stroke_width=4)
        solid.set_points_as_corners([LEFT * SWATCH_HALF_LENGTH, RIGHT * SWATCH_HALF_LENGTH])
        dashed = DashedLine(
            LEFT * SWATCH_HALF_LENGTH,
            RIGHT * SWATCH_HALF_LENGTH,
            color=PALETTE["penalty"],
            stroke_width=4,
            dash_length=0.1,
        )
        legend = VGroup(
            VGroup(
                solid,
                tex(
                    r"$\mathcal{R}_{\text{emp}}$ contour through"
                    r" $\hat{\theta}_{\text{Ridge}}$",
                    size=NOTE_SIZE,
                ),
            ).arrange(RIGHT, buff=SWATCH_TEXT_GAP),
            VGroup(
                dashed, tex(r"penalty circle through $\hat{\theta}_{\text{Ridge}}$", size=NOTE_SIZE)
            ).arrange(RIGHT, buff=SWATCH_TEXT_GAP),
        ).arrange(DOWN, aligned_edge=LEFT, buff=SWEEP_LEGEND_ROW_GAP)
        legend.next_to(bars, DOWN, buff=SWEEP_LEGEND_GAP).set_x(left, direction=LEFT)
        return Column(
            title=title,
            counter=VGroup(lam_label, lam_value),
            slider=slider,
            bars=bars,
            legend=legend,
        )
