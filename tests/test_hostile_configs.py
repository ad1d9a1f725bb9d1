"""Every malformed config stops `snakemake` before any job: one line, no traceback,
non-zero exit, and nothing already built is touched."""

import os
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from test_config import CASES

EXTRA = [  # YAML-level problems the dict-based cases cannot express
    ("scenarios:\n  course: [1, 2\n", "Config file is not valid"),
    ("quality: preview\n", "scenarios: required key is missing"),
    ("- just\n- a list\n", "keys at top level"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project directory holding a finished output, with its modification time."""
    work = tmp_path_factory.mktemp("hostile")
    done = work / "results/data/course/quadratic.npz"
    done.parent.mkdir(parents=True)
    done.write_bytes(b"finished before")
    os.utime(done, (1_000_000_000, 1_000_000_000))
    return work, done


def run_with(work, text):
    (work / "bad.yaml").write_text(text)
    return subprocess.run([sys.executable, "-m", "snakemake", "-s", str(ROOT / "Snakefile"),
                           "--configfile", "bad.yaml", "--cores", "1"],
                          cwd=work, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.parametrize("text, message",
                         [(yaml.safe_dump(c), m) for c, m in CASES] + EXTRA,
                         ids=[m[:40] for _, m in CASES] + [m for _, m in EXTRA])
def test_snakemake_rejects_before_any_job(built, text, message):
    work, done = built
    run = run_with(work, text)
    assert run.returncode != 0
    output = run.stdout + run.stderr
    assert "Traceback" not in output and "Building DAG" not in output
    assert message in output
    assert sum("error" in line.lower() for line in output.splitlines()) == 1
    assert done.read_bytes() == b"finished before" and done.stat().st_mtime == 1_000_000_000
