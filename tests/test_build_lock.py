"""The build command's lock (l2geom.build), with real processes: a build killed outright
(SIGKILL to its whole process group, mid-render) leaves Snakemake's lock behind, and the
next build removes it and finishes with a clean build's outputs; a second build while one
runs is refused at once, and the first is not disturbed."""

import fcntl
import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from scratch import fingerprint, make_small_scratch, outputs, scratch_env  # noqa: E402

BUILD = [sys.executable, "-m", "l2geom.build", "--cores", "2"]
STALE = re.compile(
    r"^l2geom: a build here was interrupted: removed its stale Snakemake lock "
    r"and \d+ temporary files; building$",
    re.M,
)
BUSY = re.compile(
    r"^l2geom: another build is running in \S+: PID \d+ \(.*snakemake.*\), since "
    r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(\d+ s ago\); nothing was touched$"
)


def build(work, *args, **kwargs):
    return subprocess.run(
        [*BUILD, *args], cwd=work, env=scratch_env(work), capture_output=True, text=True, **kwargs
    )


def start(work, *args):
    """A build in the background (its own process group), once its render has started."""
    proc = subprocess.Popen(
        [*BUILD, *args],
        cwd=work,
        env=scratch_env(work),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if re.match(r"^(local)?rule animation_", line):
            return proc, seen
    pytest.fail(f"no render started:\n{''.join(seen)[-2000:]}")


def same_as(work, baseline):
    assert outputs(work) == outputs(baseline)
    assert [p for p in outputs(work) if fingerprint(work / p) != fingerprint(baseline / p)] == []


@pytest.fixture(scope="module")
def baseline(small_build):
    return small_build


def test_stale_lock_files_are_removed_without_a_build(tmp_path):
    """Fast: lock files and a temporary file of a dead build, then the command (here only
    `snakemake --version`) removes them."""
    locks = tmp_path / ".snakemake/locks"
    locks.mkdir(parents=True)
    (locks / "0.input.lock").write_text("x")
    debris = tmp_path / "figures/course/.a.pdf.0123abcd.tmp"
    debris.parent.mkdir(parents=True)
    debris.write_text("half")
    run = subprocess.run(
        [sys.executable, "-m", "l2geom.build", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=scratch_env(ROOT),
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip() == (
        "l2geom: a build here was interrupted: removed its stale "
        "Snakemake lock and 1 temporary files; building"
    )
    assert not list(locks.iterdir()) and not debris.exists()


def test_a_held_lock_refuses_at_once(tmp_path):
    """Fast: whoever holds the lock, the command stops with one line and touches nothing."""
    lock = tmp_path / ".snakemake/l2geom/build.lock"
    lock.parent.mkdir(parents=True)
    (tmp_path / ".snakemake/locks").mkdir()
    (tmp_path / ".snakemake/locks/0.input.lock").write_text("live")
    lock.write_text(
        json.dumps(
            {"pid": 4242, "started": time.time() - 60, "command": "python -m snakemake --cores 2"}
        )
    )
    with open(lock) as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        run = subprocess.run(
            [sys.executable, "-m", "l2geom.build", "--version"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=scratch_env(ROOT),
        )
    assert run.returncode == 75
    assert BUSY.fullmatch(run.stderr.strip()), run.stderr
    assert "PID 4242" in run.stderr and "(60 s ago)" in run.stderr
    assert (tmp_path / ".snakemake/locks/0.input.lock").read_text() == "live"


def test_lock_files_of_a_snakemake_started_by_hand_are_left_alone(tmp_path):
    """Fast: a live `snakemake` in the folder (here a stand-in of that name) owns its lock
    files, though it holds no build lock: the command refuses instead of removing them."""
    (tmp_path / ".snakemake/locks").mkdir(parents=True)
    (tmp_path / ".snakemake/locks/0.input.lock").write_text("live")
    stand_in = tmp_path / "snakemake"
    stand_in.write_text("#!/bin/sh\nsleep 30\n")
    stand_in.chmod(0o755)
    live = subprocess.Popen(["./snakemake"], cwd=tmp_path)
    try:
        time.sleep(0.2)
        run = subprocess.run(
            [sys.executable, "-m", "l2geom.build", "--version"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=scratch_env(ROOT),
        )
    finally:
        live.kill()
        live.wait()
    assert run.returncode == 75
    assert run.stderr.strip() == (
        f"l2geom: a snakemake started by hand (PID {live.pid}) is "
        f"running in {tmp_path}; nothing was touched"
    )
    assert (tmp_path / ".snakemake/locks/0.input.lock").read_text() == "live"


@pytest.mark.slow
def test_sigkill_mid_render_then_build_recovers(baseline, tmp_path):
    work = make_small_scratch(tmp_path / "work")
    proc, _ = start(work)
    deadline = time.monotonic() + 60
    while not list((work / "results/manim").rglob(".manim-*.tmp")):  # the render is under way
        assert time.monotonic() < deadline, "the render made no media folder"
        time.sleep(0.1)
    time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGKILL)  # the build and every job: nothing cleans up
    proc.wait(timeout=30)
    killed = time.monotonic()
    assert list((work / ".snakemake/locks").glob("*.lock")), "the killed build left no lock"
    leftovers = list((work / "results/manim").rglob(".*.tmp"))
    run = build(work, timeout=300)
    print(f"SIGKILL to a finished rebuild: {time.monotonic() - killed:.1f} s")
    assert run.returncode == 0, run.stderr[-3000:]
    assert STALE.search(run.stderr), run.stderr[-2000:]
    assert leftovers and not list(work.rglob(".*.tmp")), "a killed render's media folder stays"
    same_as(work, baseline)


@pytest.mark.slow
def test_a_second_build_is_refused_and_the_first_finishes(baseline, tmp_path):
    work = make_small_scratch(tmp_path / "work")
    first, seen = start(work)
    asked = time.monotonic()
    second = build(work, timeout=30)
    refused_in = time.monotonic() - asked
    assert second.returncode == 75, second.stderr
    assert BUSY.fullmatch(second.stderr.strip()), second.stderr
    assert f"PID {first.pid} " in second.stderr
    assert refused_in < 2.0
    rest = first.stderr.read()
    assert first.wait(timeout=300) == 0, "".join(seen)[-1000:] + rest[-3000:]
    same_as(work, baseline)
