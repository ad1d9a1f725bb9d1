"""The package's error for bad input, importable without the heavy checking code."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# A config with more errors than this is likely not a config of this project: the rest
# would only scroll the first ones away, so they are counted, not shown.
SHOWN_ERRORS = 20


class ConfigError(ValueError):
    """Config problems, each stated in one line that names the offending key; ``lines``
    holds them (a check reports every problem it finds), ``str()`` joins them."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)


def closest(name: object, known: Iterable[str]) -> str | None:
    """The known name closest to ``name`` (difflib's ratio of at least 0.6), or None."""
    close = difflib.get_close_matches(str(name), list(known), n=1)
    return close[0] if close else None


def did_you_mean(name: object, known: Iterable[str]) -> str:
    """``"; did you mean 'lambdas'?"`` for a name close to a known one, else ``""``."""
    close = closest(name, known)
    return f"; did you mean {close!r}?" if close else ""


def report_lines(err: ConfigError, shown: int = SHOWN_ERRORS) -> list[str]:
    """What the workflow prints for ``err``: one line per problem (at most ``shown``),
    then, when there are several, how many there are."""
    lines = [f"l2geom: config error: {line}" for line in err.lines[:shown]]
    if len(err.lines) > 1:
        more = f" ({shown} shown)" if len(err.lines) > shown else ""
        lines.append(f"l2geom: {len(err.lines)} config errors{more}; nothing was built")
    return lines
