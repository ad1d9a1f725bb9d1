"""Adapter for the rule html_deck: the HTML deck from the beamer PDF (l2geom.slides.html)."""

import sys
from pathlib import Path

from l2geom.pipeline.jobs import watch_disk
from l2geom.slides.html import HtmlDeckError, build

sm = snakemake  # noqa: F821 (provided by Snakemake)
watch_disk(sm)
try:
    build(sm.input.pdf, sm.output[0], sm.params.reveal, Path(sm.input.player).parent)
except HtmlDeckError as err:
    sys.exit(f"l2geom html_deck: {err}")
