"""The base of the scenes that sweep λ: a tracker moves over the λ grid of one data file,
and every moving piece reads that file's arrays at the tracker's (fractional) index."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, UP, FadeIn, FadeOut, Mobject, Tex, ValueTracker, smooth

from l2geom.animations.layout import RUNNING_NOTE_GAP, RUNNING_NOTE_SHIFT
from l2geom.animations.sampling import sample
from l2geom.animations.scene import DataScene
from l2geom.animations.style import TEXT_SIZE, tex


class SweepScene(DataScene):
    """A scene whose ``index`` tracker sweeps the λ grid of the data file ``SWEPT``."""

    SWEPT = ""  # the data file (a ``reads`` key of the scene's spec) the tracker indexes

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.index = ValueTracker(0.0)  # the sweep's position on the λ grid

    def at(self, name: str) -> np.ndarray:
        """The swept file's array ``name`` at the tracker's (fractional) grid index."""
        return sample(self.data[self.SWEPT][name], self.index.get_value())

    def sweep_to(self, position: float, seconds: float, note: Tex) -> None:
        """Fade ``note`` (it is about where the sweep starts), then move the tracker to the
        grid ``position``."""
        self.play(FadeOut(note), run_time=self.t(0.5))
        self.play(
            self.index.animate.set_value(float(position)),
            run_time=self.t(seconds),
            rate_func=smooth,
        )

    def say(self, below: Mobject, text: str, hold: float) -> Tex:
        """A note under ``below``, flush with its left edge, held ``hold`` seconds; the note."""
        note = tex(text, size=TEXT_SIZE)
        note.move_to(below.get_bottom() + RUNNING_NOTE_GAP * DOWN, aligned_edge=UP)
        note.set_x(below.get_left()[0], direction=LEFT)
        self.play(FadeIn(note, shift=RUNNING_NOTE_SHIFT * UP), run_time=self.t(0.8))
        self.pause(hold)
        return note
