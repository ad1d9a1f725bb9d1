"""Animation C: λ grows from 0; θ̂_ridge slides along the ridge path to the origin.

Data: quadratic.npz (θ̂, eigenvalues), ridge_path.npz (per λ of the grid: θ̂_ridge,
the R_emp level and penalty radius through it, both shrink factors), landscape.npz
(view window, the R_emp grid whose contour at the stored level is the tangent ellipse).
The sweep moves a tracker over the grid index; in-between frames interpolate
neighbouring stored samples.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Line,
    NumberLine,
    Rectangle,
    Triangle,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    smooth,
)

from l2geom.animations.counter import Counter
from l2geom.animations.plane import axis_labels, equal_axes, marker, polyline, set_polyline
from l2geom.animations.sampling import grid_position, sample
from l2geom.animations.scene import DataScene
from l2geom.animations.style import INK, LABEL_SIZE, PALETTE, SMALL_SIZE, TEXT_SIZE, math, tex
from l2geom.core.plane import circle
from l2geom.numbers import EIGENVALUE, number

BAR_LENGTH = 4.2  # scene units for a shrink factor of 1


class LambdaSweep(DataScene):
    """θ̂_ridge(λ) with the tangent R_emp contour, the penalty circle and both shrink factors."""

    STAGES = ("λ = 0", "λ = σ₁", "λ = σ₂", "λ → ∞")

    # ------------------------------------------------------------------ storyboard
    def construct(self) -> None:
        path, sigma = self.data["ridge_path"], self.data["quadratic"]["eigenvalues"]
        self.index = ValueTracker(0.0)
        self.build_plane()
        self.build_panel()

        self.play(Create(self.axes), FadeIn(self.names), Create(self.contours),
                  run_time=self.t(1.5))
        self.play(FadeIn(self.theta_hat), FadeIn(self.origin), Write(self.title),
                  run_time=self.t(1.2))
        self.play(FadeIn(self.counter), FadeIn(self.slider), FadeIn(self.bars),
                  FadeIn(self.legend), run_time=self.t(1.2))
        # from here a frame redraws the knob, counters and bar fills, not the ticks and
        # labels grouped with them
        self.ungroup(self.counter, self.slider, self.bars)
        self.ungroup(*self.bars)  # its rows
        self.add(self.trace, self.ellipse, self.circle, self.dot)
        self.play(FadeIn(self.dot, scale=1.5), Create(self.circle), run_time=self.t(1.0))
        self.say(r"$\lambda = 0$: $\hat{\theta}_{\text{Ridge}} = \hat{\theta}$,"
                 r" both factors are 1.", hold=2.0)
        self.mark("λ = 0")

        stops = [grid_position(path["lambdas"], s) for s in sigma]
        self.sweep_to(stops[0], 7.0)
        self.say(r"$\lambda = \sigma_1$: the flat direction is halved.", hold=2.0)
        self.mark("λ = σ₁")
        self.sweep_to(stops[1], 3.0)
        self.say(r"$\lambda = \sigma_2$: the steep direction is halved too.", hold=2.0)
        self.mark("λ = σ₂")
        self.sweep_to(len(path["lambdas"]) - 1, 6.0)
        self.say(r"$\lambda \to \infty$: $\hat{\theta}_{\text{Ridge}} \to \mathbf{0}$.", hold=3.5)
        self.mark("λ → ∞")

    # ------------------------------------------------------------------ builders
    def at(self, name: str) -> np.ndarray:
        """The ridge-path array ``name`` at the tracker's (fractional) grid index."""
        return sample(self.data["ridge_path"][name], self.index.get_value())

    def build_plane(self) -> None:
        land, path = self.data["landscape"], self.data["ridge_path"]
        theta = self.data["quadratic"]["theta_hat"]
        self.axes = equal_axes(land["window"], width=3.8, height=6.9)
        self.axes.to_edge(LEFT, buff=0.6).shift(0.35 * DOWN)
        ax = self.axes
        self.names = axis_labels(ax)
        self.contours = VGroup(*[polyline(ax, e, PALETTE["risk"], width=2, opacity=0.3)
                                 for e in land["ellipses"]])
        self.theta_hat = VGroup(marker(ax, theta, PALETTE["weights"]))
        self.theta_hat.add(math(r"\hat{\theta}", size=LABEL_SIZE, color=PALETTE["weights"])
                           .next_to(self.theta_hat[0], UP, buff=0.1))
        self.origin = marker(ax, np.zeros(2), INK, radius=0.05)

        def trace(m):
            i = self.index.get_value()
            done = path["points"][: int(np.floor(i)) + 1]
            set_polyline(m, ax, np.vstack([done, self.at("points")]))

        self.trace = VMobject(stroke_color=PALETTE["ridge"], stroke_width=4).add_updater(trace)
        self.ellipse = VMobject(stroke_color=PALETTE["risk"], stroke_width=4).add_updater(
            lambda m: set_polyline(m, ax, self.at("ellipses")))
        self.circle = VMobject(stroke_color=PALETTE["penalty"], stroke_width=4).add_updater(
            lambda m: set_polyline(m, ax, circle(float(self.at("radii"))), dashed=True))
        self.dot = marker(ax, path["points"][0], PALETTE["ridge"], radius=0.1).add_updater(
            lambda m: m.move_to(ax.c2p(*self.at("points"))))
        for mob in (self.trace, self.ellipse, self.circle, self.dot):
            mob.update()

    def build_panel(self) -> None:
        path, sigma = self.data["ridge_path"], self.data["quadratic"]["eigenvalues"]
        left = self.axes.get_right()[0] + 1.0
        self.title = tex(r"Growing $\lambda$ moves $\hat{\theta}_{\text{Ridge}}$"
                         r" along the ridge path", size=TEXT_SIZE + 4)
        self.title.to_edge(UP, buff=0.5).set_x(left, direction=LEFT)

        # λ counter and a log-scale slider (λ = 0 sits at the slider's left end).
        lam_label = math(r"\lambda =", size=TEXT_SIZE + 8, color=PALETTE["penalty"])
        lam_value = Counter(places=2, size=TEXT_SIZE + 8, color=PALETTE["penalty"])
        lam_label.next_to(self.title, DOWN, buff=0.6).set_x(left, direction=LEFT)
        lam_value.add_updater(lambda m: m.show(
            float(self.at("lambdas")), lam_label.get_right() + 0.2 * RIGHT))
        lam_value.update()
        logs = np.log10(path["lambdas"][1:])
        lo, hi = int(np.floor(logs[0])), int(np.ceil(logs[-1]))
        line = NumberLine(x_range=[lo, hi, 1], length=6.6, color=INK, include_numbers=False,
                          tick_size=0.07)
        line.next_to(lam_label, DOWN, buff=0.55).set_x(left, direction=LEFT)
        ticks = VGroup(*[math(rf"10^{{{k}}}", size=SMALL_SIZE).next_to(line.n2p(k), DOWN,
                                                                          buff=0.12)
                         for k in range(lo, hi + 1)])
        marks = VGroup()
        for i, s in enumerate(sigma):
            p = line.n2p(np.log10(s))
            marks.add(Line(p + 0.15 * DOWN, p + 0.15 * UP, color=PALETTE["eigen_axes"],
                           stroke_width=3))
            marks.add(math(rf"\sigma_{i + 1}", size=SMALL_SIZE + 2, color=PALETTE["eigen_axes"])
                      .next_to(p, UP, buff=0.18))
        slider_pos = np.concatenate([[lo], logs])  # λ = 0 at the left end
        knob = Triangle(color=PALETTE["penalty"], fill_opacity=1, stroke_width=0)
        knob.scale(0.11).rotate(np.pi).add_updater(lambda m: m.next_to(
            line.n2p(sample(slider_pos, self.index.get_value())), UP, buff=0.02))
        knob.update()
        self.counter = VGroup(lam_label, lam_value)
        self.slider = VGroup(line, ticks, marks, knob)

        # Shrink factors σᵢ/(σᵢ+λ) as bars.
        self.bars = VGroup()
        rows = []
        for i, (name, s) in enumerate(zip(("flat", "steep"), sigma)):
            label = math(rf"\frac{{\sigma_{i + 1}}}{{\sigma_{i + 1}+\lambda}}", size=TEXT_SIZE)
            note = tex(rf"{name}, $\sigma_{i + 1} = {number(s, EIGENVALUE)}$", size=SMALL_SIZE)
            frame = Rectangle(width=BAR_LENGTH, height=0.32, stroke_color=INK, stroke_width=1.5)
            rows.append((label, note, frame))
        top = self.slider.get_bottom()[1] - 0.75
        for i, (label, note, frame) in enumerate(rows):
            label.move_to([left, top - 1.05 * i, 0], aligned_edge=LEFT)
            frame.next_to(label, RIGHT, buff=0.35)
            note.next_to(frame, UP, buff=0.08, aligned_edge=LEFT)
            value = Counter(places=2, size=TEXT_SIZE)
            value.add_updater(lambda m, i=i, f=frame: m.show(
                float(self.at("shrink")[i]), f.get_right() + 0.2 * RIGHT))
            value.update()
            fill = Rectangle(width=BAR_LENGTH, height=0.32, fill_color=PALETTE["eigen_axes"],
                             fill_opacity=0.75, stroke_width=0)
            fill.add_updater(lambda m, i=i, f=frame: m.stretch_to_fit_width(
                max(BAR_LENGTH * float(self.at("shrink")[i]), 1e-3))
                .move_to(f.get_left(), aligned_edge=LEFT))
            fill.update()
            self.bars.add(VGroup(frame, fill, label, note, value))

        # Legend for the moving curves.
        solid = VMobject(stroke_color=PALETTE["risk"], stroke_width=4)
        solid.set_points_as_corners([LEFT * 0.35, RIGHT * 0.35])
        dashed = polyline_sample(PALETTE["penalty"])
        self.legend = VGroup(
            VGroup(solid, tex(r"$\mathcal{R}_{\text{emp}}$ contour through"
                              r" $\hat{\theta}_{\text{Ridge}}$", size=SMALL_SIZE + 2))
            .arrange(RIGHT, buff=0.25),
            VGroup(dashed, tex(r"penalty circle through $\hat{\theta}_{\text{Ridge}}$",
                               size=SMALL_SIZE + 2)).arrange(RIGHT, buff=0.25),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        self.legend.next_to(self.bars, DOWN, buff=0.5).set_x(left, direction=LEFT)
        self.note_anchor = self.legend.get_bottom() + 0.45 * DOWN
        self.note = None

    # ------------------------------------------------------------------ actions
    def sweep_to(self, position: float, seconds: float) -> None:
        if self.note is not None:  # the note is about where the sweep starts
            self.play(FadeOut(self.note), run_time=self.t(0.5))
            self.note = None
        self.play(self.index.animate.set_value(float(position)), run_time=self.t(seconds),
                  rate_func=smooth)

    def say(self, text: str, hold: float) -> None:
        """Replace the running note at the bottom of the panel and let it sink in."""
        new = tex(text, size=TEXT_SIZE)
        new.move_to(self.note_anchor, aligned_edge=UP).set_x(self.legend.get_left()[0],
                                                            direction=LEFT)
        anims = [FadeIn(new, shift=0.15 * UP)]
        if self.note is not None:
            anims.append(FadeOut(self.note))
        self.play(*anims, run_time=self.t(0.8))
        self.note = new
        self.pause(hold)


def polyline_sample(color) -> VMobject:
    """A short dashed stroke for the legend."""
    from manim import DashedLine

    return DashedLine(LEFT * 0.35, RIGHT * 0.35, color=color, stroke_width=4, dash_length=0.1)
