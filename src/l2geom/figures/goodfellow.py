"""Figure 6: the Goodfellow et al. (2016, ch. 7) picture, generated from the data.

Solid ellipses: R_emp contours; dashed circles: L2 penalty contours; θ̂ and θ̂_ridge,
where the ellipse and the circle through θ̂_ridge touch. Two variants: ``flat`` marks
the move along the small-eigenvalue direction (pulled close to zero), ``steep`` the
move along the large-eigenvalue direction (barely moved).
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Circle
from matplotlib.transforms import Bbox

from ..core.plane import view_window
from ..datafile import Data, index_of
from ..numbers import EIGENVALUE, FACTOR, exact, number
from ..style import COLORS, HALF_WIDTH
from .labels import count_inside, label, obstacles, place_labels
from .layout import fit_size
from .marks import THETA_HAT, THETA_RIDGE, arrow, mark
from .output import new_figure, styled
from .plane import draw_origin_axes, eigen_frame, parameter_axes
from .zoom import connect, outline

SIZE = (HALF_WIDTH, 2.45)
VARIANTS = ("flat", "steep")
INSET = 0.36  # side of the steep variant's inset, as a share of the axes
INSET_PAD = 0.3  # the inset's view: the steep leg plus this share of its length each side


def figures(quadratic: Data, landscape: Data, tangency: Data, rescale: Data) -> tuple[Figure, ...]:
    """The picture in each variant of :data:`VARIANTS`, in that order."""
    return tuple(figure(quadratic, landscape, tangency, rescale, v) for v in VARIANTS)


@styled
def figure(quadratic: Data, landscape: Data, tangency: Data, rescale: Data, variant: str) -> Figure:
    """The picture at the rescale λ; ``variant`` is "flat" or "steep". The steep move is
    short (a component barely shrinks), so that variant magnifies it in an inset."""
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {VARIANTS}, got {variant!r}")
    fig = new_figure(*SIZE)
    ax = fig.subplots()
    parameter_axes(ax)
    ax.set_aspect("equal", adjustable="datalim")
    _draw(ax, quadratic, landscape, tangency, rescale, variant)
    i = VARIANTS.index(variant)
    f = rescale["factors"]
    sigma = number(rescale["eigenvalues"][i], EIGENVALUE)
    label(ax, quadratic["theta_hat"], THETA_HAT, color=COLORS["weights"])
    label(ax, rescale["ridge"], THETA_RIDGE, color=COLORS["ridge"])
    head = "Flat direction, small" if variant == "flat" else "Steep direction, large"
    ax.set_title(
        f"{head} $\\sigma_{i + 1} = {sigma}$:\n"
        f"component $\\times\\,{number(f[i], FACTOR)}$ "
        f"at $\\lambda = {exact(float(rescale['lam']))}$",
        linespacing=1.15,
    )
    ax.margins(0.08)
    ax.autoscale_view()
    fit_size(fig)
    if variant == "steep":
        _magnify_steep_move(ax, quadratic, landscape, tangency, rescale)
    place_labels(fig)
    return fig


def _draw(
    ax: Axes, quadratic: Data, landscape: Data, tangency: Data, rescale: Data, variant: str
) -> None:
    """Contours, penalty circles, the two legs θ̂ → θ̂_ridge (``variant``'s in bold), marks."""
    k = index_of(tangency["lambdas"], float(rescale["lam"]))
    rings = LineCollection(
        list(landscape["ellipses"]), colors=COLORS["risk"], linewidths=0.5, zorder=1
    )
    rings.set_gid("risk_contours")
    ax.add_collection(rings, autolim=False)
    draw_origin_axes(ax)
    for j, radius in enumerate(tangency["radii"]):
        touching = j == k
        circle = Circle(
            (0.0, 0.0),
            radius,
            fill=False,
            ls=(0, (4, 2.5)),
            color=COLORS["penalty"],
            lw=1.2 if touching else 0.6,
            alpha=1.0 if touching else 0.6,
            zorder=2,
        )
        circle.set_gid("penalty_tangent" if touching else f"penalty_{j}")
        if touching:
            ax.add_patch(circle)  # the view is fitted around this circle
        else:
            ax.add_artist(circle)
    (tangent,) = ax.plot(
        *tangency["ellipses"][k].T,
        color=COLORS["risk"],
        lw=1.3,
        zorder=3,
        scalex=False,
        scaley=False,
    )
    tangent.set_gid("risk_tangent")

    # The two legs θ̂ → θ̂_ridge along the eigen-axes, by stored eigen-coordinates.
    eig = eigen_frame(ax, rescale["eigenvectors"])
    for name, (start, end, i) in _legs(rescale).items():
        bold = name == variant
        arrow(
            ax,
            start,
            end,
            COLORS["decay_step"],
            transform=eig,
            width=1.4 if bold else 0.7,
            head=7.0 if bold else 4.5,
            alpha=1.0 if bold else 0.55,
            shrink=2.5 if i else 0.0,
            gid=f"leg_{name}",
        )
    mark(ax, quadratic["theta_hat"], "theta_hat")
    mark(ax, rescale["ridge"], "ridge")
    mark(ax, (0.0, 0.0), "origin")


def _legs(rescale: Data) -> dict:
    """Leg name -> (start, end, eigen-direction), in eigen-coordinates: first the flat
    component shrinks, then the steep one."""
    p, s = rescale["projected"], rescale["scaled"]
    corner = (s[0], p[1])
    return {"flat": ((p[0], p[1]), corner, 0), "steep": (corner, (s[0], s[1]), 1)}


def _magnify_steep_move(
    ax: Axes, quadratic: Data, landscape: Data, tangency: Data, rescale: Data
) -> None:
    """An inset in the emptiest corner of ``ax`` showing the steep leg magnified, its
    region outlined and connected on the main view."""
    start, end, _ = _legs(rescale)["steep"]
    eig = eigen_frame(ax, rescale["eigenvectors"]) - ax.transData
    window = view_window(eig.transform([start, end]), pad=INSET_PAD, min_ratio=1.0)
    fig = ax.figure
    assert isinstance(fig, Figure)  # a figure's own axes, not a subfigure's
    fig.draw_without_rendering()
    points, frame = obstacles(ax), ax.get_window_extent()
    corners = [(x, y) for y in (0.0, 1.0 - INSET) for x in (1.0 - INSET, 0.0)]

    def crowd(corner):
        x0, y0 = frame.x0 + corner[0] * frame.width, frame.y0 + corner[1] * frame.height
        return count_inside(
            points, Bbox.from_extents(x0, y0, x0 + INSET * frame.width, y0 + INSET * frame.height)
        )

    corner = min(corners, key=crowd)
    inset = ax.inset_axes((*corner, INSET, INSET))
    inset.set_aspect("equal", adjustable="box")  # the view stays the window outlined
    _draw(inset, quadratic, landscape, tangency, rescale, "steep")
    inset.set(xlim=window[:2], ylim=window[2:], xticks=[], yticks=[])
    inset.set_facecolor(COLORS["background"])
    inset.spines[:].set_visible(True)
    outline(ax, inset)
    connect(ax, inset, title=False)
