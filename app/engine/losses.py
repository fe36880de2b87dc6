"""Per-sample losses, each with its ∂C_x/∂a and its notation record beside its value.

`value(a, y)` returns one cost per sample, shape (batch,); `grad_a(a, y)` returns ∂C_x/∂a of
each sample's own cost, shape (batch, n_L). The batch cost is the mean of the per-sample costs;
the network divides by the batch size when it forms the batch gradients.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.engine.activations import softmax_parts
from app.engine.loss_sources import NUMPY as _NUMPY
from app.engine.notation import LossCost, LossNotation, f, n, op

Array = np.ndarray

# Keeps log(0) finite when a saturated output is evaluated from a rather than from z.
_TINY = np.finfo(float).tiny


@dataclass(frozen=True)
class FromZ:
    """The cost of a loss and the output it pairs with (Loss.needs_output), computed from that output's z
    where a closed form avoids log(0): C_x(z, y); and, where the output and its cost share their pieces,
    both in one pass (the step's forward) and the training loop's leaner pair (the output with what its
    cost needs, then the batch's summed cost from those)."""

    costs: Callable[[Array, Array], Array]
    forward: Callable[[Array, Array], tuple[Array, Array]] | None = None
    lean: LeanPair | None = None


@dataclass(frozen=True)
class LeanPair:
    """The training loop's output from z with the pieces its cost needs, and the batch's summed cost from those pieces."""

    output: Callable[[Array], tuple[Array, Any]]
    cost: Callable[[Any, Array], float]


@dataclass(frozen=True)
class TargetRule:
    """What a loss needs of the targets: `wrong(y)` marks the rows (shape (batch,)) that break `rule`;
    `class_indices`: a class index per sample is accepted too and becomes a one-hot row."""

    wrong: Callable[[Array], Array]
    rule: str
    class_indices: bool = False


@dataclass(frozen=True)
class Loss:
    name: str
    value: Callable[[Array, Array], Array]
    grad_a: Callable[[Array, Array], Array]
    notation: LossNotation
    # the cost as the Graph view draws it, C_x = scale(n_L) · Σ_j term(a_j, y_j), and ∂term/∂a
    term: Callable[[Array, Array], Array]
    term_slope: Callable[[Array, Array], Array]
    scale: Callable[[int], float] = lambda n: 1.0
    term_kind: str = "term"  # "square": the Graph view draws each term as a squared miss
    needs_output: str | None = None  # the only output activation it accepts
    min_outputs: int = 1  # output neurons it needs at least
    domain: tuple[float, float] | None = None  # open interval every output must lie in (log a needs a > 0)
    from_z: FromZ | None = None  # the cost from the paired output's z (needs_output), exact where a would round
    targets: TargetRule | None = None  # what the targets must be (None: any finite numbers)

    @property
    def formula(self) -> str:
        """The per-sample cost, {a} standing for the output activations."""
        return self.notation.formula


def _bce_value(a: Array, y: Array) -> Array:
    return -(y * np.log(np.maximum(a, _TINY)) + (1 - y) * np.log(np.maximum(1 - a, _TINY))).sum(axis=1)


def _bce_grad(a: Array, y: Array) -> Array:
    with np.errstate(divide="ignore", invalid="ignore"):
        return (a - y) / (a * (1 - a))


# Templates (notation.py) of one output's a and y, and the pieces the losses share.
A, Y, Y_OPERAND, N_OUTPUTS, ONE = ("a",), ("y",), ("y*",), ("nL",), n("1")
MISS = op("−", A, Y_OPERAND)  # a − y
TWICE_MISS = op("cat", n("2"), op("()", MISS))  # 2(a − y)
SQUARE = LossCost(op("^", op("()", MISS), n("2")))
LOG_A = f("log", A)
_SQUARE, _SUM = "(a − y)²", "Σ"
_SQUARED = "MSELoss(reduction='none')"


def _square(a: Array, y: Array) -> Array:
    return (a - y) ** 2


def _square_slope(a: Array, y: Array) -> Array:
    return 2 * (a - y)


def _ce_term(a: Array, y: Array) -> Array:
    return -y * np.log(a)


def _bce_term(a: Array, y: Array) -> Array:
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))


def softmax_cross_entropy(shifted: Array, s: Array, y: Array) -> Array:
    """C_x = −Σ_j y_j log a_j with log a = shifted − log s (activations.softmax_parts): exact even
    where a_j rounds to 0."""
    return -np.add.reduce(y * (shifted - np.log(s)), axis=1)


def _softmax_ce_costs(z: Array, y: Array) -> Array:
    shifted, _, s = softmax_parts(z)
    return softmax_cross_entropy(shifted, s, y)


def _softmax_ce_forward(z: Array, y: Array) -> tuple[Array, Array]:
    """Softmax and its cost share the shifted z and its row sums (the same numbers as computing each alone)."""
    shifted, e, s = softmax_parts(z)
    return e / s, softmax_cross_entropy(shifted, s, y)


def _softmax_lean(z: Array) -> tuple[Array, tuple[Array, Array]]:
    """a = e^(z − max z) / s with s = Σ e^(z − max z); log a = (z − max z) − log s. A row sum over
    a few outputs is a third of the time as a product with ones as with np.add.reduce."""
    shifted = z - np.maximum.reduce(z, axis=1, keepdims=True)
    e = np.exp(shifted)
    s = e @ np.ones((e.shape[1], 1))
    return e / s, (shifted, s)


def _softmax_ce_lean_cost(parts: tuple[Array, Array], y: Array) -> float:
    """Σ_x C_x = Σ_x (Σ_j y_j log s − Σ_j y_j (z − max z)_j)."""
    shifted, s = parts
    return float(np.vdot(np.add.reduce(y, axis=1), np.log(s)) - np.vdot(y, shifted))


def _sigmoid_bce_costs(z: Array, y: Array) -> Array:
    """−[y log σ(z) + (1−y) log(1−σ(z))] = softplus(z) − y z, with softplus(z) = max(z,0) + log1p(e^−|z|)."""
    return (np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - y * z).sum(axis=1)


def _not_one_hot(y: Array) -> Array:
    return np.asarray(~(((y == 0.0) | (y == 1.0)).all(axis=1) & (y.sum(axis=1) == 1.0)))


def _outside_0_1(y: Array) -> Array:
    return np.asarray(~((y >= 0.0) & (y <= 1.0)).all(axis=1))


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss("sse", lambda a, y: ((a - y) ** 2).sum(axis=1), lambda a, y: 2 * (a - y), LossNotation(
            "the sum of squared errors", "C = Σ ({a} − y)²", SQUARE, "2 (a[{L}] − y)", TWICE_MISS, "2(a − y)", "twice how far it missed",
            _SQUARE, "2(a−y)", _SUM, _NUMPY["sse"], f"{_SQUARED} summed over the outputs"),
            _square, _square_slope, term_kind="square"),
        Loss("half_sse", lambda a, y: 0.5 * ((a - y) ** 2).sum(axis=1), lambda a, y: a - y, LossNotation(
            "half the sum of squared errors", "C = ½ Σ ({a} − y)²", LossCost(SQUARE.term, scale=n("½")), "a[{L}] − y", MISS, "a − y",
            "how far it missed", _SQUARE, "2(a−y)", "½ Σ", _NUMPY["half_sse"], f"½ × {_SQUARED} summed over the outputs",
            grad_from=op("×", n("½"), TWICE_MISS),
            grad_note="the derivative of (a − y)² is 2(a − y); the ½ in C = ½ Σ(a − y)² is there to cancel that 2",
            delta_why="how far it missed"),
            _square, _square_slope, lambda n_outputs: 0.5, term_kind="square"),
        Loss("mse", lambda a, y: ((a - y) ** 2).mean(axis=1), lambda a, y: 2 * (a - y) / a.shape[1], LossNotation(
            "the mean squared error", "C = (1/n) Σ ({a} − y)²", LossCost(SQUARE.term, scale=op("(/)", ONE, N_OUTPUTS)),
            "2 (a[{L}] − y) / n[{L}]", op("/", TWICE_MISS, N_OUTPUTS), "2(a − y)/n", "twice how far it missed, over the number of outputs",
            _SQUARE, "2(a−y)", "mean", _NUMPY["mse"], "MSELoss() per sample"),
            _square, _square_slope, lambda n_outputs: 1.0 / n_outputs, term_kind="square"),
        Loss("cross_entropy", lambda a, y: -(y * np.log(np.maximum(a, _TINY))).sum(axis=1),
             lambda a, y: -y / np.maximum(a, _TINY), LossNotation(
                 "cross-entropy", "C = −Σ y log {a}", LossCost(op("·_", Y_OPERAND, LOG_A), "−", term_when={"1": LOG_A, "0": None}),
                 "−y / a[{L}]", op("neg", op("/", Y, A)), "−y/a", "minus target over output", "−y log a", "−y/a", _SUM,
                 _NUMPY["cross_entropy"], "CrossEntropyLoss() on the logits before the Softmax", "softmax", "softmax and cross-entropy"),
             _ce_term, lambda a, y: -y / a, needs_output="softmax", min_outputs=2, domain=(0.0, np.inf),
             from_z=FromZ(_softmax_ce_costs, _softmax_ce_forward, LeanPair(_softmax_lean, _softmax_ce_lean_cost)),
             targets=TargetRule(_not_one_hot, "cross_entropy needs one-hot rows (one 1, the rest 0)", class_indices=True)),
        Loss("bce", _bce_value, _bce_grad, LossNotation(
            "binary cross-entropy", "C = −Σ [y log {a} + (1 − y) log(1 − {a})]",
            LossCost(op("+", op("·_", Y_OPERAND, LOG_A), op("·_", op("()", op("−", ONE, Y_OPERAND)), f("log", op("−", ONE, A)))), "−",
                     term_when={"1": LOG_A, "0": f("log", op("−", ONE, A))}),
            "(a[{L}] − y) / (a[{L}] (1 − a[{L}]))", op("/", MISS, op("··", A, op("()", op("−", ONE, A)))), "(a − y)/(a(1 − a))",
            "the miss over a(1 − a), which is the sigmoid's slope at the output", "bce term", "(a−y)/(a(1−a))", _SUM, _NUMPY["bce"],
            "BCELoss() times the number of outputs", "sigmoid", "sigmoid and binary cross-entropy"),
             _bce_term, lambda a, y: (a - y) / (a * (1 - a)), needs_output="sigmoid", domain=(0.0, 1.0),
             from_z=FromZ(_sigmoid_bce_costs), targets=TargetRule(_outside_0_1, "bce needs targets between 0 and 1")),
    )
}

DEFAULT_LOSS = "half_sse"  # a new model's loss (Mazur's worked example); the set-up panel starts from it

# The output layer and the loss that fit a data set's targets, by their kind: rows with one 1 and the
# rest 0, one column of 0 and 1, any other numbers. The Data view gives a data set these (the catalogue serves them).
TARGET_OUTPUTS: dict[str, tuple[str, str]] = {"one_hot": ("softmax", "cross_entropy"), "binary": ("sigmoid", "bce"),
                                              "real": ("linear", "mse")}


def paired_from_z(loss: str, activation: str) -> FromZ | None:
    """The loss's cost from z when the output is the one it pairs with (its record's needs_output); None otherwise."""
    cost = LOSSES[loss]
    return cost.from_z if cost.from_z is not None and activation == cost.needs_output else None


def stable_loss_from_z(loss: str, activation: str, z: Array, y: Array) -> Array | None:
    """Per-sample cost computed from z where a closed form avoids log(0); None otherwise."""
    pair = paired_from_z(loss, activation)
    return None if pair is None else pair.costs(z, y)


def class_index_losses() -> list[str]:
    """The losses whose targets may be sent as class indices (one per sample)."""
    return [name for name, cost in LOSSES.items() if cost.targets is not None and cost.targets.class_indices]
