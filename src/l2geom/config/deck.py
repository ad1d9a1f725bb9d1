"""Which scenarios the lecture deck shows, and what it needs of them.

The config's ``deck:`` section names the running example (every figure but the classic
picture, and the animations) and the scenario of the classic picture. What the deck's
frames show of each is its catalogue spec (l2geom.catalogue.DECK); :func:`check_deck`
holds the named scenarios against it at validation, so a deck that cannot be built stops
before any job, with every problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..catalogue import DECK
from ..errors import ConfigError, did_you_mean


def check_deck(
    deck: Mapping[str, Any] | None,
    scenarios: Mapping[str, Any],
    names: Iterable[str] | None = None,
    root: str | Path = ".",
) -> dict[str, Any] | None:
    """``{"running_example": name, "classic_picture": name, "handout_per_page": n}`` of a
    schema-checked ``deck`` section (None: no deck), and its ``theme`` when it names one; ConfigError naming the
    key for every scenario that is missing or lacks what the deck shows, and for a theme
    file that is missing. ``scenarios`` maps names to checked scenarios (objects with
    ``figures``, ``animations`` and ``lambdas_for(use)``); ``names`` are all the config's
    scenario names (default: those of ``scenarios``): one that failed its own checks is
    not checked here again. A theme's path is relative to ``root``."""
    if deck is None:
        return None
    names = sorted(scenarios if names is None else names)
    parts: dict[str, Any] = {
        "running_example": deck["running_example"],
        "classic_picture": deck.get("classic_picture", deck["running_example"]),
    }
    problems = []
    for part, name in parts.items():
        if name not in names:
            if part in deck:  # not for a classic picture that defaults to a missing name
                problems.append(
                    f"deck.{part}: no scenario {name!r} (scenarios: "
                    f"{', '.join(names)}){did_you_mean(name, names)}"
                )
            continue
        if name not in scenarios:
            continue
        figures, animations = DECK.shows[part]
        scenario = scenarios[name]
        for key, wanted, listed in (
            ("figures", figures, scenario.figures),
            ("animations", animations, scenario.animations),
        ):
            missing = [item for item in wanted if item not in listed]
            if missing:
                problems.append(
                    f"deck.{part}: the deck shows {key} {', '.join(missing)} of "
                    f"scenario {name!r}; add them to scenarios.{name}.{key}"
                )
    running = parts["running_example"]
    if running in scenarios and len(scenarios[running].lambdas_for("pull")) < 2:
        problems.append(
            f"deck.running_example: the deck compares a small and a large lambda; "
            f"give scenarios.{running}.lambdas.pull two different values"
        )
    if "theme" in deck:
        if (Path(root) / deck["theme"]).is_file():
            parts["theme"] = deck["theme"]
        else:
            problems.append(
                f"deck.theme: {deck['theme']!r} is not a file (a path relative to "
                f"the working directory {Path(root).resolve()})"
            )
    if problems:
        raise ConfigError(*problems)
    # slides a handout page (the schema allows 1, 2 and 4 only)
    parts["handout_per_page"] = int(deck.get("handout", {}).get("per_page", 1))
    return parts
