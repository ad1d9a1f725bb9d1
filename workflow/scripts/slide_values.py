"""Adapter for the rule slide_values: every number of a deck's prose, as its values.tex."""

from l2geom import datafile
from l2geom.atomic import atomic_write
from l2geom.pipeline.jobs import job_log
from l2geom.slides import values as deck_values

sm = snakemake  # noqa: F821 (provided by Snakemake)
log = job_log(sm)
data: dict[str, dict] = {}
for key, path in sm.input.items():  # "{part}__{file}"
    part, _, name = key.partition("__")
    data.setdefault(part, {})[name] = datafile.load(path)
values = deck_values.deck_values(sm.params.values, sm.params.macros, data, sm.params.scenarios)
text = deck_values.values_tex(values)
atomic_write(sm.output[0], text.encode())
log.info("wrote %s (%d lines)", sm.output[0], text.count("\n"))
