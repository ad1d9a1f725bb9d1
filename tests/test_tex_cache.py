"""The shared TeX cache: a cached string needs no LaTeX, a failed render publishes nothing,
and parallel publishers never expose a partial file."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from l2geom.animations import tex_cache


def typeset(media, expression: str):
    """MathTex(expression) in a fresh Manim media folder, through the cache; its tex_dir."""
    from manim import MathTex, tempconfig

    tex_dir = media / "Tex"
    with tempconfig({"media_dir": str(media), "tex_dir": str(tex_dir)}), tex_cache.shared(tex_dir):
        MathTex(expression)
    return tex_dir


def test_a_cached_string_is_typeset_without_latex(tmp_path, monkeypatch):
    monkeypatch.setenv(tex_cache.CACHE_ENV, str(tmp_path / "cache"))
    first = typeset(tmp_path / "first", r"\hat\theta_{\mathrm{cache}}")
    [svg] = tex_cache.entries(first)
    cached = tex_cache.folder() / svg
    assert cached.read_bytes() == (first / svg).read_bytes()
    assert cached.read_bytes().rstrip().endswith(b"</svg>")

    tex_cache.toolchain()  # its key is known; from here on no TeX program can run
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    second = typeset(tmp_path / "second", r"\hat\theta_{\mathrm{cache}}")
    assert (second / svg).read_bytes() == cached.read_bytes()
    # the mutation check: an uncached string needs LaTeX, which is not on PATH
    with pytest.raises(FileNotFoundError):
        typeset(tmp_path / "third", r"\hat\theta_{\mathrm{uncached}}")


def test_a_failed_render_publishes_nothing(tmp_path):
    tex_dir, cache = tmp_path / "tex", tmp_path / "cache"
    with pytest.raises(RuntimeError):
        with tex_cache.shared(tex_dir, cache):
            (tex_dir / "0123456789abcdef.svg").write_text("<svg>")  # cut short
            raise RuntimeError("render failed")
    assert tex_cache.entries(cache) == set()


def test_the_cache_is_split_by_toolchain(monkeypatch, tmp_path):
    monkeypatch.setenv(tex_cache.CACHE_ENV, str(tmp_path))
    assert tex_cache.folder() == tmp_path / tex_cache.toolchain()
    assert len(tex_cache.toolchain()) == 16


def _publish_many(args):
    source, cache = args
    for _ in range(20):
        tex_cache.publish(source, cache)
        sizes = {p.stat().st_size for p in cache.glob("*.svg")}
        assert sizes <= {400_000}, sizes  # a reader sees whole files only


def test_parallel_publishers_never_expose_a_partial_file(tmp_path):
    sources = []
    for i in range(4):
        source = tmp_path / f"render{i}"
        source.mkdir()
        for k in range(8):  # the same strings in every render: same names, same bytes
            (source / f"{k:016x}.svg").write_bytes(bytes([k]) * 400_000)
        sources.append(source)
    cache = tmp_path / "cache"
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        pool.map(_publish_many, [(s, cache) for s in sources])
    assert tex_cache.entries(cache) == {f"{k:016x}.svg" for k in range(8)}
    assert sorted(os.listdir(cache)) == sorted(tex_cache.entries(cache))  # no staged leftovers
