"""Join movies packet for packet, as Manim joins the movies of a scene's plays.

Free of Manim (only PyAV), so that a join job starts fast.
"""

from __future__ import annotations

import os
import shutil
from importlib.metadata import version
from io import BytesIO
from pathlib import Path
from typing import Sequence

import av


def join(movies: Sequence[str | Path], movie: str | Path) -> None:
    """Join movies into ``movie`` packet for packet, as Manim joins the movies of a
    scene's plays (no re-encoding; written beside ``movie``, then renamed)."""
    movie = Path(movie)
    movie.parent.mkdir(parents=True, exist_ok=True)
    manifest = "".join(f"file 'file:{Path(m).resolve().as_posix()}'\n" for m in movies)
    staged = movie.with_name(f".{movie.name}.tmp")
    with av.open(BytesIO(manifest.encode()), format="concat", options={"safe": "0"}) as source, \
            av.open(str(staged), mode="w", format="mp4") as target:
        target.metadata["comment"] = f"Rendered with Manim Community v{version('manim')}"
        stream = target.add_stream_from_template(template=source.streams.video[0])
        for packet in source.demux(source.streams.video[0]):
            if packet.dts is None:  # the demuxer's flush packet
                continue
            packet.dts = None  # as Manim: libav recomputes it across files
            packet.stream = stream
            target.mux(packet)
    os.replace(staged, movie)


def join_parts(parts: Sequence[str | Path], movie: str | Path, poster: str | Path) -> None:
    """Join the folders written by ``rendering.render_plays``, in order, into ``movie``; the
    last part's poster becomes ``poster``."""
    join([m for part in parts for m in sorted(Path(part).glob("play_*.mp4"))], movie)
    poster = Path(poster)
    staged = poster.with_name(f".{poster.name}.tmp")
    shutil.copyfile(Path(parts[-1]) / "poster.png", staged)
    os.replace(staged, poster)
