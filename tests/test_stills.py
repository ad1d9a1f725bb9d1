"""Stage stills' names, the snippet's LaTeX, and the snippet in a foreign beamer deck."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from conftest import pdf_objects
from PIL import Image

from l2geom.animations.stills import handout_pages, latex_text, slug, snippet, still_name
from l2geom.catalogue import ANIMATIONS
from l2geom.slides import latex

ROOT = Path(__file__).resolve().parents[1]


def scene_stages(name):
    """The declared stages of a scene, read from its source (no Manim import here)."""
    from l2geom.animations.rendering import scene_class

    return scene_class(name).STAGES


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("the picture", "the-picture"),
        ("step 1", "step-1"),
        ("θ̂_Ridge", "theta-ridge"),
        ("λ = 0", "lambda-0"),
        ("λ = σ₁", "lambda-sigma1"),
        ("λ → ∞", "lambda-to-infinity"),
        ("Adam + L2 vs AdamW", "adam-l2-vs-adamw"),
    ],
)
def test_still_names_are_file_name_safe(label, expected):
    assert slug(label) == expected
    assert still_name(7, label) == f"07-{expected}.png"


def test_a_label_without_letters_or_digits_is_refused():
    with pytest.raises(ValueError, match="gives no file name"):
        slug("· ·")


@pytest.mark.parametrize("name", sorted(ANIMATIONS))
def test_every_declared_stage_has_a_unique_still_name_and_latex(name):
    stages = scene_stages(name)
    names = [still_name(i, s.label) for i, s in enumerate(stages, start=1)]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+\.png", n) for n in names)
    for stage in stages:  # every symbol of the texts has its LaTeX
        assert latex_text(stage.label).isascii() and latex_text(stage.description).isascii()


def test_latex_text_writes_symbols_as_math_and_escapes_specials():
    assert latex_text("θ̂_Ridge = Q(Σ+λI)⁻¹ΣQᵀθ̂") == (
        r"$\hat{\theta}_{\mathrm{Ridge}}$ = Q($\Sigma$+$\lambda$I)"
        r"$^{-1}\Sigma$Q$^{\top}\hat{\theta}$"
    )
    assert latex_text("50% & R_emp, a_b #1") == r"50\% \& $\mathcal{R}_{\mathrm{emp}}$, a\_b \#1"
    with pytest.raises(ValueError, match="no LaTeX for '☃'"):
        latex_text("a snowman ☃")


@pytest.mark.parametrize(
    ("count", "sizes"), [(1, [1]), (4, [4]), (5, [3, 2]), (6, [3, 3]), (8, [4, 4]), (9, [3, 3, 3])]
)
def test_handout_pages_hold_at_most_four_stills_balanced(count, sizes):
    assert [len(page) for page in handout_pages(count)] == sizes


# ------------------------------------------------------------ a lecturer's own deck
STAGES = [
    ("the picture", "θ̂ among the R_emp contours."),
    ("rescale", "Each component is multiplied by σᵢ/(σᵢ+λ)."),
    ("λ → ∞", "Both factors go to 0: θ̂_Ridge reaches the origin."),
    ("θ̂_Ridge", "The contour touches the circle at θ̂_Ridge."),
    ("the end", "Fifty % done & more."),
]
COLOURS = [(230, 30, 30), (30, 160, 30), (30, 30, 230), (200, 160, 0), (120, 0, 160)]


def make_animation(folder: Path, name: str = "toy") -> dict:
    """A stand-in animation (stills of one colour each, a poster, a fake movie) and its
    snippet, as a render writes them; the pause-points record."""
    pauses = [
        {
            "time": float(i + 1),
            "label": label,
            "description": text,
            "stage": i + 1,
            "still": still_name(i + 1, label),
        }
        for i, (label, text) in enumerate(STAGES)
    ]
    record = {
        "movie": f"{name}.mp4",
        "pauses": pauses,
        "stills": [p["still"] for p in pauses],
        "poster": "rescale",
    }
    (folder / name).mkdir(parents=True)
    for pause, colour in zip(pauses, COLOURS):
        Image.new("RGB", (160, 90), colour).save(folder / name / pause["still"])
    shutil.copy(folder / name / pauses[1]["still"], folder / f"{name}.png")
    (folder / f"{name}.mp4").write_bytes(b"not a real movie")
    (folder / f"{name}.tex").write_text(snippet(name, "myscenario", record))
    return record


FOREIGN = r"""\documentclass[%s]{beamer}
\usetheme{Madrid}
\usepackage{multimedia}
\title{Someone else's lecture}
\begin{document}
\begin{frame}{Before}Some text of the lecturer's.\end{frame}
\begin{frame}{An animation from l2geom}
  \input{media/toy.tex}
\end{frame}
\begin{frame}{After}More text.\end{frame}
\end{document}
"""


def compile_foreign(folder: Path, mode: str) -> tuple[Path, str]:
    tex = folder / f"lecture-{mode}.tex"
    tex.write_text(FOREIGN % ("handout" if mode == "handout" else ""))
    run = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=folder,
        capture_output=True,
        text=True,
        env=latex.latex_env(1767225600, ""),
    )
    log = tex.with_suffix(".log").read_text(errors="replace")
    assert run.returncode == 0, run.stdout[-3000:]
    assert not latex.check_log(log), latex.check_log(log)
    return tex.with_suffix(".pdf"), log


def page_texts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return [" ".join(page.split()) for page in out.stdout.split("\f")[:-1]]


def page_colours(pdf: Path, page: int) -> set[tuple[int, int, int]]:
    """The stand-in stills' colours found on a page (rendered at 50 dpi)."""
    out = subprocess.run(
        ["pdftoppm", "-r", "50", "-f", str(page), "-l", str(page), "-png", str(pdf)],
        capture_output=True,
        check=True,
    )
    from io import BytesIO

    pixels = np.asarray(Image.open(BytesIO(out.stdout)).convert("RGB")).reshape(-1, 3)
    found = {tuple(int(v) for v in p) for p in np.unique(pixels, axis=0)}
    return {c for c in COLOURS if c in found}


@pytest.mark.slow
def test_a_snippet_in_a_foreign_beamer_deck_in_both_modes(tmp_path):
    make_animation(tmp_path / "media")
    # presentation: one page, the poster (stage "rescale") as a movie's picture
    pdf, log = compile_foreign(tmp_path, "presentation")
    texts = page_texts(pdf)
    assert len(texts) == 3 and "An animation from l2geom" in texts[1]
    assert page_colours(pdf, 2) == {COLOURS[1]}  # the poster, no still
    raw = pdf_objects(pdf)
    assert b"/Movie" in raw and b"(media/toy.mp4)" in raw
    # handout: the frame becomes two pages (3 + 2 stills), labels and descriptions below
    pdf, log = compile_foreign(tmp_path, "handout")
    texts = page_texts(pdf)
    assert len(texts) == 4, texts
    assert page_colours(pdf, 2) == set(COLOURS[:3])
    assert page_colours(pdf, 3) == set(COLOURS[3:])
    assert "1. the picture" in texts[1] and "3. λ → ∞" in texts[1]
    assert "Each component is multiplied by σi /(σi +λ)" in texts[1]
    assert "4. θ̂Ridge" in texts[2] and "Fifty % done & more." in texts[2]
    assert b"/Movie" not in pdf_objects(pdf)


def test_a_snippet_says_how_to_use_it():
    record = {
        "pauses": [{"label": "a", "description": "b", "stage": 1, "still": "01-a.png"}],
        "stills": ["01-a.png"],
        "poster": "a",
    }
    text = snippet("toy", "course", record)
    assert "\\input{figures/course/animations/toy.tex}" in text
    assert "\\usepackage{multimedia}" in text and "handout" in text
