"""The backward pass: gradients equal finite differences, the hidden error is a sum over paths,
batch gradients are means, and Mazur's published figures come out."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.engine.gradcheck import gradient_check, numeric_gradient
from app.engine.network import Model, backward, batch_gradients, forward, init_parameters
from app.engine.paths import decompose
from app.engine.trace import run_step

SMOOTH = ["sigmoid", "tanh", "linear"]
OUTPUTS = [("sigmoid", "half_sse"), ("sigmoid", "sse"), ("linear", "mse"), ("tanh", "sse"),
           ("sigmoid", "bce"), ("softmax", "cross_entropy")]


def mazur_model() -> Model:
    return Model([2, 2, 2], ["sigmoid", "sigmoid"], "half_sse",
                 [np.array([[0.15, 0.20], [0.25, 0.30]]), np.array([[0.40, 0.45], [0.50, 0.55]])],
                 [np.array([0.35, 0.35]), np.array([0.60, 0.60])])


MAZUR_X, MAZUR_Y = np.array([[0.05, 0.10]]), np.array([[0.01, 0.99]])


def test_mazur_preset_reproduces_the_published_figures() -> None:
    result = run_step(mazur_model(), MAZUR_X, MAZUR_Y, 0.5, update_biases=False)
    assert result.forward.cost == pytest.approx(0.298371109, abs=1e-9)
    assert result.forward.a[1][0, 0] == pytest.approx(0.593269992, abs=1e-9)
    assert result.updated_weights[1][0, 0] == pytest.approx(0.35891648, abs=1e-8)
    assert result.updated_weights[0][0, 0] == pytest.approx(0.149780716, abs=1e-9)
    assert result.backward.delta[1][0, 0] == pytest.approx(0.138498562, abs=1e-9)
    assert result.backward.grad_weights[1][0, 0] == pytest.approx(0.082167041, abs=1e-9)


@st.composite
def networks(draw: st.DrawFn) -> tuple[Model, np.ndarray, np.ndarray]:
    depth = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1, 4)) for _ in range(depth + 1)]
    out, loss = draw(st.sampled_from(OUTPUTS))
    if out == "softmax":
        sizes[-1] = max(2, sizes[-1])
    acts = [draw(st.sampled_from(SMOOTH)) for _ in range(depth - 1)] + [out]
    seed = draw(st.integers(0, 10_000))
    rng = np.random.default_rng(seed)
    weights, biases = init_parameters(sizes, "normal", seed)
    batch = draw(st.integers(1, 4))
    x = rng.normal(size=(batch, sizes[0]))
    if loss == "cross_entropy":
        y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], batch)]
    elif loss == "bce":
        y = rng.integers(0, 2, (batch, sizes[-1])).astype(float)
    else:
        y = rng.normal(size=(batch, sizes[-1]))
    return Model(sizes, acts, loss, weights, biases), x, y


@settings(max_examples=60, deadline=None)
@given(networks())
def test_backprop_gradients_match_finite_differences(net: tuple[Model, np.ndarray, np.ndarray]) -> None:
    model, x, y = net
    back = backward(model, forward(model, x, y), y)
    for i in range(model.depth):
        numeric_w = numeric_gradient(model, x, y, model.weights[i], 1e-5)
        numeric_b = numeric_gradient(model, x, y, model.biases[i], 1e-5)
        assert np.allclose(back.grad_weights[i], numeric_w, rtol=1e-5, atol=1e-8)
        assert np.allclose(back.grad_biases[i], numeric_b, rtol=1e-5, atol=1e-8)


def test_gradient_check_passes_on_the_mazur_network() -> None:
    checks = gradient_check(mazur_model(), MAZUR_X, MAZUR_Y, epsilon=1e-5)
    assert [c.layer for c in checks] == [1, 2]
    assert all(c.max_error_weights < 1e-6 and c.max_error_biases < 1e-6 for c in checks)
    assert sum(c.checked for c in checks) == 12


@settings(max_examples=60, deadline=None)
@given(networks())
def test_batch_gradient_is_the_mean_of_per_sample_gradients(net: tuple[Model, np.ndarray, np.ndarray]) -> None:
    model, x, y = net
    back = backward(model, forward(model, x, y), y)
    fwd = forward(model, x, y)
    for i in range(model.depth):
        per_sample = np.einsum("bj,bk->bjk", back.delta[i], fwd.a[i])
        assert np.allclose(back.grad_weights[i], per_sample.mean(axis=0))
        assert np.allclose(back.grad_biases[i], back.delta[i].mean(axis=0))  # ∂C/∂b = δ


@settings(max_examples=60, deadline=None)
@given(networks())
def test_hidden_delta_is_the_sum_over_outgoing_paths(net: tuple[Model, np.ndarray, np.ndarray]) -> None:
    model, x, y = net
    fwd = forward(model, x, y)
    back = backward(model, fwd, y)
    for layer in range(1, model.depth + 1):
        for j in range(model.sizes[layer]):
            found = decompose(model, fwd, back, 0, "bias", layer, j)
            assert found.total == pytest.approx(back.delta[layer - 1][0, j], rel=1e-9, abs=1e-12)
            for k in range(model.sizes[layer - 1]):
                found = decompose(model, fwd, back, 0, "weight", layer, j, k)
                assert found.total == pytest.approx(found.gradient, rel=1e-9, abs=1e-12)
                assert len(found.paths) == int(np.prod(model.sizes[layer + 1:]))
        # ∂C_x/∂a[l-1]_k = Σ_j w_jk δ_j: the total derivative over every neuron a_k feeds
        for k in range(model.sizes[layer - 1]):
            found = decompose(model, fwd, back, 0, "activation", layer - 1, k)
            direct = sum(model.weights[layer - 1][j, k] * back.delta[layer - 1][0, j]
                         for j in range(model.sizes[layer]))
            assert found.total == pytest.approx(direct, rel=1e-9, abs=1e-12)


def test_chain_network_has_exactly_one_path_per_weight() -> None:
    weights, biases = init_parameters([1, 1, 1, 1], "normal", 4)
    model = Model([1, 1, 1, 1], ["sigmoid"] * 3, "half_sse", weights, biases)
    x, y = np.array([[1.0]]), np.array([[0.0]])
    fwd = forward(model, x, y)
    found = decompose(model, fwd, backward(model, fwd, y), 0, "weight", 1, 0, 0)
    assert len(found.paths) == 1
    assert [f.symbol for f in found.paths[0].factors][0] == "a[0]_0"
    assert found.paths[0].product == pytest.approx(found.gradient)


@pytest.mark.parametrize("scheme", ["xavier", "he", "uniform", "normal", "zeros"])
def test_initialisation_is_deterministic_per_seed(scheme: str) -> None:
    a = init_parameters([3, 5, 2], scheme, 7)
    b = init_parameters([3, 5, 2], scheme, 7)
    c = init_parameters([3, 5, 2], scheme, 8)
    assert all(np.array_equal(p, q) for p, q in zip(a[0] + a[1], b[0] + b[1]))
    if scheme != "zeros":
        assert not np.array_equal(a[0][0], c[0][0])
    assert [w.shape for w in a[0]] == [(5, 3), (2, 5)]


def test_overflow_is_flagged_with_the_step_where_it_happened() -> None:
    model = Model([1, 1], ["linear"], "sse", [np.array([[1e300]])], [np.array([0.0])])
    result = run_step(model, np.array([[1e10]]), np.array([[0.0]]), 0.1)
    assert result.diverged
    assert result.diverged_at == {"index": 0, "phase": "forward", "layer": 1, "quantity": "z"}


def test_steps_script_runs_forward_then_loss_then_backward_then_update() -> None:
    result = run_step(mazur_model(), MAZUR_X, MAZUR_Y, 0.5)
    phases = [s["phase"] for s in result.steps]
    assert phases == ["forward"] * 4 + ["loss"] + ["backward"] * 8 + ["update"] * 2
    assert [s["index"] for s in result.steps] == list(range(15))
    assert result.steps[6]["equation"] == "δ[2] = ∂C/∂a[2] ⊙ σ′(z[2])"
    assert all("reads" in s and "a" not in s for s in result.steps)


@settings(max_examples=40, deadline=None)
@given(networks())
def test_training_fast_path_gives_the_same_gradients_as_the_trace(net: tuple[Model, np.ndarray, np.ndarray]) -> None:
    model, x, y = net
    back = backward(model, forward(model, x, y), y)
    grad_w, grad_b = batch_gradients(model, x, y)
    for i in range(model.depth):
        assert np.allclose(grad_w[i], back.grad_weights[i], rtol=1e-12, atol=1e-15)
        assert np.allclose(grad_b[i], back.grad_biases[i], rtol=1e-12, atol=1e-15)


def test_a_changed_script_does_not_change_the_next_step_s() -> None:
    # The script of a model shape is remembered between steps; each step must get its own.
    first = run_step(mazur_model(), MAZUR_X, MAZUR_Y, 0.5)
    expected = [dict(s, reads=[dict(r) for r in s["reads"]]) for s in first.steps]
    first.steps[0]["equation"] = "changed"
    first.steps[0]["reads"][0]["quantity"] = "changed"
    first.steps.append({})
    assert run_step(mazur_model(), MAZUR_X, MAZUR_Y, 0.5).steps == expected
