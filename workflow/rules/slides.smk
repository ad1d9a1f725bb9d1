# Slides stage: generated inputs (numbers, colours) and the beamer decks built by latexmk.
# The config's decks section names each deck, its source and the scenarios it shows
# (l2geom.config.deck); every rule here is one per deck, by the {deck} wildcard. Sources
# come from l2geom (DECK_SOURCES), everything made goes to slides/ of the working
# directory (SLIDES).
from l2geom.style import COLOR_WORDS, COLORS

SLIDES = Path("slides")
# Fixed timestamp for pdfTeX (dates are omitted from the PDF as well): same bytes on every build.
SOURCE_DATE_EPOCH = 1767225600


# Called by rule all in the Snakefile (a lambda: helper functions belong in common.smk).
slide_targets = lambda: [
    path.format(deck=deck)
    for deck in DECKS
    for path in (*rules.deck.output, *rules.handout.output, *rules.html_deck.output)
]
# reveal.js, installed by `make setup` (npm ci) from slides/html/package-lock.json
REVEAL = DECK_SOURCES / "html" / "node_modules" / "reveal.js"
# The report's captions (figures/, animations/): the HTML deck's text alternatives too
CAPTIONS = L2GEOM / "workflow" / "report"


# The deck rules exist only when the config names decks.
if DECKS:

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
            unpack(deck_data),
        output:
            SLIDES / "generated" / "{deck}" / "values.tex",
        log:
            LOGS / "slides" / "slide_values_{deck}.log",
        benchmark:
            BENCH / "slides" / "slide_values_{deck}.tsv"
        conda:
            CONDA_ENV
        resources:
            **SMALL_JOB,
        params:
            code=CODE["slides"],
            # the source's values function, and what it is given
            values=lambda w: catalogue.DECKS[DECKS[w.deck]["source"]].values,
            macros=deck_macros,
            scenarios=deck_scenarios,
        script:
            "../scripts/slide_values.py"

    rule deck:
        input:
            tex=deck_source,
            preamble=DECK_SOURCES / "preamble.tex",
            theme=deck_theme,
            values=rules.slide_values.output[0],
            colors=rules.slide_colors.output[0],
            figures=deck_figures,
            posters=deck_animations("png"),
            movies=deck_animations("mp4"),
            snippets=deck_animations("tex"),
        output:
            report(
                str(SLIDES / "build" / "{deck}.pdf"),
                caption="../report/deck.rst",
                category="Slides",
            ),
        log:
            LOGS / "slides" / "deck_{deck}.log",
        benchmark:
            BENCH / "slides" / "deck_{deck}.tsv"
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
            figures=deck_figures,
            snippets=deck_animations("tex"),
            stills=deck_animations(None),
        output:
            report(
                str(SLIDES / "build" / "{deck}-handout.pdf"),
                caption="../report/deck-handout.rst",
                category="Slides",
            ),
        log:
            LOGS / "slides" / "handout_{deck}.log",
        benchmark:
            BENCH / "slides" / "handout_{deck}.tsv"
        conda:
            CONDA_ENV
        resources:
            **DECK_JOB,
        params:
            code=CODE["slides"],
            epoch=SOURCE_DATE_EPOCH,
            per_page=lambda w: DECKS[w.deck]["handout_per_page"],
        script:
            "../scripts/slide_deck.py"

    rule html_deck:
        input:
            pdf=rules.deck.output[0],
            movies=deck_animations("mp4"),
            pauses=deck_animations("json"),
            player=DECK_SOURCES / "html" / "deck.js",
            style=DECK_SOURCES / "html" / "deck.css",
            lock=DECK_SOURCES / "html" / "package-lock.json",
            # the report's captions describe the figure and animation pages' images
            captions=sorted(CAPTIONS.glob("*/*.rst")),
        output:
            # linked from the deck's caption in the report (a pure HTML report cannot
            # include a folder)
            deck=directory(SLIDES / "build" / "html" / "{deck}"),
            # the same folder, to upload: the same bytes on every build
            zip=report(
                SLIDES / "build" / "{deck}-html.zip",
                caption="../report/deck-html.rst",
                category="Slides",
            ),
        log:
            LOGS / "slides" / "html_deck_{deck}.log",
        benchmark:
            BENCH / "slides" / "html_deck_{deck}.tsv"
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
