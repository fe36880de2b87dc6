"""Many steps in a row: the training loop, its loss history and snapshots of the model.

No per-sample trace is kept inside the loop; only the batch gradients are formed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from app.engine.network import Model, accuracy, backward, batch_gradients, forward
from app.engine.optimizers import OptimizerState, apply_update

Array = np.ndarray


@dataclass
class Snapshot:
    step: int
    weights: list[Array]
    biases: list[Array]


@dataclass
class TrainResult:
    history: list[dict] = field(default_factory=list)  # {step, loss, accuracy} on all the data
    snapshots: list[Snapshot] = field(default_factory=list)
    model: Model | None = None
    optimizer_state: OptimizerState | None = None
    diverged: bool = False
    diverged_at_step: int | None = None


def _record(result: TrainResult, model: Model, step: int, inputs: Array, targets: Array,
            snapshots: bool) -> bool:
    fwd = forward(model, inputs, targets)
    loss = fwd.cost
    finite = bool(np.isfinite(loss))
    back = backward(model, fwd, targets)
    result.history.append({
        "step": step,
        "loss": loss if finite else None,
        "accuracy": accuracy(fwd.a[-1], targets) if finite else None,
        # gradient health per layer: ‖∂C/∂W[l]‖ (Frobenius) and the mean |δ[l]| over samples and units
        "grad_norms": [float(np.linalg.norm(g)) for g in back.grad_weights],
        "mean_abs_delta": [float(np.abs(d).mean()) for d in back.delta],
    })
    if snapshots:
        result.snapshots.append(Snapshot(step, [w.copy() for w in model.weights],
                                         [b.copy() for b in model.biases]))
    return finite


def train(model: Model, inputs: Array, targets: Array, *, learning_rate: float, steps: int,
          record_every: int = 1, update_biases: bool = True, optimizer: str = "sgd",
          batch_size: int | None = None, shuffle_seed: int = 0, snapshots: bool = True,
          state: OptimizerState | None = None) -> TrainResult:
    """`steps` updates; history and snapshots at step 0, every `record_every` steps and the last.

    batch_size None means the full batch; otherwise mini-batches of that size from a permutation
    drawn afresh every epoch from (`shuffle_seed`, epoch). The position in that stream travels in
    `state.steps`, so a run split over several calls takes exactly the batches of one long call.
    """
    model = model.copy()
    state = state or OptimizerState()
    result = TrainResult(model=model, optimizer_state=state)
    n = inputs.shape[0]
    size = n if batch_size is None else min(batch_size, n)
    full_batch = size == n
    per_epoch = n // size
    orders: dict[int, Array] = {}
    with np.errstate(all="ignore"):
        _record(result, model, 0, inputs, targets, snapshots)
        for step in range(1, steps + 1):
            if full_batch:
                x, y = inputs, targets
            else:
                # Batch number state.steps of the stream: epoch e is the permutation drawn from
                # (shuffle_seed, e), cut into n // batch_size batches (the remainder is skipped).
                epoch, position = divmod(state.steps, per_epoch)
                if epoch not in orders:
                    orders = {epoch: np.random.default_rng([shuffle_seed, epoch]).permutation(n)}
                idx = orders[epoch][position * size:(position + 1) * size]
                x, y = inputs[idx], targets[idx]
            grad_w, grad_b = batch_gradients(model, x, y)
            depth = model.depth
            params = model.weights + (model.biases if update_biases else [])
            grads = grad_w + (grad_b if update_biases else [])
            new = apply_update(optimizer, params, grads, learning_rate, state)
            state.steps += 1
            model.weights = new[:depth]
            if update_biases:
                model.biases = new[depth:]
            if step % record_every == 0 or step == steps:
                if not _record(result, model, step, inputs, targets, snapshots):
                    result.diverged, result.diverged_at_step = True, step
                    break
    return result
