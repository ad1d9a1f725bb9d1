"""The decks a config builds, and what each needs of the scenarios it names.

The config's ``decks:`` section maps each deck's name (slides/build/<name>.pdf) to its
``source`` (a deck source of the catalogue, slides/<source>.tex; default: the deck's
name) and the scenario of each part of that source (``scenarios:``). What a source's
frames show of each part is its catalogue spec (l2geom.catalogue.DECKS);
:func:`check_decks` holds the named scenarios against it at validation, so a deck that
cannot be built stops before any job, with every problem.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ..catalogue import DECKS
from ..core.lasso import DIAGONAL_ADVICE, is_diagonal, kink_lambdas
from ..errors import ConfigError, closest, did_you_mean

# A deck named <other>-handout would write slides/build/<other>-handout.pdf, the handout
# of the deck <other>.
RESERVED_ENDING = "-handout"


def moved_deck_section(deck: Any) -> str:
    """The one line for a config that still has the single ``deck:`` section of earlier
    versions: how to write it as a ``decks:`` entry (in YAML's flow style, to paste)."""
    if not isinstance(deck, Mapping):
        deck = {}
    parts = {k: deck[k] for k in ("running_example", "classic_picture") if k in deck}
    entry: dict[str, Any] = {"scenarios": parts or {"running_example": "<scenario>"}}
    entry.update({k: deck[k] for k in ("theme", "handout") if k in deck})
    flow = json.dumps({"l2-weight-decay": entry}).replace('"', "")
    return (
        f"deck: the deck section is now decks:, one entry per deck; write decks: {flow} "
        "(docs/configuration.md)"
    )


def check_decks(
    decks: Mapping[str, Any] | None,
    scenarios: Mapping[str, Any],
    names: Iterable[str] | None = None,
    root: str | Path = ".",
) -> dict[str, dict[str, Any]]:
    """Each schema-checked deck of ``decks`` as ``{"source": name, "scenarios": {part:
    scenario}, "handout_per_page": n}`` (every part named, defaults filled in) plus its
    ``theme`` when it names one; ConfigError naming the key of every problem: an unknown
    source or part, a missing scenario, one that lacks what the deck shows, a missing
    theme file. ``scenarios`` maps names to checked scenarios (objects with ``name``,
    ``figures``, ``animations``, ``lambdas`` and ``quad``); ``names`` are all the config's
    scenario names (default: those of ``scenarios``): one that failed its own checks is
    not checked here again. A theme's path is relative to ``root``."""
    checked, problems = {}, []
    for deck, section in (decks or {}).items():
        try:
            checked[deck] = _check_deck(deck, section, scenarios, names, Path(root))
        except ConfigError as err:
            problems += err.lines
    if problems:
        raise ConfigError(*problems)
    return checked


def _check_deck(
    deck: str,
    section: Mapping[str, Any],
    scenarios: Mapping[str, Any],
    names: Iterable[str] | None,
    root: Path,
) -> dict[str, Any]:
    where = f"decks.{deck}"
    if deck.endswith(RESERVED_ENDING):
        raise ConfigError(
            f"{where}: a deck name may not end in {RESERVED_ENDING} (the ending of a "
            "deck's handout)"
        )
    source = section.get("source", deck)
    if source not in DECKS:
        if "source" in section:
            key, told = f"{where}.source", ""
        else:  # the default
            key, told = where, f"; set {where}.source to one of them"
        raise ConfigError(
            f"{key}: no deck source {source!r} (sources: {', '.join(DECKS)}){told}"
            f"{did_you_mean(source, DECKS)}"
        )
    spec = DECKS[source]
    given = section["scenarios"]
    unknown = [part for part in given if part not in spec.parts]
    problems = [
        f"{where}.scenarios.{part}: the deck source {source} has no part {part!r} (parts: "
        f"{', '.join(spec.parts)}){did_you_mean(part, spec.parts)}"
        for part in unknown
    ]
    parts = {}
    for part, needs in spec.parts.items():
        if part in given:
            parts[part] = given[part]
        elif needs.default is not None:
            if needs.default in given:
                parts[part] = given[needs.default]
        elif not any(closest(other, spec.parts) == part for other in unknown):
            # (a misspelt part's line names this one)
            problems.append(f"{where}.scenarios.{part}: required key is missing")
    all_names = sorted(scenarios if names is None else names)
    for part, name in parts.items():
        key = f"{where}.scenarios.{part}"
        if name not in all_names:
            if part not in given:  # a default: its own part's line names it
                continue
            problems.append(
                f"{key}: no scenario {name!r} (scenarios: {', '.join(all_names)})"
                f"{did_you_mean(name, all_names)}"
            )
        elif name in scenarios:
            problems += _needs(key, source, spec.parts[part], scenarios[name])
    checked: dict[str, Any] = {"source": source, "scenarios": parts}
    if "theme" in section:
        if (root / section["theme"]).is_file():
            checked["theme"] = section["theme"]
        else:
            problems.append(
                f"{where}.theme: {section['theme']!r} is not a file (a path relative to "
                f"the working directory {root.resolve()})"
            )
    if problems:
        raise ConfigError(*problems)
    # slides a handout page (the schema allows 1, 2 and 4 only)
    checked["handout_per_page"] = int(section.get("handout", {}).get("per_page", 1))
    return checked


def _needs(key: str, source: str, part: Any, scenario: Any) -> list[str]:
    """What the deck source's ``part`` needs and the checked ``scenario`` lacks."""
    name = scenario.name
    problems = []
    for kind, wanted, listed in (
        ("figures", part.figures, scenario.figures),
        ("animations", part.animations, scenario.animations),
    ):
        missing = [item for item in wanted if item not in listed]
        if missing:
            problems.append(
                f"{key}: the deck {source} shows {kind} {', '.join(missing)} of "
                f"scenario {name!r}; add them to scenarios.{name}.{kind}"
            )
    for use in part.compares:
        if len(scenario.lambdas.get(use, [])) < 2:
            problems.append(
                f"{key}: the deck {source} compares a small and a large lambda; give "
                f"scenarios.{name}.lambdas.{use} two different values"
            )
    quad = scenario.quad
    if (
        part.diagonal is not None
        and quad is not None
        and is_diagonal(quad.hessian) != part.diagonal
    ):
        problems.append(
            f"{key}: the deck {source} needs a diagonal Hessian here (its closed form) and "
            f"scenario {name!r} has none: {DIAGONAL_ADVICE}"
            if part.diagonal
            else f"{key}: the deck {source} shows here what changes without a diagonal "
            f"Hessian; scenario {name!r} has one: name a scenario with correlated features"
        )
    if part.sparse is not None and quad is not None and is_diagonal(quad.hessian):
        problems += _sparse(key, source, part.sparse, scenario)
    return problems


def _sparse(key: str, source: str, use: str, scenario: Any) -> list[str]:
    """With a diagonal H, component j of the lasso solution is 0 from λ = H_jj |θ̂_j| on:
    the largest λ of ``use`` must set some component, but not every one, to 0."""
    zero_from = np.sort(kink_lambdas(scenario.quad))
    lam = max(scenario.lambdas.get(use, [0.0]))
    if zero_from[0] <= lam < zero_from[-1]:
        return []
    at = ", ".join(f"{z:.4g}" for z in zero_from)
    return [
        f"{key}: the deck {source} shows the largest lambdas.{use} setting some but not "
        f"every component to 0 (a corner of the diamond); scenario {scenario.name!r}'s "
        f"components reach 0 at lambda = {at}: give scenarios.{scenario.name}.lambdas."
        f"{use} a largest value in [{zero_from[0]:.4g}, {zero_from[-1]:.4g})"
    ]
