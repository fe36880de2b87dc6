"""Per-sample losses, each with its ∂C_x/∂a beside its value.

`value(a, y)` returns one cost per sample, shape (batch,); `grad_a(a, y)` returns ∂C_x/∂a of
each sample's own cost, shape (batch, n_L). The batch cost is the mean of the per-sample costs;
the network divides by the batch size when it forms the batch gradients.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from app.engine.activations import softmax_parts

Array = np.ndarray

# Keeps log(0) finite when a saturated output is evaluated from a rather than from z.
_TINY = np.finfo(float).tiny


@dataclass(frozen=True)
class Loss:
    name: str
    formula: str  # the per-sample cost, {a} standing for the output activations
    value: Callable[[Array, Array], Array]
    grad_a: Callable[[Array, Array], Array]
    needs_output: str | None = None  # the only output activation it accepts
    min_outputs: int = 1  # output neurons it needs at least
    domain: tuple[float, float] | None = None  # open interval every output must lie in (log a needs a > 0)


def _bce_value(a: Array, y: Array) -> Array:
    return -(y * np.log(np.maximum(a, _TINY)) + (1 - y) * np.log(np.maximum(1 - a, _TINY))).sum(axis=1)


def _bce_grad(a: Array, y: Array) -> Array:
    with np.errstate(divide="ignore", invalid="ignore"):
        return (a - y) / (a * (1 - a))


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss("sse", "C = Σ ({a} − y)²", lambda a, y: ((a - y) ** 2).sum(axis=1), lambda a, y: 2 * (a - y)),
        Loss("half_sse", "C = ½ Σ ({a} − y)²", lambda a, y: 0.5 * ((a - y) ** 2).sum(axis=1), lambda a, y: a - y),
        Loss(
            "mse",
            "C = (1/n) Σ ({a} − y)²",
            lambda a, y: ((a - y) ** 2).mean(axis=1),
            lambda a, y: 2 * (a - y) / a.shape[1],
        ),
        Loss(
            "cross_entropy",
            "C = −Σ y log {a}",
            lambda a, y: -(y * np.log(np.maximum(a, _TINY))).sum(axis=1),
            lambda a, y: -y / np.maximum(a, _TINY),
            needs_output="softmax",
            min_outputs=2,
            domain=(0.0, np.inf),
        ),
        Loss("bce", "C = −Σ [y log {a} + (1 − y) log(1 − {a})]", _bce_value, _bce_grad, needs_output="sigmoid",
             domain=(0.0, 1.0)),
    )
}


def stable_loss_from_z(loss: str, activation: str, z: Array, y: Array) -> Array | None:
    """Per-sample cost computed from z where a closed form avoids log(0); None otherwise."""
    if loss == "cross_entropy" and activation == "softmax":
        shifted, _, s = softmax_parts(z)
        return softmax_cross_entropy(shifted, s, y)
    if loss == "bce" and activation == "sigmoid":
        # −[y log σ(z) + (1−y) log(1−σ(z))] = softplus(z) − y z, with softplus(z) = max(z,0) + log1p(e^−|z|)
        return (np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - y * z).sum(axis=1)
    return None


def softmax_cross_entropy(shifted: Array, s: Array, y: Array) -> Array:
    """C_x = −Σ_j y_j log a_j with log a = shifted − log s (activations.softmax_parts): exact even
    where a_j rounds to 0."""
    return -np.add.reduce(y * (shifted - np.log(s)), axis=1)
