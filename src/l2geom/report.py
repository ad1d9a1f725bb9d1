"""The review report's texts (``snakemake --report``), written from the checked config,
the deck's source and the built pause points, so no scenario name is typed in a template.

:func:`front_page` is the report's first page; :func:`caption` adds to a figure's or an
animation's caption which deck pages show it and, for a video, its stages with their
times; those facts (:func:`facts`) reach the caption templates through Snakemake's
``config`` (the only data a caption template sees besides the job's paths).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .catalogue import DECK
from .slides.latex import frames

# The deck source's macro for the scenario of each part of the deck section.
PART_MACROS = {r"\exampleScenario": "running_example", r"\classicScenario": "classic_picture"}
QUALITIES = {"production": "1920×1080 at 60 frames a second", "preview": "854×480 at 15"}
KEY = "l2geom_report"  # where the facts are in Snakemake's config


def rst_text(text: Any) -> str:
    """``text`` with reStructuredText's inline markup characters escaped."""
    out = str(text)
    for char in "\\*`_|":
        out = out.replace(char, "\\" + char)
    return out


# LaTeX in frame titles, as read: math symbols by their characters, commands by their text
_LATEX = {r"\lambda": "λ", r"\theta": "θ", r"\sigma": "σ", r"\ ": " ", "$": "", r"\,": " "}


def plain(title: str) -> str:
    """A frame title's LaTeX as plain text (``$\\mathbf{H}$`` -> ``H``)."""
    for command, text in _LATEX.items():
        title = title.replace(command, text)
    title = re.sub(r"\\[a-zA-Z]+\{([^{}]*)\}", r"\1", title)  # \mathbf{H} -> H
    return re.sub(r"\\[a-zA-Z]+", "", title).replace("{", "").replace("}", "")


def _numbers(values: Any) -> str:
    return "(" + ", ".join(f"{float(v):g}" for v in values) + ")"


def source_text(source: Mapping[str, Any], root: Path) -> str:
    """What a scenario's quadratic is made from, in one sentence of reStructuredText."""
    if "generate" in source:
        g = source["generate"]
        return (
            f"simulated regression data: {g['n']} observations with each feature uniform on "
            f"[{g['low']:g}, {g['high']:g}], true weights {_numbers(g['weights'])}, Gaussian "
            f"noise with standard deviation {g['noise_sd']:g} (seed {g['seed']}); R_emp is the "
            "sum of squared errors, so H = 2XᵀX" + _decorrelated(g)
        )
    if "csv" in source:
        c = source["csv"]
        path = root / c["path"]
        rows = sum(1 for line in path.read_text().splitlines()[1:] if line.strip())
        features = ", ".join(f"``{rst_text(f)}``" for f in c["features"])
        return (
            f"regression data from ``{rst_text(c['path'])}``: {rows} rows, features "
            f"{features}, target ``{rst_text(c['target'])}``; R_emp is the sum of squared "
            "errors, so H = 2XᵀX" + _decorrelated(c)
        )
    q = source["quadratic"]
    hessian = ", ".join(_numbers(row) for row in q["hessian"])
    return f"an explicit quadratic: H = ({hessian}), θ̂ = {_numbers(q['theta_hat'])}"


def _decorrelated(source: Mapping[str, Any]) -> str:
    return (
        ", with the features decorrelated (rotated onto the eigenvectors of XᵀX: H is diagonal)"
        if source.get("decorrelate")
        else ""
    )


def _listing(names: list[str]) -> str:
    return ", ".join(f"``{name}``" for name in names) if names else "none"


def front_page(config: Mapping[str, Any], root: Path) -> str:
    """The report's first page (reStructuredText) for a checked config."""
    quality = config["quality"]
    lines = [
        "The course material of the lecture **Geometric Analysis of L2-Regularization and "
        "Weight Decay**, rebuilt by the l2geom pipeline: a numeric core computes each "
        "scenario's data files, matplotlib draws the figures and Manim renders the animations "
        "from them, and the beamer deck shows them.",
        "",
        f"Animations were rendered at quality ``{quality}`` ({QUALITIES[quality]})"
        + (", with shortened timing." if config.get("short_animations") else "."),
        "",
        "**Scenarios** (each is a category of this report):",
        "",
    ]
    for name, spec in config["scenarios"].items():
        lines += [
            f"- ``{name}``: {source_text(spec['source'], root)}. "
            f"Figures: {_listing(spec['figures'])}. Animations: {_listing(spec['animations'])}.",
        ]
    lines.append("")
    deck = config.get("deck")
    if deck:
        parts = ", ".join(
            f"{part.replace('_', ' ')} ``{deck[part]}``" for part in DECK.shows if part in deck
        )
        lines += [
            f"**Deck** (category *Slides*): ``slides/build/{DECK.name}.pdf``, its handout "
            f"``slides/build/{DECK.name}-handout.pdf`` (each animation as its stage stills, "
            f"{deck.get('handout_per_page', 1)} slide(s) a printed page) and its HTML "
            f"version (``slides/build/html/``, zipped to publish) and handout (each animation "
            f"as its stage stills), built from the scenarios {parts}.",
        ]
    else:
        lines.append("**Deck**: none (the config has no deck section).")
    return "\n".join(lines) + "\n"


def deck_uses(source: str, deck: Mapping[str, str]) -> dict[str, dict[str, list[str]]]:
    """scenario -> ``"fig:NAME"`` or ``"animation:NAME"`` -> the deck pages showing that
    figure or animation, each as ``page N ("frame title")``, from the deck's source."""
    uses: dict[str, dict[str, list[str]]] = {}
    for page, _, title, body in frames(source):
        for kind, scenario_macro, name in _shown(body):
            part = PART_MACROS.get(scenario_macro)
            if part is None or part not in deck:
                continue
            where = f"page {page}" + (f" (“{rst_text(plain(title))}”)" if title else "")
            uses.setdefault(deck[part], {}).setdefault(f"{kind}:{name}", []).append(where)
    return uses


def _shown(body: str) -> list[tuple[str, str, str]]:
    """``(fig or animation, scenario macro, name)`` of each figure and animation a frame
    shows (the preamble's ``\\fig`` and ``\\animation``)."""
    return re.findall(r"\\(fig|animation)\{(\\\w+)\}\{(\w+)\}", body)


def stages(pauses: Path) -> list[str]:
    """The stages of a rendered animation, ``"4.2 s: label: description"``, from its
    pause points; [] before it is rendered."""
    try:
        record = json.loads(pauses.read_text())
    except (OSError, ValueError):
        return []
    return [
        f"{p['time']:.1f} s, {rst_text(p['label'])}: {rst_text(p.get('description', ''))}"
        for p in record.get("pauses", [])
    ]


def facts(config: Mapping[str, Any], deck_source: str | None) -> dict[str, Any]:
    """What the captions say beyond their own text: deck pages per scenario and name, and
    the stages of every rendered animation (plain data, for Snakemake's config)."""
    deck = config.get("deck") or {}
    uses = deck_uses(deck_source, deck) if deck and deck_source else {}
    return {
        "uses": uses,
        "stages": {
            scenario: {
                name: stages(Path("figures", scenario, "animations", f"{name}.json"))
                for name in spec["animations"]
            }
            for scenario, spec in config["scenarios"].items()
        },
    }


_USES = (
    '{{% set uses = snakemake.config["{key}"]["uses"].get(snakemake.wildcards.scenario, {{}})'
    '.get("{kind}:{name}", []) %}}\n'
    "{{% if uses %}}Shown in the deck on {{{{ uses | join(', ') }}}}.{{% else %}}"
    "No deck frame shows it.{{% endif %}}\n"
)
_STAGES = (
    '{{% set stages = snakemake.config["{key}"]["stages"].get(snakemake.wildcards.scenario, {{}})'
    '.get("{name}", []) %}}\n'
    "{{% if stages %}}\nIts stages (each ends at a pause point):\n\n"
    "{{% for line in stages %}}- {{{{ line }}}}\n{{% endfor %}}{{% endif %}}\n"
)


def caption(text: str, name: str, animation: bool) -> str:
    """A caption template: ``text`` (the figure's or animation's own caption), then which
    deck pages show ``name`` and, for an animation, its stages."""
    kind = "animation" if animation else "fig"
    parts = [text.rstrip(), "", _USES.format(key=KEY, kind=kind, name=name)]
    if animation:
        parts += ["", _STAGES.format(key=KEY, name=name)]
    return "\n".join(parts)
