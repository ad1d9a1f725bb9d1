"""How a number is printed, the same in figures, videos and slides.

Two rules: a value the lecturer typed (λ, α, n, ...) prints exactly as typed
(:func:`exact`); a computed value prints rounded to the decimals of its kind
(:func:`number` with the constants below), so θ̂ reads the same on a slide, in a
figure's label and in a video.
"""

from __future__ import annotations

import numpy as np

# Decimals printed per kind of computed number ("rounded sensibly" for a slide).
COORDINATE = 2  # components of θ̂, θ̂_ridge, Qᵀθ̂ and its rescaled components
EIGENVALUE = 1  # eigenvalues σᵢ of H
FACTOR = 2  # shrink factors σᵢ/(σᵢ + λ)


def _finite(x: float) -> float:
    x = float(x)
    if not np.isfinite(x):
        raise ValueError(f"cannot print the non-finite number {x}")
    return x


def number(x: float, decimals: int, whole: bool = True) -> str:
    """``x`` rounded to ``decimals`` places; with ``whole``, whole numbers print without
    decimals. ``number(117.807, 1) == "117.8"``, ``number(8.0, 1) == "8"``,
    ``number(2.0, 2, whole=False) == "2.00"``, ``number(-0.001, 2) == "0.00"``.
    """
    x = _finite(x)
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    if whole and x == round(x) and abs(x) < 1e15:
        return str(int(round(x)))
    text = f"{x:.{decimals}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text


def exact(x: float) -> str:
    """A config value (λ, α, n, ...) exactly as typed: shortest round-trip form, no exponent."""
    return np.format_float_positional(_finite(x), trim="-")


def without_noise(x: float) -> float:
    """``x``, computed from typed values (αλ, 1 − αλ), without the float noise of the
    arithmetic: 12 significant digits, so that :func:`exact` prints 0.3 for 0.1 · 3, not
    0.30000000000000004."""
    return float(f"{_finite(x):.12g}")


def vector(v: np.ndarray, decimals: int = COORDINATE, exact_zeros: bool = False) -> str:
    """A vector as LaTeX math: ``(0.17,\\ 3.20)^\\top``; with ``exact_zeros`` a component
    that is exactly 0 (what soft thresholding makes) prints as ``0``: ``(0,\\ 3.20)^\\top``."""
    return "(" + ",\\ ".join(coordinates(v, decimals, exact_zeros)) + ")^{\\top}"


def coordinates(v: np.ndarray, decimals: int = COORDINATE, exact_zeros: bool = False) -> list[str]:
    """Each component of ``v`` as :func:`vector` prints it."""
    v = np.asarray(v, dtype=float).ravel()
    return ["0" if exact_zeros and c == 0 else number(c, decimals, whole=False) for c in v]
