"""Reading a config file: YAML 1.2 scalars, string keys, no duplicate keys, bounded size."""

import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile_configs import nested_aliases

from l2geom.config.yamlfile import read_config, read_yaml
from l2geom.errors import ConfigError


def read_text(text: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.yaml"
        path.write_text(text)
        return read_yaml(path)


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_float_in_its_shortest_and_exponent_forms_reads_back(x):
    for text in (repr(x), f"{x:e}", f"{x:E}"):
        value = read_text(f"v: {text}\n")["v"]
        assert isinstance(value, (int, float)) and math.isclose(value, float(text), rel_tol=0)


def test_yaml_1_2_scalars_and_string_keys():
    data = read_text("a: 1e-3\nb: 5E1\nc: no\nd: 0x1f\ne: 0o17\nf: 017\n2026: x\ng: 2026-11-30\n")
    assert data == {
        "a": 0.001,
        "b": 50.0,
        "c": "no",
        "d": 31,
        "e": 15,
        "f": 17,
        "2026": "x",
        "g": "2026-11-30",
    }


@pytest.mark.parametrize(
    "text, message",
    [
        ("a: 1\nb:\n  c: 2\n  c: 3\n", "line 4: duplicate key 'c' (lines 3 and 4)"),
        (nested_aliases("mapping"), "anchors and aliases are expanded"),
        (nested_aliases("list"), "anchors and aliases are expanded"),
        ("a: &a {b: *a}\n", "anchors and aliases are expanded"),  # a cycle
        ('a: !!int "0b101"\n', "'0b101' is not an integer"),
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", "exceeded maximum nesting depth"),
        ("? [a, b]\n: 1\n", "a key must be a plain name"),
    ],
)
def test_bad_documents_are_one_line_errors(text, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_text(text)


def test_later_files_and_overrides_merge_over_earlier_ones(tmp_path):
    (tmp_path / "a.yaml").write_text("quality: production\nscenarios: {s: {x: 1, y: 2}}\n")
    (tmp_path / "b.yaml").write_text("scenarios: {s: {y: 3}}\n")
    merged = read_config([tmp_path / "a.yaml", tmp_path / "b.yaml"], {"quality": "preview"})
    assert merged == {"quality": "preview", "scenarios": {"s": {"x": 1, "y": 3}}}
