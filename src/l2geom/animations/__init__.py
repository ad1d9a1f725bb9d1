"""Manim scenes of the lecture, one per teaching idea, drawn from the data files.

``render(name, data, movie, poster, quality)`` renders one of ``SCENES``; see
:mod:`l2geom.animations.render`. Importing this package imports Manim.
"""

from l2geom.animations.render import QUALITY, SCENES, render

__all__ = ["QUALITY", "SCENES", "render"]
