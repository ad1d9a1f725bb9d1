"""The review report follows the config: its front page describes the config's own
scenarios and decks, captions say which deck page shows a figure or video and list a
video's stages, and docutils reports nothing anywhere."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT

from l2geom.catalogue import ANIMATIONS, FIGURES

pytestmark = pytest.mark.slow

RENAMED = {"course": "ws2026", "goodfellow": "classic"}


def preview_config(renamed: bool) -> dict:
    config = yaml.safe_load((ROOT / "config/config.yaml").read_text())
    config.update(quality="preview", short_animations=True)
    if renamed:
        # (the scenarios not renamed, such as the L1 lecture's course_pca, keep their names)
        config["scenarios"] = {RENAMED.get(k, k): v for k, v in config["scenarios"].items()}
        for deck in config["decks"].values():
            deck["scenarios"] = {p: RENAMED.get(s, s) for p, s in deck["scenarios"].items()}
    return config


def build_report(folder, config) -> str:
    """The report of a preview build of ``config`` in ``folder``, as its text."""
    (folder / "l2geom.yaml").write_text(yaml.safe_dump(config))
    base = [sys.executable, "-m", "snakemake", "-s", str(ROOT / "Snakefile"), "--cores", "2"]
    for extra in ([], ["--report", "report.html"]):
        run = subprocess.run(
            [*base, *extra, "--configfile", "l2geom.yaml"],
            cwd=folder,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr[-3000:]
    # the page holds the captions as JSON strings of HTML: undo both escapes
    raw = (folder / "report.html").read_text()
    raw = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), raw)
    return html.unescape(raw.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\"))


@pytest.fixture(scope="module", params=[False, True], ids=["default", "renamed"])
def report(request, tmp_path_factory):
    config = preview_config(request.param)
    return config, build_report(tmp_path_factory.mktemp("report"), config)


def test_no_docutils_message_anywhere(report):
    _, text = report
    assert "System Message" not in text and "Docutils System Messages" not in text


def test_the_front_page_describes_the_config(report):
    config, text = report
    names = list(config["scenarios"])
    for name in names:
        assert re.search(
            rf"{name}</(?:tt|code)>: simulated|{name}</(?:tt|code)>: an explicit", text
        )
    assert "at quality <tt" in text or "at quality <code" in text
    assert "preview" in text and "100 observations" in text and "H = ((1, 0), (0, 8))" in text
    deck = config["decks"]["l2-weight-decay"]["scenarios"]
    running, classic = deck["running_example"], deck["classic_picture"]
    assert re.search(rf"running example <(?:tt|code)[^>]*>{running}<", text)
    assert re.search(rf"classic picture <(?:tt|code)[^>]*>{classic}<", text)
    for name in (set(RENAMED) | set(RENAMED.values())) - set(names):  # none the config lacks
        where = (
            rf"scenario=({name})\b|figures/{name}/|scenario\s*<(?:tt|code)[^>]*>{name}<"
            rf"|>{name}</(?:tt|code)>: |(?:example|picture) <(?:tt|code)[^>]*>{name}<"
        )
        if name not in FIGURES and name not in ANIMATIONS:  # else a family's name too
            where += rf"|<(?:tt|code)[^>]*>{name}</(?:tt|code)>"
        assert not re.search(where, text), name


def test_captions_say_where_the_deck_shows_it_and_list_a_videos_stages(report):
    _, text = report
    assert "Shown in the deck l2-weight-decay, page 5 (“Gradient descent vs. weight decay”)" in text
    assert "Its stages (each ends at a pause point)" in text
    assert "slides/build/l2-weight-decay-html.zip" in text  # the decks, under Slides
    assert "slides/build/l2-weight-decay-handout.pdf" in text
    assert re.search(r"<li>\d+\.\d s, rotate back: The plane turns back by Q", text)
