"""Animation B: weight decay = a gradient step, then a pull toward the origin.

Data: quadratic.npz (θ̂), descent_pull.npz (weight-decay iterates ``wd``, the end of each step's gradient part
``wd_after_gradient``, θ̂_ridge per λ), landscape.npz (view window, R_emp contours),
tangency_pull.npz (the R_emp contour and penalty-circle radius through each θ̂_ridge).
"""

from __future__ import annotations

import os

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    UR,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    Rectangle,
    ReplacementTransform,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
    Write,
    smooth,
)

from l2geom.animations.plane import (axis_labels, equal_axes, growing_segments, marker,
                                     polyline)
from l2geom.animations.sampling import sample
from l2geom.animations.scene import LAMBDAS_ENV, DataScene
from l2geom.animations.style import (INK, LABEL_SIZE, PALETTE, SMALL_SIZE, TEXT_SIZE, lines, math,
                                     tex)
from l2geom import datafile
from l2geom.core.plane import circle, view_window
from l2geom.views import fit_aspect
from l2geom.numbers import exact


ZOOM_PAD = 0.35   # the zoomed view around the last steps, as a share of their span
TRAIL_STEPS = 6   # earlier steps the zoomed view shows as a faint trail


class DecayTrajectories(DataScene):
    """Weight-decay iterates on the R_emp contours for several λ, side by side."""

    SLOW_STEPS = 3  # steps shown one by one, each as gradient step then decay pull
    SETTLE_STEPS = 2  # the last steps, shown one by one in the zoomed view
    STAGES = ("the picture", *(f"step {k}" for k in range(1, SLOW_STEPS + 1)),
              "fast forward", "zoom", "settled", "θ̂_Ridge")

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
        self.build_panels()
        self.build_legend()

        self.play(*[Create(p.axes) for p in self.panels], *[FadeIn(p.names) for p in self.panels],
                  *[FadeIn(p.titles) for p in self.panels], run_time=self.t(1.2))
        self.play(*[Create(p.contours) for p in self.panels], run_time=self.t(1.5))
        self.play(*[FadeIn(p.theta_hat) for p in self.panels], Write(self.equation),
                  run_time=self.t(1.5))
        self.play(FadeIn(self.legend), *[FadeIn(p.dot) for p in self.panels],
                  run_time=self.t(1.0))
        self.pause(1.0)

        slow = 1 if self.short else self.SLOW_STEPS
        settle = 1 if self.short else self.SETTLE_STEPS
        self.mark("the picture")
        for k in range(slow):
            self.step(descent, k, explain=(k == 1 or slow == 1))
            self.mark(f"step {k + 1}")
        last = len(descent["wd_after_gradient"][0]) - settle
        self.fast_forward(descent, slow, last)
        self.pause(0.5)
        self.mark("fast forward")
        self.zoom_in(descent, last)
        self.pause(0.5)
        self.mark("zoom")
        for k in range(last, last + settle):
            self.step(descent, k, explain=(k == last))
        self.mark("settled")
        self.reveal_ridge()
        self.pause(2.5)
        self.mark("θ̂_Ridge")

    # ------------------------------------------------------------------ builders
    def build_panels(self) -> None:
        land = self.data["landscape"]
        n = len(self.lambdas)
        gap = 0.55
        width, height = (7.6 - gap * (n - 1)) / n, 6.9
        self.panels = []
        for j, (lam, run) in enumerate(zip(self.lambdas, self.runs)):
            panel = Panel()
            panel.lam, panel.run = lam, run
            panel.axes = equal_axes(land["window"], width, height)
            panel.axes.move_to(np.array([-6.7 + width / 2 + j * (width + gap), -0.35, 0.0]))
            panel.names = axis_labels(panel.axes)
            panel.titles = math(rf"\lambda = {exact(lam)}", size=TEXT_SIZE,
                                color=PALETTE["penalty"]).next_to(panel.axes, UP, buff=0.2)
            panel.contours = VGroup(*[
                polyline(panel.axes, e, PALETTE["risk"], width=2, opacity=0.35)
                for e in land["ellipses"]])
            panel.theta_hat = VGroup(
                marker(panel.axes, self.data["quadratic"]["theta_hat"], PALETTE["weights"]))
            panel.theta_hat.add(math(r"\hat{\theta}", size=LABEL_SIZE, color=PALETTE["weights"])
                                .next_to(panel.theta_hat[0], RIGHT, buff=0.1))
            start = self.data["descent"]["wd"][run][0]
            panel.dot = marker(panel.axes, start, INK, radius=0.065)
            panel.trail = VGroup()
            self.panels.append(panel)

    def build_legend(self) -> None:
        alpha = float(self.data["descent"]["step_size"])
        self.equation = math(
            r"\theta^{[t+1]}", "=", r"\theta^{[t]}",
            r"-\alpha\nabla\mathcal{R}_{\text{emp}}(\theta^{[t]})", r"-\alpha\lambda\,\theta^{[t]}",
            size=TEXT_SIZE)
        self.equation[3].set_color(PALETTE["gradient_step"])
        self.equation[4].set_color(PALETTE["decay_step"])
        self.equation.to_corner(UR, buff=0.55)
        left = self.equation.get_left()[0]
        rows = VGroup()
        for role, text in (("gradient_step", r"gradient step on $\mathcal{R}_{\text{emp}}$"),
                           ("decay_step", r"decay: pull toward $\mathbf{0}$, $\propto \lambda$")):
            swatch = Arrow(LEFT * 0.35, RIGHT * 0.35, buff=0, color=PALETTE[role], stroke_width=6,
                           max_tip_length_to_length_ratio=0.35)
            rows.add(VGroup(swatch, tex(text, size=TEXT_SIZE)).arrange(RIGHT, buff=0.25))
        rows.add(tex(rf"step size $\alpha = {exact(alpha)}$", size=SMALL_SIZE + 2))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        rows.next_to(self.equation, DOWN, buff=0.5).set_x(left, direction=LEFT)
        self.legend = rows

    # ------------------------------------------------------------------ actions
    def step(self, descent: dict, k: int, explain: bool) -> None:
        """Step k in every panel: the gradient arrow, then the decay pull."""
        grads, pulls = [], []
        for p in self.panels:
            a, b = descent["wd"][p.run][k], descent["wd_after_gradient"][p.run][k]
            c = descent["wd"][p.run][k + 1]
            grads.append(self.arrow(p, a, b, PALETTE["gradient_step"]))
            pulls.append(self.arrow(p, b, c, PALETTE["decay_step"]) if not np.allclose(b, c)
                         else None)
        extra = [Indicate(self.equation[3], color=PALETTE["gradient_step"])] if explain else []
        self.play(*[GrowArrow(g) for g in grads], *extra, run_time=self.t(1.2))
        self.play(*[p.dot.animate.move_to(g.get_end()) for p, g in zip(self.panels, grads)],
                  run_time=self.t(0.4))
        live = [q for q in pulls if q is not None]
        if live:
            extra = [Indicate(self.equation[4], color=PALETTE["decay_step"])] if explain else []
            self.play(*[GrowArrow(q) for q in live], *extra, run_time=self.t(1.0))
            self.play(*[p.dot.animate.move_to(q.get_end())
                        for p, q in zip(self.panels, pulls) if q is not None],
                      run_time=self.t(0.4))
        self.pause(1.2 if explain else 0.5)
        # The arrows become the thin trail of the run.
        fades = []
        for p, g, q in zip(self.panels, grads, pulls):
            for arrow, start, end in ((g, descent["wd"][p.run][k], descent["wd_after_gradient"][p.run][k]),
                                      (q, descent["wd_after_gradient"][p.run][k],
                                       descent["wd"][p.run][k + 1])):
                if arrow is None:
                    continue
                seg = self.segment(p, start, end, arrow.get_color())
                p.trail.add(seg)
                fades.append(FadeOut(arrow))
                fades.append(FadeIn(seg))
        self.play(*fades, run_time=self.t(0.5))

    def fast_forward(self, descent: dict, first: int, stop: int) -> None:
        """Steps ``first`` to ``stop`` in one sweep: trails drawn, the iterate riding along.

        Each panel's growing trail is two paths (gradient steps, decay pulls) redrawn per
        frame, not hundreds of segments: the picture the merged trail shows afterwards
        (merge_trail), at a fraction of the drawing."""
        growths, riders = [], []
        for p in self.panels:
            wd, mid = descent["wd"][p.run], descent["wd_after_gradient"][p.run]
            corners = [wd[first]]
            for k in range(first, stop):
                corners += [mid[k], wd[k + 1]]
            corners = np.array(corners)
            ends = np.array([p.axes.c2p(*c) for c in corners])
            paths = VGroup(*[VMobject(stroke_color=PALETTE[role], stroke_width=1.6,
                                      stroke_opacity=0.7)
                             for role in ("gradient_step", "decay_step")])
            p.trail.add(paths)
            growths.append(UpdateFromAlphaFunc(
                paths, lambda m, a, e=ends: [path.set_points(growing_segments(e, a, parity))
                                             for parity, path in enumerate(m)]))
            riders.append(UpdateFromAlphaFunc(
                p.dot, lambda m, a, p=p, c=corners: m.move_to(
                    p.axes.c2p(*sample(c, a * (len(c) - 1))))))
        self.play(*growths, *riders, run_time=self.t(5.0), rate_func=smooth)
        for p in self.panels:  # the stored iterate, exactly
            p.dot.move_to(p.axes.c2p(*descent["wd"][p.run][stop]))
            self.merge_trail(p)

    def zoom_in(self, descent: dict, first: int) -> None:
        """Each panel zooms onto the region where its last steps happen: a box of the
        panel's shape grows to fill it, and the picture is redrawn at the larger scale."""
        land, boxes, frames, olds, news = self.data["landscape"], [], [], [], []
        for p in self.panels:
            wd, mid = descent["wd"][p.run], descent["wd_after_gradient"][p.run]
            near = np.vstack([wd[first:], mid[first:], descent["ridge"][p.run]])
            window = fit_aspect(view_window(near, pad=ZOOM_PAD), p.axes.height / p.axes.width)
            lo, hi = p.axes.c2p(*window[[0, 2]]), p.axes.c2p(*window[[1, 3]])
            boxes.append(Rectangle(width=max(hi[0] - lo[0], 0.08), height=max(hi[1] - lo[1], 0.08),
                                   color=INK, stroke_width=2).move_to((lo + hi) / 2))
            frames.append(Rectangle(width=p.axes.width, height=p.axes.height, color=INK,
                                    stroke_width=2).move_to(p.axes))
            zoomed = equal_axes(window, p.axes.width, p.axes.height).move_to(p.axes)
            zoomed.set_stroke(opacity=0)
            trail = np.array([c for k in range(max(first - TRAIL_STEPS, 0), first)
                              for c in (wd[k], mid[k])] + [wd[first]])
            news.append(VGroup(
                *[polyline(zoomed, e, PALETTE["risk"], width=2, opacity=0.35)
                  for e in land["ellipses"]],
                polyline(zoomed, trail, INK, width=2, opacity=0.45)))
            olds.append(VGroup(p.contours, p.trail, p.theta_hat, p.axes, p.names))
            p.zoom = (p.axes.window[1] - p.axes.window[0]) / (window[1] - window[0])
            p.axes = zoomed
        self.play(*[Create(b) for b in boxes], run_time=self.t(1.0))
        self.play(*[ReplacementTransform(b, f) for b, f in zip(boxes, frames)],
                  *[FadeOut(o) for o in olds], *[FadeIn(n) for n in news],
                  *[p.dot.animate.move_to(p.axes.c2p(*descent["wd"][p.run][first]))
                    for p in self.panels], run_time=self.t(2.0))
        for p, new, frame in zip(self.panels, news, frames):
            p.contours, p.trail = new, VGroup()
            p.zoom_note = tex(rf"zoom $\times{p.zoom:.0f}$", size=SMALL_SIZE + 2)
            p.zoom_note.move_to(frame.get_corner(UP + LEFT) + np.array([0.12, -0.12, 0]),
                                aligned_edge=UP + LEFT)
            self.bring_to_front(p.dot)
        self.play(*[FadeIn(p.zoom_note) for p in self.panels], run_time=self.t(0.6))

    def merge_trail(self, p: "Panel") -> None:
        """The trail's hundreds of segments as one path per stroke style: the same
        picture, drawn and faded as a handful of mobjects."""
        segments = p.trail.family_members_with_points()
        styles: dict[tuple, list[VMobject]] = {}
        for seg in segments:
            key = (seg.get_stroke_color().to_hex(), seg.get_stroke_width(), seg.get_stroke_opacity())
            styles.setdefault(key, []).append(seg)
        merged = VGroup(*[
            VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity)
            .set_points(np.vstack([seg.points for seg in group]))
            for (color, width, opacity), group in styles.items()])
        self.remove(*segments)
        self.add(merged)
        self.bring_to_front(p.dot)
        p.trail = merged

    def reveal_ridge(self) -> None:
        """θ̂_ridge of each run with the R_emp contour and penalty circle touching there."""
        touch = self.data["tangency"]
        anims, labels = [], []
        for p in self.panels:
            i = datafile.index_of(touch["lambdas"], p.lam)
            ridge = self.data["descent"]["ridge"][p.run]
            p.ellipse = polyline(p.axes, touch["ellipses"][i], PALETTE["risk"], width=3)
            p.circle = polyline(p.axes, circle(touch["radii"][i]), PALETTE["penalty"],
                                width=3, dashed=True)
            p.ridge = marker(p.axes, ridge, PALETTE["ridge"], radius=0.1)
            label = math(r"\hat{\theta}_{\text{Ridge}}", size=LABEL_SIZE, color=PALETTE["ridge"])
            label.next_to(p.ridge, LEFT, buff=0.12)
            label.add_background_rectangle(color=PALETTE["background"], opacity=0.85, buff=0.04)
            labels.append(label)
            anims += [Create(p.ellipse), Create(p.circle)]
        self.play(*[p.trail.animate.set_stroke(opacity=0.45) for p in self.panels],
                  *anims, run_time=self.t(2.0))
        self.play(*[FadeIn(p.ridge, scale=1.5) for p in self.panels], *[FadeIn(l) for l in labels],
                  run_time=self.t(1.0))
        for p in self.panels:  # the iterate stays on top of the ridge marker
            self.bring_to_front(p.dot)
        note = lines(r"The iterates settle at $\hat{\theta}_{\text{Ridge}}$, where",
                     r"an $\mathcal{R}_{\text{emp}}$ contour touches a penalty circle:",
                     r"there gradient step and pull cancel.",
                     r"Larger $\lambda$: stronger pull, closer to $\mathbf{0}$.",
                     size=SMALL_SIZE + 2)
        note.next_to(self.legend, DOWN, buff=0.6).set_x(self.legend.get_left()[0], direction=LEFT)
        self.play(FadeIn(note, shift=0.2 * UP), run_time=self.t(1.2))

    # ------------------------------------------------------------------ drawing helpers
    def arrow(self, p: "Panel", start: np.ndarray, end: np.ndarray, color) -> Arrow:
        return Arrow(p.axes.c2p(*start), p.axes.c2p(*end), buff=0, color=color, stroke_width=5,
                     max_tip_length_to_length_ratio=0.35, max_stroke_width_to_length_ratio=12)

    def segment(self, p: "Panel", start: np.ndarray, end: np.ndarray, color,
                width: float = 2.2, opacity: float = 1.0) -> VMobject:
        seg = VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity)
        seg.set_points_as_corners([p.axes.c2p(*start), p.axes.c2p(*end)])
        return seg


class Panel:
    """The mobjects of one λ's panel."""
