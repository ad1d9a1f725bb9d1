"""External programs the build calls, checked before any job runs."""

from __future__ import annotations

import shutil

# program -> Debian package that provides it
DECK_TOOLS = {"pdflatex": "texlive-latex-base", "latexmk": "latexmk", "pdftocairo": "poppler-utils"}
ANIMATION_TOOLS = {"latex": "texlive-latex-base", "dvisvgm": "dvisvgm", "ffmpeg": "ffmpeg"}


def missing_tools(animations: bool = True) -> str:
    """'' if every needed program is on PATH, else one line naming them and the install command."""
    needed = {**DECK_TOOLS, **(ANIMATION_TOOLS if animations else {})}
    missing = [tool for tool in needed if shutil.which(tool) is None]
    if not missing:
        return ""
    packages = " ".join(sorted({needed[tool] for tool in missing}))
    return (
        f"missing program(s) {', '.join(missing)}; install with: "
        f"sudo apt-get install -y --no-install-recommends {packages} (or run `make`)"
    )
