"""Shared fixtures: small data files written straight from the numeric core."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import numpy as np
import pytest

from l2geom import datafile
from l2geom.core import compute, compute_l1
from l2geom.core.quadratic import from_regression, generate_regression

ROOT = Path(__file__).resolve().parents[1]


def write_scenario_data(folder: Path, steps: int = 40) -> dict[str, Path]:
    """The data files of a small course-like scenario in ``folder``; returns name -> path."""
    x, y = generate_regression(np.random.default_rng(7), 100, [0.5, 3.0], 0.5)
    quad = from_regression(x, y)
    start, step = np.zeros(2), 0.005
    lams = [5.0, 10.0, 50.0]
    descent = compute.descent_data(quad, start, step, steps, lams)
    touch = compute.tangency_data(quad, lams)
    files = {
        "quadratic": compute.quadratic_data(quad),
        "descent": descent,
        "ridge_path": compute.ridge_path_data(quad, 60),
        "rescale": compute.rescale_data(quad, 50.0),
        "tangency": touch,
        "landscape": compute.landscape_data(quad, start, step, steps, resolution=101),
        "adaptive": compute.adaptive_data(
            quad,
            start,
            step,
            steps,
            lam=0.5,
            learning_rate=0.05,
            adam_steps=400,
            beta1=0.9,
            beta2=0.99,
            eps=1e-8,
        ),
        "early_stopping": compute.early_stopping_data(quad, step, [5, 10, 20]),
        "lasso": compute_l1.lasso_data(quad, lams),
        "lasso_path": compute_l1.lasso_path_data(quad, 60),
        "proximal": compute_l1.proximal_data(quad, start, step, steps, lams),
    }
    # The pipeline's per-use files, each holding every λ above (figure tests use the
    # generic names, scenes read the per-use ones).
    for use in ("decay", "pull", "rescale"):
        files[f"tangency_{use}"] = touch
        if use != "rescale":
            files[f"descent_{use}"] = descent
    paths = {}
    for name, arrays in files.items():
        paths[name] = folder / f"{name}.npz"
        datafile.save(paths[name], arrays, datafile.provenance({"test": name}))
    return paths


def registry_data(plan) -> dict[str, dict[str, np.ndarray]]:
    """Every data file of a checked scenario (l2geom.config.scenario.Scenario), computed in
    memory by its catalogue spec, as the compute rules compute it."""
    from l2geom import catalogue

    files = {}
    for name in catalogue.data_files(plan.dim, plan.figures, plan.animations):
        spec = catalogue.DATA_FILES[name]
        kwargs = {arg: get(plan) for arg, get in spec.params.items()}
        if spec.reads_quadratic:
            kwargs["quad"] = plan.quad
        files[name] = catalogue.resolve(spec.compute)(**kwargs)
    return files


@pytest.fixture(scope="session")
def scenario_data(tmp_path_factory) -> dict[str, Path]:
    """Paths of the data files of a small scenario (λ = 5, 10, 50; rescale λ = 50)."""
    return write_scenario_data(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="session")
def small_build(tmp_path_factory) -> Path:
    """A clean build of tools/scratch.SMALL_CONFIG (one scenario, one figure family, one
    short preview animation) with the build command, to hold other builds against."""
    import subprocess
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from scratch import make_small_scratch, scratch_env

    work = make_small_scratch(tmp_path_factory.mktemp("small-build"))
    run = subprocess.run(
        [sys.executable, "-m", "l2geom.build", "--cores", "2"],
        cwd=work,
        env=scratch_env(work),
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return work


@pytest.fixture(scope="session", autouse=True)
def tex_cache(tmp_path_factory) -> Path:
    """One TeX cache for the whole test session (renders, and the builds tests start,
    which inherit the environment), not the user's."""
    from l2geom.animations.tex_cache import CACHE_ENV

    folder = tmp_path_factory.mktemp("tex-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(folder))
        yield folder


def chromium():
    """Debian's chromium, headless, through /usr/bin/chromedriver (Selenium), at 1 CSS
    pixel per screen pixel, with no flags a lecturer's browser would not have."""
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1280,800",
        "--hide-scrollbars",
    ):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def pdf_objects(pdf: Path) -> bytes:
    """The PDF's bytes with every Flate stream (object streams included) inflated, each
    read from its start to the end of its compressed data (a regex up to "endstream"
    would cut off a stream whose data end in a CR byte)."""
    raw = pdf.read_bytes()
    parts = [raw]
    for m in re.finditer(rb"stream\r?\n", raw):
        try:
            parts.append(zlib.decompressobj().decompress(raw[m.end() :]))
        except zlib.error:
            pass
    return b"\n".join(parts)


# ------------------------------------------------------------ stand-ins for a deck build
def spec_values(spec, data, scenarios) -> dict[str, str]:
    """The values.tex macros of the deck source ``spec`` (a catalogue DeckSpec) as the rule
    slide_values makes them: its values function and every part's folder macro."""
    from l2geom.slides.values import deck_values

    macros = {part: needs.macro for part, needs in spec.parts.items()}
    return deck_values(spec.values, macros, data, scenarios)


def standin_figure(path: Path, width: float, height: float, label: str) -> None:
    """A PDF or PNG of the given size (inches) that shows ``label``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(width, height))
    ax.text(0.5, 0.5, label, ha="center", va="center")
    fig.savefig(path, metadata={"CreationDate": None})
    plt.close(fig)


def standin_animation(folder: Path, name: str, scenario: str) -> None:
    """An animation's files in ``folder`` (figures/{scenario}/animations/): a poster, a
    stand-in movie, a still per stage its scene declares (a 16:9 PNG of one grey) and the
    snippet, written by the code a render uses."""
    from PIL import Image

    from l2geom.animations.rendering import scene_class
    from l2geom.animations.stills import snippet, still_name

    standin_figure(folder / f"{name}.png", 8.54, 4.8, name)
    (folder / f"{name}.mp4").write_bytes(b"stand-in video")
    pauses = [
        {
            "label": s.label,
            "description": s.description,
            "stage": i,
            "still": still_name(i, s.label),
        }
        for i, s in enumerate(scene_class(name).STAGES, start=1)
    ]
    (folder / name).mkdir(parents=True, exist_ok=True)
    for i, pause in enumerate(pauses):
        Image.new("RGB", (854, 480), (200 - 10 * i,) * 3).save(folder / name / pause["still"])
    record = {"pauses": pauses, "stills": [p["still"] for p in pauses], "poster": None}
    (folder / f"{name}.tex").write_text(snippet(name, scenario, record))
