"""environment.yml (conda) and pyproject.toml (pip) name the same Python packages."""

import re
import tomllib

import yaml

from conftest import ROOT

NOT_PYTHON = {"python", "ffmpeg", "texlive-core", "poppler", "pip"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ]", requirement.strip(), maxsplit=1)[0].lower()


def test_conda_and_pip_name_the_same_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_names = {_name(r) for r in project["dependencies"]}
    pip_names |= {_name(r) for r in project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_names = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - NOT_PYTHON
    assert conda_names == pip_names


def test_lock_pins_every_direct_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    locked = {_name(line) for line in (ROOT / "requirements.lock").read_text().splitlines()
              if line and not line.startswith("#")}
    assert wanted <= locked
