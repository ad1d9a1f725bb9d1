"""Animation F: proximal gradient descent, the L1 counterpart of weight decay. Each step is a
gradient step, then a pull toward the origin: for L1 (soft thresholding) by the fixed amount
αλ on every component, stopping at 0, so that a component can land exactly on its axis;
for weight decay by αλ times the weights. The two runs side by side, with the same λ, step
size and start.

Data: quadratic.npz (θ̂), landscape.npz (view window, R_emp contours), proximal.npz (per λ:
the proximal and the weight-decay iterates, the end of each step's gradient part, the pull
αλ, θ̂_lasso), lasso.npz (per λ: θ̂_ridge, the R_emp contours through θ̂_lasso and θ̂_ridge,
the L1 diamond through θ̂_lasso and the radius of the L2 circle through θ̂_ridge).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
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
    Mobject,
    Rectangle,
    ReplacementTransform,
    Tex,
    VGroup,
    Write,
    smooth,
)

from l2geom import datafile
from l2geom.animations.layout import (
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
    RULE_GAP,
    RUN_GAP,
    RUNNING_NOTE_GAP,
    RUNNING_NOTE_SHIFT,
    SETTLE_ARROW_OFFSET,
    SWATCH_HALF_LENGTH,
    SWATCH_TEXT_GAP,
    ZOOM_BOX_MIN,
    ZOOM_NOTE_INSET,
)
from l2geom.animations.plane import (
    PlaneAxes,
    axis_labels,
    equal_axes,
    lasso_marker,
    marker,
    polyline,
)
from l2geom.animations.scene import DataScene, Stage
from l2geom.animations.steps import arrow, segment, settle_arrow, sweep
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
from l2geom.core.plane import circle
from l2geom.numbers import exact, without_noise
from l2geom.views import fit_aspect, settling_window

GRADIENT_TERM = r"-\alpha\nabla\mathcal{R}_{\text{emp}}(\theta^{[t]})"


@dataclass
class Panel:
    """One run on its own plane: proximal gradient descent (``l1``) or weight decay. The
    zoom returns a new Panel; the iterate ``dot`` stays the same mobject."""

    l1: bool
    iterates: np.ndarray  # (S + 1, 2)
    after: np.ndarray  # (S, 2): the end of each step's gradient part
    end: np.ndarray  # θ̂_lasso or θ̂_ridge, where the run ends
    axes: PlaneAxes
    names: VGroup
    title: Tex
    contours: VGroup
    theta_hat: VGroup
    dot: Dot  # the iterate
    trail: VGroup  # the steps drawn so far
    pull_terms: list[Mobject]  # the pull's parts of the panel's update rule (they flash)


def landings(run: Panel, k: int) -> np.ndarray:
    """Which components (bool (d,)) step k's pull put exactly at 0 in ``run`` (its
    ``iterates`` and ``after``): 0 after the step, not after its gradient part."""
    return (run.iterates[k + 1] == 0) & (run.after[k] != 0)


class ProximalSteps(DataScene):
    """Proximal gradient descent (L1) beside weight decay (L2): a gradient step, then a pull
    toward 0 by a fixed αλ per component that can land on an axis, against a pull
    proportional to the weights."""

    SLOW_STEPS = 2  # steps shown one by one, each as gradient step then pull
    # then the steps up to the last fast forwarded (none for the minimum), the last one
    # zoomed; the config asks for as many (l2geom.limits.PROXIMAL_MIN_STEPS)
    MIN_STEPS = SLOW_STEPS + 1
    # the poster: zoomed onto where the runs settle, the last step there and back, the
    # proximal iterate pulled back exactly onto its axis beside the weight-decay one
    POSTER = "settled"
    STAGES = (
        Stage(
            "the picture",
            "Proximal gradient descent (L1, left) and weight decay (L2, right), with the "
            "same λ, step size α and start, on the R_emp contours; their update rules on "
            "the right.",
        ),
        Stage(
            "step 1",
            "Step 1 in each panel: the same gradient step toward θ̂, then the pull toward "
            "the origin: L1 moves each component by αλ and stops it at 0 (which can land "
            "exactly on an axis), weight decay moves the weights by αλ times themselves.",
        ),
        Stage(
            "step 2",
            "Step 2: the L1 pull is again αλ on each component, whatever its size; weight "
            "decay's pull grows and shrinks with the weights.",
        ),
        Stage(
            "fast forward",
            "The remaining steps: each run heads for the point where its steps cancel.",
        ),
        Stage(
            "settled",
            "Zoomed in (the same zoom in both panels) where the runs settle, the last step "
            "there and back: the gradient step and the pull cancel; the L1 pull puts a "
            "component at 0 back exactly onto its axis.",
        ),
        Stage(
            "θ̂_Lasso",
            "The proximal run ends at θ̂_Lasso, where an R_emp contour touches the L1 "
            "diamond, at a corner when a component is 0; weight decay ends at θ̂_Ridge, "
            "where one touches the L2 circle.",
        ),
    )

    def __init__(self, data=None, short=None, lam=None, **kwargs) -> None:
        super().__init__(data=data, short=short, **kwargs)
        prox = self.data["proximal"]
        stored = prox["lambdas"]
        self.lam = float(stored[-1]) if lam is None else float(lam)  # default: the largest
        self.run = datafile.index_of(stored, self.lam)
        self.touch = datafile.index_of(self.data["lasso"]["lambdas"], self.lam)
        steps = prox["prox_after_gradient"].shape[1]
        if steps < self.MIN_STEPS:
            raise ValueError(
                f"proximal_steps draws {self.SLOW_STEPS} steps one by one and the last one "
                f"apart: it needs at least {self.MIN_STEPS} steps, got {steps}"
            )

    # ------------------------------------------------------------------ storyboard
    def construct(self) -> None:
        rules, legend = self.build_column()
        panels = self.build_panels()

        self.play(
            *[Create(p.axes) for p in panels],
            *[FadeIn(p.names) for p in panels],
            *[FadeIn(p.title) for p in panels],
            run_time=self.t(1.0),
        )
        self.play(*[Create(p.contours) for p in panels], run_time=self.t(1.0))
        self.play(*[FadeIn(p.theta_hat) for p in panels], Write(rules), run_time=self.t(1.2))
        self.play(FadeIn(legend), *[FadeIn(p.dot) for p in panels], run_time=self.t(0.8))
        self.pause(0.6)
        self.mark("the picture")

        note = None
        for k in range(self.SLOW_STEPS):
            note = self.step(panels, rules, legend, k, note)
            self.mark(f"step {k + 1}")
        last = len(panels[0].after) - 1  # the step drawn there and back, zoomed
        self.fast_forward(panels, self.SLOW_STEPS, last, note)
        self.pause(0.4)
        self.mark("fast forward")
        panels = self.zoom_in(panels, last)
        note = self.there_and_back(panels, legend, last)
        self.pause(1.5)
        self.mark("settled")
        self.reveal_ends(panels, legend, note)
        self.pause(2.0)
        self.mark("θ̂_Lasso")
        self.panels = panels  # the last picture's panels, for tests

    # ------------------------------------------------------------------ builders
    def build_column(self) -> tuple[VGroup, VGroup]:
        """The two update rules, named, in the top right corner (the pull's part of each in
        the pull's colour), and below them the legend: the arrows' colours, α and αλ."""
        prox = self.data["proximal"]
        l1_rule = math(
            r"\theta^{[t+1]}",
            "=",
            r"\mathrm{soft}_{\alpha\lambda}\big(",
            r"\theta^{[t]}",
            GRADIENT_TERM,
            r"\big)",
            size=TEXT_SIZE,
        )
        l2_rule = math(
            r"\theta^{[t+1]}",
            "=",
            r"\theta^{[t]}",
            GRADIENT_TERM,
            r"-\alpha\lambda\,\theta^{[t]}",
            size=TEXT_SIZE,
        )
        for rule, gradient, pulls in ((l1_rule, 4, (2, 5)), (l2_rule, 3, (4,))):
            rule[gradient].set_color(PALETTE["gradient_step"])
            for part in pulls:
                rule[part].set_color(PALETTE["decay_step"])
        rules = VGroup(
            *[
                VGroup(tex(name, size=NOTE_SIZE), rule).arrange(
                    DOWN, aligned_edge=LEFT, buff=RULE_GAP
                )
                for name, rule in (
                    ("L1, proximal gradient:", l1_rule),
                    ("L2, weight decay:", l2_rule),
                )
            ]
        ).arrange(DOWN, aligned_edge=LEFT, buff=RUN_GAP)
        rules.to_corner(UR, buff=EQUATION_CORNER_GAP)

        rows = VGroup()
        for role, text in (
            ("gradient_step", r"gradient step on $\mathcal{R}_{\text{emp}}$"),
            ("decay_step", r"L1 pull: $\alpha\lambda$ each, stops at $0$"),
            ("decay_step", r"L2 pull: $\alpha\lambda\,\theta$, $\propto$ the weights"),
        ):
            swatch = Arrow(
                LEFT * SWATCH_HALF_LENGTH,
                RIGHT * SWATCH_HALF_LENGTH,
                buff=0,
                color=PALETTE[role],
                stroke_width=6,
                max_tip_length_to_length_ratio=0.35,
            )
            rows.add(VGroup(swatch, tex(text, size=NOTE_SIZE)).arrange(RIGHT, buff=SWATCH_TEXT_GAP))
        alpha, pull = float(prox["step_size"]), float(prox["pulls"][self.run])
        rows.add(
            tex(
                rf"$\alpha = {exact(alpha)}$, $\lambda = {exact(self.lam)}$: "
                rf"$\alpha\lambda = {exact(without_noise(pull))}$",
                size=NOTE_SIZE,
            )
        )
        rows.arrange(DOWN, aligned_edge=LEFT, buff=LEGEND_ROW_GAP)
        rows.next_to(rules, DOWN, buff=LEGEND_GAP).set_x(rules.get_left()[0], direction=LEFT)
        # for the steps: each rule's pull parts (soft's two brackets for L1), L1 then L2, and
        # the gradient parts; each flashes on its own (a group would scale as one)
        self.pull_terms: tuple[list[Mobject], ...] = ([l1_rule[2], l1_rule[5]], [l2_rule[4]])
        self.gradient_terms = (l1_rule[4], l2_rule[3])
        return rules, rows

    def build_panels(self) -> list[Panel]:
        """Two planes side by side (proximal, weight decay), each with the contours, θ̂ and
        the runs' start."""
        land, prox = self.data["landscape"], self.data["proximal"]
        width = (PANELS_WIDTH - PANEL_GAP) / 2
        runs = (
            (True, prox["prox"][self.run], prox["prox_after_gradient"][self.run], "L1"),
            (False, prox["wd"][self.run], prox["wd_after_gradient"][self.run], "L2"),
        )
        ends = (prox["lasso"][self.run], self.data["lasso"]["ridge"][self.touch])
        panels = []
        for j, ((l1, iterates, after, name), end) in enumerate(zip(runs, ends)):
            axes = equal_axes(land["window"], width, PLANE_HEIGHT)
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
            title = tex(f"{name}, ", rf"$\lambda = {exact(self.lam)}$", size=TEXT_SIZE)
            title[1].set_color(PALETTE["penalty"])
            panels.append(
                Panel(
                    l1=l1,
                    iterates=iterates,
                    after=after,
                    end=end,
                    axes=axes,
                    names=axis_labels(axes),
                    title=title.next_to(axes, UP, buff=PANEL_TITLE_GAP),
                    contours=VGroup(
                        *[
                            polyline(axes, e, PALETTE["risk"], width=2, opacity=0.35)
                            for e in land["ellipses"]
                        ]
                    ),
                    theta_hat=theta_hat,
                    dot=marker(axes, iterates[0], INK, radius=0.065),
                    trail=VGroup(),
                    pull_terms=self.pull_terms[j],
                )
            )
        return panels

    # ------------------------------------------------------------------ stages
    def say(self, below: Mobject, *texts: str, old: VGroup | None = None) -> VGroup:
        """A note of ``texts`` (lines) under ``below``, flush with its left edge, replacing
        the note ``old``; the note."""
        note = lines(*texts, size=NOTE_SIZE)
        note.next_to(below, DOWN, buff=RUNNING_NOTE_GAP).set_x(below.get_left()[0], direction=LEFT)
        fades: list[Animation] = [FadeOut(old)] if old is not None else []
        self.play(*fades, FadeIn(note, shift=RUNNING_NOTE_SHIFT * UP), run_time=self.t(0.6))
        return note

    def step(
        self, panels: list[Panel], rules: VGroup, legend: VGroup, k: int, note: VGroup | None
    ) -> VGroup:
        """Step k in both panels: the gradient arrow, then the pull (none where it is 0),
        the matching terms of the rules flashing on the first step; then a note on what
        the pulls did; the note."""
        explain = k == 0
        grads = [arrow(p.axes, p.iterates[k], p.after[k], PALETTE["gradient_step"]) for p in panels]
        pulls = [
            arrow(p.axes, p.after[k], p.iterates[k + 1], PALETTE["decay_step"])
            if not np.allclose(p.after[k], p.iterates[k + 1])
            else None
            for p in panels
        ]
        flash = [Indicate(t, color=PALETTE["gradient_step"]) for t in self.gradient_terms]
        self.play(*[GrowArrow(g) for g in grads], *(flash if explain else []), run_time=self.t(0.8))
        self.play(
            *[p.dot.animate.move_to(g.get_end()) for p, g in zip(panels, grads)],
            run_time=self.t(0.4),
        )
        live = [(p, q) for p, q in zip(panels, pulls) if q is not None]
        if live:
            flash = [
                Indicate(t, color=PALETTE["decay_step"]) for p, _ in live for t in p.pull_terms
            ]
            self.play(
                *[GrowArrow(q) for _, q in live], *(flash if explain else []), run_time=self.t(0.8)
            )
            self.play(*[p.dot.animate.move_to(q.get_end()) for p, q in live], run_time=self.t(0.4))
        landed = [p for p in panels if p.l1 and np.any(landings(p, k))]
        note = self.say(legend, *self.step_note(panels, k), old=note)
        if landed and explain:  # the first landing on an axis
            self.play(
                *[Indicate(p.dot, scale_factor=1.8, color=PALETTE["decay_step"]) for p in landed],
                run_time=self.t(0.6),
            )
        self.pause(0.8 if explain else 0.4)
        # The arrows become the thin trail of the run.
        fades: list[Animation] = []
        for p, g, q in zip(panels, grads, pulls):
            for step_arrow, start, end in (
                (g, p.iterates[k], p.after[k]),
                (q, p.after[k], p.iterates[k + 1]),
            ):
                if step_arrow is None:
                    continue
                seg = segment(p.axes, start, end, step_arrow.get_color())
                p.trail.add(seg)
                fades += [FadeOut(step_arrow), FadeIn(seg)]
        self.play(*fades, run_time=self.t(0.4))
        for p in panels:
            self.bring_to_front(p.dot)
        return note

    @staticmethod
    def step_note(panels: list[Panel], k: int) -> list[str]:
        """What the pulls of step k did, read off the stored runs: the components the L1
        pull put exactly at 0, and whether weight decay pulled at all."""
        l1, l2 = panels
        texts = []
        landed = np.flatnonzero(landings(l1, k))
        if landed.size:
            names = ", ".join(rf"$\theta_{j + 1}$" for j in landed)
            texts.append(rf"L1: {names} pulled exactly to $0$.")
        if np.allclose(l2.after[k], l2.iterates[k + 1]):
            texts.append(r"L2: no pull where $\theta = \mathbf{0}$.")
        if not texts:
            texts = [
                r"L1 pulls by $\alpha\lambda$ each step,",
                r"L2 by $\alpha\lambda$ times the weights.",
            ]
        return texts

    def fast_forward(self, panels: list[Panel], first: int, stop: int, note: VGroup | None) -> None:
        """Steps ``first`` to ``stop`` in one sweep (steps.sweep): the trails drawn, the
        iterates riding along; the last note fades."""
        growths, riders = zip(
            *(sweep(p.axes, p.iterates, p.after, first, stop, p.dot, p.trail) for p in panels)
        )
        fades = [FadeOut(note)] if note is not None else []
        self.play(*growths, *riders, *fades, run_time=self.t(2.5), rate_func=smooth)
        for p in panels:  # the stored iterate, exactly
            p.dot.move_to(p.axes.c2p(*p.iterates[stop]))

    def zoom_in(self, panels: list[Panel], first: int) -> list[Panel]:
        """Both panels zoom, by the same factor, onto where their runs settle: a box grows
        to fill each panel and the picture is redrawn at the larger scale, with the
        coordinate axes (where the L1 run lands) and the run so far as a faint trail; the
        zoomed panels."""
        windows = [settling_window(p.iterates, p.after) for p in panels]
        size = np.max([[w[1] - w[0], w[3] - w[2]] for w in windows], axis=0) / 2
        land = self.data["landscape"]
        boxes, frames, olds, zoomed_panels, notes = [], [], [], [], []
        for p, w in zip(panels, windows):
            middle = np.array([w[0] + w[1], w[2] + w[3]]) / 2
            lo, hi = middle - size, middle + size
            window = fit_aspect(
                np.array([lo[0], hi[0], lo[1], hi[1]]), p.axes.height / p.axes.width
            )
            lo, hi = p.axes.c2p(*window[[0, 2]]), p.axes.c2p(*window[[1, 3]])
            boxes.append(
                Rectangle(
                    width=max(hi[0] - lo[0], ZOOM_BOX_MIN),
                    height=max(hi[1] - lo[1], ZOOM_BOX_MIN),
                    color=INK,
                    stroke_width=2,
                ).move_to((lo + hi) / 2)
            )
            frame = Rectangle(width=p.axes.width, height=p.axes.height, color=INK, stroke_width=2)
            frames.append(frame.move_to(p.axes))
            zoomed = equal_axes(window, p.axes.width, p.axes.height).move_to(p.axes)
            zoomed.set_stroke(opacity=0)
            run = [c for k in range(first) for c in (p.iterates[k], p.after[k])]
            contours = VGroup(
                *[
                    polyline(zoomed, e, PALETTE["risk"], width=2, opacity=0.35)
                    for e in land["ellipses"]
                ],
                *self.axis_lines(zoomed),
                polyline(zoomed, np.array([*run, p.iterates[first]]), INK, width=1.5, opacity=0.3),
            )
            olds.append(VGroup(p.contours, p.trail, p.theta_hat, p.axes, p.names))
            zoom = (p.axes.window[1] - p.axes.window[0]) / (window[1] - window[0])
            note = tex(rf"zoom $\times{zoom:.0f}$", size=NOTE_SIZE)
            note.move_to(frame.get_corner(UL) + ZOOM_NOTE_INSET * (RIGHT + DOWN), aligned_edge=UL)
            notes.append(on_backdrop(note))  # an axis may run through it
            zoomed_panels.append(replace(p, axes=zoomed, contours=contours, trail=VGroup()))
        self.play(*[Create(b) for b in boxes], run_time=self.t(0.8))
        self.play(
            *[ReplacementTransform(b, f) for b, f in zip(boxes, frames)],
            *[FadeOut(o) for o in olds],
            *[FadeIn(p.contours) for p in zoomed_panels],
            *[p.dot.animate.move_to(p.axes.c2p(*p.iterates[first])) for p in zoomed_panels],
            run_time=self.t(1.2),
        )
        for p in zoomed_panels:
            self.bring_to_front(p.dot)
        self.play(*[FadeIn(n) for n in notes], run_time=self.t(0.4))
        return zoomed_panels

    def axis_lines(self, axes: PlaneAxes) -> list[VGroup]:
        """The coordinate axes θ₂ = 0 and θ₁ = 0 as lines across the zoomed ``axes``' window
        (clipped: none where the window does not reach one), each named near its right or
        bottom end (clear of the zoom note in the top left corner)."""
        xmin, xmax, ymin, ymax = axes.window
        out = []
        for line, name, side in (  # each from its left or bottom end
            (np.array([[xmax, 0.0], [xmin, 0.0]]), r"\theta_2 = 0", UL),
            (np.array([[0.0, ymin], [0.0, ymax]]), r"\theta_1 = 0", UR),
        ):
            drawn = polyline(axes, line, INK, width=2, opacity=0.8)
            if len(drawn):
                label = math(name, size=NOTE_SIZE)
                label.next_to(drawn[0].get_start(), side, buff=POINT_LABEL_GAP)
                drawn.add(on_backdrop(label))
            out.append(drawn)
        return out

    def there_and_back(self, panels: list[Panel], legend: VGroup, k: int) -> VGroup:
        """Step k, where the runs have settled, over the R_emp contour through each run's
        end and the penalty contour through it (the L1 diamond, the L2 circle): the gradient
        step and the pull as two arrows side by side (offset across their direction: there
        and back), the iterate going out and back; then a note; the note."""
        touch = self.data["lasso"]
        i = self.touch
        curves = []
        for p in panels:
            if p.l1:
                ellipse, ball, role = (
                    touch["lasso_ellipses"][i],
                    touch["diamonds"][i],
                    "lasso_penalty",
                )
            else:
                ellipse, ball = touch["ridge_ellipses"][i], circle(float(touch["l2_radii"][i]))
                role = "penalty"
            curves += [
                polyline(p.axes, ellipse, PALETTE["risk"], width=3),
                polyline(p.axes, ball, PALETTE[role], width=3, dashed=True),
            ]
        grads, pulls = [], []
        for p in panels:
            a, b, c = p.iterates[k], p.after[k], p.iterates[k + 1]
            there = p.axes.c2p(*b) - p.axes.c2p(*a)
            across = np.array([-there[1], there[0], 0.0]) / max(np.linalg.norm(there), 1e-9)
            shift = SETTLE_ARROW_OFFSET * across
            grads.append(
                settle_arrow(p.axes.c2p(*a) + shift, p.axes.c2p(*b) + shift, "gradient_step")
            )
            pulls.append(settle_arrow(p.axes.c2p(*b) - shift, p.axes.c2p(*c) - shift, "decay_step"))
        self.play(*[Create(curve) for curve in curves], run_time=self.t(1.0))
        for p in panels:
            self.bring_to_front(p.dot)
        self.play(
            *[GrowArrow(g) for g in grads],
            *[p.dot.animate.move_to(p.axes.c2p(*p.after[k])) for p in panels],
            *[Indicate(t, color=PALETTE["gradient_step"]) for t in self.gradient_terms],
            run_time=self.t(0.8),
        )
        self.play(
            *[GrowArrow(q) for q in pulls],
            *[p.dot.animate.move_to(p.axes.c2p(*p.iterates[k + 1])) for p in panels],
            *[Indicate(t, color=PALETTE["decay_step"]) for p in panels for t in p.pull_terms],
            run_time=self.t(0.8),
        )
        l1 = panels[0]
        back = np.flatnonzero(landings(l1, k))
        texts = ["Settled: gradient step and pull cancel."]
        if back.size:
            names = ", ".join(rf"$\theta_{j + 1}$" for j in back)
            texts.append(rf"L1 puts {names} back exactly on $0$.")
        note = self.say(legend, *texts)
        self.arrows = VGroup(*grads, *pulls)
        for p in panels:
            self.bring_to_front(p.dot)
        return note

    def reveal_ends(self, panels: list[Panel], legend: VGroup, note: VGroup) -> None:
        """θ̂_lasso and θ̂_ridge, where the runs end, marked and named; the closing note."""
        ends, labels = [], []
        for p in panels:
            if p.l1:
                end: Mobject = lasso_marker(PALETTE["lasso"]).move_to(p.axes.c2p(*p.end))
                label = math(
                    r"\hat{\theta}_{\text{Lasso}}", size=LABEL_SIZE, color=PALETTE["lasso"]
                )
                label.next_to(end, RIGHT, buff=LEFT_LABEL_GAP)
            else:
                end = marker(p.axes, p.end, PALETTE["ridge"], radius=0.1)
                label = math(
                    r"\hat{\theta}_{\text{Ridge}}", size=LABEL_SIZE, color=PALETTE["ridge"]
                )
                label.next_to(end, LEFT, buff=LEFT_LABEL_GAP)
            ends.append(end)
            labels.append(on_backdrop(label))
        self.ends = ends  # for tests
        self.play(
            *[FadeIn(e, scale=1.5) for e in ends],
            *[FadeIn(label) for label in labels],
            self.arrows.animate.set_opacity(0.35),
            run_time=self.t(1.0),
        )
        for p in panels:
            self.bring_to_front(p.dot)
        zero = np.flatnonzero(panels[0].end == 0)
        corner = (
            [r"at a corner: " + ", ".join(rf"$\theta_{j + 1} = 0$" for j in zero) + "."]
            if zero.size
            else []
        )
        self.say(
            legend,
            r"$\hat{\theta}_{\text{Lasso}}$: a contour touches the diamond,",
            *corner,
            r"$\hat{\theta}_{\text{Ridge}}$: one touches the circle.",
            old=note,
        )
