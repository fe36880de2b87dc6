"""Many steps in a row: the training loop, its loss history and snapshots of the model.

No per-sample trace is kept inside the loop; only the batch gradients are formed. On the full
batch, a recorded step reuses the pass that computes its update (the model after s updates is
the one step s + 1 differentiates), so the history costs a loss and a few norms per record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from app.engine.network import Model, Record, batch_gradients, class_labels, labelled_accuracy, lean_pass
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


def _keep(result: TrainResult, model: Model, step: int, record: Record, labels: Array | None,
          snapshots: bool) -> bool:
    """Append the record of the model after `step` updates; False when its loss is not finite."""
    finite = bool(np.isfinite(record.loss))
    result.history.append({
        "step": step,
        "loss": record.loss if finite else None,
        "accuracy": labelled_accuracy(record.outputs, labels) if finite and labels is not None else None,
        # gradient health per layer: ‖∂C/∂W[l]‖ (Frobenius) and the mean |δ[l]| over samples and units
        "grad_norms": record.grad_norms,
        "mean_abs_delta": record.mean_abs_delta,
    })
    if snapshots:
        # apply_update returns new arrays and never writes into old ones, so the lists can share them.
        result.snapshots.append(Snapshot(step, list(model.weights), list(model.biases)))
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
    labels = class_labels(targets)
    orders: dict[int, Array] = {}
    depth = model.depth
    with np.errstate(all="ignore"):
        for step in range(steps + 1):  # `step` updates are done
            due = step % record_every == 0 or step == steps
            record = None
            if full_batch:
                grad_w, grad_b, record = lean_pass(model, inputs, targets, record=due)
            elif due:
                record = lean_pass(model, inputs, targets, record=True)[2]
            if record is not None and not _keep(result, model, step, record, labels, snapshots) and step > 0:
                result.diverged, result.diverged_at_step = True, step
                break
            if step == steps:
                break
            if not full_batch:
                # Batch number state.steps of the stream: epoch e is the permutation drawn from
                # (shuffle_seed, e), cut into n // batch_size batches (the remainder is skipped).
                epoch, position = divmod(state.steps, per_epoch)
                if epoch not in orders:
                    orders = {epoch: np.random.default_rng([shuffle_seed, epoch]).permutation(n)}
                idx = orders[epoch][position * size:(position + 1) * size]
                grad_w, grad_b = batch_gradients(model, inputs[idx], targets[idx])
            params = model.weights + (model.biases if update_biases else [])
            grads = grad_w + (grad_b if update_biases else [])
            new = apply_update(optimizer, params, grads, learning_rate, state)
            state.steps += 1
            model.weights = new[:depth]
            if update_biases:
                model.biases = new[depth:]
    return result
