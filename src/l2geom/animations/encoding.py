"""Manim's video segment encoder and file writer, converting each frame to YUV once.

Manim's encoder (manim.scene.video_segment_encoder) wraps every frame it is handed, and
every repeat of it (a still picture is one frame handed with ``repeat=n``), in a new
RGBA frame and lets the codec convert that to YUV: at 1080p an 8 MB allocation, a copy
and a colour conversion, about 9 ms a frame, near what x264 itself spends on it. This
one copies each frame into one reused RGBA frame, converts it once, as the codec would,
and hands the converted frame to the codec ``repeat`` times. The codec gets the same
pixels, so the file has the same bytes. It builds on the encoder's internals in the
pinned Manim (requirements.lock); tests/test_animations.py compares its files with
Manim's own encoder's, so an upgrade that changes them fails there.

Colour: frames are converted to YUV with the BT.601 matrix at limited range, and the
stream says so (matrix, range, and sRGB's BT.709 primaries and transfer, in the H.264
header and the MP4 track). Untagged, players guessed the matrix, and those that take
untagged HD video for BT.709 (Chromium) shifted the palette by up to 18 levels. Why BT.601
and not BT.709: Chromium without a GPU (headless, blocklisted GPUs, remote desktops) turns
YUV into RGB with libyuv, whose limited-range BT.709 table caps the blue coefficient at 2.0
instead of 2.112 ("UB 128 /* max(128, round(2.112 * 64)) */" in its row_common.cc): the
palette's blue channel came out up to 9 levels off there; its BT.601 table is off by 1 at
most (tests/test_video_colour.py, measurements in benchmarks/RESULTS.md). Full-range BT.709
tinted greys (white as #FDFFFD). The file writer writes the final MP4 with its index (moov)
before the media data, so a browser starts playing before the whole file has arrived, even
from a server that does not answer range requests.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from av.video.reformatter import ColorRange, Colorspace, VideoReformatter
from av.video.stream import VideoStream
from manim.scene.scene_file_writer import SceneFileWriter
from manim.scene.video_segment_encoder import VideoSegmentEncoder

#: The colour description of every video, as libavcodec options: the codec writes it into
#: the H.264 stream (VUI), the MP4 muxer into the track (colr). Primaries and transfer are
#: those of sRGB, the frames' RGB (BT.709's); the matrix and range, the conversion's below.
COLOUR_TAGS = {
    "color_primaries": "bt709",
    "color_trc": "bt709",
    "colorspace": "smpte170m",
    "color_range": "tv",
}
#: The RGB -> YUV conversion (swscale) the tags describe: BT.601 matrix, limited (tv, MPEG)
#: range, which is also swscale's default, so the codec's own conversion gives the same.
CONVERSION = {"dst_colorspace": Colorspace.ITU601, "dst_color_range": ColorRange.MPEG}


class ConvertOnceEncoder(VideoSegmentEncoder):
    """A segment encoder that converts a repeated frame once, into a reused buffer, and
    tags the stream with the colours it converted to."""

    def __init__(self, *, target: Path, spec) -> None:
        super().__init__(
            target=target, spec=replace(spec, options=(*spec.options, *COLOUR_TAGS.items()))
        )
        self._rgba = av.VideoFrame(spec.width, spec.height, "rgba")
        plane = self._rgba.planes[0]  # its rows may be padded past width * 4 bytes
        rows = np.frombuffer(memoryview(plane), np.uint8).reshape(spec.height, plane.line_size)
        self._rows = rows[:, : spec.width * 4]
        self._reformatter = VideoReformatter()
        self._time_base = Fraction(spec.frame_rate.denominator, spec.frame_rate.numerator)
        stream = self._stream  # the encoder opened a video stream (typed as any stream)
        assert isinstance(stream, VideoStream)
        self._video = stream

    def write_frame(self, pixels: np.ndarray, *, repeat: int = 1) -> None:
        self._validate_frame(pixels, repeat)
        context = self._video.codec_context
        try:
            self._rows[:] = pixels.reshape(self.spec.height, -1)
            # the conversion the codec makes of a frame in another format (PyAV's
            # VideoCodecContext), made here once, into the colours the stream is tagged with
            frame = self._reformatter.reformat(
                self._rgba,
                context.width,
                context.height,
                # av's stub says str; reformat documents
                # "VideoFormat or str"
                context.format,  # type: ignore[arg-type]
                threads=context.thread_count,
                **CONVERSION,
            )
            frame.time_base = self._time_base
            for _ in range(repeat):
                frame.pts = self._next_pts
                self._next_pts += 1
                for packet in self._video.encode(frame):
                    self._container.mux(packet)
        except BaseException as error:
            raise self._operation_error("encode", error) from error


class ConvertOnceFileWriter(SceneFileWriter):
    """Manim's file writer with :class:`ConvertOnceEncoder` for each partial movie, and
    the final movie written index first."""

    def _create_segment_encoder(self, target: Path) -> VideoSegmentEncoder:
        if self.video_encoder is None:
            raise RuntimeError("Video segment encoding requires resolved settings.")
        return ConvertOnceEncoder(target=target, spec=self.video_encoder)

    def combine_files(
        self,
        input_files: list[str],
        output_file: Path,
        create_gif: bool = False,
        includes_sound: bool = False,
    ) -> None:
        # Manim opens the final file without muxer options: join the partial movies next
        # to it, then copy the packets into it index first.
        if create_gif:
            return super().combine_files(input_files, output_file, create_gif, includes_sound)
        joined = output_file.with_name(f".joined-{output_file.name}")
        super().combine_files(input_files, joined, create_gif, includes_sound)
        index_first(joined, output_file)
        joined.unlink()


def index_first(source: Path, target: Path) -> None:
    """Copy the MP4 ``source`` to ``target`` with its index (moov) first: the same packets,
    streams and comment, muxed with ffmpeg's ``movflags=+faststart``."""
    with (
        av.open(str(source)) as src,
        av.open(str(target), "w", options={"movflags": "+faststart"}) as dst,
    ):
        if "comment" in src.metadata:
            dst.metadata["comment"] = src.metadata["comment"]
        streams = {s.index: dst.add_stream_from_template(s) for s in src.streams}
        for packet in src.demux():
            if packet.dts is None:  # the flushing packets demux ends each stream with
                continue
            packet.stream = streams[packet.stream.index]
            dst.mux(packet)
