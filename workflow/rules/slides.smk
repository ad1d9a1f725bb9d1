# Slides stage: generated inputs (numbers, colours) and the beamer deck built by latexmk.
from l2geom.style import COLOR_WORDS, COLORS

SLIDES = Path("slides")
# The deck tells the story with the course's own setup; figure 6 comes from the
# axis-aligned Goodfellow scenario.
DECK_SCENARIO = "course"
GOODFELLOW_SCENARIO = "goodfellow"
DECK_FIGURES = {
    DECK_SCENARIO: [
        "gd_vs_weight_decay",
        "pull_depends_on_lambda",
        "eigen_projection",
        "rescale_lambda_zero",
        "rescale_lambda_positive",
        "shrink_factors",
    ],
    GOODFELLOW_SCENARIO: ["goodfellow_flat", "goodfellow_steep"],
}
DECK_ANIMATIONS = ["rotate_rescale", "decay_trajectories", "lambda_sweep"]
# Fixed timestamp for pdfTeX (dates are omitted from the PDF as well): same bytes on every build.
SOURCE_DATE_EPOCH = 1767225600

# Inputs of the deck: the PDFs of the figures stage (its rules figure_<family>, outputs
# <name>_pdf), the videos and posters of the animations stage (rules animation_<name>,
# outputs mp4, png).
FIGURE_FAMILY = {name: fam for fam, names in FAMILY_FIGURES.items() for name in names}
DECK_FIGURE_FILES = [
    expand(
        getattr(rules, f"figure_{FIGURE_FAMILY[name]}").output[f"{name}_pdf"],
        scenario=s,
    )[0]
    for s, names in DECK_FIGURES.items()
    for name in names
]
DECK_POSTERS = [
    expand(getattr(rules, f"animation_{name}").output.png, scenario=DECK_SCENARIO)[0]
    for name in DECK_ANIMATIONS
]
DECK_MOVIES = [
    expand(getattr(rules, f"animation_{name}").output.mp4, scenario=DECK_SCENARIO)[0]
    for name in DECK_ANIMATIONS
]

# Called by rule all in the Snakefile (a lambda: helper functions belong in common.smk).
# A config without the deck's scenarios (e.g. config/many-scenarios.yaml) builds no deck.
slide_targets = lambda: (
    rules.deck.output if {DECK_SCENARIO, GOODFELLOW_SCENARIO} <= set(SCENARIOS) else []
)


rule slide_colors:
    output:
        SLIDES / "generated" / "colors.tex",
    log:
        LOGS / "slides" / "slide_colors.log",
    benchmark:
        BENCH / "slides" / "slide_colors.tsv"
    conda:
        CONDA_ENV
    resources:
        **SMALL_JOB,
    params:
        code=CODE["slides"],
        colors=COLORS,
        words=COLOR_WORDS,
    script:
        "../scripts/slide_inputs.py"


rule slide_values:
    input:
        quadratic=expand(rules.quadratic.output[0], scenario=DECK_SCENARIO)[0],
        descent_decay=expand(
            rules.descent.output[0], scenario=DECK_SCENARIO, use="decay"
        )[0],
        descent_pull=expand(
            rules.descent.output[0], scenario=DECK_SCENARIO, use="pull"
        )[0],
        rescale=expand(rules.rescale.output[0], scenario=DECK_SCENARIO)[0],
        goodfellow_quadratic=expand(
            rules.quadratic.output[0], scenario=GOODFELLOW_SCENARIO
        )[0],
        goodfellow_rescale=expand(
            rules.rescale.output[0], scenario=GOODFELLOW_SCENARIO
        )[0],
    output:
        SLIDES / "generated" / "values.tex",
    log:
        LOGS / "slides" / "slide_values.log",
    benchmark:
        BENCH / "slides" / "slide_values.tsv"
    conda:
        CONDA_ENV
    resources:
        **SMALL_JOB,
    params:
        code=CODE["slides"],
        lambdas=CONFIG["scenarios"][DECK_SCENARIO]["lambdas"],
        source=CONFIG["scenarios"][DECK_SCENARIO]["source"].get("generate"),
    script:
        "../scripts/slide_inputs.py"


rule deck:
    input:
        tex=SLIDES / "l2-weight-decay.tex",
        preamble=SLIDES / "preamble.tex",
        theme=SLIDES / "beamerthemel2geom.sty",
        values=rules.slide_values.output[0],
        colors=rules.slide_colors.output[0],
        figures=DECK_FIGURE_FILES,
        posters=DECK_POSTERS,
        movies=DECK_MOVIES,
    output:
        report(
            str(SLIDES / "build" / "l2-weight-decay.pdf"),
            caption="../report/deck.rst",
            category="Slides",
        ),
    log:
        LOGS / "slides" / "deck.log",
    benchmark:
        BENCH / "slides" / "deck.tsv"
    conda:
        CONDA_ENV
    resources:
        **DECK_JOB,
    params:
        code=CODE["slides"],
        epoch=SOURCE_DATE_EPOCH,
    script:
        "../scripts/slide_deck.py"
