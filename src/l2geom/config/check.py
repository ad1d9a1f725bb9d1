"""Check a config once, and remember the result between snakemake runs.

Checking the config (the JSON schema, then each scenario's quadratic with numpy) costs
~0.25 s of imports and work at every snakemake start, a no-op rebuild included. The
result depends only on the config, the schema, the CSV files the config names and the
package code that checks them, so it is stored in ``.snakemake/l2geom/plan.json`` under
a digest of all of these, and a run with the same digest reads it back. Only a passed
check is stored: a bad config is checked, and fails, every time.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..atomic import atomic_write
from ..errors import ConfigError
from ..limits import CSV_BYTES
from ..pipeline.code import CHECK_CODE, code_digest
from .plan import ScenarioPlan, from_record

PLAN_FILE = Path(".snakemake/l2geom/plan.json")


def checked_plan(
    config: dict, schema_path: str | Path, root: str | Path
) -> tuple[dict, dict[str, ScenarioPlan]]:
    """The config with schema defaults (its ``decks`` checked: each with its source and
    every part's scenario named) and the plan of every scenario; ConfigError with every problem. Reads the
    stored plan when nothing it depends on has changed."""
    root = Path(root)
    key = digest(config, Path(schema_path), root)
    stored = _read(root / PLAN_FILE)
    if stored.get("digest") == key:
        try:
            return stored["config"], _plans(stored["scenarios"])
        except (KeyError, TypeError, AttributeError):
            pass  # a damaged file: check again
    checked, built = _check(config, Path(schema_path), root)
    scenarios = {name: ScenarioPlan.record(s) for name, s in built.items()}
    # Stored and returned through JSON alike, so params never differ between the paths.
    stored = json.loads(json.dumps({"digest": key, "config": checked, "scenarios": scenarios}))
    _write(root / PLAN_FILE, stored)
    return stored["config"], _plans(stored["scenarios"])


def _check(config: Any, schema_path: Path, root: Path) -> tuple[dict, dict]:
    """The config with defaults and its checked scenarios; ConfigError with every problem
    found: the schema's, each scenario's own (of those the schema passed) and the deck's."""
    # The slow path (jsonschema, numpy), imported only when needed.
    from .deck import check_decks, moved_deck_section
    from .scenario import check_scenarios
    from .schema import problems
    from .yamlfile import read_yaml

    if not isinstance(config, dict):
        raise ConfigError("the config must be a mapping with a 'scenarios' key")
    lines = []
    if "deck" in config:  # the single deck section of earlier versions
        lines.append(moved_deck_section(config["deck"]))
        config = {key: value for key, value in config.items() if key != "deck"}
    if "decks" in config and config["decks"] is None:  # a bare "decks:" names none
        config = {**config, "decks": {}}
    checked, found = problems(config, read_yaml(schema_path))
    lines += [line for _, line in found]
    failed = {path[:2] for path, _ in found}  # ("scenarios", name), ("decks", name), ...
    scenarios = checked.get("scenarios")
    if not isinstance(scenarios, dict) or ("scenarios",) in failed:
        raise ConfigError(*lines)  # nothing more can be checked
    built, more = check_scenarios(
        {name: spec for name, spec in scenarios.items() if ("scenarios", name) not in failed}, root
    )
    lines += more
    given = checked.get("decks")
    decks = {
        name: section
        for name, section in (given.items() if isinstance(given, dict) else ())
        if ("decks", name) not in failed
    }
    try:
        checked["decks"] = check_decks(decks, built, scenarios, root)
    except ConfigError as err:
        lines += err.lines
    if lines:
        raise ConfigError(*lines)
    return checked, built


def digest(config: Any, schema_path: Path, root: Path) -> str:
    """Digest of everything a check depends on."""
    h = hashlib.sha256()
    h.update(json.dumps(config, sort_keys=True, default=repr).encode())
    h.update(schema_path.read_bytes())
    h.update(str(root.resolve()).encode())
    for path in _csv_paths(config, root):
        h.update(str(path).encode())
        h.update(_csv_bytes(path))
    h.update(code_digest(CHECK_CODE).encode())
    return h.hexdigest()


def _csv_paths(config: Any, root: Path) -> list[Path]:
    """The CSV files an (unchecked) config names."""
    scenarios = config.get("scenarios") if isinstance(config, dict) else None
    paths = []
    for spec in scenarios.values() if isinstance(scenarios, dict) else []:
        source = spec.get("source") if isinstance(spec, dict) else None
        csv = source.get("csv") if isinstance(source, dict) else None
        if isinstance(csv, dict) and isinstance(csv.get("path"), str):
            paths.append(root / csv["path"])
    return paths


def _csv_bytes(path: Path) -> bytes:
    """A CSV file's bytes, or what stands for them when it is missing, special or too
    large (the check then fails with the reason, without reading it)."""
    if not path.is_file():
        return b"<not a file>"
    size = path.stat().st_size
    return path.read_bytes() if size <= CSV_BYTES else f"<{size} bytes>".encode()


def _plans(scenarios: dict) -> dict[str, ScenarioPlan]:
    return {name: from_record(plan) for name, plan in scenarios.items()}


def _read(path: Path) -> dict:
    try:
        stored = json.loads(path.read_text())
        return stored if isinstance(stored, dict) else {}
    except (OSError, ValueError):
        return {}


def _write(path: Path, stored: dict) -> None:
    """A read-only project just goes without the stored plan."""
    try:
        atomic_write(path, json.dumps(stored).encode())
    except OSError:
        pass
