"""Validate the workflow config: JSON schema (with defaults) and one-line errors."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema

from ..catalogue import ANIMATIONS, FIGURES
from ..errors import ConfigError


def key_path(parts: Any) -> str:
    """``['scenarios', 'course', 'lambdas', 'pull', 1]`` -> ``scenarios.course.lambdas.pull[1]``."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "<top level>"


def _with_defaults(validator_class: type) -> type:
    """A validator class that also fills in ``default`` values of object properties and
    reads whole floats given for integers (``steps: 1e3``) as integers."""
    check_properties = validator_class.VALIDATORS["properties"]

    def properties(validator, props, instance, schema):
        if isinstance(instance, dict):
            for name, sub in props.items():
                if "default" in sub and name not in instance:
                    instance[name] = copy.deepcopy(sub["default"])
                value = instance.get(name)
                if sub.get("type") == "integer" and isinstance(value, float) \
                        and value.is_integer() and abs(value) < 2**63:
                    instance[name] = int(value)  # a count written 1e5 is the integer 100000
        yield from check_properties(validator, props, instance, schema)

    return jsonschema.validators.extend(validator_class, {"properties": properties})


def _strict_integers(validator_class: type) -> type:
    """A validator class for which 2.0 is not an integer (JSON Schema says it is, but numpy
    takes no float for a count; whole floats of config properties are converted first)."""
    checker = validator_class.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool))
    return jsonschema.validators.extend(validator_class, type_checker=checker)


_Validator = _with_defaults(_strict_integers(jsonschema.Draft202012Validator))


def _describe(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        if extra:
            return f"{key_path([*error.absolute_path, extra[0]])}: unknown key"
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return f"{key_path([*error.absolute_path, missing])}: required key is missing"
    if "propertyNames" in error.schema_path:
        return (f"{key_path(error.absolute_path)}: scenario name {error.instance!r} is not a safe "
                "file name (letters, digits, '_' and '-', starting with a letter or digit)")
    if error.validator in ("minProperties", "maxProperties") and "source" in error.absolute_path:
        return f"{key_path(error.absolute_path)}: give exactly one of generate, csv, quadratic"
    if error.validator in ("maxItems", "maxProperties"):  # the instance may be huge: no repr
        return (f"{key_path(error.absolute_path)}: {len(error.instance)} entries, "
                f"at most {error.validator_value}")
    message = error.message if len(error.message) <= 200 else error.message[:200] + "..."
    return f"{key_path(error.absolute_path)}: {message}"


def with_catalogue(schema: dict) -> dict:
    """A copy of the config ``schema`` whose lists of figure families and animations are
    the catalogue's, so a new spec needs no edit of the schema file."""
    schema = copy.deepcopy(schema)
    scenario = schema["$defs"]["scenario"]["properties"]
    scenario["figures"]["items"] = {"enum": list(FIGURES)}
    scenario["animations"]["items"] = {"enum": list(ANIMATIONS)}
    return schema


def validate(config: Any, schema: dict) -> dict:
    """A copy of ``config`` checked against ``schema`` (with the catalogue's lists), with
    defaults filled in."""
    if not isinstance(config, dict):
        raise ConfigError("the config must be a mapping with a 'scenarios' key")
    config = copy.deepcopy(config)
    errors = sorted(_Validator(with_catalogue(schema)).iter_errors(config),
                    key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        raise ConfigError(_describe(jsonschema.exceptions.best_match(errors)))
    return config
