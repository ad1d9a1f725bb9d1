"""Render entry point: one scene, in its own fresh media folder, moved atomically into place.

Quality profiles (config key ``quality``): ``preview`` is 854x480 at 15 fps for
authoring and tests, ``production`` 1920x1080 at 60 fps. Manim's cache is disabled and
every render gets a new media folder (its TeX cache and partial movie files included),
so parallel renders never share files and a render never reuses stale output.

A scene can be rendered in parts that run side by side: :func:`timeline` times its
plays (and compiles its TeX once), :func:`split_plays` cuts them into parts of about
equal length, :func:`render_plays` renders one part, and ``joining.join_parts`` joins
the parts' movies packet for packet. Manim encodes every play as a movie of its own and
joins those, so a scene rendered in parts gives the same bytes as one rendered whole.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
from manim import tempconfig
from PIL import Image

from l2geom.animations.common import PALETTE, load_folder
from l2geom.animations.decay_trajectories import DecayTrajectories
from l2geom.animations.lambda_sweep import LambdaSweep
from l2geom.animations.rotate_rescale import RotateRescale

SCENES = {
    "rotate_rescale": RotateRescale,
    "decay_trajectories": DecayTrajectories,
    "lambda_sweep": LambdaSweep,
}

QUALITY = {
    "preview": {"pixel_width": 854, "pixel_height": 480, "frame_rate": 15},
    "production": {"pixel_width": 1920, "pixel_height": 1080, "frame_rate": 60},
}

# Manim's libx264 settings, on one encoder thread: x264's output depends on its thread
# count, which by default follows the machine's cores, so a pinned count gives the same
# bytes on any machine. It also keeps a render job near the one core Snakemake counts
# for it. Measured on rotate_rescale at 1080p60: 124 s of CPU either way; 89 s wall with
# x264's default threads, 105 s with one (a build runs two renders side by side).
ENCODER_OPTIONS = {"crf": "23", "threads": "1"}


def render_config(quality: str, media_dir: Path, name: str) -> dict:
    """The ``tempconfig`` of one render."""
    if quality not in QUALITY:
        raise ValueError(f"quality must be one of {sorted(QUALITY)}, got {quality!r}")
    return {
        **QUALITY[quality],
        "frame_height": 8.0, "frame_width": 8.0 * 16 / 9,
        "media_dir": str(media_dir), "tex_dir": str(Path(media_dir) / "Tex"),
        "output_file": name, "format": "mp4",
        "write_to_movie": True, "save_last_frame": False, "disable_caching": True,
        "background_color": PALETTE["background"],
        "verbosity": "WARNING", "progress_bar": "none", "preview": False,
        "video_encoder_options": ENCODER_OPTIONS,
    }


def timeline(name: str, data: str | Path | Mapping[str, Mapping[str, np.ndarray]],
             tex: str | Path, short: bool = False, **scene_kwargs) -> list[float]:
    """Run time (s) of every play of scene ``name``, from a pass that renders no frame.

    The pass compiles the scene's TeX into the folder ``tex``, for :func:`render` to reuse.
    """
    cls, data = _scene(name, data)
    tex = Path(tex)
    tex.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".manim-{name}-", dir=tex.parent) as media:
        settings = {**render_config("preview", Path(media), name), "tex_dir": str(tex),
                    "write_to_movie": False, "from_animation_number": sys.maxsize}
        with tempconfig(settings):
            scene = cls(data=data, short=short, **scene_kwargs)
            scene.render()
    return scene.run_times


def split_plays(run_times: Sequence[float], parts: int) -> list[tuple[int, int]]:
    """Cut plays into ``parts`` runs of consecutive plays, (first, last) inclusive, whose
    run times are as equal as play boundaries allow."""
    if not 1 <= parts <= len(run_times):
        raise ValueError(f"cannot cut {len(run_times)} plays into {parts} parts")
    ends = np.cumsum(run_times)
    cuts = [0]
    for k in range(1, parts):
        last = int(np.argmin(np.abs(ends - ends[-1] * k / parts)))
        last = min(max(last, cuts[-1]), len(run_times) - 1 - (parts - k))  # no empty part
        cuts.append(last + 1)
    cuts.append(len(run_times))
    return [(first, end - 1) for first, end in zip(cuts, cuts[1:])]


def render(name: str, data: str | Path | Mapping[str, Mapping[str, np.ndarray]],
           movie: str | Path, poster: str | Path, quality: str = "production",
           short: bool = False, workdir: str | Path | None = None, keep_media: bool = False,
           tex: str | Path | None = None, **scene_kwargs):
    """Render scene ``name`` to ``movie`` (H.264 MP4) and its last frame to ``poster`` (PNG).

    ``data`` is a scenario data folder or a mapping of data-file name to arrays;
    ``workdir`` holds the temporary media folder (default: next to ``movie``, so the
    final ``os.replace`` stays on one file system); ``tex`` is a folder of TeX compiled
    by :func:`timeline`. Returns the rendered scene, whose mobjects tests can inspect.
    """
    movie, poster = Path(movie), Path(poster)
    movie.parent.mkdir(parents=True, exist_ok=True)
    with _rendering(name, data, poster, quality, short, workdir or movie.parent, keep_media,
                    tex, None, scene_kwargs) as (scene, media):
        staged = media / "movie.mp4"
        shutil.move(scene.renderer.file_writer.movie_file_path, staged)
        _replace(staged, movie)
    return scene


def render_plays(name: str, data: str | Path | Mapping[str, Mapping[str, np.ndarray]],
                 folder: str | Path, plays: tuple[int, int], quality: str = "production",
                 short: bool = False, workdir: str | Path | None = None,
                 tex: str | Path | None = None, **scene_kwargs):
    """Render plays ``first`` to ``last`` of scene ``name`` (the others run undrawn) into
    ``folder``: one movie per play, ``play_00000.mp4`` on, and ``poster.png``, the last
    frame. The folder appears whole or not at all."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        with _rendering(name, data, staged / "poster.png", quality, short,
                        workdir or folder.parent, False, tex, plays, scene_kwargs) as (scene, _):
            movies = [m for m in scene.renderer.file_writer.partial_movie_files if m]
            for index, play_movie in zip(range(plays[0], plays[1] + 1), movies, strict=True):
                shutil.move(play_movie, staged / f"play_{index:05d}.mp4")
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(staged, folder)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return scene


@contextmanager
def _rendering(name, data, poster, quality, short, workdir, keep_media, tex, plays,
               scene_kwargs):
    """Render in a fresh media folder under ``workdir``; yield (scene, media folder),
    then write the poster and remove the folder."""
    cls, data = _scene(name, data)
    Path(poster).parent.mkdir(parents=True, exist_ok=True)
    Path(workdir).mkdir(parents=True, exist_ok=True)
    media = Path(tempfile.mkdtemp(prefix=f".manim-{name}-", dir=workdir))
    settings = render_config(quality, media, name)
    if plays is not None:
        settings.update(from_animation_number=plays[0], upto_animation_number=plays[1])
    try:
        if tex is not None:  # a copy: Manim writes into its TeX folder
            shutil.copytree(tex, settings["tex_dir"])
        with tempconfig(settings):
            scene = cls(data=data, short=short, **scene_kwargs)
            scene.render()
            frame = scene.renderer.get_frame()
        staged_png = media / "poster.png"
        Image.fromarray(np.asarray(frame)).convert("RGB").save(staged_png)
        yield scene, media
        # Same folder tree as the outputs: rename is atomic.
        _replace(staged_png, Path(poster))
    finally:
        if not keep_media:
            shutil.rmtree(media, ignore_errors=True)


def _scene(name: str, data) -> tuple[type, Mapping[str, Mapping[str, np.ndarray]]]:
    """The scene class ``name`` and its data (read from a folder when ``data`` is one)."""
    if name not in SCENES:
        raise ValueError(f"unknown animation {name!r}; known: {sorted(SCENES)}")
    cls = SCENES[name]
    return cls, data if isinstance(data, Mapping) else load_folder(data, cls.DATA)


def _replace(src: Path, dst: Path) -> None:
    try:
        os.replace(src, dst)
    except OSError:  # a workdir on another file system: copy next to dst, then rename
        tmp = dst.with_name(f".{dst.name}.tmp")
        shutil.copyfile(src, tmp)
        os.replace(tmp, dst)
