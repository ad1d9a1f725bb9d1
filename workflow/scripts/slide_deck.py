"""Adapter for the rules deck and handout: latexmk in a private folder, log checks, atomic
PDF; the handout (params.per_page) in beamer's handout mode."""

from pathlib import Path

from l2geom.pipeline.jobs import watch_disk
from l2geom.slides import latex

sm = snakemake  # noqa: F821 (provided by Snakemake)
watch_disk(sm)
# the deck's values and the colours are in the working directory's slides/generated/,
# the sources may not be
latex.compile_deck(
    sm.input.tex,
    sm.output[0],
    sm.params.epoch,
    log=sm.log[0],
    theme=sm.input.theme,
    generated=[Path(sm.input.values).parent, Path(sm.input.colors).parent],
    handout=int(sm.params.per_page) if "per_page" in sm.params.keys() else None,
)
