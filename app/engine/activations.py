"""Activation functions, each with its slope beside its value.

An activation maps z to a = σ(z) elementwise; its slope is σ'(z), written in terms of z and the
already computed a so that no value is computed twice. Softmax couples its outputs, so its slope
here is the diagonal of its Jacobian, a(1 − a); the network never multiplies by it, because
softmax is only allowed with cross-entropy, where δ = a − y directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Array = np.ndarray

LEAKY_SLOPE = 0.01

# The numbers an activation's formula holds besides z, by activation name; the step answer carries
# them so that the page writes them from here.
CONSTANTS: dict[str, dict[str, float]] = {"leaky_relu": {"negative_slope": LEAKY_SLOPE}}


@dataclass(frozen=True)
class Activation:
    name: str
    symbol: str  # how the formulas name it, e.g. "σ" or "tanh"
    value: Callable[[Array], Array]
    slope: Callable[[Array, Array], Array]  # slope(z, a) = dσ/dz at z
    elementwise: bool = True
    output_only: bool = False  # allowed on the output layer only
    needs_loss: str | None = None  # the only loss it may feed (softmax: cross_entropy)
    # g ⊙ σ'(z) in one call, where that is cheaper than forming σ'(z) first (the training loop's path)
    scaled_by_slope: Callable[[Array, Array, Array], Array] | None = None

    def times_slope(self, g: Array, z: Array, a: Array) -> Array:
        """g ⊙ σ'(z): the chain rule's product at this layer."""
        if self.scaled_by_slope is not None:
            return self.scaled_by_slope(g, z, a)
        return g * self.slope(z, a)


def _sigmoid(z: Array) -> Array:
    # exp of a non-positive number only, so no overflow warning for large |z|.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_slope(z: Array, a: Array) -> Array:
    # a(1 − a) rounds to 0 once a rounds to 1; e/(1+e)² keeps the slope positive up to |z| ≈ 745.
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2


def softmax_parts(z: Array) -> tuple[Array, Array, Array]:
    """Over each row: z shifted by its max, e = exp(shifted) and s = Σ e (a column). Softmax is e / s
    and log softmax is shifted − log s; a pass that needs both computes these once."""
    shifted = z - np.maximum.reduce(z, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return shifted, e, np.add.reduce(e, axis=-1, keepdims=True)


def _softmax(z: Array) -> Array:
    _, e, s = softmax_parts(z)
    return e / s


def log_softmax(z: Array) -> Array:
    shifted, _, s = softmax_parts(z)
    return shifted - np.log(s)


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("sigmoid", "σ", _sigmoid, _sigmoid_slope),
        Activation("tanh", "tanh", np.tanh, lambda z, a: 1.0 - a * a),
        Activation("relu", "relu", lambda z: np.maximum(z, 0.0), lambda z, a: (z > 0).astype(float),
                   scaled_by_slope=lambda g, z, a: np.multiply(g, z > 0)),  # g·1 or g·0, as with the floats
        Activation(
            "leaky_relu",
            "lrelu",
            lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
            lambda z, a: np.where(z > 0, 1.0, LEAKY_SLOPE),
        ),
        Activation("linear", "id", lambda z: z.copy(), lambda z, a: np.ones_like(z)),
        Activation("softmax", "softmax", _softmax, lambda z, a: a * (1.0 - a), elementwise=False,
                   output_only=True, needs_loss="cross_entropy"),
    )
}
