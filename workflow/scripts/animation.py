"""Adapter for every animation rule: render the scene named by ``params.scene``."""

import contextlib

from l2geom import datafile
from l2geom.pipeline.jobs import job_log

sm = snakemake  # noqa: F821 (provided by Snakemake)
log = job_log(sm)
params = dict(sm.params.items())
data = {name: datafile.load(path) for name, path in sm.input.items()}
settings = ("scene", "code", "quality", "short", "workdir", "scenario")
scene_params = {k: v for k, v in params.items() if k not in settings}

with (
    open(sm.log[0], "a") as stream,
    contextlib.redirect_stdout(stream),
    contextlib.redirect_stderr(stream),
):
    from l2geom.animations import render

    scene = render(
        params["scene"],
        data,
        sm.output.mp4,
        sm.output.png,
        pauses=sm.output.json,
        stills=sm.output.stills,
        snippet=sm.output.tex,
        scenario=params["scenario"],
        quality=params["quality"],
        short=params["short"],
        workdir=params["workdir"],
        **scene_params,
    )
log.info(
    "rendered %s (%s) to %s, %s, %s, %s and %s/",
    params["scene"],
    params["quality"],
    sm.output.mp4,
    sm.output.png,
    sm.output.json,
    sm.output.tex,
    sm.output.stills,
)
if not scene.pause_points:
    log.warning(
        "animation %s marks no pause points: its last frame is its only still", params["scene"]
    )
