"""The HTML deck, made from the beamer PDF so the two cannot drift: one reveal.js slide
per PDF page, the page drawn as SVG (pdftocairo), and a <video> laid exactly over each
movie annotation's rectangle, which stops at the animation's pause points.

Layout of the output folder::

    index.html            the deck (reveal.js config, one <section> per page)
    pages/page-NN.svg     the PDF's pages
    deck.js, deck.css     l2geom's player for the videos, and the page layout
    reveal/               reveal.js and reveal.css from the npm package, with its LICENSE

Videos are not copied: each <video> points at the MP4 the PDF names, relative to the
deck, so ``slides/build/html/`` plus ``figures/`` is the whole deck.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from ..atomic import atomic_dir

# CSS pixels per PDF point
PX_PER_PT = 96 / 72
# Pause points this close to a video's end are its end, not a stop.
END_SLACK = 0.1
REVEAL_FILES = ("dist/reveal.js", "dist/reveal.css", "LICENSE")
ASSETS = ("deck.js", "deck.css")


class HtmlDeckError(RuntimeError):
    """A problem with the deck's inputs, in one line naming the file."""


@dataclass(frozen=True)
class Movie:
    """A movie annotation: its rectangle as fractions of the page (left, top, width,
    height, from the top-left corner), and its file relative to the PDF's folder."""

    box: tuple[float, float, float, float]
    file: str


def read_pages(pdf: Path) -> tuple[tuple[float, float], list[list[Movie]]]:
    """The page size (points) and, per page, its movie annotations."""
    reader = PdfReader(pdf)
    box = reader.pages[0].mediabox
    width, height = float(box.width), float(box.height)
    pages = []
    for page in reader.pages:
        movies = []
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Movie":
                continue
            x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
            movies.append(
                Movie(
                    (
                        (x0 - float(box.left)) / width,
                        (float(box.top) - y1) / height,
                        (x1 - x0) / width,
                        (y1 - y0) / height,
                    ),
                    str(annot["/Movie"]["/F"]),
                )
            )
        pages.append(movies)
    return (width, height), pages


def stops(pauses_json: Path) -> list[float]:
    """The times (s) a video stops at: its pause points before its end."""
    record = json.loads(pauses_json.read_text())
    return [p["time"] for p in record["pauses"] if p["time"] < record["duration"] - END_SLACK]


def _video(movie: Movie, pdf_dir: Path, out: Path) -> str:
    """The <video> over ``movie``'s rectangle, with its stops and one fragment per stop
    (reveal.js's → steps through them)."""
    path = (pdf_dir / movie.file).resolve()
    if not path.is_file():
        raise HtmlDeckError(
            f"the deck's video {path} is missing (named by the PDF as {movie.file})"
        )
    pauses = path.with_suffix(".json")
    times = stops(pauses) if pauses.is_file() else []
    src = Path(os.path.relpath(path, out.resolve())).as_posix()
    left, top, width, height = (f"{100 * v:.4f}%" for v in movie.box)
    steps = "".join(
        f'<span class="fragment l2-step" data-fragment-index="{i}"></span>'
        for i in range(len(times))
    )
    return (
        f'<video class="l2-movie" src="{html.escape(src)}" muted playsinline preload="auto" '
        f'data-stops="{html.escape(json.dumps(times))}" '
        f'style="left:{left};top:{top};width:{width};height:{height}"></video>{steps}'
    )


def index_html(
    size: tuple[float, float], pages: list[list[Movie]], pdf_dir: Path, out: Path, title: str
) -> str:
    """index.html of the deck in ``out``."""
    width, height = (round(v * PX_PER_PT, 2) for v in size)
    sections = []
    for number, movies in enumerate(pages, start=1):
        videos = "".join(_video(m, pdf_dir, out) for m in movies)
        sections.append(
            f'<section data-page="{number}"><img class="l2-page" '
            f'src="pages/page-{number:02d}.svg" alt="page {number}">{videos}</section>'
        )
    config = {
        "width": width,
        "height": height,
        "margin": 0,
        "center": False,
        "hash": True,
        "transition": "none",
        "backgroundTransition": "none",
        "slideNumber": False,
        "minScale": 0.1,
        "maxScale": 8.0,
    }
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="stylesheet" href="reveal/reveal.css">\n'
        '<link rel="stylesheet" href="deck.css">\n</head>\n<body>\n'
        '<div class="reveal"><div class="slides">\n'
        + "\n".join(sections)
        + '\n</div></div>\n<script src="reveal/reveal.js"></script>\n'
        f"<script>window.L2GEOM_DECK = {json.dumps(config, sort_keys=True)};</script>\n"
        '<script src="deck.js"></script>\n</body>\n</html>\n'
    )


def render_pages(pdf: Path, count: int, folder: Path) -> None:
    """Each page of ``pdf`` as ``folder/page-NN.svg`` (pdftocairo, one call per page)."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        subprocess.run(
            [
                "pdftocairo",
                "-svg",
                "-f",
                str(number),
                "-l",
                str(number),
                str(pdf),
                str(folder / f"page-{number:02d}.svg"),
            ],
            check=True,
            capture_output=True,
        )


def build(
    pdf: str | Path, out: str | Path, reveal: str | Path, assets: str | Path, title: str = ""
) -> None:
    """The HTML deck of ``pdf`` in the folder ``out``, made in a private folder beside it
    and moved into place whole: a reader never sees half a deck, and a build that fails
    puts the old deck back. (Under Snakemake the rule's output folder is removed before
    the job runs, so there a failed build leaves no deck.) ``reveal`` is the npm
    package's folder, ``assets`` holds deck.js and deck.css."""
    pdf, out, reveal, assets = map(Path, (pdf, out, reveal, assets))
    missing = [str(reveal / f) for f in REVEAL_FILES if not (reveal / f).is_file()]
    if missing:
        raise HtmlDeckError(
            f"reveal.js is not installed ({missing[0]} is missing); "
            "run `make setup` (npm ci in slides/html)"
        )
    size, pages = read_pages(pdf)
    page = index_html(size, pages, pdf.parent, out, title or pdf.stem)
    with atomic_dir(out) as work:
        render_pages(pdf, len(pages), work / "pages")
        (work / "reveal").mkdir()
        for name in REVEAL_FILES:
            shutil.copyfile(reveal / name, work / "reveal" / Path(name).name)
        for name in ASSETS:
            shutil.copyfile(assets / name, work / name)
        (work / "index.html").write_text(page)
