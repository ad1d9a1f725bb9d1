"""No config value reaches a shell; YAML is read safely; outputs stay in the project."""

import re
import subprocess
import sys

from conftest import ROOT

CODE = [
    *ROOT.glob("src/**/*.py"),
    *ROOT.glob("workflow/**/*.py"),
    *ROOT.glob("workflow/**/*.smk"),
    ROOT / "Snakefile",
    *ROOT.glob("tools/**/*.py"),
    *ROOT.glob("benchmarks/*.py"),
]


def test_no_shell_anywhere():
    """Rules run scripts (script:), never shell commands; programs get argument lists."""
    pattern = re.compile(r"shell\s*=\s*True|os\.system\(|os\.popen\(|^\s*shell:", re.M)
    hits = [str(p.relative_to(ROOT)) for p in CODE if pattern.search(p.read_text())]
    assert hits == []


def test_yaml_is_only_read_with_the_safe_loader():
    pattern = re.compile(r"yaml\.(load|unsafe_load|full_load)\(|yaml\.C?(Full|Unsafe)?Loader\b")
    assert [str(p) for p in CODE if pattern.search(p.read_text())] == []


def test_every_output_path_stays_inside_the_project():
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "-s",
            str(ROOT / "Snakefile"),
            "--forceall",
            "-n",
            "--cores",
            "1",
            "--quiet",
            "rules",
            "--nolock",
            "--summary",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    paths = [line.split("\t")[0] for line in run.stdout.splitlines()[1:] if line.strip()]
    assert len(paths) > 30
    for path in paths:
        resolved = (ROOT / path).resolve()
        assert resolved.is_relative_to(ROOT), path
