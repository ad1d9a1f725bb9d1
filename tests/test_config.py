"""Malformed configs are rejected with one line per problem naming the scenario and key,
every problem at once, with the closest known name for a misspelt one."""

import copy
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from l2geom.catalogue import ANIMATIONS
from l2geom.config.scenario import build_scenarios
from l2geom.config.schema import ConfigError, validate
from l2geom.config.yamlfile import read_yaml

SCHEMA = read_yaml(ROOT / "workflow/schemas/config.schema.yaml")
DEFAULT = read_yaml(ROOT / "config/config.yaml")


def check(config, root=ROOT):
    return build_scenarios(validate(config, SCHEMA), root)


def mutated(path, value):
    """The default config with the value at ``path`` (a list of keys) replaced; None deletes."""
    config = copy.deepcopy(DEFAULT)
    node = config
    for key in path[:-1]:
        node = node[key]
    if value is None:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return config


C = ["scenarios", "course"]
P = ["scenarios", "course_pca"]
D = ["decks", "l2-weight-decay"]
G = ["scenarios", "goodfellow"]
Q = G + ["source", "quadratic"]

CASES = [
    # (config, expected fragment of the one-line message)
    (mutated(["quality"], "ultra"), "quality: 'ultra' is not one of"),
    # a handout grid an A4 page does not hold
    (
        mutated(D + ["handout"], {"per_page": 3}),
        "decks.l2-weight-decay.handout.per_page: 3 is not one of [1, 2, 4]",
    ),
    (
        mutated(D + ["handout"], {"per_page": 16}),
        "decks.l2-weight-decay.handout.per_page: 16 is not one of",
    ),
    (mutated(D + ["handout"], {"layout": 2}), "decks.l2-weight-decay.handout.layout: unknown key"),
    (mutated(D + ["scenarios"], {}), "decks.l2-weight-decay.scenarios: {} should be non-empty"),
    (mutated(["colour"], "red"), "colour: unknown key"),
    (mutated(C + ["lambdas", "typo"], 3), "scenarios.course.lambdas.typo: unknown key"),
    (
        mutated(C + ["descent", "steps"], None),
        "scenarios.course.descent.steps: required key is missing",
    ),
    (
        mutated(C + ["descent", "steps"], "many"),
        "scenarios.course.descent.steps: 'many' is not of type 'integer'",
    ),
    (
        mutated(C + ["descent", "steps"], 2.5),
        "scenarios.course.descent.steps: 2.5 is not of type 'integer'",
    ),
    (
        mutated(C + ["lambdas", "rescale"], -1),
        "scenarios.course.lambdas.rescale: -1 is less than the minimum of 0",
    ),
    (
        mutated(C + ["lambdas", "pull"], [5, -50]),
        "scenarios.course.lambdas.pull[1]: -50 is less than the minimum of 0",
    ),
    (mutated(C + ["lambdas", "pull"], []), "scenarios.course.lambdas.pull: [] should be non-empty"),
    (
        mutated(C + ["lambdas", "decay"], float("nan")),
        "scenarios.course.lambdas.decay: NaN or infinite value",
    ),
    (
        mutated(C + ["lambdas", "rescale"], float("inf")),
        "scenarios.course.lambdas.rescale: inf is greater than the maximum",
    ),
    (
        mutated(C + ["descent", "step_size"], 0.02),
        "scenarios.course.descent.step_size: step size 0.02 diverges for lambda=0: it must be below 0.0169769",
    ),
    (
        mutated(C + ["descent", "step_size"], 0.015),
        "scenarios.course.descent.step_size: step size 0.015 diverges for lambda=50: it must be below 0.0119184",
    ),
    (
        mutated(C + ["descent", "step_size"], 0),
        "scenarios.course.descent.step_size: 0 is less than or equal to the minimum of 0",
    ),
    (
        mutated(C + ["descent", "start"], [0, 0, 0]),
        "scenarios.course.descent.start: has 3 entries, the model has 2",
    ),
    (
        mutated(Q + ["hessian"], [[1, 0, 0], [0, 1, 0]]),
        "scenarios.goodfellow.source.quadratic.hessian: must be a square matrix",
    ),
    (
        mutated(Q + ["hessian"], [[1, 0.5], [0, 8]]),
        "scenarios.goodfellow.source.quadratic.hessian: must be symmetric",
    ),
    (
        mutated(Q + ["hessian"], [[1, 3], [3, 1]]),
        "scenarios.goodfellow.source.quadratic.hessian: must be positive semidefinite",
    ),
    (
        mutated(Q + ["hessian"], [[1, float("nan")], [float("nan"), 8]]),
        "scenarios.goodfellow.source.quadratic.hessian: NaN or infinite value",
    ),
    (
        mutated(Q + ["theta_hat"], [1, 2, 3]),
        "scenarios.goodfellow.source.quadratic.theta_hat: has 3 entries",
    ),
    (
        mutated(G + ["source"], {}),
        "scenarios.goodfellow.source: give exactly one of generate, csv, quadratic",
    ),
    (
        mutated(C + ["figures"], ["pie_chart"]),
        "scenarios.course.figures[0]: 'pie_chart' is not one of",
    ),
    (
        mutated(C + ["lambdas", "decay"], 0),
        "scenarios.course.lambdas.decay: must be positive when figures or animations are drawn",
    ),
    (
        mutated(G + ["lambdas", "rescale"], 0),
        "scenarios.goodfellow.lambdas.rescale: must be positive",
    ),
    (
        mutated(C + ["source", "generate", "n"], 100.5),
        "scenarios.course.source.generate.n: 100.5 is not of type 'integer'",
    ),
    (
        mutated(Q + ["hessian"], [[2, 0], [0, 2]]) and mutated(G + ["descent", "step_size"], 1e-20),
        "scenarios.goodfellow.descent.step_size: step size 1e-20 is too small for lambda=0",
    ),
    (
        mutated(["scenarios"], {"abc\n": DEFAULT["scenarios"]["goodfellow"]}),
        "scenario name 'abc\\n' is not a safe file name",
    ),
    (
        mutated(C + ["source"], {"csv": {"path": "a{b}.csv", "features": ["a"], "target": "y"}}),
        "scenarios.course.source.csv.path: 'a{b}.csv': braces cannot be used",
    ),
    (
        mutated(Q + ["hessian"], [[1, 1], [1, 1]]),
        "scenarios.goodfellow.source: the Hessian is singular",
    ),
    (
        mutated(C + ["source", "generate", "n"], 1),
        "scenarios.course.source.generate.n: 1 is less than the minimum of 2",
    ),
    (
        mutated(["scenarios"], {"../etc": DEFAULT["scenarios"]["goodfellow"]}),
        "scenario name '../etc' is not a safe file name",
    ),
    (
        mutated(["scenarios"], {"a;rm -rf": DEFAULT["scenarios"]["goodfellow"]}),
        "scenario name 'a;rm -rf' is not a safe file name",
    ),
    (mutated(["scenarios"], {}), "scenarios: {} should be non-empty"),
    (
        mutated(C + ["source"], {"csv": {"path": "no/such.csv", "features": ["a"], "target": "y"}}),
        "scenarios.course.source.csv.path: 'no/such.csv': file does not exist",
    ),
    (
        mutated(C + ["adam", "lam"], 0),
        "scenarios.course.adam.lam: 0 is less than or equal to the minimum of 0",
    ),
    (
        mutated(C + ["adam", "eps"], 0),
        "scenarios.course.adam.eps: 0 is less than or equal to the minimum of 0",
    ),
    (
        mutated(C + ["adam", "beta2"], 1),
        "scenarios.course.adam.beta2: 1 is greater than or equal to the maximum of 1",
    ),
    (
        mutated(C + ["adam", "steps"], 5),
        "scenarios.course.adam.steps: 5 is less than the minimum of 10",
    ),
    (mutated(C + ["adam", "schedule"], "linear"), "scenarios.course.adam.schedule: unknown key"),
    (
        mutated(C + ["early_stopping", "taus"], [5, 0]),
        "scenarios.course.early_stopping.taus[1]: 0 is less than the minimum of 1",
    ),
    (
        mutated(C + ["early_stopping", "taus"], [5, 5]),
        "scenarios.course.early_stopping.taus: [5, 5] has non-unique elements",
    ),
    (
        mutated(C + ["adam", "lam"], 0.2),
        "scenarios.course.adam.lam: AdamW's box |theta_i| <= 1/lam = 5 holds theta_hat",
    ),
    (
        mutated(C + ["adam", "lam"], 500),
        "scenarios.course.adam.lam: step size 0.005 diverges for lambda=500",
    ),
    (
        mutated(C + ["lambdas", "l1"], None),
        "scenarios.course.lambdas.l1: required key is missing (used by l1_vs_l2)",
    ),
    (
        mutated(C + ["lambdas", "l1"], [0]),
        "scenarios.course.lambdas.l1[0]: 0 is less than or equal to the minimum of 0",
    ),
    (
        mutated(C + ["figures"], ["l1_thresholds"]),
        "scenarios.course.figures: l1_thresholds draws soft thresholding by lambda/H_jj",
    ),
    (
        mutated(P + ["source", "generate", "decorrelate"], "yes"),
        "scenarios.course_pca.source.generate.decorrelate: 'yes' is not of type 'boolean'",
    ),
    # proximal_steps: weight decay beside the proximal run with the largest lambdas.l1, and
    # as many steps as the scene draws
    (
        mutated(P + ["lambdas", "l1"], [25, 300]),
        "scenarios.course_pca.descent.step_size: proximal_steps runs weight decay with "
        "lambdas.l1 beside the proximal run: step size 0.005 diverges for lambda=300: it must "
        "be below 0.00478",
    ),
    (
        mutated(P + ["descent", "steps"], 2),
        "scenarios.course_pca.descent.steps: 2 steps: the proximal_steps animation draws two "
        "steps one by one and the last one apart, at least 3",
    ),
    (
        mutated(P + ["descent", "steps"], 1001),
        "scenarios.course_pca.descent.steps: 1001 steps: the proximal_steps animation draws "
        "every step, at most 1000",
    ),
]


@pytest.mark.parametrize("config, message", CASES, ids=[m[:48] for _, m in CASES])
def test_malformed_config_is_rejected_naming_the_key(config, message):
    with pytest.raises(ConfigError) as err:
        check(config)
    text = str(err.value)
    assert message in text
    assert "\n" not in text


def test_default_config_is_valid_and_gets_defaults():
    checked = validate(DEFAULT, SCHEMA)
    assert checked["scenarios"]["course"]["path_points"] == 200
    assert "path_points" not in DEFAULT["scenarios"]["course"]  # the input is not mutated
    scenarios = build_scenarios(checked, ROOT)
    assert set(scenarios) == {"course", "course_pca", "goodfellow"}
    assert scenarios["course_pca"].lambdas_for("l1") == [25.0, 45.0]
    assert "l1" not in scenarios["goodfellow"].lambdas  # optional, no default
    assert scenarios["course"].lambdas_for("pull") == [5.0, 50.0]
    assert scenarios["course"].lambdas_for("decay") == [10.0]


def test_proximal_steps_takes_its_fewest_and_most_steps():
    for steps in (3, 1000):
        assert check(mutated(P + ["descent", "steps"], steps))["course_pca"].steps == steps
    # without the animation, neither bound nor the step size for lambdas.l1 applies
    plain = mutated(P + ["animations"], ["l2_scales_l1_shifts"])
    plain["scenarios"]["course_pca"]["descent"]["steps"] = 2
    plain["scenarios"]["course_pca"]["lambdas"]["l1"] = [25, 300]
    assert check(plain)["course_pca"].steps == 2


@pytest.mark.parametrize(
    "content, message",
    [
        ("x1,x2,y\n", "needs at least 2 data rows"),
        ("x1,x2\n1,2\n3,4\n", r"no column 'y' \(columns: x1, x2\)"),
        ("x1,x2,y\n1,2,3\n1,oops,3\n", "line 3: non-numeric cell"),
        ("x1,x2,y\n1,2,3\n1,nan,3\n", "line 3: NaN or infinite cell"),
        ("", "no column 'x1': the file is empty"),
        ("x1,x2,y\n1,2,3\n1e10,2,3\n", "line 3: a value beyond"),
        ("x1,x2,y\n1,2,3\n1_0,2,3\n", "line 3: non-numeric cell"),
        ('x1,x2,y\n1,2,3\n"' + "9" * 200_000 + '",2,3\n', "not readable as CSV"),
    ],
)
def test_malformed_csv_is_rejected(tmp_path, content, message):
    (tmp_path / "d.csv").write_text(content)
    config = mutated(
        C + ["source"], {"csv": {"path": "d.csv", "features": ["x1", "x2"], "target": "y"}}
    )
    with pytest.raises(ConfigError, match=message) as err:
        check(config, tmp_path)
    assert str(err.value).startswith("scenarios.course.source.csv.path: ")


def test_csv_scenario_equals_the_regression_it_holds(tmp_path):
    rows = ["x1,x2,y", "0.1,0.9,2.0", "0.5,0.2,1.1", "0.8,0.7,2.9", "0.3,0.3,0.8"]
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n")
    config = mutated(
        C + ["source"], {"csv": {"path": "d.csv", "features": ["x1", "x2"], "target": "y"}}
    )
    quad = check(config, tmp_path)["course"].quad
    assert quad.hessian.shape == (2, 2) and quad.risk_min >= 0


def dry_run(folder):
    """A snakemake dry run of the config.yaml in ``folder``."""
    command = [sys.executable, "-m", "snakemake", "-s", str(ROOT / "Snakefile")]
    command += ["--configfile", "config.yaml", "-n", "--cores", "1"]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True)


def test_snakemake_stops_with_one_line_and_no_traceback(tmp_path):
    bad = mutated(C + ["lambdas", "rescale"], -3)
    import yaml

    (tmp_path / "config.yaml").write_text(yaml.safe_dump(bad))
    run = dry_run(tmp_path)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr + run.stdout
    errors = [line for line in run.stderr.splitlines() if "config error" in line]
    assert errors == [
        "l2geom: config error: scenarios.course.lambdas.rescale: -3 is less than the minimum of 0"
    ]


def test_the_schema_lists_what_the_catalogue_makes():
    from l2geom import catalogue, limits
    from l2geom.config.schema import with_catalogue

    scenario = with_catalogue(SCHEMA)["$defs"]["scenario"]["properties"]
    assert scenario["figures"]["items"]["enum"] == list(catalogue.FIGURES)
    assert scenario["animations"]["items"]["enum"] == list(catalogue.ANIMATIONS)
    with pytest.raises(ConfigError, match=r"scenarios.course.figures\[0\]: 'toy' is not one of"):
        validate(mutated(C + ["figures"], ["toy"]), SCHEMA)
    real = SCHEMA["$defs"]["real"]
    assert real["maximum"] == -real["minimum"] == limits.MAGNITUDE


NOT_A_HEADER = (
    "scenarios.course.source.csv.path: {path!r}: no column 'x1': the first line is "
    "not a header of column names (is this the CSV file you meant?)"
)


@pytest.mark.parametrize(
    "first_line",
    [
        "root:x:0:0:root:/root:/bin/bash",
        "password=hunter2",
        "a,b,a secret; not a name",
        "a," + "b" * 41,
    ],
)
def test_a_file_that_is_not_such_a_csv_is_named_not_echoed(tmp_path, first_line):
    (tmp_path / "other").write_text(first_line + "\nmore\n")
    config = mutated(
        C + ["source"], {"csv": {"path": "other", "features": ["x1", "x2"], "target": "y"}}
    )
    with pytest.raises(ConfigError) as err:
        check(config, tmp_path)
    assert str(err.value) == NOT_A_HEADER.format(path="other")


def test_the_system_password_file_is_not_echoed(tmp_path):
    """The issue's case: a relative path up to /etc/passwd."""
    path = str(Path("..") / Path(*[".."] * (len(tmp_path.parts) - 2)) / "etc/passwd")
    config = mutated(C + ["source"], {"csv": {"path": path, "features": ["a"], "target": "b"}})
    with pytest.raises(ConfigError) as err:
        check(config, tmp_path)
    assert str(err.value) == NOT_A_HEADER.format(path=path).replace("'x1'", "'a'")
    assert "root" not in str(err.value)


# Three misspelt names, an unknown animation, a deck naming a misspelt scenario, a bad
# value the schema finds and one only the semantic check finds: all at once, in order.
TYPOS = """\
decks:
  l2-weight-decay: {scenarios: {running_example: coarse}}
scenarios:
  course:
    source: {generate: {n: 100, weights: [0.5, 3.0], noise_sd: 0.5, seed: 1}}
    descent: {step_size: 0.005, steps: 100}
    lambdas: {decay: 10, pull: [5, 50], rescale: 50}
    early_stoping: {taus: [5, 10]}
    animations: [rotate_rescal]
  goodfellow:
    source: {quadratic: {hessian: [[1.0, 0.0], [0.0, 8.0]], theta_hat: [2.0, 1.2]}}
    descent: {step_size: 0.1, steps: 60}
    lamdas: {decay: 1.5, pull: [0.5, 3], rescale: 1.5}
  flat:
    source: {quadratic: {hessian: [[1.0, 0.0], [0.0, 8.0]], theta_hat: [0.0, 0.0]}}
    descent: {step_size: 0.1, steps: -60}
    lambdas: {decay: 1.5, pull: [0.5, 3], rescale: 1.5}
  origin:
    source: {quadratic: {hessian: [[1.0, 0.0], [0.0, 8.0]], theta_hat: [0.0, 0.0]}}
    descent: {step_size: 0.1, steps: 60}
    lambdas: {decay: 1.5, pull: [0.5, 3], rescale: 1.5}
"""
TYPO_LINES = [
    "l2geom: config error: scenarios.course.animations[0]: 'rotate_rescal' is not one of "
    f"{list(ANIMATIONS)}; did you mean 'rotate_rescale'?",
    "l2geom: config error: scenarios.course.early_stoping: unknown key; "
    "did you mean 'early_stopping'?",
    "l2geom: config error: scenarios.flat.descent.steps: -60 is less than the minimum of 1",
    "l2geom: config error: scenarios.goodfellow.lamdas: unknown key; did you mean 'lambdas'?",
    "l2geom: config error: scenarios.origin.source.quadratic.theta_hat: theta_hat is the "
    "origin: L2 regularization has nothing to shrink",
    "l2geom: config error: decks.l2-weight-decay.scenarios.running_example: no scenario 'coarse' "
    "(scenarios: course, flat, goodfellow, origin); did you mean 'course'?",
    "l2geom: 6 config errors; nothing was built",
]


def test_snakemake_reports_every_error_at_once_with_suggestions(tmp_path):
    (tmp_path / "config.yaml").write_text(TYPOS)
    run = dry_run(tmp_path)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert [line for line in run.stderr.splitlines() if line.startswith("l2geom: ")] == TYPO_LINES
    assert not (tmp_path / "results").exists()


def test_many_errors_are_counted_past_the_first_twenty():
    from l2geom.config.check import _check

    config = copy.deepcopy(DEFAULT)
    config["scenarios"]["course"].update({f"typo{i}": 1 for i in range(25)})
    with pytest.raises(ConfigError) as err:
        _check(config, ROOT / "workflow/schemas/config.schema.yaml", ROOT)
    from l2geom.errors import report_lines

    lines = report_lines(err.value)
    assert len(err.value.lines) == 25 and len(lines) == 21
    assert lines[-1] == "l2geom: 25 config errors (20 shown); nothing was built"
