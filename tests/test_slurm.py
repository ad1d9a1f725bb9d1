"""The cluster route: the pipeline through a real single-node SLURM equals a local build.

The test brings SLURM up itself (tools/slurm/minicluster.py: Debian's slurm-wlm and
munge, controller and node on 127.0.0.1, configuration in a temporary directory),
builds the data and figures of the config's two scenarios at preview quality in a
scratch copy with ``make slurm``'s command (tools/slurm/snakemake_with_groups.py
--workflow-profile profiles/slurm), checks that
every job went through SLURM in as many SLURM jobs as the grouping promises (a group job
per scenario for its data and figures, packed `group-components` to a SLURM job, one per
other job; each one COMPLETED in squeue) and that a SLURM job ran its scenarios as one
group, in one step,
builds the same targets locally in a second copy, and compares the outputs: the same
bytes for every output. SLURM is torn down afterwards.

Skipped (with the reason) only when SLURM cannot run here: not root, the packages
cannot be installed, or a system SLURM already owns /etc/slurm/slurm.conf. Set
L2GEOM_SLURM_ANIMATIONS=1 to send the animations through SLURM as well (minutes more).
Each copy runs with PYTHONPATH=<copy>/src (tools/scratch.py sets it), so its jobs import the copy's own l2geom and
not the checkout's editable install (which may be changing while the test runs); the
SLURM build has the SLURM layer (.venv/slurm-plugin: the executor plugin and pandas,
kept out of .venv's site-packages) after it, as `make slurm` does. Without that layer
the test fails and says to run `make slurm-setup` (`make test` and `make slurm-test` do).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import subprocess
import sys
import time
from collections import Counter

import pytest
import yaml
from conftest import ROOT

from l2geom import catalogue

sys.path.insert(0, str(ROOT / "tools"))
from scratch import SLURM_LAYER, SNAKEMAKE_SLURM, fingerprint, make_scratch, outputs, snakemake  # noqa: E402

pytestmark = pytest.mark.slow

_spec = importlib.util.spec_from_file_location("minicluster", ROOT / "tools/slurm/minicluster.py")
minicluster = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(minicluster)

PROFILE = "profiles/slurm"
# a group job is named by its group id (a UUID), a single job by its job number
SUBMITTED = re.compile(r"Job \S+ has been submitted with SLURM jobid (\d+)")
# Stages whose jobs are built (the slides need every animation, so they are left out).
STAGES = ["compute", "figures"] + (
    ["animations"] if os.environ.get("L2GEOM_SLURM_ANIMATIONS") else []
)


# Each stage's rules, generated from the registry (one per data file, figure family, animation)
STAGE_RULES = {
    "compute": list(catalogue.DATA_FILES),
    "figures": [f"figure_{family}" for family in catalogue.FIGURES],
    "animations": [f"animation_{name}" for name in catalogue.ANIMATIONS],
}


def stage_rules(stage: str) -> list[str]:
    return STAGE_RULES[stage]


@contextlib.contextmanager
def environ(**values: str):
    """os.environ with ``values`` set (scratch.snakemake passes os.environ to Snakemake,
    and the SLURM jobs inherit it: --export=ALL)."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def rule_groups() -> dict[str, str | None]:
    """Each stage rule's `group:` (None without one): that of the stage file's one rule
    definition, which makes all of the stage's rules."""
    groups = {}
    for stage, rules in STAGE_RULES.items():
        text = (ROOT / "workflow/rules" / f"{stage}.smk").read_text()
        group = re.search(r'^        group:\n            "(\w+)"', text, flags=re.M)
        groups.update({rule: group and group[1] for rule in rules})
    return groups


def stage_jobs(workdir, stages: list[str]) -> list[tuple[str, dict[str, str], list[str]]]:
    """(rule, wildcards, outputs) of the jobs of ``stages``' rules in the default target's
    DAG, from a dry run (which lists the members of a group job indented)."""
    wanted = {r for s in stages for r in stage_rules(s)}
    dry = snakemake(workdir, "--dry-run", timeout=300)
    assert dry.returncode == 0, dry.stderr[-3000:]
    jobs = []
    for _, rule, body in re.findall(r"^( *)rule (\w+):\n((?:\1    .*\n)+)", dry.stdout, flags=re.M):
        fields = dict(line.strip().split(": ", 1) for line in body.splitlines() if ": " in line)
        wildcards = dict(w.split("=", 1) for w in fields.get("wildcards", "").split(", ") if w)
        if rule in wanted:
            jobs.append((rule, wildcards, fields["output"].split(", ")))
    return jobs


def group_components() -> dict[str, int]:
    """The profile's `group-components`: how many group jobs of a group go in one SLURM job."""
    listed = yaml.safe_load((ROOT / PROFILE / "config.yaml").read_text()).get(
        "group-components", []
    )
    return {name: int(n) for name, n in (item.split("=") for item in listed)}


def promised_slurm_jobs(jobs) -> int:
    """SLURM jobs the grouping promises for ``jobs``: a group job per group and scenario (a
    scenario's jobs hang off its quadratic, so they are one connected part of the DAG;
    scenarios are not connected), packed `group-components` to a SLURM job, and one per
    job without a group."""
    groups, per_job = rule_groups(), group_components()
    grouped = Counter(
        group
        for group, _ in {
            (groups[rule], wildcards["scenario"]) for rule, wildcards, _ in jobs if groups.get(rule)
        }
    )
    return sum(-(-n // per_job.get(group, 1)) for group, n in grouped.items()) + sum(
        1 for rule, _, _ in jobs if not groups.get(rule)
    )


def job_total(log: str) -> int:
    """The total of Snakemake's "Job stats" table."""
    found = re.findall(r"^total\s+(\d+)\s*$", log, flags=re.M)
    assert found, "no job stats in Snakemake's output"
    return int(found[0])


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    try:
        minicluster.install()
    except minicluster.SlurmUnavailable as err:
        pytest.skip(f"SLURM cannot be installed here: {err}")
    # a short path: it ends up in slurm.conf and in the munge socket's name
    state = tmp_path_factory.mktemp("slurm")
    mini = minicluster.Cluster(state)
    try:
        mini.up(timeout=90)
    except minicluster.SlurmUnavailable as err:
        pytest.skip(f"SLURM cannot be started here: {err}")
    try:
        missing = [
            pkg
            for pkg in ("snakemake_executor_plugin_slurm", "pandas")
            if not (SLURM_LAYER / pkg / "__init__.py").is_file()
        ]
        if missing:
            pytest.fail(
                f"the SLURM layer is not installed ({', '.join(missing)} missing "
                f"in {SLURM_LAYER}): run `make slurm-setup`",
                pytrace=False,
            )
        yield mini
    finally:
        mini.down(keep=False, quiet=True)


@pytest.fixture(scope="module")
def builds(cluster, tmp_path_factory):
    """The same targets built through SLURM and locally: (slurm dir, local dir, logs, times)."""
    on_slurm = make_scratch(tmp_path_factory.mktemp("on-slurm"), "preview")
    local = make_scratch(tmp_path_factory.mktemp("local"), "preview")
    jobs = stage_jobs(local, STAGES)
    targets = sorted(f for _, _, outs in jobs for f in outs)
    times = {}

    start = time.monotonic()
    with environ(SLURM_CONF=str(cluster.conf)):
        # the one command a user types, plus a quicker first status check for the test
        slurm_run = snakemake(
            on_slurm,
            "--workflow-profile",
            PROFILE,
            "--slurm-init-seconds-before-status-checks",
            "2",
            "--slurm-keep-successful-logs",
            *targets,
            extra_path=[SLURM_LAYER],
            command=SNAKEMAKE_SLURM,
            timeout=900,
        )
    times["slurm"] = time.monotonic() - start
    slurm_log = slurm_run.stdout + slurm_run.stderr
    assert slurm_run.returncode == 0, slurm_log[-6000:]

    start = time.monotonic()
    local_run = snakemake(local, "--cores", "2", *targets, timeout=900)
    times["local"] = time.monotonic() - start
    local_log = local_run.stdout + local_run.stderr
    assert local_run.returncode == 0, local_log[-6000:]
    print(
        f"\nSLURM build {times['slurm']:.0f} s, local build {times['local']:.0f} s, "
        f"{job_total(local_log)} jobs ({', '.join(STAGES)}) in "
        f"{len(SUBMITTED.findall(slurm_log))} SLURM jobs"
    )
    return on_slurm, local, slurm_log, local_log, jobs


def test_compute_and_figure_rules_are_grouped_by_scenario_and_renders_are_not():
    groups = rule_groups()
    stages = {s: {r: groups[r] for r in stage_rules(s)} for s in ("compute", "figures")}
    assert stages == {s: dict.fromkeys(rules, "scenario") for s, rules in stages.items()}
    assert not any(groups[r] for r in stage_rules("animations"))


def test_every_job_went_through_slurm_in_the_promised_number_of_slurm_jobs(cluster, builds):
    _, _, slurm_log, local_log, jobs = builds
    assert job_total(slurm_log) == job_total(local_log) == len(jobs)
    # every job ran (on a node: none as a localrule on the login node)...
    finished = re.findall(r"^Finished jobid: \d+ \(Rule: (\w+)\)", slurm_log, flags=re.M)
    assert sorted(finished) == sorted(rule for rule, _, _ in jobs)
    assert not re.search(r"^\s*localrule ", slurm_log, flags=re.M)
    # ...in the SLURM jobs the grouping promises
    ids = SUBMITTED.findall(slurm_log)
    assert len(ids) == len(set(ids)) == promised_slurm_jobs(jobs) < len(jobs)
    # without an accounting database sacct knows nothing; squeue keeps finished jobs
    # for MinJobAge (600 s here)
    listed = subprocess.run(
        ["squeue", "--states=all", "--noheader", "--format=%i|%T"],
        env=cluster.env,
        capture_output=True,
        text=True,
        check=True,
    )
    states = dict(line.split("|") for line in listed.stdout.split())
    assert {i: states.get(i) for i in ids} == {i: "COMPLETED" for i in ids}


def test_a_slurm_job_runs_its_packed_scenarios_as_one_group_in_one_step(builds):
    # The job's own Snakemake gets the grouping options (tools/slurm/snakemake_with_groups.py):
    # it forms the one group job the login node submitted, not one per scenario, each of
    # which it would run in an srun step (a Snakemake start) of its own, one at a time.
    on_slurm, _, _, _, jobs = builds
    logs = sorted((on_slurm / "results/slurm-logs").glob("group_*/*.log"))
    groups = rule_groups()
    scenarios = {w["scenario"] for rule, w, _ in jobs if groups.get(rule)}
    assert len(scenarios) > 1 and group_components().get("scenario", 1) > 1
    assert logs and [log.read_text().count("] Group job ") for log in logs] == [1] * len(logs)


def test_outputs_equal_a_local_build(builds):
    on_slurm, local, _, _, _ = builds
    built = outputs(on_slurm)
    assert built == outputs(local)
    assert any(p.parts[:2] == ("results", "data") for p in built)
    if stage_rules("figures"):
        assert any(p.parts[0] == "figures" and p.suffix == ".pdf" for p in built)
    scenarios = {p.parts[2] for p in built if p.parts[:2] == ("results", "data")}
    assert len(scenarios) >= 2, scenarios
    differ = [str(p) for p in built if fingerprint(on_slurm / p) != fingerprint(local / p)]
    assert not differ, f"differ between the SLURM and the local build: {differ}"
