"""Animation A: θ̂_ridge = Q (Σ + λI)⁻¹ Σ Qᵀ θ̂ as rotate, rescale, rotate back, on the
R_emp contours.

The plane (a grid, the R_emp contours, the eigen-axes q₁, q₂ and θ̂) is cut to a disc
about the origin, so that turning it never leaves the picture. Step 1 turns it by Qᵀ:
the eigen-axes land on the coordinate axes and the ellipses become axis-aligned. Step 2
applies the diagonal map (Σ + λI)⁻¹Σ to a copy of the grid and to θ̂'s components, the
flat direction shrinking most. Step 3 turns everything back by Q, onto θ̂_ridge, where the
R_emp contour and the penalty circle through it touch.

Data: rescale.npz (θ̂, σ, Q and its angle, Qᵀθ̂, factors, scaled, θ̂_ridge),
landscape.npz (R_emp contours), tangency_rescale.npz (the contour and the penalty-circle
radius through θ̂_ridge).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    ApplyMatrix,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    FadeTransform,
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

from l2geom.animations.clipping import clip_to_disc
from l2geom.animations.plane import equal_axes, marker, polyline, set_polyline
from l2geom.animations.scene import DataScene
from l2geom.animations.style import INK, LABEL_SIZE, PALETTE, TEXT_SIZE, lines, math
from l2geom import datafile
from l2geom.core.plane import circle
from l2geom.numbers import EIGENVALUE, FACTOR, exact, number

DASH_PERIOD = 0.1      # Manim's DashedLine: 0.05-unit dashes, half of each period
DISC_RADIUS = 3.6      # scene units: the plane's disc (the frame is 8 units high)
GRID_LINES = 4         # grid lines on each side of each axis, inside the disc
REACH = 1.25           # the disc's radius in units of ‖θ̂‖

FORMULA = (r"\hat{\theta}_{\text{Ridge}}", "=", r"\mathbf{Q}",
           r"(\mathbf{\Sigma}+\lambda\mathbf{I})^{-1}\mathbf{\Sigma}", r"\mathbf{Q}^{\top}",
           r"\hat{\theta}")


class RotateRescale(DataScene):
    """Rotate the plane into the eigenbasis of H, rescale each component by σᵢ/(σᵢ+λ),
    rotate back: θ̂ becomes θ̂_ridge, where an R_emp contour touches a penalty circle."""

    STAGES = ("the picture", "rotate", "rescale", "rotate back", "the tangency")

    # ------------------------------------------------------------------ storyboard
    def construct(self) -> None:
        d = self.data["rescale"]
        self.build_plane(d)
        self.build_panel(d)

        self.play(Create(self.axes), FadeIn(self.grid), run_time=self.t(1.0))
        self.play(Create(self.contours), FadeIn(self.theta_hat), run_time=self.t(1.5))
        self.play(Write(self.formula), run_time=self.t(1.5))
        self.play(*[Create(line) for line in self.eigen_lines], FadeIn(self.eigen_labels),
                  FadeIn(self.eigen_note), run_time=self.t(1.5))
        self.pause(1.5)
        self.mark("the picture")

        # 1. Rotate by Qᵀ: the eigen-axes become the coordinate axes.
        self.stage(0, "Q^T")
        self.play(Rotate(self.world, angle=-float(d["angle"]), about_point=self.origin),
                  run_time=self.t(3.0))
        self.relabel_theta(r"\mathbf{Q}^{\top}\hat{\theta}")
        self.show_components(d["projected"])
        self.pause(1.5)
        self.mark("rotate")

        # 2. Rescale each component by σᵢ/(σᵢ+λ): the grid shows the map.
        self.stage(1, "rescale")
        self.play(FadeIn(self.lam_line), FadeIn(self.map_grid), run_time=self.t(0.8))
        for i in range(2):
            scale = np.eye(3)
            scale[i, i] = float(d["factors"][i])
            self.play(FadeIn(self.factor_lines[i]), Indicate(self.components[i], color=None),
                      run_time=self.t(1.2))
            self.play(ApplyMatrix(scale, self.map_grid, about_point=self.origin),
                      self.trackers[i].animate.set_value(float(d["scaled"][i])),
                      run_time=self.t(2.0))
            self.pause(0.8)
        self.pause(0.7)
        self.mark("rescale")

        # 3. Rotate back by Q, landing on θ̂_ridge.
        self.stage(2, "Q")
        self.freeze_components(d["scaled"])
        self.play(FadeOut(self.components), FadeOut(self.dashes), FadeOut(self.theta_label),
                  FadeOut(self.map_grid), run_time=self.t(0.8))
        self.play(Rotate(self.world, angle=float(d["angle"]), about_point=self.origin),
                  run_time=self.t(3.0))
        self.mark("rotate back")
        self.land(d)
        self.pause(3.5)
        self.mark("the tangency")

    # ------------------------------------------------------------------ builders
    def build_plane(self, d: dict) -> None:
        """Axes, grid, contours, eigen-axes and θ̂ in a disc about the origin;
        ``self.world`` is what the rotations turn."""
        self.radius = REACH * float(np.linalg.norm(d["theta_hat"]))
        r = self.radius
        self.axes = equal_axes(np.array([-r, r, -r, r]), 2 * DISC_RADIUS, 2 * DISC_RADIUS)
        self.axes.to_edge(LEFT, buff=0.5)
        self.origin = self.axes.c2p(0, 0)
        ax = self.axes
        self.grid = self.grid_lines(PALETTE["ink"], opacity=0.16)
        self.map_grid = self.grid_lines(PALETTE["decay_step"], opacity=0.55)
        self.contours = VGroup(*[self.disc_polyline(e, PALETTE["risk"], width=2, opacity=0.55)
                                 for e in self.data["landscape"]["ellipses"]])
        color = PALETTE["eigen_axes"]
        self.eigen_lines = VGroup()
        for i in range(2):
            # each eigen-axis runs toward the side where θ̂'s component lies (its label's end)
            end = d["eigenvectors"][:, i] * r * np.sign(d["projected"][i] or 1.0)
            self.eigen_lines.add(Line(ax.c2p(*-end), ax.c2p(*end), color=color, stroke_width=4))
        self.eigen_labels = VGroup(*[
            self.end_label(line, rf"\mathbf{{q}}_{i + 1}", color)
            for i, line in enumerate(self.eigen_lines)])
        self.theta_arrow = self.vector(d["theta_hat"], PALETTE["weights"])
        self.theta_label = self.tip_label(self.theta_arrow, r"\hat{\theta}", PALETTE["weights"])
        self.theta_hat = VGroup(self.theta_arrow, self.theta_label)
        self.world = VGroup(self.grid, self.contours, self.eigen_lines, self.theta_arrow)

    def grid_lines(self, color, opacity: float) -> VGroup:
        """Lines parallel to both axes, every 1/GRID_LINES of the disc's radius, cut to it."""
        r, lines = self.radius, VGroup()
        for k in range(-GRID_LINES + 1, GRID_LINES):
            offset = k * r / GRID_LINES
            for ends in (((offset, -r), (offset, r)), ((-r, offset), (r, offset))):
                lines.add(self.disc_polyline(np.array(ends), color,
                                             width=1.5, opacity=opacity))
        return lines

    def disc_polyline(self, points: np.ndarray, color, width: float = 2,
                      opacity: float = 1.0, dashed: bool = False) -> VGroup:
        """The polyline ``points`` (n, 2) cut to the plane's disc."""
        group = VGroup()
        for piece in clip_to_disc(points, self.radius):
            group.add(*polyline(self.axes, piece, color, width=width, opacity=opacity,
                                dashed=dashed))
        return group

    def build_panel(self, d: dict) -> None:
        """Formula, stage captions, λ and the shrink factors in the right-hand column."""
        self.formula = math(*FORMULA, size=42).to_corner(UP + RIGHT, buff=0.45)
        self.parts = {"Q^T": VGroup(self.formula[4], self.formula[5]),
                      "rescale": self.formula[3], "Q": self.formula[2]}
        self.stage_colors = {"Q^T": PALETTE["eigen_axes"], "rescale": PALETTE["decay_step"],
                             "Q": PALETTE["ridge"]}
        left = self.formula.get_left()[0]
        sigma = [number(s, EIGENVALUE) for s in d["eigenvalues"]]
        self.eigen_note = lines(
            r"eigen-axes $\mathbf{q}_1, \mathbf{q}_2$ of $\mathbf{H}$:",
            rf"$\sigma_1 = {sigma[0]}$ (flat), $\sigma_2 = {sigma[1]}$ (steep)")
        self.eigen_note.next_to(self.formula, DOWN, buff=0.4).set_x(left, direction=LEFT)
        self.captions = [
            lines(r"1.\ Rotate by $\mathbf{Q}^\top$:", r"the eigen-axes become",
                  r"the coordinate axes,", r"the ellipses axis-aligned."),
            lines(r"2.\ Rescale component $i$", r"by $\sigma_i/(\sigma_i+\lambda)$."),
            lines(r"3.\ Rotate back by $\mathbf{Q}$:", r"we land on $\hat{\theta}_{\text{Ridge}}$."),
        ]
        for caption in self.captions:
            caption.next_to(self.eigen_note, DOWN, buff=0.45).set_x(left, direction=LEFT)
        lam = exact(float(d["lam"]))
        self.lam_line = math(rf"\lambda = {lam}", size=TEXT_SIZE, color=PALETTE["penalty"])
        self.factor_lines = VGroup(*[
            math(rf"\frac{{\sigma_{i + 1}}}{{\sigma_{i + 1}+\lambda}}"
                 rf" = \frac{{{sigma[i]}}}{{{sigma[i]}+{lam}}}"
                 rf" = {number(d['factors'][i], FACTOR)}", size=TEXT_SIZE)
            for i in range(2)])
        rows = VGroup(self.lam_line, *self.factor_lines).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        rows.next_to(self.captions[0], DOWN, buff=0.4).set_x(left, direction=LEFT)
        self.highlight = None

    # ------------------------------------------------------------------ drawing helpers
    def vector(self, point: np.ndarray, color) -> Arrow:
        return Arrow(self.origin, self.axes.c2p(*point), buff=0, color=color,
                     stroke_width=6, max_tip_length_to_length_ratio=0.1,
                     max_stroke_width_to_length_ratio=10)

    def end_label(self, line: Line, text: str, color) -> VGroup:
        label = math(text, size=LABEL_SIZE, color=color)
        label.add_updater(lambda m: m.next_to(line.get_end(), line.get_unit_vector(), buff=0.12))
        return label.update()

    def tip_label(self, arrow: Arrow, text: str, color) -> VGroup:
        label = math(text, size=LABEL_SIZE, color=color)
        label.add_updater(lambda m: m.next_to(arrow.get_end(), arrow.get_unit_vector(), buff=0.1))
        return label.update()

    def relabel_theta(self, text: str) -> None:
        new = self.tip_label(self.theta_arrow, text, PALETTE["weights"])
        self.play(FadeTransform(self.theta_label, new), run_time=self.t(1.0))
        self.theta_label = new

    def stage(self, index: int, part: str) -> None:
        """Show caption ``index`` and highlight the matching part of the formula."""
        color = self.stage_colors[part]
        box = SurroundingRectangle(self.parts[part], color=color, buff=0.08, corner_radius=0.06)
        anims = [FadeIn(self.captions[index], shift=0.2 * UP)]
        if index > 0:
            self.play(FadeOut(self.captions[index - 1]), run_time=self.t(0.5))
        anims.append(Create(box) if self.highlight is None
                     else ReplacementTransform(self.highlight, box))
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
        self.ridge_marker = marker(self.axes, scaled, PALETTE["ridge"], radius=0.08)
        self.add(self.result, self.ridge_marker)
        self.world.add(self.ghost, self.result, self.ridge_marker)

    def land(self, d: dict) -> None:
        """Snap onto the stored θ̂_ridge; the contour and the penalty circle through it touch."""
        ax, touch = self.axes, self.data["tangency"]
        k = datafile.index_of(touch["lambdas"], float(d["lam"]))
        self.result.put_start_and_end_on(self.origin, ax.c2p(*d["ridge"]))
        self.ridge_marker.move_to(ax.c2p(*d["ridge"]))
        self.ghost.put_start_and_end_on(self.origin, ax.c2p(*d["theta_hat"]))
        self.touching = self.disc_polyline(touch["ellipses"][k], PALETTE["risk"], width=4)
        self.penalty = self.disc_polyline(circle(touch["radii"][k]), PALETTE["penalty"],
                                          width=4, dashed=True)
        ridge_label = math(r"\hat{\theta}_{\text{Ridge}}", size=LABEL_SIZE, color=PALETTE["ridge"])
        along = self.result.get_unit_vector()
        across = np.array([along[1], -along[0], 0.0])  # clockwise from θ̂_ridge's direction
        if np.dot(across, self.ghost.get_unit_vector()) > 0:  # θ̂ lies that way: the other side
            across = -across
        # The contour and the circle both run along `across` there: the label goes inward
        # too, into the penalty disc, so it hides neither.
        inward = across - 0.45 * along
        ridge_label.next_to(self.ridge_marker, inward / np.linalg.norm(inward), buff=0.3)
        ridge_label.add_background_rectangle(color=PALETTE["background"], opacity=0.85, buff=0.04)
        theta_label = math(r"\hat{\theta}", size=LABEL_SIZE, color=PALETTE["weights"])
        theta_label.next_to(self.ghost.get_end(), self.ghost.get_unit_vector(), buff=0.1)
        factors = [number(f, FACTOR) for f in d["factors"]]
        summary = lines(rf"Flat direction $\times\,{factors[0]}$, steep $\times\,{factors[1]}$:",
                        r"$\hat{\theta}_{\text{Ridge}}$ is where a contour",
                        r"of $\mathcal{R}_{\text{emp}}$ touches a penalty circle.")
        summary.move_to(self.captions[2], aligned_edge=UP + LEFT)
        self.play(FadeIn(ridge_label), FadeIn(theta_label),
                  self.ghost.animate.set_opacity(0.6), run_time=self.t(1.0))
        self.play(Create(self.touching), Create(self.penalty), run_time=self.t(2.0))
        self.bring_to_front(self.ridge_marker, ridge_label)
        self.play(Indicate(self.ridge_marker, color=PALETTE["ridge"], scale_factor=1.6),
                  FadeOut(self.captions[2]), FadeIn(summary, shift=0.2 * UP),
                  run_time=self.t(1.5))
