"""The one atomic write: whole files or nothing, with the mode the user's umask gives."""

import os
import stat
import subprocess
import sys

import pytest

from l2geom.atomic import atomic_dir, atomic_path, atomic_write, publish


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o002, 0o664)])
def test_files_and_folders_get_the_mode_of_the_umask(tmp_path, umask, expected):
    """Run in a child process: the umask is process-wide."""
    script = (
        f"import os; os.umask({umask})\n"
        "from pathlib import Path\n"
        "from l2geom.atomic import atomic_dir, atomic_path, atomic_write\n"
        f"root = Path({str(tmp_path)!r})\n"
        "atomic_write(root / 'a.bin', b'x')\n"
        "with atomic_path(root / 'b.png') as tmp: tmp.write_bytes(b'y')\n"
        "with atomic_dir(root / 'deck') as work: (work / 'index.html').write_text('z')\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
    assert mode(tmp_path / "a.bin") == mode(tmp_path / "b.png") == expected
    assert mode(tmp_path / "deck") == expected | 0o111
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin", "b.png", "deck"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    atomic_write(target, b"old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("killed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_failed_folder_keeps_the_old_one(tmp_path):
    deck = tmp_path / "deck"
    with atomic_dir(deck) as work:
        (work / "page").write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_dir(deck) as work:
            (work / "page").write_text("half")
            raise RuntimeError("killed")
    assert (deck / "page").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["deck"]
    with atomic_dir(deck) as work:
        (work / "page").write_text("new")
    assert (deck / "page").read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["deck"]


def test_publish_moves_a_finished_file_into_place(tmp_path):
    source, target = tmp_path / "render.mp4", tmp_path / "out" / "movie.mp4"
    source.write_bytes(b"movie")
    target.parent.mkdir()
    publish(source, target)
    assert target.read_bytes() == b"movie" and not source.exists()
