"""The slide deck's generated inputs, its log checks, and its build.

Pure functions turn loaded data files and config values into the text of
``slides/generated/values.tex`` (every number the slide prose prints) and
``slides/generated/colors.tex`` (the palette of :mod:`l2geom.style` plus the word
the prose uses for each colour). :func:`check_log` and :func:`expected_pages` are
the quality checks of a build; :func:`compile_deck` runs latexmk in a private
folder and publishes the PDF only when the build and its log are clean.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from ..build import store
from ..style import COLOR_WORDS, latex_color_definitions

Data = Mapping[str, np.ndarray]

# Decimals printed per kind of number ("rounded sensibly" for a slide).
VECTOR_DECIMALS = 2       # θ̂, θ̂_ridge, Qᵀθ̂ and its rescaled components
EIGEN_DECIMALS = 1        # eigenvalues of H
FACTOR_DECIMALS = 2       # shrink factors σ/(σ+λ)

_MACRO = re.compile(r"^[A-Za-z]+$")


# --------------------------------------------------------------------------- numbers
def number(x: float, decimals: int, whole: bool = True) -> str:
    """``x`` rounded to ``decimals`` places; with ``whole``, whole numbers print without
    decimals. ``number(117.807, 1) == "117.8"``, ``number(8.0, 1) == "8"``,
    ``number(2.0, 2, whole=False) == "2.00"``, ``number(-0.001, 2) == "0.00"``.
    """
    x = float(x)
    if not np.isfinite(x):
        raise ValueError(f"cannot print the non-finite number {x}")
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    if whole and x == round(x) and abs(x) < 1e15:
        return str(int(round(x)))
    text = f"{x:.{decimals}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text


def exact(x: float) -> str:
    """A config value (λ, α, n, ...) exactly as typed: shortest round-trip form, no exponent."""
    x = float(x)
    if not np.isfinite(x):
        raise ValueError(f"cannot print the non-finite number {x}")
    return np.format_float_positional(x, trim="-")


def vector(v: np.ndarray, decimals: int = VECTOR_DECIMALS) -> str:
    """A vector as LaTeX math: ``(0.17,\\ 3.20)^\\top``."""
    v = np.asarray(v, dtype=float).ravel()
    return "(" + ",\\ ".join(number(c, decimals, whole=False) for c in v) + ")^{\\top}"


# --------------------------------------------------------------------------- values.tex
def _components(prefix: str, v: np.ndarray, decimals: int, whole: bool = True
                ) -> dict[str, str]:
    names = ["One", "Two", "Three", "Four"]
    v = np.asarray(v, dtype=float).ravel()
    if v.size > len(names):
        raise ValueError(f"{prefix}: the deck prints at most {len(names)} components, got {v.size}")
    return {prefix + names[i]: number(c, decimals, whole) for i, c in enumerate(v)}


def _point(prefix: str, v: np.ndarray) -> dict[str, str]:
    """``prefix`` (the vector) plus ``prefixOne``, ``prefixTwo``, ... (its components)."""
    return {prefix: vector(v), **_components(prefix, v, VECTOR_DECIMALS, whole=False)}


def course_values(quadratic: Data, decay: Data, pull: Data, rescale: Data,
                  lambdas: Mapping[str, Any], source: Mapping[str, Any] | None = None
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
        raise ValueError(f"rescale data were computed for λ = {float(rescale['lam'])}, "
                         f"the config says {lam_rescale}")
    ridge = {key: runs["ridge"][store.index_of(runs["lambdas"], lam)]
             for key, runs, lam in (("Decay", decay, lam_decay), ("Small", pull, lam_small),
                                    ("Large", pull, lam_large))}
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
        "decayFactor": exact(round(float(decay["decay_factors"][store.index_of(
            decay["lambdas"], lam_decay)]), 12)),
        "startPoint": vector(decay["start"]),
        **_point("thetaHat", quadratic["theta_hat"]),
        **_point("ridgeDecay", ridge["Decay"]),
        **_point("ridgeSmall", ridge["Small"]),
        **_point("ridgeLarge", ridge["Large"]),
        **_components("sigma", sigma, EIGEN_DECIMALS),
        **_point("projected", rescale["projected"]),
        **_components("shrink", factors, FACTOR_DECIMALS),
        **_components("shrinkPct", 100.0 * factors, 0),
        **_point("scaled", rescale["scaled"]),
        **_point("ridgeRescale", rescale["ridge"]),
    }
    if source is not None:
        values.update(source_values(source, quadratic))
    return values


def source_values(source: Mapping[str, Any], quadratic: Data) -> dict[str, str]:
    """Where the running example's risk comes from, for the deck's "running example" box:
    ``runningExample`` names the deck's macro for the kind of source (``\\exampleGenerate``,
    ``\\exampleCsv`` or ``\\exampleQuadratic``), the other values fill it in."""
    if "generate" in source:
        spec = source["generate"]
        return {"runningExample": "\\exampleGenerate", "nObs": str(int(spec["n"])),
                "noiseSd": exact(spec["noise_sd"]), "featureLow": exact(spec.get("low", 0.0)),
                "featureHigh": exact(spec.get("high", 1.0)),
                "trueWeights": "(" + ",\\ ".join(exact(w) for w in spec["weights"])
                + ")^{\\top}"}
    if "csv" in source:
        spec = source["csv"]
        return {"runningExample": "\\exampleCsv",
                "nObs": str(int(quadratic["observations"])),
                "csvFile": latex_text(Path(spec["path"]).name),
                "csvFeatures": ", ".join(latex_text(f) for f in spec["features"]),
                "csvTarget": latex_text(spec["target"])}
    rows = np.asarray(quadratic["hessian"], dtype=float)
    matrix = "\\\\".join(" & ".join(number(x, VECTOR_DECIMALS) for x in row) for row in rows)
    return {"runningExample": "\\exampleQuadratic",
            "hessianMatrix": f"\\begin{{pmatrix}}{matrix}\\end{{pmatrix}}"}


def scenario_values(parts: Mapping[str, str]) -> dict[str, str]:
    """The folder names of the deck's scenarios (``deck:`` section of the config, with
    both parts named): ``exampleScenario`` (the running example), ``classicScenario``."""
    return {"exampleScenario": parts["running_example"],
            "classicScenario": parts["classic_picture"]}


_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
                  "#": r"\#", "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}"}


def latex_text(text: str) -> str:
    """``text`` with LaTeX's special characters escaped, to be typeset as it reads."""
    return "".join(_LATEX_SPECIAL.get(c, c) for c in str(text))


def goodfellow_values(quadratic: Data, rescale: Data) -> dict[str, str]:
    """The numbers of the Goodfellow-style scenario (figure 6), prefixed ``gf``."""
    return {
        "gfLam": exact(float(rescale["lam"])),
        **_components("gfSigma", quadratic["eigenvalues"], EIGEN_DECIMALS),
        **_components("gfShrink", rescale["factors"], FACTOR_DECIMALS),
        **_point("gfThetaHat", quadratic["theta_hat"]),
        **_point("gfRidge", rescale["ridge"]),
    }


def values_tex(values: Mapping[str, str]) -> str:
    """``\\newcommand`` lines (sorted) for slides/generated/values.tex."""
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
    lines = [latex_color_definitions().rstrip("\n"),
             "% How the prose names each colour (l2geom.style.COLOR_WORDS)."]
    for role, word in words.items():
        name = "cw" + role.replace("_", "")
        if not _MACRO.match(name):
            raise ValueError(f"role {role!r} does not give a valid macro name")
        lines.append(f"\\newcommand{{\\{name}}}{{{word}}}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- checks
_OVERFULL = re.compile(r"^Overfull \\[hv]box \(([\d.]+)pt too (?:wide|high)\)(.*)$", re.M)
_UNDEFINED = re.compile(r"^(?:LaTeX|Package \w+) Warning: (?:Reference|Citation|Hyper reference)"
                        r" .*undefined.*$|^LaTeX Warning: There were undefined references\.$",
                        re.M)
_MOVIE = re.compile(r"^Package multimedia Warning: The movie file .*$", re.M)


def check_log(text: str, max_overfull_pt: float = 1.0) -> list[str]:
    """Problems in a pdfLaTeX log: errors, undefined references or citations, movie
    files missing relative to the PDF, and overfull boxes wider than ``max_overfull_pt``."""
    problems = [line for line in text.splitlines() if line.startswith("!")
                or re.match(r"^\S+:\d+: ", line)]
    problems += _UNDEFINED.findall(text)
    problems += _MOVIE.findall(text)
    problems += [m.group(0) for m in _OVERFULL.finditer(text)
                 if float(m.group(1)) > max_overfull_pt]
    return problems


_OVERLAY = re.compile(r"<(\d+)(?:-(\d*))?(?:,[^>]*)?>")


def _strip_comments(source: str) -> str:
    return re.sub(r"(?<!\\)%.*", "", source)


def expected_pages(source: str) -> int:
    """Pages a beamer source produces: each frame gives as many pages as its overlays.

    Counts ``\\pause`` (one more page each) and explicit overlay specifications
    ``<n>``, ``<n->``, ``<n-m>`` after overlay-aware commands; the larger count wins.
    """
    text = _strip_comments(source)
    frames = re.findall(r"\\begin\{frame\}(.*?)\\end\{frame\}", text, flags=re.S)
    pages = 0
    for body in frames:
        slides = 1 + len(re.findall(r"\\pause\b", body))
        for spec in re.findall(r"\\(?:item|only|onslide|uncover|visible|invisible|alert|"
                               r"alt|temporal|textbf|color|textcolor)\s*(<[^>]*>)", body):
            for m in _OVERLAY.finditer(spec):
                slides = max(slides, int(m.group(1)), int(m.group(2) or 0))
        pages += slides
    return pages


# --------------------------------------------------------------------------- build
def latex_env(epoch: int, texinputs: str) -> dict[str, str]:
    """Environment for a reproducible pdfLaTeX run (fixed dates, unwrapped log lines)."""
    env = dict(os.environ)
    env.update({"SOURCE_DATE_EPOCH": str(int(epoch)), "FORCE_SOURCE_DATE": "1", "TZ": "UTC",
                "TEXINPUTS": texinputs + os.pathsep, "max_print_line": "10000",
                "LC_ALL": "C"})
    return env


def compile_deck(tex: str | Path, output: str | Path, epoch: int,
                 log: str | Path | None = None) -> Path:
    """Compile ``tex`` with latexmk (pdflatex) into ``output``; return ``output``.

    pdfLaTeX runs with the output's folder as working directory, so every relative
    path in the deck (figures, posters, movies) is relative to the finished PDF and
    the deck and ``figures/`` can move together. The folder of ``tex`` is on
    TEXINPUTS (preamble, theme, generated/). Auxiliary files live in a private
    temporary folder that is removed afterwards. An old ``output`` is deleted first;
    the new one is moved in only when latexmk succeeds and :func:`check_log` finds nothing.
    Raises RuntimeError (with the problems) otherwise.
    """
    tex, output = Path(tex).resolve(), Path(output).resolve()
    build = output.parent
    build.mkdir(parents=True, exist_ok=True)
    output.unlink(missing_ok=True)  # a failed build must not leave an old PDF behind
    job = Path(tempfile.mkdtemp(prefix=".latexmk-", dir=build))
    try:
        env = latex_env(epoch, os.path.relpath(tex.parent, build))
        cmd = ["latexmk", "-norc", "-pdf", "-halt-on-error", "-interaction=nonstopmode",
               "-file-line-error", f"-outdir={job.name}", f"-auxdir={job.name}",
               os.path.relpath(tex, build)]
        run = subprocess.run(cmd, cwd=build, env=env, capture_output=True, text=True)
        latex_log = job / f"{tex.stem}.log"
        log_text = latex_log.read_text(errors="replace") if latex_log.exists() else ""
        if log is not None:
            Path(log).parent.mkdir(parents=True, exist_ok=True)
            Path(log).write_text(f"$ {' '.join(cmd)}\n{run.stdout}\n{run.stderr}\n"
                                 f"===== {latex_log.name} =====\n{log_text}")
        problems = check_log(log_text)
        if run.returncode != 0 or problems:
            detail = "\n".join(problems[:20]) or run.stdout[-2000:]
            raise RuntimeError(f"latexmk failed on {tex.name} (exit {run.returncode}):\n{detail}")
        os.replace(job / f"{tex.stem}.pdf", output)
        return output
    finally:
        shutil.rmtree(job, ignore_errors=True)
