"""Whole builds at preview quality: parallel builds, identical outputs, interrupted runs.

Four clean builds in scratch copies (three with --cores 2, one with --cores 4 on this
2-core machine) must all succeed and give identical outputs, videos included: the same
bytes. Then builds are interrupted with SIGINT and SIGTERM during a figure, a Manim render and
LaTeX; the next `snakemake` must finish with every output whole and equal to the
clean build's.
"""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from scratch import SNAKEMAKE, fingerprint, make_scratch, outputs, scratch_env, snakemake  # noqa: E402

pytestmark = pytest.mark.slow

# Which rules to force and interrupt, by phase: (rules to --forcerun, pattern of the job to catch).
PHASES = {
    "figure": (
        ["figure_gd_vs_weight_decay", "figure_goodfellow", "figure_shrink_factors"],
        "figure_",
    ),
    "manim": (["animation_rotate_rescale", "animation_lambda_sweep"], "animation_"),
    "latex": (["deck"], "deck"),
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Four clean preview builds: (workdir, cores, completed process)."""
    base = tmp_path_factory.mktemp("builds")
    done = []
    for i, cores in enumerate([2, 2, 2, 4]):
        work = make_scratch(base / f"b{i}", short=True)
        done.append((work, cores, snakemake(work, "--cores", str(cores))))
    return done


def whole(path: Path) -> None:
    """Raise unless ``path`` is a complete output of its kind."""
    if path.suffix == ".npz":
        from l2geom import datafile

        assert "provenance" not in datafile.load(path)  # every array reads back
        datafile.load_meta(path)
    elif path.suffix == ".pdf":
        subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True)
    elif path.suffix == ".png":
        from PIL import Image

        with Image.open(path) as image:
            image.load()
    elif path.suffix == ".mp4":
        with av.open(str(path)) as container:
            frames = sum(1 for _ in container.decode(video=0))
        assert frames > 0


def differing(first: Path, second: Path, paths) -> list[str]:
    """The outputs ``paths`` that differ between the project copies ``first`` and ``second``."""
    return [str(p) for p in paths if fingerprint(first / p) != fingerprint(second / p)]


def test_parallel_builds_succeed(builds):
    for work, cores, run in builds:
        assert run.returncode == 0, f"--cores {cores} in {work}:\n{run.stderr[-3000:]}"


def test_clean_builds_are_identical(builds):
    first = builds[0][0]
    paths = outputs(first)
    assert len(paths) > 20
    for work, _, _ in builds[1:]:
        assert outputs(work) == paths
        assert differing(first, work, paths) == []


def _default_sigint() -> None:
    """Ctrl-C's default action in the child, even when the tests run as a background job
    (a shell starts those with SIGINT ignored, and the ignore is inherited)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("phase", list(PHASES))
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_run_recovers(builds, phase, sig):
    work = builds[0][0]
    baseline = builds[1][0]  # a clean build of its own
    forced, catch = PHASES[phase]
    proc = subprocess.Popen(
        [*SNAKEMAKE, "--cores", "2", "--forcerun", *forced],
        cwd=work,
        env=scratch_env(work),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_default_sigint,
    )
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if re.match(rf"^(local)?rule {catch}\w*:", line):
            break
    else:
        pytest.fail(f"no {phase} job started:\n{''.join(seen)[-2000:]}")
    time.sleep(1.0)
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)  # like Ctrl-C in a terminal: the whole process group
    else:
        proc.send_signal(sig)  # like `kill`: the snakemake process only
    proc.communicate(timeout=120)
    assert proc.returncode != 0
    for path in outputs(work):
        whole(work / path)
    resumed = snakemake(work, "--cores", "2")
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert outputs(work) == outputs(baseline)
    assert differing(baseline, work, outputs(work)) == []
