"""Adapter for the rule slide_colors: the palette and the prose's colour words, as colors.tex."""

from l2geom.build import store
from l2geom.build.jobs import log_to
from l2geom.slides import values as deck_values

sm = snakemake  # noqa: F821 (provided by Snakemake)
log = log_to(sm.log[0])
text = deck_values.colors_tex(sm.params.words)
store.atomic_write_bytes(sm.output[0], text.encode())
log.info("wrote %s (%d lines)", sm.output[0], text.count("\n"))
