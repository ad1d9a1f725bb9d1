"""docs/configuration.md, written from the config schema (descriptions, types, bounds,
defaults) and the catalogue's lists, so the reference cannot drift from what is checked.

``python -m l2geom.config.reference > docs/configuration.md`` (``make docs``) writes it;
a test fails when the committed file is stale.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from .schema import with_catalogue
from .yamlfile import read_yaml

SCHEMA = Path(__file__).resolve().parents[3] / "workflow" / "schemas" / "config.schema.yaml"
HEADER = """# Configuration reference

Generated from `workflow/schemas/config.schema.yaml` by `make docs`
(`python -m l2geom.config.reference`); do not edit by hand. How a config is read and
checked, with its bounds and errors: [config-checks.md](config-checks.md). A worked
example: `config/config.yaml`, every key commented.

{description}

`scenarios.NAME` stands for each scenario (any safe file name: letters, digits, `_` and
`-`); a key given as `a.b` is `b` inside the mapping `a`.
"""


def _resolve(node: dict, schema: dict) -> dict:
    """``node`` with a ``$ref`` into ``$defs`` merged in (the node's own keys win)."""
    if "$ref" not in node:
        return node
    target = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return {**_resolve(target, schema), **{k: v for k, v in node.items() if k != "$ref"}}


def _type(node: dict, schema: dict) -> str:
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    kind = node.get("type", "")
    if kind == "array":
        items = _resolve(node.get("items", {}), schema)
        inner = _type(items, schema)
        return f"list of {inner}" if inner else "list"
    return {
        "number": "number",
        "integer": "integer",
        "string": "text",
        "boolean": "true/false",
        "object": "mapping",
    }.get(kind, kind)


def _bounds(node: dict) -> str:
    parts = []
    for key, sign in (
        ("minimum", "≥"),
        ("exclusiveMinimum", ">"),
        ("maximum", "≤"),
        ("exclusiveMaximum", "<"),
    ):
        if key in node:
            parts.append(f"{sign} {node[key]:g}")
    for key, word in (("minItems", "at least"), ("maxItems", "at most")):
        if key in node:
            parts.append(f"{word} {node[key]} entries")
    if "pattern" in node:
        parts.append(f"matches `{node['pattern']}`")
    return ", ".join(parts)


def _rows(node: dict, schema: dict, path: str, required: bool) -> Iterator[tuple[str, ...]]:
    node = _resolve(node, schema)
    default = json.dumps(node["default"]) if "default" in node else ("required" if required else "")
    description = " ".join(node.get("description", "").split())
    items = _resolve(node.get("items", {}), schema) if node.get("type") == "array" else {}
    yield (f"`{path}`", _type(node, schema), default, _bounds({**items, **node}), description)
    children = node.get("properties", {})
    if isinstance(node.get("additionalProperties"), dict):  # a mapping of named entries
        yield from _rows(node["additionalProperties"], schema, f"{path}.NAME", False)
    for name, child in children.items():
        yield from _rows(
            child, schema, f"{path}.{name}" if path else name, name in node.get("required", [])
        )


def markdown(schema: dict) -> str:
    """The reference of ``schema`` (the catalogue's lists filled in) as Markdown."""
    schema = with_catalogue(schema)
    lines = [HEADER.format(description=schema.get("description", "")).rstrip(), ""]
    for name, node in schema["properties"].items():
        lines += [
            f"## `{name}`",
            "",
            "| key | type | default | bounds | description |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [
            "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
            for row in _rows(node, schema, name, name in schema.get("required", []))
        ]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    path = Path(argv[0]) if argv else SCHEMA
    sys.stdout.write(markdown(read_yaml(path)))


if __name__ == "__main__":
    main(sys.argv[1:])
