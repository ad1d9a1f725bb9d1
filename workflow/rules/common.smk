# Validation of the config before any job runs, and the small helpers the rules share.
import sys
from pathlib import Path

from l2geom import catalogue
from l2geom import report as review
from l2geom.atomic import atomic_write
from l2geom.catalogue import ANIMATION_FILES, FIGURE_FAMILIES, data_files
from l2geom.config.check import checked_plan
from l2geom.config.yamlfile import read_config
from l2geom.errors import ConfigError, report_lines
from l2geom.pipeline.code import animation_digests, stage_digests
from l2geom.pipeline.programs import missing_tools

# Outputs go to the working directory (--directory, or where snakemake runs); l2geom's
# own files (deck sources, schema, default config, the HTML player) are found beside this
# workflow, so it builds from anywhere and as a module of another workflow.
DATA = Path("results/data")
LOGS = Path("results/logs")
BENCH = Path("results/benchmarks")
L2GEOM = Path(workflow.current_basedir).parents[1]

# The config is read here, strictly (l2geom.config.yamlfile: YAML 1.2 numbers, no
# duplicate keys, bounded size), from the --configfile files: a lecturer's own config is
# all of it, and --config key=value applies on top. Without one: the config a module's
# `config:` hands over, else config/config.yaml of the working directory, else l2geom's.
DEFAULT_CONFIG_FILE = "config/config.yaml"


def _raw_config():
    files = list(workflow.config_settings.configfiles)
    if not files and "scenarios" in config:
        return config
    if not files:
        default = Path(DEFAULT_CONFIG_FILE)
        files = [default if default.exists() else L2GEOM / DEFAULT_CONFIG_FILE]
    return read_config(files, workflow.config_settings.config)


def _checked_config():
    """Config with schema defaults, plus each scenario's plan; on errors, one line each
    (and their count) and exit."""
    try:
        return checked_plan(
            _raw_config(),
            L2GEOM / "workflow" / "schemas" / "config.schema.yaml",
            Path.cwd(),
        )
    except ConfigError as err:
        print(*report_lines(err), sep="\n", file=sys.stderr)
        sys.exit(1)


CONFIG, SCENARIOS = _checked_config()
# deck name -> its source, the scenario of each part, handout, theme (l2geom.config.deck)
DECKS = CONFIG["decks"]
if not DECKS:
    print(
        "l2geom: the config names no decks: building everything but decks",
        file=sys.stderr,
    )

_missing = missing_tools(animations=any(s.animations for s in SCENARIOS.values()))
if _missing:
    print(f"l2geom: {_missing}", file=sys.stderr)
    sys.exit(1)


wildcard_constraints:
    scenario="|".join(sorted(SCENARIOS)),
    deck="|".join(sorted(DECKS)) or "(?!)",


def spec(wildcards):
    """The validated config of the job's scenario."""
    return CONFIG["scenarios"][wildcards.scenario]


def job_params(params):
    """Snakemake params of a spec's ``params`` (name -> function of the scenario's plan).
    Each lambda binds its getter now: these are made in loops (l2geom.catalogue)."""
    return {
        name: (lambda w, get=get: get(SCENARIOS[w.scenario]))
        for name, get in params.items()
    }


def data_file(name):
    """Path pattern of one data file of a scenario."""
    return str(DATA / "{scenario}" / f"{name}.npz")


def data_targets():
    return [
        data_file(n).format(scenario=s)
        for s, scenario in SCENARIOS.items()
        for n in data_files(scenario.dim, scenario.figures, scenario.animations)
    ]


def data_inputs(reads):
    """Input files of a job reading ``reads`` (argument name -> data file)."""
    return {arg: data_file(name) for arg, name in reads.items()}


def csv_input(wildcards):
    """The scenario's CSV file when its data come from one (so edits to it rerun jobs)."""
    source = spec(wildcards)["source"]
    return [source["csv"]["path"]] if "csv" in source else []


# What one job asks a cluster for (profiles/slurm); measured in
# results/benchmarks/: compute jobs < 1 s and < 50 MB, figures 2-6 s and ~100 MB,
# production renders 2-5 min and ~700 MB (Manim and ffmpeg side by side), the deck ~5 s.
SMALL_JOB = dict(mem_mb=512, runtime=5, cpus_per_task=1)
FIGURE_JOB = dict(mem_mb=1000, runtime=10, cpus_per_task=1)
RENDER_JOB = dict(
    mem_mb=4000,
    runtime=60 if CONFIG["quality"] == "production" else 15,
    cpus_per_task=2,
)
DECK_JOB = dict(mem_mb=2000, runtime=15, cpus_per_task=1)


# Scheduling on few cores: the renders are the longest jobs (benchmarks/RESULTS.md), so
# the data they wait on goes first, then the renders, longest first (each animation's
# priority in l2geom.catalogue); figures fill in.
def data_priority(wildcards):
    """Data of a scenario with animations runs before any figure or render."""
    return 40 if SCENARIOS[wildcards.scenario].animations else 0


# Digest of the package code each stage runs, passed as a param: editing the code
# reruns exactly the jobs that use it (Snakemake's own code trigger sees only scripts).
# An animation's digest covers the shared animation code and its own scene module only.
CODE = stage_digests()
ANIMATION_CODE = animation_digests(catalogue.ANIMATIONS)


# Every rule runs in the project's one environment (for `--sdm conda`; `make` uses .venv).
CONDA_ENV = "../../environment.yml"


# Figures: figures/{scenario}/{name}.pdf (slides) and .png (report, README).
FIGURES = Path("figures")


def figure_file(name, ext):
    return str(FIGURES / "{scenario}" / f"{name}.{ext}")


# The review report's texts, written here from the checked config (l2geom.report): its
# front page, and each figure's and animation's caption with the deck pages showing it
# and, for a video, its stages (facts the caption templates read from Snakemake's config).
REPORT_TEXTS = Path(".snakemake", "l2geom", "report")


def write_text(path, text):
    """``text`` to ``path`` unless it already holds it (parsing writes no file needlessly)."""
    if not path.is_file() or path.read_text() != text:
        atomic_write(path, text.encode())


DECK_SOURCES = L2GEOM / "slides"  # slides/<source>.tex of each deck source
config[review.KEY] = review.facts(
    CONFIG,
    {
        name: (DECK_SOURCES / f"{deck['source']}.tex").read_text()
        for name, deck in DECKS.items()
    },
)
REPORT_PAGE = (REPORT_TEXTS / "front.rst").resolve()
write_text(REPORT_PAGE, review.front_page(CONFIG, Path.cwd()))


def caption(kind, name):
    """The report caption of a figure or animation: its own text (workflow/report/{kind}/
    {name}.rst, or the generic figure.rst or animation.rst), then the deck pages showing
    it and, for an animation, its stages."""
    own = L2GEOM / "workflow" / "report" / kind / f"{name}.rst"
    generic = (
        L2GEOM
        / "workflow"
        / "report"
        / {"figures": "figure.rst", "animations": "animation.rst"}[kind]
    )
    text = (own if own.exists() else generic).read_text()
    path = (REPORT_TEXTS / kind / f"{name}.rst").resolve()
    write_text(path, review.caption(text, name, animation=kind == "animations"))
    return str(path)


def figure_outputs(family):
    """PDF (plain) and PNG (marked for the report) of every figure of ``family``."""
    out = {}
    for name in FIGURE_FAMILIES[family]:
        out[f"{name}_pdf"] = figure_file(name, "pdf")
        out[f"{name}_png"] = report(
            figure_file(name, "png"),
            caption=caption("figures", name),
            category="{scenario}",
            subcategory="Figures",
        )
    return out


def figure_targets():
    return [
        figure_file(name, ext).format(scenario=s)
        for s, scen in SCENARIOS.items()
        for family in scen.figures
        for name in FIGURE_FAMILIES[family]
        for ext in ("pdf", "png")
    ]


# Animations: figures/{scenario}/animations/{name}.{mp4,png,json} (l2geom.catalogue),
# rendered in a fresh media folder under results/manim/{scenario}/.
MANIM_WORK = "results/manim/{scenario}"


def animation_file(name, ext):
    """Path pattern of an animation's movie (mp4), poster (png) or pause points (json)."""
    return str(Path("figures", "{scenario}", "animations", f"{name}.{ext}"))


def animation_stills(name):
    """Path pattern of an animation's folder of stage stills."""
    return str(Path("figures", "{scenario}", "animations", name))


def animation_targets():
    """Every animation's files and stills of every scenario, as listed in its config."""
    return [
        path.format(scenario=s)
        for s, scenario in SCENARIOS.items()
        for name in scenario.animations
        for path in (
            *(animation_file(name, ext) for ext in ANIMATION_FILES),
            animation_stills(name),
        )
    ]


# A deck: what its source's frames show (l2geom.catalogue.DECKS) of the scenarios its
# config entry names; input functions of the rules' {deck} wildcard.
def deck_parts(deck):
    """(part, the part's spec, its scenario) of every part of ``deck``."""
    source = catalogue.DECKS[DECKS[deck]["source"]]
    return [
        (part, needs, DECKS[deck]["scenarios"][part])
        for part, needs in source.parts.items()
    ]


def deck_source(wildcards):
    return DECK_SOURCES / f"{DECKS[wildcards.deck]['source']}.tex"


def deck_theme(wildcards):
    """The lecturer's own theme, when the deck's entry names one."""
    return DECKS[wildcards.deck].get("theme", DECK_SOURCES / "beamerthemel2geom.sty")


def deck_figures(wildcards):
    """The PDFs of the figures the deck shows."""
    return [
        figure_file(name, "pdf").format(scenario=scenario)
        for _, needs, scenario in deck_parts(wildcards.deck)
        for family in needs.figures
        for name in FIGURE_FAMILIES[family]
    ]


def deck_animations(ext):
    """Input function: the movies (``mp4``), posters (``png``), pause points (``json``),
    snippets (``tex``) or stills folders (``None``) of the animations the deck shows."""

    def files(wildcards):
        return [
            (animation_file(name, ext) if ext else animation_stills(name)).format(
                scenario=scenario
            )
            for _, needs, scenario in deck_parts(wildcards.deck)
            for name in needs.animations
        ]

    return files


def deck_data(wildcards):
    """The data files the deck's values read, as ``{part}__{file}``: path."""
    return {
        f"{part}__{name}": data_file(name).format(scenario=scenario)
        for part, needs, scenario in deck_parts(wildcards.deck)
        for name in needs.reads
    }


def deck_scenarios(wildcards):
    """Per part of the deck: its scenario's name and what of it the deck's values print
    (l2geom.catalogue.DeckPart: the λ values of some uses, the config source)."""
    return {
        part: {
            "name": scenario,
            "lambdas": {use: SCENARIOS[scenario].lambdas[use] for use in needs.lambdas},
            **(
                {"source": CONFIG["scenarios"][scenario]["source"]}
                if needs.source
                else {}
            ),
        }
        for part, needs, scenario in deck_parts(wildcards.deck)
    }


def deck_macros(wildcards):
    """Per part of the deck: the source's macro naming its scenario's folder."""
    return {part: needs.macro for part, needs, _ in deck_parts(wildcards.deck)}
