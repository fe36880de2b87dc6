"""from_torch(): a torch.nn.Sequential of Linear layers and supported activations as a scenario
(a /api/step request) with its exact weights. torch is imported only here, and only when called."""

from __future__ import annotations

from typing import Any

import numpy as np

from app.engine.activations import ACTIVATIONS as ENGINE_ACTIVATIONS
from app.engine.losses import LOSSES as ENGINE_LOSSES
from app.schemas import StepRequest

# torch.nn module class name → the activation's name in the JSON contract, from each activation's
# notation record (its PyTorch counterpart)
ACTIVATIONS = {a.notation.torch.module: name for name, a in ENGINE_ACTIVATIONS.items()}
LOSSES = tuple(ENGINE_LOSSES)
# Arguments PyTorch lets a module take that only change where along the features it runs
_ANY_OF = {("Softmax", "dim"): (-1, 1)}


class UnsupportedModel(ValueError):
    """The model is not a Sequential of Linear layers, each followed by at most one supported activation."""


def _refuse(where: str, why: str) -> UnsupportedModel:
    supported = "Linear, then optionally one of " + ", ".join(f"nn.{n}" for n in ACTIVATIONS)
    return UnsupportedModel(f"{where}: {why}. Backprop Lens takes a torch.nn.Sequential of dense layers: {supported}.")


def _activation(module: Any, index: int) -> str:
    kind = type(module).__name__
    if kind not in ACTIVATIONS:
        raise _refuse(f"module {index} ({kind})", "is not a supported layer")
    name = ACTIVATIONS[kind]
    for arg, wanted in ENGINE_ACTIVATIONS[name].notation.torch.kwargs.items():
        got, allowed = getattr(module, arg), _ANY_OF.get((kind, arg), (wanted,))
        if got not in allowed:
            what = " or ".join(map(str, allowed))
            why = f"softmax must run over the features (dim={what})" if kind == "Softmax" else f"{arg} must be {what}"
            raise _refuse(f"module {index} ({kind})", f"{why}, got {arg}={got}")
    return name


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

    `loss` names the cost per sample, one of LOSSES: each loss's notation record says its PyTorch
    counterpart (mse is PyTorch's MSELoss; cross_entropy follows a Softmax, y one-hot rows or class
    indices; bce follows a Sigmoid). Raises UnsupportedModel for anything but Linear layers and the
    activations of ACTIVATIONS, each built with the arguments its record names (LeakyReLU with the
    engine's negative slope, PyTorch's default; GELU with approximate="tanh"; Softmax on the output only).
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
