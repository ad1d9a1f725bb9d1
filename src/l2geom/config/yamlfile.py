"""Read a config file as a lecturer means it, or stop with one line.

PyYAML follows YAML 1.1, which surprises anyone who writes a config by hand: ``1e-3`` is a
string, ``no`` is ``False``, a duplicate key silently replaces the first, and a few
lines of nested anchors and aliases expand into gigabytes. This loader reads numbers,
booleans and nulls as YAML 1.2 does (``1e-3`` and ``5e1`` are numbers; only
``true``/``false`` are booleans), reads every mapping key as a string (a scenario may be
called ``2026`` or ``no``), rejects duplicate keys naming both lines, and bounds the
size of the document before it is built, aliases counted as often as they are used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..limits import CONFIG_BYTES, CONFIG_VALUES

# libyaml's parser when present (a base chosen at run time: mypy cannot check it)
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """Safe loader with YAML 1.2 scalars, string keys and no duplicate keys."""

    yaml_implicit_resolvers: dict = {}  # filled below, instead of YAML 1.1's

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping, found {node.id}", node.start_mark
            )
        seen: dict[str, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Problem(key_node, "a key must be a plain name, not a list or mapping")
            key, line = key_node.value, key_node.start_mark.line + 1
            if key in seen:
                raise _Problem(key_node, f"duplicate key {key!r} (lines {seen[key]} and {line})")
            seen[key] = line
            key_node.tag = "tag:yaml.org,2002:str"  # every key is read as a string
        return super().construct_mapping(node, deep)


class _Problem(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.line = node.start_mark.line + 1


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
for _tag, _pattern, _first in [
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("null", r"~|null|Null|NULL", "~nN"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    (
        "float",
        r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
        r"|[-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN",
        "-+.0123456789",
    ),
]:
    _Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(f"^(?:{_pattern})$"), list(_first)
    )
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile("^$"), [""])
_Loader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile("^<<$"), ["<"])


def _integer(loader: _Loader, node: yaml.ScalarNode) -> int:
    """YAML 1.2 integers (0o17 octal, 0x1f hexadecimal, 017 decimal), at most 2^63."""
    text = node.value
    try:
        value = int(text, 0 if text.lstrip("+-")[:2] in ("0o", "0x") else 10)
    except ValueError:
        raise _Problem(node, f"{text[:40]!r} is not an integer") from None
    if abs(value) >= 2**63:
        raise _Problem(node, f"{text[:40]!r} is too large an integer")
    return value


_Loader.add_constructor("tag:yaml.org,2002:int", _integer)


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """Nodes under ``node``, each alias counted as a full copy (memoized: linear time)."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    sizes[id(node)] = CONFIG_VALUES + 1  # a cycle (a recursive alias) counts as too big
    if isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(child, sizes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, sizes) + _expanded_size(v, sizes) for k, v in node.value)
    else:
        size = 1
    sizes[id(node)] = size
    return size


def read_yaml(path: str | Path) -> Any:
    """The document in ``path``; ConfigError (one line, naming the file and line) when it
    cannot be read, is not YAML, has a duplicate key or is too large."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > CONFIG_BYTES:
            raise ConfigError(f"{path}: {size} bytes; a config file has at most {CONFIG_BYTES}")
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"{path}: cannot read ({err.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_size(node, {}) > CONFIG_VALUES:
            raise ConfigError(
                f"{path}: more than {CONFIG_VALUES} values once its anchors and "
                "aliases are expanded; a lecture config needs a few hundred"
            )
        return loader.construct_document(node)
    except ConfigError:
        raise
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply") from None
    except _Problem as err:
        raise ConfigError(f"{path} line {err.line}: {err}") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise ConfigError(f"{path}{where}: not valid YAML ({problem})") from None
    except (ValueError, TypeError) as err:  # e.g. !!float "abc"
        raise ConfigError(f"{path}: a value cannot be read ({str(err)[:100]})") from None
    finally:
        loader.dispose()


def read_config(paths: Sequence[str | Path], overrides: Mapping[str, Any]) -> dict:
    """The config of the YAML files ``paths`` (later ones merged over earlier ones, mapping
    by mapping) with ``overrides`` (snakemake's ``--config key=value``) on top."""
    config: dict = {}
    for path in paths:
        document = read_yaml(path)
        if not isinstance(document, dict):
            raise ConfigError(f"{path}: the config must be a mapping with a 'scenarios' key")
        _merge(config, document)
    _merge(config, overrides)
    return config


def _merge(into: dict, update: Mapping[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value
