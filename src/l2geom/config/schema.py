"""Validate the workflow config: JSON schema (with defaults), every error in one line
with its key path, and the closest known name for an unknown key, figure or animation."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema

from ..catalogue import ANIMATIONS, FIGURES
from ..errors import ConfigError, closest, did_you_mean


def key_path(parts: Any) -> str:
    """``['scenarios', 'course', 'lambdas', 'pull', 1]`` -> ``scenarios.course.lambdas.pull[1]``."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "<top level>"


def _with_defaults(validator_class: Any) -> Any:
    """A validator class that also fills in ``default`` values of object properties and
    reads whole floats given for integers (``steps: 1e3``) as integers."""
    check_properties = validator_class.VALIDATORS["properties"]

    def properties(validator, props, instance, schema):
        if isinstance(instance, dict):
            for name, sub in props.items():
                if "default" in sub and name not in instance:
                    instance[name] = copy.deepcopy(sub["default"])
                value = instance.get(name)
                if (
                    sub.get("type") == "integer"
                    and isinstance(value, float)
                    and value.is_integer()
                    and abs(value) < 2**63
                ):
                    instance[name] = int(value)  # a count written 1e5 is the integer 100000
        yield from check_properties(validator, props, instance, schema)

    return jsonschema.validators.extend(validator_class, {"properties": properties})


def _strict_integers(validator_class: Any) -> Any:
    """A validator class for which 2.0 is not an integer (JSON Schema says it is, but numpy
    takes no float for a count; whole floats of config properties are converted first)."""
    checker = validator_class.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool)
    )
    return jsonschema.validators.extend(validator_class, type_checker=checker)


_Validator = _with_defaults(_strict_integers(jsonschema.Draft202012Validator))


Problem = tuple[tuple, str]  # (key path, one line naming it)


def _describe(error: jsonschema.ValidationError) -> list[Problem]:
    """The problems of one schema error (an object with three unknown keys has three)."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties":
        known = error.schema.get("properties", {})
        extra = sorted(set(error.instance) - set(known))
        if extra:
            return [
                ((*path, key), f"{key_path([*path, key])}: unknown key{did_you_mean(key, known)}")
                for key in extra
            ]
    if error.validator == "required":
        missing = error.message.split("'")[1]
        known = error.schema.get("properties", {})
        if any(closest(key, known) == missing for key in set(error.instance) - set(known)):
            return []  # a misspelt key: its unknown-key line names this one
        return [((*path, missing), f"{key_path([*path, missing])}: required key is missing")]
    where = key_path(path)
    if "propertyNames" in error.schema_path:
        return [
            (
                # a deck with a bad name fails alone; a scenario stops the check
                (*path, error.instance) if path[:1] == ("decks",) else path,
                f"{where}: {'deck' if path[:1] == ('decks',) else 'scenario'} name "
                f"{error.instance!r} is not a safe file name "
                "(letters, digits, '_' and '-', starting with a letter or digit)",
            )
        ]
    if error.validator in ("minProperties", "maxProperties") and "source" in path:
        return [(path, f"{where}: give exactly one of generate, csv, quadratic")]
    if error.validator in ("maxItems", "maxProperties"):  # the instance may be huge: no repr
        return [(path, f"{where}: {len(error.instance)} entries, at most {error.validator_value}")]
    message = error.message if len(error.message) <= 200 else error.message[:200] + "..."
    if error.validator == "enum" and isinstance(error.instance, str):
        message += did_you_mean(error.instance, error.validator_value)
    return [(path, f"{where}: {message}")]


def with_catalogue(schema: dict) -> dict:
    """A copy of the config ``schema`` whose lists of figure families and animations are
    the catalogue's, so a new spec needs no edit of the schema file."""
    schema = copy.deepcopy(schema)
    scenario = schema["$defs"]["scenario"]["properties"]
    scenario["figures"]["items"] = {"enum": list(FIGURES)}
    scenario["animations"]["items"] = {"enum": list(ANIMATIONS)}
    return schema


def problems(config: dict, schema: dict) -> tuple[dict, list[Problem]]:
    """A copy of the mapping ``config`` with defaults filled in, and every problem the
    ``schema`` (with the catalogue's lists) finds in it, by key path."""
    config = copy.deepcopy(config)
    found = []
    for error in _Validator(with_catalogue(schema)).iter_errors(config):
        # of an error with alternatives (anyOf, oneOf), the one most likely meant
        found += _describe(jsonschema.exceptions.best_match([error]))
    found = sorted(set(found), key=lambda p: (list(map(str, p[0])), p[1]))
    return config, found


def validate(config: Any, schema: dict) -> dict:
    """A copy of ``config`` checked against ``schema`` (with the catalogue's lists), with
    defaults filled in; ConfigError with every problem."""
    if not isinstance(config, dict):
        raise ConfigError("the config must be a mapping with a 'scenarios' key")
    config, found = problems(config, schema)
    if found:
        raise ConfigError(*(line for _, line in found))
    return config
