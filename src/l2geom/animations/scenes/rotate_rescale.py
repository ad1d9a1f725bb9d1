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

from dataclasses import dataclass
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    ApplyMatrix,
    Arrow,
    Axes,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    FadeTransform,
    Indicate,
    Line,
    ManimColor,
    MathTex,
    ReplacementTransform,
    Rotate,
    SurroundingRectangle,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
)

from l2geom import datafile
from l2geom.animations.clipping import clip_to_disc
from l2geom.animations.layout import (
    CAPTION_GAP,
    DISC_RADIUS,
    EIGEN_LABEL_GAP,
    EIGEN_NOTE_GAP,
    ENTRANCE_SHIFT,
    FACTOR_ROW_GAP,
    FACTORS_GAP,
    FORMULA_CORNER_GAP,
    HIGHLIGHT_CORNER,
    HIGHLIGHT_GAP,
    PLANE_EDGE_GAP,
    POINT_LABEL_GAP,
    RIDGE_LABEL_BACK,
    RIDGE_LABEL_GAP,
)
from l2geom.animations.plane import PlaneAxes, equal_axes, marker, polyline, set_polyline
from l2geom.animations.scene import DataScene, Stage
from l2geom.animations.style import (
    DISPLAY_SIZE,
    INK,
    LABEL_SIZE,
    PALETTE,
    TEXT_SIZE,
    lines,
    math,
    on_backdrop,
)
from l2geom.core.plane import circle
from l2geom.numbers import EIGENVALUE, FACTOR, exact, number

DASH_PERIOD = 0.1  # Manim's DashedLine: 0.05-unit dashes, half of each period
GRID_LINES = 4  # grid lines on each side of each axis, inside the disc
REACH = 1.25  # the disc's radius in units of ‖θ̂‖

FORMULA = (
    r"\hat{\theta}_{\text{Ridge}}",
    "=",
    r"\mathbf{Q}",
    r"(\mathbf{\Sigma}+\lambda\mathbf{I})^{-1}\mathbf{\Sigma}",
    r"\mathbf{Q}^{\top}",
    r"\hat{\theta}",
)
# The three steps: the part of FORMULA each one applies, and its colour.
STEPS = ("Q^T", "rescale", "Q")
STEP_COLORS = {
    "Q^T": PALETTE["eigen_axes"],
    "rescale": PALETTE["decay_step"],
    "Q": PALETTE["ridge"],
}


@dataclass
class Plane:
    """The parameter plane in its disc; ``world`` is what the rotations turn."""

    axes: PlaneAxes
    radius: float  # the disc's, in parameter units
    grid: VGroup
    map_grid: VGroup  # the grid that step 2 rescales
    contours: VGroup
    eigen_lines: VGroup
    eigen_labels: VGroup
    theta_arrow: Arrow
    theta_hat: VGroup  # the arrow and its label
    world: VGroup

    @property
    def origin(self) -> np.ndarray:
        return self.axes.c2p(0, 0)


@dataclass
class Column:
    """The right-hand column: the formula, a caption per step, λ and the shrink factors."""

    formula: MathTex
    parts: dict[str, VMobject]  # the part of the formula each step applies
    eigen_note: VGroup
    captions: list[VGroup]
    lam_line: MathTex
    factor_lines: VGroup
    summary: VGroup  # replaces the last caption at the end


@dataclass
class Components:
    """θ̂'s coordinates in the eigenbasis while step 2 rescales them: bars on the axes,
    dashed drops from the vector's tip, the vector, all driven by one tracker each."""

    trackers: list[ValueTracker]
    bars: VGroup
    drops: VGroup
    ghost: Arrow  # θ̂ where it was, faint
    arrow: Arrow


@dataclass
class Ridge:
    """θ̂_Ridge, and the R_emp contour and penalty circle that touch there."""

    arrow: Arrow
    marker: Dot
    contour: VGroup
    circle: VGroup


class RotateRescale(DataScene):
    """Rotate the plane into the eigenbasis of H, rescale each component by σᵢ/(σᵢ+λ),
    rotate back: θ̂ becomes θ̂_ridge, where an R_emp contour touches a penalty circle."""

    # the poster: in the eigenbasis, each component of Qᵀθ̂ scaled by its factor
    POSTER = "rescale"
    STAGES = (
        Stage(
            "the picture",
            "θ̂ among the elliptic R_emp contours, with the eigen-axes of H; "
            "beside it the formula θ̂_Ridge = Q(Σ+λI)⁻¹ΣQᵀθ̂.",
        ),
        Stage(
            "rotate",
            "The plane turns by Qᵀ: the eigen-axes become the coordinate axes, the "
            "ellipses axis-aligned, and θ̂ becomes Qᵀθ̂ with its two components.",
        ),
        Stage(
            "rescale",
            "Each component of Qᵀθ̂ is multiplied by its factor σᵢ/(σᵢ+λ): the "
            "flat direction (small σ) shrinks much, the steep one little.",
        ),
        Stage("rotate back", "The plane turns back by Q, carrying the rescaled point with it."),
        Stage(
            "the tangency",
            "The point is θ̂_Ridge, where an R_emp contour touches the penalty circle through it.",
        ),
    )

    # ------------------------------------------------------------------ storyboard
    def construct(self) -> None:
        d = self.data["rescale"]
        plane = self.plane = build_plane(d, self.data["landscape"]["ellipses"])
        column = build_column(d)
        ridge = self.ridge = build_ridge(plane, d, self.data["tangency"])

        self.play(Create(plane.axes), FadeIn(plane.grid), run_time=self.t(1.0))
        self.play(Create(plane.contours), FadeIn(plane.theta_hat), run_time=self.t(1.5))
        self.play(Write(column.formula), run_time=self.t(1.5))
        self.play(
            *[Create(line) for line in plane.eigen_lines],
            FadeIn(plane.eigen_labels),
            FadeIn(column.eigen_note),
            run_time=self.t(1.5),
        )
        self.pause(1.5)
        self.mark("the picture")

        # 1. Rotate by Qᵀ: the eigen-axes become the coordinate axes.
        box = self.begin_step(column, 0)
        self.play(
            Rotate(plane.world, angle=-float(d["angle"]), about_point=plane.origin),
            run_time=self.t(3.0),
        )
        label = self.relabel_theta(plane, r"\mathbf{Q}^{\top}\hat{\theta}")
        parts = build_components(plane, d["projected"])
        self.show_components(plane, parts, label)
        self.pause(1.5)
        self.mark("rotate")

        # 2. Rescale each component by σᵢ/(σᵢ+λ): the grid shows the map.
        box = self.begin_step(column, 1, box)
        self.play(FadeIn(column.lam_line), FadeIn(plane.map_grid), run_time=self.t(0.8))
        for i in range(2):
            self.rescale(
                plane,
                parts,
                column.factor_lines[i],
                i,
                float(d["factors"][i]),
                float(d["scaled"][i]),
            )
        self.pause(0.7)
        self.mark("rescale")

        # 3. Rotate back by Q, landing on θ̂_ridge.
        self.begin_step(column, 2, box)
        self.freeze_components(plane, parts, ridge)
        self.play(
            FadeOut(parts.bars),
            FadeOut(parts.drops),
            FadeOut(label),
            FadeOut(plane.map_grid),
            run_time=self.t(0.8),
        )
        self.play(
            Rotate(plane.world, angle=float(d["angle"]), about_point=plane.origin),
            run_time=self.t(3.0),
        )
        self.mark("rotate back")
        self.land(plane, ridge, parts.ghost, column, d)
        self.pause(3.5)
        self.mark("the tangency")

    # ------------------------------------------------------------------ stages
    def begin_step(
        self, column: Column, index: int, highlight: SurroundingRectangle | None = None
    ) -> SurroundingRectangle:
        """Show caption ``index`` and box the part of the formula its step applies (the
        box of the step before, ``highlight``, moves there); the new box."""
        part = STEPS[index]
        color = STEP_COLORS[part]
        box = SurroundingRectangle(
            column.parts[part], color=color, buff=HIGHLIGHT_GAP, corner_radius=HIGHLIGHT_CORNER
        )
        anims: list[Animation] = [FadeIn(column.captions[index], shift=ENTRANCE_SHIFT * UP)]
        if index > 0:
            self.play(FadeOut(column.captions[index - 1]), run_time=self.t(0.5))
        anims.append(Create(box) if highlight is None else ReplacementTransform(highlight, box))
        self.play(*anims, column.parts[part].animate.set_color(color), run_time=self.t(1.2))
        self.pause(1.2)
        return box

    def relabel_theta(self, plane: Plane, text: str) -> MathTex:
        """θ̂'s label becomes ``text``; the new label."""
        old, new = plane.theta_hat[1], tip_label(plane.theta_arrow, text, PALETTE["weights"])
        self.play(FadeTransform(old, new), run_time=self.t(1.0))
        return new

    def show_components(self, plane: Plane, parts: Components, label: MathTex) -> None:
        """The bars and drops appear; the tracker-driven vector takes θ̂'s place, and
        ``label`` follows its tip."""
        self.add(parts.ghost)
        self.play(Create(parts.drops), Create(parts.bars), run_time=self.t(1.5))
        self.remove(plane.theta_arrow)
        plane.world.remove(plane.theta_arrow)
        self.play(FadeIn(parts.arrow), run_time=self.t(0.5))
        label.clear_updaters()
        label.add_updater(
            lambda m: m.next_to(
                parts.arrow.get_end(), parts.arrow.get_unit_vector(), buff=POINT_LABEL_GAP
            )
        )
        self.bring_to_front(label)  # updated after the arrow: no frame of lag

    def rescale(
        self,
        plane: Plane,
        parts: Components,
        factor_line: VMobject,
        i: int,
        factor: float,
        scaled: float,
    ) -> None:
        """Component ``i`` and the grid's direction ``i`` shrink by ``factor``, to ``scaled``."""
        # color=None: the bar keeps its colour (set_color(None) changes nothing); Manim's
        # annotation of Indicate's color leaves None out
        self.play(
            FadeIn(factor_line),
            Indicate(parts.bars[i], color=None),  # type: ignore[arg-type]
            run_time=self.t(1.2),
        )
        self.play(
            ApplyMatrix(axis_scaling(i, factor), plane.map_grid, about_point=plane.origin),
            parts.trackers[i].animate.set_value(scaled),
            run_time=self.t(2.0),
        )
        self.pause(0.8)

    def freeze_components(self, plane: Plane, parts: Components, ridge: Ridge) -> None:
        """Replace the tracker-driven vector by θ̂_ridge's static one, which turns along."""
        self.remove(parts.arrow)
        self.add(ridge.arrow, ridge.marker)
        plane.world.add(parts.ghost, ridge.arrow, ridge.marker)

    def land(self, plane: Plane, ridge: Ridge, ghost: Arrow, column: Column, d: dict) -> None:
        """Snap onto the stored θ̂_ridge; the contour and the penalty circle through it touch."""
        ax = plane.axes
        ridge.arrow.put_start_and_end_on(plane.origin, ax.c2p(*d["ridge"]))
        ridge.marker.move_to(ax.c2p(*d["ridge"]))
        ghost.put_start_and_end_on(plane.origin, ax.c2p(*d["theta_hat"]))
        ridge_label = math(r"\hat{\theta}_{\text{Ridge}}", size=LABEL_SIZE, color=PALETTE["ridge"])
        ridge_label.next_to(ridge.marker, inward(ridge.arrow, ghost), buff=RIDGE_LABEL_GAP)
        on_backdrop(ridge_label)
        theta_label = math(r"\hat{\theta}", size=LABEL_SIZE, color=PALETTE["weights"])
        theta_label.next_to(ghost.get_end(), ghost.get_unit_vector(), buff=POINT_LABEL_GAP)
        self.play(
            FadeIn(ridge_label),
            FadeIn(theta_label),
            ghost.animate.set_opacity(0.6),
            run_time=self.t(1.0),
        )
        self.play(Create(ridge.contour), Create(ridge.circle), run_time=self.t(2.0))
        self.bring_to_front(ridge.marker, ridge_label)
        self.play(
            Indicate(ridge.marker, color=PALETTE["ridge"], scale_factor=1.6),
            FadeOut(column.captions[2]),
            FadeIn(column.summary, shift=ENTRANCE_SHIFT * UP),
            run_time=self.t(1.5),
        )


# ---------------------------------------------------------------------- builders
def build_plane(d: dict, ellipses: np.ndarray) -> Plane:
    """Axes, grid, contours, eigen-axes and θ̂ in a disc about the origin."""
    r = REACH * float(np.linalg.norm(d["theta_hat"]))
    ax = equal_axes(np.array([-r, r, -r, r]), 2 * DISC_RADIUS, 2 * DISC_RADIUS)
    ax.to_edge(LEFT, buff=PLANE_EDGE_GAP)
    grid = grid_lines(ax, r, PALETTE["ink"], opacity=0.16)
    map_grid = grid_lines(ax, r, PALETTE["decay_step"], opacity=0.55)
    contours = VGroup(
        *[disc_polyline(ax, r, e, PALETTE["risk"], width=2, opacity=0.55) for e in ellipses]
    )
    color = PALETTE["eigen_axes"]
    eigen_axes: list[Line] = []
    for i in range(2):
        # each eigen-axis runs toward the side where θ̂'s component lies (its label's end)
        end = d["eigenvectors"][:, i] * r * np.sign(d["projected"][i] or 1.0)
        eigen_axes.append(Line(ax.c2p(*-end), ax.c2p(*end), color=color, stroke_width=4))
    eigen_lines = VGroup(*eigen_axes)
    eigen_labels = VGroup(
        *[end_label(line, rf"\mathbf{{q}}_{i + 1}", color) for i, line in enumerate(eigen_axes)]
    )
    theta_arrow = vector(ax, d["theta_hat"], PALETTE["weights"])
    theta_label = tip_label(theta_arrow, r"\hat{\theta}", PALETTE["weights"])
    return Plane(
        axes=ax,
        radius=r,
        grid=grid,
        map_grid=map_grid,
        contours=contours,
        eigen_lines=eigen_lines,
        eigen_labels=eigen_labels,
        theta_arrow=theta_arrow,
        theta_hat=VGroup(theta_arrow, theta_label),
        world=VGroup(grid, contours, eigen_lines, theta_arrow),
    )


def build_column(d: dict) -> Column:
    """Formula, step captions, λ and the shrink factors, flush left under the formula."""
    formula = math(*FORMULA, size=DISPLAY_SIZE).to_corner(UP + RIGHT, buff=FORMULA_CORNER_GAP)
    part = list(formula)  # its pieces, typed as VMobjects (formula[i] is typed as a Mobject)
    parts = {"Q^T": VGroup(part[4], part[5]), "rescale": part[3], "Q": part[2]}
    left = formula.get_left()[0]
    sigma = [number(s, EIGENVALUE) for s in d["eigenvalues"]]
    eigen_note = lines(
        r"eigen-axes $\mathbf{q}_1, \mathbf{q}_2$ of $\mathbf{H}$:",
        rf"$\sigma_1 = {sigma[0]}$ (flat), $\sigma_2 = {sigma[1]}$ (steep)",
    )
    eigen_note.next_to(formula, DOWN, buff=EIGEN_NOTE_GAP).set_x(left, direction=LEFT)
    captions = [
        lines(
            r"1.\ Rotate by $\mathbf{Q}^\top$:",
            r"the eigen-axes become",
            r"the coordinate axes,",
            r"the ellipses axis-aligned.",
        ),
        lines(r"2.\ Rescale component $i$", r"by $\sigma_i/(\sigma_i+\lambda)$."),
        lines(r"3.\ Rotate back by $\mathbf{Q}$:", r"we land on $\hat{\theta}_{\text{Ridge}}$."),
    ]
    for caption in captions:
        caption.next_to(eigen_note, DOWN, buff=CAPTION_GAP).set_x(left, direction=LEFT)
    lam = exact(float(d["lam"]))
    lam_line = math(rf"\lambda = {lam}", size=TEXT_SIZE, color=PALETTE["penalty"])
    factor_lines = VGroup(
        *[
            math(
                rf"\frac{{\sigma_{i + 1}}}{{\sigma_{i + 1}+\lambda}}"
                rf" = \frac{{{sigma[i]}}}{{{sigma[i]}+{lam}}}"
                rf" = {number(d['factors'][i], FACTOR)}",
                size=TEXT_SIZE,
            )
            for i in range(2)
        ]
    )
    rows = VGroup(lam_line, *factor_lines).arrange(DOWN, aligned_edge=LEFT, buff=FACTOR_ROW_GAP)
    rows.next_to(captions[0], DOWN, buff=FACTORS_GAP).set_x(left, direction=LEFT)
    factors = [number(f, FACTOR) for f in d["factors"]]
    summary = lines(
        rf"Flat direction $\times\,{factors[0]}$, steep $\times\,{factors[1]}$:",
        r"$\hat{\theta}_{\text{Ridge}}$ is where a contour",
        r"of $\mathcal{R}_{\text{emp}}$ touches a penalty circle.",
    )
    summary.move_to(captions[2], aligned_edge=UP + LEFT)
    return Column(
        formula=formula,
        parts=parts,
        eigen_note=eigen_note,
        captions=captions,
        lam_line=lam_line,
        factor_lines=factor_lines,
        summary=summary,
    )


def build_components(plane: Plane, proj: np.ndarray) -> Components:
    """θ̂'s coordinates ``proj`` in the eigenbasis, as bars, drops and a vector that follow
    the trackers. They are rewritten in place each frame (``always_redraw`` would rebuild
    them, a dashed line costing ~10 ms a frame)."""
    ax = plane.axes
    trackers = [ValueTracker(float(p)) for p in proj]

    def point() -> np.ndarray:
        return np.array([tracker.get_value() for tracker in trackers])

    def follower(ends, dashed: bool = False, **style) -> VMobject:
        """A segment between the parameter-space points ``ends()``, kept up to date."""
        mob = VMobject(**style)
        return mob.add_updater(
            lambda m: set_polyline(m, ax, ends(), dashed=dashed, dash=DASH_PERIOD, ratio=0.5)
        ).update()

    axis = np.eye(2)
    bar: dict[str, Any] = {
        "stroke_color": PALETTE["eigen_axes"],
        "stroke_width": 12,
        "stroke_opacity": 0.7,
    }
    drop: dict[str, Any] = {"stroke_color": INK, "stroke_width": 2}
    bars = VGroup(
        *[follower(lambda i=i: np.array([np.zeros(2), point() * axis[i]]), **bar) for i in range(2)]
    )
    drops = VGroup(
        *[
            follower(lambda i=i: np.array([point(), point() * axis[i]]), dashed=True, **drop)
            for i in range(2)
        ]
    )
    ghost = vector(ax, proj, PALETTE["weights"]).set_opacity(0.3)
    arrow = vector(ax, proj, PALETTE["ridge"]).add_updater(
        lambda m: m.become(vector(ax, point(), PALETTE["ridge"]))
    )
    return Components(trackers=trackers, bars=bars, drops=drops, ghost=ghost, arrow=arrow)


def build_ridge(plane: Plane, d: dict, touch: dict) -> Ridge:
    """θ̂_ridge as step 2 leaves it, Σ-scaled in the eigenbasis (``land`` snaps it onto the
    stored point after the turn back), and the contour and circle through the stored one."""
    ax, r = plane.axes, plane.radius
    k = datafile.index_of(touch["lambdas"], float(d["lam"]))
    return Ridge(
        arrow=vector(ax, d["scaled"], PALETTE["ridge"]),
        marker=marker(ax, d["scaled"], PALETTE["ridge"], radius=0.08),
        contour=disc_polyline(ax, r, touch["ellipses"][k], PALETTE["risk"], width=4),
        circle=disc_polyline(
            ax, r, circle(touch["radii"][k]), PALETTE["penalty"], width=4, dashed=True
        ),
    )


# ---------------------------------------------------------------------- drawing helpers
def grid_lines(ax: PlaneAxes, radius: float, color: ManimColor, opacity: float) -> VGroup:
    """Lines parallel to both axes, every 1/GRID_LINES of the disc's radius, cut to it."""
    r, group = radius, VGroup()
    for k in range(-GRID_LINES + 1, GRID_LINES):
        offset = k * r / GRID_LINES
        for ends in (((offset, -r), (offset, r)), ((-r, offset), (r, offset))):
            group.add(disc_polyline(ax, r, np.array(ends), color, width=1.5, opacity=opacity))
    return group


def disc_polyline(
    ax: PlaneAxes,
    radius: float,
    points: np.ndarray,
    color: ManimColor,
    width: float = 2,
    opacity: float = 1.0,
    dashed: bool = False,
) -> VGroup:
    """The polyline ``points`` (n, 2) cut to the disc of ``radius`` about the origin."""
    group = VGroup()
    for piece in clip_to_disc(points, radius):
        group.add(*polyline(ax, piece, color, width=width, opacity=opacity, dashed=dashed))
    return group


def vector(ax: Axes, point: np.ndarray, color: ManimColor) -> Arrow:
    """An arrow from the origin to the parameter-space ``point``."""
    return Arrow(
        ax.c2p(0, 0),
        ax.c2p(*point),
        buff=0,
        color=color,
        stroke_width=6,
        max_tip_length_to_length_ratio=0.1,
        max_stroke_width_to_length_ratio=10,
    )


def end_label(line: Line, text: str, color: ManimColor) -> MathTex:
    """A label beyond the end of ``line``, following it."""
    label = math(text, size=LABEL_SIZE, color=color)
    label.add_updater(
        lambda m: m.next_to(line.get_end(), line.get_unit_vector(), buff=EIGEN_LABEL_GAP)
    )
    return label.update()


def tip_label(arrow: Arrow, text: str, color: ManimColor) -> MathTex:
    """A label beyond the tip of ``arrow``, following it."""
    label = math(text, size=LABEL_SIZE, color=color)
    label.add_updater(
        lambda m: m.next_to(arrow.get_end(), arrow.get_unit_vector(), buff=POINT_LABEL_GAP)
    )
    return label.update()


def axis_scaling(i: int, factor: float) -> np.ndarray:
    """The 3 x 3 map that scales direction ``i`` by ``factor`` (Manim's points are 3-d)."""
    scale = np.eye(3)
    scale[i, i] = factor
    return scale


def inward(ridge: Arrow, theta: Arrow) -> np.ndarray:
    """The direction from θ̂_ridge's tip into the penalty disc, away from θ̂: the contour
    and the circle both run across θ̂_ridge there, so a label that way hides neither."""
    along = ridge.get_unit_vector()
    across = np.array([along[1], -along[0], 0.0])  # clockwise from θ̂_ridge's direction
    if np.dot(across, theta.get_unit_vector()) > 0:  # θ̂ lies that way: the other side
        across = -across
    direction = across - RIDGE_LABEL_BACK * along
    return direction / np.linalg.norm(direction)
