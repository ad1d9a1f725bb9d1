# Validation of the config before any job runs, and the small helpers the rules share.
import sys
from pathlib import Path

from l2geom.errors import ConfigError
from l2geom.plan import checked_plan
from l2geom.tools import missing_tools

import hashlib

DATA = Path("results/data")
LOGS = Path("results/logs")
BENCH = Path("results/benchmarks")


def _checked_config():
    """Config with schema defaults, plus each scenario's plan; one line and exit on error."""
    try:
        return checked_plan(
            config, workflow.source_path("../schemas/config.schema.yaml"), Path.cwd()
        )
    except ConfigError as err:
        print(f"l2geom: config error: {err}", file=sys.stderr)
        sys.exit(1)


CONFIG, SCENARIOS = _checked_config()

_missing = missing_tools(animations=any(s.animations for s in SCENARIOS.values()))
if _missing:
    print(f"l2geom: {_missing}", file=sys.stderr)
    sys.exit(1)


wildcard_constraints:
    scenario="|".join(sorted(SCENARIOS)),


def spec(wildcards):
    """The validated config of the job's scenario."""
    return CONFIG["scenarios"][wildcards.scenario]


def data_file(name):
    """Path pattern of one data file of a scenario."""
    return str(DATA / "{scenario}" / f"{name}.npz")


DATA_FILES = [
    "quadratic",
    "descent_decay",
    "descent_pull",
    "ridge_path",
    "rescale",
    "tangency_decay",
    "tangency_pull",
    "tangency_rescale",
    "landscape",
]


def data_targets():
    return [data_file(n).format(scenario=s) for s in SCENARIOS for n in DATA_FILES]


def csv_input(wildcards):
    """The scenario's CSV file when its data come from one (so edits to it rerun jobs)."""
    source = spec(wildcards)["source"]
    return [source["csv"]["path"]] if "csv" in source else []


# What one job asks a cluster for (workflow/profiles/slurm); measured in
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
# the data they wait on goes first, then the renders, longest first; figures fill in.
RENDER_PRIORITY = {"lambda_sweep": 30, "rotate_rescale": 20, "decay_trajectories": 10}


def data_priority(wildcards):
    """Data of a scenario with animations runs before any figure or render."""
    return 40 if SCENARIOS[wildcards.scenario].animations else 0


# Digest of the package code each stage runs, passed as a param: editing the code
# reruns exactly the jobs that use it (Snakemake's own code trigger sees only scripts).
SRC = Path(workflow.basedir).parent / "src" / "l2geom"
CORE = [
    "quadratic.py",
    "ridge.py",
    "descent.py",
    "compute.py",
    "scenario.py",
    "datasets.py",
    "store.py",
    "jobs.py",
]


def code_digest(*patterns):
    digest = hashlib.sha256()
    for path in sorted(p for pattern in patterns for p in SRC.glob(pattern)):
        digest.update(path.relative_to(SRC).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


CODE = {
    "compute": code_digest(*CORE),
    "figures": code_digest("figures/*.py", "style.py", "l2geom.mplstyle", "store.py"),
    "animations": code_digest("animations/*.py", "style.py", "store.py"),
    "slides": code_digest("deck.py", "style.py", "store.py"),
}


# Every rule runs in the project's one environment (for `--sdm conda`; `make` uses .venv).
CONDA_ENV = "../../environment.yml"


# Figures: figures/{scenario}/{name}.pdf (slides) and .png (report, README).
FIGURES = Path("figures")
FAMILY_FIGURES = {
    "gd_vs_weight_decay": ["gd_vs_weight_decay"],
    "pull_depends_on_lambda": ["pull_depends_on_lambda"],
    "eigen_projection": ["eigen_projection"],
    "rescale_lambda_zero": ["rescale_lambda_zero"],
    "rescale_lambda_positive": ["rescale_lambda_positive"],
    "goodfellow": ["goodfellow_flat", "goodfellow_steep"],
    "shrink_factors": ["shrink_factors"],
}


def figure_file(name, ext):
    return str(FIGURES / "{scenario}" / f"{name}.{ext}")


def figure_outputs(family):
    """PDF (plain) and PNG (marked for the report) of every figure of ``family``."""
    out = {}
    for name in FAMILY_FIGURES[family]:
        out[f"{name}_pdf"] = figure_file(name, "pdf")
        out[f"{name}_png"] = report(
            figure_file(name, "png"),
            caption=f"../report/figures/{name}.rst",
            category="{scenario}",
            subcategory="Figures",
        )
    return out


def figure_targets():
    return [
        figure_file(name, ext).format(scenario=s)
        for s, scen in SCENARIOS.items()
        for family in scen.figures
        for name in FAMILY_FIGURES[family]
        for ext in ("pdf", "png")
    ]


# Animations: figures/{scenario}/animations/{name}.mp4 and poster .png, rendered in
# a fresh media folder under results/manim/{scenario}/.
MANIM_WORK = "results/manim/{scenario}"


def animation_file(name, ext):
    """Path pattern of an animation's movie (mp4) or poster (png)."""
    return str(Path("figures", "{scenario}", "animations", f"{name}.{ext}"))


def animation_targets():
    """Every animation (movie and poster) of every scenario, as listed in its config."""
    return [
        animation_file(name, ext).format(scenario=s)
        for s, scenario in SCENARIOS.items()
        for name in scenario.animations
        for ext in ("mp4", "png")
    ]
