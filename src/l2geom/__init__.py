"""Geometry of L2 regularization and weight decay: numeric core and renderers."""

__version__ = "0.1.0"
