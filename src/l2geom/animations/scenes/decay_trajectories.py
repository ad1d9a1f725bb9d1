"""Animation B: weight decay = a gradient step, then a pull toward the origin.

Data: quadratic.npz (θ̂), descent_pull.npz (weight-decay iterates ``wd``, the end of each step's gradient part
``wd_after_gradient``, θ̂_ridge per λ), landscape.npz (view window, R_emp contours),
tangency_pull.npz (the R_emp contour and penalty-circle radius through each θ̂_ridge).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import cast

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    UR,
    Animation,
    Arrow,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    MathTex,
    Rectangle,
    ReplacementTransform,
    VGroup,
    VMobject,
    Write,
    smooth,
)

from l2geom import datafile
from l2geom.animations.layout import (
    CLOSING_NOTE_GAP,
    ENTRANCE_SHIFT,
    EQUATION_CORNER_GAP,
    LEFT_LABEL_GAP,
    LEGEND_GAP,
    LEGEND_ROW_GAP,
    PANEL_GAP,
    PANEL_TITLE_GAP,
    PANELS_LEFT,
    PANELS_WIDTH,
    PLANE_DROP,
    PLANE_HEIGHT,
    POINT_LABEL_GAP,
    SETTLE_ARROW_OFFSET,
    SETTLE_LABEL_GAP,
    SWATCH_HALF_LENGTH,
    SWATCH_TEXT_GAP,
    ZOOM_BOX_MIN,
    ZOOM_NOTE_INSET,
)
from l2geom.animations.plane import (
    PlaneAxes,
    axis_labels,
    equal_axes,
    marker,
    polyline,
)
from l2geom.animations.scene import LAMBDAS_ENV, DataScene, Stage
from l2geom.animations.steps import arrow, segment, settle_arrow, significant, sweep
from l2geom.animations.style import (
    INK,
    LABEL_SIZE,
    NOTE_SIZE,
    PALETTE,
    TEXT_SIZE,
    lines,
    math,
    on_backdrop,
    tex,
)
from l2geom.core.plane import circle, view_window
from l2geom.numbers import exact
from l2geom.views import fit_aspect

ZOOM_PAD = 0.35  # the zoomed view around the last steps, as a share of their span
TRAIL_STEPS = 6  # earlier steps the zoomed view shows as a faint trail


@dataclass
class Panel:
    """One λ's run on its own plane. The stages that change a panel's picture (merging
    its trail, zooming) return a new Panel; the iterate ``dot`` stays the same mobject."""

    lam: float
    run: int  # the run's index in descent_pull.npz
    axes: PlaneAxes
    names: VGroup
    title: MathTex
    contours: VGroup
    theta_hat: VGroup
    dot: Dot  # the iterate
    trail: VGroup  # the steps drawn so far


class DecayTrajectories(DataScene):
    """Weight-decay iterates on the R_emp contours for several λ, side by side."""

    SLOW_STEPS = 3  # steps shown one by one, each as gradient step then decay pull
    SETTLE_STEPS = 2  # the last steps, shown one by one in the zoomed view
    # the poster: at the zoom, gradient step and decay pull, equal and opposite, over the
    # contour and the penalty circle through θ̂_Ridge
    POSTER = "settled"
    STAGES = (
        Stage(
            "the picture",
            "Weight decay for a small and a large λ, side by side: the R_emp "
            "contours, θ̂, the start point, and the update rule above.",
        ),
        *(
            Stage(
                f"step {k}",
                f"Step {k} in each panel: a gradient step toward θ̂, then the "
                "decay pull toward the origin, the weights times 1 − αλ.",
            )
            for k in range(1, SLOW_STEPS + 1)
        ),
        Stage(
            "fast forward",
            "The remaining steps: each run heads for a point short of θ̂, "
            "nearer the origin for the larger λ.",
        ),
        Stage("zoom", "Each panel zooms onto where its run settles."),
        Stage(
            "settled",
            "The last step, there and back: the gradient step and the decay pull, "
            "equally long and opposite, over the R_emp contour and the penalty circle "
            "through where the run settles; the weights no longer move.",
        ),
        Stage(
            "θ̂_Ridge",
            "Where each run settles is θ̂_Ridge for its λ: the R_emp contour "
            "touches the penalty circle there.",
        ),
    )

    def __init__(self, data=None, short=None, lambdas=None, **kwargs) -> None:
        super().__init__(data=data, short=short, **kwargs)
        stored = self.data["descent"]["lambdas"]
        if lambdas is None and os.environ.get(LAMBDAS_ENV):
            lambdas = [float(v) for v in os.environ[LAMBDAS_ENV].split(",")]
        if lambdas is None:  # the smallest and the largest stored λ
            lambdas = sorted({float(stored[0]), float(stored[-1])})
        if not 1 <= len(lambdas) <= 3:
            raise ValueError(f"decay_trajectories draws 1 to 3 values of lambda, got {lambdas}")
        self.lambdas = [float(lam) for lam in lambdas]
        self.runs = [datafile.index_of(stored, lam) for lam in self.lambdas]

    # ------------------------------------------------------------------ storyboard
    def construct(self) -> None:
        descent = self.data["descent"]
        panels = self.build_panels()
        equation, legend = self.build_legend()

        self.play(
            *[Create(p.axes) for p in panels],
            *[FadeIn(p.names) for p in panels],
            *[FadeIn(p.title) for p in panels],
            run_time=self.t(1.2),
        )
        self.play(*[Create(p.contours) for p in panels], run_time=self.t(1.5))
        self.play(*[FadeIn(p.theta_hat) for p in panels], Write(equation), run_time=self.t(1.5))
        self.play(FadeIn(legend), *[FadeIn(p.dot) for p in panels], run_time=self.t(1.0))
        self.pause(1.0)

        slow = 1 if self.short else self.SLOW_STEPS
        settle = 1 if self.short else self.SETTLE_STEPS
        last = len(descent["wd_after_gradient"][0]) - settle  # the first step seen zoomed
        self.mark("the picture")
        for k in range(slow):
            self.step(panels, equation, descent, k, explain=(k == 1 or slow == 1))
            self.mark(f"step {k + 1}")
        panels = self.fast_forward(panels, descent, slow, last)
        self.pause(0.5)
        self.mark("fast forward")
        panels = self.zoom_in(panels, descent, last)
        self.pause(0.5)
        self.mark("zoom")
        for k in range(last, last + settle - 1):
            self.step(panels, equation, descent, k, explain=(k == last))
        self.arrows, settle_note = self.there_and_back(
            panels, equation, legend, descent, last + settle - 1
        )
        self.pause(2.0)
        self.mark("settled")
        ridges = self.reveal_ridge(panels, settle_note)
        self.pause(2.5)
        self.mark("θ̂_Ridge")
        # the last picture's panels and θ̂_ridge markers, for tests
        self.panels = panels
        self.ridges = ridges

    # ------------------------------------------------------------------ builders
    def build_panels(self) -> list[Panel]:
        """A plane per λ, side by side, each with the contours, θ̂ and the run's start."""
        land = self.data["landscape"]
        n = len(self.lambdas)
        width, height = (PANELS_WIDTH - PANEL_GAP * (n - 1)) / n, PLANE_HEIGHT
        panels = []
        for j, (lam, run) in enumerate(zip(self.lambdas, self.runs)):
            axes = equal_axes(land["window"], width, height)
            axes.move_to(
                np.array([PANELS_LEFT + width / 2 + j * (width + PANEL_GAP), -PLANE_DROP, 0.0])
            )
            theta_hat = VGroup(
                marker(axes, self.data["quadratic"]["theta_hat"], PALETTE["weights"])
            )
            theta_hat.add(
                math(r"\hat{\theta}", size=LABEL_SIZE, color=PALETTE["weights"]).next_to(
                    theta_hat[0], RIGHT, buff=POINT_LABEL_GAP
                )
            )
            start = self.data["descent"]["wd"][run][0]
            panels.append(
                Panel(
                    lam=lam,
                    run=run,
                    axes=axes,
                    names=axis_labels(axes),
                    title=math(
                        rf"\lambda = {exact(lam)}", size=TEXT_SIZE, color=PALETTE["penalty"]
                    ).next_to(axes, UP, buff=PANEL_TITLE_GAP),
                    contours=VGroup(
                        *[
                            polyline(axes, e, PALETTE["risk"], width=2, opacity=0.35)
                            for e in land["ellipses"]
                        ]
                    ),
                    theta_hat=theta_hat,
                    dot=marker(axes, start, INK, radius=0.065),
                    trail=VGroup(),
                )
            )
        return panels

    def build_legend(self) -> tuple[MathTex, VGroup]:
        """The update rule, its two parts' colours explained below it, and the step size."""
        alpha = float(self.data["descent"]["step_size"])
        equation = math(
            r"\theta^{[t+1]}",
            "=",
            r"\theta^{[t]}",
            r"-\alpha\nabla\mathcal{R}_{\text{emp}}(\theta^{[t]})",
            r"-\alpha\lambda\,\theta^{[t]}",
            size=TEXT_SIZE,
        )
        equation[3].set_color(PALETTE["gradient_step"])
        equation[4].set_color(PALETTE["decay_step"])
        equation.to_corner(UR, buff=EQUATION_CORNER_GAP)
        left = equation.get_left()[0]
        rows = VGroup()
        for role, text in (
            ("gradient_step", r"gradient step on $\mathcal{R}_{\text{emp}}$"),
            ("decay_step", r"decay: pull toward $\mathbf{0}$, $\propto \lambda$"),
        ):
            swatch = Arrow(
                LEFT * SWATCH_HALF_LENGTH,
                RIGHT * SWATCH_HALF_LENGTH,
                buff=0,
                color=PALETTE[role],
                stroke_width=6,
                max_tip_length_to_length_ratio=0.35,
            )
            rows.add(VGroup(swatch, tex(text, size=TEXT_SIZE)).arrange(RIGHT, buff=SWATCH_TEXT_GAP))
        rows.add(tex(rf"step size $\alpha = {exact(alpha)}$", size=NOTE_SIZE))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=LEGEND_ROW_GAP)
        rows.next_to(equation, DOWN, buff=LEGEND_GAP).set_x(left, direction=LEFT)
        return equation, rows

    # ------------------------------------------------------------------ stages
    def step(
        self, panels: list[Panel], equation: MathTex, descent: dict, k: int, explain: bool
    ) -> None:
        """Step k in every panel: the gradient arrow, then the decay pull; with
        ``explain``, the matching terms of the update rule flash."""
        grads, pulls = [], []
        for p in panels:
            a, b = descent["wd"][p.run][k], descent["wd_after_gradient"][p.run][k]
            c = descent["wd"][p.run][k + 1]
            grads.append(arrow(p.axes, a, b, PALETTE["gradient_step"]))
            pulls.append(
                arrow(p.axes, b, c, PALETTE["decay_step"]) if not np.allclose(b, c) else None
            )
        extra = [Indicate(equation[3], color=PALETTE["gradient_step"])] if explain else []
        self.play(*[GrowArrow(g) for g in grads], *extra, run_time=self.t(1.2))
        self.play(
            *[p.dot.animate.move_to(g.get_end()) for p, g in zip(panels, grads)],
            run_time=self.t(0.4),
        )
        live = [q for q in pulls if q is not None]
        if live:
            extra = [Indicate(equation[4], color=PALETTE["decay_step"])] if explain else []
            self.play(*[GrowArrow(q) for q in live], *extra, run_time=self.t(1.0))
            self.play(
                *[
                    p.dot.animate.move_to(q.get_end())
                    for p, q in zip(panels, pulls)
                    if q is not None
                ],
                run_time=self.t(0.4),
            )
        self.pause(1.2 if explain else 0.5)
        # The arrows become the thin trail of the run.
        fades: list[Animation] = []
        for p, g, q in zip(panels, grads, pulls):
            for step_arrow, start, end in (
                (g, descent["wd"][p.run][k], descent["wd_after_gradient"][p.run][k]),
                (q, descent["wd_after_gradient"][p.run][k], descent["wd"][p.run][k + 1]),
            ):
                if step_arrow is None:
                    continue
                seg = segment(p.axes, start, end, step_arrow.get_color())
                p.trail.add(seg)
                fades.append(FadeOut(step_arrow))
                fades.append(FadeIn(seg))
        self.play(*fades, run_time=self.t(0.5))

    def fast_forward(
        self, panels: list[Panel], descent: dict, first: int, stop: int
    ) -> list[Panel]:
        """Steps ``first`` to ``stop`` in one sweep (steps.sweep): trails drawn, the iterate
        riding along; the panels with their trails merged (merge_trail: the picture the
        sweep showed, as a handful of mobjects)."""
        growths, riders = zip(
            *(
                sweep(
                    p.axes,
                    descent["wd"][p.run],
                    descent["wd_after_gradient"][p.run],
                    first,
                    stop,
                    p.dot,
                    p.trail,
                )
                for p in panels
            )
        )
        self.play(*growths, *riders, run_time=self.t(5.0), rate_func=smooth)
        merged = []
        for p in panels:  # the stored iterate, exactly
            p.dot.move_to(p.axes.c2p(*descent["wd"][p.run][stop]))
            merged.append(replace(p, trail=self.merge_trail(p)))
        return merged

    def zoom_in(self, panels: list[Panel], descent: dict, first: int) -> list[Panel]:
        """Each panel zooms onto the region where its last steps happen: a box of the
        panel's shape grows to fill it, and the picture is redrawn at the larger scale;
        the zoomed panels, with an empty trail."""
        land, boxes, frames, olds, zoomed_panels, zooms = self.data["landscape"], [], [], [], [], []
        for p in panels:
            wd, mid = descent["wd"][p.run], descent["wd_after_gradient"][p.run]
            near = np.vstack([wd[first:], mid[first:], descent["ridge"][p.run]])
            window = fit_aspect(view_window(near, pad=ZOOM_PAD), p.axes.height / p.axes.width)
            lo, hi = p.axes.c2p(*window[[0, 2]]), p.axes.c2p(*window[[1, 3]])
            boxes.append(
                Rectangle(
                    width=max(hi[0] - lo[0], ZOOM_BOX_MIN),
                    height=max(hi[1] - lo[1], ZOOM_BOX_MIN),
                    color=INK,
                    stroke_width=2,
                ).move_to((lo + hi) / 2)
            )
            frames.append(
                Rectangle(
                    width=p.axes.width, height=p.axes.height, color=INK, stroke_width=2
                ).move_to(p.axes)
            )
            zoomed = equal_axes(window, p.axes.width, p.axes.height).move_to(p.axes)
            zoomed.set_stroke(opacity=0)
            trail = np.array(
                [c for k in range(max(first - TRAIL_STEPS, 0), first) for c in (wd[k], mid[k])]
                + [wd[first]]
            )
            contours = VGroup(
                *[
                    polyline(zoomed, e, PALETTE["risk"], width=2, opacity=0.35)
                    for e in land["ellipses"]
                ],
                polyline(zoomed, trail, INK, width=2, opacity=0.45),
            )
            olds.append(VGroup(p.contours, p.trail, p.theta_hat, p.axes, p.names))
            zooms.append((p.axes.window[1] - p.axes.window[0]) / (window[1] - window[0]))
            zoomed_panels.append(replace(p, axes=zoomed, contours=contours, trail=VGroup()))
        self.play(*[Create(b) for b in boxes], run_time=self.t(1.0))
        self.play(
            *[ReplacementTransform(b, f) for b, f in zip(boxes, frames)],
            *[FadeOut(o) for o in olds],
            *[FadeIn(p.contours) for p in zoomed_panels],
            *[
                p.dot.animate.move_to(p.axes.c2p(*descent["wd"][p.run][first]))
                for p in zoomed_panels
            ],
            run_time=self.t(2.0),
        )
        notes = []
        for p, zoom, frame in zip(zoomed_panels, zooms, frames):
            note = tex(rf"zoom $\times{zoom:.0f}$", size=NOTE_SIZE)
            note.move_to(
                frame.get_corner(UP + LEFT) + ZOOM_NOTE_INSET * (RIGHT + DOWN),
                aligned_edge=UP + LEFT,
            )
            notes.append(note)
            self.bring_to_front(p.dot)
        self.play(*[FadeIn(note) for note in notes], run_time=self.t(0.6))
        return zoomed_panels

    def merge_trail(self, p: Panel) -> VGroup:
        """The trail's hundreds of segments as one path per stroke style: the same
        picture, drawn and faded as a handful of mobjects; the merged trail."""
        # a VGroup's family are VMobjects (typed as Mobjects)
        segments = cast(list[VMobject], p.trail.family_members_with_points())
        styles: dict[tuple, list[VMobject]] = {}
        for seg in segments:
            color = seg.get_stroke_color()
            assert color is not None  # every segment is stroked
            key = (color.to_hex(), seg.get_stroke_width(), seg.get_stroke_opacity())
            styles.setdefault(key, []).append(seg)
        merged = VGroup(
            *[
                VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity).set_points(
                    np.vstack([seg.points for seg in group])
                )
                for (color, width, opacity), group in styles.items()
            ]
        )
        self.remove(*segments)
        self.add(merged)
        self.bring_to_front(p.dot)
        return merged

    def there_and_back(
        self, panels: list[Panel], equation: MathTex, legend: VGroup, descent: dict, k: int
    ) -> tuple[list[VGroup], VGroup]:
        """Step k, where the runs have settled, over the R_emp contour and the penalty
        circle through θ̂_ridge: the gradient step and the decay pull as two arrows side
        by side (offset across their direction: there and back), each with its length,
        and a note below the legend; per panel the two arrows and their labels (which
        stay), and the note."""
        touch = self.data["tangency"]
        curves, grads, pulls, marks = [], [], [], []
        for p in panels:
            i = datafile.index_of(touch["lambdas"], p.lam)
            curves += [
                polyline(p.axes, touch["ellipses"][i], PALETTE["risk"], width=3),
                polyline(
                    p.axes, circle(touch["radii"][i]), PALETTE["penalty"], width=3, dashed=True
                ),
            ]
            a, b = descent["wd"][p.run][k], descent["wd_after_gradient"][p.run][k]
            c = descent["wd"][p.run][k + 1]
            there = p.axes.c2p(*b) - p.axes.c2p(*a)
            across = np.array([-there[1], there[0], 0.0]) / max(np.linalg.norm(there), 1e-9)
            shift = SETTLE_ARROW_OFFSET * across
            grad = settle_arrow(p.axes.c2p(*a) + shift, p.axes.c2p(*b) + shift, "gradient_step")
            pull = settle_arrow(p.axes.c2p(*b) - shift, p.axes.c2p(*c) - shift, "decay_step")
            grads.append(grad)
            pulls.append(pull)
            for arrow_, role, side, length in (
                (grad, "gradient_step", across, descent["gradient_lengths"][p.run][k]),
                (pull, "decay_step", -across, descent["pull_lengths"][p.run][k]),
            ):
                label = tex(significant(float(length)), size=NOTE_SIZE, color=PALETTE[role])
                label.next_to(arrow_.get_center(), side, buff=SETTLE_LABEL_GAP)
                marks.append(on_backdrop(label))
        self.play(*[Create(curve) for curve in curves], run_time=self.t(1.5))
        # the iterate goes there and back with the arrows, ending on the stored iterate
        self.play(
            *[GrowArrow(g) for g in grads],
            *[
                p.dot.animate.move_to(p.axes.c2p(*descent["wd_after_gradient"][p.run][k]))
                for p in panels
            ],
            Indicate(equation[3], color=PALETTE["gradient_step"]),
            run_time=self.t(1.2),
        )
        self.play(
            *[GrowArrow(q) for q in pulls],
            *[p.dot.animate.move_to(p.axes.c2p(*descent["wd"][p.run][k + 1])) for p in panels],
            Indicate(equation[4], color=PALETTE["decay_step"]),
            run_time=self.t(1.2),
        )
        note = lines(
            r"Numbers: the arrows' lengths. Equal and",
            r"opposite: each step ends where it began.",
            size=NOTE_SIZE,
        )
        note.next_to(legend, DOWN, buff=CLOSING_NOTE_GAP).set_x(
            legend.get_left()[0], direction=LEFT
        )
        self.play(*[FadeIn(m) for m in marks], FadeIn(note), run_time=self.t(0.6))
        for p in panels:
            self.bring_to_front(p.dot)
        return [
            VGroup(g, q, *marks[2 * j : 2 * j + 2]) for j, (g, q) in enumerate(zip(grads, pulls))
        ], note

    def reveal_ridge(self, panels: list[Panel], above: VGroup) -> list[Dot]:
        """θ̂_ridge of each run, where the R_emp contour and the penalty circle drawn at
        the settled step touch, and the closing note below ``above``; the θ̂_ridge
        markers."""
        labels, ridges = [], []
        for p in panels:
            ridge = marker(
                p.axes, self.data["descent"]["ridge"][p.run], PALETTE["ridge"], radius=0.1
            )
            label = math(r"\hat{\theta}_{\text{Ridge}}", size=LABEL_SIZE, color=PALETTE["ridge"])
            label.next_to(ridge, LEFT, buff=LEFT_LABEL_GAP)
            labels.append(on_backdrop(label))
            ridges.append(ridge)
        self.play(*[p.trail.animate.set_stroke(opacity=0.45) for p in panels], run_time=self.t(1.0))
        self.play(
            *[FadeIn(ridge, scale=1.5) for ridge in ridges],
            *[FadeIn(label) for label in labels],
            run_time=self.t(1.0),
        )
        for p in panels:  # the iterate stays on top of the ridge marker
            self.bring_to_front(p.dot)
        note = lines(
            r"The iterates settle at $\hat{\theta}_{\text{Ridge}}$, where",
            r"an $\mathcal{R}_{\text{emp}}$ contour touches a penalty circle:",
            r"there gradient step and pull cancel.",
            r"Larger $\lambda$: stronger pull, closer to $\mathbf{0}$.",
            size=NOTE_SIZE,
        )
        note.next_to(above, DOWN, buff=CLOSING_NOTE_GAP).set_x(above.get_left()[0], direction=LEFT)
        self.play(FadeIn(note, shift=ENTRANCE_SHIFT * UP), run_time=self.t(1.2))
        return ridges
