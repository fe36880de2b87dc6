"""Update rules, each with its notation record beside its arithmetic. An optimizer's state
(velocities, moments, step count) is plain data that travels with the model, so the server keeps
nothing between requests.

Everything that writes an update rule reads its record (app/engine/notation.py OptimizerNotation):
the step script (trace.py), the catalogue and the step answer (so the page's update caption, the
Train view's offer, tooltip and hints), the NumPy exports and the PyTorch counterpart.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from app.engine.notation import OptimizerHint, OptimizerNotation, TorchCounterpart, UpdateLine, c, i, n, op

Array = np.ndarray

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


Update = Callable[[list[Array], list[Array], float, OptimizerState], list[Array]]


@dataclass(frozen=True)
class Optimizer:
    name: str
    update: Update  # new parameter arrays from the gradients; the state is advanced in place
    notation: OptimizerNotation
    # the state's values as the rule divides by them (Adam's bias-corrected m̂ and v̂), which its caption shows
    corrected: Callable[[OptimizerState], tuple[list[Array], list[Array]]] | None = None

    @property
    def keeps_state(self) -> bool:
        return bool(self.notation.state)


def _sgd(params: list[Array], grads: list[Array], learning_rate: float, state: OptimizerState) -> list[Array]:
    """p ← p − η g"""
    return [p - learning_rate * g for p, g in zip(params, grads)]


def _momentum(params: list[Array], grads: list[Array], learning_rate: float, state: OptimizerState) -> list[Array]:
    """v ← μ v + g;  p ← p − η v (the velocity is held in m)."""
    state.m = [MOMENTUM * m + g for m, g in zip(state.m, grads)]
    return [p - learning_rate * m for p, m in zip(params, state.m)]


def corrected_moments(state: OptimizerState) -> tuple[list[Array], list[Array]]:
    """Adam's bias-corrected moments after `state.t` updates: m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)."""
    c1, c2 = 1 - ADAM_BETA1**state.t, 1 - ADAM_BETA2**state.t
    return [m / c1 for m in state.m], [v / c2 for v in state.v]


def _adam(params: list[Array], grads: list[Array], learning_rate: float, state: OptimizerState) -> list[Array]:
    """m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − η m̂ / (√v̂ + ε)"""
    state.m = [ADAM_BETA1 * m + (1 - ADAM_BETA1) * g for m, g in zip(state.m, grads)]
    state.v = [ADAM_BETA2 * v + (1 - ADAM_BETA2) * g * g for v, g in zip(state.v, grads)]
    m_hat, v_hat = corrected_moments(state)
    return [p - learning_rate * m / (np.sqrt(v) + ADAM_EPSILON) for p, m, v in zip(params, m_hat, v_hat)]


def adam_step_bound(beta1: float, beta2: float, t: float = math.inf) -> float:
    """The most one Adam update can move a parameter, in units of η, after t updates (ε ignored):
    m̂ = (1−β₁)/(1−β₁ᵗ) Σₖ β₁ᵏ g₍t−k₎ and v̂ = (1−β₂)/(1−β₂ᵗ) Σₖ β₂ᵏ g²₍t−k₎, and by Cauchy–Schwarz
    |Σ β₁ᵏ g| ≤ √(Σ rᵏ) · √(Σ β₂ᵏ g²) with r = β₁²/β₂. Reached by a gradient that grows by β₂/β₁
    at every step; it rises with t towards (1−β₁)/√((1−β₂)(1−r))."""
    r = beta1 * beta1 / beta2
    power = (lambda b: b**t) if math.isfinite(t) else (lambda b: 0.0)
    return (1 - beta1) / (1 - power(beta1)) * math.sqrt((1 - power(beta2)) / (1 - beta2)) * math.sqrt((1 - power(r)) / (1 - r))


def adam_spike_bound(beta1: float, beta2: float) -> float:
    """Kingma and Ba's bound for a gradient after a long run of zero gradients: (1−β₁)/√(1−β₂)."""
    return (1 - beta1) / math.sqrt(1 - beta2)


# Templates of the update lines (notation.UpdateLine): the parameter, its gradient, η.
P_, G, G_OPERAND, ETA = ("p",), ("g",), ("g*",), ("η",)

MOMENTUM_CODE = f'''
MOMENTUM = {MOMENTUM!r}


def momentum_step(p, g, m):
    """v ← {MOMENTUM!r} v + g;  p ← p − η v. Returns the new parameter and the new velocity v (held in m)."""
    m = MOMENTUM * m + g
    return p - learning_rate * m, m
'''

ADAM_CODE = f'''
BETA1, BETA2, EPSILON = {ADAM_BETA1!r}, {ADAM_BETA2!r}, {ADAM_EPSILON!r}


def adam_step(p, g, m, v, t):
    """m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − η m̂ / (√v̂ + ε), with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)."""
    m = BETA1 * m + (1 - BETA1) * g
    v = BETA2 * v + (1 - BETA2) * g * g
    c1, c2 = 1 - BETA1**t, 1 - BETA2**t
    return p - learning_rate * (m / c1) / (np.sqrt(v / c2) + EPSILON), m, v
'''

_SGD = OptimizerNotation(
    words="SGD", summary="SGD: W ← W − η∂C/∂W", constants={}, constant_symbols={}, state={}, counts_steps=False,
    script="W[{l}] ← W[{l}] − η ∂C/∂W[{l}]", script_biases="b[{l}] ← b[{l}] − η ∂C/∂b[{l}]",
    why="Every parameter takes a step against its gradient, all computed before any changed.",
    update=(UpdateLine("p", op("−", P_, op("·s", ETA, G_OPERAND))),), bias_lines=True,
    sentence="Weight {W} steps against its gradient: {w} − {lr} × {(g)} = {w_new}",
    torch=TorchCounterpart("SGD"))

_MOMENTUM = OptimizerNotation(
    words="momentum", summary="momentum: v ← μ v + ∂C/∂W, W ← W − η v (μ: the momentum coefficient)",
    constants={"momentum": MOMENTUM}, constant_symbols={"momentum": "μ"}, state={"m": "velocity"}, counts_steps=False,
    script=f"v ← {MOMENTUM:g} v + ∂C/∂W[{{l}}];  W[{{l}}] ← W[{{l}}] − η v", script_biases="b[{l}] likewise",
    why=f"Each weight moves along its velocity: this gradient plus {MOMENTUM:g} of the last velocity.",
    update=(UpdateLine("m", op("+", op("··", c("momentum"), ("s", "m", "v")), G_OPERAND), symbol="v"),
            UpdateLine("p", op("−", P_, op("·s", ETA, ("s'", "m", "v"))))),
    bias_lines=False,
    sentence="With momentum the weight moves along its velocity v, this gradient plus {momentum} of the last velocity: {w} → {w_new}",
    figures={"growth": 1 / (1 - MOMENTUM)},
    hint=OptimizerHint(0.5, "Momentum adds up its past steps (each velocity keeps {momentum} of the one before): steps that agree "
                            "grow to about {growth} × η, so η = {lr} moves like η = {lr*growth} in plain SGD. "
                            "If the loss jumps about, try η = {lr*0.1}."),
    numpy=MOMENTUM_CODE, torch=TorchCounterpart("SGD", {"momentum": MOMENTUM}))

_ADAM = OptimizerNotation(
    words="Adam", summary="Adam: running means of the gradient and its square with β₁ and β₂, W ← W − η m̂/(√v̂ + ε)",
    constants={"beta1": ADAM_BETA1, "beta2": ADAM_BETA2, "epsilon": ADAM_EPSILON},
    constant_symbols={"beta1": "β₁", "beta2": "β₂", "epsilon": "ε"},
    state={"m": "first moment", "v": "second moment"}, counts_steps=True,
    script=(f"m ← {ADAM_BETA1:g} m + {1 - ADAM_BETA1:.1g} ∂C/∂W[{{l}}];  v ← {ADAM_BETA2:g} v + {1 - ADAM_BETA2:.1g} (∂C/∂W[{{l}}])²;  "
            "W[{l}] ← W[{l}] − η m̂ / (√v̂ + ε)"), script_biases="b[{l}] likewise",
    why="Each weight moves by its average gradient over its typical size, so every weight takes steps of about η.",
    update=(UpdateLine("m", op("+", op("··", c("beta1"), ("s", "m", "m")), op("··", ("1-c", "beta1"), G_OPERAND)), symbol="m", chain=("numbers",)),
            UpdateLine("v", op("+", op("··", c("beta2"), ("s", "v", "v")), op("··", ("1-c", "beta2"), op("^", op("()", G), n("2")))),
                       symbol="v", chain=("numbers",)),
            UpdateLine("p", op("−", P_, op("·s", ETA, op("/", ("hat", "m", "m"), op("+", op("√", ("hat", "v", "v")), i("ε"))))))),
    bias_lines=False,
    sentence="Adam (step {t}) divides the running mean of the gradient, m̂ = {hat_m}, by its running size √v̂, "
             "so the weight moves by about η: {w} → {w_new}",
    figures={"spike_bound": adam_spike_bound(ADAM_BETA1, ADAM_BETA2), "step_bound": adam_step_bound(ADAM_BETA1, ADAM_BETA2)},
    hint=OptimizerHint(0.05, "Adam divides each gradient by its recent size, so a steady gradient moves a weight by about η at each "
                             "step however small it is (a growing or sudden one moves it further: up to {spike_bound} η when a "
                             "gradient comes after quiet steps, and never more than {step_bound} η). So η = {lr} is a very large "
                             "step for it and training can stick. Adam usually wants η between 0.001 and 0.01; try η = 0.01."),
    numpy=ADAM_CODE,
    torch=TorchCounterpart("Adam", {"betas": (ADAM_BETA1, ADAM_BETA2), "eps": ADAM_EPSILON}))

OPTIMIZERS: dict[str, Optimizer] = {o.name: o for o in (
    Optimizer("sgd", _sgd, _SGD),
    Optimizer("momentum", _momentum, _MOMENTUM),
    Optimizer("adam", _adam, _ADAM, corrected_moments),
)}
DEFAULT_OPTIMIZER = "sgd"  # the update rule of a request that names none


def _in_words(name: str) -> str:
    values = OPTIMIZERS[name].notation.constants.values()
    return name + (f" ({', '.join(f'{v:g}' for v in values)})" if values else "")


# The rules with their constants, as the API's descriptions list them: "sgd, momentum (0.9) or adam (0.9, 0.999, 1e-08)"
OPTIMIZERS_IN_WORDS = ", ".join(_in_words(name) for name in list(OPTIMIZERS)[:-1]) + f" or {_in_words(list(OPTIMIZERS)[-1])}"


def constants(name: str) -> dict[str, float]:
    """The constants of an update rule, as the page writes them into its formulas."""
    return dict(OPTIMIZERS[name].notation.constants)


def apply_update(name: str, params: list[Array], grads: list[Array], learning_rate: float,
                 state: OptimizerState) -> list[Array]:
    """New parameter arrays; `state` is advanced in place (a rule's arrays start at zero, its count at 0)."""
    if name not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {name!r}")
    rule = OPTIMIZERS[name]
    if rule.keeps_state:
        if not state.m:
            state.m = [np.zeros_like(p) for p in params]
            state.v = [np.zeros_like(p) for p in params] if "v" in rule.notation.state else []
        if "v" not in rule.notation.state:
            state.v = []  # a rule that keeps one array (momentum's velocity) holds it in m alone
        state.t += 1
    return rule.update(params, grads, learning_rate, state)
