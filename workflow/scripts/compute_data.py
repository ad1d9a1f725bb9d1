"""Adapter for every compute rule: call the data file's function (params.function) on the
scenario's quadratic and the other params, save with provenance."""

from l2geom import datafile
from l2geom.catalogue import resolve
from l2geom.pipeline.jobs import job_log

sm = snakemake  # noqa: F821 (provided by Snakemake)
log = job_log(sm)
params = dict(sm.params.items())
kwargs = {k: v for k, v in params.items() if k not in ("code", "function")}
if "quad" in sm.input.keys():
    kwargs["quad"] = datafile.load_quadratic(sm.input.quad)
arrays = resolve(params["function"])(**kwargs)
datafile.save(sm.output[0], arrays, datafile.provenance(params))
log.info("wrote %s (%s)", sm.output[0], ", ".join(sorted(arrays)))
