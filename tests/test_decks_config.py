"""The config's decks: each names its source and the scenario of each of the source's
parts; every problem is one line naming the deck's key, found before any job runs."""

import copy

import pytest
from conftest import ROOT

from l2geom.config.check import _check
from l2geom.config.yamlfile import read_yaml
from l2geom.errors import ConfigError

SCHEMA = ROOT / "workflow/schemas/config.schema.yaml"
DEFAULT = read_yaml(ROOT / "config/config.yaml")
L2 = "decks.l2-weight-decay"


def problems(decks=None, old_deck=None, **scenarios):
    """The lines of the check of the default config with ``decks`` (and the old single
    ``deck`` section, and changed scenarios) in place of its own."""
    config = copy.deepcopy(DEFAULT)
    if decks is not None:
        config["decks"] = decks
    if old_deck is not None:
        config["deck"] = old_deck
    for name, changes in scenarios.items():
        config["scenarios"][name].update(changes)
    try:
        _check(config, SCHEMA, ROOT)
    except ConfigError as err:
        return err.lines
    return []


def test_the_default_config_builds_each_deck_with_every_part_named():
    checked, _ = _check(copy.deepcopy(DEFAULT), SCHEMA, ROOT)
    assert set(checked["decks"]) == set(DEFAULT["decks"])
    for name, deck in checked["decks"].items():
        assert deck["source"] == DEFAULT["decks"][name].get("source", name)
        assert deck["handout_per_page"] == 1


def test_two_decks_may_share_a_source_and_a_part_defaults_to_another():
    decks = {
        "spring": {"source": "l2-weight-decay", "scenarios": {"running_example": "course"}},
        "autumn": {
            "source": "l2-weight-decay",
            "scenarios": {"running_example": "course", "classic_picture": "goodfellow"},
            "handout": {"per_page": 4},
        },
    }
    config = copy.deepcopy(DEFAULT)
    config["decks"] = decks
    checked, _ = _check(config, SCHEMA, ROOT)
    assert checked["decks"]["spring"]["scenarios"]["classic_picture"] == "course"
    assert checked["decks"]["autumn"]["handout_per_page"] == 4


@pytest.mark.parametrize("decks", ["absent", None, {}])
def test_no_decks_is_allowed(decks):
    config = copy.deepcopy(DEFAULT)
    if decks == "absent":
        del config["decks"]
    else:
        config["decks"] = decks  # None: a bare "decks:"
    assert _check(config, SCHEMA, ROOT)[0]["decks"] == {}


def test_the_old_single_deck_section_says_how_to_write_it():
    config = copy.deepcopy(DEFAULT)
    del config["decks"]
    config["deck"] = {"running_example": "course", "handout": {"per_page": 2}}
    with pytest.raises(ConfigError) as err:
        _check(config, SCHEMA, ROOT)
    assert err.value.lines == [
        "deck: the deck section is now decks:, one entry per deck; write decks: "
        "{l2-weight-decay: {scenarios: {running_example: course}, handout: {per_page: 2}}} "
        "(docs/configuration.md)"
    ]


@pytest.mark.parametrize(
    ("decks", "line"),
    [
        (
            {"l2-weight-decy": {"scenarios": {"running_example": "course"}}},
            "decks.l2-weight-decy: no deck source 'l2-weight-decy' (sources: l2-weight-decay, "
            "l1-geometry); set decks.l2-weight-decy.source to one of them; did you mean "
            "'l2-weight-decay'?",
        ),
        (
            {"x": {"source": "l2-weight-decy", "scenarios": {"running_example": "course"}}},
            "decks.x.source: no deck source 'l2-weight-decy' (sources: ",
        ),
        (
            {"l2-weight-decay": {"scenarios": {"running_exampel": "course"}}},
            f"{L2}.scenarios.running_exampel: the deck source l2-weight-decay has no part "
            "'running_exampel' (parts: running_example, classic_picture); did you mean "
            "'running_example'?",
        ),
        (
            {"l2-weight-decay": {"scenarios": {"classic_picture": "goodfellow"}}},
            f"{L2}.scenarios.running_example: required key is missing",
        ),
        (
            {"x-handout": {"source": "l2-weight-decay", "scenarios": {"running_example": "c"}}},
            "decks.x-handout: a deck name may not end in -handout",
        ),
        (
            {"l2-weight-decay": {"scenarios": {"running_example": "goodfellow"}}},
            f"{L2}.scenarios.running_example: the deck l2-weight-decay shows figures "
            "gd_vs_weight_decay, pull_depends_on_lambda",
        ),
        (
            {"l2 deck": {"source": "l2-weight-decay", "scenarios": {"running_example": "c"}}},
            "decks: deck name 'l2 deck' is not a safe file name",
        ),
        (
            {"l2-weight-decay": {"scenarios": {"running_example": "course"}, "theme": "no.sty"}},
            f"{L2}.theme: 'no.sty' is not a file",
        ),
    ],
)
def test_a_deck_problem_is_one_line_naming_its_key(decks, line):
    found = problems(decks)
    assert found and found[0].startswith(line), found
    assert {problem.partition(": ")[0] for problem in found} == {line.partition(": ")[0]}


L1 = "decks.l1-geometry.scenarios"


@pytest.mark.parametrize(
    ("scenarios", "changes", "line"),
    [
        (  # the closed form needs a diagonal H
            {"running_example": "course", "correlated_case": "course"},
            {},
            f"{L1}.running_example: the deck l1-geometry needs a diagonal Hessian here (its "
            "closed form) and scenario 'course' has none: decorrelate the features",
        ),
        (  # the correlated case must be correlated
            {"running_example": "course_pca", "correlated_case": "course_pca"},
            {},
            f"{L1}.correlated_case: the deck l1-geometry shows here what changes without a "
            "diagonal Hessian; scenario 'course_pca' has one",
        ),
        (  # components reach 0 at λ = 35.2 and 283.8: 30 zeroes none
            {"running_example": "course_pca", "correlated_case": "course"},
            {
                "course_pca": {
                    "lambdas": {**DEFAULT["scenarios"]["course_pca"]["lambdas"], "l1": [10, 30]}
                }
            },
            f"{L1}.running_example: the deck l1-geometry shows the largest lambdas.l1 setting "
            "some but not every component to 0 (a corner of the diamond); scenario "
            "'course_pca''s components reach 0 at lambda = 35.17, 283.8",
        ),
        (  # 300 zeroes both (with a step size at which weight decay converges there)
            {"running_example": "course_pca", "correlated_case": "course"},
            {
                "course_pca": {
                    "lambdas": {**DEFAULT["scenarios"]["course_pca"]["lambdas"], "l1": [10, 300]},
                    "descent": {
                        **DEFAULT["scenarios"]["course_pca"]["descent"],
                        "step_size": 0.004,
                    },
                }
            },
            f"{L1}.running_example: the deck l1-geometry shows the largest lambdas.l1",
        ),
    ],
)
def test_the_l1_deck_checks_what_its_prose_says(scenarios, changes, line):
    found = problems({"l1-geometry": {"scenarios": scenarios}}, **changes)
    assert any(problem.startswith(line) for problem in found), found


def test_every_deck_is_checked_and_each_problem_reported():
    decks = {
        "a": {"source": "l2-weight-decay", "scenarios": {"running_example": "nope"}},
        "b": {"source": "l2-weight-decay", "scenarios": {"running_example": "goodfellow"}},
    }
    found = problems(decks)
    assert [line.split(":")[0] for line in found] == [
        "decks.a.scenarios.running_example",
        "decks.b.scenarios.running_example",
        "decks.b.scenarios.running_example",  # figures, then animations
    ], found
