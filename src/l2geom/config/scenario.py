"""Typed scenarios built from the validated config, with the semantic checks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .. import limits
from ..catalogue import lambda_uses
from ..core.descent import check_convergent
from ..core.lasso import DIAGONAL_ADVICE, is_diagonal
from ..core.quadratic import Quadratic, eigen
from ..core.sources import SourceError, finite, quadratic_from_source
from ..errors import ConfigError
from .plan import ScenarioPlan

SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


@dataclass(frozen=True)
class Scenario(ScenarioPlan):
    """One checked scenario: its plan (what the rules read, kept between runs) and the
    quadratic it was checked with."""

    quad: Quadratic | None = None


def _lambdas(lambdas: dict[str, Any]) -> dict[str, list[float]]:
    """Sorted, unique λ values per use (a single value becomes a one-element list)."""
    return {
        use: sorted({float(v) for v in (value if isinstance(value, list) else [value])})
        for use, value in lambdas.items()
    }


def _fail(name: str, key: str, message: str) -> ConfigError:
    return ConfigError(f"scenarios.{name}.{key}: {message}")


def _finite(name: str, key: str, value: Any) -> np.ndarray:
    try:
        return finite(key, value)
    except SourceError as err:
        raise _fail(name, key, str(err)) from None


def _check_drawable(name: str, d: int, sigma: np.ndarray, lambdas: dict[str, list[float]]) -> None:
    """Figures and animations draw the plane: d = 2, ellipses that fit one picture (H is
    already known to be positive definite), and a decay and a rescaling that do something."""
    for key in ("decay", "rescale"):
        if lambdas[key][0] <= 0:
            raise _fail(
                name,
                f"lambdas.{key}",
                "must be positive when figures or animations "
                "are drawn: at lambda = 0 there is no decay and nothing is rescaled",
            )
    if d != 2:
        raise _fail(
            name,
            "figures",
            f"figures and animations are drawn in the plane (d = 2), the model has d = {d}",
        )
    condition = sigma.max() / sigma.min()
    if condition > limits.DRAWN_CONDITION:
        raise _fail(
            name,
            "source",
            f"the Hessian's condition number {condition:.3g} exceeds "
            f"{limits.DRAWN_CONDITION:g}: the flat direction cannot be drawn beside the "
            "steep one (figures and animations need eigenvalues closer together)",
        )


def _check_l1(name: str, spec: dict, quad: Quadratic) -> None:
    """The lambdas of every use its figures and animations take are given (lambdas.l1 has
    no default: its scale is the Hessian's), and the threshold bands ±λ/H_jj are drawn
    only where soft thresholding is the lasso solution: a diagonal H."""
    users = {
        **{f: lambda_uses(figures=[f]) for f in spec["figures"]},
        **{a: lambda_uses(animations=[a]) for a in spec["animations"]},
    }
    for use in sorted(set().union(*users.values()) - set(spec["lambdas"])):
        by = ", ".join(item for item, uses in users.items() if use in uses)
        raise _fail(name, f"lambdas.{use}", f"required key is missing (used by {by})")
    if "l1" in spec["lambdas"]:
        _finite(name, "lambdas.l1", spec["lambdas"]["l1"])
    if "l1_thresholds" in spec["figures"] and not is_diagonal(quad.hessian):
        raise _fail(
            name,
            "figures",
            "l1_thresholds draws soft thresholding by lambda/H_jj, the lasso solution only "
            f"for a diagonal Hessian: {DIAGONAL_ADVICE}",
        )


def build_scenario(name: str, spec: dict, root: Path) -> Scenario:
    """One scenario from its validated config ``spec``; raises ConfigError naming the key."""
    if not SAFE_NAME.fullmatch(name):
        raise ConfigError(f"scenarios.{name}: not a safe file name")
    try:
        quad = quadratic_from_source(spec["source"], root)
    except SourceError as err:
        raise _fail(name, f"source.{err.key}", str(err)) from None
    d = quad.dim
    descent = spec["descent"]
    start = _finite(name, "descent.start", descent.get("start", [0.0] * d))
    if start.shape != (d,):
        raise _fail(name, "descent.start", f"has {start.size} entries, the model has {d}")
    step = float(_finite(name, "descent.step_size", descent["step_size"]))
    lambdas = spec["lambdas"]
    for key in ("decay", "rescale"):
        _finite(name, f"lambdas.{key}", lambdas[key])
    _finite(name, "lambdas.pull", lambdas["pull"])
    _check_l1(name, spec, quad)
    lambdas = _lambdas(lambdas)
    if not (np.all(np.isfinite(quad.hessian)) and np.all(np.isfinite(quad.theta_hat))):
        raise _fail(name, "source", "the data overflow: the Hessian or theta_hat is not finite")
    sigma, _ = eigen(quad.hessian)
    if sigma.min() <= limits.SINGULAR * sigma.max():
        raise _fail(
            name,
            "source",
            f"the Hessian is singular (eigenvalues {sigma.min():.3g} "
            f"to {sigma.max():.3g}): theta_hat is not unique and gradient descent "
            "without a penalty does not converge (regression data need more "
            "observations than features, and no feature may copy another)",
        )
    if np.linalg.norm(quad.theta_hat) < 1e-12:
        key = "source.quadratic.theta_hat" if "quadratic" in spec["source"] else "source"
        raise _fail(name, key, "theta_hat is the origin: L2 regularization has nothing to shrink")
    if spec["figures"] or spec["animations"]:
        _check_drawable(name, d, sigma, lambdas)
    steps = int(descent["steps"])
    for use in ("decay", "pull"):
        runs = 3 * len(lambdas[use]) + 1  # wd, after_gradient, reg_gd per λ, and gd
        if (steps + 1) * d * runs > limits.DESCENT_VALUES:
            raise _fail(
                name,
                "descent.steps",
                f"{steps} steps x {d} dimensions x {runs} stored runs (lambdas.{use}) "
                f"exceed {limits.DESCENT_VALUES} values",
            )
    for animation in ("decay_trajectories", "proximal_steps"):
        if animation in spec["animations"] and steps > limits.ANIMATED_STEPS:
            raise _fail(
                name,
                "descent.steps",
                f"{steps} steps: the {animation} animation "
                f"draws every step, at most {limits.ANIMATED_STEPS}",
            )
    if "proximal_steps" in spec["animations"] and steps < limits.PROXIMAL_MIN_STEPS:
        raise _fail(
            name,
            "descent.steps",
            f"{steps} steps: the proximal_steps animation draws two steps one by one and "
            f"the last one apart, at least {limits.PROXIMAL_MIN_STEPS}",
        )
    for lam in sorted({0.0, *lambdas["decay"], *lambdas["pull"]}):
        try:
            check_convergent(sigma, lam, step)
        except ValueError as err:
            raise _fail(name, "descent.step_size", str(err)) from None
    if "proximal_steps" in spec["animations"]:
        _check_proximal(name, sigma, step, lambdas["l1"])
    if "adam_vs_adamw" in (*spec["figures"], *spec["animations"]):
        _check_adam(name, spec["adam"], sigma, step, quad.theta_hat)
    return Scenario(
        name,
        d,
        step,
        steps,
        [float(v) for v in start],
        lambdas,
        list(spec["figures"]),
        list(spec["animations"]),
        spec,
        quad,
    )


def _check_proximal(name: str, sigma: np.ndarray, step: float, lams: list[float]) -> None:
    """The proximal_steps animation runs weight decay beside proximal gradient descent with
    every lambdas.l1 value and the descent's step size: each run must converge (the
    largest λ bounds the step size; proximal gradient descent alone needs only λ = 0's)."""
    for lam in lams:
        try:
            check_convergent(sigma, lam, step)
        except ValueError as err:
            raise _fail(
                name,
                "descent.step_size",
                f"proximal_steps runs weight decay with lambdas.l1 beside the proximal run: {err}",
            ) from None


def _check_adam(
    name: str, adam: dict, sigma: np.ndarray, step: float, theta_hat: np.ndarray
) -> None:
    """adam.lam for the adam_vs_adamw figure and animation: its weight-decay run (with the
    scenario's step size) converges, and AdamW's box |θᵢ| ≤ 1/λ leaves θ̂ outside (else
    AdamW ends at θ̂ and the picture shows no difference)."""
    lam = float(adam["lam"])
    try:
        check_convergent(sigma, lam, step)
    except ValueError as err:
        raise _fail(name, "adam.lam", str(err)) from None
    reach = float(np.max(np.abs(theta_hat)))
    if reach <= 1.0 / lam:
        raise _fail(
            name,
            "adam.lam",
            f"AdamW's box |theta_i| <= 1/lam = {1 / lam:.4g} holds "
            f"theta_hat: choose lam above 1/max|theta_hat_i| = {1 / reach:.4g}",
        )


def check_scenarios(
    scenarios: dict, root: str | Path = "."
) -> tuple[dict[str, Scenario], list[str]]:
    """The scenarios of ``scenarios`` (name -> schema-validated spec) that pass their
    checks, and the first problem of each that does not (its later checks need what the
    failed one checks). Their data together are bounded too (limits.TOTAL_DATA_VALUES),
    so many large scenarios cannot add up."""
    built, problems, total = {}, [], 0
    for name, spec in scenarios.items():
        try:
            scenario = built[name] = build_scenario(name, spec, Path(root))
        except ConfigError as err:
            problems += err.lines
            continue
        quad = scenario.quad
        assert quad is not None  # build_scenario always checks one
        total += max(quad.observations, 1) * quad.dim
        if total > limits.TOTAL_DATA_VALUES:
            problems.append(
                f"scenarios.{name}.source: the scenarios up to this one hold "
                f"{total} data values (observations x dimensions); all together "
                f"at most {limits.TOTAL_DATA_VALUES}"
            )
            break
    return built, problems


def build_scenarios(config: dict, root: str | Path = ".") -> dict[str, Scenario]:
    """Every scenario of a schema-validated config, checked; ConfigError with the problems
    of all of them."""
    built, problems = check_scenarios(config["scenarios"], root)
    if problems:
        raise ConfigError(*problems)
    return built
