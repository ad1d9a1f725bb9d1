"""The plan of a scenario: what the rules read of a checked config (JSON types only)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class ScenarioPlan:
    """A checked scenario as the rules see it; l2geom.config.scenario.Scenario adds the
    quadratic it was checked with. Job parameters are functions of it (l2geom.catalogue)."""

    name: str
    dim: int
    step_size: float
    steps: int
    start: list[float]
    lambdas: dict[str, list[float]]  # sorted λ values per use
    figures: list[str]
    animations: list[str]
    settings: dict[str, Any]  # the scenario's config section, schema defaults filled in

    def lambdas_for(self, use: str) -> list[float]:
        """Sorted, unique λ values of one use: "decay" (figure 1), "pull" (figure 2,
        animation B) or "rescale" (figures 3-6, animation A). Each use has data files of
        its own, so editing one use's λ reruns only what shows it."""
        return self.lambdas[use]

    def record(self) -> dict[str, Any]:
        """The plan as JSON types (what :func:`from_record` reads back)."""
        return {f.name: getattr(self, f.name) for f in fields(ScenarioPlan)}


def from_record(record: dict[str, Any]) -> ScenarioPlan:
    return ScenarioPlan(**{name: record[name] for name in ScenarioPlan.__dataclass_fields__})
