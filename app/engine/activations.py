"""Activation functions, each with its slope and its notation record beside its value.

An activation maps z to a = σ(z) elementwise; its slope is σ'(z), written in terms of z and the
already computed a so that no value is computed twice. Softmax couples its outputs, so its slope
here is the diagonal of its Jacobian, a(1 − a); the network never multiplies by it, because
softmax is only allowed with cross-entropy, where δ = a − y directly.

The elementwise functions are written with NumPy alone and named as the exported script names them:
the exports copy their source (notation.numpy_source). Adding an activation is one entry below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from app.engine.notation import MINUS_Z, SUM_EXP, Z_OPERAND, ActivationNotation, TorchCounterpart, Z, c, f, i, n, numpy_source, op

Array = np.ndarray

LEAKY_SLOPE = 0.01


@dataclass(frozen=True)
class Activation:
    name: str
    value: Callable[[Array], Array]
    slope: Callable[[Array, Array], Array]  # slope(z, a) = dσ/dz at z
    notation: ActivationNotation
    output_only: bool = False  # allowed on the output layer only
    needs_loss: str | None = None  # the only loss it may feed (softmax: cross_entropy)
    # g ⊙ σ'(z) in one call, where that is cheaper than forming σ'(z) first (the training loop's path)
    scaled_by_slope: Callable[[Array, Array, Array], Array] | None = None

    @property
    def elementwise(self) -> bool:
        """a_j depends on z_j alone (its notation record says when it does not: softmax)."""
        return not self.notation.full_jacobian

    @property
    def symbol(self) -> str:
        """How the formulas name it, e.g. "σ" or "tanh"."""
        return self.notation.symbol

    def times_slope(self, g: Array, z: Array, a: Array) -> Array:
        """g ⊙ σ'(z): the chain rule's product at this layer."""
        if self.scaled_by_slope is not None:
            return self.scaled_by_slope(g, z, a)
        return g * self.slope(z, a)


def sigmoid(z):
    """σ(z) = 1 / (1 + e^−z); e^−|z| only, so no overflow for large |z|."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_slope(z, a):
    """σ′(z) = σ(z) (1 − σ(z)), written as e^−|z| / (1 + e^−|z|)² to stay positive up to |z| ≈ 745."""
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2


def tanh(z):
    """tanh(z)."""
    return np.tanh(z)


def tanh_slope(z, a):
    """tanh′(z) = 1 − tanh(z)² = 1 − a²."""
    return 1.0 - a * a


def relu(z):
    """relu(z) = max(z, 0)."""
    return np.maximum(z, 0.0)


def relu_slope(z, a):
    """relu′(z) = 1 where z > 0, else 0."""
    return (z > 0).astype(float)


def leaky_relu(z):
    """leaky_relu(z) = z where z > 0, else LEAKY_SLOPE z."""
    return np.where(z > 0, z, LEAKY_SLOPE * z)


def leaky_relu_slope(z, a):
    """leaky_relu′(z) = 1 where z > 0, else LEAKY_SLOPE."""
    return np.where(z > 0, 1.0, LEAKY_SLOPE)


def linear(z):
    """The identity: a = z."""
    return z.copy()


def linear_slope(z, a):
    """1 everywhere."""
    return np.ones_like(z)


def gelu(z):
    """gelu(z) = ½ z (1 + tanh(√(2/π) (z + 0.044715 z³))): PyTorch's gelu(approximate="tanh")."""
    return 0.5 * z * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (z + 0.044715 * z**3)))


def gelu_slope(z, a):
    """gelu′(z) = ½ (1 + t) + ½ z (1 − t²) √(2/π) (1 + 3 · 0.044715 z²), with t = tanh(√(2/π) (z + 0.044715 z³))."""
    k = np.sqrt(2.0 / np.pi)
    t = np.tanh(k * (z + 0.044715 * z**3))
    return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * k * (1.0 + 3 * 0.044715 * z * z)


def softplus(z):
    """softplus(z) = log(1 + e^z), written max(z, 0) + log(1 + e^−|z|) so that e^z never overflows."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def softplus_slope(z, a):
    """softplus′(z) = σ(z) = 1 / (1 + e^−z), from e^−|z| only."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


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


_SOFTMAX_NUMPY = '''
def softmax(z):
    """softmax(z)_j = e^z_j / Σ_i e^z_i over each row (one row per sample), shifted by the row's max."""
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def softmax_slope(z, a):
    """The diagonal of softmax's Jacobian, a (1 − a). Never multiplied in: with cross-entropy δ[L] = a[L] − y."""
    return a * (1.0 - a)
'''

_BY_CASE = "because z = {z} {z>0}"  # relu's and leaky relu's numbers: the case of z decides the slope
_ONE_MINUS_A = ("a(1 − a)", "A ⊙ (1 − A)", "{(a)} · (1 − {(a)})")
_K = op("√", op("/", n("2"), i("π")))  # √(2/π)
_GELU = op("·", n("½"), Z_OPERAND, op("()", op("+", n("1"), f("tanh", op("·", _K, op("()", op(
    "+", Z, op("·", n("0.044715"), op("^", Z_OPERAND, n("3"))))))))))


def _notation(symbol: str, words: str, latex: str, value: tuple, chain: str, slope: tuple[str, str, str],
              written: str, torch: TorchCounterpart, numpy: str, constants: dict[str, float] | None = None,
              value_range: tuple[float, float, bool] | None = None, range_words: str | None = None,
              full_jacobian: bool = False) -> ActivationNotation:
    return ActivationNotation(symbol, words, latex, value, tuple(chain.split()), *slope, written, torch, numpy, constants or {},
                              value_range, range_words, full_jacobian)


_GELU_MIN = float(gelu(np.linspace(-0.76, -0.745, 100_001)).min())  # ≈ −0.1700, at z ≈ −0.7525


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("sigmoid", sigmoid, sigmoid_slope, _notation(
            "σ", "the sigmoid", r"\sigma", op("/", n("1"), op("+", n("1"), op("^", i("e"), MINUS_Z))), "symbol numbers",
            _ONE_MINUS_A, "{form} = {numbers} = {slope}", TorchCounterpart("Sigmoid"),
            numpy_source("sigmoid", sigmoid, sigmoid_slope), value_range=(0.0, 1.0, False), range_words="a σ lies between 0 and 1")),
        Activation("tanh", tanh, tanh_slope, _notation(
            "tanh", "tanh", r"\tanh", f("tanh", Z), "symbols numbers", ("1 − a²", "1 − A ⊙ A", "1 − {(a)}²"),
            "{form} = {numbers} = {slope}", TorchCounterpart("Tanh"), numpy_source("tanh", tanh, tanh_slope),
            value_range=(-1.0, 1.0, False), range_words="a tanh lies between −1 and 1")),
        Activation("relu", relu, relu_slope, _notation(
            "relu", "ReLU", r"\operatorname{relu}", f("max", op(",", n("0"), Z)), "symbols numbers",
            ("1 if z > 0, else 0", "1 where Z > 0, else 0", _BY_CASE), "{slope} {numbers}", TorchCounterpart("ReLU"),
            numpy_source("relu", relu, relu_slope), value_range=(0.0, np.inf, True), range_words="a relu is never below 0"),
            scaled_by_slope=lambda g, z, a: np.multiply(g, z > 0)),  # g·1 or g·0, as with the floats
        Activation("leaky_relu", leaky_relu, leaky_relu_slope, _notation(
            "lrelu", "leaky ReLU", r"\operatorname{lrelu}", f("max", op(",", op("·", c("negative_slope"), Z_OPERAND), Z)),
            "symbols numbers", ("1 if z > 0, else {negative_slope}", "1 where Z > 0, else {negative_slope}", _BY_CASE),
            "{slope} {numbers}", TorchCounterpart("LeakyReLU", {"negative_slope": LEAKY_SLOPE}),
            numpy_source("leaky_relu", leaky_relu, leaky_relu_slope, f"LEAKY_SLOPE = {LEAKY_SLOPE!r}\n\n\n"),
            {"negative_slope": LEAKY_SLOPE})),
        Activation("linear", linear, linear_slope, _notation(
            "id", "the identity", r"\operatorname{id}", Z, "symbols", ("1", "1", ""),
            "{slope}: the identity passes z on unchanged", TorchCounterpart("Identity"), numpy_source("linear", linear, linear_slope))),
        Activation("softmax", _softmax, lambda z, a: a * (1.0 - a), _notation(
            "softmax", "softmax", r"\operatorname{softmax}", op("/", op("^", i("e"), Z), SUM_EXP), "symbols numbers",
            _ONE_MINUS_A, "{form} = {numbers}, the diagonal of softmax's Jacobian = {slope}",
            TorchCounterpart("Softmax", {"dim": -1}), _SOFTMAX_NUMPY, value_range=(0.0, 1.0, False), range_words="the outputs must sum to 1",
            full_jacobian=True), output_only=True, needs_loss="cross_entropy"),
        Activation("gelu", gelu, gelu_slope, _notation(
            "gelu", "GELU (the tanh form)", r"\operatorname{gelu}", _GELU, "symbol symbols numbers",
            ("½(1 + tanh u) + ½ z (1 − tanh² u) √(2/π)(1 + 0.134145 z²), u = √(2/π)(z + 0.044715 z³)",
             "½(1 + tanh U) + ½ Z ⊙ (1 − tanh² U) ⊙ √(2/π)(1 + 0.134145 Z ⊙ Z)",
             "½(1 + tanh u) + ½·{(z)}·(1 − tanh² u)·√(2/π)·(1 + 0.134145·{(z)}²), u = √(2/π)·({z} + 0.044715·{(z)}³)"),
            "{form}; at z = {z}: {numbers} = {slope}", TorchCounterpart("GELU", {"approximate": "tanh"}),
            numpy_source("gelu", gelu, gelu_slope), value_range=(_GELU_MIN, np.inf, True),
            range_words=f"a gelu is never below {_GELU_MIN:.4f}")),
        Activation("softplus", softplus, softplus_slope, _notation(
            "softplus", "softplus", r"\operatorname{softplus}", f("log", op("+", n("1"), op("^", i("e"), Z))),
            "symbol symbols numbers", ("σ(z) = 1/(1 + e^(−z))", "σ(Z)", "1/(1 + e^({-z}))"),
            "{form} = {numbers} = {slope}", TorchCounterpart("Softplus", {"beta": 1.0, "threshold": 20.0}),
            numpy_source("softplus", softplus, softplus_slope), value_range=(0.0, np.inf, False),
            range_words="a softplus is always above 0")),
    )
}

# A new hidden layer's activation, where there is no hidden layer to copy (the set-up panel's "add a layer")
DEFAULT_HIDDEN = "sigmoid"

# The numbers an activation's formula holds besides z, by activation name (the step answer carries them).
CONSTANTS: dict[str, dict[str, float]] = {name: dict(a.notation.constants) for name, a in ACTIVATIONS.items() if a.notation.constants}
