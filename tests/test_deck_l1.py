"""The second deck, "Geometry of L1 Regularization": its values and its build.

The values come from data files computed by the core for the default config's two
scenarios of the deck (course_pca, decorrelated: the running example; course: the
correlated case) and are held against the mathematics. The build compiles the real
source (slides/l1-geometry.tex) against those values and stand-in figures, posters and
stills, as tests/test_slides.py does for the first deck.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from conftest import pdf_objects, spec_values, standin_animation, standin_figure

from l2geom import datafile, style
from l2geom.catalogue import DECKS
from l2geom.core import compute, compute_l1
from l2geom.core.sources import quadratic_from_source
from l2geom.slides import latex
from l2geom.slides import values as deck

ROOT = Path(__file__).resolve().parents[1]
SLIDES = ROOT / "slides"
SOURCE = "l1-geometry.tex"
EPOCH = 1767225600
GENERATE = {"n": 100, "weights": [0.5, 3.0], "noise_sd": 0.5, "seed": 1, "low": 0.0, "high": 1.0}
SCENARIOS = {
    "running_example": {
        "name": "course_pca",
        "lambdas": {"l1": [25.0, 45.0]},
        "source": {"generate": {**GENERATE, "decorrelate": True}},
    },
    "correlated_case": {
        "name": "course",
        "lambdas": {"l1": [25.0, 45.0]},
        "source": {"generate": GENERATE},
    },
}
# What the deck's generic code writes beside the values (the scenario folders).
FOLDERS = {"exampleScenario": "course_pca", "correlatedScenario": "course"}
DECK = DECKS["l1-geometry"]
STEP_SIZE, STEPS = 0.005, 100  # the proximal run (descent settings of course_pca)
# Figures at the size they are drawn (inches, from the default build's PDFs).
FIGURES = {
    ("course_pca", "l1_thresholds"): (5.6, 1.98),
    ("course_pca", "l1_paths"): (5.6, 2.38),
    ("course_pca", "l1_vs_l2"): (3.78, 2.6),
    ("course", "l1_vs_l2"): (2.98, 2.6),
}
ANIMATIONS = ["l2_scales_l1_shifts", "proximal_steps"]
FRAME_TITLES = [
    "Learning goals",
    "The L1-regularized risk and its subgradient",
    "A quadratic approximation with a diagonal Hessian",
    "The problem separates into one problem per component",
    "The closed form: soft thresholding",
    "Two cases: inside or outside the threshold band",
    "L2 scales, L1 shifts",
    "Sparsity along the path",
    "The classic picture: a corner against a smooth point",
    "Animation: L2 scales, L1 shifts",  # then the video on a whole slide
    "Proximal gradient descent: the L1 counterpart of weight decay",  # then its video
    "Correlated features: rotating does not give the lasso",
    "Without a closed form: an iterative solver",
    "What to take home",
    "References",
]


def _compute(name: str, quad, lams: list[float]) -> dict[str, np.ndarray]:
    """Data file ``name`` of the quadratic ``quad`` with the λ values ``lams``."""
    if name == "quadratic":
        return compute.quadratic_data(quad)
    if name == "lasso":
        return compute_l1.lasso_data(quad, lams)
    if name == "lasso_path":
        return compute_l1.lasso_path_data(quad, 200)
    return compute_l1.proximal_data(quad, np.zeros(2), STEP_SIZE, STEPS, lams)


def scenario_data(folder: Path) -> dict[str, dict[str, datafile.Data]]:
    """The data files each part of the deck reads (its catalogue entry), computed by the core, written
    and loaded back as the pipeline does."""
    data: dict[str, dict[str, datafile.Data]] = {}
    for part, scenario in SCENARIOS.items():
        quad = quadratic_from_source(scenario["source"])
        data[part] = {}
        for name in DECK.parts[part].reads:
            path = folder / scenario["name"] / f"{name}.npz"
            path.parent.mkdir(parents=True, exist_ok=True)
            arrays = _compute(name, quad, scenario["lambdas"]["l1"])
            datafile.save(path, arrays, datafile.provenance({"test": name}))
            data[part][name] = datafile.load(path)
    return data


def deck_values(
    data: dict[str, dict[str, datafile.Data]], scenarios: dict[str, dict]
) -> dict[str, str]:
    """Every macro of the deck's values.tex, as the pipeline writes it (the scenario folders
    included)."""
    return spec_values(DECK, data, scenarios)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> dict[str, dict[str, datafile.Data]]:
    return scenario_data(tmp_path_factory.mktemp("l1-data"))


@pytest.fixture(scope="module")
def values(data) -> dict[str, str]:
    return deck_values(data, SCENARIOS)


def _close(text: str, value: float, decimals: int) -> bool:
    return abs(float(text) - value) <= 0.5 * 10.0**-decimals + 1e-12


# --------------------------------------------------------------------------- values
def test_running_example_values_are_soft_thresholding(data, values):
    quad = data["running_example"]["quadratic"]
    theta, h = quad["theta_hat"], np.diag(quad["hessian"])
    assert np.abs(quad["hessian"] - np.diag(h)).max() <= 1e-12 * h.max()  # decorrelated
    for j, word in enumerate(["One", "Two"]):
        assert _close(values[f"thetaHat{word}"], theta[j], 2)
        assert _close(values[f"hess{word}"], h[j], 1)
        # component j of the lasso path is 0 from λ = H_jj |θ̂_j| on
        assert _close(values[f"zeroFrom{word}"], h[j] * abs(theta[j]), 1)
        for key, lam in (("Low", 25.0), ("High", 45.0)):
            cut = lam / h[j]
            assert _close(values[f"threshold{key}{word}"], cut, 2)
            soft = np.sign(theta[j]) * max(abs(theta[j]) - cut, 0.0)
            assert _close(values[f"lasso{key}{word}"], soft, 2)
            if soft == 0:
                assert values[f"lasso{key}{word}"] == "0"  # exactly 0, printed so
            factor = h[j] / (h[j] + lam)
            assert _close(values[f"shrink{key}{word}"], factor, 2)
            assert _close(values[f"ridge{key}{word}"], factor * theta[j], 2)
    assert (values["lamLow"], values["lamHigh"]) == ("25", "45")
    # 25 < H_11|θ̂_1| = 35.2 < 45: the two cases of the lecture
    assert values["caseLow"] == "both components shifted"
    assert values["caseHigh"] == "$\\theta_1$ set to~0, $\\theta_2$ shifted"
    assert values["lassoHigh"] == "(0,\\ " + values["lassoHighTwo"] + ")^{\\top}"


def test_correlated_case_values_hold_the_optimality_conditions(data, values):
    quad = data["correlated_case"]["quadratic"]
    h, theta = quad["hessian"], quad["theta_hat"]
    assert abs(h[0, 1]) > 1.0  # correlated features
    lam = 45.0  # the largest λ, the one figure l1_vs_l2 draws
    assert values["corrLam"] == "45"
    lasso = np.array([float(values["corrLassoOne"]), float(values["corrLassoTwo"])])
    rotated = np.array([float(values["corrRotatedOne"]), float(values["corrRotatedTwo"])])
    g = [float(values["corrGradLassoOne"]), float(values["corrGradLassoTwo"])]
    # the printed gradient is H(θ − θ̂) at the printed point (up to the printing's rounding)
    assert np.allclose(g, h @ (lasso - theta), atol=2.0)
    for j in range(2):
        if values[f"corrLasso{['One', 'Two'][j]}"] == "0":
            assert abs(g[j]) <= lam
        else:
            assert g[j] == pytest.approx(-lam * np.sign(lasso[j]))
    g_rot = [float(values["corrGradRotatedOne"]), float(values["corrGradRotatedTwo"])]
    assert np.all(rotated != 0) and not np.allclose(g_rot, -lam * np.sign(rotated), atol=1.0)
    assert _close(values["corrGap"], float(np.linalg.norm(lasso - rotated)), 1)
    assert float(values["corrGap"]) > 0.5  # the L1 norm is not rotation invariant
    assert values["corrHessian"].startswith("\\begin{pmatrix}")


def test_proximal_values(values):
    assert (values["proxStepSize"], values["proxLam"]) == ("0.005", "45")
    assert float(values["proxPull"]) == pytest.approx(STEP_SIZE * 45)
    assert float(values["proxDecayFactor"]) == pytest.approx(1 - STEP_SIZE * 45)
    assert values["proxPull"] == "0.225" and values["proxDecayFactor"] == "0.775"


def test_running_example_box_names_the_decorrelation(data, values):
    assert values["runningExample"] == "\\exampleGenerate"
    assert values["decorrelation"] == "\\exampleDecorrelated"
    assert values["trueWeights"] == "(0.5,\\ 3)^{\\top}" and values["nObs"] == "100"
    plain = {**SCENARIOS["running_example"], "source": {"generate": GENERATE}}
    assert deck_values(data, {**SCENARIOS, "running_example": plain})["decorrelation"] == (
        "\\exampleDiagonal"
    )


def test_a_correlated_running_example_is_refused(data):
    swapped = {
        "running_example": data["correlated_case"],
        "correlated_case": data["correlated_case"],
    }
    with pytest.raises(ValueError, match="needs a diagonal Hessian"):
        deck_values(swapped, SCENARIOS)


def test_the_two_cases_need_two_lambdas(data):
    one = {**SCENARIOS["running_example"], "lambdas": {"l1": [45.0]}}
    with pytest.raises(ValueError, match="small and a large"):
        deck_values(data, {**SCENARIOS, "running_example": one})
    missing = {**SCENARIOS["running_example"], "lambdas": {"l1": [25.0, 30.0]}}
    with pytest.raises(KeyError, match="30.0"):
        deck_values(data, {**SCENARIOS, "running_example": missing})


def test_values_are_macro_names(values):
    assert deck.parse_values_tex(deck.values_tex(values)) == values


def test_source_uses_every_value_and_types_no_number(values):
    source = latex._strip_comments((SLIDES / SOURCE).read_text())
    body = source.split("\\begin{document}", 1)[1]  # the preamble has its class options
    body = re.sub(r"\\begin\{thebibliography\}.*?\\end\{thebibliography\}", "", body, flags=re.S)
    body = body.replace("fig.~3.11", "")
    body = re.sub(r"\\arraystretch\}\{[\d.]+\}", "", body)
    body = re.sub(
        r"-?\d*\.?\d+\s*(?:\\textwidth|\\linewidth|\\textheight|pt|cm|mm|em|ex)", "", body
    )
    assert re.findall(r"(?<![\w\\])\d+\.\d+", body) == []  # no typed decimal numbers
    assert re.findall(r"(?<![\w\\{_^])\d{2,}", body) == []  # nor typed numbers like 45
    roles = set(re.findall(r"\\colorword\{(\w+)\}", source))
    assert roles <= {r.replace("_", "") for r in style.COLOR_WORDS}
    # the running example's description (\exampleGenerate, ...) is the shared preamble's
    preamble = latex._strip_comments((SLIDES / "preamble.tex").read_text())
    used = set(re.findall(r"\\([A-Za-z]+)", source + preamble))
    # every value is printed, a point at least as a vector or as its components
    unused = {
        name
        for name in set(values) - used
        if not {re.sub(r"(One|Two)$", "", name), name + "One"} & used
    }
    assert unused == set(), "values the deck never prints"


def test_values_name_the_scenario_folders(values):
    assert {name: values[name] for name in FOLDERS} == FOLDERS


# --------------------------------------------------------------------------- build
def make_l1_project(root: Path, values: dict[str, str]) -> tuple[Path, list[Path]]:
    """A project folder with the deck's sources, its generated inputs and stand-in media;
    returns (the source, the generated folders)."""
    generated = [root / "slides/generated" / Path(SOURCE).stem, root / "slides/generated"]
    generated[0].mkdir(parents=True)
    for name in (SOURCE, "preamble.tex", "beamerthemel2geom.sty"):
        shutil.copy(SLIDES / name, root / "slides" / name)
    (generated[0] / "values.tex").write_text(deck.values_tex(values))
    (generated[1] / "colors.tex").write_text(deck.colors_tex())
    for (scenario, name), (width, height) in FIGURES.items():
        standin_figure(root / "figures" / scenario / f"{name}.pdf", width, height, name)
    for name in ANIMATIONS:
        folder = root / "figures" / FOLDERS["exampleScenario"] / "animations"
        standin_animation(folder, name, FOLDERS["exampleScenario"])
    return root / "slides" / SOURCE, generated


@pytest.fixture(scope="module")
def built(tmp_path_factory, values):
    """(tex, pdf, log text) of one build of the real source against stand-ins."""
    tex, generated = make_l1_project(tmp_path_factory.mktemp("l1-deck"), values)
    pdf = tex.parent / "build" / "l1-geometry.pdf"
    log = tex.parent.parent / "latex.log"
    latex.compile_deck(tex, pdf, EPOCH, log=log, generated=generated)
    return tex, pdf, log.read_text()


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def pdf_info(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout


def test_deck_shows_every_frame_title_in_order(built):
    text = pdf_text(built[1])
    positions = [text.find(title) for title in FRAME_TITLES]
    assert -1 not in positions, [t for t, p in zip(FRAME_TITLES, positions) if p < 0]
    assert positions == sorted(positions)
    assert [title for _, _, title, _ in latex.frames(built[0].read_text()) if title] == FRAME_TITLES


def test_page_count_and_metadata(built):
    tex, pdf, _ = built
    info = pdf_info(pdf)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, flags=re.M).group(1))
    assert pages == latex.expected_pages(tex.read_text())
    assert re.search(r"^Title:\s+Geometry of L1 Regularization$", info, flags=re.M)


def test_log_is_clean(built):
    log = built[2].split("===== l1-geometry.log =====", 1)[1]
    assert "Output written on" in log
    assert latex.check_log(log) == []  # no error, undefined reference or wide box
    assert "Undefined control sequence" not in log


def _printed(value: str) -> str:
    """How pdftotext shows a generated value: vectors as (a, b)⊤, minus as −."""
    return value.replace(",\\ ", ", ").replace("^{\\top}", "⊤").replace("-", "−")


def test_numbers_in_the_deck_are_the_generated_ones(built, values):
    text = pdf_text(built[1])
    numbers = {
        name: value
        for name, value in values.items()
        if not re.search(r"[\\$~]", value) and name not in FOLDERS  # folders are not printed
    }
    assert len(numbers) >= 40
    for name, value in sorted(numbers.items()):
        if name in {"featureLow", "featureHigh", "trueWeights"}:
            continue  # inside [a, b]^2 and w = (...)ᵀ, set differently by pdftotext
        assert _printed(value) in text, f"\\{name} = {value!r} not printed"


def test_movies_are_linked_relative_to_the_pdf(built):
    objects = pdf_objects(built[1])
    for name in ANIMATIONS:
        path = f"../../figures/course_pca/animations/{name}.mp4".encode()
        assert b"/Movie << /F (" + path + b")" in objects
    assert objects.count(b"/Subtype /Movie") == len(ANIMATIONS)


def test_handout_builds_clean(built, values):
    tex = built[0]
    pdf = tex.parent / "build" / "l1-geometry-handout.pdf"
    log = tex.parent.parent / "handout.log"
    generated = [tex.parent / "generated" / tex.stem, tex.parent / "generated"]
    latex.compile_deck(tex, pdf, EPOCH, log=log, generated=generated, handout=1)
    text = log.read_text().split("===== l1-geometry-handout.log =====", 1)[1]
    assert latex.check_log(text) == []
    assert all(title in pdf_text(pdf) for title in FRAME_TITLES)
