"""The derivative as a nudge: move one weight, bias or activation by Δ, run the network forward
again, and set the cost's actual change beside the linear prediction ∂C/∂(value) · Δ.

A weight or a bias belongs to every sample, so its nudge moves the batch cost C (the mean of the
per-sample costs C_x) and its prediction uses ∂C/∂W (or ∂C/∂b) of the batch. An activation a[l]_j
belongs to one sample x: its nudge holds every other value of layer l fixed, runs layers l+1..L on
that sample alone and moves C_x; layer 0 is the input. That is the partial ∂C_x/∂a, and the nudged
state may be one no input reaches: a softmax output moved alone leaves outputs that do not sum to 1,
a sigmoid output pushed past (0, 1) or a relu below 0 has no z behind it; `reachable` says so.
A z[l]_j (kind "z") is what a neuron can really move: its nudge recomputes every value of layer l
from z (all the softmax outputs together, so they still sum to 1) and its slope is δ[l]_j.
The curve is the same cost over a range of the value, for a plot of C against it with the tangent
at the current value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.engine.activations import ACTIVATIONS
from app.engine.losses import LOSSES
from app.engine.network import Model, backward, forward

Array = np.ndarray

NUDGE_KINDS = ("weight", "bias", "activation", "z")
# The values each activation can produce (its range, from its notation record), for `reachable`: an
# activation nudged outside it is a state no z gives. Not listed: every real number (linear, leaky relu).
RANGES = {name: a.notation.value_range for name, a in ACTIVATIONS.items() if a.notation.value_range}  # (low, high, low included)


@dataclass(frozen=True)
class Nudge:
    value: float  # the value before the nudge
    delta: float  # Δ
    gradient: float  # ∂C/∂(value) (∂C_x/∂a for an activation), from backprop
    cost: float  # C (or C_x) at the value
    nudged_cost: float  # C (or C_x) at value + Δ, from a forward pass
    per_sample: bool  # True: the cost is one sample's C_x (an activation's or a z's nudge)
    values: Array  # the curve's values of the nudged quantity, shape (points,)
    costs: Array  # the cost at each, shape (points,); NaN where the loss is not defined
    reachable: bool = True  # False: value + Δ is a state no input gives (see the module's docstring)

    @property
    def actual(self) -> float:
        return self.nudged_cost - self.cost

    @property
    def predicted(self) -> float:
        return self.gradient * self.delta


def curve_values(value: float, delta: float, span: float | None, points: int) -> Array:
    """`points` values evenly from value − span to value + span; span defaults to max(1, 2|Δ|),
    so the nudged value lies inside the plot."""
    half = max(1.0, 2.0 * abs(delta)) if span is None else span
    return value + np.linspace(-half, half, points)


def _parameter_costs(model: Model, inputs: Array, targets: Array, kind: str, layer: int,
                     j: int, k: int, values: Array) -> Array:
    """The batch cost C with W[layer][j][k] (or b[layer][j]) set to each of `values`."""
    trial = model.copy()
    costs = np.empty(len(values))
    for n, v in enumerate(values):
        if kind == "weight":
            trial.weights[layer - 1][j, k] = v
        else:
            trial.biases[layer - 1][j] = v
        costs[n] = forward(trial, inputs, targets).cost
    return costs


def _activation_costs(model: Model, a_layer: Array, target: Array, layer: int, j: int, values: Array) -> Array:
    """C_x with a[layer]_j set to each of `values` and the rest of a[layer] (`a_layer`, shape
    (n_layer,)) held fixed: one row per value, run through layers layer+1..L at once."""
    a = np.repeat(a_layer[None, :], len(values), axis=0)
    a[:, j] = values
    for w, b, name in zip(model.weights[layer:], model.biases[layer:], model.activations[layer:]):
        a = ACTIVATIONS[name].value(a @ w.T + b)
    loss = LOSSES[model.loss]
    costs = loss.value(a, np.repeat(target[None, :], len(values), axis=0))
    if loss.domain is not None:  # e.g. log a needs a > 0: a nudged output outside it has no cost
        low, high = loss.domain
        costs = np.where(np.all((a > low) & (a < high), axis=1), costs, np.nan)
    return costs


def _z_costs(model: Model, z_layer: Array, target: Array, layer: int, j: int, values: Array) -> Array:
    """C_x with z[layer]_j set to each of `values` (the rest of z[layer], `z_layer`, held fixed) and
    every value of layer `layer` recomputed from z, then layers layer+1..L run at once."""
    z = np.repeat(z_layer[None, :], len(values), axis=0)
    z[:, j] = values
    a = ACTIVATIONS[model.activations[layer - 1]].value(z)
    for w, b, name in zip(model.weights[layer:], model.biases[layer:], model.activations[layer:]):
        a = ACTIVATIONS[name].value(a @ w.T + b)
    return LOSSES[model.loss].value(a, np.repeat(target[None, :], len(values), axis=0))


def reachable(model: Model, layer: int, value: float) -> bool:
    """Whether one activation of `layer` can take `value` with its layer's others unchanged."""
    if layer == 0:
        return True  # an input is given: any value is a sample
    name = model.activations[layer - 1]
    if ACTIVATIONS[name].notation.full_jacobian:
        return False  # one output moved alone (softmax): the outputs no longer sum to 1, whatever its range
    if name not in RANGES:
        return True
    low, high, closed = RANGES[name]
    return (value >= low if closed else value > low) and value < high


def nudge(model: Model, inputs: Array, targets: Array, kind: str, layer: int, j: int, k: int = 0,
          sample: int = 0, delta: float = 0.1, span: float | None = None, points: int = 41) -> Nudge:
    """Nudge W[layer][j][k], b[layer][j] or (of sample `sample`) a[layer]_j or z[layer]_j by `delta`."""
    if kind not in NUDGE_KINDS:
        raise ValueError(f"kind must be one of {NUDGE_KINDS}")
    if kind == "z":
        x, y = inputs[sample:sample + 1], targets[sample:sample + 1]
        fwd = forward(model, x, y)
        back = backward(model, fwd, y)
        z_layer = fwd.z[layer - 1][0]
        value, gradient = float(z_layer[j]), float(back.delta[layer - 1][0, j])  # δ[l]_j = ∂C_x/∂z[l]_j
        grid = curve_values(value, delta, span, points)
        both = _z_costs(model, z_layer, y[0], layer, j, np.array([value, value + delta]))
        return Nudge(value, delta, gradient, float(both[0]), float(both[1]), True, grid,
                     _z_costs(model, z_layer, y[0], layer, j, grid))
    if kind == "activation":
        x, y = inputs[sample:sample + 1], targets[sample:sample + 1]
        fwd = forward(model, x, y)
        back = backward(model, fwd, y)
        a_layer = fwd.a[layer][0]
        value = float(a_layer[j])
        gradient = float((back.delta[0][0] @ model.weights[0])[j]) if layer == 0 else float(back.grad_a[layer - 1][0, j])
        grid = curve_values(value, delta, span, points)
        both = _activation_costs(model, a_layer, y[0], layer, j, np.array([value, value + delta]))
        costs = _activation_costs(model, a_layer, y[0], layer, j, grid)
        return Nudge(value, delta, gradient, float(both[0]), float(both[1]), True, grid, costs,
                     reachable(model, layer, value + delta) or delta == 0)
    fwd = forward(model, inputs, targets)
    back = backward(model, fwd, targets)
    if kind == "weight":
        value, gradient = model.weights[layer - 1][j, k], back.grad_weights[layer - 1][j, k]
    else:
        value, gradient = model.biases[layer - 1][j], back.grad_biases[layer - 1][j]
    value, gradient = float(value), float(gradient)
    grid = curve_values(value, delta, span, points)
    nudged = _parameter_costs(model, inputs, targets, kind, layer, j, k, np.array([value + delta]))
    costs = _parameter_costs(model, inputs, targets, kind, layer, j, k, grid)
    return Nudge(value, delta, gradient, fwd.cost, float(nudged[0]), False, grid, costs)

