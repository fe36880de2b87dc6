"""GELU (the tanh form) and softplus, added by their registry entries alone: their values and slopes
equal PyTorch's own functions, and a whole step through them equals PyTorch's autograd."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from fastapi.testclient import TestClient

from app.engine.activations import ACTIVATIONS
from tests import torch_reference

Z = np.array([-60.0, -9.0, -3.1, -0.7, -0.2, 0.0, 0.3, 0.9, 2.4, 7.5, 19.0, 60.0])
PYTORCH = {  # PyTorch's functions, named here independently of the engine's record
    "gelu": lambda z: torch.nn.functional.gelu(z, approximate="tanh"),
    "softplus": torch.nn.functional.softplus,
}


@pytest.mark.parametrize("name", sorted(PYTORCH))
def test_value_and_slope_equal_pytorchs(name: str) -> None:
    act = ACTIVATIONS[name]
    z = torch.tensor(Z, dtype=torch.float64, requires_grad=True)
    value = PYTORCH[name](z)
    value.sum().backward()
    a = act.value(Z)
    # softplus: PyTorch returns z itself past threshold=20, the engine log(1 + e^z) ≈ z + 2e-9
    assert np.allclose(a, value.detach().numpy(), rtol=1e-15, atol=3e-9)
    assert np.allclose(act.slope(Z, a), z.grad.numpy(), rtol=1e-12, atol=3e-9)


@pytest.mark.parametrize("name", sorted(PYTORCH))
def test_the_records_pytorch_counterpart_is_that_function(name: str) -> None:
    z = torch.tensor(Z, dtype=torch.float64)
    assert torch.equal(torch_reference.ACTIVATIONS[name](z), PYTORCH[name](z))


@pytest.mark.parametrize("name", sorted(PYTORCH))
@pytest.mark.parametrize("output, loss", [("linear", "mse"), ("sigmoid", "bce"), (None, "half_sse")])
def test_a_step_through_it_equals_pytorchs_autograd(client: TestClient, name: str, output: str | None, loss: str) -> None:
    rng = np.random.default_rng(7)
    sizes = [3, 4, 2]
    targets = rng.uniform(0, 1, (5, 2)).round(2) if loss == "bce" else rng.normal(size=(5, 2))
    body = {"model": {"sizes": sizes, "activations": [name, output or name], "loss": loss,
                      "weights": [rng.normal(scale=1.5, size=(o, i)).tolist() for i, o in zip(sizes[:-1], sizes[1:])],
                      "biases": [rng.normal(size=o).tolist() for o in sizes[1:]]},
            "inputs": rng.normal(size=(5, 3)).tolist(), "targets": targets.tolist(), "learning_rate": 0.3}
    r = client.post("/api/step", json=body)
    assert r.status_code == 200, r.text
    torch_reference.assert_same_step(r.json(), body)


def test_they_are_in_the_catalogue_for_hidden_and_output_layers(client: TestClient) -> None:
    catalogue = {a["name"]: a for a in client.get("/api/catalog").json()["activations"]}
    for name in PYTORCH:
        assert catalogue[name]["hidden"] and catalogue[name]["output"]


def test_nudging_them_outside_their_range_is_unreachable() -> None:
    from app.engine.network import Model
    from app.engine.nudge import reachable

    model = Model([1, 1, 1], ["gelu", "softplus"], "mse", [], [])
    z = np.linspace(-3, 0, 300_001)  # GELU's least value, from PyTorch's function on a fine grid
    least = float(PYTORCH["gelu"](torch.tensor(z, dtype=torch.float64)).min())
    assert reachable(model, 1, least + 1e-9) and not reachable(model, 1, least - 1e-6)
    assert reachable(model, 2, 1e-9) and not reachable(model, 2, 0.0) and not reachable(model, 2, -0.5)
