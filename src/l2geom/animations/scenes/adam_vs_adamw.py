"""Animation D: with Adam, L2 regularization is not weight decay.

Data: quadratic.npz (θ̂), landscape.npz (R_emp contours), adaptive.npz (the runs of
gradient descent with weight decay, Adam + L2 and AdamW from one start with one λ, the
box 1/λ and θ̂_ridge). The three runs move together on one plane: a tracker runs from 0
to 1 over each run's own steps (Adam's thousands, weight decay's hundred), slowly at
first, and in-between frames interpolate neighbouring stored iterates.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Create,
    DashedVMobject,
    FadeIn,
    FadeOut,
    Line,
    Polygon,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    linear,
    smooth,
)

from l2geom.animations.plane import axis_labels, equal_axes, marker, polyline, set_polyline
from l2geom.animations.sampling import sample
from l2geom.animations.scene import DataScene
from l2geom.animations.style import LABEL_SIZE, PALETTE, SMALL_SIZE, TEXT_SIZE, lines, math, tex
from l2geom.numbers import exact
from l2geom.views import optimizer_window

# Run -> (legend text, colour role); drawn in this order, the weight-decay run underneath.
RUNS = {"wd": ("GD + weight decay", "ink"), "adam_l2": ("Adam + L2", "adam_penalty"),
        "adamw": ("AdamW", "adamw")}
TRACE_POINTS = 400  # points of a run's trace (Adam runs store thousands of iterates)
# The tracker's progress p runs a run to step p³ × its steps: the first steps (where the
# runs part ways) get most of the time, the long settling little.
PACE = 3
EARLY = 0.17        # progress shown slowly first: the first ~0.5 % of each run's steps


class AdamVsAdamW(DataScene):
    """Three optimizers with one λ on the same contours; two end points."""

    STAGES = ("the picture", "first steps", "the runs", "end points")

    # ------------------------------------------------------------------ storyboard
    def construct(self) -> None:
        self.progress = ValueTracker(0.0)
        self.build_plane()
        self.build_panel()

        self.play(Create(self.axes), FadeIn(self.names), Create(self.contours),
                  run_time=self.t(1.5))
        self.play(FadeIn(self.theta_hat), Create(self.box), FadeIn(self.box_note),
                  Write(self.title), run_time=self.t(1.5))
        self.play(FadeIn(self.rules), run_time=self.t(1.2))
        self.add(*self.traces.values(), *self.dots.values())
        self.play(*[FadeIn(d, scale=1.5) for d in self.dots.values()], run_time=self.t(0.8))
        self.pause(2.0)
        self.mark("the picture")

        self.play(self.progress.animate.set_value(EARLY), run_time=self.t(6.0), rate_func=linear)
        self.say(r"Adam's first steps run diagonally:",
                 r"each coordinate moves by about $\eta$ a step.")
        self.mark("first steps")
        self.play(FadeOut(self.caption), run_time=self.t(0.5))  # its moment has passed
        self.play(self.progress.animate.set_value(1.0), run_time=self.t(6.0), rate_func=smooth)
        self.pause(1.0)
        self.mark("the runs")

        self.play(FadeIn(self.ends), run_time=self.t(1.2))
        self.say(*self.summary, hold=4.0)
        self.mark("end points")

    # ------------------------------------------------------------------ builders
    def step_at(self, run: np.ndarray) -> float:
        """The (fractional) step of ``run`` at the tracker's progress."""
        return self.progress.get_value() ** PACE * (len(run) - 1)

    def run_at(self, key: str) -> np.ndarray:
        """Run ``key``'s iterate at the tracker's progress."""
        run = self.data["adaptive"][key]
        return sample(run, self.step_at(run))

    def build_plane(self) -> None:
        adaptive, theta = self.data["adaptive"], self.data["quadratic"]["theta_hat"]
        width, height = 6.2, 6.9
        window = optimizer_window(self.data["quadratic"], adaptive, height / width)
        self.axes = equal_axes(window, width=width, height=height)
        self.axes.to_edge(LEFT, buff=0.5).shift(0.35 * DOWN)
        ax = self.axes
        self.names = axis_labels(ax)
        self.contours = VGroup(*[polyline(ax, e, PALETTE["risk"], width=2, opacity=0.3)
                                 for e in self.data["landscape"]["ellipses"]])
        self.theta_hat = VGroup(marker(ax, theta, PALETTE["weights"]))
        self.theta_hat.add(math(r"\hat{\theta}", size=LABEL_SIZE, color=PALETTE["weights"])
                           .next_to(self.theta_hat[0], LEFT, buff=0.12))
        bound = float(adaptive["box"])
        corners = [ax.c2p(x, y) for x, y in ((-bound, -bound), (bound, -bound),
                                              (bound, bound), (-bound, bound))]
        self.box = DashedVMobject(Polygon(*corners, color=PALETTE["adamw"], stroke_width=3),
                                  num_dashes=60)
        self.box_note = math(rf"|\theta_i| \le 1/\lambda = {exact(bound)}", size=SMALL_SIZE,
                             color=PALETTE["adamw"])
        # above the box's top edge, at the plane's left (left of every run)
        self.box_note.next_to(ax.c2p(max(window[0], -bound), bound), UP + RIGHT, buff=0.1)
        self.box_note.shift(0.15 * RIGHT)
        self.box_note.add_background_rectangle(color=PALETTE["background"], opacity=0.85,
                                               buff=0.04)
        self.traces, self.dots = {}, {}
        for key, (_, role) in RUNS.items():
            run = adaptive[key]
            shown = np.unique(np.linspace(0, len(run) - 1, TRACE_POINTS).astype(int))

            def trace(m, run=run, shown=shown, key=key):
                done = run[shown[shown <= self.step_at(run)]]
                set_polyline(m, ax, np.vstack([done, self.run_at(key)]))

            width = 3 if key == "wd" else 4
            self.traces[key] = VMobject(stroke_color=PALETTE[role], stroke_width=width,
                                        stroke_opacity=0.9).add_updater(trace)
            self.dots[key] = marker(ax, run[0], PALETTE[role], radius=0.08).add_updater(
                lambda m, key=key: m.move_to(ax.c2p(*self.run_at(key))))
            self.traces[key].update()
        ridge, adamw = adaptive["ridge"], adaptive["adamw"][-1]
        ridge_label = math(r"\hat{\theta}_{\text{Ridge}}", size=LABEL_SIZE, color=PALETTE["ridge"])
        ridge_label.next_to(ax.c2p(*ridge), RIGHT, buff=0.2)
        ridge_label.add_background_rectangle(color=PALETTE["background"], opacity=0.85, buff=0.04)
        adamw_label = tex("AdamW", size=LABEL_SIZE, color=PALETTE["adamw"])
        adamw_label.next_to(ax.c2p(*adamw), UP + RIGHT, buff=0.5)
        adamw_label.add_background_rectangle(color=PALETTE["background"], opacity=0.85, buff=0.04)
        self.ends = VGroup(marker(ax, ridge, PALETTE["ridge"], radius=0.11), ridge_label,
                           marker(ax, adamw, PALETTE["adamw"], radius=0.11), adamw_label)

    def build_panel(self) -> None:
        adaptive = self.data["adaptive"]
        left = self.axes.get_right()[0] + 0.8
        self.title = tex(rf"One $\lambda = {exact(adaptive['lam'])}$, three optimizers",
                         size=TEXT_SIZE + 6)
        self.title.to_edge(UP, buff=0.5).set_x(left, direction=LEFT)
        rows = VGroup()
        for key, (name, role) in RUNS.items():
            swatch = Line(ORIGIN, 0.6 * RIGHT, color=PALETTE[role], stroke_width=6)
            rows.add(VGroup(swatch, tex(name, size=TEXT_SIZE)).arrange(RIGHT, buff=0.2))
        rows.add(math(r"\theta \leftarrow \theta - \alpha\nabla\mathcal{R}_{\text{emp}}"
                      r" - \alpha\lambda\theta", size=SMALL_SIZE + 2))
        rows.add(VGroup(
            math(r"g = \nabla\mathcal{R}_{\text{emp}} + \lambda\theta \text{ into } \hat{m}, \hat{v}",
                 size=SMALL_SIZE + 2),
            math(r"\theta \leftarrow \theta - \eta\,\hat{m}/(\sqrt{\hat{v}} + \epsilon)",
                 size=SMALL_SIZE + 2)).arrange(DOWN, aligned_edge=LEFT, buff=0.1))
        rows.add(math(r"\theta \leftarrow \theta - \eta\lambda\theta"
                      r" - \eta\,\hat{m}/(\sqrt{\hat{v}} + \epsilon)", size=SMALL_SIZE + 2))
        legend, rules = rows[:3], rows[3:]
        for row, rule in zip(legend, rules):
            rule.next_to(row, DOWN, buff=0.15, aligned_edge=LEFT).shift(0.8 * RIGHT)
        stacked = VGroup(*[VGroup(row, rule) for row, rule in zip(legend, rules)])
        stacked.arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        stacked.next_to(self.title, DOWN, buff=0.5).set_x(left, direction=LEFT)
        self.rules = stacked
        bound = exact(float(adaptive["box"]))
        self.summary = (r"Adam + L2 ends at $\hat{\theta}_{\text{Ridge}}$,",
                        r"as weight decay does. AdamW ends on its box:",
                        r"the minimizer of $\mathcal{R}_{\text{emp}}$"
                        rf" with $|\theta_i| \le {bound}$.")

    # ------------------------------------------------------------------ captions
    def say(self, *texts: str, hold: float = 2.0) -> None:
        """A caption of lines ``texts`` under the panel, held ``hold`` seconds."""
        note = lines(*texts, size=SMALL_SIZE)
        note.next_to(self.rules, DOWN, buff=0.6).set_x(self.rules.get_left()[0], direction=LEFT)
        self.caption = note
        self.play(FadeIn(note, shift=0.2 * UP), run_time=self.t(1.0))
        self.pause(hold)

