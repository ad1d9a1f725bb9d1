# Slides stage: generated inputs (numbers, colours) and the beamer deck built by latexmk.
# The config's deck section names the scenarios the deck shows (l2geom.config.deck).
# Sources come from l2geom (SOURCES), everything made goes to slides/ of the working
# directory (SLIDES).
from l2geom.style import COLOR_WORDS, COLORS

SLIDES = Path("slides")
SOURCES = L2GEOM / "slides"
# Fixed timestamp for pdfTeX (dates are omitted from the PDF as well): same bytes on every build.
SOURCE_DATE_EPOCH = 1767225600


# Called by rule all in the Snakefile (a lambda: helper functions belong in common.smk).
# A config without a deck section builds no deck.
slide_targets = lambda: (
    [*rules.deck.output, *rules.handout.output, *rules.html_deck.output] if DECK else []
)
# reveal.js, installed by `make setup` (npm ci) from slides/html/package-lock.json
REVEAL = SOURCES / "html" / "node_modules" / "reveal.js"
# The report's captions (figures/, animations/): the HTML deck's text alternatives too
CAPTIONS = L2GEOM / "workflow" / "report"


# The deck's rules exist only when the config has a deck section.
if DECK:

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
            "../scripts/slide_colors.py"

    rule slide_values:
        input:
            quadratic=data_file("quadratic").format(scenario=DECK["running_example"]),
            descent_decay=data_file("descent_decay").format(
                scenario=DECK["running_example"]
            ),
            descent_pull=data_file("descent_pull").format(
                scenario=DECK["running_example"]
            ),
            rescale=data_file("rescale").format(scenario=DECK["running_example"]),
            adaptive=data_file("adaptive").format(scenario=DECK["running_example"]),
            early_stopping=data_file("early_stopping").format(
                scenario=DECK["running_example"]
            ),
            goodfellow_quadratic=data_file("quadratic").format(
                scenario=DECK["classic_picture"]
            ),
            goodfellow_rescale=data_file("rescale").format(
                scenario=DECK["classic_picture"]
            ),
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
            lambdas=SCENARIOS[DECK["running_example"]].lambdas,
            source=CONFIG["scenarios"][DECK["running_example"]]["source"],
            scenarios={part: DECK[part] for part in catalogue.DECK.shows},
        script:
            "../scripts/slide_values.py"

    rule deck:
        input:
            tex=SOURCES / "l2-weight-decay.tex",
            preamble=SOURCES / "preamble.tex",
            # the lecturer's own theme, when the deck section names one
            theme=DECK.get("theme", SOURCES / "beamerthemel2geom.sty"),
            values=rules.slide_values.output[0],
            colors=rules.slide_colors.output[0],
            figures=deck_figures(),
            posters=deck_animations("png"),
            movies=deck_animations("mp4"),
            snippets=deck_animations("tex"),
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

    # The same source in beamer's handout mode: overlays collapsed, each animation as its
    # stage stills (its snippet's handout side), 1, 2 or 4 slides a page.
    rule handout:
        input:
            tex=rules.deck.input.tex,
            preamble=rules.deck.input.preamble,
            theme=rules.deck.input.theme,
            values=rules.slide_values.output[0],
            colors=rules.slide_colors.output[0],
            figures=deck_figures(),
            snippets=deck_animations("tex"),
            stills=deck_animations(None),
        output:
            report(
                str(SLIDES / "build" / "l2-weight-decay-handout.pdf"),
                caption="../report/deck-handout.rst",
                category="Slides",
            ),
        log:
            LOGS / "slides" / "handout.log",
        benchmark:
            BENCH / "slides" / "handout.tsv"
        conda:
            CONDA_ENV
        resources:
            **DECK_JOB,
        params:
            code=CODE["slides"],
            epoch=SOURCE_DATE_EPOCH,
            per_page=DECK["handout_per_page"],
        script:
            "../scripts/slide_deck.py"

    rule html_deck:
        input:
            pdf=rules.deck.output[0],
            movies=deck_animations("mp4"),
            pauses=deck_animations("json"),
            player=SOURCES / "html" / "deck.js",
            style=SOURCES / "html" / "deck.css",
            lock=SOURCES / "html" / "package-lock.json",
            # the report's captions describe the figure and animation pages' images
            captions=sorted(CAPTIONS.glob("*/*.rst")),
        output:
            # linked from the deck's caption in the report (a pure HTML report cannot
            # include a folder)
            deck=directory(SLIDES / "build" / "html"),
            # the same folder, to upload: the same bytes on every build
            zip=report(
                SLIDES / "build" / "l2-weight-decay-html.zip",
                caption="../report/deck-html.rst",
                category="Slides",
            ),
        log:
            LOGS / "slides" / "html_deck.log",
        benchmark:
            BENCH / "slides" / "html_deck.tsv"
        conda:
            CONDA_ENV
        resources:
            **SMALL_JOB,
        params:
            code=CODE["slides"],
            reveal=REVEAL,
            captions=CAPTIONS,
            epoch=SOURCE_DATE_EPOCH,
        script:
            "../scripts/html_deck.py"
