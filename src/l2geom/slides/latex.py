"""The deck's LaTeX build: :func:`check_log` and :func:`expected_pages` are the quality
checks of a build; :func:`compile_deck` runs latexmk in a private folder and publishes
the PDF only when the build and its log are clean."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..atomic import publish

_OVERFULL = re.compile(r"^Overfull \\[hv]box \(([\d.]+)pt too (?:wide|high)\)(.*)$", re.M)
_UNDEFINED = re.compile(
    r"^(?:LaTeX|Package \w+) Warning: (?:Reference|Citation|Hyper reference)"
    r" .*undefined.*$|^LaTeX Warning: There were undefined references\.$",
    re.M,
)
_MOVIE = re.compile(r"^Package multimedia Warning: The movie file .*$", re.M)


def check_log(text: str, max_overfull_pt: float = 1.0, layout: bool = True) -> list[str]:
    """Problems in a pdfLaTeX log: errors, undefined references or citations, movie
    files missing relative to the PDF, and (with ``layout``) overfull boxes wider than
    ``max_overfull_pt``."""
    problems = [
        line for line in text.splitlines() if line.startswith("!") or re.match(r"^\S+:\d+: ", line)
    ]
    problems += _UNDEFINED.findall(text)
    problems += _MOVIE.findall(text)
    if layout:
        problems += overfull(text, max_overfull_pt)
    return problems


def overfull(text: str, max_overfull_pt: float = 1.0) -> list[str]:
    """The log's overfull boxes wider than ``max_overfull_pt``."""
    return [m.group(0) for m in _OVERFULL.finditer(text) if float(m.group(1)) > max_overfull_pt]


_OVERLAY = re.compile(r"<(\d+)(?:-(\d*))?(?:,[^>]*)?>")


def _strip_comments(source: str) -> str:
    return re.sub(r"(?<!\\)%.*", "", source)


def frames(source: str) -> list[tuple[int, int, str, str]]:
    """``(first page, pages, title, body)`` of each frame of a beamer source, in order:
    a frame gives as many pages as its overlays.

    Counts ``\\pause`` (one more page each) and explicit overlay specifications
    ``<n>``, ``<n->``, ``<n-m>`` after overlay-aware commands; the larger count wins.
    """
    found, page = [], 1
    text = _strip_comments(source)
    for options_title, body in re.findall(
        r"\\begin\{frame\}((?:\[[^\]]*\])?(?:\{(?:[^{}]|\{[^{}]*\})*\})?)(.*?)\\end\{frame\}",
        text,
        flags=re.S,
    ):
        slides = 1 + len(re.findall(r"\\pause\b", body))
        for spec in re.findall(
            r"\\(?:item|only|onslide|uncover|visible|invisible|alert|"
            r"alt|temporal|textbf|color|textcolor)\s*(<[^>]*>)",
            body,
        ):
            for m in _OVERLAY.finditer(spec):
                slides = max(slides, int(m.group(1)), int(m.group(2) or 0))
        title = re.search(r"\{(.*)\}\s*$", options_title)
        found.append((page, slides, title.group(1) if title else "", body))
        page += slides
    return found


def expected_pages(source: str) -> int:
    """Pages a beamer source produces (:func:`frames`)."""
    return sum(pages for _, pages, _, _ in frames(source))


# --------------------------------------------------------------------------- build
def latex_env(epoch: int, texinputs: str) -> dict[str, str]:
    """Environment for a reproducible pdfLaTeX run (fixed dates, unwrapped log lines)."""
    env = dict(os.environ)
    env.update(
        {
            "SOURCE_DATE_EPOCH": str(int(epoch)),
            "FORCE_SOURCE_DATE": "1",
            "TZ": "UTC",
            "TEXINPUTS": texinputs + os.pathsep,
            "max_print_line": "10000",
            "LC_ALL": "C",
        }
    )
    return env


THEME = "beamerthemel2geom.sty"  # what the preamble's \usetheme{l2geom} loads
HANDOUT_LAYOUTS = (1, 2, 4)  # slides a printed page (the preamble's pgfpages layouts)


def compile_deck(
    tex: str | Path,
    output: str | Path,
    epoch: int,
    log: str | Path | None = None,
    theme: str | Path | None = None,
    generated: Sequence[str | Path] | None = None,
    handout: int | None = None,
) -> Path:
    r"""Compile ``tex`` with latexmk (pdflatex) into ``output``; return ``output``.

    With ``handout`` (slides a printed page: 1, 2 or 4), the same source in beamer's
    handout mode: a wrapper beside the job's auxiliary files passes the ``handout`` class
    option and defines ``\handoutPerPage`` (the preamble's pgfpages layout), then inputs
    ``tex``. Overlays collapse, and each animation's snippet shows its stage stills.

    pdfLaTeX runs with the output's folder as working directory, so every relative
    path in the deck (figures, posters, movies) is relative to the finished PDF and
    the deck and ``figures/`` can move together. On TEXINPUTS, in this order: ``theme``
    (a beamer theme file of the lecturer's, loaded in place of l2geom's; its overfull
    boxes are the theme's to mend, so they are warned of, not fatal), the folders
    ``generated`` (the deck's values.tex and colors.tex; default: generated/ beside
    ``tex``), the folder of ``tex`` (preamble, l2geom's theme). Auxiliary files live in a
    private temporary folder that is removed afterwards. An old ``output`` is deleted first;
    the new one is moved in only when latexmk succeeds and :func:`check_log` finds nothing.
    Raises RuntimeError (with the problems) otherwise.
    """
    tex, output = Path(tex).resolve(), Path(output).resolve()
    build = output.parent
    build.mkdir(parents=True, exist_ok=True)
    output.unlink(missing_ok=True)  # a failed build must not leave an old PDF behind
    if handout is not None and handout not in HANDOUT_LAYOUTS:
        raise ValueError(f"handout: {handout} slides a page is none of {HANDOUT_LAYOUTS}")
    job = Path(tempfile.mkdtemp(prefix=".latexmk-", dir=build))
    try:
        main = tex
        if handout is not None:
            main = job / f"{tex.stem}-handout.tex"
            main.write_text(
                "% The handout: the deck in beamer's handout mode (l2geom.slides.latex).\n"
                "\\PassOptionsToClass{handout}{beamer}\n"
                f"\\def\\handoutPerPage{{{handout}}}\n"
                f"\\input{{{tex.stem}}}\n"
            )
        if theme is not None:
            shutil.copyfile(theme, job / THEME)
        folders = [tex.parent / "generated"] if generated is None else generated
        search = [job, *(Path(folder).resolve() for folder in folders), tex.parent]
        env = latex_env(epoch, os.pathsep.join(os.path.relpath(p, build) for p in search))
        cmd = [
            "latexmk",
            "-norc",
            "-pdf",
            "-halt-on-error",
            "-interaction=nonstopmode",
            "-file-line-error",
            f"-outdir={job.name}",
            f"-auxdir={job.name}",
            os.path.relpath(main, build),
        ]
        run = subprocess.run(cmd, cwd=build, env=env, capture_output=True, text=True)
        latex_log = job / f"{main.stem}.log"
        log_text = latex_log.read_text(errors="replace") if latex_log.exists() else ""
        if log is not None:
            Path(log).parent.mkdir(parents=True, exist_ok=True)
            Path(log).write_text(
                f"$ {' '.join(cmd)}\n{run.stdout}\n{run.stderr}\n"
                f"===== {latex_log.name} =====\n{log_text}"
            )
        foreign = theme is not None and not Path(theme).resolve().samefile(tex.parent / THEME)
        problems = check_log(log_text, layout=not foreign)
        if foreign and overfull(log_text):
            print(
                f"l2geom: the deck with the theme {theme} has {len(overfull(log_text))} "
                f"overfull boxes (see {log or 'the LaTeX log'})",
                file=sys.stderr,
            )
        if run.returncode != 0 or problems:
            detail = "\n".join(problems[:20]) or run.stdout[-2000:]
            raise RuntimeError(f"latexmk failed on {main.name} (exit {run.returncode}):\n{detail}")
        publish(job / f"{main.stem}.pdf", output)
        return output
    finally:
        shutil.rmtree(job, ignore_errors=True)
