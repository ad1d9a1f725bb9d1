"""The HTML deck, made from the beamer PDF so the two cannot drift: one reveal.js slide
per PDF page, the page drawn as SVG (pdftocairo) under a transparent text layer at the
words' places (pdftotext -bbox-layout), and a <video> laid exactly over each movie
annotation's rectangle, which stops at the animation's pause points, with its stages as
text a student can open and, where the scene recorded one, a slider over its table.

Layout of the output folder (self-contained: it plays from wherever it is copied)::

    index.html            the deck (reveal.js config, one <section> per page)
    pages/page-NN.svg     the PDF's pages
    videos/{scenario}/{name}.mp4, .json   the animations and their pause points
                          (hard links to figures/ where the file system allows)
    deck.js, deck.css     l2geom's player for the videos, and the page layout
    reveal/               reveal.js and reveal.css from the npm package, with its LICENSE

Names and alternatives come from the PDF: its metadata (title, /Lang), and the named
destinations that slides/preamble.tex puts where a frame title ends
(``l2geom.title.N``: the page's text above it is the title) and where a figure is
(``l2geom.figure.N.{scenario}/{name}``: the page's image is described by the figure's
caption, the report's ``workflow/report/figures/{name}.rst``).
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import shutil
import stat
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader

from ..atomic import atomic_dir, atomic_path

# CSS pixels per PDF point
PX_PER_PT = 96 / 72
# Pause points this close to a video's end are its end, not a stop.
END_SLACK = 0.1
REVEAL_FILES = ("dist/reveal.js", "dist/reveal.css", "LICENSE")
ASSETS = ("deck.js", "deck.css")
# Named destinations of slides/preamble.tex
TITLE_DEST = "l2geom.title."
FIGURE_DEST = "l2geom.figure."
# The λ slider: steps per decade of λ (log scale), and the table it seeks by.
SLIDER_STEPS_PER_DECADE = 40
SLIDER_TABLE = "lambda"
# Zip entries: fixed time and permissions, so that two builds give the same bytes.
ZIP_FILE_MODE = 0o644
# Already compressed: stored, not deflated.
ZIP_STORED_SUFFIXES = (".mp4", ".png")
_XHTML = "{http://www.w3.org/1999/xhtml}"
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class HtmlDeckError(RuntimeError):
    """A problem with the deck's inputs, in one line naming the file."""


@dataclass(frozen=True)
class Movie:
    """A movie annotation: its rectangle as fractions of the page (left, top, width,
    height, from the top-left corner), and its file relative to the PDF's folder."""

    box: tuple[float, float, float, float]
    file: str


@dataclass(frozen=True)
class Word:
    """A word of a page and its box in points from the page's top-left corner (the SVG's
    coordinates): left, top, right, bottom."""

    text: str
    box: tuple[float, float, float, float]


# A page's text as pdftotext reads it: blocks of lines of words, in reading order.
Line = list[Word]
Block = list[Line]


@dataclass
class Page:
    """What the deck knows of one PDF page besides its picture."""

    movies: list[Movie] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    title_bottom: float | None = None  # where its frame title ends (points from the top)
    figures: list[str] = field(default_factory=list)  # "{scenario}/{name}" shown on it


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


def read_marks(pdf: Path) -> tuple[dict[str, str], dict[int, float], dict[int, list[str]]]:
    """The PDF's metadata (title, lang), and from its named destinations: per page index,
    where its frame title ends (points from the top) and the figures it shows."""
    reader = PdfReader(pdf)
    info = reader.metadata
    lang = reader.root_object.get("/Lang")
    meta = {"title": str(info.title or "") if info else "", "lang": str(lang) if lang else ""}
    top = float(reader.pages[0].mediabox.top)
    titles: dict[int, float] = {}
    figures: dict[int, list[str]] = {}
    for name, dest in sorted(reader.named_destinations.items()):
        page = reader.get_destination_page_number(dest)
        if page is None or dest.top is None:
            continue
        if name.startswith(TITLE_DEST):
            titles[page] = top - float(dest.top)
        elif name.startswith(FIGURE_DEST):
            figures.setdefault(page, []).append(name[len(FIGURE_DEST) :].split(".", 1)[1])
    return meta, titles, figures


def read_text(pdf: Path) -> list[list[Block]]:
    """Per page, its words in blocks and lines as ``pdftotext -bbox-layout`` finds them
    (its reading order), in points from the page's top-left corner."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
    ).stdout
    # Glyphs without a Unicode meaning (pieces of large delimiters in TeX's math fonts)
    # come out as control characters, which XML forbids: they are no text, dropped.
    root = ET.fromstring(_CONTROL.sub(b"", out))
    pages = []
    for page in root.iter(f"{_XHTML}page"):
        blocks = []
        for block in page.iter(f"{_XHTML}block"):
            lines = []
            for line in block.iter(f"{_XHTML}line"):
                words = [
                    Word(
                        w.text or "",
                        tuple(float(w.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")),  # type: ignore[arg-type]
                    )
                    for w in line.iter(f"{_XHTML}word")
                    if (w.text or "").strip()
                ]
                if words:
                    lines.append(words)
            if lines:
                blocks.append(lines)
        pages.append(blocks)
    return pages


def stops(pauses_json: Path) -> list[float]:
    """The times (s) a video stops at: its pause points before its end."""
    record = json.loads(pauses_json.read_text())
    return [p["time"] for p in record["pauses"] if p["time"] < record["duration"] - END_SLACK]


def caption(captions: Path | None, kind: str, figure: str) -> str:
    """The report's caption of ``figure`` ("{scenario}/{name}") as plain text, or ""."""
    if captions is None:
        return ""
    scenario, name = figure.split("/", 1)
    source = captions / kind / f"{name}.rst"
    if not source.is_file():
        return ""
    text = re.sub(r"\{\{\s*snakemake\.wildcards\.scenario\s*\}\}", scenario, source.read_text())
    text = text.replace("**", "").replace("``", "").replace(f" (scenario {scenario})", "")
    text = re.sub(r"\\(.)", r"\1", text)  # reStructuredText's escapes: \| is |
    return " ".join(text.split())


def title_of(page: Page) -> str:
    """The page's frame title: its words above the title's mark."""
    if page.title_bottom is None:
        return ""
    lines = []
    for block in page.blocks:
        for line in block:
            words = [w.text for w in line if (w.box[1] + w.box[3]) / 2 < page.title_bottom]
            if words:
                lines.append(" ".join(words))
    return " ".join(lines)


def first_block(page: Page) -> str:
    """The text of the page's first block (on a title page: the title)."""
    return " ".join(w.text for line in page.blocks[0] for w in line) if page.blocks else ""


def _px(value: float) -> str:
    return f"{value * PX_PER_PT:.2f}px"


def text_layer(blocks: Sequence[Block]) -> str:
    """The page's words as transparent text at their places, in pdftotext's reading order:
    a paragraph per block, a line break per line; each word a span at its box, its width
    (to the next word's start, the space included) in ``data-w``, which deck.js fits the
    browser's font to."""
    paragraphs = []
    for block in blocks:
        parts = []
        for line in block:
            for i, word in enumerate(line):
                left, top, right, bottom = word.box
                last = i == len(line) - 1
                width = right - left if last else line[i + 1].box[0] - left
                text = html.escape(word.text) + ("" if last else " ")
                parts.append(
                    f'<span style="left:{_px(left)};top:{_px(top)};'
                    f'font-size:{_px(bottom - top)}" data-w="{width * PX_PER_PT:.2f}">'
                    f"{text}</span>"
                )
            parts.append("<br>")
        paragraphs.append("<p>" + "".join(parts[:-1]) + "</p>")
    return '<div class="l2-text">' + "".join(paragraphs) + "</div>"


def slider_rows(table: Sequence[Sequence[float]], fps: float, duration: float) -> list[list]:
    """The λ slider's steps: λ = 0, then log-uniform from the table's smallest positive λ
    to its largest, each as [seek time (s), label]. A step seeks to the frame whose λ is
    nearest (in log scale); where several frames show that λ (the video holds it), to the
    last of them, mid-frame so that the browser shows that frame."""
    times = [float(t) for t, _ in table]
    values = [float(v) for _, v in table]
    ends = [*times[1:], duration]  # a row's frames end where the next row's begin

    def seek(i: int) -> float:
        return round(ends[i] - 0.5 / fps, 4)

    positive = [v for v in values if v > 0]
    if not positive:
        raise HtmlDeckError("the λ table has no positive λ")
    lo, hi = math.log10(min(positive)), math.log10(max(positive))
    count = max(2, round((hi - lo) * SLIDER_STEPS_PER_DECADE) + 1)
    rows: list[list] = [[seek(0), "λ = 0"]] if values[0] == 0 else []
    for k in range(count):
        asked = 10 ** (lo + (hi - lo) * k / (count - 1))
        i = min(
            (j for j, v in enumerate(values) if v > 0),
            key=lambda j: abs(math.log10(values[j]) - math.log10(asked)),
        )
        rows.append([seek(i), f"λ = {asked:.3g}"])
    return rows


def _stages(record: dict, ident: str) -> str:
    """The video's text alternative: its stages, label and description, to open on its
    slide."""
    items = "".join(
        f"<li><strong>{html.escape(p['label'])}</strong>: {html.escape(p['description'])}</li>"
        for p in record.get("pauses", [])
        if p.get("description")
    )
    if not items:
        return ""
    return (
        f'<details class="l2-stages"><summary>What the animation shows</summary>'
        f'<ol id="{ident}-stages">{items}</ol></details>'
    )


def _slider(record: dict, ident: str) -> str:
    """The λ slider of a video whose scene recorded its λ per frame, or ""."""
    table = record.get("tables", {}).get(SLIDER_TABLE)
    if not table:
        return ""
    rows = slider_rows(table, float(record["fps"]), float(record["duration"]))
    return (
        f'<div class="l2-seek" data-prevent-swipe>'
        f'<label for="{ident}-lambda">Seek to '
        f'<output id="{ident}-lambda-value">{rows[0][1]}</output></label>'
        f'<input type="range" id="{ident}-lambda" min="0" max="{len(rows) - 1}" step="1" '
        f'value="0" aria-valuetext="{rows[0][1]}" data-video="{ident}" '
        f'data-rows="{html.escape(json.dumps(rows, ensure_ascii=False))}"></div>'
    )


def media_name(path: Path) -> str:
    """Where an animation goes in the deck: videos/{scenario}/{name}.mp4 (its folder's
    folder is the scenario, figures/{scenario}/animations/)."""
    return f"videos/{path.parent.parent.name}/{path.name}"


def _video(movie: Movie, pdf_dir: Path, ident: str) -> tuple[str, Path, str]:
    """The <video> over ``movie``'s rectangle, with its stops and one fragment per stop
    (reveal.js's → steps through them), its stages and slider; its file, and its place
    in the deck."""
    path = (pdf_dir / movie.file).resolve()
    if not path.is_file():
        raise HtmlDeckError(
            f"the deck's video {path} is missing (named by the PDF as {movie.file})"
        )
    pauses = path.with_suffix(".json")
    record = json.loads(pauses.read_text()) if pauses.is_file() else {}
    times = stops(pauses) if pauses.is_file() else []
    src = media_name(path)
    left, top, width, height = (f"{100 * v:.4f}%" for v in movie.box)
    steps = "".join(
        f'<span class="fragment l2-step" data-fragment-index="{i}"></span>'
        for i in range(len(times))
    )
    stages = _stages(record, ident)
    described = f' aria-describedby="{ident}-stages"' if stages else ""
    return (
        (
            f'<video id="{ident}" class="l2-movie" src="{html.escape(src)}" muted playsinline '
            f'preload="auto"{described} data-stops="{html.escape(json.dumps(times))}" '
            f'style="left:{left};top:{top};width:{width};height:{height}"></video>'
            f"{steps}{stages}{_slider(record, ident)}"
        ),
        path,
        src,
    )


def describe(page: Page, number: int, deck_title: str, captions: Path | None) -> str:
    """The text alternative of page ``number``'s image: a figure's or an animation's
    caption, else its frame title, else (a title page) its first block of text."""
    for figure in page.figures:
        text = caption(captions, "figures", figure)
        if text:
            return text
    for movie in page.movies:
        path = Path(movie.file)
        text = caption(captions, "animations", f"{path.parent.parent.name}/{path.stem}")
        if text:
            return text
    return title_of(page) or first_block(page) or deck_title or f"Slide {number}"


def index_html(
    size: tuple[float, float],
    pages: list[Page],
    pdf_dir: Path,
    meta: dict[str, str],
    captions: Path | None = None,
) -> tuple[str, dict[str, Path]]:
    """index.html of the deck, and the files it plays: deck path -> source file."""
    width, height = (round(v * PX_PER_PT, 2) for v in size)
    sections = []
    media: dict[str, Path] = {}
    for number, page in enumerate(pages, start=1):
        videos = []
        for k, movie in enumerate(page.movies):
            markup, path, src = _video(movie, pdf_dir, f"video-{number}-{k + 1}")
            if media.get(src, path) != path:
                raise HtmlDeckError(f"two videos would both be {src}: {media[src]} and {path}")
            media[src] = path
            if path.with_suffix(".json").is_file():
                media[src[: -len(path.suffix)] + ".json"] = path.with_suffix(".json")
            videos.append(markup)
        alt = describe(page, number, meta["title"], captions)
        sections.append(
            f'<section data-page="{number}" aria-label="Slide {number}">'
            f'<img class="l2-page" src="pages/page-{number:02d}.svg" alt="{html.escape(alt)}">'
            f"{text_layer(page.blocks)}{''.join(videos)}</section>"
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
    page_html = (
        f'<!DOCTYPE html>\n<html lang="{html.escape(meta["lang"] or "en")}">\n<head>\n'
        '<meta charset="utf-8">\n'
        f"<title>{html.escape(meta['title'])}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="stylesheet" href="reveal/reveal.css">\n'
        '<link rel="stylesheet" href="deck.css">\n</head>\n<body>\n'
        f'<main class="reveal" aria-label="{html.escape(meta["title"])}"><div class="slides">\n'
        + "\n".join(sections)
        + '\n</div></main>\n<script src="reveal/reveal.js"></script>\n'
        f"<script>window.L2GEOM_DECK = {json.dumps(config, sort_keys=True)};</script>\n"
        '<script src="deck.js"></script>\n</body>\n</html>\n'
    )
    return page_html, media


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


def link_or_copy(source: Path, target: Path) -> bool:
    """``source`` at ``target``: a hard link (no second copy on disk) where the file
    system allows, else a copy; True for a link."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
        return True
    except OSError:
        shutil.copyfile(source, target)
        return False


def read_deck(pdf: Path) -> tuple[tuple[float, float], list[Page], dict[str, str]]:
    """The page size, what the deck needs of each page, and the PDF's metadata."""
    size, movies = read_pages(pdf)
    meta, titles, figures = read_marks(pdf)
    text = read_text(pdf)
    if len(text) != len(movies):
        raise HtmlDeckError(f"pdftotext read {len(text)} pages of {pdf}, pypdf {len(movies)}")
    pages = [
        Page(m, t, titles.get(i), figures.get(i, []))
        for i, (m, t) in enumerate(zip(movies, text, strict=True))
    ]
    return size, pages, meta


def build(
    pdf: str | Path,
    out: str | Path,
    reveal: str | Path,
    assets: str | Path,
    title: str = "",
    captions: str | Path | None = None,
) -> None:
    """The HTML deck of ``pdf`` in the folder ``out``, made in a private folder beside it
    and moved into place whole: a reader never sees half a deck, and a build that fails
    puts the old deck back. (Under Snakemake the rule's output folder is removed before
    the job runs, so there a failed build leaves no deck.) ``reveal`` is the npm
    package's folder, ``assets`` holds deck.js and deck.css, ``captions`` the report's
    captions (figures/ and animations/ of .rst files) that describe the pages' images."""
    pdf, out, reveal, assets = map(Path, (pdf, out, reveal, assets))
    missing = [str(reveal / f) for f in REVEAL_FILES if not (reveal / f).is_file()]
    if missing:
        raise HtmlDeckError(
            f"reveal.js is not installed ({missing[0]} is missing); "
            "run `make setup` (npm ci in slides/html)"
        )
    size, pages, meta = read_deck(pdf)
    meta["title"] = title or meta["title"] or pdf.stem
    page, media = index_html(
        size, pages, pdf.parent, meta, Path(captions) if captions is not None else None
    )
    with atomic_dir(out) as work:
        render_pages(pdf, len(pages), work / "pages")
        for name, source in sorted(media.items()):
            link_or_copy(source, work / name)
        (work / "reveal").mkdir()
        for name in REVEAL_FILES:
            shutil.copyfile(reveal / name, work / "reveal" / Path(name).name)
        for name in ASSETS:
            shutil.copyfile(assets / name, work / name)
        (work / "index.html").write_text(page)


def _files(folder: Path) -> Iterable[Path]:
    return sorted(
        (p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.relative_to(folder).parts
    )


def write_zip(folder: str | Path, path: str | Path, root: str, epoch: int) -> None:
    """``folder`` as the zip ``path`` whose entries sit under ``root/``, the same bytes
    on every build: entries sorted by path, each dated ``epoch`` (a SOURCE_DATE_EPOCH),
    mode 0644, made on "Unix"; videos and pictures stored, the rest deflated."""
    folder = Path(folder)
    when = datetime.fromtimestamp(epoch, UTC).timetuple()[:6]
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w") as archive:
        for file in _files(folder):
            info = zipfile.ZipInfo(f"{root}/{file.relative_to(folder).as_posix()}", when)
            info.create_system = 3
            info.external_attr = (stat.S_IFREG | ZIP_FILE_MODE) << 16
            stored = file.suffix in ZIP_STORED_SUFFIXES
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, file.read_bytes(), compresslevel=None if stored else 9)
