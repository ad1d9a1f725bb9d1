"""The HTML deck (l2geom.slides.html), built by the workflow from a short preview build and
checked in a real browser: Debian's chromium, headless, driven by Selenium through
/usr/bin/chromedriver, from file:// with no browser flags a lecturer would not have."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, chromium
from PIL import Image

from l2geom.slides.html import HtmlDeckError, build, read_pages

sys.path.insert(0, str(ROOT / "tools"))
from scratch import make_scratch, snakemake  # noqa: E402

pytestmark = pytest.mark.slow

DECK = Path("slides/build/html/index.html")
PDF = Path("slides/build/l2-weight-decay.pdf")
REVEAL = ROOT / "slides/html/node_modules/reveal.js"
# Mean absolute difference (0-255 grey levels) between the browser's picture of a page and
# pdftoppm's, both averaged over 4 x 4 pixel blocks first: the slide is scaled by a
# fraction, so its edges fall between pixels, and chromium and poppler antialias text
# differently; blocks of 4 remove that and keep what a reader would see. Measured here on
# page 2 (text): 2.0 against its own page, 10.4 to 15.6 against pages 1, 3, 4 and 5
# (3.8 and 10.6 to 16.9 without the blocks). 5 sits between.
PAGE_MATCH = 5.0
BLOCK = 4


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """A scratch project with the HTML deck built by `snakemake` (preview, short videos)."""
    work = make_scratch(tmp_path_factory.mktemp("html") / "project", short=True)
    run = snakemake(work, "--cores", "2", str(DECK.parent))
    assert run.returncode == 0, run.stderr[-3000:]
    return work


@pytest.fixture(scope="module")
def browser(work):
    driver = chromium()
    driver.get((work / DECK).as_uri())
    _wait(driver, "return window.Reveal && Reveal.isReady()")
    yield driver
    driver.quit()


def _wait(driver, script: str, timeout: float = 60.0, *args):
    """Poll ``script`` until it returns a truthy value; that value."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = driver.execute_script(script, *args)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for: {script}")


def _pages(work: Path) -> int:
    info = subprocess.run(
        ["pdfinfo", str(work / PDF)], capture_output=True, text=True, check=True
    ).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _movies(work: Path) -> dict[int, list]:
    """Page number -> its movie annotations, read from the PDF."""
    _, pages = read_pages(work / PDF)
    return {number: movies for number, movies in enumerate(pages, start=1) if movies}


def _go(driver, page: int) -> None:
    driver.execute_script("Reveal.slide(arguments[0], 0, -1)", page - 1)
    _wait(driver, "return Reveal.getIndices().h === arguments[0]", 10.0, page - 1)


VIDEO_STATE = """
const v = Reveal.getCurrentSlide().querySelector('video');
return {time: v.currentTime, paused: v.paused, ready: v.readyState,
        played: v.played.length ? v.played.end(v.played.length - 1) : 0,
        stops: JSON.parse(v.dataset.stops)};
"""


def _stopped(driver) -> dict:
    """The current slide's video once it has played and come to rest."""
    _wait(
        driver,
        "const v = Reveal.getCurrentSlide().querySelector('video');"
        "return v.readyState >= 2 && v.paused && v.played.length > 0",
        60.0,
    )
    return driver.execute_script(VIDEO_STATE)


def test_one_slide_per_pdf_page(work, browser):
    assert browser.execute_script("return Reveal.getTotalSlides()") == _pages(work)
    assert (
        browser.execute_script("return document.querySelectorAll('video').length")
        == sum(len(m) for m in _movies(work).values())
        > 0
    )


def test_each_animation_plays_stops_at_its_pause_points_and_lies_on_its_poster(work, browser):
    """On its slide: plays, stops at the first pause point; → to the second; ← back;
    entered backwards from the next slide, it holds its last frame."""
    assert (
        browser.execute_script(
            "return document.createElement('video').canPlayType('video/mp4; codecs=\"avc1.42E01E\"')"
        )
        == "probably"
    )
    for page, (movie,) in _movies(work).items():
        _go(browser, page)
        state = _stopped(browser)
        assert state["ready"] == 4 or state["ready"] >= 2
        assert len(state["stops"]) >= 2, f"page {page}: no pause points"
        assert abs(state["time"] - state["stops"][0]) <= 0.1, (page, state)
        assert state["played"] > 0.5 * state["stops"][0]
        # → plays on to the next pause point, and stops there
        browser.execute_script("Reveal.next()")
        _wait(
            browser,
            "const v = Reveal.getCurrentSlide().querySelector('video');"
            "return !v.paused || v.currentTime > arguments[0] + 0.05",
            10.0,
            state["stops"][0],
        )
        state = _stopped(browser)
        assert abs(state["time"] - state["stops"][1]) <= 0.1, (page, state)
        # ← goes back to the first pause point
        browser.execute_script("Reveal.prev()")
        _wait(
            browser,
            "const v = Reveal.getCurrentSlide().querySelector('video');"
            "return v.paused && Math.abs(v.currentTime - arguments[0]) <= 0.1",
            10.0,
            state["stops"][0],
        )
        assert browser.execute_script("return Reveal.getIndices().h") == page - 1
        # back into the slide from the next one: its last frame, held
        _go(browser, page + 1)
        browser.execute_script("Reveal.prev()")
        _wait(
            browser,
            "const v = Reveal.getCurrentSlide().querySelector('video');"
            "return Reveal.getIndices().h === arguments[0] && v.paused"
            " && v.currentTime >= v.duration - 0.1",
            10.0,
            page - 1,
        )
        # the video's box is the poster's rectangle in the PDF (±1 % of the page)
        box = browser.execute_script("""
            const s = Reveal.getCurrentSlide().getBoundingClientRect();
            const v = Reveal.getCurrentSlide().querySelector('video').getBoundingClientRect();
            return [(v.left - s.left) / s.width, (v.top - s.top) / s.height,
                    v.width / s.width, v.height / s.height];""")
        np.testing.assert_allclose(box, movie.box, atol=0.01, err_msg=f"page {page}")


def _screenshot(driver, page: int) -> Image.Image:
    """The slide as the browser shows it (controls and progress bar hidden), in grey."""
    _go(driver, page)
    driver.execute_script("Reveal.configure({controls: false, progress: false})")
    time.sleep(0.3)
    box = driver.execute_script("return Reveal.getCurrentSlide().getBoundingClientRect().toJSON()")
    window = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("L")
    return window.crop(tuple(round(box[k]) for k in ("left", "top", "right", "bottom")))


def _pdftoppm(work: Path, page: int, size: tuple[int, int], tmp: Path) -> Image.Image:
    out = tmp / f"page{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            "-gray",
            "-png",
            "-scale-to-x",
            str(size[0]),
            "-scale-to-y",
            str(size[1]),
            str(work / PDF),
            str(out),
        ],
        check=True,
    )
    return Image.open(f"{out}.png").convert("L")


def _difference(a: Image.Image, b: Image.Image) -> float:
    def blocks(image):
        size = (image.width // BLOCK, image.height // BLOCK)
        return np.asarray(image.resize(size, Image.Resampling.BOX), float)

    return float(np.abs(blocks(a) - blocks(b)).mean())


def test_a_text_slide_looks_like_its_pdf_page(work, browser, tmp_path):
    """The browser's picture of a text page against pdftoppm's, and against its
    neighbours (which must differ clearly, or the comparison would prove nothing)."""
    shot = _screenshot(browser, 2)
    same = _difference(shot, _pdftoppm(work, 2, shot.size, tmp_path))
    others = [_difference(shot, _pdftoppm(work, p, shot.size, tmp_path)) for p in (1, 3)]
    print(f"page 2 against pdftoppm: {same:.2f}; against pages 1 and 3: {others}")
    assert same < PAGE_MATCH < min(others)


def test_no_request_leaves_the_machine(browser):
    urls = browser.execute_script(
        "return performance.getEntriesByType('navigation').concat("
        "performance.getEntriesByType('resource')).map(e => e.name)"
    )
    assert urls and all(u.startswith("file://") for u in urls), urls


def test_a_missing_video_stops_the_build_naming_it(work, tmp_path):
    """The PDF alone, away from figures/: its first movie is missing, and the deck
    already in the output folder is left as it was."""
    pdf = tmp_path / "deck" / "l2-weight-decay.pdf"
    pdf.parent.mkdir()
    shutil.copy(work / PDF, pdf)
    out = tmp_path / "html"
    out.mkdir()
    (out / "index.html").write_text("old deck")
    with pytest.raises(HtmlDeckError, match=r"rotate_rescale\.mp4"):
        build(pdf, out, REVEAL, ROOT / "slides/html")
    assert (out / "index.html").read_text() == "old deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck", "html"]


def test_pages_without_movies_are_plain_slides(work):
    index = (work / DECK).read_text()
    pages = index.count("<section ")
    assert pages == _pages(work)
    assert index.count("<video ") == len(_movies(work))
    stops = json.loads((work / "figures/course/animations/rotate_rescale.json").read_text())
    assert stops["pauses"], "the animation wrote no pause points"
