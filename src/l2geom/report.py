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

from .catalogue import DECKS
from .slides.latex import frames

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
        "Course material rebuilt by the l2geom pipeline from this config: a numeric core "
        "computes each scenario's data files, matplotlib draws the figures and Manim renders "
        "the animations from them, and the beamer decks show them.",
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
    decks = config.get("decks") or {}
    if decks:
        lines += ["**Decks** (category *Slides*), each a PDF, its handout and its HTML deck:", ""]
    else:
        lines.append("**Decks**: none (the config names no decks).")
    for name, deck in decks.items():
        spec = DECKS[deck["source"]]
        parts = ", ".join(
            f"{part.replace('_', ' ')} ``{scenario}``"
            for part, scenario in deck["scenarios"].items()
        )
        lines.append(
            f"- ``{name}``, *{spec.title}* (``slides/{deck['source']}.tex``): "
            f"``slides/build/{name}.pdf``, its handout ``slides/build/{name}-handout.pdf`` "
            f"(each animation as its stage stills, {deck.get('handout_per_page', 1)} "
            f"slide(s) a printed page) and its HTML deck ``slides/build/html/{name}/`` "
            f"(zipped to publish: ``slides/build/{name}-html.zip``); scenarios: {parts}."
        )
    return "\n".join(lines) + "\n"


def deck_uses(name: str, source: str, deck: Mapping[str, Any]) -> dict[str, dict[str, list[str]]]:
    """scenario -> ``"fig:NAME"`` or ``"animation:NAME"`` -> the pages of the deck
    ``name`` showing that figure or animation, each as ``the deck NAME, page N ("frame
    title")``, from the deck's ``source`` text and its checked config entry ``deck``."""
    macros = {
        needs.macro: deck["scenarios"][part] for part, needs in DECKS[deck["source"]].parts.items()
    }
    uses: dict[str, dict[str, list[str]]] = {}
    for page, _, title, body in frames(source):
        for kind, scenario_macro, shown in _shown(body):
            scenario = macros.get(scenario_macro)
            if scenario is None:
                continue
            where = f"the deck {name}, page {page}" + (
                f" (“{rst_text(plain(title))}”)" if title else ""
            )
            uses.setdefault(scenario, {}).setdefault(f"{kind}:{shown}", []).append(where)
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


def facts(config: Mapping[str, Any], sources: Mapping[str, str]) -> dict[str, Any]:
    """What the captions say beyond their own text: the deck pages showing each figure and
    animation, per scenario (``sources``: deck name -> its source's text), and the stages
    of every rendered animation (plain data, for Snakemake's config)."""
    uses: dict[str, dict[str, list[str]]] = {}
    for name, deck in (config.get("decks") or {}).items():
        for scenario, shown in deck_uses(name, sources[name], deck).items():
            for key, pages in shown.items():
                uses.setdefault(scenario, {}).setdefault(key, []).extend(pages)
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
    "{{% if uses %}}Shown in {{{{ uses | join('; ') }}}}.{{% else %}}"
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
