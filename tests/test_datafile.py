import numpy as np

from l2geom import datafile


def test_save_load_roundtrip_with_provenance(tmp_path):
    arrays = {"a": np.arange(6.0).reshape(2, 3), "s": np.float64(2.5)}
    meta = datafile.provenance({"lam": 1.0})
    datafile.save(tmp_path / "x.npz", arrays, meta)
    loaded = datafile.load(tmp_path / "x.npz")
    assert set(loaded) == {"a", "s"}
    assert np.array_equal(loaded["a"], arrays["a"]) and loaded["s"] == 2.5
    assert datafile.load_meta(tmp_path / "x.npz") == meta
    assert set(meta) == {"config_digest", "l2geom_version", "git_commit"}


def test_same_arrays_give_the_same_bytes(tmp_path):
    arrays = {"b": np.linspace(0, 1, 50), "a": np.eye(3)}
    datafile.save(tmp_path / "1.npz", arrays, {"k": 1})
    datafile.save(tmp_path / "2.npz", dict(reversed(list(arrays.items()))), {"k": 1})
    assert (tmp_path / "1.npz").read_bytes() == (tmp_path / "2.npz").read_bytes()


def test_config_digest_ignores_key_order_but_not_values():
    assert datafile.config_digest({"a": 1, "b": [1, 2]}) == datafile.config_digest(
        {"b": [1, 2], "a": 1}
    )
    assert datafile.config_digest({"a": 1}) != datafile.config_digest({"a": 2})


def test_index_of_finds_exact_values():
    assert datafile.index_of(np.array([5.0, 10.0, 50.0]), 50) == 2
