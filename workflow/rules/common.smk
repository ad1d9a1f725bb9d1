# Validation of the config before any job runs, and the small helpers the rules share.
import sys
from pathlib import Path

from l2geom.config import ConfigError, load_yaml, validate
from l2geom.scenario import build_scenarios
from l2geom.tools import missing_tools

DATA = Path("results/data")
LOGS = Path("results/logs")
BENCH = Path("results/benchmarks")


def _checked_config():
    """Config with schema defaults, plus the built scenarios; one line and exit on error."""
    try:
        checked = validate(
            config, load_yaml(workflow.source_path("../schemas/config.schema.yaml"))
        )
        return checked, build_scenarios(checked, Path.cwd())
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


def data_targets():
    names = ["quadratic", "descent", "ridge_path", "rescale", "tangency", "landscape"]
    return [data_file(n).format(scenario=s) for s in SCENARIOS for n in names]


def csv_input(wildcards):
    """The scenario's CSV file when its data come from one (so edits to it rerun jobs)."""
    source = spec(wildcards)["source"]
    return [source["csv"]["path"]] if "csv" in source else []


# Every rule runs in the project's one environment (for `--sdm conda`; `make` uses .venv).
CONDA_ENV = "../../environment.yml"
