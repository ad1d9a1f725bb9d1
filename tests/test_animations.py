"""Animations: drawing helpers, and shortened preview renders checked by decoded frames,
by the geometry of the final mobjects and, for two parallel renders, byte for byte."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from l2geom import datafile

manim = pytest.importorskip("manim")
av = pytest.importorskip("av")

from l2geom.animations import clipping, encoding, plane, rendering, sampling, scene  # noqa: E402  # noqa: E402
from l2geom.animations.rendering import render, render_config, scene_class  # noqa: E402
from l2geom.animations.stills import still_name  # noqa: E402
from l2geom.animations.style import MIN_SIZE, PALETTE  # noqa: E402
from l2geom.catalogue import ANIMATIONS  # noqa: E402
from l2geom.core.plane import circle  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WINDOW = np.array([0.0, 1.0, 0.0, 1.0])


# ---------------------------------------------------------------- helpers, no rendering


def test_clip_polyline_cuts_at_the_border():
    pieces = clipping.clip_polyline(np.array([[-1, 0.5], [2, 0.5], [0.5, 0.5], [0.5, 4]]), WINDOW)
    assert len(pieces) == 2
    np.testing.assert_allclose(pieces[0], [[0, 0.5], [1, 0.5]])
    np.testing.assert_allclose(pieces[1], [[1, 0.5], [0.5, 0.5], [0.5, 1]])


def test_clip_polyline_outside_and_inside():
    assert clipping.clip_polyline(np.array([[2.0, 2.0], [3.0, 3.0]]), WINDOW) == []
    inside = np.array([[0.1, 0.1], [0.2, 0.3], [0.9, 0.9]])
    (piece,) = clipping.clip_polyline(inside, WINDOW)
    np.testing.assert_allclose(piece, inside)


def test_clipped_circle_stays_in_window():
    pieces = clipping.clip_polyline(circle(0.8), WINDOW)
    points = np.vstack(pieces)
    assert points.min() >= -1e-12 and points.max() <= 1 + 1e-12
    np.testing.assert_allclose(np.linalg.norm(points, axis=1), 0.8, rtol=1e-2)


def test_clip_to_disc_cuts_at_the_rim_and_keeps_what_is_inside():
    line = np.array([[-3.0, 0.0], [3.0, 0.0]])
    (piece,) = clipping.clip_to_disc(line, 2.0)
    np.testing.assert_allclose(piece, [[-2.0, 0.0], [2.0, 0.0]])
    assert clipping.clip_to_disc(np.array([[3.0, 3.0], [4.0, 3.0]]), 2.0) == []
    ring = circle(1.0)
    (inside,) = clipping.clip_to_disc(ring, 2.0)
    np.testing.assert_allclose(inside, ring, atol=1e-12)
    # a chord leaving and re-entering gives two pieces, each ending on the rim
    pieces = clipping.clip_to_disc(np.array([[0.0, 0.0], [0.0, 5.0], [1.0, 0.0]]), 2.0)
    assert len(pieces) == 2
    assert np.isclose(np.linalg.norm(pieces[0][-1]), 2.0)
    assert np.isclose(np.linalg.norm(pieces[1][0]), 2.0)


def test_dash_pieces_cover_the_expected_length():
    line = np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 0.0]])
    dashes = clipping.dash_pieces(line, dash=0.2, ratio=0.5)
    assert len(dashes) == 5
    total = sum(np.linalg.norm(np.diff(d, axis=0), axis=1).sum() for d in dashes)
    assert total == pytest.approx(0.5)


def test_sample_and_grid_position():
    grid = np.array([0.0, 1.0, 10.0])
    assert sampling.grid_position(grid, 5.5) == pytest.approx(1.5)
    np.testing.assert_allclose(sampling.sample(np.array([[0, 0], [2, 4]]), 0.25), [0.5, 1.0])
    np.testing.assert_allclose(sampling.sample(grid, 99), 10.0)


def test_render_config_profiles(tmp_path):
    preview = render_config("preview", tmp_path, "x")
    assert (preview["pixel_width"], preview["pixel_height"], preview["frame_rate"]) == (
        854,
        480,
        15,
    )
    production = render_config("production", tmp_path, "x")
    assert (production["pixel_width"], production["pixel_height"], production["frame_rate"]) == (
        1920,
        1080,
        60,
    )
    assert preview["disable_caching"] and preview["media_dir"] == str(tmp_path)
    with pytest.raises(ValueError, match="quality"):
        render_config("draft", tmp_path, "x")


def test_encoder_runs_on_one_thread(tmp_path):
    # x264's output depends on its thread count (by default the machine's cores)
    assert render_config("production", tmp_path, "x")["video_encoder_options"]["threads"] == "1"


def encode_segment(frames: list[np.ndarray], options: dict) -> bytes:
    """One partial movie as Manim writes it (PyAV, libx264, yuv420p), in memory."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=15, options=options)
        stream.width, stream.height, stream.pix_fmt = (
            frames[0].shape[1],
            frames[0].shape[0],
            "yuv420p",
        )
        for index, pixels in enumerate(frames):
            frame = av.VideoFrame.from_ndarray(pixels, format="rgba")
            frame.pts, frame.time_base = index, Fraction(1, 15)
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    return buffer.getvalue()


def test_a_short_partial_movie_gives_the_same_bytes_whatever_was_allocated_before():
    # With x264's mbtree, a segment shorter than its lookahead came out differently after
    # the process had allocated and freed other memory (rendering.ENCODER_OPTIONS); with
    # mbtree on, these 6 encodings gave 6 different files.
    rng = np.random.default_rng(3)
    base = np.full((480, 854, 4), 255, dtype=np.uint8)
    for _ in range(60):  # grey strokes
        y, x = rng.integers(0, 478), rng.integers(0, 654)
        base[y : y + 2, x : x + rng.integers(20, 200), :3] = rng.integers(120, 220)
    frames = []
    for k in range(10):  # a line that grows, over a faintly noisy picture
        frame = base.copy()
        frame[200:204, 20 : 40 + 25 * k, :3] = (40, 110, 200)
        frame[..., :3] = np.clip(frame[..., :3] + rng.integers(-3, 4, frame[..., :3].shape), 0, 255)
        frames.append(frame)
    encodings = set()
    for _ in range(6):
        noise = [rng.integers(0, 255, 3_000_000, dtype=np.uint8) for _ in range(8)]
        del noise
        encodings.add(encode_segment(frames, rendering.ENCODER_OPTIONS))
    assert len(encodings) == 1


@pytest.mark.parametrize("width", [854, 1920])  # 854: RGBA rows padded in PyAV's frames
def test_the_convert_once_encoder_writes_the_bytes_of_manims_own(tmp_path, width):
    """Manim's encoder, given the same options and colour tags, writes the same bytes:
    ConvertOnceEncoder's stated conversion (encoding.CONVERSION) is the one the codec
    makes of an RGBA frame, and its repeats are the codec's."""
    from dataclasses import replace

    from manim._config.video_encoder import VideoEncoderSpec
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    spec = VideoEncoderSpec(
        "mp4",
        "libx264",
        "yuv420p",
        width,
        480,
        Fraction(15),
        tuple(rendering.ENCODER_OPTIONS.items()),
    )
    tagged = replace(spec, options=(*spec.options, *encoding.COLOUR_TAGS.items()))
    written = {}
    for cls, given in ((VideoSegmentEncoder, tagged), (encoding.ConvertOnceEncoder, spec)):
        rng = np.random.default_rng(5)
        encoder = cls(target=tmp_path / f"{cls.__name__}.mp4", spec=given)
        for repeat in (1, 4, 2):  # a still picture is one frame handed with repeat=n
            pixels = rng.integers(0, 256, (480, width, 4), dtype=np.uint8)
            encoder.write_frame(pixels, repeat=repeat)
            pixels[:] = 0  # the caller's array is not held on to
        encoder.finish()
        written[cls] = (tmp_path / f"{cls.__name__}.mp4").read_bytes()
    assert written[VideoSegmentEncoder] == written[encoding.ConvertOnceEncoder]


def test_the_clear_fill_skipping_camera_draws_the_same_pixels():
    from manim import Circle, Line, Square, tempconfig
    from manim.camera.camera import Camera

    with tempconfig({"pixel_width": 320, "pixel_height": 180}):
        shapes = [
            Line([-3, -1, 0], [3, 1, 0], stroke_width=6),  # fill fully transparent
            Square(1.5).set_fill("#3070c0", opacity=0.4),
            Circle(1.0, color="#c04030").set_fill(opacity=1.0),
        ]
        frames = []
        for cls in (Camera, scene.ClearFillSkippingCamera):
            camera = cls()
            camera.capture_mobjects(shapes)
            frames.append(camera.pixel_array.copy())
    assert frames[0].any() and np.array_equal(frames[0], frames[1])


def test_growing_segments_draw_every_other_segment_up_to_alpha():
    corners = np.array([[0.0, 0, 0], [1, 0, 0], [1, 1, 0], [2, 1, 0], [2, 2, 0]])  # 4 segments
    full = plane.growing_segments(corners, 1.0, 0).reshape(-1, 4, 3)
    np.testing.assert_allclose(full[:, [0, 3]], [[[0, 0, 0], [1, 0, 0]], [[1, 1, 0], [2, 1, 0]]])
    # 5/8 of the way: segments 0 and 1 whole, segment 2 half drawn
    half = plane.growing_segments(corners, 0.625, 0).reshape(-1, 4, 3)
    np.testing.assert_allclose(half[:, 3], [[1, 0, 0], [1.5, 1, 0]])
    np.testing.assert_allclose(half[1, 1], [1 + 0.5 / 3, 1, 0])  # straight: handles at thirds
    assert plane.growing_segments(corners, 0.625, 1).shape == (4, 3)
    assert plane.growing_segments(corners, 0.0, 0).shape == (0, 3)


def test_ungroup_replaces_a_group_by_its_pieces():
    empty = scene.DataScene(data={})
    first, a, b, last = (manim.Square() for _ in range(4))
    group = manim.VGroup(a, b)
    empty.add(first, group, last)
    empty.ungroup(group)
    assert empty.mobjects == [first, last, a, b]


def test_only_what_moves_is_redrawn_each_frame():
    empty = scene.DataScene(data={})
    still, follower, text, faded = (
        manim.Square(),
        manim.Circle(),
        manim.Square(),
        manim.Triangle(),
    )
    follower.add_updater(lambda m: m)
    empty.add(still, follower, text, faded)
    moving = empty.get_moving_mobjects(manim.FadeOut(faded))
    # the updater-driven and the animated mobjects go to the front; the rest is drawn once
    assert empty.mobjects == [still, text, follower, faded]
    assert moving == [*follower.get_family(), *faded.get_family()]


def test_render_rejects_unknown_scene(tmp_path):
    with pytest.raises(ValueError, match="unknown animation"):
        render("nope", {}, tmp_path / "a.mp4", tmp_path / "a.png")


def test_scene_without_data_explains_the_env_variable(monkeypatch):
    monkeypatch.delenv(scene.DATA_ENV, raising=False)
    with pytest.raises(RuntimeError, match=scene.DATA_ENV):
        scene_class("rotate_rescale")()


def test_decay_trajectories_rejects_unstored_lambda(scenario_data):
    data = scene.load_folder(
        scenario_data["descent"].parent, ANIMATIONS["decay_trajectories"].reads
    )
    with pytest.raises(KeyError, match="not among the stored values"):
        scene_class("decay_trajectories")(data=data, lambdas=[7.0])


# ---------------------------------------------------------------- renders


def probe(movie: Path) -> dict:
    """Stream metadata and the number of frames that decode, with the last frame."""
    with av.open(str(movie)) as container:
        stream = container.streams.video[0]
        info = {
            "width": stream.codec_context.width,
            "height": stream.codec_context.height,
            "rate": stream.base_rate,
            "average_rate": stream.average_rate,
            "codec": stream.codec_context.name,
            "pix_fmt": stream.codec_context.pix_fmt,
            "declared": stream.frames,
        }
        decoded, last = 0, None
        for frame in container.decode(stream):
            last = frame.to_ndarray(format="rgb24")
            decoded += 1
    info.update(decoded=decoded, last=last, seconds=decoded / float(info["rate"]))
    return info


def mp4_boxes(path: Path) -> list[str]:
    """The top-level boxes of an MP4 file, in file order."""
    boxes, offset, size = [], 0, path.stat().st_size
    with path.open("rb") as handle:
        while offset < size:
            handle.seek(offset)
            length, kind = struct.unpack(">I4s", handle.read(8))
            if length == 1:  # a 64-bit size follows the type
                (length,) = struct.unpack(">Q", handle.read(8))
            boxes.append(kind.decode("latin-1"))
            offset = offset + length if length else size
    return boxes


def ffprobe_colour(path: Path) -> dict[str, str]:
    """The colour tags ffprobe reads for the first video stream."""
    out = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=color_primaries,color_transfer,color_space,color_range",
            "-of",
            "json",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)["streams"][0]


class RotateRescaleProbe(scene_class("rotate_rescale")):
    """rotate_rescale that keeps the contours' anchors (scene coordinates) at each pause."""

    def mark(self, label):
        super().mark(label)
        self.snapshots = getattr(self, "snapshots", {})
        self.snapshots[label] = [
            np.array(piece.get_anchors())
            for contour in self.plane.contours
            for piece in contour.family_members_with_points()
        ]


@pytest.fixture(scope="module")
def renders(scenario_data, tmp_path_factory):
    """Each scene rendered once, shortened, at preview quality: name -> (scene, folder)."""
    folder = scenario_data["rescale"].parent
    out = {}
    for name in ANIMATIONS:
        target = tmp_path_factory.mktemp(name)
        extra = {"lambdas": [5.0, 50.0]} if name == "decay_trajectories" else {}
        cls = RotateRescaleProbe if name == "rotate_rescale" else name
        scene = render(
            cls,
            folder,
            target / f"{name}.mp4",
            target / f"{name}.png",
            pauses=target / f"{name}.json",
            stills=target / name,
            snippet=target / f"{name}.tex",
            scenario="course",
            quality="preview",
            short=True,
            **extra,
        )
        out[name] = (scene, target)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ANIMATIONS))
def test_render_is_h264_preview_and_every_frame_decodes(renders, name):
    _, folder = renders[name]
    info = probe(folder / f"{name}.mp4")
    assert (info["width"], info["height"]) == (854, 480)
    assert info["rate"] == 15  # the stream's frame rate; concatenation rounds timestamps:
    assert float(info["average_rate"]) == pytest.approx(15, rel=1e-3)
    assert info["codec"] == "h264" and info["pix_fmt"] == "yuv420p"
    record = json.loads((folder / f"{name}.json").read_text())
    assert info["decoded"] == info["declared"] == round(record["duration"] * 15)
    # No media folder is left behind, only the outputs: movie, poster, pause points,
    # snippet and the stills' folder.
    assert sorted(p.name for p in folder.iterdir()) == [
        name,
        *(f"{name}.{ext}" for ext in ("json", "mp4", "png", "tex")),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ANIMATIONS))
def test_render_is_colour_tagged_and_indexed_first(renders, name):
    """The conversion's colour description (encoding.py) in the stream, and the index
    (moov) before the media data (mdat), so a browser starts before the file is in."""
    _, folder = renders[name]
    assert ffprobe_colour(folder / f"{name}.mp4") == {
        "color_range": "tv",
        "color_space": "smpte170m",
        "color_transfer": "bt709",
        "color_primaries": "bt709",
    }
    boxes = mp4_boxes(folder / f"{name}.mp4")
    assert boxes.index("ftyp") < boxes.index("moov") < boxes.index("mdat")


@pytest.mark.slow
def test_lambda_sweep_records_the_lambda_of_each_frame(renders, scenario_data):
    """The λ sweep's table (for the HTML deck's slider): [time, λ] per frame where λ
    changes, from λ = 0 at the start to the ridge path's last λ, both increasing, every λ
    between two neighbours of the stored grid, and each stage's end at the λ it names."""
    scene, folder = renders["lambda_sweep"]
    record = json.loads((folder / "lambda_sweep.json").read_text())
    table = np.array(record["tables"]["lambda"])
    assert record["tables"] == scene.tables and record["fps"] == 15
    grid = datafile.load(scenario_data["ridge_path"])["lambdas"]
    sigma = datafile.load(scenario_data["quadratic"])["eigenvalues"]
    times, lambdas = table[:, 0], table[:, 1]
    assert times[0] == 0 and lambdas[0] == 0 and lambdas[-1] == pytest.approx(grid[-1])
    assert np.all(np.diff(times) > 0) and np.all(np.diff(lambdas) > 0)
    assert times[-1] < record["duration"]
    # frames are 1/15 s apart: every time is a frame's
    np.testing.assert_allclose(times * 15, np.round(times * 15), atol=1e-3)
    assert np.all((lambdas >= grid[0]) & (lambdas <= grid[-1]))

    def shown(t):  # the λ of the frame at time t
        return lambdas[np.searchsorted(times, t + 1e-6) - 1]

    ends = {p["label"]: p["time"] for p in record["pauses"]}
    assert shown(ends["λ = 0"]) == 0
    assert shown(ends["λ = σ₁"]) == pytest.approx(sigma[0], rel=1e-6)
    assert shown(ends["λ = σ₂"]) == pytest.approx(sigma[1], rel=1e-6)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ANIMATIONS))
def test_pause_points_increase_inside_the_video_and_match_the_scene(renders, name):
    scene, folder = renders[name]
    record = json.loads((folder / f"{name}.json").read_text())
    times = [p["time"] for p in record["pauses"]]
    declared = {stage.label: stage.description for stage in scene_class(name).STAGES}
    skipped = {"step 2", "step 3"} if name == "decay_trajectories" else set()  # short render
    assert [p["label"] for p in record["pauses"]] == [s for s in declared if s not in skipped]
    assert all(p["description"] == declared[p["label"]] for p in record["pauses"])
    assert all(a < b for a, b in zip(times, times[1:])) and times[0] > 0
    seconds = probe(folder / f"{name}.mp4")["seconds"]
    assert record["duration"] == pytest.approx(seconds, abs=2 / 15)
    assert times[-1] <= record["duration"]
    assert record["pauses"] == scene.pause_points  # the stage ends the scene reported


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ANIMATIONS))
def test_no_text_is_smaller_than_the_slides_footnotes(renders, name):
    scene, _ = renders[name]
    texts = [
        m
        for top in scene.mobjects
        for m in top.get_family()
        if isinstance(m, (manim.Tex, manim.MathTex))
    ]
    assert texts and min(m.font_size for m in texts) >= MIN_SIZE - 0.5


def decoded_frames(movie: Path, indices: set[int]) -> dict[int, np.ndarray]:
    """The movie's frames ``indices`` (RGB), decoded."""
    found = {}
    with av.open(str(movie)) as container:
        for i, frame in enumerate(container.decode(container.streams.video[0])):
            if i in indices:
                found[i] = frame.to_ndarray(format="rgb24")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ANIMATIONS))
def test_a_still_per_pause_point_is_the_frame_the_video_shows_there(renders, name):
    from PIL import Image

    scene, folder = renders[name]
    record = json.loads((folder / f"{name}.json").read_text())
    labels = [stage.label for stage in scene_class(name).STAGES]
    files = sorted(p.name for p in (folder / name).iterdir())
    assert files == record["stills"] == [p["still"] for p in record["pauses"]]
    frames = decoded_frames(folder / f"{name}.mp4", {p["frame"] for p in record["pauses"]})
    for pause in record["pauses"]:
        assert pause["still"] == still_name(labels.index(pause["label"]) + 1, pause["label"])
        assert pause["frame"] == round(pause["time"] * 15) - 1
        still = np.asarray(Image.open(folder / name / pause["still"]).convert("RGB"), float)
        assert still.shape == (480, 854, 3)  # the video's resolution
        video = frames[pause["frame"]].astype(float)
        others = [f for i, f in frames.items() if i != pause["frame"]]
        error = np.abs(still - video).mean()
        assert error < 4.0  # H.264 + yuv420p loss only
        # and closer to its own frame than to another stage's end
        assert all(error < np.abs(still - other.astype(float)).mean() for other in others)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ANIMATIONS))
def test_the_poster_is_the_still_of_the_stage_the_scene_names(renders, name):
    _, folder = renders[name]
    record = json.loads((folder / f"{name}.json").read_text())
    cls = scene_class(name)
    assert cls.POSTER in [stage.label for stage in cls.STAGES]
    assert record["poster"] == cls.POSTER  # marked in the short render too
    still = next(p["still"] for p in record["pauses"] if p["label"] == cls.POSTER)
    assert (folder / f"{name}.png").read_bytes() == (folder / name / still).read_bytes()
    from PIL import Image

    poster = np.asarray(Image.open(folder / f"{name}.png").convert("RGB"))
    background = np.array(manim.ManimColor(PALETTE["background"]).to_rgb()) * 255
    np.testing.assert_array_equal(poster[0, 0], background)  # the frame, not a blank
    assert len(np.unique(poster.reshape(-1, 3), axis=0)) > 50  # a picture


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ANIMATIONS))
def test_the_snippet_names_the_movie_poster_and_every_still(renders, name):
    _, folder = renders[name]
    record = json.loads((folder / f"{name}.json").read_text())
    text = (folder / f"{name}.tex").read_text()
    assert f"\\ltwogeomdir/{name}.mp4" in text and f"\\ltwogeomdir/{name}.png" in text
    for pause in record["pauses"]:
        assert f"\\ltwogeomdir/{name}/{pause['still']}" in text


class Stageless(scene.DataScene):
    """A scene that marks no stage."""

    def construct(self):
        self.add(manim.Square(color=PALETTE["weights"]))
        self.wait(0.2)


def test_an_animation_without_pause_points_has_its_last_frame_as_only_still(tmp_path, capfd):
    from PIL import Image

    rendered = render(
        Stageless,
        {},
        tmp_path / "stageless.mp4",
        tmp_path / "stageless.png",
        pauses=tmp_path / "stageless.json",
        stills=tmp_path / "stageless",
        snippet=tmp_path / "stageless.tex",
        quality="preview",
    )
    assert "warning: animation Stageless marks no pause points" in capfd.readouterr().err
    assert [p.name for p in (tmp_path / "stageless").iterdir()] == ["00-last-frame.png"]
    record = json.loads((tmp_path / "stageless.json").read_text())
    assert record["pauses"] == [] and record["stills"] == ["00-last-frame.png"]
    assert record["poster"] is None
    last = np.asarray(rendered.renderer.get_frame())[..., :3]
    still = np.asarray(Image.open(tmp_path / "stageless" / "00-last-frame.png").convert("RGB"))
    np.testing.assert_array_equal(still, last)
    assert (tmp_path / "stageless.png").read_bytes() == (
        tmp_path / "stageless" / "00-last-frame.png"
    ).read_bytes()
    assert "00-last-frame.png" in (tmp_path / "stageless.tex").read_text()


def test_a_poster_must_be_a_declared_stage(tmp_path):
    class Wrong(Stageless):
        STAGES = (scene.Stage("one", "The one stage."),)
        POSTER = "two"

    with pytest.raises(ValueError, match="POSTER 'two' is none of its STAGES"):
        render(Wrong, {}, tmp_path / "w.mp4", tmp_path / "w.png", quality="preview")


def _scene_point(axes, point):
    return np.asarray(axes.c2p(*point), dtype=float)


@pytest.mark.slow
def test_rotate_rescale_lands_on_stored_ridge(renders, scenario_data):
    scene, _ = renders["rotate_rescale"]
    rescale = datafile.load(scenario_data["rescale"])
    ridge, axes = scene.ridge, scene.plane.axes
    np.testing.assert_allclose(
        ridge.marker.get_center(), _scene_point(axes, rescale["ridge"]), atol=1e-6
    )
    np.testing.assert_allclose(
        ridge.arrow.get_end(), _scene_point(axes, rescale["ridge"]), atol=1e-6
    )
    # and back in parameter space
    np.testing.assert_allclose(axes.p2c(ridge.marker.get_center()), rescale["ridge"], atol=1e-6)


def _tangent(curve, point):
    """Unit tangent of the polyline mobject ``curve`` on its segment nearest ``point``,
    and that segment's distance from the point."""
    best = None
    for piece in curve.family_members_with_points():
        anchors = np.asarray(piece.get_anchors())[:, :2]
        for a, b in zip(anchors[:-1], anchors[1:]):
            d = b - a
            if not d.any():
                continue
            s = np.clip((point[:2] - a) @ d / (d @ d), 0.0, 1.0)
            gap = float(np.linalg.norm(a + s * d - point[:2]))
            if best is None or gap < best[0]:
                best = (gap, d / np.linalg.norm(d))
    gap, direction = best
    return direction, gap


def _assert_touching(contour, circle, point):
    (t1, gap1), (t2, gap2) = _tangent(contour, point), _tangent(circle, point)
    assert gap1 < 0.05 and gap2 < 0.05  # both pass through the point (scene units)
    assert abs(t1[0] * t2[1] - t1[1] * t2[0]) < 0.05  # tangents (and normals) parallel


@pytest.mark.slow
def test_rotate_rescale_contour_and_circle_touch_at_the_end(renders):
    scene, _ = renders["rotate_rescale"]
    _assert_touching(scene.ridge.contour, scene.ridge.circle, scene.ridge.marker.get_center())


@pytest.mark.slow
def test_lambda_sweep_contour_and_circle_touch_at_the_end(renders):
    scene, _ = renders["lambda_sweep"]
    plane = scene.plane
    _assert_touching(plane.ellipse, plane.circle, plane.dot.get_center())


@pytest.mark.slow
def test_rotate_rescale_ellipses_are_axis_aligned_after_step_1(renders, scenario_data):
    scene, _ = renders["rotate_rescale"]
    rescale = datafile.load(scenario_data["rescale"])
    sigma, centre = rescale["eigenvalues"], rescale["projected"]
    for when, aligned in (("the picture", False), ("rotate", True)):
        spreads = []
        for anchors in scene.snapshots[when]:
            inner = np.array([scene.plane.axes.p2c(a) for a in anchors[1:-1]])
            if len(inner) < 20:
                continue
            # An axis-aligned ellipse about Qᵀθ̂: σ₁ x² + σ₂ y² is the same at every point.
            level = (inner - centre) ** 2 @ sigma
            spreads.append(float(np.std(level) / np.mean(level)))
        assert spreads and (max(spreads) < 0.01) == aligned, (when, spreads)


@pytest.mark.slow
def test_decay_last_iterate_is_stored_last_iterate(renders, scenario_data):
    scene, _ = renders["decay_trajectories"]
    descent = datafile.load(scenario_data["descent"])
    assert [p.lam for p in scene.panels] == [5.0, 50.0]
    assert len(scene.ridges) == len(scene.panels)
    for panel, ridge in zip(scene.panels, scene.ridges):
        run = datafile.index_of(descent["lambdas"], panel.lam)
        np.testing.assert_allclose(
            panel.dot.get_center(), _scene_point(panel.axes, descent["wd"][run, -1]), atol=1e-6
        )
        np.testing.assert_allclose(
            ridge.get_center(), _scene_point(panel.axes, descent["ridge"][run]), atol=1e-6
        )


@pytest.mark.slow
def test_lambda_sweep_ends_at_the_path_end(renders, scenario_data):
    scene, _ = renders["lambda_sweep"]
    path = datafile.load(scenario_data["ridge_path"])
    np.testing.assert_allclose(
        scene.plane.dot.get_center(), _scene_point(scene.plane.axes, path["points"][-1]), atol=1e-6
    )


@pytest.mark.slow
def test_two_renders_in_parallel(scenario_data, tmp_path):
    folder = scenario_data["rescale"].parent
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    jobs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "l2geom.animations",
                "rotate_rescale",
                str(folder),
                "--out",
                str(tmp_path / f"run{i}"),
                "--short",
            ],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for i in range(2)
    ]
    results = [(job.wait(timeout=300), job.stdout.read()) for job in jobs]
    for code, output in results:
        assert code == 0, output
    for i in range(2):
        info = probe(tmp_path / f"run{i}" / "rotate_rescale.mp4")
        record = json.loads((tmp_path / f"run{i}" / "rotate_rescale.json").read_text())
        assert info["decoded"] == round(record["duration"] * 15)
        assert (info["width"], info["height"]) == (854, 480)
    # libx264 on one thread: the same bytes, whatever the number of cores; stills and
    # snippet too
    stills = sorted(p.name for p in (tmp_path / "run0" / "rotate_rescale").iterdir())
    assert stills == sorted(p.name for p in (tmp_path / "run1" / "rotate_rescale").iterdir())
    assert len(stills) == len(scene_class("rotate_rescale").STAGES)
    for name in (
        "rotate_rescale.mp4",
        "rotate_rescale.png",
        "rotate_rescale.json",
        "rotate_rescale.tex",
        *(f"rotate_rescale/{still}" for still in stills),
    ):
        assert (tmp_path / "run0" / name).read_bytes() == (tmp_path / "run1" / name).read_bytes()


def test_a_stage_must_be_declared_and_in_order(scenario_data):
    cls = scene_class("lambda_sweep")
    data = scene.load_folder(scenario_data["descent"].parent, ANIMATIONS["lambda_sweep"].reads)
    probe_scene = cls(data=data)
    probe_scene.mark("λ = 0")
    with pytest.raises(ValueError, match="not declared after 'λ = 0'"):
        probe_scene.mark("λ = 0")
    with pytest.raises(ValueError, match="'fast forward' is not declared"):
        probe_scene.mark("fast forward")
    probe_scene.mark("λ → ∞")  # a short render may skip stages, in order
    assert [p["label"] for p in probe_scene.pause_points] == ["λ = 0", "λ → ∞"]


@pytest.mark.slow
def test_proximal_steps_end_on_the_stored_runs_at_one_zoom(renders, scenario_data):
    scene, _ = renders["proximal_steps"]
    prox = datafile.load(scenario_data["proximal"])
    lasso = datafile.load(scenario_data["lasso"])
    assert scene.lam == prox["lambdas"][-1]  # by default the largest stored λ
    run = datafile.index_of(prox["lambdas"], scene.lam)
    l1, l2 = scene.panels
    for panel, key in ((l1, "prox"), (l2, "wd")):
        np.testing.assert_allclose(
            panel.dot.get_center(), _scene_point(panel.axes, prox[key][run, -1]), atol=1e-6
        )
    lasso_end, ridge_end = scene.ends
    np.testing.assert_allclose(
        lasso_end.get_center(), _scene_point(l1.axes, prox["lasso"][run]), atol=1e-6
    )
    ridge = lasso["ridge"][datafile.index_of(lasso["lambdas"], scene.lam)]
    np.testing.assert_allclose(ridge_end.get_center(), _scene_point(l2.axes, ridge), atol=1e-6)
    # one zoom for both panels, so that the pulls' lengths compare
    assert np.ptp(l1.axes.window[:2]) == pytest.approx(np.ptp(l2.axes.window[:2]))
    assert l1.axes.width == pytest.approx(l2.axes.width)


def test_proximal_steps_notes_read_the_landings_off_the_runs():
    """In the decorrelated course example at λ = 45 the first pull puts θ₁ exactly on 0 and
    weight decay, at the origin, pulls by nothing; at λ = 25 neither happens."""
    from types import SimpleNamespace

    from l2geom.core.compute_l1 import proximal_data
    from l2geom.core.sources import quadratic_from_source

    spec = {"n": 100, "weights": [0.5, 3.0], "noise_sd": 0.5, "seed": 1, "low": 0.0, "high": 1.0}
    quad = quadratic_from_source({"generate": {**spec, "decorrelate": True}})
    data = proximal_data(quad, np.zeros(2), 0.005, 100, [25.0, 45.0])

    def panels(run):
        return [
            SimpleNamespace(iterates=data[key][run], after=data[f"{key}_after_gradient"][run])
            for key in ("prox", "wd")
        ]

    step_note = scene_class("proximal_steps").step_note
    assert step_note(panels(1), 0) == [
        r"L1: $\theta_1$ pulled exactly to $0$.",
        r"L2: no pull where $\theta = \mathbf{0}$.",
    ]
    assert step_note(panels(1), 1) == [r"L1: $\theta_1$ pulled exactly to $0$."]
    assert step_note(panels(0), 1)[0].startswith("L1 pulls by")  # nothing lands at λ = 25


def test_proximal_steps_needs_enough_steps(scenario_data):
    from l2geom import limits

    cls = scene_class("proximal_steps")
    assert cls.MIN_STEPS == limits.PROXIMAL_MIN_STEPS  # what the config check asks for
    data = scene.load_folder(scenario_data["proximal"].parent, ANIMATIONS["proximal_steps"].reads)
    steps = cls.MIN_STEPS - 1  # one too few: iterates (L, steps + 1, d), the rest (L, steps, d)
    few = {
        key: value[:, : steps + 1 if key in ("prox", "wd") else steps]
        for key, value in data["proximal"].items()
        if key.startswith(("prox", "wd"))
    }
    data["proximal"] = {**data["proximal"], **few}
    with pytest.raises(ValueError, match=f"at least {cls.MIN_STEPS} steps, got {steps}"):
        cls(data=data)
    with pytest.raises(KeyError, match="not among the stored values"):
        scene_class("proximal_steps")(
            data=scene.load_folder(
                scenario_data["proximal"].parent, ANIMATIONS["proximal_steps"].reads
            ),
            lam=7.0,
        )
