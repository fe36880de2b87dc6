"""Gradient check: backprop's ∂C/∂W and ∂C/∂b against central finite differences of C."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.engine.network import Model, backward, forward

Array = np.ndarray


@dataclass(frozen=True)
class LayerCheck:
    layer: int
    max_error_weights: float  # largest relative error over W[layer]
    max_error_biases: float  # largest relative error over b[layer]
    checked: int  # parameters compared


def relative_error(numeric: Array, analytic: Array) -> Array:
    """|n − a| / max(|n|, |a|, 1e-8): relative where gradients are large, absolute near 0."""
    return np.abs(numeric - analytic) / np.maximum(np.maximum(np.abs(numeric), np.abs(analytic)), 1e-8)


def numeric_gradient(model: Model, inputs: Array, targets: Array, param: Array,
                     epsilon: float) -> Array:
    """(C(p + ε) − C(p − ε)) / 2ε for every entry of `param`, which is perturbed in place."""
    grad = np.empty_like(param)
    flat, out = param.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        keep = flat[i]
        flat[i] = keep + epsilon
        up = forward(model, inputs, targets).cost
        flat[i] = keep - epsilon
        down = forward(model, inputs, targets).cost
        flat[i] = keep
        out[i] = (up - down) / (2 * epsilon)
    return grad


def gradient_check(model: Model, inputs: Array, targets: Array,
                   epsilon: float = 1e-6) -> list[LayerCheck]:
    model = model.copy()
    back = backward(model, forward(model, inputs, targets), targets)
    checks = []
    for i, (w, b) in enumerate(zip(model.weights, model.biases)):
        num_w = numeric_gradient(model, inputs, targets, w, epsilon)
        num_b = numeric_gradient(model, inputs, targets, b, epsilon)
        checks.append(LayerCheck(
            i + 1,
            float(relative_error(num_w, back.grad_weights[i]).max()),
            float(relative_error(num_b, back.grad_biases[i]).max()),
            w.size + b.size,
        ))
    return checks
