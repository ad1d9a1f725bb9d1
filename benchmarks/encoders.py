"""The encoder table: libx264 presets and CRFs on one animation's frames.

The reference is a lossless render of the animation (x264 at QP 0, yuv420p: the frames
every setting starts from). Each setting re-encodes those frames through PyAV's libx264,
as Manim does, on one thread; its time excludes decoding (a decode-only pass is
subtracted). SSIM (ffmpeg's ssim filter, all planes) compares the result with the
lossless frames. The setting the renders use (rendering.ENCODER_OPTIONS) is encoded
twice: "same bytes" compares the two.

    python benchmarks/encoders.py                        # rotate_rescale, production
    python benchmarks/encoders.py --frames 600 --scene lambda_sweep
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import av

ROOT = Path(__file__).resolve().parents[1]
# (preset, CRF, mbtree): Manim's default (medium, 23, mbtree on) first, then faster presets;
# without mbtree (x264 then gives the same bytes for the same frames: rendering.py)
SETTINGS = [
    ("medium", "23", True),
    ("veryfast", "23", True),
    ("ultrafast", "23", True),
    ("medium", "23", False),
    ("faster", "25", False),
    ("veryfast", "23", False),
    ("veryfast", "25", False),
    ("veryfast", "26", False),
    ("superfast", "25", False),
]
DESCRIPTION = (
    "rotate_rescale, production (1080p60), re-encoded from a lossless render of "
    "its frames through PyAV's libx264 on one thread, in one segment (Manim writes "
    "one per animation, so its files are a little larger). Encode s: encoding "
    "alone (decoding subtracted); SSIM: against the lossless frames; same bytes: "
    "two encodes compared."
)
LOSSLESS = {"preset": "ultrafast", "qp": "0", "threads": "1"}

# Renders scene argv[1] of the data folder argv[2] to argv[3] with the encoder options
# argv[4] (a Python dict literal), in a process of its own.
RENDER = """
import ast, sys
from l2geom.animations import rendering
rendering.ENCODER_OPTIONS = ast.literal_eval(sys.argv[4])
kw = {"lambdas": [5.0, 50.0]} if sys.argv[1] == "decay_trajectories" else {}
rendering.render(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[3] + ".png", quality="production", **kw)
"""


def lossless_render(scene: str, data: Path, out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-c", RENDER, scene, str(data), str(out), repr(LOSSLESS)], check=True
    )
    return out


def transcode(src: Path, dst: Path | None, options: dict[str, str], frames: int | None) -> float:
    """Seconds to decode ``src`` (its first ``frames``) and, with ``dst``, encode it."""
    start = time.perf_counter()
    with av.open(str(src)) as source:
        stream = source.streams.video[0]
        rate = stream.base_rate
        sink = av.open(str(dst), "w") if dst else None
        if sink:
            out = sink.add_stream("libx264", rate=rate, options=options)
            out.width, out.height, out.pix_fmt = stream.width, stream.height, "yuv420p"
        for index, frame in enumerate(source.decode(stream)):
            if frames is not None and index >= frames:
                break
            if sink:
                frame.pts, frame.time_base = index, Fraction(rate.denominator, rate.numerator)
                for packet in out.encode(frame):
                    sink.mux(packet)
        if sink:
            for packet in out.encode():
                sink.mux(packet)
            sink.close()
    return time.perf_counter() - start


def ssim(video: Path, reference: Path, frames: int | None) -> float:
    limit = ["-frames:v", str(frames)] if frames else []
    run = subprocess.run(
        [
            "ffmpeg",
            "-v",
            "info",
            "-nostats",
            "-i",
            str(video),
            "-i",
            str(reference),
            "-lavfi",
            "ssim",
            *limit,
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(re.findall(r"All:([0-9.]+)", run.stderr)[-1])


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def options(preset: str, crf: str, mbtree: bool) -> dict[str, str]:
    return {
        "preset": preset,
        "crf": crf,
        "threads": "1",
        **({} if mbtree else {"x264-params": "mbtree=0"}),
    }


def table(
    reference: Path, work: Path, frames: int | None, settings: list[tuple[str, str, bool]]
) -> list[str]:
    from l2geom.animations.rendering import ENCODER_OPTIONS

    decode = min(transcode(reference, None, {}, frames) for _ in range(2))
    lines = [
        "| preset | CRF | mbtree | encode s | size MB | SSIM | same bytes |",
        "|---|---|---|---|---|---|---|",
    ]
    for preset, crf, mbtree in settings:
        chosen = options(preset, crf, mbtree)
        first = work / f"{preset}-{crf}-{mbtree}.mp4"
        seconds = transcode(reference, first, chosen, frames) - decode
        same = ""
        if chosen == ENCODER_OPTIONS:  # the renders' setting
            transcode(reference, second := work / "again.mp4", chosen, frames)
            same = "yes (the renders' setting)" if sha(first) == sha(second) else "NO"
        lines.append(
            f"| {preset} | {crf} | {'on' if mbtree else 'off'} | {seconds:.1f} | "
            f"{first.stat().st_size / 1e6:.2f} | {ssim(first, reference, frames):.4f} | {same} |"
        )
        print(lines[-1], flush=True)
    return lines


def main(argv: list[str] | None = None) -> list[str]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scene", default="rotate_rescale")
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="data folder (default: results/data/course of a fresh build)",
    )
    parser.add_argument("--frames", type=int, default=None, help="only the first N frames")
    parser.add_argument("--work", type=Path, default=None, help="keep the videos here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="l2geom-encoders-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        data = args.data or ROOT / "results/data/course"
        reference = work / f"{args.scene}-lossless.mp4"
        if not reference.exists():
            lossless_render(args.scene, data, reference)
        lines = table(reference, work, args.frames, SETTINGS)
    return lines


if __name__ == "__main__":
    print("\n".join(main()))
