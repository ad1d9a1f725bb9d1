"""A lecturer's own directory: l2geom builds there from its Snakefile's path, and as a
Snakemake module of the lecturer's own Snakefile, with the lecturer's beamer theme."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from conftest import ROOT

pytestmark = pytest.mark.slow

THEME = r"""% A course's own theme: what the test finds on every page.
\mode<presentation>
\setbeamercolor{frametitle}{fg=l2ridge}
\setbeamertemplate{navigation symbols}{}
\setbeamertemplate{footline}{\hfill\tiny Foreign Course Theme \insertframenumber\hfill}
\mode<all>
"""

MODULE_SNAKEFILE = f"""configfile: "l2geom.yaml"


module l2geom:
    snakefile:
        "{ROOT / "Snakefile"}"
    config:
        config


use rule * from l2geom as l2geom_*


rule all:
    default_target: True
    input:
        rules.l2geom_all.input,
"""


def lecturer_config(folder, **deck):
    """The repository's config at preview quality, short, as the lecturer's l2geom.yaml."""
    config = yaml.safe_load((ROOT / "config/config.yaml").read_text())
    config.update(quality="preview", short_animations=True)
    config["decks"]["l2-weight-decay"].update(deck)
    (folder / "l2geom.yaml").write_text(yaml.safe_dump(config))


def snakemake(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "snakemake", *args], cwd=cwd, capture_output=True, text=True
    )


def pdf_text(path):
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_build_in_a_directory_outside_the_repository_with_the_lecturers_theme(tmp_path):
    course = tmp_path / "my-course"
    course.mkdir()
    (course / "beamerthemecourse.sty").write_text(THEME)
    lecturer_config(course, theme="beamerthemecourse.sty")
    base = ["-s", str(ROOT / "Snakefile"), "--directory", str(course), "--cores", "2"]
    where = tmp_path  # snakemake started from elsewhere again
    dry = snakemake(*base, "-n", "--configfile", str(course / "l2geom.yaml"), cwd=where)
    assert dry.returncode == 0, dry.stderr[-3000:]
    run = snakemake(*base, "--configfile", str(course / "l2geom.yaml"), cwd=where)
    assert run.returncode == 0, run.stderr[-3000:]
    assert (course / "figures/course/goodfellow_flat.pdf").is_file()
    text = pdf_text(course / "slides/build/l2-weight-decay.pdf")
    pages = text.count("\f")
    # the theme's footline on every page but the [plain] ones (title, animations)
    assert pages > 20 and pages - 6 <= text.count("Foreign Course Theme") < pages
    assert (course / "slides/build/html/l2-weight-decay/index.html").is_file()
    assert not (ROOT / "my-course").exists()


def test_l2geom_as_a_module_of_the_lecturers_snakefile(tmp_path):
    (tmp_path / "Snakefile").write_text(MODULE_SNAKEFILE)
    lecturer_config(tmp_path)
    dry = snakemake("-n", "--cores", "1", cwd=tmp_path)
    assert dry.returncode == 0, dry.stderr[-3000:]
    assert "l2geom_deck" in dry.stdout and "l2geom_figure_goodfellow" in dry.stdout
    run = snakemake(
        "--cores",
        "2",
        "figures/course/shrink_factors.pdf",
        "slides/build/l2-weight-decay.pdf",
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert (tmp_path / "figures/course/shrink_factors.pdf").is_file()
    assert "Geometric Analysis" in pdf_text(tmp_path / "slides/build/l2-weight-decay.pdf")
