"""POST /api/graph against PyTorch autograd: every node's value and ∂C_x/∂node on random networks,
computed by a second implementation that keeps the gradient of every intermediate tensor."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from fastapi.testclient import TestClient

from tests import torch_reference

CASES = [([2, 3, 2], ["tanh", "sigmoid"], "half_sse"), ([3, 2, 2, 1], ["relu", "leaky_relu", "linear"], "mse"),
         ([2, 2, 3], ["sigmoid", "softmax"], "cross_entropy"), ([2, 2, 2], ["tanh", "sigmoid"], "bce"),
         ([1, 3, 2], ["sigmoid", "tanh"], "sse")]


def _torch_nodes(model: dict, x: list[float], y: list[float]) -> dict[str, tuple[float, float]]:
    """(value, ∂C_x/∂value) of every scalar of the graph, by autograd, keyed like the API's ids."""
    a = torch_reference.tensors(x).requires_grad_(True)
    yt = torch_reference.tensors(y)
    kept: dict[str, torch.Tensor] = {"a0": a}
    params = []
    for l, (w, b, act) in enumerate(zip(model["weights"], model["biases"], model["activations"]), start=1):
        w, b = torch_reference.tensors(w).requires_grad_(True), torch_reference.tensors(b).requires_grad_(True)
        params += [(f"w{l}", w), (f"b{l}", b)]
        p = w * a[None, :]
        z = p.sum(1) + b
        a = torch_reference.ACTIVATIONS[act](z[None, :])[0]
        kept.update({f"p{l}": p, f"z{l}": z, f"a{l}": a})
    loss = model["loss"]
    if loss in ("sse", "half_sse", "mse"):
        t = (a - yt) ** 2
        kept["t"] = t
    else:
        t = -(yt * torch.log(a)) if loss == "cross_entropy" else -(yt * torch.log(a) + (1 - yt) * torch.log(1 - a))
        kept["t"] = t
    cost = t.sum() * {"half_sse": 0.5, "mse": 1 / len(y)}.get(loss, 1.0)
    for v in kept.values():
        if v.requires_grad and not v.is_leaf:
            v.retain_grad()
    cost.backward()
    out = {"C": (float(cost.detach()), 1.0)}
    for name, v in [*kept.items(), *params]:
        for idx in np.ndindex(*v.shape):
            out[name + "".join(f".{i}" for i in idx)] = (float(v.detach()[idx]), float(v.grad[idx]))
    return out


@pytest.mark.parametrize("sizes, acts, loss", CASES)
def test_every_node_equals_pytorch_autograd(client: TestClient, sizes: list[int], acts: list[str], loss: str) -> None:
    rng = np.random.default_rng(len(sizes) * 7 + len(loss))
    weights = [rng.normal(0, 0.8, (n, m)).tolist() for m, n in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(0, 0.5, n).tolist() for n in sizes[1:]]
    model = {"sizes": sizes, "activations": acts, "loss": loss, "weights": weights, "biases": biases}
    inputs = rng.normal(size=(3, sizes[0])).tolist()
    targets = np.eye(sizes[-1])[[1, 0, 1]].tolist() if loss == "cross_entropy" else rng.uniform(0.1, 0.9, (3, sizes[-1])).tolist()
    answer = client.post("/api/graph", json={"model": model, "inputs": inputs, "targets": targets, "sample": 2})
    assert answer.status_code == 200, answer.text
    graph = answer.json()
    expected = _torch_nodes(model, inputs[2], targets[2])
    assert graph["scope"] == "network" and len(graph["nodes"]) == len(expected)
    for node in graph["nodes"]:
        value, grad = expected[node["id"]]
        assert node["value"] == pytest.approx(value, rel=1e-10, abs=1e-12), node["id"]
        assert node["grad"] == pytest.approx(grad, rel=1e-9, abs=1e-12), node["id"]


def test_mazur_graph_names_the_step_of_each_value(client: TestClient, mazur: dict) -> None:
    graph = client.post("/api/graph", json=mazur).json()
    node = {n["id"]: n for n in graph["nodes"]}
    assert (node["a1.0"]["value_at"], node["a1.0"]["grad_at"]) == ("1:a", "1:grad_a")
    assert (node["z2.0"]["value_at"], node["z2.0"]["grad_at"]) == ("2:z", "2:delta")
    assert node["w2.0.0"]["value_at"] is None


@pytest.mark.parametrize("extra, field", [({"sample": 5}, "sample"), ({"layer": 3}, "layer"),
                                          ({"layer": 1, "j": 2}, "j"),
                                          ({"hidden_uses_updated_weights": True}, "hidden_uses_updated_weights")])
def test_a_neuron_or_sample_out_of_range_gets_a_422_naming_it(client: TestClient, mazur: dict, extra: dict,
                                                            field: str) -> None:
    answer = client.post("/api/graph", json={**mazur, **extra})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["msg"].startswith(f"{field}:")


def test_the_step_body_as_the_page_posts_it_is_drawn(client: TestClient, mazur: dict) -> None:
    """The page posts its /api/step body; the usual order (false) draws, only the mistaken one is refused."""
    assert client.post("/api/graph", json={**mazur, "hidden_uses_updated_weights": False}).status_code == 200


def test_a_large_network_is_drawn_around_the_asked_neuron(client: TestClient) -> None:
    model = {"sizes": [2, 16, 16, 2], "activations": ["tanh", "tanh", "sigmoid"], "loss": "sse",
             "init": {"scheme": "xavier", "seed": 1}}
    answer = client.post("/api/graph", json={"model": model, "inputs": [[0.5, -1]], "targets": [[0, 1]],
                                             "layer": 2, "j": 7}).json()
    assert answer["scope"] == "neuron" and answer["neuron"] == [2, 7] and len(answer["nodes"]) <= 60
