"""POST /api/pictures: every neuron's activation over the input plane equals a forward pass on the
grid (`predict` of the network cut after that layer, and NumPy written out here), and XOR's hidden
neurons picture something else once trained."""

from __future__ import annotations

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.engine.network import Model, predict

ACTS = {"tanh": np.tanh, "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "relu": lambda z: np.maximum(z, 0)}


def grid_points(answer: dict) -> np.ndarray:
    gx, gy = np.meshgrid(answer["xs"], answer["ys"])
    return np.column_stack([gx.ravel(), gy.ravel()])


@pytest.mark.parametrize("acts", [["tanh", "relu", "sigmoid"], ["sigmoid", "tanh", "tanh"]])
def test_every_layers_pictures_equal_predict_on_the_grid(client: TestClient, acts: list[str]) -> None:
    rng = np.random.default_rng(5)
    sizes = [2, 4, 3, 1]
    weights = [rng.normal(size=(n, m)) for m, n in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(size=n) for n in sizes[1:]]
    model = {"sizes": sizes, "activations": acts, "loss": "sse", "weights": [w.tolist() for w in weights],
             "biases": [b.tolist() for b in biases]}
    answer = client.post("/api/pictures", json={"model": model, "resolution": 7, "x_range": [-2, 1],
                                               "y_range": [0, 3]}).json()
    points = grid_points(answer)
    assert answer["xs"][0] == -2 and answer["ys"][-1] == 3 and len(answer["layers"]) == 3
    a = points
    for l, layer in enumerate(answer["layers"], start=1):
        values = np.array(layer["values"])
        assert values.shape == (7, 7, sizes[l]) and layer["activation"] == acts[l - 1]
        cut = Model(sizes[:l + 1], acts[:l], "sse", weights[:l], biases[:l])
        np.testing.assert_allclose(values.reshape(49, -1), predict(cut, points), rtol=1e-12, atol=1e-15)
        a = ACTS[acts[l - 1]](a @ weights[l - 1].T + biases[l - 1])  # the forward pass written out
        np.testing.assert_allclose(values.reshape(49, -1), a, rtol=1e-12, atol=1e-15)
        assert (layer["low"], layer["high"]) == (values.min(), values.max())


def test_xors_hidden_neurons_picture_something_else_once_trained(client: TestClient) -> None:
    preset = client.get("/api/presets/xor").json()
    before = client.post("/api/pictures", json={"model": preset["model"], "resolution": 12}).json()
    trained = client.post("/api/train", json={**preset, "steps": 300}).json()["model"]
    after = client.post("/api/pictures", json={"model": trained, "resolution": 12}).json()
    hidden_before, hidden_after = (np.array(x["layers"][0]["values"]) for x in (before, after))
    assert hidden_before.shape == hidden_after.shape and hidden_before.shape[-1] >= 2
    for n in range(hidden_before.shape[-1]):
        assert np.abs(hidden_after[..., n] - hidden_before[..., n]).max() > 0.05, f"hidden neuron {n} did not change"


def test_a_network_without_two_inputs_or_over_the_budget_gets_a_422_naming_the_field(client: TestClient) -> None:
    three = {"sizes": [3, 2, 1], "activations": ["tanh", "sigmoid"], "loss": "sse"}
    answer = client.post("/api/pictures", json={"model": three})
    assert answer.status_code == 422 and "sizes" in answer.json()["detail"][0]["msg"]
    wide = {"sizes": [2, *[16] * 7, 1], "activations": ["tanh"] * 7 + ["sigmoid"], "loss": "sse"}
    answer = client.post("/api/pictures", json={"model": wide, "resolution": 200})
    assert answer.status_code == 422 and answer.json()["detail"][0]["msg"].startswith("resolution:")
    assert client.post("/api/pictures", json={"model": wide, "resolution": 24}).status_code == 200
