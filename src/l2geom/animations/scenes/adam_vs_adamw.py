"""Animation D: with Adam, L2 regularization is not weight decay.

Data: quadratic.npz (θ̂), landscape.npz (R_emp contours), adaptive.npz (the runs of
gradient descent with weight decay, Adam + L2 and AdamW from one start with one λ, the
box 1/λ and θ̂_ridge). The three runs move together on one plane: a tracker runs from 0
to 1 over each run's own steps (Adam's thousands, weight decay's hundred), slowly at
first, and in-between frames interpolate neighbouring stored iterates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Axes,
    Create,
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    Line,
    MathTex,
    Polygon,
    Tex,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    linear,
    smooth,
)

from l2geom.animations.layout import (
    ADAMW_END_LABEL_GAP,
    BOX_NOTE_GAP,
    BOX_NOTE_SHIFT,
    CLOSING_NOTE_GAP,
    ENTRANCE_SHIFT,
    HEADING_TOP_GAP,
    LEFT_LABEL_GAP,
    OPTIMIZER_COLUMN_GAP,
    OPTIMIZER_PLANE_WIDTH,
    PLANE_DROP,
    PLANE_EDGE_GAP,
    PLANE_HEIGHT,
    RIDGE_END_LABEL_GAP,
    RULE_GAP,
    RULE_INDENT,
    RULE_LINE_GAP,
    RULES_GAP,
    RUN_GAP,
    RUN_SWATCH_GAP,
    RUN_SWATCH_LENGTH,
)
from l2geom.animations.plane import (
    PlaneAxes,
    axis_labels,
    equal_axes,
    marker,
    polyline,
    set_polyline,
)
from l2geom.animations.sampling import sample
from l2geom.animations.scene import DataScene, Stage
from l2geom.animations.style import (
    HEADING_SIZE,
    LABEL_SIZE,
    NOTE_SIZE,
    PALETTE,
    SMALL_SIZE,
    TEXT_SIZE,
    lines,
    math,
    on_backdrop,
    tex,
)
from l2geom.numbers import exact
from l2geom.views import optimizer_window

# Run -> (legend text, colour role); drawn in this order, the weight-decay run underneath.
RUNS = {
    "wd": ("GD + weight decay", "ink"),
    "adam_l2": ("Adam + L2", "adam_penalty"),
    "adamw": ("AdamW", "adamw"),
}
TRACE_POINTS = 400  # points of a run's trace (Adam runs store thousands of iterates)
# The tracker's progress p runs a run to step p³ × its steps: the first steps (where the
# runs part ways) get most of the time, the long settling little.
PACE = 3
EARLY = 0.17  # progress shown slowly first: the first ~0.5 % of each run's steps


@dataclass
class Plane:
    """The plane with the contours, θ̂ and AdamW's box; the runs' traces and iterates,
    which follow the tracker; the end points, shown last."""

    axes: PlaneAxes
    names: VGroup
    contours: VGroup
    theta_hat: VGroup
    box: DashedVMobject  # |θᵢ| ≤ 1/λ
    box_note: MathTex
    traces: dict[str, VMobject]  # by run, as RUNS
    dots: dict[str, Dot]
    ends: VGroup  # θ̂_ridge and AdamW's end, marked and labelled


@dataclass
class Column:
    """The right-hand column: heading, each run's name and update rule, the closing words."""

    title: Tex
    rules: VGroup
    summary: tuple[str, ...]  # lines of the closing caption


class AdamVsAdamW(DataScene):
    """Three optimizers with one λ on the same contours; two end points."""

    # the poster: the runs' ends, two end points: θ̂_Ridge, and AdamW's on its box
    POSTER = "end points"
    STAGES = (
        Stage(
            "the picture",
            "Gradient descent with weight decay, Adam + L2 and AdamW, one λ, "
            "start together on the R_emp contours; AdamW's box |θᵢ| ≤ 1/λ is dashed.",
        ),
        Stage(
            "first steps",
            "Adam's first steps run diagonally: each coordinate moves by "
            "about the learning rate a step.",
        ),
        Stage(
            "the runs",
            "The runs part ways: weight decay and Adam + L2 head for one point, AdamW for its box.",
        ),
        Stage(
            "end points",
            "Weight decay and Adam + L2 end at θ̂_Ridge, AdamW on its box at "
            "the minimizer of R_emp there: two end points, not three.",
        ),
    )

    # ------------------------------------------------------------------ storyboard
    def construct(self) -> None:
        self.progress = ValueTracker(0.0)  # how far along its steps each run is shown
        plane = self.build_plane()
        column = self.build_column(plane.axes)

        self.play(
            Create(plane.axes), FadeIn(plane.names), Create(plane.contours), run_time=self.t(1.5)
        )
        self.play(
            FadeIn(plane.theta_hat),
            Create(plane.box),
            FadeIn(plane.box_note),
            Write(column.title),
            run_time=self.t(1.5),
        )
        self.play(FadeIn(column.rules), run_time=self.t(1.2))
        self.add(*plane.traces.values(), *plane.dots.values())
        self.play(*[FadeIn(d, scale=1.5) for d in plane.dots.values()], run_time=self.t(0.8))
        self.pause(2.0)
        self.mark("the picture")

        self.play(self.progress.animate.set_value(EARLY), run_time=self.t(6.0), rate_func=linear)
        caption = self.say(
            column,
            r"Adam's first steps run diagonally:",
            r"each coordinate moves by about $\eta$ a step.",
        )
        self.mark("first steps")
        self.play(FadeOut(caption), run_time=self.t(0.5))  # its moment has passed
        self.play(self.progress.animate.set_value(1.0), run_time=self.t(6.0), rate_func=smooth)
        self.pause(1.0)
        self.mark("the runs")

        self.play(FadeIn(plane.ends), run_time=self.t(1.2))
        self.say(column, *column.summary, hold=4.0)
        self.mark("end points")

    # ------------------------------------------------------------------ builders
    def step_at(self, run: np.ndarray) -> float:
        """The (fractional) step of ``run`` at the tracker's progress."""
        return self.progress.get_value() ** PACE * (len(run) - 1)

    def run_at(self, key: str) -> np.ndarray:
        """Run ``key``'s iterate at the tracker's progress."""
        run = self.data["adaptive"][key]
        return sample(run, self.step_at(run))

    def build_plane(self) -> Plane:
        """The plane in the optimizers' window, the runs following the tracker, their ends."""
        adaptive, theta = self.data["adaptive"], self.data["quadratic"]["theta_hat"]
        window = optimizer_window(
            self.data["quadratic"], adaptive, PLANE_HEIGHT / OPTIMIZER_PLANE_WIDTH
        )
        ax = equal_axes(window, width=OPTIMIZER_PLANE_WIDTH, height=PLANE_HEIGHT)
        ax.to_edge(LEFT, buff=PLANE_EDGE_GAP).shift(PLANE_DROP * DOWN)
        theta_hat = VGroup(marker(ax, theta, PALETTE["weights"]))
        theta_hat.add(
            math(r"\hat{\theta}", size=LABEL_SIZE, color=PALETTE["weights"]).next_to(
                theta_hat[0], LEFT, buff=LEFT_LABEL_GAP
            )
        )
        bound = float(adaptive["box"])
        corners = [
            ax.c2p(x, y)
            for x, y in ((-bound, -bound), (bound, -bound), (bound, bound), (-bound, bound))
        ]
        box = DashedVMobject(
            Polygon(*corners, color=PALETTE["adamw"], stroke_width=3), num_dashes=60
        )
        box_note = math(
            rf"|\theta_i| \le 1/\lambda = {exact(bound)}", size=SMALL_SIZE, color=PALETTE["adamw"]
        )
        # above the box's top edge, at the plane's left (left of every run)
        box_note.next_to(ax.c2p(max(window[0], -bound), bound), UP + RIGHT, buff=BOX_NOTE_GAP)
        box_note.shift(BOX_NOTE_SHIFT * RIGHT)
        on_backdrop(box_note)
        traces, dots = {}, {}
        for key, (_, role) in RUNS.items():
            run = adaptive[key]
            shown = np.unique(np.linspace(0, len(run) - 1, TRACE_POINTS).astype(int))

            def trace(m, run=run, shown=shown, key=key):
                done = run[shown[shown <= self.step_at(run)]]
                set_polyline(m, ax, np.vstack([done, self.run_at(key)]))

            stroke = 3 if key == "wd" else 4
            traces[key] = VMobject(
                stroke_color=PALETTE[role], stroke_width=stroke, stroke_opacity=0.9
            ).add_updater(trace)
            dots[key] = marker(ax, run[0], PALETTE[role], radius=0.08).add_updater(
                lambda m, key=key: m.move_to(ax.c2p(*self.run_at(key)))
            )
            traces[key].update()
        ridge, adamw = adaptive["ridge"], adaptive["adamw"][-1]
        ridge_label = math(r"\hat{\theta}_{\text{Ridge}}", size=LABEL_SIZE, color=PALETTE["ridge"])
        ridge_label.next_to(ax.c2p(*ridge), RIGHT, buff=RIDGE_END_LABEL_GAP)
        on_backdrop(ridge_label)
        adamw_label = tex("AdamW", size=LABEL_SIZE, color=PALETTE["adamw"])
        adamw_label.next_to(ax.c2p(*adamw), UP + RIGHT, buff=ADAMW_END_LABEL_GAP)
        on_backdrop(adamw_label)
        ends = VGroup(
            marker(ax, ridge, PALETTE["ridge"], radius=0.11),
            ridge_label,
            marker(ax, adamw, PALETTE["adamw"], radius=0.11),
            adamw_label,
        )
        return Plane(
            axes=ax,
            names=axis_labels(ax),
            contours=VGroup(
                *[
                    polyline(ax, e, PALETTE["risk"], width=2, opacity=0.3)
                    for e in self.data["landscape"]["ellipses"]
                ]
            ),
            theta_hat=theta_hat,
            box=box,
            box_note=box_note,
            traces=traces,
            dots=dots,
            ends=ends,
        )

    def build_column(self, axes: Axes) -> Column:
        """Heading and, per run, its name and update rule, at a gap right of ``axes``."""
        adaptive = self.data["adaptive"]
        left = axes.get_right()[0] + OPTIMIZER_COLUMN_GAP
        title = tex(
            rf"One $\lambda = {exact(float(adaptive['lam']))}$, three optimizers", size=HEADING_SIZE
        )
        title.to_edge(UP, buff=HEADING_TOP_GAP).set_x(left, direction=LEFT)
        rows = VGroup()
        for name, role in RUNS.values():
            swatch = Line(ORIGIN, RUN_SWATCH_LENGTH * RIGHT, color=PALETTE[role], stroke_width=6)
            rows.add(VGroup(swatch, tex(name, size=TEXT_SIZE)).arrange(RIGHT, buff=RUN_SWATCH_GAP))
        rows.add(
            math(
                r"\theta \leftarrow \theta - \alpha\nabla\mathcal{R}_{\text{emp}}"
                r" - \alpha\lambda\theta",
                size=NOTE_SIZE,
            )
        )
        rows.add(
            VGroup(
                math(
                    r"g = \nabla\mathcal{R}_{\text{emp}} + \lambda\theta \text{ into } \hat{m}, \hat{v}",
                    size=NOTE_SIZE,
                ),
                math(
                    r"\theta \leftarrow \theta - \eta\,\hat{m}/(\sqrt{\hat{v}} + \epsilon)",
                    size=NOTE_SIZE,
                ),
            ).arrange(DOWN, aligned_edge=LEFT, buff=RULE_LINE_GAP)
        )
        rows.add(
            math(
                r"\theta \leftarrow \theta - \eta\lambda\theta"
                r" - \eta\,\hat{m}/(\sqrt{\hat{v}} + \epsilon)",
                size=NOTE_SIZE,
            )
        )
        legend, rules = rows[:3], rows[3:]
        for row, rule in zip(legend, rules):
            rule.next_to(row, DOWN, buff=RULE_GAP, aligned_edge=LEFT).shift(RULE_INDENT * RIGHT)
        stacked = VGroup(*[VGroup(row, rule) for row, rule in zip(legend, rules)])
        stacked.arrange(DOWN, aligned_edge=LEFT, buff=RUN_GAP)
        stacked.next_to(title, DOWN, buff=RULES_GAP).set_x(left, direction=LEFT)
        bound = exact(float(adaptive["box"]))
        summary = (
            r"Adam + L2 ends at $\hat{\theta}_{\text{Ridge}}$,",
            r"as weight decay does. AdamW ends on its box:",
            r"the minimizer of $\mathcal{R}_{\text{emp}}$"
            rf" with $|\theta_i| \le {bound}$.",
        )
        return Column(title=title, rules=stacked, summary=summary)

    # ------------------------------------------------------------------ captions
    def say(self, column: Column, *texts: str, hold: float = 2.0) -> VGroup:
        """A caption of lines ``texts`` under the column, held ``hold`` seconds; the caption."""
        note = lines(*texts, size=SMALL_SIZE)
        note.next_to(column.rules, DOWN, buff=CLOSING_NOTE_GAP).set_x(
            column.rules.get_left()[0], direction=LEFT
        )
        self.play(FadeIn(note, shift=ENTRANCE_SHIFT * UP), run_time=self.t(1.0))
        self.pause(hold)
        return note
