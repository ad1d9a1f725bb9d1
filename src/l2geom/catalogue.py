"""The registry: one spec for every data file, figure family and animation, and the deck.

A spec says what an artefact reads (data files), which scenario parameters it takes,
what files it writes and which function makes it. The workflow generates one rule per
spec from these (workflow/rules/*.smk), the job scripts look their function up here,
the config schema's lists of figure families and animations are filled in from here, and
the deck check reads the deck's spec. Adding a figure family or an animation is its
module plus one entry below.

Functions are named as ``"module:attribute"`` strings and imported only by the job that
runs them, so reading the catalogue (every snakemake start) imports no numpy or Manim.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

# A scenario parameter of a job: a function of the scenario's checked plan
# (l2geom.config.plan.ScenarioPlan), whose result becomes a keyword argument.
Param = Callable[[Any], Any]


def setting(*keys: str) -> Param:
    """The value at ``keys`` of the scenario's checked config section."""

    def get(plan):
        value = plan.settings
        for key in keys:
            value = value[key]
        return value

    get.__qualname__ = f"setting{keys}"
    return get


def plan_field(name: str) -> Param:
    """A field of the scenario's plan (start, step_size and steps are checked there)."""

    def get(plan):
        return getattr(plan, name)

    get.__qualname__ = f"plan_field({name!r})"
    return get


@dataclass(frozen=True)
class LambdaParam:
    """The λ values of one use of a scenario's ``lambdas`` section (a job parameter):
    ``pick`` "all" (sorted, unique), "first" or "last" (the smallest or largest one)."""

    use: str
    pick: str = "all"

    def __call__(self, plan):
        values = plan.lambdas_for(self.use)
        return values if self.pick == "all" else values[0 if self.pick == "first" else -1]


def lambdas(use: str) -> Param:
    """The sorted, unique λ values of one use ("decay", "pull", "rescale" or "l1")."""
    return LambdaParam(use)


def first_lambda(use: str) -> Param:
    """The one λ of a single-valued use."""
    return LambdaParam(use, "first")


def last_lambda(use: str) -> Param:
    """The largest λ of a use."""
    return LambdaParam(use, "last")


DESCENT = {
    "start": plan_field("start"),
    "step_size": plan_field("step_size"),
    "steps": plan_field("steps"),
}


def resolve(target: str) -> Any:
    """The object named ``"package.module:attribute"``."""
    module, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module), attribute)


@dataclass(frozen=True)
class DataFileSpec:
    """results/data/{scenario}/{name}.npz, written by ``compute``, a function of the
    scenario's quadratic (a Quadratic, argument ``quad``, read from quadratic.npz) and of
    ``params``; quadratic.npz itself is computed from the scenario's source.

    ``when``: "always" (every scenario), "plane" (scenarios with d = 2) or "read" (only
    for a scenario that draws a figure or animation reading it)."""

    name: str
    compute: str
    params: Mapping[str, Param] = field(default_factory=dict)
    when: str = "always"

    @property
    def reads_quadratic(self) -> bool:
        return self.name != "quadratic"


@dataclass(frozen=True)
class FigureSpec:
    """A config figure family: ``draw`` takes the data files ``reads`` (argument name ->
    data file) and ``params`` as keyword arguments and returns one matplotlib Figure per
    name of ``files`` (a tuple when there are several), each written as
    figures/{scenario}/{file}.pdf and .png."""

    family: str
    draw: str
    reads: Mapping[str, str]
    params: Mapping[str, Param] = field(default_factory=dict)
    files: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return self.files or (self.family,)


@dataclass(frozen=True)
class AnimationSpec:
    """A config animation: the Manim scene class ``scene`` in
    l2geom.animations.scenes.{name}, drawn from ``reads`` (its ``data`` keys -> data
    files) with ``params`` as keyword arguments. Renders are long: ``priority`` orders them
    on few cores, longest first."""

    name: str
    scene: str
    reads: Mapping[str, str]
    params: Mapping[str, Param] = field(default_factory=dict)
    priority: int = 0

    @property
    def module(self) -> str:
        return f"l2geom.animations.scenes.{self.name}"


@dataclass(frozen=True)
class DeckPart:
    """One scenario a deck draws (a key of a deck's ``scenarios`` in the config).

    ``macro``: the deck source's macro that names its folder; ``figures``, ``animations``:
    what its frames show of it; ``reads``, ``lambdas``, ``source``: the data files, the λ
    uses and whether the config source its values print (nothing else of the scenario
    reaches them, so nothing else rebuilds the deck). Checked at validation: ``compares``,
    the λ uses it needs two values of; ``diagonal``, whether its Hessian must be diagonal
    (True), must not be (False) or either (None); ``sparse``, the λ use whose largest value
    must set some but not every component of the lasso solution to 0. ``default``: the part
    whose scenario it takes when not named (None: it must be named)."""

    macro: str
    figures: tuple[str, ...] = ()
    animations: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    lambdas: tuple[str, ...] = ()
    source: bool = False
    compares: tuple[str, ...] = ()
    diagonal: bool | None = None
    sparse: str | None = None
    default: str | None = None


@dataclass(frozen=True)
class DeckSpec:
    """A beamer deck source, slides/{source}.tex: its title, the parts of its config
    section (part -> DeckPart) and ``values``, the function that turns the parts' data
    files and settings into the numbers its prose prints (slides/generated/{deck}/values.tex)."""

    source: str
    title: str
    parts: Mapping[str, DeckPart]
    values: str


def _by_name(specs, key: str) -> dict:
    table = {}
    for spec in specs:
        name = getattr(spec, key)
        if name in table:
            raise ValueError(f"catalogue: {name!r} is registered twice")
        table[name] = spec
    return table


_COMPUTE = "l2geom.core.compute"
_L1 = "l2geom.core.compute_l1"  # the L1 lecture's data files

DATA_FILES: dict[str, DataFileSpec] = _by_name(
    [
        DataFileSpec("quadratic", f"{_COMPUTE}:source_data", {"source": setting("source")}),
        DataFileSpec(
            "descent_decay", f"{_COMPUTE}:descent_data", {**DESCENT, "lambdas": lambdas("decay")}
        ),
        DataFileSpec(
            "descent_pull", f"{_COMPUTE}:descent_data", {**DESCENT, "lambdas": lambdas("pull")}
        ),
        DataFileSpec("ridge_path", f"{_COMPUTE}:ridge_path_data", {"num": setting("path_points")}),
        DataFileSpec("rescale", f"{_COMPUTE}:rescale_data", {"lam": first_lambda("rescale")}),
        DataFileSpec("tangency_decay", f"{_COMPUTE}:tangency_data", {"lambdas": lambdas("decay")}),
        DataFileSpec("tangency_pull", f"{_COMPUTE}:tangency_data", {"lambdas": lambdas("pull")}),
        DataFileSpec(
            "tangency_rescale", f"{_COMPUTE}:tangency_data", {"lambdas": lambdas("rescale")}
        ),
        DataFileSpec("landscape", f"{_COMPUTE}:landscape_data", DESCENT, when="plane"),
        DataFileSpec(
            "adaptive",
            f"{_COMPUTE}:adaptive_data",
            {
                **DESCENT,
                "lam": setting("adam", "lam"),
                "learning_rate": setting("adam", "learning_rate"),
                "adam_steps": setting("adam", "steps"),
                "beta1": setting("adam", "beta1"),
                "beta2": setting("adam", "beta2"),
                "eps": setting("adam", "eps"),
            },
            when="read",
        ),
        DataFileSpec("lasso", f"{_L1}:lasso_data", {"lambdas": lambdas("l1")}, when="read"),
        DataFileSpec(
            "lasso_path", f"{_L1}:lasso_path_data", {"num": setting("path_points")}, when="read"
        ),
        DataFileSpec(
            "proximal",
            f"{_L1}:proximal_data",
            {**DESCENT, "lambdas": lambdas("l1")},
            when="read",
        ),
        DataFileSpec(
            "early_stopping",
            f"{_COMPUTE}:early_stopping_data",
            {"step_size": plan_field("step_size"), "taus": setting("early_stopping", "taus")},
            when="read",
        ),
    ],
    "name",
)

_PLANE = {"quadratic": "quadratic", "landscape": "landscape"}

FIGURES: dict[str, FigureSpec] = _by_name(
    [
        FigureSpec(
            "gd_vs_weight_decay",
            "l2geom.figures.gd_vs_weight_decay:figure",
            {**_PLANE, "descent": "descent_decay"},
            {"lam": first_lambda("decay")},
        ),
        FigureSpec(
            "pull_depends_on_lambda",
            "l2geom.figures.pull_depends_on_lambda:figure",
            {**_PLANE, "descent": "descent_pull", "ridge_path": "ridge_path"},
            {"lambdas": lambdas("pull")},
        ),
        FigureSpec(
            "eigen_projection",
            "l2geom.figures.rescale:eigen_projection",
            {"rescale": "rescale", "landscape": "landscape"},
        ),
        FigureSpec(
            "rescale_lambda_zero",
            "l2geom.figures.rescale:rescale_lambda_zero",
            {"rescale": "rescale", "landscape": "landscape", "ridge_path": "ridge_path"},
        ),
        FigureSpec(
            "rescale_lambda_positive",
            "l2geom.figures.rescale:rescale_lambda_positive",
            {"rescale": "rescale", "landscape": "landscape"},
        ),
        FigureSpec(
            "goodfellow",
            "l2geom.figures.goodfellow:figures",
            {**_PLANE, "tangency": "tangency_rescale", "rescale": "rescale"},
            files=("goodfellow_flat", "goodfellow_steep"),
        ),
        FigureSpec(
            "shrink_factors",
            "l2geom.figures.shrink_factors:figure",
            {"ridge_path": "ridge_path", "rescale": "rescale"},
        ),
        FigureSpec(
            "adam_vs_adamw",
            "l2geom.figures.adam_vs_adamw:figure",
            {**_PLANE, "adaptive": "adaptive"},
        ),
        FigureSpec(
            "early_stopping",
            "l2geom.figures.early_stopping:figure",
            {**_PLANE, "ridge_path": "ridge_path", "early_stopping": "early_stopping"},
        ),
        FigureSpec(
            "l1_thresholds",
            "l2geom.figures.l1_thresholds:figure",
            {**_PLANE, "lasso": "lasso"},
            {"lambdas": lambdas("l1")},
        ),
        FigureSpec(
            "l1_vs_l2",
            "l2geom.figures.l1_vs_l2:figure",
            {**_PLANE, "lasso": "lasso"},
            {"lam": last_lambda("l1")},
        ),
        FigureSpec(
            "l1_paths",
            "l2geom.figures.l1_paths:figure",
            {**_PLANE, "lasso_path": "lasso_path", "ridge_path": "ridge_path"},
        ),
    ],
    "family",
)

ANIMATIONS: dict[str, AnimationSpec] = _by_name(
    [
        AnimationSpec(
            "rotate_rescale",
            "RotateRescale",
            {"rescale": "rescale", "landscape": "landscape", "tangency": "tangency_rescale"},
            priority=20,
        ),
        AnimationSpec(
            "decay_trajectories",
            "DecayTrajectories",
            {**_PLANE, "descent": "descent_pull", "tangency": "tangency_pull"},
            {"lambdas": lambdas("pull")},
            priority=10,
        ),
        AnimationSpec(
            "lambda_sweep", "LambdaSweep", {**_PLANE, "ridge_path": "ridge_path"}, priority=30
        ),
        AnimationSpec(
            "adam_vs_adamw", "AdamVsAdamW", {**_PLANE, "adaptive": "adaptive"}, priority=5
        ),
        AnimationSpec(
            "l2_scales_l1_shifts",
            "L2ScalesL1Shifts",
            {**_PLANE, "lasso_path": "lasso_path"},
            priority=15,
        ),
        AnimationSpec(
            "proximal_steps",
            "ProximalSteps",
            {**_PLANE, "proximal": "proximal", "lasso": "lasso"},
            {"lam": last_lambda("l1")},
            priority=3,
        ),
    ],
    "name",
)

# figures/{scenario}/animations/{name}.{ext}: the movie, its poster (the stage its scene
# names as most telling), its pause points (the end of each stage: time, label, still) and
# the .tex snippet for any beamer deck; beside them the folder {name}/ of stage stills.
ANIMATION_FILES = ("mp4", "png", "json", "tex")

DECKS: dict[str, DeckSpec] = _by_name(
    [
        DeckSpec(
            "l2-weight-decay",
            "Geometric Analysis of L2-Regularization and Weight Decay",
            {
                "running_example": DeckPart(
                    r"\exampleScenario",
                    (
                        "gd_vs_weight_decay",
                        "pull_depends_on_lambda",
                        "eigen_projection",
                        "rescale_lambda_zero",
                        "rescale_lambda_positive",
                        "shrink_factors",
                        "adam_vs_adamw",
                        "early_stopping",
                    ),
                    ("rotate_rescale", "decay_trajectories", "lambda_sweep", "adam_vs_adamw"),
                    reads=(
                        "quadratic",
                        "descent_decay",
                        "descent_pull",
                        "rescale",
                        "adaptive",
                        "early_stopping",
                    ),
                    lambdas=("decay", "pull", "rescale"),
                    source=True,
                    compares=("pull",),
                ),
                "classic_picture": DeckPart(
                    r"\classicScenario",
                    ("goodfellow",),
                    reads=("quadratic", "rescale"),
                    default="running_example",
                ),
            },
            "l2geom.slides.values:l2_deck_values",
        ),
        DeckSpec(
            "l1-geometry",
            "Geometry of L1 Regularization",
            {
                "running_example": DeckPart(
                    r"\exampleScenario",
                    ("l1_thresholds", "l1_vs_l2", "l1_paths"),
                    ("l2_scales_l1_shifts", "proximal_steps"),
                    reads=("quadratic", "lasso", "lasso_path", "proximal"),
                    lambdas=("l1",),
                    source=True,
                    compares=("l1",),
                    diagonal=True,
                    sparse="l1",
                ),
                "correlated_case": DeckPart(
                    r"\correlatedScenario",
                    ("l1_vs_l2",),
                    reads=("quadratic", "lasso"),
                    lambdas=("l1",),
                    diagonal=False,
                ),
            },
            "l2geom.slides.values_l1:l1_deck_values",
        ),
    ],
    "source",
)

# Family -> the figure files it draws (figures/{scenario}/{name}.pdf and .png)
FIGURE_FAMILIES: dict[str, tuple[str, ...]] = {f: spec.names for f, spec in FIGURES.items()}


def lambda_uses(figures=(), animations=()) -> set[str]:
    """The uses of a scenario's ``lambdas`` section ("l1", ...) that drawing the figure
    families ``figures`` and the animations ``animations`` takes, by them or by the data
    files they read."""
    specs: list[Any] = [*(FIGURES[f] for f in figures), *(ANIMATIONS[a] for a in animations)]
    specs += [DATA_FILES[name] for spec in list(specs) for name in spec.reads.values()]
    return {
        param.use
        for spec in specs
        for param in spec.params.values()
        if isinstance(param, LambdaParam)
    }


def data_files(dim: int, figures=(), animations=()) -> tuple[str, ...]:
    """The data files of a scenario of dimension ``dim`` that draws the figure families
    ``figures`` and the animations ``animations``."""
    specs: list[FigureSpec | AnimationSpec] = [
        *(FIGURES[f] for f in figures),
        *(ANIMATIONS[a] for a in animations),
    ]
    read = {file for spec in specs for file in spec.reads.values()}
    return tuple(
        name
        for name, spec in DATA_FILES.items()
        if spec.when == "always"
        or (spec.when == "plane" and dim == 2)
        or (spec.when == "read" and name in read)
    )
