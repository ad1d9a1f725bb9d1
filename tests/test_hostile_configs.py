"""Every config builds, or stops `snakemake` before any job: one line, no traceback,
non-zero exit, within seconds and a few hundred MB, and nothing already built is touched.

The rows are those of the own-configs issue (each was a crash, a silent surprise or a
runaway job before); the dict-based cases of test_config.py run through snakemake too.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from test_config import CASES

from l2geom import datafile

DEFAULT = (ROOT / "config/config.yaml").read_text()
# Seconds and MB a rejection may take (snakemake's own start is ~1 s and ~110 MB here).
FAST_S, SMALL_MB = 20, 300


def nested_aliases(kind: str, levels: int = 9, width: int = 9) -> str:
    """A ~1 KB YAML document whose aliases expand to width**levels values."""
    if kind == "list":
        lines = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
        lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels)]
    else:
        lines = ["a0: &a0 {" + ", ".join(f"k{j}: x" for j in range(width)) + "}"]
        lines += [
            f"a{i}: &a{i} {{" + ", ".join(f"k{j}: *a{i - 1}" for j in range(width)) + "}"
            for i in range(1, levels)
        ]
    return "\n".join(lines) + f"\nscenarios: *a{levels - 1}\n"


def goodfellow(**changes) -> str:
    """The default config with text replacements inside the goodfellow scenario."""
    head, tail = DEFAULT.split("  goodfellow:", 1)
    for old, new in changes.values():
        assert old in tail, old
        tail = tail.replace(old, new, 1)
    return head + "  goodfellow:" + tail


THREE_D = f"""\
scenarios:
  big:
    source:
      quadratic:
        hessian: {[[float(i == j) for j in range(20)] for i in range(20)]}
        theta_hat: {[1.0] * 20}
    descent: {{step_size: 0.01, steps: 100000}}
    lambdas: {{decay: 1, pull: [1, 2, 3], rescale: 1}}
"""

ROWS = [  # (id, config text, expected fragment of the one line)
    (
        "1 deck names a missing scenario",
        DEFAULT.replace("running_example: course ", "running_example: ws2026 "),
        "decks.l2-weight-decay.scenarios.running_example: no scenario 'ws2026' "
        "(scenarios: course, course_pca, goodfellow)",
    ),
    (
        "1 deck needs two pull values",
        DEFAULT.replace("pull: [5, 50]", "pull: [5]"),
        "decks.l2-weight-decay.scenarios.running_example: the deck l2-weight-decay "
        "compares a small and a large lambda",
    ),
    (
        "1 deck needs its animations",
        DEFAULT.replace("animations: [rotate_rescale, decay", "animations: [decay"),
        "decks.l2-weight-decay.scenarios.running_example: the deck l2-weight-decay shows "
        "animations rotate_rescale of scenario 'course'",
    ),
    (
        "2 theta_hat at the origin",
        goodfellow(t=("theta_hat: [2.0, 1.2]", "theta_hat: [0, 0]")),
        "scenarios.goodfellow.source.quadratic.theta_hat: theta_hat is the origin: "
        "L2 regularization has nothing to shrink",
    ),
    (
        "3 duplicate scenario",
        DEFAULT + DEFAULT[DEFAULT.index("  goodfellow:") :],
        "duplicate key 'goodfellow' (lines",
    ),
    (
        "3 duplicate nested key",
        DEFAULT.replace("      steps: 60\n", "      steps: 60\n      steps: 70\n"),
        "duplicate key 'steps' (lines",
    ),
    ("4 nested list aliases", nested_aliases("list"), "anchors and aliases are expanded"),
    (
        "5 thousand lambdas",
        goodfellow(
            p=("pull: [0.5, 3]", f"pull: {list(range(1000))}"), s=("steps: 60", "steps: 100000")
        ),
        "scenarios.goodfellow.lambdas.pull: 1000 entries, at most 3",
    ),
    (
        "5 steps x runs x dimensions",
        THREE_D,
        "scenarios.big.descent.steps: 100000 steps x 20 dimensions x 4 stored runs (lambdas.decay) "
        "exceed 4000000 values",
    ),
    (
        "5 animated steps",
        DEFAULT.replace("steps: 100 ", "steps: 5000 "),
        "scenarios.course.descent.steps: 5000 steps: the decay_trajectories animation draws every "
        "step, at most 1000",
    ),
    (
        "7 nearly singular H",
        goodfellow(h=("[[1.0, 0.0], [0.0, 8.0]]", "[[1.0, 0.0], [0.0, 1e-9]]")),
        "scenarios.goodfellow.source: the Hessian's condition number 1e+09 exceeds 1000: "
        "the flat direction cannot be drawn",
    ),
    (
        "8 d=3 with figures",
        goodfellow(
            h=("[[1.0, 0.0], [0.0, 8.0]]", "[[1, 0, 0], [0, 2, 0], [0, 0, 8]]"),
            t=("theta_hat: [2.0, 1.2]", "theta_hat: [2, 1, 1]"),
            s=("start: [0.0, 0.0]", "start: [0, 0, 0]"),
        ),
        "scenarios.goodfellow.figures: figures and animations are drawn in the plane (d = 2), "
        "the model has d = 3",
    ),
    (
        "bool key",
        DEFAULT.replace("quality: production", "quality: production\nno: 3"),
        "no: unknown key",
    ),
    (
        "integer tag",
        DEFAULT.replace("steps: 60", 'steps: !!int "0b101"'),
        "'0b101' is not an integer",
    ),
    (
        "huge integer",
        DEFAULT.replace("steps: 60", "steps: 0x" + "f" * 3600),
        "is too large an integer",
    ),
]
EXTRA = [  # YAML-level problems the dict-based cases cannot express
    ("scenarios:\n  course: [1, 2\n", "Config file is not valid"),
    ("quality: preview\n", "scenarios: required key is missing"),
    ("- just\n- a list\n", "keys at top level"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project directory holding a finished output, with its modification time."""
    work = tmp_path_factory.mktemp("hostile")
    return work, finished_output(work)


def finished_output(work):
    """A finished output in the project ``work``, dated 2001."""
    done = work / "results/data/course/quadratic.npz"
    done.parent.mkdir(parents=True)
    done.write_bytes(b"finished before")
    os.utime(done, (1_000_000_000, 1_000_000_000))
    return done


def run_measured(args, cwd, timeout=120):
    """(exit status, stdout + stderr, seconds, peak memory in MB) of a snakemake run.

    The peak is the child's own high-water mark (VmHWM), polled while it runs: its
    rusage would start from the size of this test process, which it was forked from."""
    out, err = cwd / "out.txt", cwd / "err.txt"
    start = time.monotonic()
    with open(out, "w") as stdout, open(err, "w") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "snakemake", "-s", str(ROOT / "Snakefile"), *args],
            cwd=cwd,
            stdout=stdout,
            stderr=stderr,
        )
        peak_kb = 0
        while child.poll() is None:
            peak_kb = max(peak_kb, high_water_kb(child.pid))
            if time.monotonic() - start > timeout:
                child.kill()
            time.sleep(0.02)
    return (
        child.returncode,
        out.read_text() + err.read_text(),
        time.monotonic() - start,
        peak_kb / 1024,
    )


def high_water_kb(pid: int) -> int:
    """Peak resident memory of a running process so far (0 once it has exited)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, flags=re.M)
    return int(found.group(1)) if found else 0


def run_with(work, text, *args):
    (work / "bad.yaml").write_text(text)
    return run_measured(["--configfile", "bad.yaml", "--cores", "1", *args], work)


def assert_one_line_before_any_job(work, done, run, message):
    status, output, seconds, peak = run
    assert status != 0
    assert "Traceback" not in output and "Building DAG" not in output
    assert message in output, output[-2000:]
    assert sum("error" in line.lower() for line in output.splitlines()) == 1
    assert seconds < FAST_S and peak < SMALL_MB, (seconds, peak)
    assert done.read_bytes() == b"finished before" and done.stat().st_mtime == 1_000_000_000


@pytest.mark.slow
@pytest.mark.parametrize("text, message", [(t, m) for _, t, m in ROWS], ids=[i for i, _, _ in ROWS])
def test_issue_rows_stop_before_any_job(built, text, message):
    assert_one_line_before_any_job(*built, run_with(built[0], text), message)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, message",
    [(yaml.safe_dump(c), m) for c, m in CASES] + EXTRA,
    ids=[m[:40] for _, m in CASES] + [m for _, m in EXTRA],
)
def test_snakemake_rejects_before_any_job(built, text, message):
    assert_one_line_before_any_job(*built, run_with(built[0], text), message)


@pytest.mark.slow
def test_aliases_in_the_default_config_file_are_bounded_too(tmp_path):
    """config/config.yaml is read by l2geom alone (no `configfile:` directive), so even
    nested mapping aliases, which snakemake's own --configfile merge expands key by key,
    stop at once."""
    done = finished_output(tmp_path)
    (tmp_path / "config").mkdir()
    (tmp_path / "config/config.yaml").write_text(nested_aliases("mapping"))
    run = run_measured(["--cores", "1"], tmp_path)
    assert_one_line_before_any_job(
        tmp_path, done, run, "config/config.yaml: more than 20000 values"
    )


SMALL = """\
scenarios:
  2026:   # a number as a name
    source: {quadratic: {hessian: [[1.0, 0.0], [0.0, 8.0]], theta_hat: [2e0, 12e-1]}}
    descent: {step_size: 1e-1, steps: 6e1}
    lambdas: {decay: 15e-1, pull: [5E-1, 3.], rescale: 1.5e+0}
    figures: [goodfellow, shrink_factors]
  three:
    source: {quadratic: {hessian: [[2, 0, 0], [0, 3, 0], [0, 0, 4]], theta_hat: [1, 2, 3]}}
    descent: {step_size: 0.1, steps: 50}
    lambdas: {decay: 1, pull: [0.5, 2], rescale: 1}
  one:
    source: {generate: {n: 50, weights: [2.0], noise_sd: 0.1, seed: 3}}
    descent: {step_size: 1e-2, steps: 50}
    lambdas: {decay: 1, pull: [0.5], rescale: 1}
"""


@pytest.mark.slow
def test_scientific_notation_and_other_dimensions_build(tmp_path):
    """Rows 6 and 8: numbers written as 1e-1 are numbers; d = 3 and d = 1 scenarios
    without figures build their data; a config without decks says so in one line."""
    (tmp_path / "own.yaml").write_text(SMALL)
    status, output, _, _ = run_measured(["--configfile", "own.yaml", "--cores", "2"], tmp_path)
    assert status == 0, output[-3000:]
    assert "l2geom: the config names no decks: building everything but decks" in output
    for figure in ("goodfellow_flat", "goodfellow_steep", "shrink_factors"):
        subprocess.run(
            ["pdfinfo", str(tmp_path / f"figures/2026/{figure}.pdf")],
            check=True,
            capture_output=True,
        )
    descent = datafile.load(tmp_path / "results/data/2026/descent_pull.npz")
    assert list(descent["lambdas"]) == [0.5, 3.0] and descent["gd"].shape == (61, 2)
    for name, d in (("three", 3), ("one", 1)):
        assert datafile.load(tmp_path / f"results/data/{name}/rescale.npz")["ridge"].shape == (d,)
        assert not (tmp_path / f"results/data/{name}/landscape.npz").exists()
    assert not (tmp_path / "slides/build").exists()
