"""The base of every l2geom scene: its data files, its pacing, and cheap redraws."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import DEFAULT_WAIT_TIME, Animation, Scene
from manim.camera.camera import Camera
from manim.renderer.cairo_renderer import CairoRenderer

from l2geom import datafile
from l2geom.catalogue import ANIMATIONS, AnimationSpec

from .encoding import ConvertOnceFileWriter
from .style import PALETTE

#: Environment variables read when a scene runs under the plain ``manim`` CLI.
DATA_ENV = "L2GEOM_DATA"  # folder with the scenario's data files (results/data/<scenario>)
SHORT_ENV = "L2GEOM_SHORT"  # "1": shortened render (tests, quick looks)
LAMBDAS_ENV = "L2GEOM_LAMBDAS"  # comma-separated λ values for decay_trajectories


def load_folder(folder: str | Path, files: Mapping[str, str]) -> dict[str, dict[str, np.ndarray]]:
    """The data files of one scenario folder, by role: ``files`` maps role -> file stem."""
    folder = Path(folder)
    return {role: datafile.load(folder / f"{stem}.npz") for role, stem in files.items()}


@dataclass(frozen=True)
class Stage:
    """A stage of a scene: its label (a few words, shown where the video pauses) and a
    one-line description of what it shows, for a reader who cannot watch it."""

    label: str
    description: str


def find_spec(cls: type) -> AnimationSpec | None:
    """The catalogue's spec of a scene class (or of the scene it derives from), if any."""
    for klass in cls.__mro__:
        for spec in ANIMATIONS.values():
            if (klass.__module__, klass.__name__) == (spec.module, spec.scene):
                return spec
    return None


def animation_spec(cls: type) -> AnimationSpec:
    """The catalogue's spec of a scene class; ValueError if it is none of the catalogue's."""
    spec = find_spec(cls)
    if spec is None:
        raise ValueError(f"{cls.__name__} is not an animation of l2geom.catalogue")
    return spec


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


class DataScene(Scene):
    """A scene drawn from data files; the base of every l2geom animation.

    ``data`` maps a data-file role (a key of the catalogue spec's ``reads``, which names
    its file) to its arrays. When it is None (the plain ``manim`` CLI), the files are read from the folder named by the
    environment variable ``L2GEOM_DATA``. ``short`` compresses every run time and
    pause by ``SHORT_TEMPO`` (for tests).
    """

    SHORT_TEMPO = 0.2
    #: The scene's stages, in order: each :meth:`mark` ends the next one (a short render
    #: may skip some). Their labels and descriptions go into the pause points (JSON),
    #: which the HTML deck, the report and the handout read.
    STAGES: tuple[Stage, ...] = ()
    #: The label of the stage whose last frame is the poster: the most telling picture,
    #: what a PDF viewer that cannot play the video shows and the HTML deck before play.
    #: None: the last stage marked (the last frame when no stage is).
    POSTER: str | None = None

    def __init__(
        self,
        data: Mapping[str, Mapping[str, np.ndarray]] | None = None,
        short: bool | None = None,
        **kwargs,
    ) -> None:
        if data is None:
            folder = os.environ.get(DATA_ENV)
            if not folder:
                raise RuntimeError(
                    f"{type(self).__name__} needs its data: set {DATA_ENV} to a folder "
                    "such as results/data/course (see docs/usage.md)"
                )
            data = load_folder(folder, animation_spec(type(self)).reads)
        spec = find_spec(type(self))
        missing = [name for name in (spec.reads if spec else {}) if name not in data]
        if missing:
            raise ValueError(f"{type(self).__name__} is missing data files: {missing}")
        self.data = {name: dict(arrays) for name, arrays in data.items()}
        self.short = env_flag(SHORT_ENV) if short is None else bool(short)
        self.tempo = self.SHORT_TEMPO if self.short else 1.0
        self.pause_points: list[dict] = []
        #: The frame shown at each pause point (RGBA, the camera's pixels as they went
        #: into the video), in the order of ``pause_points``.
        self.stills: list[np.ndarray] = []
        #: Quantities the scene shows, by name: per frame where one changes, [time, value]
        #: (see :meth:`record`); they go into the pause points JSON as ``tables``.
        self.tables: dict[str, list[list[float]]] = {}
        kwargs.setdefault(
            "renderer",
            CairoRenderer(
                file_writer_class=ConvertOnceFileWriter, camera_class=ClearFillSkippingCamera
            ),
        )
        super().__init__(**kwargs)

    def setup(self) -> None:
        camera = self.camera
        assert isinstance(camera, Camera)  # the Cairo renderer's (see __init__)
        camera.background_color = PALETTE["background"]

    def t(self, seconds: float) -> float:
        """A run time, compressed in short renders."""
        return seconds * self.tempo

    def pause(self, duration: float = DEFAULT_WAIT_TIME) -> None:
        """A pause where the lecturer would let the picture sink in (Manim's signature;
        not a frozen frame: updaters run, and the time is compressed in short renders)."""
        self.wait(self.t(duration))

    def mark(self, label: str) -> None:
        """A pause point: the end of the stage ``label``, where a lecturer would stop the
        video; ValueError unless it is a declared stage after the last one marked."""
        labels = [stage.label for stage in self.STAGES]
        done = [p["label"] for p in self.pause_points]
        later = labels[labels.index(done[-1]) + 1 :] if done else labels
        if label not in later:
            raise ValueError(
                f"{type(self).__name__}: stage {label!r} is not declared after "
                f"{done[-1] if done else 'the start'!r} in STAGES {labels}"
            )
        stage = self.STAGES[labels.index(label)]
        self.pause_points.append(
            {
                "time": round(float(self.renderer.time), 3),
                "label": label,
                "description": stage.description,
                "stage": labels.index(label) + 1,
            }
        )
        # The last frame written to the video (the one before ``time``): the camera's
        # pixels, unchanged since the renderer handed them to the encoder.
        camera = self.camera
        assert isinstance(camera, Camera)  # the Cairo renderer's (see __init__)
        self.stills.append(np.array(camera.pixel_array, copy=True))

    def record(self, name: str, value: float) -> None:
        """Note that the frame being drawn shows ``value`` of the quantity ``name`` (call it
        from an updater, which runs once per frame before the frame is written): the row
        [time of the frame in the video (s), value], kept when the value differs from the
        last one kept (beyond rounding). The HTML deck seeks a video by such a table."""
        rows = self.tables.setdefault(name, [])
        time, value = round(float(self.renderer.time), 4), float(value)
        if rows and rows[-1][0] == time:  # the same frame updated again: its last value
            rows.pop()
        if not rows or abs(rows[-1][1] - value) > 1e-12 * abs(value):
            rows.append([time, value])

    def ungroup(self, *groups) -> None:
        """Replace ``groups`` in the scene by their pieces (in order, in front): a frame
        then redraws only the pieces that move (get_moving_mobjects brings a whole
        top-level mobject to the front when any part of it moves). For groups that served
        layout and an entrance; animate their pieces afterwards, not the groups."""
        self.remove(*groups)
        self.add(*[piece for group in groups for piece in group])

    def get_moving_mobjects(self, *animations: Animation) -> list:
        """Bring what moves in this play to the front, so that only it is redrawn per frame.

        Manim redraws every mobject from the first moving one to the end of the scene's
        list, and draws the rest once into a static background. Moving the animated and
        updater-driven mobjects to the end keeps that background as large as it can be;
        the scene's drawing order changes in the same way, so no frame differs from what
        a full redraw of the reordered scene would give.
        """
        animated = {member for mob in _animated_mobjects(animations) for member in mob.get_family()}
        movers = [
            mob
            for mob in self.mobjects
            if any(m in animated or m.updaters for m in mob.get_family())
        ]
        if movers:
            self.bring_to_front(*movers)
        return super().get_moving_mobjects(*animations)


class ClearFillSkippingCamera(Camera):
    """Manim's camera, except that it does not fill a path whose fill is fully transparent
    (a line, a curve): cairo draws nothing there, at a cost (3.7 s of the 1080p
    rotate_rescale's 90 CPU seconds, profiled). The same frames."""

    def apply_fill(self, ctx, vmobject):
        if not self.get_fill_rgbas(vmobject)[:, 3].any():
            return self
        return super().apply_fill(ctx, vmobject)


def _animated_mobjects(animations) -> list:
    """The mobjects of ``animations``, including those inside animation groups."""
    found = []
    for anim in animations:
        found.append(anim.mobject)
        found.extend(_animated_mobjects(getattr(anim, "animations", [])))
    return found
