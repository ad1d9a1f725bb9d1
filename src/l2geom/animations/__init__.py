"""Manim scenes of the lecture, one per teaching idea, drawn from the data files.

``render(name, data, movie, poster, quality)`` renders an animation of the catalogue; see
:mod:`l2geom.animations.rendering`. Importing a scene module imports Manim; this package
itself loads the render entry point only on first use.
"""

__all__ = ["QUALITY", "render", "scene_class"]


def __getattr__(name):
    if name in __all__:
        from l2geom.animations import rendering as _rendering

        return getattr(_rendering, name)
    raise AttributeError(name)
