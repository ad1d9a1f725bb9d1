"""Adapter for every figure rule: load the data files, draw the family, save PDF + PNG."""

import logging
from pathlib import Path

from l2geom import datafile, figures
from l2geom.pipeline.jobs import job_log

sm = snakemake  # noqa: F821 (provided by Snakemake)
log = job_log(sm)
logging.getLogger("fontTools").setLevel(logging.ERROR)  # "timestamp seems very low" noise
data = {name: datafile.load(path) for name, path in sm.input.items()}
drawn = figures.render(sm.params.family, data, dict(sm.params.items()))
for name, fig in drawn.items():
    paths = [p for p in sm.output if Path(p).stem == name]
    figures.save(fig, paths)
    log.info("wrote %s", ", ".join(paths))
