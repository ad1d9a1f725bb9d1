"""The README's promise: changing an input rebuilds exactly what depends on it.

One preview build in a scratch copy (with an extra scenario read from a CSV file); then
each kind of input is edited in turn, `snakemake --summary` lists the outputs whose
update is pending, and the edit is undone (bytes and modification time).
"""

import os
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from l2geom.catalogue import ANIMATION_FILES, FIGURE_FAMILIES, data_files

sys.path.insert(0, str(ROOT / "tools"))
from scratch import make_scratch, snakemake  # noqa: E402

pytestmark = pytest.mark.slow

CSV_SCENARIO = """
  measured:
    source:
      csv: {path: data/measured.csv, features: [x1, x2], target: y}
    descent: {step_size: 0.01, steps: 20}
    lambdas: {decay: 1, pull: [0.5, 2], rescale: 1}
"""


def deck(name):
    """(the HTML deck's folder and zip, those and the PDF and handout, those and the
    values) of the deck ``name``: the PDF and, from it, the HTML deck; the handout (same
    source and inputs, stills for movies)."""
    html = {f"slides/build/html/{name}", f"slides/build/{name}-html.zip"}
    pdf = {f"slides/build/{name}.pdf", f"slides/build/{name}-handout.pdf"} | html
    return html, pdf, {f"slides/generated/{name}/values.tex"} | pdf


L2_HTML, L2_PDF, L2_DECK = deck("l2-weight-decay")
L1_HTML, L1_PDF, L1_DECK = deck("l1-geometry")


def data(scenario, *names):
    return {f"results/data/{scenario}/{n}.npz" for n in names}


def figures(scenario, *families):
    return {
        f"figures/{scenario}/{name}.{ext}"
        for family in families
        for name in FIGURE_FAMILIES[family]
        for ext in ("pdf", "png")
    }


def animations(scenario, *names):
    """An animation's files and its folder of stills."""
    return {
        f"figures/{scenario}/animations/{n}{ext}"
        for n in names
        for ext in ("", *(f".{e}" for e in ANIMATION_FILES))
    }


# What the default config draws, scenario by scenario
SCENARIOS = yaml.safe_load((ROOT / "config/config.yaml").read_text())["scenarios"]


def drawn(scenario, *left_out):
    """The figures of ``scenario``'s figure families, but ``left_out``."""
    return figures(scenario, *(f for f in SCENARIOS[scenario]["figures"] if f not in left_out))


ALL_FIGURES = set().union(*(drawn(s) for s in SCENARIOS))
ALL_ANIMATIONS = set().union(*(animations(s, *SCENARIOS[s]["animations"]) for s in SCENARIOS))
# What each edit must rebuild, and nothing else.
CASES = {
    "lambda decay": (
        "config/config.yaml",
        ("decay: 10 ", "decay: 12 "),
        data("course", "descent_decay", "tangency_decay")
        | figures("course", "gd_vs_weight_decay")
        | L2_DECK,
    ),
    "lambda pull": (
        "config/config.yaml",
        ("pull: [5, 50]", "pull: [5, 40]"),
        data("course", "descent_pull", "tangency_pull")
        | figures("course", "pull_depends_on_lambda")
        | animations("course", "decay_trajectories")
        | L2_DECK,
    ),
    "lambda rescale": (
        "config/config.yaml",
        ("rescale: 50 ", "rescale: 40 "),
        data("course", "rescale", "tangency_rescale")
        | figures(
            "course",
            "eigen_projection",
            "rescale_lambda_zero",
            "rescale_lambda_positive",
            "goodfellow",
            "shrink_factors",
        )
        | animations("course", "rotate_rescale")
        | L2_DECK,
    ),
    "step size": (
        "config/config.yaml",
        ("step_size: 0.005 ", "step_size: 0.004 "),
        data("course", "descent_decay", "descent_pull", "landscape", "adaptive", "early_stopping")
        | drawn("course", "shrink_factors")
        | animations("course", *SCENARIOS["course"]["animations"])
        | L2_DECK
        | L1_PDF,
    ),  # rotate_rescale and l1_vs_l2 (the L1 deck's correlated case) draw the landscape
    # The L1 lecture's λ of the decorrelated example: its lasso and proximal runs, what
    # draws them, and the L1 deck (its correlated case reads the course's own lasso)
    "lambda l1": (
        "config/config.yaml",
        ("l1: [25, 45]\n", "l1: [25, 40]\n"),
        data("course_pca", "lasso", "proximal")
        | figures("course_pca", "l1_thresholds", "l1_vs_l2")
        | animations("course_pca", "proximal_steps")
        | L1_DECK,
    ),
    # Code digests are per stage: one figure module reruns every figure (and the decks).
    "figure module": (
        "src/l2geom/figures/shrink_factors.py",
        ("\n", "\n# edited\n"),
        ALL_FIGURES | L2_PDF | L1_PDF,
    ),
    # A scene module reruns its own animation; the shared animation code, all of them.
    "scene module": (
        "src/l2geom/animations/scenes/lambda_sweep.py",
        ("\n", "\n# edited\n"),
        animations("course", "lambda_sweep") | L2_PDF,
    ),
    "shared animation module": (
        "src/l2geom/animations/style.py",
        ("\n", "\n# edited\n"),
        ALL_ANIMATIONS | L2_PDF | L1_PDF,
    ),
    "deck source": ("slides/l2-weight-decay.tex", ("\n", "\n% edited\n"), L2_PDF),
    "L1 deck source": ("slides/l1-geometry.tex", ("\n", "\n% edited\n"), L1_PDF),
    "shared preamble": ("slides/preamble.tex", ("\n", "\n% edited\n"), L2_PDF | L1_PDF),
    "HTML player": ("slides/html/deck.js", ("\n", "\n// edited\n"), L2_HTML | L1_HTML),
    "CSV data": ("data/measured.csv", ("0.9,2.0", "0.9,2.5"), data("measured", *data_files(2))),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = make_scratch(tmp_path_factory.mktemp("reruns") / "p", short=True)
    (work / "data").mkdir()
    rows = ["x1,x2,y", "0.1,0.9,2.0", "0.5,0.2,1.1", "0.8,0.7,2.9", "0.3,0.3,0.8", "0.6,0.1,1.0"]
    (work / "data/measured.csv").write_text("\n".join(rows) + "\n")
    config = work / "config/config.yaml"
    config.write_text(config.read_text() + CSV_SCENARIO)
    run = snakemake(work, "--cores", "2")
    assert run.returncode == 0, run.stderr[-3000:]
    return work


def pending(work: Path) -> set[str]:
    """Outputs whose update is pending, by `snakemake --summary`."""
    run = snakemake(work, "--summary")
    assert run.returncode == 0, run.stderr[-3000:]
    rows = [line.split("\t") for line in run.stdout.splitlines()[1:] if "\t" in line]
    return {row[0] for row in rows if row[-1] != "no update"}


def test_a_finished_build_has_nothing_pending(built):
    assert pending(built) == set()


@pytest.mark.parametrize("path, edit, expected", CASES.values(), ids=CASES.keys())
def test_an_edit_reruns_exactly_what_depends_on_it(built, path, edit, expected):
    file = built / path
    original, stat = file.read_bytes(), file.stat()
    text = original.decode()
    assert edit[0] in text, edit[0]
    file.write_text(text.replace(edit[0], edit[1], 1))
    try:
        assert pending(built) == expected
    finally:
        file.write_bytes(original)
        os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert pending(built) == set()
