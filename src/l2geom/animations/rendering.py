"""Render entry point: one scene, in its own fresh media folder, moved atomically into place.

Quality profiles (config key ``quality``): ``preview`` is 854x480 at 15 fps for
authoring and tests, ``production`` 1920x1080 at 60 fps. Manim's cache is disabled and
every render gets a new media folder (its partial movie files and LaTeX's working files
included), so parallel renders never share files and a render never reuses stale output.
Compiled LaTeX is shared between renders through :mod:`l2geom.animations.tex_cache`.
"""

from __future__ import annotations

import importlib
import json
import shutil
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
from manim import tempconfig
from PIL import Image

from l2geom.animations import tex_cache
from l2geom.animations.scene import DataScene, animation_spec, find_spec, load_folder
from l2geom.animations.stills import snippet as snippet_text
from l2geom.animations.stills import still_name
from l2geom.animations.style import PALETTE
from l2geom.atomic import TEMP_SUFFIX, atomic_dir, atomic_path, atomic_write, publish
from l2geom.catalogue import ANIMATIONS

QUALITY = {
    "preview": {"pixel_width": 854, "pixel_height": 480, "frame_rate": 15},
    "production": {"pixel_width": 1920, "pixel_height": 1080, "frame_rate": 60},
}

# libx264 settings. The same frames give the same bytes: on one encoder thread (x264's
# output depends on its thread count, by default the machine's cores), and without
# macroblock-tree rate control (with it, a partial movie shorter than x264's lookahead
# came out differently depending on the process's earlier allocations; a test holds
# this). Preset and CRF: the encoder table in benchmarks/RESULTS.md, the SSIM of Manim's
# default settings in a fraction of its encoding time.
ENCODER_OPTIONS = {"preset": "superfast", "crf": "25", "threads": "1", "x264-params": "mbtree=0"}
# Partial movies (one per animation) encoded while the next animation renders: the
# encoder thread and the drawing overlap instead of taking turns at each animation's end.
INFLIGHT_ENCODERS = 2


def scene_class(name: str) -> type[DataScene]:
    """The scene class of animation ``name`` (l2geom.catalogue.ANIMATIONS), imported only
    now: a render loads (and its code digest covers) its own scene module and the shared
    ones, not the other scenes (l2geom.pipeline.code)."""
    if name not in ANIMATIONS:
        raise ValueError(f"unknown animation {name!r}; known: {sorted(ANIMATIONS)}")
    spec = ANIMATIONS[name]
    return getattr(importlib.import_module(spec.module), spec.scene)


def render_config(quality: str, media_dir: Path, name: str) -> dict:
    """The ``tempconfig`` of one render."""
    if quality not in QUALITY:
        raise ValueError(f"quality must be one of {sorted(QUALITY)}, got {quality!r}")
    return {
        **QUALITY[quality],
        "frame_height": 8.0,
        "frame_width": 8.0 * 16 / 9,
        "media_dir": str(media_dir),
        "tex_dir": str(media_dir / "Tex"),
        "output_file": name,
        "format": "mp4",
        "write_to_movie": True,
        "save_last_frame": False,
        "disable_caching": True,
        "background_color": PALETTE["background"],
        "verbosity": "WARNING",
        "progress_bar": "none",
        "preview": False,
        "video_encoder_options": ENCODER_OPTIONS,
        "max_inflight_encoders": INFLIGHT_ENCODERS,
    }


def render(
    scene: str | type[DataScene],
    data: str | Path | Mapping[str, Mapping[str, np.ndarray]],
    movie: str | Path,
    poster: str | Path,
    quality: str = "production",
    short: bool = False,
    workdir: str | Path | None = None,
    keep_media: bool = False,
    pauses: str | Path | None = None,
    stills: str | Path | None = None,
    snippet: str | Path | None = None,
    scenario: str = "",
    **scene_kwargs,
):
    """Render ``scene`` (an animation's name, or a scene class) to ``movie`` (H.264 MP4),
    its poster to ``poster`` (PNG: the last frame of the stage the scene names as its
    ``POSTER``, else of the last stage marked) and, if given, its pause points to the JSON
    file ``pauses`` (see :func:`pauses_json`), its stage stills to the folder ``stills``
    (one PNG per pause point, :func:`l2geom.animations.stills.still_name`) and the .tex
    snippet of ``scenario``'s animation to ``snippet`` (:mod:`l2geom.animations.stills`).

    A still is the frame the video shows at the end of its stage: the camera's pixels as
    the renderer handed them to the encoder when the scene marked the stage, so exactly
    that frame of the movie, before its lossy encoding. A scene that marks no stage gets
    its last frame as its only still, and a warning line naming it.

    ``data`` is a scenario data folder or a mapping of data-file name to arrays;
    ``workdir`` holds the temporary media folder (default: next to ``movie``, so the
    final ``os.replace`` stays on one file system). Returns the rendered scene, whose
    mobjects tests can inspect.
    """
    cls = scene_class(scene) if isinstance(scene, str) else scene
    labels = [stage.label for stage in cls.STAGES]
    if cls.POSTER is not None and cls.POSTER not in labels:
        raise ValueError(f"{cls.__name__}.POSTER {cls.POSTER!r} is none of its STAGES {labels}")
    if not isinstance(data, Mapping):
        data = load_folder(data, animation_spec(cls).reads)
    spec = find_spec(cls)  # a test's own scene may be none of the catalogue's
    name = spec.name if spec else cls.__name__
    movie, poster = Path(movie), Path(poster)
    for path in (movie, poster):
        path.parent.mkdir(parents=True, exist_ok=True)
    base = Path(workdir) if workdir is not None else movie.parent
    base.mkdir(parents=True, exist_ok=True)
    media = Path(tempfile.mkdtemp(prefix=f".manim-{name}-", suffix=TEMP_SUFFIX, dir=base))
    try:
        with tempconfig(render_config(quality, media, name)), tex_cache.shared(media / "Tex"):
            rendered_scene = cls(data=data, short=short, **scene_kwargs)
            rendered_scene.render()
            rendered = Path(rendered_scene.renderer.file_writer.movie_file_path)
            frame = rendered_scene.renderer.get_frame()
        frames = stage_frames(rendered_scene, frame, name)
        publish(rendered, movie)
        with atomic_path(poster) as staged:
            png(frames[poster_still(rendered_scene)], staged)
        if stills is not None:
            with atomic_dir(stills) as folder:
                for file, pixels in frames.items():
                    png(pixels, folder / file)
        record = pauses_json(rendered_scene, movie.name)
        if pauses is not None:
            atomic_write(pauses, record.encode())
        if snippet is not None:
            text = snippet_text(name, scenario, json.loads(record))
            atomic_write(snippet, text.encode())
    finally:
        if not keep_media:
            shutil.rmtree(media, ignore_errors=True)
    return rendered_scene


LAST_FRAME = "00-last-frame.png"  # the one still of an animation that marks no stage


def stage_frames(scene, last: np.ndarray, name: str) -> dict[str, np.ndarray]:
    """Still file name -> frame (pixels) of each stage ``scene`` marked, in order; the
    last frame ``last`` alone (and a warning line naming the animation) when it marked
    none. Names each pause point's ``still`` and ``frame`` (its index in the movie)."""
    if not scene.pause_points:
        print(
            f"l2geom: warning: animation {name} marks no pause points; "
            f"its last frame is its only still ({LAST_FRAME})",
            file=sys.stderr,
        )
        return {LAST_FRAME: last}
    fps = float(scene.camera.frame_rate)
    frames = {}
    for pause, pixels in zip(scene.pause_points, scene.stills):
        pause["still"] = still_name(pause["stage"], pause["label"])
        pause["frame"] = int(round(pause["time"] * fps)) - 1  # the last one before `time`
        frames[pause["still"]] = pixels
    return frames


def poster_still(scene) -> str:
    """The still file of the poster: the stage the scene names (``POSTER``) if it marked
    it, else the last stage marked (the last frame when none)."""
    marked = {p["label"]: still_name(p["stage"], p["label"]) for p in scene.pause_points}
    if not marked:
        return LAST_FRAME
    chosen = scene.POSTER if scene.POSTER in marked else scene.pause_points[-1]["label"]
    return marked[chosen]


def png(pixels: np.ndarray, path: Path) -> None:
    """A frame as an RGB PNG (PIL's encoder: the same pixels give the same bytes)."""
    Image.fromarray(np.asarray(pixels)).convert("RGB").save(path, format="PNG")


def pauses_json(scene, movie: str) -> str:
    """The pause points of a rendered scene: ``{"movie", "duration", "fps", "pauses":
    [{"time", "label", "description", "stage", "still", "frame"}, ...], "stills",
    "poster"}``, times in seconds from the start, in the order they occur; ``stage`` is the
    stage's 1-based index in the scene's STAGES, ``still`` its PNG in the stills folder
    (named after the movie, without .mp4), ``frame`` the index in the movie of the frame
    that still is; ``stills`` lists the folder's files, ``poster`` the label of the stage
    the poster shows (null: the last frame). And ``"tables"`` when the scene recorded any
    (:meth:`DataScene.record`: name -> [[time, value], ...], for a player that seeks by the
    value shown)."""
    marked = [{**p, "still": still_name(p["stage"], p["label"])} for p in scene.pause_points]
    poster = poster_still(scene)
    record = {
        "movie": movie,
        "duration": round(float(scene.renderer.time), 3),
        "fps": float(scene.camera.frame_rate),
        "pauses": marked,
        "stills": [p["still"] for p in marked] or [LAST_FRAME],
        "poster": next((p["label"] for p in marked if p["still"] == poster), None),
    }
    tables = getattr(scene, "tables", None)
    if tables:
        record["tables"] = tables
    return json.dumps(record, indent=1, ensure_ascii=False) + "\n"
