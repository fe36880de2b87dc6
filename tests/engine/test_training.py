"""Training: the iris preset learns, runs repeat exactly, optimizers follow their rules."""

from __future__ import annotations

import numpy as np
import pytest

from app.engine.datasets import make_dataset
from app.engine.network import Model, backward, class_labels, forward, init_parameters
from app.engine.optimizers import OptimizerState, apply_update
from app.engine.training import train


def iris_model() -> tuple[Model, np.ndarray, np.ndarray]:
    data = make_dataset("iris", standardize=True)
    w, b = init_parameters([4, 5, 3], "he", 0)
    return Model([4, 5, 3], ["relu", "softmax"], "cross_entropy", w, b), data.inputs, data.targets


def test_iris_reaches_95_percent_training_accuracy_within_2000_steps() -> None:
    model, x, y = iris_model()
    result = train(model, x, y, learning_rate=0.1, steps=2000, record_every=100)
    assert result.history[-1]["accuracy"] >= 0.95
    assert result.history[-1]["loss"] < result.history[0]["loss"]


def test_two_identical_runs_give_identical_histories() -> None:
    model, x, y = iris_model()
    a = train(model, x, y, learning_rate=0.1, steps=50, record_every=5, batch_size=16, shuffle_seed=3)
    b = train(model, x, y, learning_rate=0.1, steps=50, record_every=5, batch_size=16, shuffle_seed=3)
    c = train(model, x, y, learning_rate=0.1, steps=50, record_every=5, batch_size=16, shuffle_seed=4)
    assert a.history == b.history
    assert a.history != c.history
    assert [s.step for s in a.snapshots] == list(range(0, 51, 5))


def test_momentum_and_adam_follow_their_update_rules() -> None:
    p, g = [np.array([1.0, -2.0])], [np.array([0.5, 0.25])]
    state = OptimizerState()
    after = apply_update("momentum", p, g, 0.1, state)
    after = apply_update("momentum", after, g, 0.1, state)
    # v1 = g, v2 = 0.9 g + g = 1.9 g; p2 = p − 0.1 g − 0.1 · 1.9 g
    assert np.allclose(after[0], p[0] - 0.1 * g[0] * 2.9)
    state = OptimizerState()
    after = apply_update("adam", p, g, 0.01, state)
    # first Adam step moves every parameter by η · sign(g) (up to ε)
    assert np.allclose(after[0], p[0] - 0.01 * np.sign(g[0]), atol=1e-7)


def test_a_run_that_overflows_stops_and_says_so() -> None:
    model = Model([1, 1], ["linear"], "sse", [np.array([[1.0]])], [np.array([0.0])])
    result = train(model, np.array([[10.0]]), np.array([[1.0]]), learning_rate=1e6, steps=50)
    assert result.diverged and result.diverged_at_step is not None
    assert result.history[-1]["loss"] is None


def test_mini_batch_training_touches_the_whole_set_each_epoch() -> None:
    # Sample i is the unit vector e_i with target 1, the model a linear neuron starting at w = 0
    # under ½(a − y)²: a mini-batch of b samples moves exactly their weights, each by η (1 − w_i) / b.
    n, b, lr = 12, 4, 0.4
    model = Model([n, 1], ["linear"], "half_sse", [np.zeros((1, n))], [np.zeros(1)])
    x, y = np.eye(n), np.ones((n, 1))
    before, touched = np.zeros(n), []
    for steps in range(1, 2 * n // b + 1):  # two epochs; the run is repeated one batch longer each time
        after = train(model, x, y, learning_rate=lr, steps=steps, batch_size=b, shuffle_seed=7, update_biases=False).model
        assert after is not None
        touched.append(set(np.flatnonzero(after.weights[0][0] != before).tolist()))
        before = after.weights[0][0]
    epochs = [touched[:n // b], touched[n // b:]]
    for batches in epochs:
        assert all(len(t) == b for t in batches)
        assert set().union(*batches) == set(range(n)), "every sample is used once per epoch"
    assert epochs[0] != epochs[1], "each epoch draws its own order"
    # after two epochs every weight has moved twice: w = η/b, then w + η (1 − w)/b
    once = lr / b
    assert np.allclose(before, once + lr * (1 - once) / b, rtol=1e-15)


def test_a_mini_batch_run_split_in_chunks_equals_one_long_run() -> None:
    model, x, y = iris_model()
    whole = train(model, x, y, learning_rate=0.1, steps=40, batch_size=32, shuffle_seed=5, optimizer="momentum")
    first = train(model, x, y, learning_rate=0.1, steps=25, batch_size=32, shuffle_seed=5, optimizer="momentum")
    assert first.model is not None and first.optimizer_state is not None
    rest = train(first.model, x, y, learning_rate=0.1, steps=15, batch_size=32, shuffle_seed=5, optimizer="momentum",
                 state=first.optimizer_state)
    assert whole.model is not None and rest.model is not None
    assert all(np.array_equal(a, b) for a, b in zip(whole.model.weights, rest.model.weights))
    assert rest.history[-1]["loss"] == whole.history[-1]["loss"]


@pytest.mark.parametrize("batch_size", [None, 32])
def test_each_record_equals_a_full_trace_of_the_model_at_that_step(batch_size: int | None) -> None:
    # The loop records from the pass it needs for the update; the trace recomputes every number
    # from the snapshot with forward + backward on all the data.
    model, x, y = iris_model()
    result = train(model, x, y, learning_rate=0.5, steps=7, record_every=3, batch_size=batch_size, optimizer="momentum")
    assert [h["step"] for h in result.history] == [s.step for s in result.snapshots] == [0, 3, 6, 7]
    for record, snap in zip(result.history, result.snapshots):
        at = Model(model.sizes, model.activations, model.loss, snap.weights, snap.biases)
        fwd = forward(at, x, y)
        back = backward(at, fwd, y)
        assert record["loss"] == pytest.approx(fwd.cost, rel=1e-13)
        assert record["accuracy"] == np.mean(fwd.a[-1].argmax(axis=1) == y.argmax(axis=1))
        assert record["grad_norms"] == pytest.approx([np.linalg.norm(g) for g in back.grad_weights], rel=1e-12)
        assert record["mean_abs_delta"] == pytest.approx([np.abs(d).mean() for d in back.delta], rel=1e-12)
    assert result.model is not None
    assert all(np.array_equal(w, s) for w, s in zip(result.model.weights, result.snapshots[-1].weights))
    assert not np.array_equal(result.snapshots[0].weights[0], result.snapshots[1].weights[0])


def test_a_one_column_target_records_the_thresholded_accuracy() -> None:
    model = Model([1, 1], ["sigmoid"], "bce", [np.array([[2.0]])], [np.array([0.0])])
    x, y = np.array([[1.0], [-1.0], [0.5]]), np.array([[1.0], [1.0], [0.0]])
    result = train(model, x, y, learning_rate=1e-9, steps=1)
    assert result.history[0]["accuracy"] == pytest.approx(1 / 3)  # σ(2) ≥ .5 right, σ(−2) wrong, σ(1) wrong


@pytest.mark.parametrize(("rows", "labels"), [
    ([[0, 1, 0], [1, 0, 0], [0, 0, 1]], [1, 0, 2]),
    ([[0, 1, 0], [0, 0, 0]], None),  # no 1
    ([[0, 1, 0], [0, 1, 1]], None),  # two 1s
    ([[0, 1, 0], [0.5, 0.5, 0]], None),  # sums to 1 without being one-hot
    ([[0, 1, 0], [1, 0, np.nan]], None),
    ([[0, 1, 0], [1, -0.0, 0]], [1, 0]),  # −0 is 0
])
def test_class_labels_are_given_only_for_one_hot_rows(rows: list[list[float]], labels: list[int] | None) -> None:
    found = class_labels(np.array(rows, dtype=float))
    assert (found is None) if labels is None else found.tolist() == labels


@pytest.mark.parametrize(("column", "labels"), [
    ([[1], [0], [1]], [True, False, True]),
    ([[1], [0.5]], None),
    ([[1], [np.nan]], None),
])
def test_a_single_column_is_labelled_by_whether_it_is_1(column: list[list[float]], labels: list[bool] | None) -> None:
    found = class_labels(np.array(column, dtype=float))
    assert (found is None) if labels is None else found.tolist() == labels
