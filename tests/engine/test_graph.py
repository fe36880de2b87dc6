"""The computational graph: every node's value and gradient equal the trace's (Mazur's step, by
hand-published figures too), a node's gradient is the sum of what its outgoing edges bring back,
and a large network is drawn around one neuron within the node budget."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.engine.graph import MAX_NODES, computational_graph
from app.engine.network import Model, backward, forward, init_parameters
from app.engine.trace import run_step
from tests.engine.test_backprop import MAZUR_X, MAZUR_Y, mazur_model


def _mazur_graph():
    result = run_step(mazur_model(), MAZUR_X, MAZUR_Y, 0.5, update_biases=False)
    return result, computational_graph(result.model, result.forward, result.backward, MAZUR_Y, 0)


def test_mazur_graph_is_whole_and_every_node_equals_the_trace() -> None:
    result, g = _mazur_graph()
    f, b = result.forward, result.backward
    nodes = {n["id"]: n for n in g.nodes}
    assert g.scope == "network" and len(nodes) == 33
    for layer in (1, 2):
        w, a_prev = result.model.weights[layer - 1], f.a[layer - 1][0]
        for j in range(2):
            assert nodes[f"z{layer}.{j}"]["value"] == f.z[layer - 1][0, j]
            assert nodes[f"z{layer}.{j}"]["grad"] == b.delta[layer - 1][0, j]
            assert nodes[f"a{layer}.{j}"]["value"] == f.a[layer][0, j]
            assert nodes[f"a{layer}.{j}"]["grad"] == b.grad_a[layer - 1][0, j]
            assert nodes[f"b{layer}.{j}"]["grad"] == b.grad_biases[layer - 1][j]
            for k in range(2):
                assert nodes[f"w{layer}.{j}.{k}"]["grad"] == pytest.approx(b.grad_weights[layer - 1][j, k], abs=1e-15)
                assert nodes[f"p{layer}.{j}.{k}"]["value"] == w[j, k] * a_prev[k]
    assert nodes["C"]["value"] == pytest.approx(f.cost, abs=1e-15)


def test_mazur_graph_carries_the_published_figures() -> None:
    _, g = _mazur_graph()
    nodes = {n["id"]: n for n in g.nodes}
    slope = next(e for e in g.edges if e["from"] == "z2.0" and e["to"] == "a2.0")
    assert nodes["a1.0"]["value"] == pytest.approx(0.593269992, abs=1e-9)  # out_h1
    assert slope["local"] == pytest.approx(0.186815602, abs=1e-9)  # ∂out_o1/∂net_o1
    assert nodes["z2.0"]["grad"] == pytest.approx(0.138498562, abs=1e-9)  # δ_o1
    assert nodes["w2.0.0"]["grad"] == pytest.approx(0.082167041, abs=1e-9)  # ∂E/∂w5
    assert nodes["C"]["value"] == pytest.approx(0.298371109, abs=1e-9)  # E_total


def test_every_gradient_is_the_sum_of_its_outgoing_contributions() -> None:
    _, g = _mazur_graph()
    fed: dict[str, list[float]] = {}
    for e in g.edges:
        fed.setdefault(e["from"], []).append(e["contribution"])
    for n in g.nodes:
        if n["id"] != "C":
            assert n["grad"] == pytest.approx(math.fsum(fed[n["id"]]), rel=1e-12), n["id"]
    hidden = [e for e in g.edges if e["from"] == "a1.0"]
    assert len(hidden) == 2  # a value feeding two operations gets two gradients, added


def test_the_schedule_reveals_gradients_only_in_the_backward_pass() -> None:
    result, g = _mazur_graph()
    order = [f"{s['layer']}:{s['quantity']}" for s in result.steps]
    for n in g.nodes:
        assert n["value_at"] is None or order.index(n["value_at"]) < order.index(n["grad_at"])
        assert result.steps[order.index(n["grad_at"])]["phase"] in ("loss", "backward")


@pytest.mark.parametrize("sizes", [[4, 16, 16, 3], [2, 64, 64, 64, 1], [64] * 11])
def test_a_large_network_is_drawn_around_one_neuron_within_the_budget(sizes: list[int]) -> None:
    acts = ["tanh"] * (len(sizes) - 2) + ["sigmoid"]
    weights, biases = init_parameters(sizes, "xavier", 3)
    model = Model(sizes, acts, "sse", weights, biases)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(2, sizes[0])), rng.uniform(size=(2, sizes[-1]))
    fwd = forward(model, x, y)
    back = backward(model, fwd, y)
    g = computational_graph(model, fwd, back, y, 1, (2, 5))
    ids = {n["id"] for n in g.nodes}
    assert g.scope == "neuron" and len(g.nodes) <= MAX_NODES
    assert {"z2.5", "a2.5", "C"} <= ids and "z2.4" not in ids
    assert all(e["from"] in ids and e["to"] in ids for e in g.edges)
    a = next(n for n in g.nodes if n["id"] == "a2.5")
    drawn = [e for e in g.edges if e["from"] == "a2.5"]
    assert a["omitted_out"] == sizes[3] - len(drawn)
    assert a["grad"] == back.grad_a[1][1, 5]  # the whole gradient, though some of its paths are not drawn
    cost = next(n for n in g.nodes if n["id"] == "C")
    assert cost["value"] == pytest.approx(fwd.costs[1], rel=1e-12)  # the whole cost, though outputs are omitted
