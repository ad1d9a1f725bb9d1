"""Adapter for the rules slide_colors and slide_values: write slides/generated/*.tex."""

from l2geom import deck, store
from l2geom.jobs import log_to

sm = snakemake  # noqa: F821 (provided by Snakemake)
log = log_to(sm.log[0])

if sm.rule == "slide_colors":
    text = deck.colors_tex(sm.params.words)
elif sm.rule == "slide_values":
    data = {name: store.load(path) for name, path in sm.input.items()}
    values = deck.course_values(data["quadratic"], data["descent_decay"], data["descent_pull"],
                                data["rescale"], sm.params.lambdas, sm.params.source)
    values.update(deck.goodfellow_values(data["goodfellow_quadratic"], data["goodfellow_rescale"]))
    values.update(deck.scenario_values(sm.params.scenarios))
    text = deck.values_tex(values)
else:
    raise ValueError(f"slide_inputs.py does not handle rule {sm.rule!r}")

store.atomic_write_bytes(sm.output[0], text.encode())
log.info("wrote %s (%d lines)", sm.output[0], text.count("\n"))
