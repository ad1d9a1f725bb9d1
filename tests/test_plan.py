"""The checked config is stored between runs, and checked again whenever anything it
depends on changes: the config, a CSV file it names, the checking code."""

import json
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT
from test_config import C, check, mutated

from l2geom.config import check as config_check
from l2geom.config.yamlfile import read_yaml
from l2geom.errors import ConfigError
from l2geom.pipeline import code

SCHEMA = ROOT / "workflow/schemas/config.schema.yaml"
ROWS = ["x1,x2,y", "0.1,0.9,2.0", "0.5,0.2,1.1", "0.8,0.7,2.9", "0.3,0.3,0.8"]


def csv_config(tmp_path, rows=ROWS):
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n")
    return mutated(
        C + ["source"], {"csv": {"path": "d.csv", "features": ["x1", "x2"], "target": "y"}}
    )


def test_plan_holds_what_the_check_gives(tmp_path):
    config = csv_config(tmp_path)
    checked, plans = config_check.checked_plan(config, SCHEMA, tmp_path)
    scenario = check(config, tmp_path)["course"]
    course = plans["course"]
    assert course.start == scenario.start and course.steps == scenario.steps
    assert course.step_size == scenario.step_size and course.animations == list(scenario.animations)
    assert all(
        course.lambdas_for(use) == scenario.lambdas_for(use) for use in ("decay", "pull", "rescale")
    )
    assert checked["scenarios"]["course"]["descent"]["steps"] == scenario.steps


def test_second_run_reads_the_plan_without_jsonschema_or_numpy(tmp_path):
    config = tmp_path / "config.json"
    config.write_text(json.dumps(csv_config(tmp_path)))
    script = (
        "import json, sys; from l2geom.config import check as config_check\n"
        f"c = json.load(open({str(config)!r}))\n"
        f"checked, plans = config_check.checked_plan(c, {str(SCHEMA)!r}, {str(tmp_path)!r})\n"
        "print(json.dumps([checked, {n: vars(p) for n, p in plans.items()},"
        " 'jsonschema' in sys.modules, 'numpy' in sys.modules]))"
    )
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", script], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(2)
    ]
    assert runs[0][2] and runs[0][3]  # the first run checks
    assert not runs[1][2] and not runs[1][3]  # the second reads the stored plan
    assert runs[0][:2] == runs[1][:2]


def test_changed_csv_is_checked_again(tmp_path):
    config = csv_config(tmp_path)
    config_check.checked_plan(config, SCHEMA, tmp_path)
    csv_config(tmp_path, ROWS + ["1,nan,3"])
    with pytest.raises(ConfigError, match="NaN or infinite"):
        config_check.checked_plan(config, SCHEMA, tmp_path)


def test_bad_config_after_a_good_one_is_rejected(tmp_path):
    config_check.checked_plan(read_yaml(ROOT / "config/config.yaml"), SCHEMA, tmp_path)
    with pytest.raises(ConfigError, match="lambdas.rescale"):
        config_check.checked_plan(mutated(C + ["lambdas", "rescale"], -3), SCHEMA, tmp_path)


def test_damaged_plan_file_is_checked_again(tmp_path):
    config = read_yaml(ROOT / "config/config.yaml")
    expected = config_check.checked_plan(config, SCHEMA, tmp_path)
    stored = tmp_path / config_check.PLAN_FILE
    damaged = json.loads(stored.read_text())
    damaged["scenarios"]["course"] = {"name": "course"}
    stored.write_text(json.dumps(damaged))
    assert config_check.checked_plan(config, SCHEMA, tmp_path) == expected


def test_edited_checking_code_changes_the_digest(tmp_path, monkeypatch):
    config = read_yaml(ROOT / "config/config.yaml")
    before = config_check.digest(config, SCHEMA, tmp_path)
    package = tmp_path / "l2geom"
    shutil.copytree(code.PACKAGE, package)
    monkeypatch.setattr(code, "PACKAGE", package)
    assert config_check.digest(config, SCHEMA, tmp_path) == before
    with open(package / "config" / "scenario.py", "a") as handle:
        handle.write("\n# edited\n")
    assert config_check.digest(config, SCHEMA, tmp_path) != before


@pytest.mark.parametrize(("handout", "per_page"), [(None, 1), ({}, 1), ({"per_page": 4}, 4)])
def test_the_deck_names_its_handout_layout(tmp_path, handout, per_page):
    config = read_yaml(ROOT / "config/config.yaml")
    if handout is not None:
        config["decks"]["l2-weight-decay"]["handout"] = handout
    checked, _ = config_check.checked_plan(config, SCHEMA, tmp_path)
    assert checked["decks"]["l2-weight-decay"]["handout_per_page"] == per_page
