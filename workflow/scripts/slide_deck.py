"""Adapter for the rule deck: latexmk in a private folder, log checks, atomic PDF."""

from pathlib import Path

from l2geom.pipeline.jobs import watch_disk
from l2geom.slides import latex

sm = snakemake  # noqa: F821 (provided by Snakemake)
watch_disk(sm)
# generated/ (values, colours) is in the working directory's slides/, the sources may not be
latex.compile_deck(
    sm.input.tex,
    sm.output[0],
    sm.params.epoch,
    log=sm.log[0],
    theme=sm.input.theme,
    generated=Path(sm.input.values).parent.parent,
)
