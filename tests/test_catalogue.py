"""The registry: every spec names a function that takes exactly what the generated rule
passes; the package has no import circle; a new figure family is one module plus one spec."""

from __future__ import annotations

import ast
import inspect
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from l2geom import catalogue

PACKAGE = ROOT / "src" / "l2geom"


@pytest.mark.parametrize("name", sorted(catalogue.DATA_FILES))
def test_a_data_file_function_takes_exactly_the_specs_arguments(name):
    spec = catalogue.DATA_FILES[name]
    wanted = {*spec.params, *(("quad",) if spec.reads_quadratic else ())}
    signature = inspect.signature(catalogue.resolve(spec.compute))
    required = {p.name for p in signature.parameters.values() if p.default is p.empty}
    assert required <= wanted <= set(signature.parameters), spec.compute


@pytest.mark.parametrize("family", sorted(catalogue.FIGURES))
def test_a_figure_function_takes_exactly_the_specs_arguments(family):
    spec = catalogue.FIGURES[family]
    signature = inspect.signature(catalogue.resolve(spec.draw))
    assert set(signature.parameters) == {*spec.reads, *spec.params}, spec.draw
    assert set(spec.reads.values()) <= set(catalogue.DATA_FILES)


@pytest.mark.parametrize("name", sorted(catalogue.ANIMATIONS))
def test_an_animation_is_its_scene_module_and_reads_known_data(name):
    pytest.importorskip("manim")
    from l2geom.animations.rendering import scene_class
    from l2geom.animations.scene import animation_spec

    spec = catalogue.ANIMATIONS[name]
    assert animation_spec(scene_class(name)) is spec
    assert set(spec.reads.values()) <= set(catalogue.DATA_FILES)
    init = inspect.signature(scene_class(name).__init__).parameters
    assert set(spec.params) <= set(init), "a scene parameter the scene does not take"


@pytest.mark.parametrize("source", sorted(catalogue.DECKS))
def test_a_deck_shows_and_reads_what_the_catalogue_makes(source):
    spec = catalogue.DECKS[source]
    assert (ROOT / "slides" / f"{source}.tex").is_file()
    for part in spec.parts.values():
        assert set(part.figures) <= set(catalogue.FIGURES)
        assert set(part.animations) <= set(catalogue.ANIMATIONS)
        assert set(part.reads) <= set(catalogue.DATA_FILES)
        assert part.default is None or part.default in spec.parts
    assert callable(catalogue.resolve(spec.values))
    # every part's macro names the scenario folder of the figures the source shows
    text = (ROOT / "slides" / f"{source}.tex").read_text()
    assert {part.macro for part in spec.parts.values()} <= set(re.findall(r"\\\w+", text))


def _imports(path: Path) -> set[str]:
    """The l2geom modules that the module at ``path`` imports (anywhere in it)."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    package = package.removesuffix(".__init__")
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return {name for name in found if name.startswith("l2geom")}


def test_the_package_has_no_import_circle():
    modules = {
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): p
        for p in PACKAGE.rglob("*.py")
    }
    graph = {
        name: {m for m in _imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    # a package's own __init__ importing its submodules is not a circle with them
    graph = {
        name: {m for m in targets if not m.startswith(f"{name}.")}
        for name, targets in graph.items()
    }
    done, stack = set(), []

    def visit(name):
        if name in stack:
            raise AssertionError(
                "import circle: " + " -> ".join([*stack[stack.index(name) :], name])
            )
        if name in done:
            return
        stack.append(name)
        for target in sorted(graph[name]):
            visit(target)
        stack.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)


def test_compute_jobs_import_no_config_checking():
    script = (
        "import sys, l2geom.core.compute, l2geom.datafile, l2geom.catalogue\n"
        "print(sorted(m for m in sys.modules if m.startswith('l2geom.config')))"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


TOY_MODULE = '''"""A toy figure family: the shrink factors as bars."""

from ..datafile import Data
from .output import new_figure, styled


@styled
def figure(rescale: Data, lam: float):
    fig = new_figure(3.0, 2.0)
    ax = fig.subplots()
    ax.bar([1, 2], rescale["factors"])
    ax.set_title(f"lambda = {lam:g}")
    return fig
'''
TOY_SPEC = """        FigureSpec("toy", "l2geom.figures.toy:figure", {"rescale": "rescale"},
                   {"lam": first_lambda("rescale")}),
"""
FIGURES_LIST = "FIGURES: dict[str, FigureSpec] = _by_name(\n    [\n"


@pytest.mark.slow
def test_a_new_figure_family_is_its_module_plus_one_spec(tmp_path):
    """In a copy of the repository: add the module and the spec, nothing else, and the
    figure builds from a config that asks for it."""
    copy = tmp_path / "l2geom"
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(copy)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "copy"], check=True)

    (copy / "src/l2geom/figures/toy.py").write_text(TOY_MODULE)
    registry = copy / "src/l2geom/catalogue.py"
    text = registry.read_text()
    assert text.count(FIGURES_LIST) == 1  # the spec goes first in the list of figure specs
    registry.write_text(text.replace(FIGURES_LIST, FIGURES_LIST + TOY_SPEC))

    config = yaml.safe_load((ROOT / "config/config.yaml").read_text())
    course = config["scenarios"]["course"]
    course.update(figures=["toy"], animations=[])
    (tmp_path / "toy.yaml").write_text(yaml.safe_dump({"scenarios": {"course": course}}))
    env = {**os.environ, "PYTHONPATH": str(copy / "src")}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "--cores",
            "2",
            "figures/course/toy.pdf",
            "figures/course/toy.png",
            "--configfile",
            str(tmp_path / "toy.yaml"),
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    assert (copy / "figures/course/toy.pdf").read_bytes().startswith(b"%PDF")
    status = subprocess.run(
        [*git, "status", "--porcelain"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert sorted(status) == [" M src/l2geom/catalogue.py", "?? src/l2geom/figures/toy.py"]
