"""environment.yml (conda) and pyproject.toml (pip) name the same Python packages; the
locks pin them; the SLURM layer stays out of the default environment."""

import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib

import pytest
import yaml
from conftest import ROOT

NOT_PYTHON = {"python", "ffmpeg", "texlive-core", "poppler", "nodejs", "pip"}
SLURM_LAYER = ROOT / ".venv" / "slurm-plugin"


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _pins(lock: str) -> dict[str, str]:
    """name -> pinned version of a lock file (every line ``name==version``)."""
    pins = {}
    for line in (ROOT / lock).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, sep, version = line.strip().partition("==")
            assert sep and version, f"{lock}: not an exact pin: {line!r}"
            pins[_name(name)] = version
    return pins


def test_conda_and_pip_name_the_same_packages():
    """The conda environment is the default one: dependencies and the dev extra, not the
    opt-in SLURM layer."""
    project = _project()
    pip_names = {_name(r) for r in project["dependencies"]}
    pip_names |= {_name(r) for r in project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_names = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - NOT_PYTHON
    assert conda_names == pip_names


def test_lock_pins_every_direct_dependency():
    project = _project()
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    assert wanted <= set(_pins("requirements.lock"))


def test_slurm_lock_pins_exactly_the_slurm_extra():
    """requirements-slurm.lock holds the `slurm` extra, at its versions, and nothing of it
    is in requirements.lock (which would put it back into .venv's site-packages)."""
    extra = _project()["optional-dependencies"]["slurm"]
    wanted = {_name(r): r.split("==")[1] for r in extra if "==" in r}
    assert len(wanted) == len(extra), f"the slurm extra pins exact versions: {extra}"
    assert _pins("requirements-slurm.lock") == wanted
    assert not set(wanted) & set(_pins("requirements.lock"))


def test_slurm_layer_needs_nothing_outside_the_main_lock():
    """The layer is installed with --no-deps: every dependency of its packages (on Linux)
    must come from requirements.lock or from the layer itself."""
    if not SLURM_LAYER.is_dir():
        pytest.skip(f"SLURM layer not installed in {SLURM_LAYER} (make slurm-setup)")
    layer = {
        _name(d.metadata["Name"]): d
        for d in importlib.metadata.distributions(path=[str(SLURM_LAYER)])
    }
    assert set(layer) == set(_pins("requirements-slurm.lock"))
    available = set(layer) | set(_pins("requirements.lock"))
    needed = set()
    for dist in layer.values():
        for req in dist.requires or []:
            marker = req.partition(";")[2]
            if "extra ==" in marker or "win32" in marker or "emscripten" in marker:
                continue
            needed.add(_name(req))
    assert needed <= available, f"not pinned anywhere: {sorted(needed - available)}"


def test_pandas_is_not_in_the_default_environment(tmp_path):
    """Snakemake imports pandas at every start when it can find it (its persistence checks
    params against pandas types, and snakemake-executor-plugin-slurm, which its plugin
    registry imports, imports pandas at module level): ~0.3 s on each run, a no-op
    rebuild included. Both live in the opt-in SLURM layer (requirements-slurm.lock,
    .venv/slurm-plugin), on sys.path only through PYTHONPATH."""
    # this venv's python as snakemake runs it (user site included), without PYTHONPATH,
    # from an empty directory
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            "import importlib.util as u; print(*(m for m in "
            "('pandas', 'snakemake_executor_plugin_slurm') if u.find_spec(m)))",
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert found == [], (
        f"{', '.join(found)} importable from the default environment ({sys.prefix}): every "
        "snakemake start would import pandas (~0.3 s); they belong in .venv/slurm-plugin "
        "only (bash tools/setup.sh removes them from .venv)"
    )
