"""The package's error for bad input, importable without the heavy checking code."""


class ConfigError(ValueError):
    """A config problem, stated in one line that names the offending key."""
