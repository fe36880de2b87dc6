"""The computational graph of one sample's step: every scalar operation as a node.

Nodes: the inputs a[0]_k, each weight w[l]_jk and bias b[l]_j (leaves), each product
w[l]_jk · a[l-1]_k, each sum z[l]_j = Σ_k products + b[l]_j, each activation a[l]_j, each
output's term of the loss ((a − y)², −y log a, …) and their sum, the sample's cost C_x. Each node carries its forward value and its
gradient ∂C_x/∂node; each edge its local derivative ∂to/∂from and its contribution
local · ∂C_x/∂to, so that a node's gradient is the sum of its outgoing edges' contributions.
`value_at`/`grad_at` name the script step ("layer:quantity") that computes the value or reaches
the gradient, so a page shows neither before its step.

A network whose whole graph has more than `max_nodes` nodes is drawn around one neuron: its
inputs, and what it feeds up to the cost, keeping per layer the neurons with the largest |δ|;
`omitted_in`/`omitted_out` count the edges of a node that are not drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from app.engine.activations import ACTIVATIONS
from app.engine.losses import LOSSES
from app.engine.network import Backward, Forward, Model

Array = np.ndarray
MAX_NODES = 60
_FANS = (8, 6, 4, 3, 2, 1)


@dataclass
class Graph:
    scope: str  # "network" (every node) or "neuron" (the graph around `neuron`)
    neuron: tuple[int, int] | None
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)


@dataclass
class _Sample:
    """One sample's forward and backward values, as rows."""

    model: Model
    a: list[Array]  # a[l] for l = 0..L
    z: list[Array]  # z[l] at position l-1
    grad_a: list[Array]  # ∂C_x/∂a[l] for l = 0..L (a[0]'s is W[1]ᵀ δ[1])
    delta: list[Array]  # δ[l] at position l-1
    slope: list[Array]  # σ′(z[l]) at position l-1
    y: Array


def _sample(model: Model, fwd: Forward, back: Backward, targets: Array, s: int) -> _Sample:
    delta = [d[s] for d in back.delta]
    grad_a0 = model.weights[0].T @ delta[0]
    return _Sample(model, [a[s] for a in fwd.a], [z[s] for z in fwd.z],
                   [grad_a0, *(g[s] for g in back.grad_a)], delta, [g[s] for g in back.activation_slope], targets[s])


def _node(kind: str, nid: str, value: float, grad: float, value_at: str | None, grad_at: str,
          layer: int | None = None, j: int | None = None, k: int | None = None) -> dict:
    return {"id": nid, "kind": kind, "layer": layer, "j": j, "k": k, "value": float(value), "grad": float(grad),
            "value_at": value_at, "grad_at": grad_at, "omitted_in": 0, "omitted_out": 0}


def _edge(src: str, dst: str, local: float, symbol: str, local_at: str | None) -> dict:
    return {"from": src, "to": dst, "local": float(local), "symbol": symbol, "local_at": local_at}


def _a_id(layer: int, j: int) -> str:
    return f"a{layer}.{j}"


def _activation_nodes(g: Graph, x: _Sample, layer: int, keep: list[int]) -> None:
    for j in keep:
        at = f"{layer}:a" if layer else None
        grad_at = f"{layer}:grad_a" if layer else "1:grad_weights"
        g.nodes.append(_node("activation" if layer else "input", _a_id(layer, j), x.a[layer][j],
                             x.grad_a[layer][j], at, grad_at, layer, j))
        if layer:  # its activation's symbol, from the notation record: σ, relu …
            g.nodes[-1]["symbol"] = ACTIVATIONS[x.model.activations[layer - 1]].symbol


def _layer_nodes(g: Graph, x: _Sample, layer: int, keep: list[int], inputs: list[int]) -> None:
    """Weights, products, biases and sums of `layer` for neurons `keep` fed by `inputs`, then a."""
    i, w, a_prev = layer - 1, x.model.weights[layer - 1], x.a[layer - 1]
    zq, dq = f"{layer}:z", f"{layer}:delta"
    for j in keep:
        d, zid = x.delta[i][j], f"z{layer}.{j}"
        for k in inputs:
            wid, pid = f"w{layer}.{j}.{k}", f"p{layer}.{j}.{k}"
            g.nodes.append(_node("weight", wid, w[j, k], a_prev[k] * d, None, f"{layer}:grad_weights", layer, j, k))
            g.nodes.append(_node("product", pid, w[j, k] * a_prev[k], d, zq, dq, layer, j, k))
            g.edges += [_edge(wid, pid, a_prev[k], "a", None),
                        _edge(_a_id(layer - 1, k), pid, w[j, k], "w", None), _edge(pid, zid, 1.0, "1", zq)]
        bid = f"b{layer}.{j}"
        g.nodes.append(_node("bias", bid, x.model.biases[i][j], d, None, f"{layer}:grad_biases", layer, j))
        g.nodes.append(_node("sum", zid, x.z[i][j], d, zq, dq, layer, j))
        g.edges.append(_edge(bid, zid, 1.0, "1", zq))
    _activation_nodes(g, x, layer, keep)
    act = ACTIVATIONS[x.model.activations[i]]
    for j in keep:
        if act.elementwise:
            g.edges.append(_edge(f"z{layer}.{j}", _a_id(layer, j), x.slope[i][j], f"{act.symbol}′", dq))  # σ′, relu′, tanh′ …
            continue
        a = x.a[layer]
        for m in keep:  # softmax: a_j depends on every z_m, ∂a_j/∂z_m = a_j (1[j=m] − a_m)
            g.edges.append(_edge(f"z{layer}.{m}", _a_id(layer, j), a[j] * (float(j == m) - a[m]), "∂a/∂z", dq))


def _loss_nodes(g: Graph, x: _Sample, keep: list[int]) -> None:
    """The per-output terms of the sample's cost and their sum C_x, as the loss's registry entry writes them."""
    L, loss = x.model.depth, LOSSES[x.model.loss]
    a, y, lq, gq = x.a[L], x.y, f"{L}:loss", f"{L}:grad_a"
    scale = loss.scale(len(a))
    for j in keep:
        tid = f"t.{j}"
        g.nodes.append(_node(loss.term_kind, tid, loss.term(a[j:j + 1], y[j:j + 1])[0], scale, lq, gq, L, j))
        if loss.term_kind != "square":
            g.nodes[-1]["symbol"] = loss.notation.graph_term
        g.edges.append(_edge(_a_id(L, j), tid, float(loss.term_slope(a[j], y[j])), loss.notation.graph_slope, lq))
        g.edges.append(_edge(tid, "C", scale, f"{scale:g}", lq))
    g.nodes.append(_node("cost", "C", scale * np.sum(loss.term(a, y)), 1.0, lq, gq, L))
    g.nodes[-1]["symbol"] = loss.notation.graph_cost


def _true_degree(node: dict, model: Model) -> tuple[int, int]:
    """How many edges go into and out of this node in the whole graph."""
    sizes, L, kind, layer = model.sizes, model.depth, node["kind"], node["layer"]
    if kind in ("input", "activation"):
        soft = kind == "activation" and not ACTIVATIONS[model.activations[layer - 1]].elementwise
        return (0 if kind == "input" else sizes[layer] if soft else 1), (sizes[layer + 1] if layer < L else 1)
    if kind == "sum":
        return sizes[layer - 1] + 1, (1 if ACTIVATIONS[model.activations[layer - 1]].elementwise else sizes[layer])
    return {"weight": (0, 1), "bias": (0, 1), "product": (2, 1), "square": (1, 1),
            "term": (1, 1), "cost": (sizes[L], 0)}[kind]


def _count_omitted(g: Graph, model: Model) -> None:
    ins = {n["id"]: 0 for n in g.nodes}
    outs = dict(ins)
    for e in g.edges:
        outs[e["from"]] += 1
        ins[e["to"]] += 1
    for n in g.nodes:
        true_in, true_out = _true_degree(n, model)
        n["omitted_in"] = 0 if n["kind"] == "activation" and ins[n["id"]] == 0 else true_in - ins[n["id"]]
        n["omitted_out"] = true_out - outs[n["id"]]


def _build(x: _Sample, first: int, keep: list[list[int]]) -> Graph:
    g = Graph("network", None)
    _activation_nodes(g, x, first - 1, keep[first - 1])
    for layer in range(first, x.model.depth + 1):
        _layer_nodes(g, x, layer, keep[layer], keep[layer - 1])
    _loss_nodes(g, x, keep[-1])
    grads = {n["id"]: n["grad"] for n in g.nodes}
    for e in g.edges:
        e["contribution"] = e["local"] * grads[e["to"]]
    _count_omitted(g, x.model)
    return g


def _largest(values: Array, count: int) -> list[int]:
    return sorted(np.argsort(-np.nan_to_num(np.abs(values)), kind="stable")[:count].tolist())


def _around(x: _Sample, layer: int, j: int, fan: int) -> list[list[int]]:
    """Per layer, the neurons drawn around neuron j of `layer`: its largest inputs |w a|, itself,
    and in each later layer the `fan` neurons with the largest |δ|."""
    keep: list[list[int]] = [[] for _ in x.model.sizes]
    keep[layer - 1] = _largest(x.model.weights[layer - 1][j] * x.a[layer - 1], fan)
    keep[layer] = [j]
    for later in range(layer + 1, x.model.depth + 1):
        keep[later] = _largest(x.delta[later - 1], fan)
    return keep


def _whole_size(model: Model) -> int:
    sizes = model.sizes
    layers = sum(2 * n * m + 3 * n for m, n in zip(sizes[:-1], sizes[1:]))
    return sizes[0] + layers + sizes[-1] + 1


def computational_graph(model: Model, fwd: Forward, back: Backward, targets: Array, sample: int,
                        neuron: tuple[int, int] | None = None, max_nodes: int = MAX_NODES) -> Graph:
    """The graph of sample `sample`'s cost C_x: the whole network when it has at most `max_nodes`
    nodes, else the graph around `neuron` (layer, j; default (1, 0))."""
    x = _sample(model, fwd, back, targets, sample)
    if _whole_size(model) <= max_nodes:
        return _build(x, 1, [list(range(n)) for n in model.sizes])
    layer, j = neuron or (1, 0)
    for fan in _FANS:
        g = _build(x, layer, _around(x, layer, j, fan))
        if len(g.nodes) <= max_nodes:
            break
    g.scope, g.neuron = "neuron", (layer, j)
    return g
