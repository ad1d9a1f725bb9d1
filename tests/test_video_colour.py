"""Video colour: a test pattern of every palette colour (style.COLORS), rendered through the
real render path, shows each colour within 3 levels of its hex code when ffmpeg decodes it
by its colour tags and when headless Chromium plays it.

The pattern is rendered at production size (1 s, under a second to render): Chromium takes
untagged SD video for BT.601 and untagged HD video for BT.709, so at preview size the
untagged videos of before showed the right colours too (benchmarks/RESULTS.md)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
from conftest import chromium

pytest.importorskip("manim")
from manim import Rectangle, config  # noqa: E402

from l2geom.animations import rendering  # noqa: E402
from l2geom.animations.scene import DataScene  # noqa: E402
from l2geom.style import COLORS  # noqa: E402

pytestmark = pytest.mark.slow

HEXES = list(dict.fromkeys(COLORS.values()))  # each colour once (roles share some)
COLUMNS, ROWS = 5, 2
WIDTH, HEIGHT = 1920, 1080  # production
SHOWN = 960, 540  # the video's size on the page in Chromium (its window: 1280 x 800)
TOLERANCE = 3  # levels per channel


class PalettePatches(DataScene):
    """Solid patches of every palette colour, in a grid of cells, for a second."""

    def construct(self):
        w, h = config.frame_width / COLUMNS, config.frame_height / ROWS
        for i, colour in enumerate(HEXES):
            row, column = divmod(i, COLUMNS)
            patch = Rectangle(width=w, height=h, stroke_width=0).set_fill(colour, opacity=1)
            self.add(
                patch.move_to(
                    [
                        (column + 0.5) * w - config.frame_width / 2,
                        config.frame_height / 2 - (row + 0.5) * h,
                        0,
                    ]
                )
            )
        self.wait(1)


def render_pattern(folder: Path) -> Path:
    """The pattern rendered by rendering.render (the animations' path and encoder)."""
    rendering.render(
        PalettePatches, {}, folder / "palette.mp4", folder / "palette.png", quality="production"
    )
    return folder / "palette.mp4"


def patch_colours(picture: np.ndarray) -> np.ndarray:
    """The median colour of a 9 x 9 block at the centre of each cell, one row per colour."""
    colours, (height, width) = [], picture.shape[:2]
    for i in range(len(HEXES)):
        row, column = divmod(i, COLUMNS)
        y, x = int((row + 0.5) * height / ROWS), int((column + 0.5) * width / COLUMNS)
        colours.append(np.median(picture[y - 4 : y + 5, x - 4 : x + 5, :3].reshape(-1, 3), axis=0))
    return np.array(colours)


def hex_colours() -> np.ndarray:
    return np.array([[int(h[k : k + 2], 16) for k in (1, 3, 5)] for h in HEXES], dtype=float)


def in_ffmpeg(movie: Path) -> np.ndarray:
    """The patch colours of the first frame as the ffmpeg CLI converts it to RGB: its
    automatic scale filter takes the YUV matrix and range from the stream's tags (the
    test below shows it)."""
    raw = subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-i",
            str(movie),
            "-frames:v",
            "1",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-",
        ],
        capture_output=True,
        check=True,
    ).stdout
    return patch_colours(np.frombuffer(raw, np.uint8).reshape(HEIGHT, WIDTH, 3))


def in_chromium(driver, movie: Path) -> np.ndarray:
    """The patch colours of a screenshot of ``movie`` playing in Chromium."""
    from io import BytesIO

    from PIL import Image

    page = movie.with_suffix(".html")
    page.write_text(
        f'<body style="margin:0"><video src="{movie.name}" muted '
        f'style="display:block;width:{SHOWN[0]}px;height:{SHOWN[1]}px"></video>'
    )
    driver.get(page.as_uri())
    driver.execute_script("document.querySelector('video').play()")
    end = time.monotonic() + 30
    while not driver.execute_script(
        "const v = document.querySelector('video');return !v.paused && v.currentTime > 0.3"
    ):
        assert time.monotonic() < end, "the video did not play"
        time.sleep(0.05)
    shot = Image.open(BytesIO(driver.get_screenshot_as_png())).convert("RGB")
    return patch_colours(np.asarray(shot)[: SHOWN[1], : SHOWN[0]])


@pytest.fixture(scope="module")
def pattern(tmp_path_factory) -> list[Path]:
    """The pattern rendered twice, in two folders."""
    return [render_pattern(tmp_path_factory.mktemp(f"pattern{i}")) for i in range(2)]


@pytest.fixture(scope="module")
def browser():
    driver = chromium()
    yield driver
    driver.quit()


def test_two_renders_of_the_pattern_are_the_same_bytes(pattern):
    assert pattern[0].read_bytes() == pattern[1].read_bytes()


def test_ffmpeg_decodes_every_palette_colour_to_its_hex_code(pattern, tmp_path):
    shown = in_ffmpeg(pattern[0])
    print(dict(zip(HEXES, shown.astype(int).tolist())))
    assert np.abs(shown - hex_colours()).max() <= TOLERANCE
    # The decoding follows the tags: the same stream, its matrix re-tagged BT.709, is off.
    retagged = tmp_path / "bt709.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-i",
            str(pattern[0]),
            "-c",
            "copy",
            "-bsf:v",
            "h264_metadata=matrix_coefficients=1",
            str(retagged),
        ],
        check=True,
    )
    assert np.abs(in_ffmpeg(retagged) - hex_colours()).max() > 10


def test_chromium_plays_every_palette_colour_at_its_hex_code(pattern, browser):
    shown = in_chromium(browser, pattern[0])
    print(dict(zip(HEXES, shown.astype(int).tolist())))
    assert np.abs(shown - hex_colours()).max() <= TOLERANCE
