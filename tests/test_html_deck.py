"""The HTML deck (l2geom.slides.html), built by the workflow from a short preview build and
checked in a real browser: Debian's chromium, headless, driven by Selenium through
/usr/bin/chromedriver, from file:// with no browser flags a lecturer would not have; and
from a copy of the folder far from the project, as a student or a web server gets it."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, chromium
from PIL import Image

from l2geom.slides.html import HtmlDeckError, build, read_pages, read_text

sys.path.insert(0, str(ROOT / "tools"))
from scratch import make_scratch, snakemake  # noqa: E402

pytestmark = pytest.mark.slow

DECK = Path("slides/build/html/l2-weight-decay/index.html")
PDF = Path("slides/build/l2-weight-decay.pdf")
ZIP = Path("slides/build/l2-weight-decay-html.zip")
REVEAL = ROOT / "slides/html/node_modules/reveal.js"
AXE = ROOT / "slides/html/node_modules/axe-core/axe.min.js"
# The rule sets axe-core runs: WCAG 2.0 and 2.1, levels A and AA.
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
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
def moved(work, tmp_path_factory):
    """The deck folder copied far from the project (no figures/ beside it), as an upload
    or a USB stick gets it."""
    copy = tmp_path_factory.mktemp("elsewhere") / "lecture-deck"
    shutil.copytree(work / DECK.parent, copy)
    return copy


@pytest.fixture(scope="module")
def browser(moved):
    """Chromium on the moved copy of the deck."""
    driver = chromium()
    driver.get((moved / DECK.name).as_uri())
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


def _movie_pages(driver) -> list[int]:
    return driver.execute_script(
        "return [...document.querySelectorAll('section')].map((s, i) => "
        "s.querySelector('video') ? i + 1 : 0).filter(Boolean)"
    )


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


def test_no_request_leaves_the_folder(browser, moved):
    """Every request the deck made (its page, scripts, pictures and all its videos, which
    the tests above played) is a file of the moved folder."""
    for page in _movie_pages(browser):
        _go(browser, page)
    urls = browser.execute_script(
        "return performance.getEntriesByType('navigation').concat("
        "performance.getEntriesByType('resource')).map(e => e.name)"
    )
    folder = moved.as_uri() + "/"
    assert urls and all(u.startswith(folder) for u in urls), urls
    # media loads are not in the resource timeline: each video's source, loaded
    videos = browser.execute_script(
        "return [...document.querySelectorAll('video')].map(v => [v.currentSrc, v.readyState])"
    )
    assert videos and all(src.startswith(folder) and ready >= 1 for src, ready in videos), videos


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


# ---------------------------------------------------------------- publishing anywhere


def test_the_folder_holds_every_video_without_a_second_copy(work, moved):
    """The moved copy is the whole deck: every video and its pause points inside it. In
    the project, the deck's videos are hard links to figures/ (one copy on disk)."""
    index = (moved / DECK.name).read_text()
    for page, movies in _movies(work).items():
        for movie in movies:
            source = (work / PDF.parent / movie.file).resolve()
            inside = f"videos/{source.parent.parent.name}/{source.name}"
            assert f'src="{inside}"' in index, (page, inside)
            assert (moved / inside).read_bytes() == source.read_bytes()
            assert (moved / inside).with_suffix(".json").is_file()
            assert (work / DECK.parent / inside).stat().st_ino == source.stat().st_ino
    assert "../" not in index


def test_two_builds_give_the_same_bytes(work, tmp_path):
    """The deck rebuilt (rule html_deck forced): the same zip, byte for byte, with its
    entries sorted, dated alike and mode 0644."""
    first = (work / ZIP).read_bytes()
    run = snakemake(work, "--cores", "2", "--forcerun", "html_deck", str(ZIP))
    assert run.returncode == 0, run.stderr[-3000:]
    assert (work / ZIP).read_bytes() == first
    with zipfile.ZipFile(work / ZIP) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names) and all(n.startswith("l2-weight-decay-html/") for n in names)
    assert {i.date_time for i in infos} == {(2026, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 & 0o777 for i in infos} == {0o644}
    unpacked = tmp_path / "unzipped"
    with zipfile.ZipFile(work / ZIP) as archive:
        archive.extractall(unpacked)
    folder = work / DECK.parent
    files = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    files = [f for f in files if f.name != ".snakemake_timestamp"]
    assert files == sorted(
        p.relative_to(unpacked / "l2-weight-decay-html")
        for p in (unpacked / "l2-weight-decay-html").rglob("*")
        if p.is_file()
    )


# ---------------------------------------------------------------- text that is text


def _text_page(work: Path, word: str) -> int:
    """The first page whose text has ``word``."""
    for number, blocks in enumerate(read_text(work / PDF), start=1):
        if any(word in w.text for block in blocks for line in block for w in line):
            return number
    raise AssertionError(f"no page has {word!r}")


def test_find_and_selection_work_on_a_text_slide(work, browser):
    """The browser's find finds a word of the slide, on the word's place; selecting a
    line of the slide's text returns that line's words, as pdftotext reads them."""
    page = _text_page(work, "eigenvalue")
    _go(browser, page)
    browser.execute_script("getSelection().removeAllRanges()")
    assert browser.execute_script("return window.find('eigenvalue')")
    found = browser.execute_script("""
        const range = getSelection().getRangeAt(0), box = range.getBoundingClientRect();
        const span = range.startContainer.parentElement.getBoundingClientRect();
        const slide = Reveal.getCurrentSlide().getBoundingClientRect();
        return {text: String(getSelection()), inside: Reveal.getCurrentSlide().contains(
                  range.startContainer), left: (box.left - slide.left) / slide.width,
                top: (span.top - slide.top) / slide.height};""")
    assert found["text"] == "eigenvalue" and found["inside"], found
    # where pdftotext puts the word (± 2 % of the page)
    width, height = read_pages(work / PDF)[0]
    blocks = read_text(work / PDF)[page - 1]
    word = next(w for b in blocks for line in b for w in line if "eigenvalue" in w.text)
    assert found["left"] == pytest.approx(word.box[0] / width, abs=0.02)
    assert found["top"] == pytest.approx(word.box[1] / height, abs=0.02)
    # a whole line, selected from its first word to its last
    line = max((line for b in blocks for line in b), key=len)
    index = [line for b in blocks for line in b].index(line)
    selected = browser.execute_script(
        """
        const lines = [], slide = Reveal.getCurrentSlide();
        let words = [];
        for (const node of slide.querySelectorAll('.l2-text span, .l2-text br, .l2-text p')) {
          if (node.nodeName === 'SPAN') { words.push(node); continue; }
          if (words.length) { lines.push(words); words = []; }
        }
        if (words.length) { lines.push(words); }
        const line = lines[arguments[0]], range = document.createRange();
        range.setStartBefore(line[0]);
        range.setEndAfter(line[line.length - 1]);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        return String(getSelection());""",
        index,
    )
    assert selected.split() == [w.text for w in line]
    assert selected == " ".join(w.text for w in line)
    browser.save_screenshot(str(work / "text-selected.png"))
    print(f"screenshot: {work / 'text-selected.png'}")
    # in the overview (Esc), from the first slide, find reaches a word of a far slide
    _go(browser, 1)
    browser.execute_script("getSelection().removeAllRanges(); Reveal.toggleOverview(true)")
    try:
        far = browser.execute_script(
            "return window.find('AdamW') && "
            "getSelection().anchorNode.parentElement.closest('section').dataset.page"
        )
    finally:
        browser.execute_script("Reveal.toggleOverview(false); getSelection().removeAllRanges()")
    assert far == str(_text_page(work, "AdamW")) and int(far) > 11


def test_names_and_alternatives_come_from_the_pdf(work, browser):
    """The document's title and language are the PDF's; a text page's image is named by
    its frame title, a figure page's by the figure's caption; each video is described by
    its stages (label and description from the JSON beside it), to open on its slide."""
    info = subprocess.run(
        ["pdfinfo", str(work / PDF)], capture_output=True, text=True, check=True
    ).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Title"].strip() == browser.title != ""
    assert all(fields[k].strip() for k in ("Author", "Subject", "Keywords"))
    assert browser.execute_script("return document.documentElement.lang") == "en"
    alts = browser.execute_script(
        "return [...document.querySelectorAll('img.l2-page')].map(i => i.alt)"
    )
    assert all(alt and not alt.startswith("page ") for alt in alts), alts
    page = _text_page(work, "eigenvalue")
    title = read_text(work / PDF)[page - 1][0][0]  # the page's first line
    assert alts[page - 1] == " ".join(w.text for w in title)
    captions = ROOT / "workflow/report/figures"
    figure = next(a for a in alts if a.startswith("Gradient descent vs weight decay"))
    assert "plain gradient descent" in figure and "{{" not in figure
    assert (captions / "gd_vs_weight_decay.rst").is_file()
    for page in _movie_pages(browser):
        _go(browser, page)
        video = browser.execute_script(
            "const v = Reveal.getCurrentSlide().querySelector('video');"
            "return {src: v.getAttribute('src'), by: v.getAttribute('aria-describedby')}"
        )
        record = json.loads((work / DECK.parent / video["src"]).with_suffix(".json").read_text())
        browser.execute_script("Reveal.getCurrentSlide().querySelector('summary').click()")
        items = browser.execute_script(
            "const list = document.getElementById(arguments[0]);"
            "return list.checkVisibility() && [...list.children].map(li => li.innerText)",
            video["by"],
        )
        assert items == [f"{p['label']}: {p['description']}" for p in record["pauses"]]
        if browser.execute_script("return !!Reveal.getCurrentSlide().querySelector('.l2-seek')"):
            _stopped(browser)  # at its first pause point
            browser.save_screenshot(str(work / "stages-open.png"))
            print(f"screenshot: {work / 'stages-open.png'}")


def test_axe_core_finds_no_violation_on_any_slide(browser):
    """axe-core with the WCAG 2.0 / 2.1 A and AA rules on every slide."""
    browser.execute_script(AXE.read_text())
    counts = {"violations": 0, "passes": 0, "incomplete": 0}
    found = []
    for page in range(1, browser.execute_script("return Reveal.getTotalSlides()") + 1):
        _go(browser, page)
        result = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(Reveal.getCurrentSlide(), {runOnly: {type: 'tag', values: arguments[0]}})"
            ".then(r => done({violations: r.violations.map(v => [v.id, v.nodes.map("
            "n => n.html.slice(0, 120))]), passes: r.passes.length,"
            "incomplete: r.incomplete.length}))",
            WCAG,
        )
        found += [(page, *v) for v in result["violations"]]
        counts["violations"] += len(result["violations"])
        counts["passes"] += result["passes"]
        counts["incomplete"] += result["incomplete"]
    print(f"axe-core {browser.execute_script('return axe.version')} on every slide: {counts}")
    assert not found, found


# ---------------------------------------------------------------- the λ slider


def _shown_row(table: list, time: float) -> int:
    """The row of the scene's table for the frame at ``time``: the last row at or before."""
    return max(i for i, (t, _) in enumerate(table) if t <= time + 1e-6)


@pytest.mark.parametrize("asked", [30.0, 1.0, 1000.0])
def test_the_lambda_slider_seeks_to_the_frame_of_that_lambda(work, browser, asked):
    """Arrow keys move the slider along a log scale, its label says the λ; the video then
    shows, to within one frame, the frame the scene drew with that λ (the scene's table
    beside the MP4)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = browser.execute_script(
        "return [...document.querySelectorAll('section')].findIndex("
        "s => s.querySelector('.l2-seek')) + 1"
    )
    assert page > 0, "no slide has a λ slider"
    _go(browser, page)
    _stopped(browser)
    slider = browser.find_element(By.CSS_SELECTOR, "section.present .l2-seek input")
    slider.send_keys(Keys.HOME)
    labels = [row[1] for row in json.loads(slider.get_attribute("data-rows"))]
    values = [float(label.split("=")[1]) for label in labels]
    step = min(range(len(values)), key=lambda i: abs(np.log(max(values[i], 1e-9) / asked)))
    for _ in range(step):
        slider.send_keys(Keys.ARROW_RIGHT)
    state = browser.execute_script(
        "const s = Reveal.getCurrentSlide(), v = s.querySelector('video');"
        "return {time: v.currentTime, paused: v.paused, src: v.getAttribute('src'),"
        "label: s.querySelector('.l2-seek output').textContent,"
        "text: s.querySelector('.l2-seek input').getAttribute('aria-valuetext')}"
    )
    assert state["paused"] and state["label"] == state["text"] == labels[step]
    assert float(state["label"].split("=")[1]) == pytest.approx(asked, rel=0.06)
    record = json.loads((work / DECK.parent / state["src"]).with_suffix(".json").read_text())
    table, frame = record["tables"]["lambda"], 1 / record["fps"]
    wanted = min(range(len(table)), key=lambda i: abs(np.log(max(table[i][1], 1e-9) / asked)))
    shown = _shown_row(table, state["time"])
    # the frame shown is the one with the λ nearest the one asked for, or a neighbour
    assert abs(shown - wanted) <= 1, (state, table[wanted], table[shown])
    lo, hi = table[max(wanted - 1, 0)][0], table[min(wanted + 1, len(table) - 1)][0]
    assert lo - frame <= state["time"] <= hi + frame
    _wait(browser, "return Reveal.getCurrentSlide().querySelector('video').readyState >= 2")


def test_the_lambda_slider_follows_a_mouse_drag(work, browser):
    """Dragged with the mouse, the slider seeks as it moves (a screenshot mid-drag)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    page = browser.execute_script(
        "return [...document.querySelectorAll('section')].findIndex("
        "s => s.querySelector('.l2-seek')) + 1"
    )
    _go(browser, page)
    slider = browser.find_element(By.CSS_SELECTOR, "section.present .l2-seek input")
    width = slider.size["width"]
    drag = ActionChains(browser).move_to_element_with_offset(slider, -width // 2 + 2, 0)
    drag.click_and_hold().move_by_offset(width // 4, 0).move_by_offset(width // 4, 0).perform()
    time.sleep(0.5)
    state = browser.execute_script(
        "const s = Reveal.getCurrentSlide();"
        "return [Number(s.querySelector('.l2-seek input').value),"
        "s.querySelector('.l2-seek input').max, s.querySelector('video').currentTime]"
    )
    browser.save_screenshot(str(work / "slider-mid-drag.png"))
    print(f"screenshot: {work / 'slider-mid-drag.png'}")
    ActionChains(browser).release().perform()
    assert 0 < state[0] < int(state[1]) and state[2] > 0, state


def test_the_moved_copy_plays_from_a_static_web_server(moved):
    """Served by a plain static server (Python's), the moved copy loads every video, and
    every request goes to that server."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(moved)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    driver = chromium()
    try:
        driver.get(origin + "index.html")
        _wait(driver, "return window.Reveal && Reveal.isReady()")
        for page in _movie_pages(driver):
            _go(driver, page)
            _stopped(driver)
        urls = driver.execute_script(
            "return performance.getEntriesByType('navigation').concat("
            "performance.getEntriesByType('resource')).map(e => e.name)"
            ".concat([...document.querySelectorAll('video')].map(v => v.currentSrc))"
        )
        assert urls and all(u.startswith(origin) for u in urls), urls
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()
