"""The step answer carries what the page writes into its formulas, so the page restates none of it:
the update rule's constants, Adam's bias-corrected moments, each layer's activation symbol, and
whether the output's δ is a − y directly."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_adams_first_corrected_moments_are_the_gradient_and_its_square(client: TestClient, mazur: dict) -> None:
    body = client.post("/api/step", json={**mazur, "optimizer": "adam"}).json()
    assert body["optimizer_constants"] == {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}
    # After one update m = 0.1 g and v = 0.001 g², so m̂ = g and v̂ = g²; g = Mazur's ∂E/∂w5 = 0.082167041.
    m_hat, v_hat = body["optimizer_moments"]["m_hat"], body["optimizer_moments"]["v_hat"]
    assert m_hat[1][0][0] == pytest.approx(0.082167041, abs=1e-9)
    assert v_hat[1][0][0] == pytest.approx(0.082167041**2, rel=1e-7)
    assert v_hat[1][0][0] == pytest.approx(m_hat[1][0][0] ** 2, rel=1e-12)
    assert len(m_hat) == len(body["optimizer_state"]["m"])  # laid out like m and v: weights, then biases


def test_momentum_and_sgd_name_their_constants(client: TestClient, mazur: dict) -> None:
    momentum = client.post("/api/step", json={**mazur, "optimizer": "momentum"}).json()
    assert momentum["optimizer_constants"] == {"momentum": 0.9} and "optimizer_moments" not in momentum
    assert client.post("/api/step", json=mazur).json()["optimizer_constants"] == {}


def test_symbols_and_the_output_rule_come_with_the_step(client: TestClient, mazur: dict) -> None:
    plain = client.post("/api/step", json=mazur).json()
    assert [layer["activation_symbol"] for layer in plain["layers"]] == ["σ", "σ"]
    assert plain["output_delta_is_direct"] is False
    iris = client.get("/api/presets/iris").json()
    body = client.post("/api/step", json={**iris, "samples": [0]}).json()
    assert [layer["activation_symbol"] for layer in body["layers"]] == ["relu", "softmax"]
    assert body["output_delta_is_direct"] is True


def _leaky(mazur: dict, bias: float) -> dict:
    """Mazur's network with a leaky ReLU hidden layer whose first neuron's bias is `bias`."""
    model = {**mazur["model"], "activations": ["leaky_relu", "sigmoid"]}
    model["biases"] = [[bias, -0.35], [0.6, 0.6]]
    return {**mazur, "model": model}


def test_each_layer_carries_its_activations_constants(client: TestClient, mazur: dict) -> None:
    from app.engine.activations import LEAKY_SLOPE

    body = client.post("/api/step", json=_leaky(mazur, -0.35)).json()
    assert [layer["activation_constants"] for layer in body["layers"]] == [{"negative_slope": LEAKY_SLOPE}, {}]
    # z₁ = 0.15·0.05 + 0.20·0.10 − 0.35 < 0, by hand; the slope there is the constant the answer names,
    # and the slope measured from the API's own a by central differences in the bias (∂z/∂b = 1) agrees.
    z = 0.15 * 0.05 + 0.20 * 0.10 - 0.35
    layer = body["layers"][0]
    assert layer["z"][0][0] == pytest.approx(z, abs=1e-15) and z < 0
    assert layer["activation_slope"][0][0] == layer["activation_constants"]["negative_slope"]
    h = 1e-4
    up, down = (client.post("/api/step", json=_leaky(mazur, -0.35 + s)).json()["layers"][0]["a"][0][0] for s in (h, -h))
    assert (up - down) / (2 * h) == pytest.approx(layer["activation_constants"]["negative_slope"], rel=1e-9)
