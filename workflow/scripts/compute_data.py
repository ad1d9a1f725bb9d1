"""Adapter for every compute rule: read inputs and params, call l2geom.compute, save."""

from pathlib import Path

from l2geom.build import store
from l2geom.build.jobs import load_quadratic, log_to
from l2geom.config.scenario import quadratic_from_source
from l2geom.core import compute

sm = snakemake  # noqa: F821 (provided by Snakemake)
log = log_to(sm.log[0])
params = dict(sm.params.items())
kwargs = {k: v for k, v in params.items() if k not in ("code", "contents", "source")}

if params["contents"] == "quadratic":
    quad = quadratic_from_source(sm.wildcards.scenario, params["source"], Path.cwd())
    arrays = compute.quadratic_data(quad)
else:
    arrays = compute.CONTENTS[params["contents"]](load_quadratic(sm.input.quadratic), **kwargs)

store.save(sm.output[0], arrays, store.provenance(params))
log.info("wrote %s (%s)", sm.output[0], ", ".join(sorted(arrays)))
