"""An animation on paper: its stage stills' names and the .tex snippet that shows it.

Beside ``{name}.mp4`` an animation's render writes the folder ``{name}/`` with one PNG
per pause point (the frame the video shows at the end of that stage, named by the stage's
index in the scene's ``STAGES`` and its label, :func:`still_name`) and ``{name}.tex``, a
snippet for any beamer deck (:func:`snippet`): in presentation mode the movie with its
poster, in handout mode the stills in a grid, each with its stage's label and description.

Pure text; no Manim here (the deck's tests and the rule files read it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

# Words for the symbols of stage labels, in file names.
_NAME_WORDS = {
    "θ": "theta",
    "λ": "lambda",
    "σ": "sigma",
    "α": "alpha",
    "Σ": "sigma",
    "∞": "infinity",
    "→": "to",
}


def slug(label: str) -> str:
    """A file-name-safe form of a stage label: ASCII letters, digits and hyphens
    ("θ̂_Ridge" -> "theta-ridge", "λ → ∞" -> "lambda-to-infinity", "λ = σ₁" -> "lambda-sigma1")."""
    text = "".join(f" {_NAME_WORDS[c]}" if c in _NAME_WORDS else c for c in label)
    text = unicodedata.normalize("NFKD", text)  # σ₁ -> σ1, θ̂ -> θ + a combining hat
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", text)
    if not words:
        raise ValueError(f"stage label {label!r} gives no file name")
    return "-".join(words)


def still_name(stage: int, label: str) -> str:
    """The file name of the still of stage ``stage`` (1-based, as declared) ``label``."""
    return f"{stage:02d}-{slug(label)}.png"


# --------------------------------------------------------------------------- LaTeX
# Stage texts are Unicode (the HTML deck and the report show them as written); pdfLaTeX in
# a lecturer's deck knows none of these symbols, so they become math. Longest first.
_MATH = {
    "θ̂_Ridge": r"\hat{\theta}_{\mathrm{Ridge}}",
    "θ̂_Lasso": r"\hat{\theta}_{\mathrm{Lasso}}",
    "θ̂₁": r"\hat{\theta}_1",
    "θ̂₂": r"\hat{\theta}_2",
    "H₁₁": r"H_{11}",
    "H₂₂": r"H_{22}",
    "R_emp": r"\mathcal{R}_{\mathrm{emp}}",
    "|θᵢ|": r"|\theta_i|",
    "θ̂": r"\hat{\theta}",
    "θᵢ": r"\theta_i",
    "σᵢ": r"\sigma_i",
    "σ₁": r"\sigma_1",
    "σ₂": r"\sigma_2",
    "⁻¹": r"^{-1}",
    "ᵀ": r"^{\top}",
    "θ": r"\theta",
    "λ": r"\lambda",
    "σ": r"\sigma",
    "α": r"\alpha",
    "Σ": r"\Sigma",
    "∞": r"\infty",
    "→": r"\to",
    "≤": r"\le",
    "≥": r"\ge",
    "−": "-",
    "∇": r"\nabla",
}
_PUNCTUATION = {"–": "--", "—": "---", "’": "'", "‘": "`", "“": "``", "”": "''", "…": r"\dots{}"}
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TOKEN = re.compile("|".join(re.escape(k) for k in sorted(_MATH, key=len, reverse=True)) + "|.")


def latex_text(text: str) -> str:
    """``text`` as LaTeX for any pdfLaTeX document: its symbols as math, TeX's special
    characters escaped; ValueError for a character neither ASCII nor known here."""
    out: list[str] = []
    for token in _TOKEN.findall(text):
        if token in _MATH:
            out.append(f"${_MATH[token]}$")
        elif token in _PUNCTUATION:
            out.append(_PUNCTUATION[token])
        elif token in _SPECIAL:
            out.append(_SPECIAL[token])
        elif token.isascii():
            out.append(token)
        else:
            raise ValueError(f"no LaTeX for {token!r} (U+{ord(token):04X}) in {text!r}")
    return "".join(out).replace("$$", "")  # adjacent symbols: one formula


def handout_pages(count: int, per_page: int = 4) -> list[range]:
    """The stills of each handout page (indices), balanced: 8 -> 4 + 4, 5 -> 3 + 2."""
    if count < 1:
        return []
    pages = -(-count // per_page)
    size = -(-count // pages)
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def snippet(name: str, scenario: str, record: Mapping[str, Any]) -> str:
    """The .tex snippet of animation ``name`` of ``scenario`` from its pause points
    ``record`` (the JSON beside the movie, with each pause's ``still`` and the
    ``poster``'s stage): ``\\input`` it inside a frame of any beamer deck."""
    pauses: Sequence[Mapping[str, Any]] = record["pauses"]
    stills = [p["still"] for p in pauses] or [record["stills"][0]]
    poster = record.get("poster") or "the last frame"
    head = [
        f"% {name}.tex: the animation {name} of the scenario {scenario}, for a beamer deck.",
        "% Written by l2geom (python -m l2geom.animations / the workflow); do not edit.",
        "%",
        "% Inside a frame, with the path from where LaTeX runs (the PDF's folder):",
        f"%   \\begin{{frame}}[plain]\\input{{figures/{scenario}/animations/{name}.tex}}"
        "\\end{frame}",
        "% Presentation mode: the movie (\\usepackage{multimedia} in the preamble), showing",
        f"% its poster ({poster}) until played; without multimedia,",
        "% the poster alone. Handout mode (\\documentclass[handout]{beamer}): the stills,",
        "% one per stage, in a grid with each stage's label and description, on as many",
        "% pages as needed (4 stills a page). The files are found beside this one; the",
        "% movie's path is relative to the PDF. Sizes you may set before \\input:",
        "% \\ltwogeomwidth (the movie's width, default \\linewidth) and \\ltwogeomstillheight",
        "% (a still's height at most, default 0.3\\textheight).",
        "\\begingroup",
        "\\providecommand{\\ltwogeomwidth}{\\linewidth}%",
        "\\providecommand{\\ltwogeomstillheight}{0.3\\textheight}%",
        "\\edef\\ltwogeomdir{\\ifx\\CurrentFilePath\\empty.\\else\\CurrentFilePath\\fi}%",
        "\\mode<beamer|second|trans>{%",
        "\\ifdefined\\movie",
        f"  \\movie[showcontrols]{{\\includegraphics[width=\\ltwogeomwidth]"
        f"{{\\ltwogeomdir/{name}.png}}}}{{\\ltwogeomdir/{name}.mp4}}%",
        "\\else",
        f"  \\includegraphics[width=\\ltwogeomwidth]{{\\ltwogeomdir/{name}.png}}%",
        "\\fi}%",
        "\\mode<handout>{%",
    ]
    cells = [
        (still, p.get("stage", i + 1), p["label"], p["description"])
        for i, (still, p) in enumerate(zip(stills, pauses))
    ] or [(stills[0], 0, "the last frame", f"{name} marks no stages: its last frame.")]
    body = []
    pages = handout_pages(len(cells))
    for number, page in enumerate(pages, start=1):
        body.append(f"\\only<handout:{number}>{{%")
        body.append("\\begin{minipage}{\\linewidth}\\centering")
        for k, i in enumerate(page):
            still, stage, label, description = cells[i]
            if k and k % 2 == 0:
                body.append("\\par\\medskip")
            body.append(
                "\\begin{minipage}[t]{0.48\\linewidth}\\centering"
                f"\\includegraphics[width=\\linewidth,height=\\ltwogeomstillheight,"
                f"keepaspectratio]{{\\ltwogeomdir/{name}/{still}}}\\par"
                "\\vspace{0.4ex}\\raggedright\\scriptsize"
                f"\\textbf{{{stage}.\\ {latex_text(label)}}}\\quad {latex_text(description)}"
                "\\end{minipage}" + ("\\hfill" if k % 2 == 0 and k + 1 < len(page) else "")
            )
        body.append("\\end{minipage}}%")
    return "\n".join([*head, *body, "}%", "\\endgroup", ""])
