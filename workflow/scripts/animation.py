"""Adapter for every animation rule: render the scene named by ``params.scene``."""

import contextlib

from l2geom.build import store
from l2geom.build.jobs import log_to

sm = snakemake  # noqa: F821 (provided by Snakemake)
log = log_to(sm.log[0])
params = dict(sm.params.items())
data = {name: store.load(path) for name, path in sm.input.items()}
extra = {"lambdas": params["lambdas"]} if "lambdas" in params else {}

with open(sm.log[0], "a") as stream, contextlib.redirect_stdout(stream), \
        contextlib.redirect_stderr(stream):
    from l2geom.animations import render

    render(params["scene"], data, sm.output.mp4, sm.output.png, pauses=sm.output.json,
           quality=params["quality"], short=params["short"], workdir=params["workdir"], **extra)
log.info("rendered %s (%s) to %s, %s and %s", params["scene"], params["quality"],
         sm.output.mp4, sm.output.png, sm.output.json)
