"""Adapter for the rule html_deck: the HTML deck from the beamer PDF (l2geom.slides.html),
and the same folder as a zip to upload."""

import sys
from pathlib import Path

from l2geom.pipeline.jobs import watch_disk
from l2geom.slides.html import HtmlDeckError, build, write_zip

sm = snakemake  # noqa: F821 (provided by Snakemake)
watch_disk(sm)
try:
    build(
        sm.input.pdf,
        sm.output.deck,
        sm.params.reveal,
        Path(sm.input.player).parent,
        captions=sm.params.captions,
    )
except HtmlDeckError as err:
    sys.exit(f"l2geom html_deck: {err}")
write_zip(sm.output.deck, sm.output.zip, Path(sm.output.zip).stem, sm.params.epoch)
