"""The Snakemake workflow: dry run, a real compute-stage run, lint."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT

from l2geom import catalogue, datafile
from l2geom.catalogue import ANIMATIONS, DECKS, data_files
from l2geom.config.scenario import build_scenarios
from l2geom.config.schema import validate
from l2geom.config.yamlfile import read_yaml

SNAKEMAKE = [sys.executable, "-m", "snakemake", "-s", str(ROOT / "Snakefile")]
DATA_FILES = data_files(2)


def snakemake(*args, cwd=ROOT):
    return subprocess.run([*SNAKEMAKE, *args], cwd=cwd, capture_output=True, text=True)


def test_dry_run_of_the_default_config():
    run = snakemake("-n", "--cores", "1", "--forceall")
    assert run.returncode == 0, run.stderr
    counts = {rule: int(n) for rule, n in re.findall(r"^(\w+)\s+(\d+)$", run.stdout, flags=re.M)}
    # one job per data file, figure family and animation each scenario has (the registry)
    config = read_yaml(ROOT / "config/config.yaml")
    decks = len(config["decks"])  # one job of each slide rule per deck
    expected: dict[str, int] = {
        "deck": decks,
        "handout": decks,
        "html_deck": decks,
        "slide_values": decks,
        "slide_colors": 1,
    }
    for scenario in config["scenarios"].values():
        figures, animations = scenario.get("figures", []), scenario.get("animations", [])
        for rule in [
            *data_files(2, figures, animations),
            *(f"figure_{f}" for f in figures),
            *(f"animation_{a}" for a in animations),
        ]:
            expected[rule] = expected.get(rule, 0) + 1
    counts.pop("all"), counts.pop("total")
    assert counts == expected


def test_lint_has_no_findings():
    run = snakemake("--lint")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Lints for" not in run.stdout + run.stderr


@pytest.fixture(scope="module")
def compute_run(tmp_path_factory):
    """The compute stage of the default config, run for real in a temporary directory."""
    work = tmp_path_factory.mktemp("work")
    (work / "config").mkdir()
    shutil.copy(ROOT / "config/config.yaml", work / "config/config.yaml")
    targets = [f"results/data/{s}/{n}.npz" for s in ("course", "goodfellow") for n in DATA_FILES]
    run = snakemake("--directory", str(work), "--cores", "2", *targets)
    assert run.returncode == 0, run.stderr
    return work


def test_compute_stage_writes_every_data_file_with_provenance(compute_run):
    for scenario in ("course", "goodfellow"):
        for name in DATA_FILES:
            path = compute_run / "results/data" / scenario / f"{name}.npz"
            meta = datafile.load_meta(path)
            assert len(meta["config_digest"]) == 64 and meta["l2geom_version"]
            assert (compute_run / "results/logs" / scenario / f"{name}.log").exists()


@pytest.mark.parametrize("scenario", ["course", "goodfellow"])
def test_data_files_equal_their_spec_computed_directly(compute_run, scenario):
    """Every data file holds what its catalogue spec's function gives for the scenario's
    parameters (so the generated rules pass the right values under the right names)."""
    config = validate(
        read_yaml(ROOT / "config/config.yaml"),
        read_yaml(ROOT / "workflow/schemas/config.schema.yaml"),
    )
    plan = build_scenarios(config, ROOT)[scenario]
    for name in DATA_FILES:
        spec = catalogue.DATA_FILES[name]
        kwargs = {arg: get(plan) for arg, get in spec.params.items()}
        if spec.reads_quadratic:
            kwargs["quad"] = plan.quad
        direct = catalogue.resolve(spec.compute)(**kwargs)
        stored = datafile.load(compute_run / "results/data" / scenario / f"{name}.npz")
        assert sorted(stored) == sorted(direct), name
        for key, value in direct.items():
            assert np.array_equal(stored[key], value), (name, key)
    rescale = datafile.load(compute_run / "results/data" / scenario / "rescale.npz")
    assert float(rescale["lam"]) == config["scenarios"][scenario]["lambdas"]["rescale"]


def test_rerun_does_nothing_and_a_forced_one_gives_the_same_bytes(compute_run):
    files = sorted((compute_run / "results/data").rglob("*.npz"))
    targets = [str(p.relative_to(compute_run)) for p in files]
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    run = snakemake("--directory", str(compute_run), "--cores", "1", *targets)
    assert run.returncode == 0, run.stderr
    assert "Nothing to be done" in run.stdout + run.stderr
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before
    run = snakemake("--directory", str(compute_run), "--cores", "1", "--forceall", *targets)
    assert run.returncode == 0, run.stderr
    assert [str(p) for p in files if p.read_bytes() != before[p][0]] == []


def test_rule_files_are_snakefmt_clean():
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "snakefmt",
            "--check",
            str(ROOT / "Snakefile"),
            str(ROOT / "workflow"),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_plain_snakemake_from_the_root_uses_the_top_level_snakefile_and_default_profile():
    run = subprocess.run(
        [sys.executable, "-m", "snakemake", "-n", "--forceall"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    output = run.stdout + run.stderr
    assert "Using workflow specific profile profiles/default" in output
    assert "rule deck:" in output  # the top-level Snakefile's rule all, with the deck


def test_code_digests_come_from_the_package_and_fail_loudly(tmp_path, monkeypatch):
    from l2geom.pipeline import code

    digests = code.stage_digests()
    assert set(digests) == {"compute", "figures", "animations", "slides"}
    with pytest.raises(FileNotFoundError, match=r"code pattern 'core/\*.py' matches no file"):
        monkeypatch.setattr(code, "PACKAGE", tmp_path)
        code.stage_digests()


# What each stage's scripts import (workflow/scripts/*.py), and what the config check runs
# (l2geom.config.check.checked_plan); an animation's render also imports its scene module.
STAGE_ENTRIES = {
    "check": [
        "import l2geom.config.check",
        "import l2geom.config.schema",
        "import l2geom.config.deck",
        "import l2geom.config.scenario",
        "import l2geom.config.yamlfile",
    ],
    "compute": [
        "import l2geom.core.compute",
        "import l2geom.pipeline.jobs",
        "import l2geom.datafile",
    ],
    "figures": ["import l2geom.figures"],
    "slides": [
        "import l2geom.slides.values",
        "import l2geom.slides.latex",
        *(f"import {deck.values.partition(':')[0]}" for deck in DECKS.values()),
    ],
    **{
        f"animation {name}": [
            "from l2geom.animations.rendering import scene_class",
            f"scene_class({name!r})",
        ]
        for name in ANIMATIONS
    },
}


def digest_patterns(entry: str) -> tuple[str, ...]:
    from l2geom.pipeline import code

    if entry == "check":
        return code.CHECK_CODE
    if entry.startswith("animation "):
        return code.animation_patterns(entry.removeprefix("animation "))
    return code.STAGE_CODE[entry]


@pytest.mark.parametrize("entry", sorted(STAGE_ENTRIES))
def test_each_digest_covers_every_module_its_jobs_import(entry):
    from l2geom.pipeline import code

    script = (
        "import json, sys\n"
        + "".join(f"{line}\n" for line in STAGE_ENTRIES[entry])
        + "print(json.dumps(sorted(m.__file__ for n, m in sys.modules.items()"
        " if n.startswith('l2geom') and getattr(m, '__file__', None))))"
    )
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        ).stdout
    )
    covered = {p for pattern in digest_patterns(entry) for p in code.PACKAGE.glob(pattern)}
    imported = {Path(f) for f in loaded if not f.endswith("__init__.py")}
    # The catalogue is in no stage's digest: what a job takes from its spec (function,
    # parameters, files) reaches it as the rule's params, inputs and outputs.
    imported.discard(code.PACKAGE / "catalogue.py")
    assert imported - covered == set(), f"{entry} imports code its digest does not cover"
    if entry.startswith("animation "):  # and no other scene: editing one reruns only its own
        scenes = {p for p in imported if p.parent.name == "scenes"}
        assert [p.stem for p in scenes] == [entry.removeprefix("animation ")]


@pytest.mark.parametrize("hidden", ["latex", "dvisvgm", "ffmpeg", "latexmk"])
def test_missing_tool_stops_the_build_at_the_start(tmp_path, hidden):
    from l2geom.pipeline.programs import ANIMATION_TOOLS, DECK_TOOLS

    for tool in [*DECK_TOOLS, *ANIMATION_TOOLS, "git", "which"]:  # which: plugins probe with it
        if tool != hidden:
            (tmp_path / tool).symlink_to(shutil.which(tool))
    env = {"PATH": f"{ROOT / '.venv/bin'}:{tmp_path}", "HOME": str(tmp_path)}
    run = subprocess.run(
        [*SNAKEMAKE, "-n", "--cores", "1"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    [line] = [line for line in run.stderr.splitlines() if line.startswith("l2geom:")]
    assert f"missing program(s) {hidden};" in line and "apt-get install" in line
