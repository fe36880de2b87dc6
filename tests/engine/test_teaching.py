"""The teaching views' numbers: the sequential-update mistake, the boundary grid, gradient health."""

from __future__ import annotations

import numpy as np
import pytest

from app.engine.boundary import boundary_grid
from app.engine.datasets import make_dataset
from app.engine.network import Model, init_parameters, predict
from app.engine.trace import run_step
from app.engine.training import train

X, Y = np.array([[0.05, 0.10]]), np.array([[0.01, 0.99]])


def mazur() -> Model:
    return Model([2, 2, 2], ["sigmoid", "sigmoid"], "half_sse",
                 [np.array([[0.15, 0.20], [0.25, 0.30]]), np.array([[0.40, 0.45], [0.50, 0.55]])],
                 [np.array([0.35, 0.35]), np.array([0.60, 0.60])])


def test_simultaneous_update_gives_the_correct_second_round_error() -> None:
    assert run_step(mazur(), X, Y, 0.5, update_biases=False).loss_after == pytest.approx(0.2910277737, abs=1e-10)


def test_updating_the_output_first_gives_the_worked_examples_figure() -> None:
    wrong = run_step(mazur(), X, Y, 0.5, update_biases=False, hidden_uses_updated_weights=True)
    assert wrong.loss_after == pytest.approx(0.291027924, abs=1e-9)
    # the output layer's update is the same either way; only the hidden layer differs
    right = run_step(mazur(), X, Y, 0.5, update_biases=False)
    assert np.array_equal(wrong.updated_weights[1], right.updated_weights[1])
    assert not np.array_equal(wrong.updated_weights[0], right.updated_weights[0])
    assert "already updated" in wrong.steps[9]["description"]


def test_updating_biases_too_gives_a_lower_second_round_error() -> None:
    assert run_step(mazur(), X, Y, 0.5, update_biases=True).loss_after == pytest.approx(0.2804714468, abs=1e-10)


def test_boundary_grid_is_a_forward_pass_over_the_grid() -> None:
    w, b = init_parameters([2, 5, 3], "he", 2)
    model = Model([2, 5, 3], ["tanh", "softmax"], "cross_entropy", w, b)
    grid = boundary_grid(model, (-1.0, 2.0), (0.0, 1.0), 7)
    assert grid.outputs.shape == (7, 7, 3)
    assert grid.xs[0] == -1.0 and grid.xs[-1] == 2.0 and grid.ys[-1] == 1.0
    i, j = 4, 2
    assert np.array_equal(grid.outputs[i, j], predict(model, np.array([[grid.xs[j], grid.ys[i]]]))[0])


def test_deep_sigmoid_first_layer_gradient_is_orders_of_magnitude_below_the_output() -> None:
    data = make_dataset("moons", n=100, seed=0, standardize=True)
    sizes = [2, 8, 8, 8, 8, 8, 1]
    w, b = init_parameters(sizes, "xavier", 0)
    deep = Model(sizes, ["sigmoid"] * 6, "bce", w, b)
    first = train(deep, data.inputs, data.targets, learning_rate=0.5, steps=1).history[0]
    assert first["grad_norms"][0] < 1e-2 * first["grad_norms"][-1]
    w, b = init_parameters(sizes, "he", 0)
    relu = Model(sizes, ["relu"] * 5 + ["sigmoid"], "bce", w, b)
    healthy = train(relu, data.inputs, data.targets, learning_rate=0.5, steps=1).history[0]
    assert healthy["grad_norms"][0] > 1e-1 * healthy["grad_norms"][-1]
