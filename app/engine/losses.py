"""Per-sample losses, each with its ∂C_x/∂a and its notation record beside its value.

`value(a, y)` returns one cost per sample, shape (batch,); `grad_a(a, y)` returns ∂C_x/∂a of
each sample's own cost, shape (batch, n_L). The batch cost is the mean of the per-sample costs;
the network divides by the batch size when it forms the batch gradients.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from app.engine.activations import softmax_parts
from app.engine.loss_sources import NUMPY as _NUMPY
from app.engine.notation import LossNotation

Array = np.ndarray

# Keeps log(0) finite when a saturated output is evaluated from a rather than from z.
_TINY = np.finfo(float).tiny


@dataclass(frozen=True)
class Loss:
    name: str
    value: Callable[[Array, Array], Array]
    grad_a: Callable[[Array, Array], Array]
    notation: LossNotation
    needs_output: str | None = None  # the only output activation it accepts
    min_outputs: int = 1  # output neurons it needs at least
    domain: tuple[float, float] | None = None  # open interval every output must lie in (log a needs a > 0)

    @property
    def formula(self) -> str:
        """The per-sample cost, {a} standing for the output activations."""
        return self.notation.formula


def _bce_value(a: Array, y: Array) -> Array:
    return -(y * np.log(np.maximum(a, _TINY)) + (1 - y) * np.log(np.maximum(1 - a, _TINY))).sum(axis=1)


def _bce_grad(a: Array, y: Array) -> Array:
    with np.errstate(divide="ignore", invalid="ignore"):
        return (a - y) / (a * (1 - a))


_SQUARE, _SUM = "(a − y)²", "Σ"
_SQUARED = "MSELoss(reduction='none')"

LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss("sse", lambda a, y: ((a - y) ** 2).sum(axis=1), lambda a, y: 2 * (a - y), LossNotation(
            "C = Σ ({a} − y)²", "2 (a[{L}] − y)", "twice how far it missed", _SQUARE, _SUM, _NUMPY["sse"],
            f"{_SQUARED} summed over the outputs")),
        Loss("half_sse", lambda a, y: 0.5 * ((a - y) ** 2).sum(axis=1), lambda a, y: a - y, LossNotation(
            "C = ½ Σ ({a} − y)²", "a[{L}] − y", "how far it missed", _SQUARE, "½ Σ", _NUMPY["half_sse"],
            f"½ × {_SQUARED} summed over the outputs")),
        Loss("mse", lambda a, y: ((a - y) ** 2).mean(axis=1), lambda a, y: 2 * (a - y) / a.shape[1], LossNotation(
            "C = (1/n) Σ ({a} − y)²", "2 (a[{L}] − y) / n[{L}]", "twice how far it missed, over the number of outputs",
            _SQUARE, "mean", _NUMPY["mse"], "MSELoss() per sample")),
        Loss("cross_entropy", lambda a, y: -(y * np.log(np.maximum(a, _TINY))).sum(axis=1),
             lambda a, y: -y / np.maximum(a, _TINY), LossNotation(
                 "C = −Σ y log {a}", "−y / a[{L}]", "minus target over output", "−y log a", _SUM, _NUMPY["cross_entropy"],
                 "CrossEntropyLoss() on the logits before the Softmax", "softmax", "softmax and cross-entropy"),
             needs_output="softmax", min_outputs=2, domain=(0.0, np.inf)),
        Loss("bce", _bce_value, _bce_grad, LossNotation(
            "C = −Σ [y log {a} + (1 − y) log(1 − {a})]", "(a[{L}] − y) / (a[{L}] (1 − a[{L}]))",
            "the miss over a(1 − a), which is the sigmoid's slope at the output", "bce term", _SUM, _NUMPY["bce"],
            "BCELoss() times the number of outputs", "sigmoid", "sigmoid and bce"),
             needs_output="sigmoid", domain=(0.0, 1.0)),
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
