"""A step's trace as NumPy arrays: the names of the JSON contract (DESIGN.md), every sample's rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.engine.trace import StepResult

Array = np.ndarray


@dataclass(frozen=True)
class Layer:
    """Layer l = index (1..L). Per-sample arrays are (batch, n_l), derivatives of each sample's own
    cost C_x; grad_weights (n_l, n_{l-1}) and grad_biases (n_l,) are gradients of the batch cost."""

    index: int
    activation: str
    weights: Array  # W[l] before the step
    biases: Array  # b[l] before the step
    z: Array
    a: Array
    activation_slope: Array  # σ′(z[l])
    grad_a: Array  # ∂C_x/∂a[l]
    delta: Array  # δ[l] = ∂C_x/∂z[l]
    grad_weights: Array  # ∂C/∂W[l]
    grad_biases: Array  # ∂C/∂b[l]
    updated_weights: Array
    updated_biases: Array


@dataclass(frozen=True)
class Trace:
    """One step: the batch cost, per-sample costs, every layer's values, the script of steps."""

    loss: float
    losses: Array  # C_x per sample, shape (batch,)
    input: Array  # a[0], shape (batch, n_0)
    target: Array  # y, shape (batch, n_L)
    layers: list[Layer]
    loss_after: float  # the batch cost with the updated parameters
    steps: list[dict[str, Any]]  # the ordered script the page animates
    diverged: bool
    optimizer_state: dict[str, Any] = field(default_factory=dict)  # t, m, v, steps after the update

    @property
    def grad_weights(self) -> list[Array]:
        return [layer.grad_weights for layer in self.layers]

    @property
    def grad_biases(self) -> list[Array]:
        return [layer.grad_biases for layer in self.layers]


def trace_of(result: StepResult, targets: Array, state: Any) -> Trace:
    f, b, m = result.forward, result.backward, result.model
    layers = [Layer(i + 1, m.activations[i], m.weights[i], m.biases[i], f.z[i], f.a[i + 1], b.activation_slope[i],
                    b.grad_a[i], b.delta[i], b.grad_weights[i], b.grad_biases[i], result.updated_weights[i],
                    result.updated_biases[i]) for i in range(m.depth)]
    return Trace(f.cost, f.costs, f.a[0], targets, layers, result.loss_after, result.steps, result.diverged,
                 {"t": state.t, "m": list(state.m), "v": list(state.v), "steps": state.steps})
