"""The decks' generated inputs: pure functions turn loaded data files and config values
into the text of ``slides/generated/<deck>/values.tex`` (every number a deck's prose
prints) and ``slides/generated/colors.tex`` (the palette of :mod:`l2geom.style` plus the
word the prose uses for each colour, shared by every deck)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from .. import datafile
from ..catalogue import resolve
from ..datafile import Data
from ..numbers import (
    COORDINATE,
    EIGENVALUE,
    FACTOR,
    coordinates,
    exact,
    number,
    vector,
    without_noise,
)
from ..style import COLOR_WORDS, latex_color_definitions

_MACRO = re.compile(r"^[A-Za-z]+$")


# --------------------------------------------------------------------------- values.tex
_COMPONENT_NAMES = ("One", "Two", "Three", "Four")


def _named(prefix: str, texts: list[str]) -> dict[str, str]:
    """``prefixOne``, ``prefixTwo``, ... -> ``texts``."""
    if len(texts) > len(_COMPONENT_NAMES):
        raise ValueError(
            f"{prefix}: the deck prints at most {len(_COMPONENT_NAMES)} components, "
            f"got {len(texts)}"
        )
    return {prefix + name: text for name, text in zip(_COMPONENT_NAMES, texts)}


def components(prefix: str, v: np.ndarray, decimals: int, whole: bool = True) -> dict[str, str]:
    v = np.asarray(v, dtype=float).ravel()
    return _named(prefix, [number(c, decimals, whole) for c in v])


def point(prefix: str, v: np.ndarray, exact_zeros: bool = False) -> dict[str, str]:
    """``prefix`` (the vector) plus ``prefixOne``, ``prefixTwo``, ... (its components);
    with ``exact_zeros`` a component that is exactly 0 prints as 0 (see
    :func:`l2geom.numbers.vector`)."""
    return {
        prefix: vector(v, exact_zeros=exact_zeros),
        **_named(prefix, coordinates(v, COORDINATE, exact_zeros)),
    }


def course_values(
    quadratic: Data,
    decay: Data,
    pull: Data,
    rescale: Data,
    lambdas: Mapping[str, Any],
    source: Mapping[str, Any] | None = None,
) -> dict[str, str]:
    """The numbers of the main scenario (figures 1–5 and 7, the animations).

    ``quadratic``, ``rescale``: loaded data files; ``decay``, ``pull``: the descent data
    of figure 1 and of figure 2 (descent_decay.npz, descent_pull.npz; see
    :mod:`l2geom.core.compute`); ``lambdas``: the scenario's λ values per use, sorted lists
    (keys decay [λ], pull [small, ..., large], rescale [λ]); ``source``: its config
    ``source`` (see :func:`source_values`), None to leave out the description of the data.
    """
    pull_lams = sorted(float(lam) for lam in lambdas["pull"])
    if len(pull_lams) < 2:
        raise ValueError(f"lambdas.pull needs a small and a large value, got {pull_lams}")
    lam_decay, lam_small, lam_large = float(lambdas["decay"][0]), pull_lams[0], pull_lams[-1]
    lam_rescale = float(lambdas["rescale"][0])
    if float(rescale["lam"]) != lam_rescale:
        raise ValueError(
            f"rescale data were computed for λ = {float(rescale['lam'])}, "
            f"the config says {lam_rescale}"
        )
    ridge = {
        key: runs["ridge"][datafile.index_of(runs["lambdas"], lam)]
        for key, runs, lam in (
            ("Decay", decay, lam_decay),
            ("Small", pull, lam_small),
            ("Large", pull, lam_large),
        )
    }
    alpha = float(decay["step_size"])
    sigma = np.asarray(quadratic["eigenvalues"], dtype=float)
    factors = np.asarray(rescale["factors"], dtype=float)
    values = {
        "stepSize": exact(alpha),
        "numSteps": str(int(decay["gd"].shape[0] - 1)),
        "lamDecay": exact(lam_decay),
        "lamSmall": exact(lam_small),
        "lamLarge": exact(lam_large),
        "lamRescale": exact(lam_rescale),
        "decayFactor": exact(
            without_noise(decay["decay_factors"][datafile.index_of(decay["lambdas"], lam_decay)])
        ),
        "startPoint": vector(decay["start"]),
        **point("thetaHat", quadratic["theta_hat"]),
        **point("ridgeDecay", ridge["Decay"]),
        **point("ridgeSmall", ridge["Small"]),
        **point("ridgeLarge", ridge["Large"]),
        **components("sigma", sigma, EIGENVALUE),
        **point("projected", rescale["projected"]),
        **components("shrink", factors, FACTOR),
        **components("shrinkPct", 100.0 * factors, 0),
        **point("scaled", rescale["scaled"]),
        **point("ridgeRescale", rescale["ridge"]),
    }
    if source is not None:
        values.update(source_values(source, quadratic))
    return values


def _significant(x: float) -> str:
    """``x`` to three significant digits, without an exponent (λ = 1/(ατ) can be tiny)."""
    return np.format_float_positional(x, precision=3, unique=False, fractional=False, trim="-")


def optimizer_values(adaptive: Data, early: Data) -> dict[str, str]:
    """The numbers of the caveat and early-stopping frames: λ, box, θ̂_ridge (where Adam +
    L2 ends) and AdamW's end point (adaptive.npz); the first and the last stopping time τ with its
    matched λ = 1/(ατ) and the distance of the stopped point to θ̂_ridge(λ)
    (early_stopping.npz)."""
    return {
        "adamLam": exact(float(adaptive["lam"])),
        "adamBox": number(float(adaptive["box"]), COORDINATE),
        **point("adamwEnd", adaptive["adamw"][-1]),
        **point("adamRidge", adaptive["ridge"]),
        "adamSteps": str(len(adaptive["rates"])),
        "adamRate": exact(float(adaptive["rates"][0])),
        **{
            f"es{name}{end}": value
            for end, i in (("First", 0), ("Last", -1))
            for name, value in (
                ("Tau", str(int(early["taus"][i]))),
                ("Lam", _significant(float(early["lambdas"][i]))),
                ("Dist", number(float(early["distances"][i]), COORDINATE, whole=False)),
            )
        },
    }


def source_values(source: Mapping[str, Any], quadratic: Data) -> dict[str, str]:
    """Where the running example's risk comes from, for a deck's "running example" box:
    ``runningExample`` names the macro for the kind of source (``\\exampleGenerate``,
    ``\\exampleCsv`` or ``\\exampleQuadratic``, defined once in slides/preamble.tex for
    every deck), the other values fill it in."""
    if "generate" in source:
        spec = source["generate"]
        return {
            "runningExample": "\\exampleGenerate",
            "nObs": str(int(spec["n"])),
            "noiseSd": exact(spec["noise_sd"]),
            "featureLow": exact(spec.get("low", 0.0)),
            "featureHigh": exact(spec.get("high", 1.0)),
            "trueWeights": "(" + ",\\ ".join(exact(w) for w in spec["weights"]) + ")^{\\top}",
        }
    if "csv" in source:
        spec = source["csv"]
        return {
            "runningExample": "\\exampleCsv",
            "nObs": str(int(quadratic["observations"])),
            "csvFile": latex_text(Path(spec["path"]).name),
            "csvFeatures": ", ".join(latex_text(f) for f in spec["features"]),
            "csvTarget": latex_text(spec["target"]),
        }
    rows = np.asarray(quadratic["hessian"], dtype=float)
    matrix = "\\\\".join(" & ".join(number(x, COORDINATE) for x in row) for row in rows)
    return {
        "runningExample": "\\exampleQuadratic",
        "hessianMatrix": f"\\begin{{pmatrix}}{matrix}\\end{{pmatrix}}",
    }


def deck_values(
    function: str,
    macros: Mapping[str, str],
    data: Mapping[str, Mapping[str, Data]],
    scenarios: Mapping[str, Mapping[str, Any]],
) -> dict[str, str]:
    """Every macro of a deck's values.tex: its source's values ``function`` (``"module:
    name"``, l2geom.catalogue.DeckSpec.values) of ``data`` (part -> data file name ->
    loaded file, the files the part reads) and ``scenarios`` (part -> ``{"name",
    "lambdas", "source"}``: the scenario's name, the λ values of the uses the part prints,
    its config source if the part prints it), plus each part's scenario name under the
    part's macro in ``macros`` (``\\exampleScenario``: the folder of the figures its
    frames show)."""
    values = resolve(function)(data, scenarios)
    for part, macro in macros.items():
        values[macro.lstrip("\\")] = scenarios[part]["name"]
    return values


def l2_deck_values(
    data: Mapping[str, Mapping[str, Data]], scenarios: Mapping[str, Mapping[str, Any]]
) -> dict[str, str]:
    """The numbers of the deck l2-weight-decay (see :func:`deck_values`)."""
    example, classic = data["running_example"], data["classic_picture"]
    running = scenarios["running_example"]
    values = course_values(
        example["quadratic"],
        example["descent_decay"],
        example["descent_pull"],
        example["rescale"],
        running["lambdas"],
        running["source"],
    )
    values.update(optimizer_values(example["adaptive"], example["early_stopping"]))
    values.update(goodfellow_values(classic["quadratic"], classic["rescale"]))
    return values


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\^{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
}


def latex_text(text: str) -> str:
    """``text`` with LaTeX's special characters escaped, to be typeset as it reads."""
    return "".join(_LATEX_SPECIAL.get(c, c) for c in str(text))


def goodfellow_values(quadratic: Data, rescale: Data) -> dict[str, str]:
    """The numbers of the Goodfellow-style scenario (figure 6), prefixed ``gf``."""
    return {
        "gfLam": exact(float(rescale["lam"])),
        **components("gfSigma", quadratic["eigenvalues"], EIGENVALUE),
        **components("gfShrink", rescale["factors"], FACTOR),
        **point("gfThetaHat", quadratic["theta_hat"]),
        **point("gfRidge", rescale["ridge"]),
    }


def values_tex(values: Mapping[str, str]) -> str:
    """``\\newcommand`` lines (sorted) for slides/generated/<deck>/values.tex."""
    lines = ["% Generated by the slide_values rule from results/data; do not edit."]
    for name in sorted(values):
        if not _MACRO.match(name):
            raise ValueError(f"{name!r} is not a valid LaTeX macro name (letters only)")
        lines.append(f"\\newcommand{{\\{name}}}{{{values[name]}}}")
    return "\n".join(lines) + "\n"


def parse_values_tex(text: str) -> dict[str, str]:
    """Inverse of :func:`values_tex`: macro name -> replacement text."""
    return dict(re.findall(r"^\\newcommand\{\\([A-Za-z]+)\}\{(.*)\}$", text, flags=re.M))


# --------------------------------------------------------------------------- colors.tex
def colors_tex(words: Mapping[str, str] = COLOR_WORDS) -> str:
    """``\\definecolor`` for every role (``l2decaystep``, ...) and ``\\cw<role>`` = its word."""
    lines = [
        latex_color_definitions().rstrip("\n"),
        "% How the prose names each colour (l2geom.style.COLOR_WORDS).",
    ]
    for role, word in words.items():
        name = "cw" + role.replace("_", "")
        if _MACRO.match(name):
            lines.append(f"\\newcommand{{\\{name}}}{{{word}}}")
        elif re.match(r"^[A-Za-z0-9]+$", name):  # a digit (l1_penalty): \colorword's \csname
            lines.append(f"\\expandafter\\newcommand\\csname {name}\\endcsname{{{word}}}")
        else:
            raise ValueError(f"role {role!r} does not give a valid macro name")
    return "\n".join(lines) + "\n"
