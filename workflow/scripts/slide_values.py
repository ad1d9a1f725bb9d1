"""Adapter for the rule slide_values: every number of the deck's prose, as values.tex."""

from l2geom import datafile
from l2geom.atomic import atomic_write
from l2geom.pipeline.jobs import job_log
from l2geom.slides import values as deck_values

sm = snakemake  # noqa: F821 (provided by Snakemake)
log = job_log(sm)
data = {name: datafile.load(path) for name, path in sm.input.items()}
values = deck_values.course_values(
    data["quadratic"],
    data["descent_decay"],
    data["descent_pull"],
    data["rescale"],
    sm.params.lambdas,
    sm.params.source,
)
values.update(deck_values.optimizer_values(data["adaptive"], data["early_stopping"]))
values.update(
    deck_values.goodfellow_values(data["goodfellow_quadratic"], data["goodfellow_rescale"])
)
values.update(deck_values.scenario_values(sm.params.scenarios))
text = deck_values.values_tex(values)
atomic_write(sm.output[0], text.encode())
log.info("wrote %s (%d lines)", sm.output[0], text.count("\n"))
