"""The field's linters (what `make lint` runs besides Snakemake's own) find nothing."""

import subprocess
import sys

import pytest
from conftest import ROOT

SOURCES = ["src", "tests", "workflow/scripts", "tools", "benchmarks"]


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", *SOURCES],
        ["ruff", "format", "--check", *SOURCES],
        ["mypy"],
        ["deptry", "src"],
    ],
    ids=["ruff", "ruff-format", "mypy", "deptry"],
)
def test_linter_is_clean(command):
    run = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
