"""Adapter for rule animation: join the rendered parts into the movie and its poster."""

from l2geom.animations.joining import join_parts
from l2geom.jobs import log_to

sm = snakemake  # noqa: F821 (provided by Snakemake)
log = log_to(sm.log[0])
join_parts(list(sm.input), sm.output.mp4, sm.output.png)
log.info("joined %d parts into %s and %s", len(sm.input), sm.output.mp4, sm.output.png)
