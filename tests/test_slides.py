"""The slide deck: generated inputs, log checks, and the built PDF.

Fast tests check the pure functions of l2geom.slides. The build tests compile the real
deck source in a temporary folder against the small scenario of conftest.py and
stand-in figures, posters and videos (the frame structure, the printed numbers, the
log and the bytes do not depend on what the figures show). The slow test runs the
preview-quality pipeline in a temporary working directory and builds the report.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import pdf_objects, spec_values, standin_animation, standin_figure

from l2geom import datafile, numbers, style
from l2geom.catalogue import DECKS, FIGURE_FAMILIES
from l2geom.core import compute
from l2geom.core.quadratic import Quadratic
from l2geom.slides import latex
from l2geom.slides import values as deck

ROOT = Path(__file__).resolve().parents[1]
SLIDES = ROOT / "slides"
SOURCES = ["l2-weight-decay.tex", "preamble.tex", "beamerthemel2geom.sty"]
COURSE_LAMBDAS = {"decay": [10.0], "pull": [5.0, 50.0], "rescale": [50.0]}
COURSE_SOURCE = {"generate": {"n": 100, "noise_sd": 0.5, "weights": [0.5, 3.0], "seed": 7}}
DECK = DECKS["l2-weight-decay"]
DECK_PARTS = {"running_example": "course", "classic_picture": "goodfellow"}
FIGURES = {
    scenario: [name for family in DECK.parts[part].figures for name in FIGURE_FAMILIES[family]]
    for part, scenario in DECK_PARTS.items()
}
FULL_WIDTH_FIGURES = {
    "gd_vs_weight_decay",
    "pull_depends_on_lambda",
    "early_stopping",
}  # others: half
ANIMATIONS = list(DECK.parts["running_example"].animations)
# Every frame the lecture requires, in the lecture's order.
FRAME_TITLES = [
    "Learning goals",
    "The L2-regularized risk and its gradient",
    "Gradient descent on it is weight decay",
    "Gradient descent vs. weight decay",
    "The pull depends only on λ",
    "A quadratic approximation of the empirical risk",
    "The minimizer of the regularized approximation",
    "Rotate, rescale, rotate back",
    "Step 1: rotate into the eigenbasis of H",
    "Step 2 for λ = 0: nothing changes",
    "Step 2 for λ > 0: shrink, then rotate back",
    "Large and small eigenvalues",
    "The classic picture: the flat direction",
    "The classic picture: the steep direction",
    "Three animations",  # then each video on a whole slide, with no title
    "Caveat: the equivalence needs plain gradient descent",  # then the Adam video
    "Early stopping as L2 regularization",
    "What to take home",
    "References",
]


def goodfellow_data() -> dict[str, dict[str, np.ndarray]]:
    quad = Quadratic(np.diag([1.0, 8.0]), np.array([2.0, 1.2]), 0.0)
    return {"quadratic": compute.quadratic_data(quad), "rescale": compute.rescale_data(quad, 1.5)}


def course_data(paths: dict[str, Path]) -> dict[str, dict[str, np.ndarray]]:
    return {
        name: datafile.load(paths[name])
        for name in ("quadratic", "descent", "rescale", "adaptive", "early_stopping")
    }


def deck_values(scenario_data) -> dict[str, str]:
    """The deck's values as the rule slide_values makes them (the catalogue's function)."""
    course = course_data(scenario_data)
    data = {
        "running_example": {
            **course,
            "descent_decay": course["descent"],
            "descent_pull": course["descent"],
        },
        "classic_picture": goodfellow_data(),
    }
    scenarios = {
        "running_example": {"name": "course", "lambdas": COURSE_LAMBDAS, "source": COURSE_SOURCE},
        "classic_picture": {"name": "goodfellow", "lambdas": {}, "source": {}},
    }
    return spec_values(DECK, data, scenarios)


# --------------------------------------------------------------------------- numbers
def test_number_rounds_and_prints_whole_numbers_plainly():
    assert numbers.number(117.80706, 1) == "117.8"
    assert numbers.number(8.0, 1) == "8"
    assert numbers.number(2.0, 2, whole=False) == "2.00"
    assert numbers.number(0.249261, 2) == "0.25"
    assert numbers.number(-0.001, 2) == "0.00"
    assert numbers.number(-2.1186, 2) == "-2.12"


def test_exact_prints_config_values_as_typed():
    assert [numbers.exact(x) for x in (0.005, 10, 1.5, 1e-4)] == ["0.005", "10", "1.5", "0.0001"]


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_numbers_are_refused(bad):
    with pytest.raises(ValueError, match="non-finite"):
        numbers.number(bad, 2)
    with pytest.raises(ValueError, match="non-finite"):
        numbers.exact(bad)


def test_vector_prints_latex_with_equal_decimals():
    assert numbers.vector(np.array([2.0, 1.2])) == "(2.00,\\ 1.20)^{\\top}"


# --------------------------------------------------------------------------- values.tex
def _close(text: str, value: float, decimals: int) -> bool:
    return abs(float(text) - value) <= 0.5 * 10.0**-decimals + 1e-12


def test_course_values_equal_the_data_files(scenario_data):
    values, data = deck_values(scenario_data), course_data(scenario_data)
    quad, runs, chain = data["quadratic"], data["descent"], data["rescale"]
    for i, word in enumerate(["One", "Two"]):
        assert _close(values[f"thetaHat{word}"], quad["theta_hat"][i], 2)
        assert _close(values[f"sigma{word}"], quad["eigenvalues"][i], 1)
        assert _close(values[f"shrink{word}"], chain["factors"][i], 2)
        assert _close(values[f"projected{word}"], chain["projected"][i], 2)
        assert _close(values[f"scaled{word}"], chain["scaled"][i], 2)
        assert _close(values[f"ridgeRescale{word}"], chain["ridge"][i], 2)
        for key, lam in (("Decay", 10), ("Small", 5), ("Large", 50)):
            ridge = runs["ridge"][datafile.index_of(runs["lambdas"], lam)]
            assert _close(values[f"ridge{key}{word}"], ridge[i], 2)
    assert values["stepSize"] == "0.005" and values["numSteps"] == "40"
    assert (values["lamDecay"], values["lamSmall"], values["lamLarge"]) == ("10", "5", "50")
    assert float(values["decayFactor"]) == pytest.approx(1 - 0.005 * 10)
    assert values["nObs"] == "100" and values["trueWeights"] == "(0.5,\\ 3)^{\\top}"


def test_goodfellow_values_equal_the_data():
    gf = goodfellow_data()
    values = deck.goodfellow_values(gf["quadratic"], gf["rescale"])
    assert (values["gfSigmaOne"], values["gfSigmaTwo"], values["gfLam"]) == ("1", "8", "1.5")
    assert (values["gfShrinkOne"], values["gfShrinkTwo"]) == ("0.40", "0.84")
    assert (values["gfRidgeOne"], values["gfRidgeTwo"]) == ("0.80", "1.01")


def test_course_values_refuse_inconsistent_inputs(scenario_data):
    data = course_data(scenario_data)
    args = data["quadratic"], data["descent"], data["descent"], data["rescale"]
    with pytest.raises(ValueError, match="rescale data were computed for"):
        deck.course_values(*args, {**COURSE_LAMBDAS, "rescale": [20.0]})
    with pytest.raises(ValueError, match="small and a large"):
        deck.course_values(*args, {**COURSE_LAMBDAS, "pull": [5]})
    with pytest.raises(KeyError):
        deck.course_values(*args, {**COURSE_LAMBDAS, "decay": [7.0]})


def test_values_tex_round_trips_and_checks_names():
    values = {"sigmaOne": "16.6", "thetaHat": "(0.17,\\ 3.20)^{\\top}"}
    assert deck.parse_values_tex(deck.values_tex(values)) == values
    with pytest.raises(ValueError, match="macro name"):
        deck.values_tex({"sigma1": "16.6"})


def test_colors_tex_defines_every_role_and_its_word():
    text = deck.colors_tex()
    for role, hexcode in style.COLORS.items():
        name = "l2" + role.replace("_", "")
        assert f"\\definecolor{{{name}}}{{HTML}}{{{hexcode[1:].upper()}}}" in text
    for role, word in style.COLOR_WORDS.items():
        name = f"cw{role.replace('_', '')}"
        assert (
            f"\\newcommand{{\\{name}}}{{{word}}}" in text  # a letters-only name
            or f"\\expandafter\\newcommand\\csname {name}\\endcsname{{{word}}}" in text
        )


def test_deck_source_uses_only_generated_numbers_and_known_colours(scenario_data):
    source = latex._strip_comments((SLIDES / "l2-weight-decay.tex").read_text())
    body = re.sub(r"\\begin\{thebibliography\}.*?\\end\{thebibliography\}", "", source, flags=re.S)
    body = body.replace("fig.~7.1", "")
    body = re.sub(r"\d*\.?\d+\s*(?:\\textwidth|\\linewidth|\\textheight|pt|cm|mm|em|ex)", "", body)
    assert re.findall(r"(?<![\w\\])\d+\.\d+", body) == []  # no typed decimal numbers
    roles = set(re.findall(r"\\colorword\{(\w+)\}", source))
    assert roles <= {r.replace("_", "") for r in style.COLOR_WORDS}
    generated = set(deck_values(scenario_data))
    used = set(re.findall(r"\\([A-Za-z]+)", source)) & generated
    assert {"thetaHat", "ridgeDecay", "sigmaOne", "shrinkOne", "gfShrinkTwo"} <= used


# --------------------------------------------------------------------------- checks
def test_check_log_flags_errors_undefined_refs_missing_movies_and_wide_boxes():
    log = "\n".join(
        [
            "Overfull \\hbox (0.8pt too wide) in paragraph at lines 3--4",
            "Overfull \\hbox (6.37242pt too wide) in paragraph at lines 70--70",
            "Overfull \\vbox (1.12pt too high) detected at line 80",
            "LaTeX Warning: Reference `fig:x' on page 3 undefined on input line 9.",
            "LaTeX Warning: Citation `key' on page 16 undefined on input line 201.",
            "Package multimedia Warning: The movie file ``a.mp4'' could not be",
            "! Undefined control sequence.",
            "../preamble.tex:6: Emergency stop.",
            "Underfull \\hbox (badness 10000) in paragraph at lines 1--2",
        ]
    )
    problems = latex.check_log(log)
    assert len(problems) == 7
    assert not any("0.8pt" in p or "Underfull" in p for p in problems)
    assert latex.check_log("Overfull \\hbox (0.99pt too wide) in paragraph\n") == []


def test_expected_pages_counts_frames_and_overlays():
    source = r"""
    \begin{frame}[plain]\titlepage\end{frame}
    % \begin{frame} commented out \end{frame}
    \begin{frame}{A} one \pause two \pause three \end{frame}
    \begin{frame}{B}\begin{itemize}\item<1-> a \item<2-> b \item<4> c\end{itemize}\end{frame}
    \begin{frame}{C}\only<2>{x}\end{frame}
    """
    assert latex.expected_pages(source) == 1 + 3 + 4 + 2


# --------------------------------------------------------------------------- build
def make_deck_project(root: Path, values: dict[str, str]) -> Path:
    """A project folder with the deck's sources, generated inputs and stand-in media."""
    (root / "slides" / "generated").mkdir(parents=True)
    for name in SOURCES:
        shutil.copy(SLIDES / name, root / "slides" / name)
    (root / "slides/generated/values.tex").write_text(deck.values_tex(values))
    (root / "slides/generated/colors.tex").write_text(deck.colors_tex())
    for scenario, names in FIGURES.items():
        for name in names:
            width = style.FULL_WIDTH if name in FULL_WIDTH_FIGURES else style.HALF_WIDTH
            height = 2.2 if name == "shrink_factors" else style.FIGURE_HEIGHT  # as drawn
            standin_figure(root / "figures" / scenario / f"{name}.pdf", width, height, name)
    for name in ANIMATIONS:
        folder = root / "figures/course/animations"
        standin_animation(folder, name, "course")
    return root / "slides" / "l2-weight-decay.tex"


@pytest.fixture(scope="module")
def built_deck(tmp_path_factory, scenario_data):
    """(tex, pdf, log, values) of one build of the real deck source against stand-ins."""
    values = deck_values(scenario_data)
    tex = make_deck_project(tmp_path_factory.mktemp("deck"), values)
    pdf = tex.parent / "build" / "l2-weight-decay.pdf"
    log = tex.parent.parent / "latex.log"
    latex.compile_deck(tex, pdf, 1767225600, log=log)
    return tex, pdf, log, values


@pytest.fixture(scope="module")
def built_handout(built_deck):
    """(pdf, log) of the handout of the deck in ``built_deck``, one slide a page."""
    tex = built_deck[0]
    pdf = tex.parent / "build" / "l2-weight-decay-handout.pdf"
    log = tex.parent.parent / "handout.log"
    latex.compile_deck(tex, pdf, 1767225600, log=log, handout=1)
    return pdf, log


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def test_deck_shows_every_frame_title_in_order(built_deck):
    text = pdf_text(built_deck[1])
    positions = [text.find(title) for title in FRAME_TITLES]
    missing = [t for t, p in zip(FRAME_TITLES, positions) if p < 0]
    assert not missing, f"frame titles not in the PDF: {missing}"
    assert positions == sorted(positions)


def test_page_count_is_what_the_source_implies(built_deck):
    tex, pdf = built_deck[0], built_deck[1]
    assert pdf_pages(pdf) == latex.expected_pages(tex.read_text())


@pytest.mark.parametrize(
    "source, printed",
    [
        (
            {"csv": {"path": "data/runs_2026 #1%.csv", "features": ["x_1", "x2"], "target": "y"}},
            ["The n = 100 rows of runs", "2026 #1%.csv: features x", "x2, target y;"],
        ),
        (
            {"quadratic": {"hessian": "from the data file", "theta_hat": "also"}},
            ["risk given directly by its Hessian and minimizer", "65.31 50.12"],
        ),
    ],
)
def test_running_example_describes_its_source(tmp_path, scenario_data, source, printed):
    values = deck_values(scenario_data)
    for name in ("nObs", "noiseSd", "trueWeights", "featureLow", "featureHigh"):
        del values[name]  # what only simulated data have
    values.update(deck.source_values(source, course_data(scenario_data)["quadratic"]))
    tex = make_deck_project(tmp_path, values)
    pdf = latex.compile_deck(tex, tex.parent / "build" / "l2-weight-decay.pdf", 1767225600)
    text = pdf_text(pdf)
    assert all(fragment in text for fragment in printed), text[:1500]


def test_log_has_no_errors_undefined_references_or_wide_boxes(built_deck):
    log = built_deck[2].read_text()
    latex_log = log.split("===== l2-weight-decay.log =====", 1)[1]
    assert "Output written on" in latex_log
    assert latex.check_log(latex_log) == []


def _printed(value: str) -> str:
    """How pdftotext shows a generated value: vectors as (a, b)⊤, minus as −."""
    return value.replace(",\\ ", ", ").replace("^{\\top}", "⊤").replace("-", "−")


def test_numbers_in_the_deck_are_the_generated_ones(built_deck, scenario_data):
    tex, pdf, _, values = built_deck
    text = pdf_text(pdf)
    # the deck's source and the preamble it shares (the running example's description)
    source = tex.read_text() + (tex.parent / "preamble.tex").read_text()
    used = set(re.findall(r"\\([A-Za-z]+)", latex._strip_comments(source))) & set(values)
    used -= {"runningExample", "exampleScenario", "classicScenario"}  # macros, folder names
    assert len(used) >= 20
    for name in sorted(used):
        assert _printed(values[name]) in text, f"\\{name} = {values[name]!r} not printed"
    # Read back labelled numbers from the PDF and hold them against the data files.
    quad = datafile.load(scenario_data["quadratic"])
    sigma = [float(s) for s in re.findall(r"σ[12] = ([\d.]+)", text)[:2]]
    assert np.allclose(sigma, quad["eigenvalues"], atol=0.05)
    theta = re.search(r"θ̂ = \(([−\d.]+), ([−\d.]+)\)⊤", text)
    assert np.allclose([float(g) for g in theta.groups()], quad["theta_hat"], atol=0.005)


def test_movies_are_linked_relative_to_the_pdf(built_deck):
    pdf = built_deck[1]
    objects = pdf_objects(pdf)
    for name in ANIMATIONS:
        path = f"../../figures/course/animations/{name}.mp4".encode()
        assert b"/Movie << /F (" + path + b")" in objects
        assert (pdf.parent / path.decode()).resolve().exists()
    assert objects.count(b"/Subtype /Movie") == len(ANIMATIONS)
    assert len(re.findall(rb"/S\s*/Launch", objects)) == len(ANIMATIONS)


def test_two_builds_give_identical_bytes(built_deck):
    tex, pdf, _, _ = built_deck
    first = pdf.read_bytes()
    latex.compile_deck(tex, pdf, 1767225600)  # a fresh build in a fresh aux folder
    assert pdf.read_bytes() == first


def handout_pages(source: str) -> int:
    """Pages of the handout: a frame's overlays collapse to one page, an animation frame
    gives a page per four stills (2 x 2, balanced)."""
    from l2geom.animations.rendering import scene_class
    from l2geom.animations.stills import handout_pages as pages_of

    count = 0
    for _, _, _, body in latex.frames(source):
        shown = re.search(r"\\animation\{[^}]*\}\{(\w+)\}", body)
        count += len(pages_of(len(scene_class(shown.group(1)).STAGES))) if shown else 1
    return count


def test_handout_collapses_overlays_and_shows_each_animation_as_its_stills(
    built_deck, built_handout
):
    tex, deck_pdf = built_deck[0], built_deck[1]
    pdf, log = built_handout
    source = tex.read_text()
    assert pdf_pages(pdf) == handout_pages(source)
    latex_log = log.read_text().split("===== l2-weight-decay-handout.log =====", 1)[1]
    assert "Output written on" in latex_log
    assert latex.check_log(latex_log) == []  # no overfull box either
    assert pdf_pages(deck_pdf) == latex.expected_pages(source)
    text = pdf_text(pdf)
    assert all(title in text for title in FRAME_TITLES)
    from l2geom.animations.rendering import scene_class
    from l2geom.animations.stills import latex_text

    for name in ANIMATIONS:  # every stage's label and description
        for i, stage in enumerate(scene_class(name).STAGES, start=1):
            if stage.label.isascii():
                assert f"{i}. {stage.label}" in text
            runs = [r.split() for r in re.split(r"\$[^$]*\$", latex_text(stage.description))]
            words = next(r for r in runs if len(r) >= 2)[:2]
            assert " ".join(words) in text.replace("’", "'"), (name, stage.label)
    assert b"/Movie" not in pdf_objects(pdf)  # stills, no videos


def test_handout_two_builds_give_identical_bytes(built_handout, tmp_path):
    pdf, _ = built_handout
    again = pdf.with_name("again.pdf")
    tex = pdf.parent.parent / "l2-weight-decay.tex"
    latex.compile_deck(tex, again, 1767225600, handout=1)
    assert again.read_bytes() == pdf.read_bytes()
    again.unlink()


@pytest.mark.parametrize(("per_page", "size"), [(2, (595, 842)), (4, (842, 595))])
def test_handout_puts_two_or_four_slides_on_an_a4_page(built_deck, built_handout, per_page, size):
    tex = built_deck[0]
    pdf = tex.parent / "build" / f"handout-{per_page}.pdf"
    latex.compile_deck(tex, pdf, 1767225600, handout=per_page)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info.stdout).groups())
    assert (round(width), round(height)) == size
    assert pdf_pages(pdf) == -(-pdf_pages(built_handout[0]) // per_page)
    pdf.unlink()


def test_a_handout_layout_that_is_not_a_grid_is_refused(tmp_path):
    with pytest.raises(ValueError, match="none of"):
        latex.compile_deck(tmp_path / "x.tex", tmp_path / "x.pdf", 0, handout=3)


def test_failed_build_leaves_no_pdf(tmp_path, scenario_data):
    values = deck_values(scenario_data)
    del values["sigmaOne"]  # an undefined control sequence in the deck
    tex = make_deck_project(tmp_path, values)
    pdf = tex.parent / "build" / "l2-weight-decay.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF old build")
    with pytest.raises(RuntimeError, match="Undefined control sequence"):
        latex.compile_deck(tex, pdf, 1767225600)
    assert not pdf.exists()
    assert list(pdf.parent.iterdir()) == []  # the private aux folder is gone too


# --------------------------------------------------------------------------- pipeline
def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, flags=re.M).group(1))


# A lecturer's own config: the default one with its scenarios renamed (the decks section
# says which plays which part); nothing in the rules or the deck may assume the names.
RENAMED = {"course": "ws_2026", "goodfellow": "classic-picture"}


def renamed_config(text: str) -> str:
    for old, new in RENAMED.items():
        text = text.replace(f"\n  {old}:", f"\n  {new}:").replace(f": {old} ", f": {new} ")
    return text


@pytest.mark.slow
def test_preview_pipeline_builds_deck_and_report(tmp_path, built_deck):
    """Preview-quality run of the whole workflow in a scratch working directory, with the
    scenarios renamed: the deck has the default deck's pages."""
    (tmp_path / "config").mkdir()
    config = renamed_config((ROOT / "config/config.yaml").read_text())
    assert "running_example: ws_2026 " in config and "classic_picture: classic-picture " in config
    (tmp_path / "config/config.yaml").write_text(
        config.replace("\nshort_animations: false", "\nshort_animations: true")
    )
    shutil.copytree(
        SLIDES, tmp_path / "slides", ignore=shutil.ignore_patterns("build", "generated")
    )
    snakemake = [
        sys.executable,
        "-m",
        "snakemake",
        "-s",
        str(ROOT / "Snakefile"),
        "--directory",
        str(tmp_path),
        "--cores",
        "2",
        "--config",
        "quality=preview",
    ]
    run = subprocess.run(snakemake, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    pdf = tmp_path / "slides/build/l2-weight-decay.pdf"
    text = pdf_text(pdf)
    assert all(title in text for title in FRAME_TITLES)
    assert pdf_pages(pdf) == pdf_pages(built_deck[1])
    objects = pdf_objects(pdf)
    for name in ANIMATIONS:
        assert f"../../figures/ws_2026/animations/{name}.mp4".encode() in objects
    report = tmp_path / "results/report.html"
    run = subprocess.run(snakemake + ["--report", str(report)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    html = report.read_text(errors="replace")
    # Results grouped by scenario (figures and animations) plus the deck under Slides.
    groups = json.loads(re.search(r"var categories = (\{.*?\});", html).group(1))
    grouped = {
        scenario: {path for paths in sub.values() for path in paths}
        for scenario, sub in groups.items()
    }
    for scenario, names in FIGURES.items():
        for name in names:
            renamed = RENAMED[scenario]
            assert f"figures/{renamed}/{name}.png" in grouped[renamed]
    for name in ANIMATIONS:
        assert f"figures/ws_2026/animations/{name}.mp4" in grouped["ws_2026"]
    assert "slides/build/l2-weight-decay.pdf" in grouped["Slides"]
    # the HTML deck, linked from the PDF's caption
    assert "../slides/build/html/l2-weight-decay/index.html" in html
