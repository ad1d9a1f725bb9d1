"""Adapter for rule animation_timeline: time the scene's plays, cut them into parts."""

import contextlib
import json

from l2geom import store
from l2geom.jobs import log_to

sm = snakemake  # noqa: F821 (provided by Snakemake)
log = log_to(sm.log[0])
data = {role: store.load(path) for role, path in sm.input.items()}

with open(sm.log[0], "a") as stream, contextlib.redirect_stdout(stream), \
        contextlib.redirect_stderr(stream):
    from l2geom.animations import split_plays, timeline

    run_times = timeline(sm.wildcards.animation, data, sm.output.tex,
                         short=sm.params.short, **sm.params.options)
    parts = split_plays(run_times, sm.params.parts)
with open(sm.output.parts, "w") as handle:
    json.dump({"run_times": run_times, "parts": parts}, handle)
log.info("%s: %d plays, %.1f s, in parts %s", sm.wildcards.animation, len(run_times),
         sum(run_times), parts)
