"""Animation A: θ̂_ridge = Q (Σ + λI)⁻¹ Σ Qᵀ θ̂ as rotate, rescale, rotate back.

Data: rescale.npz (θ̂, eigenvalues, eigenvectors Q, projected = Qᵀθ̂, factors,
scaled, ridge = θ̂_ridge at the scenario's rescale λ).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    FadeTransform,
    GrowArrow,
    Indicate,
    Line,
    ReplacementTransform,
    Rotate,
    SurroundingRectangle,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
)

from l2geom.animations.plane import axis_labels, equal_axes, marker, set_polyline
from l2geom.animations.scene import DataScene
from l2geom.animations.style import INK, LABEL_SIZE, PALETTE, SMALL_SIZE, TEXT_SIZE, math, tex
from l2geom.core.plane import view_window
from l2geom.numbers import EIGENVALUE, exact, number

DASH_PERIOD = 0.1  # Manim's DashedLine: 0.05-unit dashes, half of each period

FORMULA = (r"\hat{\theta}_{\text{Ridge}}", "=", r"\mathbf{Q}",
           r"(\mathbf{\Sigma}+\lambda\mathbf{I})^{-1}\mathbf{\Sigma}", r"\mathbf{Q}^{\top}",
           r"\hat{\theta}")


class RotateRescale(DataScene):
    """Rotate θ̂ into the eigenbasis of H, rescale each component by σᵢ/(σᵢ+λ), rotate back."""

    DATA = {"rescale": "rescale"}

    # ------------------------------------------------------------------ storyboard
    def construct(self) -> None:
        d = self.data["rescale"]
        self.build_plane(d)
        self.build_panel(d)

        self.play(Create(self.axes), FadeIn(self.axis_names), run_time=self.t(1.2))
        self.play(GrowArrow(self.theta_arrow), FadeIn(self.theta_label), run_time=self.t(1.2))
        self.play(Write(self.formula), run_time=self.t(1.5))
        self.play(*[Create(line) for line in self.eigen_lines], FadeIn(self.eigen_labels),
                  FadeIn(self.eigen_note), run_time=self.t(1.5))
        self.pause(1.5)

        # 1. Rotate by Qᵀ: the eigenvectors of H become the coordinate axes.
        self.stage(0, "Q^T")
        self.play(Rotate(self.world, angle=-float(d["angle"]),
                         about_point=self.axes.c2p(0, 0)), run_time=self.t(3.0))
        self.relabel_theta(r"\mathbf{Q}^{\top}\hat{\theta}")
        self.show_components(d["projected"])
        self.pause(1.5)

        # 2. Rescale each component by σᵢ/(σᵢ+λ).
        self.stage(1, "rescale")
        self.play(FadeIn(self.lam_line), run_time=self.t(0.8))
        for i in range(2):
            self.play(FadeIn(self.factor_lines[i]), Indicate(self.components[i], color=None),
                      run_time=self.t(1.2))
            self.play(self.trackers[i].animate.set_value(float(d["scaled"][i])),
                      run_time=self.t(2.0))
            self.pause(0.8)
        self.pause(0.7)

        # 3. Rotate back by Q, landing on θ̂_ridge.
        self.stage(2, "Q")
        self.freeze_components(d["scaled"])
        self.play(FadeOut(self.components), FadeOut(self.dashes), FadeOut(self.theta_label),
                  run_time=self.t(0.8))
        self.play(Rotate(self.world, angle=float(d["angle"]),
                         about_point=self.axes.c2p(0, 0)), run_time=self.t(3.0))
        self.land(d)
        self.pause(3.5)

    # ------------------------------------------------------------------ builders
    def build_plane(self, d: dict) -> None:
        """Axes, θ̂ and the eigen-axes; ``self.world`` is what the rotations turn."""
        proj, scaled, q = d["projected"], d["scaled"], d["eigenvectors"]
        reach = 0.22 * float(np.max(np.abs(proj)))
        self.extent = [(min(0.0, p) - reach, max(0.0, p) + reach) for p in proj]
        tilted = [np.outer(self.extent[i], q[:, i]) for i in range(2)]
        aligned = [np.outer(self.extent[i], np.eye(2)[i]) for i in range(2)]
        window = view_window(np.vstack([np.zeros(2), d["theta_hat"], proj, scaled, d["ridge"],
                                       *tilted, *aligned]), pad=0.06)
        self.axes = equal_axes(window, width=7.0, height=6.9).to_corner(UL, buff=0.45)
        self.axis_names = axis_labels(self.axes)
        ax = self.axes
        color = PALETTE["eigen_axes"]
        # Each eigen-axis runs toward the side where θ̂'s component lies (its label's end).
        self.eigen_lines = VGroup()
        for i in range(2):
            lo, hi = tilted[i]
            start, end = (hi, lo) if proj[i] < 0 else (lo, hi)
            self.eigen_lines.add(Line(ax.c2p(*start), ax.c2p(*end), color=color, stroke_width=4))
        self.eigen_labels = VGroup(*[
            self.end_label(line, rf"\mathbf{{q}}_{i + 1}", color)
            for i, line in enumerate(self.eigen_lines)])
        self.theta_arrow = self.vector(d["theta_hat"], PALETTE["weights"])
        self.theta_label = self.tip_label(self.theta_arrow, r"\hat{\theta}", PALETTE["weights"])
        self.world = VGroup(self.eigen_lines, self.theta_arrow)

    def build_panel(self, d: dict) -> None:
        """Formula, stage captions, λ and the shrink factors in the right-hand column."""
        self.formula = math(*FORMULA, size=44).to_corner(UP + RIGHT, buff=0.5)
        self.parts = {"Q^T": VGroup(self.formula[4], self.formula[5]),
                      "rescale": self.formula[3], "Q": self.formula[2]}
        self.stage_colors = {"Q^T": PALETTE["eigen_axes"], "rescale": PALETTE["decay_step"],
                             "Q": PALETTE["ridge"]}
        left = self.formula.get_left()[0]
        sigma = d["eigenvalues"]
        self.eigen_note = tex(
            r"eigen-axes $\mathbf{q}_1, \mathbf{q}_2$ of $\mathbf{H}$:",
            rf" $\sigma_1 = {number(sigma[0], EIGENVALUE)}$ (flat), $\sigma_2 = {number(sigma[1], EIGENVALUE)}$ (steep)",
            size=SMALL_SIZE + 2).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        self.eigen_note.next_to(self.formula, DOWN, buff=0.35).set_x(left, direction=LEFT)
        self.captions = [
            tex(r"1.\ Rotate by $\mathbf{Q}^\top$:", r" the eigenvectors of $\mathbf{H}$",
                r" become the coordinate axes."),
            tex(r"2.\ Rescale component $i$", r" by $\sigma_i/(\sigma_i+\lambda)$."),
            tex(r"3.\ Rotate back by $\mathbf{Q}$:", r" we land on $\hat{\theta}_{\text{Ridge}}$."),
        ]
        for caption in self.captions:
            caption.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
            caption.next_to(self.eigen_note, DOWN, buff=0.45).set_x(left, direction=LEFT)
        lam, factors = float(d["lam"]), d["factors"]
        self.lam_line = math(rf"\lambda = {exact(lam)}", size=TEXT_SIZE, color=PALETTE["penalty"])
        self.factor_lines = VGroup(*[
            math(rf"\frac{{\sigma_{i + 1}}}{{\sigma_{i + 1}+\lambda}}"
                 rf" = \frac{{{number(sigma[i], EIGENVALUE)}}}{{{number(sigma[i], EIGENVALUE)}+{exact(lam)}}}"
                 rf" = {factors[i]:.2f}", size=TEXT_SIZE)
            for i in range(2)])
        rows = VGroup(self.lam_line, *self.factor_lines).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        rows.next_to(self.captions[1], DOWN, buff=0.5).set_x(left, direction=LEFT)
        self.highlight = None

    # ------------------------------------------------------------------ drawing helpers
    def vector(self, point: np.ndarray, color) -> Arrow:
        return Arrow(self.axes.c2p(0, 0), self.axes.c2p(*point), buff=0, color=color,
                     stroke_width=6, max_tip_length_to_length_ratio=0.1,
                     max_stroke_width_to_length_ratio=10)

    def end_label(self, line: Line, text: str, color) -> "VGroup":
        label = math(text, size=LABEL_SIZE, color=color)
        label.add_updater(lambda m: m.next_to(line.get_end(), line.get_unit_vector(), buff=0.12))
        return label.update()

    def tip_label(self, arrow: Arrow, text: str, color) -> "VGroup":
        label = math(text, size=LABEL_SIZE, color=color)
        label.add_updater(lambda m: m.next_to(arrow.get_end(), arrow.get_unit_vector(), buff=0.1))
        return label.update()

    def relabel_theta(self, text: str) -> None:
        new = self.tip_label(self.current_arrow(), text, PALETTE["weights"])
        self.play(FadeTransform(self.theta_label, new), run_time=self.t(1.0))
        self.theta_label = new

    def current_arrow(self) -> Arrow:
        return getattr(self, "live_arrow", self.theta_arrow)

    def stage(self, index: int, part: str) -> None:
        """Show caption ``index`` and highlight the matching part of the formula."""
        color = self.stage_colors[part]
        box = SurroundingRectangle(self.parts[part], color=color, buff=0.08, corner_radius=0.06)
        if index > 0:
            self.play(FadeOut(self.captions[index - 1]), run_time=self.t(0.5))
        anims = [FadeIn(self.captions[index], shift=0.2 * UP)]
        if self.highlight is None:
            anims.append(Create(box))
        else:
            anims.append(ReplacementTransform(self.highlight, box))
        self.play(*anims, self.parts[part].animate.set_color(color), run_time=self.t(1.2))
        self.highlight = box
        self.pause(1.2)

    def show_components(self, proj: np.ndarray) -> None:
        """θ̂'s coordinates in the eigenbasis as bars on the axes, driven by trackers.

        The bars, the dashed drops and the live vector are rewritten in place each frame
        (``always_redraw`` would rebuild them, a dashed line costing ~10 ms a frame).
        """
        ax = self.axes
        self.trackers = [ValueTracker(float(p)) for p in proj]

        def point() -> np.ndarray:
            return np.array([tracker.get_value() for tracker in self.trackers])

        def follower(ends, dashed: bool = False, **style) -> VMobject:
            """A segment between the parameter-space points ``ends()``, kept up to date."""
            mob = VMobject(**style)
            return mob.add_updater(lambda m: set_polyline(m, ax, ends(), dashed=dashed,
                                                          dash=DASH_PERIOD, ratio=0.5)).update()

        axis = np.eye(2)
        bar = {"stroke_color": PALETTE["eigen_axes"], "stroke_width": 12, "stroke_opacity": 0.7}
        drop = {"stroke_color": INK, "stroke_width": 2}
        self.components = VGroup(*[
            follower(lambda i=i: np.array([np.zeros(2), point() * axis[i]]), **bar)
            for i in range(2)])
        self.dashes = VGroup(*[
            follower(lambda i=i: np.array([point(), point() * axis[i]]), dashed=True, **drop)
            for i in range(2)])
        self.ghost = self.vector(proj, PALETTE["weights"]).set_opacity(0.3)
        self.live_arrow = self.vector(proj, PALETTE["ridge"]).add_updater(
            lambda m: m.become(self.vector(point(), PALETTE["ridge"])))
        self.add(self.ghost)
        self.play(Create(self.dashes), Create(self.components), run_time=self.t(1.5))
        self.remove(self.theta_arrow)
        self.world.remove(self.theta_arrow)
        self.play(FadeIn(self.live_arrow), run_time=self.t(0.5))
        self.theta_label.clear_updaters()
        self.theta_label.add_updater(lambda m: m.next_to(
            self.live_arrow.get_end(), self.live_arrow.get_unit_vector(), buff=0.1))
        self.bring_to_front(self.theta_label)  # updated after the arrow: no frame of lag

    def freeze_components(self, scaled: np.ndarray) -> None:
        """Replace the tracker-driven vector by a static one at the stored ``scaled``."""
        self.remove(self.live_arrow)
        self.result = self.vector(scaled, PALETTE["ridge"])
        self.ridge_marker = marker(self.axes, scaled, PALETTE["ridge"], radius=0.07)
        self.add(self.result, self.ridge_marker)
        self.world.add(self.ghost, self.result, self.ridge_marker)

    def land(self, d: dict) -> None:
        """Snap onto the stored θ̂_ridge and label both vectors."""
        ax = self.axes
        self.result.put_start_and_end_on(ax.c2p(0, 0), ax.c2p(*d["ridge"]))
        self.ridge_marker.move_to(ax.c2p(*d["ridge"]))
        self.ghost.put_start_and_end_on(ax.c2p(0, 0), ax.c2p(*d["theta_hat"]))
        ridge_label = math(r"\hat{\theta}_{\text{Ridge}}", size=LABEL_SIZE,
                           color=PALETTE["ridge"]).next_to(self.ridge_marker, RIGHT, buff=0.15)
        theta_label = math(r"\hat{\theta}", size=LABEL_SIZE, color=PALETTE["weights"])
        theta_label.next_to(self.ghost.get_end(), self.ghost.get_unit_vector(), buff=0.1)
        factors = d["factors"]
        summary = tex(rf"Flat direction scaled by ${factors[0]:.2f}$,",
                      rf" steep direction by ${factors[1]:.2f}$.", size=TEXT_SIZE)
        summary.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        summary.next_to(self.factor_lines, DOWN, buff=0.55)
        summary.set_x(self.formula.get_left()[0], direction=LEFT)
        self.play(FadeIn(ridge_label), FadeIn(theta_label),
                  self.ghost.animate.set_opacity(0.6), run_time=self.t(1.0))
        self.play(Indicate(self.ridge_marker, color=PALETTE["ridge"], scale_factor=1.6),
                  FadeIn(summary, shift=0.2 * UP), run_time=self.t(1.5))
