"""Adapter for rule animation_part: render part {part} of the animation's plays."""

import contextlib
import json
from pathlib import Path

from l2geom import store
from l2geom.jobs import log_to

sm = snakemake  # noqa: F821 (provided by Snakemake)
log = log_to(sm.log[0])
data = {role: store.load(path) for role, path in sm.input.items() if role not in ("parts", "tex")}
plays = json.loads(Path(sm.input.parts).read_text())["parts"][int(sm.wildcards.part)]
folder = Path(sm.output[0])

with open(sm.log[0], "a") as stream, contextlib.redirect_stdout(stream), \
        contextlib.redirect_stderr(stream):
    from l2geom.animations import render_plays

    render_plays(sm.wildcards.animation, data, folder, tuple(plays), quality=sm.params.quality,
                 short=sm.params.short, workdir=folder.parent, tex=sm.input.tex,
                 **sm.params.options)
log.info("rendered plays %d-%d of %s (%s) to %s", *plays, sm.wildcards.animation,
         sm.params.quality, folder)
