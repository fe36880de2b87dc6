"""Update rules. An optimizer's state (velocities, moments, step count) is plain data that
travels with the model, so the server keeps nothing between requests."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

Array = np.ndarray

OPTIMIZERS = ("sgd", "momentum", "adam")
DEFAULT_OPTIMIZER = "sgd"  # the update rule of a request that names none
# Each rule by its name in words, as the page offers it.
OPTIMIZER_WORDS = {"sgd": "SGD", "momentum": "momentum", "adam": "Adam"}
MOMENTUM = 0.9
ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON = 0.9, 0.999, 1e-8


@dataclass
class OptimizerState:
    """Per parameter array (weights first, then biases): momentum's velocity (m), or Adam's first
    and second moments (m, v)."""

    t: int = 0  # updates Adam's bias correction has seen
    m: list[Array] = field(default_factory=list)
    v: list[Array] = field(default_factory=list)
    steps: int = 0  # updates taken by any optimizer: where the mini-batch stream stands


def constants(name: str) -> dict[str, float]:
    """The constants of an update rule, as the page writes them into its formulas."""
    if name == "momentum":
        return {"momentum": MOMENTUM}
    if name == "adam":
        return {"beta1": ADAM_BETA1, "beta2": ADAM_BETA2, "epsilon": ADAM_EPSILON}
    return {}


def corrected_moments(state: OptimizerState) -> tuple[list[Array], list[Array]]:
    """Adam's bias-corrected moments after `state.t` updates: m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)."""
    c1, c2 = 1 - ADAM_BETA1**state.t, 1 - ADAM_BETA2**state.t
    return [m / c1 for m in state.m], [v / c2 for v in state.v]


def apply_update(name: str, params: list[Array], grads: list[Array], learning_rate: float,
                 state: OptimizerState) -> list[Array]:
    """New parameter arrays; `state` is advanced in place.

    sgd:      p ← p − η g
    momentum: v ← 0.9 v + g;  p ← p − η v
    adam:     m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − η m̂ / (√v̂ + ε)
    """
    if name == "sgd":
        return [p - learning_rate * g for p, g in zip(params, grads)]
    if not state.m:
        state.m = [np.zeros_like(p) for p in params]
        state.v = [np.zeros_like(p) for p in params] if name == "adam" else []
    state.t += 1
    if name == "momentum":
        state.v = []  # momentum keeps a velocity (m) only
        state.m = [MOMENTUM * m + g for m, g in zip(state.m, grads)]
        return [p - learning_rate * m for p, m in zip(params, state.m)]
    if name == "adam":
        state.m = [ADAM_BETA1 * m + (1 - ADAM_BETA1) * g for m, g in zip(state.m, grads)]
        state.v = [ADAM_BETA2 * v + (1 - ADAM_BETA2) * g * g for v, g in zip(state.v, grads)]
        m_hat, v_hat = corrected_moments(state)
        return [p - learning_rate * m / (np.sqrt(v) + ADAM_EPSILON) for p, m, v in zip(params, m_hat, v_hat)]
    raise ValueError(f"unknown optimizer {name!r}")
