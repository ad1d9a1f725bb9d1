"""Which scenarios the lecture deck shows, and what it needs of them.

The config's ``deck:`` section names the running example (every figure but the classic
picture, and the animations) and the scenario of the classic picture. What the deck's
frames show of each is its catalogue spec (l2geom.catalogue.DECK); :func:`check_deck`
holds the named scenarios against it at validation, so a deck that cannot be built stops
before any job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from ..catalogue import DECK
from ..errors import ConfigError


def check_deck(deck: Mapping[str, Any] | None, scenarios: Mapping[str, Any],
               root: str | Path = ".") -> dict[str, str] | None:
    """``{"running_example": name, "classic_picture": name}`` of a schema-checked ``deck``
    section (None: no deck), and its ``theme`` when it names one; ConfigError naming the
    key when a scenario is missing or lacks what the deck shows, or the theme file is
    missing. ``scenarios`` maps names to objects with ``figures``, ``animations`` and
    ``lambdas_for(use)``; a theme's path is relative to ``root``."""
    if deck is None:
        return None
    parts = {"running_example": deck["running_example"],
             "classic_picture": deck.get("classic_picture", deck["running_example"])}
    for part, name in parts.items():
        if name not in scenarios:
            raise ConfigError(f"deck.{part}: no scenario {name!r} (scenarios: "
                              f"{', '.join(sorted(scenarios))})")
        figures, animations = DECK.shows[part]
        scenario = scenarios[name]
        for key, wanted, listed in (("figures", figures, scenario.figures),
                                    ("animations", animations, scenario.animations)):
            missing = [item for item in wanted if item not in listed]
            if missing:
                raise ConfigError(f"deck.{part}: the deck shows {key} {', '.join(missing)} of "
                                  f"scenario {name!r}; add them to scenarios.{name}.{key}")
    running = parts["running_example"]
    if len(scenarios[running].lambdas_for("pull")) < 2:
        raise ConfigError(f"deck.running_example: the deck compares a small and a large lambda; "
                          f"give scenarios.{running}.lambdas.pull two different values")
    if "theme" in deck:
        if not (Path(root) / deck["theme"]).is_file():
            raise ConfigError(f"deck.theme: {deck['theme']!r} is not a file (a path relative "
                              f"to the working directory {Path(root).resolve()})")
        parts["theme"] = deck["theme"]
    return parts
