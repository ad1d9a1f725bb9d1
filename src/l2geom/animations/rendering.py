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
import tempfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
from manim import tempconfig
from PIL import Image

from l2geom.animations import tex_cache
from l2geom.animations.scene import DataScene, animation_spec, find_spec, load_folder
from l2geom.animations.style import PALETTE
from l2geom.atomic import TEMP_SUFFIX, atomic_path, atomic_write, publish
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
    **scene_kwargs,
):
    """Render ``scene`` (an animation's name, or a scene class) to ``movie`` (H.264 MP4),
    its final frame to ``poster`` (PNG) and, if ``pauses`` is given, its pause points to
    that JSON file (see :func:`pauses_json`).

    ``data`` is a scenario data folder or a mapping of data-file name to arrays;
    ``workdir`` holds the temporary media folder (default: next to ``movie``, so the
    final ``os.replace`` stays on one file system). Returns the rendered scene, whose
    mobjects tests can inspect.
    """
    cls = scene_class(scene) if isinstance(scene, str) else scene
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
        publish(rendered, movie)
        with atomic_path(poster) as staged:
            Image.fromarray(np.asarray(frame)).convert("RGB").save(staged, format="PNG")
        if pauses is not None:
            atomic_write(pauses, pauses_json(rendered_scene, movie.name).encode())
    finally:
        if not keep_media:
            shutil.rmtree(media, ignore_errors=True)
    return rendered_scene


def pauses_json(scene, movie: str) -> str:
    """The pause points of a rendered scene: ``{"movie", "duration", "fps", "pauses":
    [{"time", "label", "description"}, ...]}``, times in seconds from the start, in the
    order they occur; and ``"tables"`` when the scene recorded any (:meth:`DataScene.record`:
    name -> [[time, value], ...], for a player that seeks by the value shown)."""
    record = {
        "movie": movie,
        "duration": round(float(scene.renderer.time), 3),
        "fps": float(scene.camera.frame_rate),
        "pauses": scene.pause_points,
    }
    tables = getattr(scene, "tables", None)
    if tables:
        record["tables"] = tables
    return json.dumps(record, indent=1, ensure_ascii=False) + "\n"
