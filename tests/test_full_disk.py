"""A full disk, on a real tmpfs: a build whose file system fills up mid-render fails with
one line naming the file system and the job, leaves no truncated output and no partial
TeX-cache entry, and the next build, with room, matches a clean build."""

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT
from test_robustness import whole

sys.path.insert(0, str(ROOT / "tools"))
from scratch import fingerprint, make_small_scratch, outputs, scratch_env  # noqa: E402


@pytest.fixture
def disk(tmp_path):
    """A 64 MB tmpfs, unmounted at the end; (mount point, resize(kilobytes))."""
    mount = tmp_path / "disk"
    mount.mkdir()
    run = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {run.stderr.strip()}")

    def resize(kilobytes: int) -> None:
        subprocess.run(["mount", "-o", f"remount,size={kilobytes}k", str(mount)], check=True)

    yield mount, resize
    subprocess.run(["umount", "-l", str(mount)], check=True)


def used_kb(path) -> int:
    stat = os.statvfs(path)
    return (stat.f_blocks - stat.f_bfree) * stat.f_frsize // 1024


def test_publishing_to_a_full_cache_leaves_no_partial_entry(disk, tmp_path):
    from l2geom.animations import tex_cache

    mount, resize = disk
    resize(64)
    compiled = tmp_path / "Tex"
    compiled.mkdir()
    for i in range(8):
        (compiled / f"{i:016x}.svg").write_bytes(os.urandom(20_000))
    with pytest.raises(OSError) as err:
        tex_cache.publish(compiled, mount / "cache")
    assert err.value.errno == 28
    cached = list((mount / "cache").iterdir())
    assert cached and len(cached) < 8  # some entries made it, then the disk was full
    for entry in cached:
        assert (compiled / entry.name).read_bytes() == entry.read_bytes()


@pytest.mark.slow
def test_a_full_disk_mid_render_fails_in_one_line_and_recovers(disk, small_build, tex_cache):
    mount, resize = disk
    work = make_small_scratch(mount / "project")
    cache = mount / "tex"
    shutil.copytree(tex_cache, cache)  # warm: the render runs no LaTeX, it fails encoding
    env = {**scratch_env(work), "L2GEOM_TEX_CACHE": str(cache)}
    build = [sys.executable, "-m", "l2geom.build", "--cores", "2"]
    first = subprocess.run(
        [*build, "--omit-from", "animation_rotate_rescale"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert first.returncode == 0, first.stderr[-3000:]
    before = {p: fingerprint(work / p) for p in outputs(work)}
    cached = {p.name: p.read_bytes() for p in cache.rglob("*.svg")}
    resize(used_kb(mount) + 300)  # room for a few frames of the render, not its movie

    full = subprocess.run(build, cwd=work, env=env, capture_output=True, text=True)
    assert full.returncode != 0
    ours = [line for line in full.stderr.splitlines() if line.startswith("l2geom: no space")]
    assert len(ours) == 1, full.stderr[-3000:]
    assert ours[0].startswith(f"l2geom: no space left on {mount} (tmpfs, ")
    assert ours[0].endswith(
        " MB): job animation_rotate_rescale (scenario=course) failed; "
        "free some space and run the build again"
    )
    assert "Traceback" not in full.stderr
    # nothing truncated or half-published: every output whole and as before, no temporaries
    assert {p: fingerprint(work / p) for p in outputs(work)} == before
    for path in outputs(work):
        whole(work / path)
    assert list(mount.rglob("*.tmp")) == []
    assert {p.name: p.read_bytes() for p in cache.rglob("*.svg")} == cached

    resize(64 * 1024)
    again = subprocess.run(build, cwd=work, env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr[-3000:]
    assert outputs(work) == outputs(small_build)
    assert [p for p in outputs(work) if fingerprint(work / p) != fingerprint(small_build / p)] == []
