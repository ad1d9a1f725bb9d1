"""Adapter for every compute rule: read inputs and params, call l2geom.compute, save."""

from pathlib import Path

import numpy as np

from l2geom import compute, store
from l2geom.jobs import load_quadratic, log_to
from l2geom.scenario import quadratic_from_source

sm = snakemake  # noqa: F821 (provided by Snakemake)
log = log_to(sm.log[0])
params = dict(sm.params.items())

if sm.rule == "quadratic":
    quad = quadratic_from_source(sm.wildcards.scenario, params["source"], Path.cwd())
    arrays = compute.quadratic_data(quad)
else:
    quad = load_quadratic(sm.input.quadratic)
    if sm.rule == "descent":
        arrays = compute.descent_data(quad, np.array(params["start"]), params["step_size"],
                                      params["steps"], params["lambdas"])
    elif sm.rule == "ridge_path":
        arrays = compute.ridge_path_data(quad, params["num"])
    elif sm.rule == "rescale":
        arrays = compute.rescale_data(quad, params["lam"])
    elif sm.rule == "tangency":
        arrays = compute.tangency_data(quad, params["lambdas"])
    elif sm.rule == "landscape":
        arrays = compute.landscape_data(quad, np.array(params["start"]), params["step_size"],
                                        params["steps"])
    else:
        raise ValueError(f"compute_data.py does not handle rule {sm.rule!r}")

store.save(sm.output[0], arrays, store.provenance({"rule": sm.rule, **params}))
log.info("wrote %s (%s)", sm.output[0], ", ".join(sorted(arrays)))
