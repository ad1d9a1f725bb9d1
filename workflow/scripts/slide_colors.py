"""Adapter for the rule slide_colors: the palette and the prose's colour words, as colors.tex."""

from l2geom.atomic import atomic_write
from l2geom.pipeline.jobs import job_log
from l2geom.slides import values as deck_values

sm = snakemake  # noqa: F821 (provided by Snakemake)
log = job_log(sm)
text = deck_values.colors_tex(sm.params.words)
atomic_write(sm.output[0], text.encode())
log.info("wrote %s (%d lines)", sm.output[0], text.count("\n"))
