"""The scenes, one module per animation (named as in the catalogue); see
:data:`l2geom.animations.rendering.SCENE_CLASSES`."""
