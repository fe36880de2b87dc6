"""from_torch(): a torch.nn.Sequential of Linear layers and supported activations as a scenario
(a /api/step request) with its exact weights. torch is imported only here, and only when called."""

from __future__ import annotations

from typing import Any

import numpy as np

from app.engine.activations import LEAKY_SLOPE
from app.schemas import StepRequest

# torch.nn module class name → the activation's name in the JSON contract
ACTIVATIONS = {"Sigmoid": "sigmoid", "Tanh": "tanh", "ReLU": "relu", "LeakyReLU": "leaky_relu", "Identity": "linear",
               "Softmax": "softmax"}
LOSSES = ("sse", "half_sse", "mse", "cross_entropy", "bce")


class UnsupportedModel(ValueError):
    """The model is not a Sequential of Linear layers, each followed by at most one supported activation."""


def _refuse(where: str, why: str) -> UnsupportedModel:
    supported = "Linear, then optionally one of " + ", ".join(f"nn.{n}" for n in ACTIVATIONS)
    return UnsupportedModel(f"{where}: {why}. Backprop Lens takes a torch.nn.Sequential of dense layers: {supported}.")


def _activation(module: Any, index: int) -> str:
    kind = type(module).__name__
    if kind not in ACTIVATIONS:
        raise _refuse(f"module {index} ({kind})", "is not a supported layer")
    if kind == "LeakyReLU" and module.negative_slope != LEAKY_SLOPE:
        raise _refuse(f"module {index} (LeakyReLU)", f"negative_slope must be {LEAKY_SLOPE}, got {module.negative_slope}")
    if kind == "Softmax" and module.dim not in (-1, 1):
        raise _refuse(f"module {index} (Softmax)", f"softmax must run over the features (dim=-1 or 1), got dim={module.dim}")
    return ACTIVATIONS[kind]


def _layers(model: Any) -> tuple[list[Any], list[str]]:
    """The Linear modules in order and the activation after each (linear where none follows)."""
    import torch.nn as nn

    if not isinstance(model, nn.Sequential):
        raise _refuse(type(model).__name__, "is not a torch.nn.Sequential")
    linears: list[Any] = []
    activations: list[str] = []
    for i, module in enumerate(model):
        if isinstance(module, nn.Linear):
            if linears and len(activations) < len(linears):
                activations.append("linear")
            linears.append(module)
        elif not linears:
            raise _refuse(f"module {i} ({type(module).__name__})", "comes before the first Linear layer")
        elif len(activations) == len(linears):
            raise _refuse(f"module {i} ({type(module).__name__})", "is a second activation after one Linear layer")
        else:
            activations.append(_activation(module, i))
    if not linears:
        raise _refuse("the model", "has no Linear layer")
    if len(activations) < len(linears):
        activations.append("linear")
    return linears, activations


def _rows(values: Any, name: str) -> list[Any]:
    array = values.detach().cpu().numpy() if hasattr(values, "detach") else np.asarray(values)
    if np.issubdtype(array.dtype, np.integer) and array.ndim == 1:
        return [int(v) for v in array]  # class indices (cross_entropy)
    array = np.asarray(array, dtype=np.float64)
    if array.ndim != 2:
        raise ValueError(f"{name}: needs one row per sample (2 dimensions), got shape {array.shape}")
    return array.tolist()


def from_torch(model: Any, x: Any, y: Any, *, loss: str, learning_rate: float = 0.5, optimizer: str = "sgd") -> dict[str, Any]:
    """The /api/step request of `model` on the batch (x, y), with the model's exact weights as float64.

    `loss` names the cost per sample: sse, half_sse, mse (PyTorch's MSELoss), cross_entropy (after a
    Softmax; y one-hot rows or class indices) or bce (after a Sigmoid; PyTorch's BCELoss times the
    number of outputs). Raises UnsupportedModel for anything but Linear layers and the activations
    Sigmoid, Tanh, ReLU, LeakyReLU (with the engine's LEAKY_SLOPE, PyTorch's default), Identity and
    Softmax (output only).
    """
    if loss not in LOSSES:
        raise ValueError(f"loss: must be one of {', '.join(LOSSES)} (PyTorch's MSELoss is 'mse'), got {loss!r}")
    linears, activations = _layers(model)
    with_bias = [m.bias is not None for m in linears]
    if any(with_bias) and not all(with_bias):
        raise _refuse("the model", "mixes Linear layers with and without bias")
    sizes = [linears[0].in_features] + [m.out_features for m in linears]
    body = {
        "model": {
            "sizes": sizes,
            "activations": activations,
            "loss": loss,
            "weights": [_rows(m.weight, f"Linear {i}.weight") for i, m in enumerate(linears)],
            "biases": [m.bias.detach().cpu().double().numpy().tolist() if m.bias is not None else [0.0] * m.out_features
                       for m in linears],
        },
        "inputs": _rows(x, "x"),
        "targets": _rows(y, "y"),
        "learning_rate": learning_rate,
        "update_biases": all(with_bias),
        "optimizer": optimizer,
    }
    StepRequest.model_validate(body)  # the API's rules, with its messages (softmax needs cross_entropy, …)
    return body
