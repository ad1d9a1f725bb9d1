"""Parts of the HTML deck (l2geom.slides.html) that need no build: the λ slider's steps,
the zip's bytes, captions and the text layer's markup. The deck itself, in a browser:
tests/test_html_deck.py."""

from __future__ import annotations

import math
import os
import zipfile
from pathlib import Path

import pytest

from l2geom.slides.html import Word, caption, slider_rows, text_layer, write_zip

FPS = 15.0
# A sweep as a scene records it: λ = 0 held for 10 frames, then one new λ per frame from
# 0.01 to 1000 (log-uniform), then held to the end.
SWEEP = [[0.0, 0.0]] + [[round((10 + k) / FPS, 4), 10 ** (-2 + 5 * k / 59)] for k in range(60)]
DURATION = 6.0


def test_slider_steps_are_log_uniform_and_seek_to_the_nearest_frame():
    rows = slider_rows(SWEEP, FPS, DURATION)
    assert rows[0][1] == "λ = 0"
    # λ = 0 is shown until the sweep starts: the last of those frames, mid-frame
    assert rows[0][0] == pytest.approx(10 / FPS - 0.5 / FPS, abs=1e-4)
    asked = [float(label.split("=")[1]) for _, label in rows[1:]]
    assert asked[0] == pytest.approx(0.01, rel=1e-2) and asked[-1] == pytest.approx(1000, rel=1e-2)
    steps = [math.log10(b / a) for a, b in zip(asked, asked[1:])]
    assert max(steps) - min(steps) < 0.01  # log-uniform (up to the labels' 3 digits)
    times = [t for t, _ in SWEEP]
    for (seek, label), value in zip(rows[1:], asked):
        frame = max(i for i, t in enumerate(times) if t <= seek)
        nearest = min(range(1, len(SWEEP)), key=lambda i: abs(math.log10(SWEEP[i][1] / value)))
        assert frame == nearest, label
    # the last λ is held to the end of the video: its last frame
    assert rows[-1][0] == pytest.approx(DURATION - 0.5 / FPS, abs=1e-4)


def _folder(root: Path, mode: int, mtime: float) -> Path:
    for name, data in (("b.txt", b"bee"), ("a/x.mp4", b"\0" * 100), ("a/y.svg", b"<svg/>")):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        path.chmod(mode)
        os.utime(path, (mtime, mtime))
    return root


def test_the_zip_has_the_same_bytes_whatever_the_files_dates_and_modes(tmp_path):
    one = _folder(tmp_path / "one", 0o600, 1e9)
    two = _folder(tmp_path / "two", 0o664, 2e9)
    write_zip(one, tmp_path / "one.zip", "deck", 1767225600)
    write_zip(two, tmp_path / "two.zip", "deck", 1767225600)
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        infos = archive.infolist()
        assert archive.read("deck/b.txt") == b"bee"
    assert [i.filename for i in infos] == ["deck/a/x.mp4", "deck/a/y.svg", "deck/b.txt"]
    assert [i.compress_type for i in infos] == [
        zipfile.ZIP_STORED,
        zipfile.ZIP_DEFLATED,
        zipfile.ZIP_DEFLATED,
    ]
    assert {i.date_time for i in infos} == {(2026, 1, 1, 0, 0, 0)}


def test_a_caption_is_plain_text_of_its_scenario(tmp_path):
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "f.rst").write_text(
        "**Bold** thing (scenario ``{{ snakemake.wildcards.scenario }}``).\nFrom ``f.npz``, "
        "where \\|θ\\| ≤ 1.\n"
    )
    assert caption(tmp_path, "figures", "course/f") == "Bold thing. From f.npz, where |θ| ≤ 1."
    assert caption(tmp_path, "figures", "course/missing") == ""
    assert caption(None, "figures", "course/f") == ""


def test_the_text_layer_keeps_reading_order_and_spaces():
    line = [Word("a<b", (10, 20, 30, 30)), Word("c", (40, 20, 50, 30))]
    markup = text_layer([[line, [Word("d", (10, 40, 20, 50))]]])
    assert markup.startswith('<div class="l2-text"><p>')
    assert ">a&lt;b </span>" in markup and ">c</span><br>" in markup  # space within the span
    assert 'data-w="40.00"' in markup  # to the next word's start: (40 - 10) pt in px
    assert markup.count("<p>") == 1 and markup.count("<br>") == 1
