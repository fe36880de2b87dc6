"""An independent reference for expected numbers: the dense network of DESIGN.md written in PyTorch
(float64, autograd), so that a test compares the program with a second implementation rather than
with its own earlier output.

Only the definitions are shared with the engine: z = a W^T + b, a = act(z), the batch cost is the
mean of the per-sample costs, sgd is p <- p - lr * dC/dp.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from app.engine.activations import ACTIVATIONS as ENGINE_ACTIVATIONS
from app.engine.catalog import catalogue

CLASSIFICATION = catalogue()["classification"]  # the rule's one owner, as the API serves it


def _module(name: str) -> torch.nn.Module:
    """The torch.nn module the engine's registry names as the activation's counterpart (its PyTorch
    implementation, not the engine's arithmetic): nn.Sigmoid(), nn.GELU(approximate="tanh"), …"""
    counterpart = ENGINE_ACTIVATIONS[name].notation.torch
    kwargs = {**counterpart.kwargs, "dim": 1} if counterpart.module == "Softmax" else counterpart.kwargs
    return getattr(torch.nn, counterpart.module)(**kwargs)


ACTIVATIONS = {name: _module(name) for name in ENGINE_ACTIVATIONS}

PER_SAMPLE_COST = {
    "sse": lambda a, y: ((a - y) ** 2).sum(1),
    "half_sse": lambda a, y: 0.5 * ((a - y) ** 2).sum(1),
    "mse": lambda a, y: ((a - y) ** 2).mean(1),
    "cross_entropy": lambda a, y: -(y * torch.log(a)).sum(1),
    "bce": lambda a, y: -(y * torch.log(a) + (1 - y) * torch.log(1 - a)).sum(1),
}


@dataclass
class Reference:
    """One model state, evaluated on the whole batch."""

    loss: float
    outputs: torch.Tensor  # a[L], (batch, n_L)
    grad_weights: list[torch.Tensor]  # dC/dW[l], (n_l, n_{l-1})
    grad_biases: list[torch.Tensor]  # dC/db[l], (n_l,)

    def accuracy(self, targets: torch.Tensor) -> float:
        """Share of samples whose largest output is the target class (one 0/1 column: output at or above
        the catalogue's threshold)."""
        if targets.shape[1] == 1:
            right = (self.outputs[:, 0] >= CLASSIFICATION["threshold"]) == (targets[:, 0] == 1)
        else:
            right = self.outputs.argmax(1) == targets.argmax(1)
        return float(right.double().mean())


def tensors(rows: list) -> torch.Tensor:
    return torch.tensor(rows, dtype=torch.float64)


def evaluate(model: dict, weights: list[torch.Tensor], biases: list[torch.Tensor], x: torch.Tensor,
             y: torch.Tensor) -> Reference:
    """Loss, outputs and gradients of `model`'s architecture at these parameters."""
    params = [p.detach().clone().requires_grad_(True) for p in (*weights, *biases)]
    depth = len(weights)
    a = x
    for w, b, name in zip(params[:depth], params[depth:], model["activations"]):
        a = ACTIVATIONS[name](a @ w.T + b)
    cost = PER_SAMPLE_COST[model["loss"]](a, y).mean()
    cost.backward()
    grads = [p.grad for p in params]
    return Reference(float(cost.detach()), a.detach(), grads[:depth], grads[depth:])


def step(body: dict) -> tuple[Reference, list[torch.Tensor], list[torch.Tensor]]:
    """One sgd step of a /api/step body whose model carries its weights and biases: the reference
    at the start and the parameters after the update."""
    model = body["model"]
    weights, biases = [tensors(w) for w in model["weights"]], [tensors(b) for b in model["biases"]]
    ref = evaluate(model, weights, biases, tensors(body["inputs"]), tensors(body["targets"]))
    lr = body["learning_rate"]
    new_w = [w - lr * g for w, g in zip(weights, ref.grad_weights)]
    new_b = [b - lr * g for b, g in zip(biases, ref.grad_biases)] if body.get("update_biases", True) else biases
    return ref, new_w, new_b


def assert_same_step(answer: dict, body: dict) -> Reference:
    """An /api/step answer has PyTorch's loss, gradients and updated parameters for `body`; the reference."""
    ref, new_w, new_b = step(body)
    assert abs(answer["loss"] - ref.loss) <= 1e-12 * abs(ref.loss)
    for layer, gw, gb in zip(answer["layers"], ref.grad_weights, ref.grad_biases, strict=True):
        assert np.allclose(layer["grad_weights"], gw.numpy(), rtol=1e-10, atol=1e-15)
        assert np.allclose(layer["grad_biases"], gb.numpy(), rtol=1e-10, atol=1e-15)
    for ours, theirs in zip(answer["updated"]["weights"] + answer["updated"]["biases"], new_w + new_b, strict=True):
        assert np.allclose(ours, theirs.numpy(), rtol=1e-12, atol=1e-15)
    return ref


def train(body: dict, steps: int) -> list[Reference]:
    """`steps` full-batch sgd updates from the body's weights; the reference at step 0..steps."""
    model = body["model"]
    weights, biases = [tensors(w) for w in model["weights"]], [tensors(b) for b in model["biases"]]
    x, y = tensors(body["inputs"]), tensors(body["targets"])
    lr, update_biases = body["learning_rate"], body.get("update_biases", True)
    states = []
    for _ in range(steps + 1):
        ref = evaluate(model, weights, biases, x, y)
        states.append(ref)
        weights = [w - lr * g for w, g in zip(weights, ref.grad_weights)]
        if update_biases:
            biases = [b - lr * g for b, g in zip(biases, ref.grad_biases)]
    return states
