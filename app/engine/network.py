"""The dense network: parameters, initialisation, forward pass, backward pass, update.

Shapes follow DESIGN.md: W[l] is (n_l, n_{l-1}), b[l] is (n_l,), and every per-sample array is
(batch, n_l). Python lists hold layers 1..L at positions 0..L-1 (`weights[0]` is W[1]); the
activations list `a` holds a[0] (the input) at position 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from app.engine.activations import ACTIVATIONS
from app.engine.losses import LOSSES, paired_from_z, stable_loss_from_z

Array = np.ndarray

INIT_SCHEMES = ("xavier", "he", "uniform", "normal", "zeros")
# How new weights are drawn when a model asks for new ones and names no scheme or seed.
DEFAULT_INIT_SCHEME = "xavier"
DEFAULT_SEED = 0


@dataclass
class Model:
    sizes: list[int]
    activations: list[str]
    loss: str
    weights: list[Array]  # weights[l-1] = W[l], shape (n_l, n_{l-1})
    biases: list[Array]  # biases[l-1] = b[l], shape (n_l,)

    @property
    def depth(self) -> int:
        return len(self.sizes) - 1

    def copy(self) -> Model:
        return Model(
            list(self.sizes),
            list(self.activations),
            self.loss,
            [w.copy() for w in self.weights],
            [b.copy() for b in self.biases],
        )


def init_parameters(sizes: list[int], scheme: str, seed: int) -> tuple[list[Array], list[Array]]:
    """Draw W[l] and b[l] for every layer, deterministic per seed.

    xavier: Glorot uniform, U(±√(6/(n_in+n_out))); he: N(0, 2/n_in); uniform: U(−1, 1);
    normal: N(0, 1); zeros: every parameter 0 (to show why symmetry must be broken).
    Biases start at 0 except for `uniform` and `normal`, which draw them like the weights.
    """
    # Remembered (setting up a generator costs more than a small step), handed out as copies.
    weights, biases = _drawn(tuple(sizes), scheme, seed)
    return [w.copy() for w in weights], [b.copy() for b in biases]


@lru_cache(maxsize=64)
def _drawn(sizes: tuple[int, ...], scheme: str, seed: int) -> tuple[list[Array], list[Array]]:
    if scheme not in INIT_SCHEMES:
        raise ValueError(f"unknown init scheme {scheme!r}")
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        shape = (n_out, n_in)
        bias = np.zeros(n_out)
        if scheme == "xavier":
            limit = np.sqrt(6.0 / (n_in + n_out))
            w = rng.uniform(-limit, limit, shape)
        elif scheme == "he":
            w = rng.normal(0.0, np.sqrt(2.0 / n_in), shape)
        elif scheme == "uniform":
            w = rng.uniform(-1.0, 1.0, shape)
            bias = rng.uniform(-1.0, 1.0, n_out)
        elif scheme == "normal":
            w = rng.normal(0.0, 1.0, shape)
            bias = rng.normal(0.0, 1.0, n_out)
        else:
            w = np.zeros(shape)
        weights.append(w)
        biases.append(bias)
    return weights, biases


@dataclass
class Forward:
    z: list[Array]  # z[l] for l = 1..L at position l-1, shape (batch, n_l)
    a: list[Array]  # a[l] for l = 0..L at position l, shape (batch, n_l)
    costs: Array  # C_x per sample, shape (batch,)

    @property
    def cost(self) -> float:
        return float(self.costs.sum() / self.costs.size)  # = .mean(), without its Python overhead


@dataclass
class Backward:
    # All per-sample arrays are derivatives of each sample's own cost C_x, at position l-1.
    activation_slope: list[Array]  # σ'(z[l]), shape (batch, n_l)
    grad_a: list[Array]  # ∂C_x/∂a[l], shape (batch, n_l)
    delta: list[Array]  # δ[l] = ∂C_x/∂z[l], shape (batch, n_l)
    # Gradients of the batch cost C = mean over samples of C_x.
    grad_weights: list[Array]  # ∂C/∂W[l] = mean_x δ[l] a[l-1]ᵀ, shape (n_l, n_{l-1})
    grad_biases: list[Array] = field(default_factory=list)  # ∂C/∂b[l] = mean_x δ[l], (n_l,)


def output_delta_is_direct(model: Model) -> bool:
    """True when δ[L] = a[L] − y exactly: the loss's record names that output (softmax, sigmoid)."""
    return LOSSES[model.loss].notation.direct_with == model.activations[-1]


def propagate(model: Model, inputs: Array, layers: int | None = None) -> tuple[list[Array], list[Array]]:
    """z[l] for l = 1..L and a[l] for l = 0..L (a[0] = inputs), each of shape (batch, n_l); only
    up to layer `layers` when it is given."""
    a = [inputs]
    zs = []
    for w, b, name in zip(model.weights[:layers], model.biases[:layers], model.activations[:layers]):
        z = a[-1] @ w.T + b
        zs.append(z)
        a.append(ACTIVATIONS[name].value(z))
    return zs, a


def forward(model: Model, inputs: Array, targets: Array) -> Forward:
    pair = paired_from_z(model.loss, model.activations[-1])
    if pair is not None and pair.forward is not None:
        # the output and its cost share their pieces (the loss's record says how: softmax's shifted z and row sums)
        zs, a = propagate(model, inputs, model.depth - 1)
        z = a[-1] @ model.weights[-1].T + model.biases[-1]
        out, paired_costs = pair.forward(z, targets)
        zs.append(z)
        a.append(out)
        return Forward(zs, a, paired_costs)
    zs, a = propagate(model, inputs)
    costs = stable_loss_from_z(model.loss, model.activations[-1], zs[-1], targets)
    if costs is None:
        costs = LOSSES[model.loss].value(a[-1], targets)
    return Forward(zs, a, costs)


def backward(model: Model, fwd: Forward, targets: Array, mistaken_lr: float | None = None) -> Backward:
    """δ, ∂C/∂a and the gradients of every layer, from the output back.

    `mistaken_lr` reproduces a common mistake for teaching: each W[l] is updated (with that
    learning rate) before it carries δ[l] back, so hidden errors use the new weights.
    """
    depth = model.depth
    batch = targets.shape[0]
    slopes = [ACTIVATIONS[n].slope(z, a) for n, z, a in zip(model.activations, fwd.z, fwd.a[1:])]
    grad_a: list[Array] = [np.empty(0)] * depth
    delta: list[Array] = [np.empty(0)] * depth
    grad_w: list[Array] = [np.empty(0)] * depth
    grad_b: list[Array] = [np.empty(0)] * depth

    # ∂C_x/∂a[L] from the loss; δ[L] = ∂C_x/∂z[L], shape (batch, n_L).
    grad_a[-1] = LOSSES[model.loss].grad_a(fwd.a[-1], targets)
    if output_delta_is_direct(model):
        delta[-1] = fwd.a[-1] - targets
    else:
        delta[-1] = grad_a[-1] * slopes[-1]
    for i in range(depth - 1, -1, -1):  # i = l - 1
        # ∂C/∂W[l] = mean over samples of δ[l] a[l-1]ᵀ, shape (n_l, n_{l-1}).
        grad_w[i] = delta[i].T @ fwd.a[i] / batch
        grad_b[i] = delta[i].sum(axis=0) / batch  # = .mean(axis=0)
        if i > 0:
            # ∂C_x/∂a[l-1] = W[l]ᵀ δ[l] summed over every neuron j that a[l-1]_k feeds.
            carrier = model.weights[i] if mistaken_lr is None else model.weights[i] - mistaken_lr * grad_w[i]
            grad_a[i - 1] = delta[i] @ carrier
            delta[i - 1] = grad_a[i - 1] * slopes[i - 1]
    return Backward(slopes, grad_a, delta, grad_w, grad_b)


@dataclass
class Record:
    """What a training history keeps of one model state, on the data a lean pass ran on."""

    loss: float
    outputs: Array  # a[L], shape (batch, n_L)
    grad_norms: list[float]  # ‖∂C/∂W[l]‖ (Frobenius) for l = 1..L
    mean_abs_delta: list[float]  # mean |δ[l]| over samples and units for l = 1..L


def batch_gradients(model: Model, inputs: Array, targets: Array) -> tuple[list[Array], list[Array]]:
    """∂C/∂W[l] and ∂C/∂b[l] of the batch cost only: the training loop's lean path.

    The same arithmetic as forward + backward, without the per-sample costs and the per-layer
    lists of z, σ'(z) and ∂C/∂a that a trace keeps; tests check that both agree.
    """
    grad_w, grad_b, _ = lean_pass(model, inputs, targets, record=False)
    return grad_w, grad_b


def lean_pass(model: Model, inputs: Array, targets: Array,
              record: bool) -> tuple[list[Array], list[Array], Record | None]:
    """The batch gradients and, when `record`, the loss and gradient health of the same pass.

    A training step that records its state reuses the forward and backward pass it needs for the
    update anyway, so a record costs only the loss and a few norms. Every NumPy call counts here
    (a training runs thousands of these passes on small arrays), so an output and loss whose record
    gives a lean pair (softmax with cross-entropy) are one fused computation whose pieces also give the loss.
    """
    depth = model.depth
    acts = [inputs]
    zs = []
    for w, b, name in zip(model.weights[:-1], model.biases[:-1], model.activations[:-1]):
        z = acts[-1] @ w.T + b
        zs.append(z)
        acts.append(ACTIVATIONS[name].value(z))
    z_out = acts[-1] @ model.weights[-1].T + model.biases[-1]
    pair = paired_from_z(model.loss, model.activations[-1])
    lean = pair.lean if pair is not None else None  # softmax with cross-entropy: one fused computation (the loss's record)
    if lean is not None:
        out, parts = lean.output(z_out)  # the output with the pieces its cost needs
    else:
        out = ACTIVATIONS[model.activations[-1]].value(z_out)
    zs.append(z_out)
    acts.append(out)
    # δ of the output divided by the batch size once: every gradient below is then a mean without
    # a division of its own (δ carries back linearly).
    batch = targets.shape[0]
    scale = 1.0 / batch
    if lean is not None or output_delta_is_direct(model):
        delta = (out - targets) * scale
    else:
        delta = LOSSES[model.loss].grad_a(out, targets) * ACTIVATIONS[model.activations[-1]].slope(z_out, out) * scale
    grad_w: list[Array] = [delta] * depth
    grad_b: list[Array] = [delta] * depth
    abs_delta: list[float] = [0.0] * depth
    ones = np.ones(batch)  # Σ over samples as a product: much faster than np.add.reduce(axis=0) here
    for i in range(depth - 1, -1, -1):
        grad_w[i] = delta.T @ acts[i]
        grad_b[i] = ones @ delta
        if record:
            abs_delta[i] = float(np.add.reduce(np.abs(delta), axis=None)) * batch / delta.size  # mean |δ|
        if i > 0:
            delta = ACTIVATIONS[model.activations[i - 1]].times_slope(delta @ model.weights[i], zs[i - 1], acts[i])
    if not record:
        return grad_w, grad_b, None
    if lean is not None:
        cost = lean.cost(parts, targets) * scale
    else:
        costs = stable_loss_from_z(model.loss, model.activations[-1], z_out, targets)
        if costs is None:
            costs = LOSSES[model.loss].value(out, targets)
        cost = float(np.add.reduce(costs)) * scale
    norms = [math.sqrt(np.vdot(g, g)) for g in grad_w]
    return grad_w, grad_b, Record(cost, out, norms, abs_delta)


def predict(model: Model, inputs: Array) -> Array:
    """a[L] only, keeping no earlier layer: a boundary grid has tens of thousands of rows."""
    a = inputs
    for w, b, name in zip(model.weights, model.biases, model.activations):
        a = ACTIVATIONS[name].value(a @ w.T + b)
    return a


def class_labels(targets: Array) -> Array | None:
    """Each sample's class, or None when the targets are not class labels: one-hot rows, the index of
    the 1; one 0/1 column, whether it is 1."""
    if targets.shape[1] == 1:
        column = targets[:, 0]
        return column == 1 if ((column == 0) | (column == 1)).all() else None
    labels = targets.argmax(axis=1)
    # one-hot exactly when each row equals the one-hot row of its largest entry (NaN equals nothing)
    return labels if (targets == (labels[:, None] == np.arange(targets.shape[1]))).all() else None


CLASS_THRESHOLD = 0.5  # one output says class 1 from here up (the catalogue serves it); several: the largest wins


def labelled_accuracy(outputs: Array, labels: Array) -> float:
    """Share of samples classified right: the largest output picks the class, or, for one 0/1
    column, the output thresholded at CLASS_THRESHOLD."""
    if labels.dtype == bool:
        return np.count_nonzero((outputs[:, 0] >= CLASS_THRESHOLD) == labels) / labels.size
    return np.count_nonzero(outputs.argmax(axis=1) == labels) / labels.size


def accuracy(outputs: Array, targets: Array) -> float | None:
    """Share of samples classified right, or None when the targets are not class labels."""
    labels = class_labels(targets)
    return None if labels is None else labelled_accuracy(outputs, labels)
