"""Between the JSON contract and the engine: pydantic models in, NumPy arrays and dicts out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import orjson

from app.config import Settings
from app.engine.activations import ACTIVATIONS, CONSTANTS
from app.engine.losses import LOSSES
from app.engine.network import Backward, Forward, Model, accuracy, backward, forward, init_parameters, output_delta_is_direct
from app.engine.optimizers import OptimizerState
from app.engine.paths import path_work
from app.engine.trace import Script, StepResult
from app.schemas import BatchRequest, ModelSpec, StepRequest, TrainRequest
from app.schemas.requests import float_matrix
from app.serving.errors import limit_error


def build_model(spec: ModelSpec) -> Model:
    """The engine's Model; weights or biases the spec leaves out are drawn from its init."""
    if spec.weights is None or spec.biases is None:  # drawing costs more than the rest of a small step
        weights, biases = init_parameters(spec.sizes, spec.init.scheme, spec.init.seed)
    if spec.weights is not None:
        weights = [np.array(w, dtype=float) for w in spec.weights]
    if spec.biases is not None:
        biases = [np.array(b, dtype=float) for b in spec.biases]
    return Model(list(spec.sizes), list(spec.activations), spec.loss, weights, biases)


@lru_cache(maxsize=256)
def script_json(script: Script) -> orjson.Fragment:
    """A script of steps as JSON, written once per Script (the engine shares one per model shape)."""
    return orjson.Fragment(orjson.dumps(script.steps))


def batch_arrays(req: BatchRequest) -> tuple[np.ndarray, np.ndarray]:
    """The batch's inputs and targets as read-only arrays (made by the request's validation)."""
    if req._arrays is not None:
        return req._arrays
    return float_matrix(req.inputs), float_matrix(req.targets)  # type: ignore[arg-type]


@dataclass
class OneSample:
    """One sample of a request's batch, as a batch of one, with its forward and backward pass."""

    model: Model
    forward: Forward
    backward: Backward
    targets: np.ndarray  # the sample's target row, shape (1, n_L)


def one_sample(req: BatchRequest, sample: int) -> OneSample:
    inputs, targets = batch_arrays(req)
    model = build_model(req.model)
    x, y = inputs[sample:sample + 1], targets[sample:sample + 1]
    with np.errstate(all="ignore"):
        fwd = forward(model, x, y)
        return OneSample(model, fwd, backward(model, fwd, y), y)


def model_json(spec: ModelSpec, weights: list[np.ndarray], biases: list[np.ndarray]) -> dict[str, Any]:
    return {
        "sizes": spec.sizes,
        "activations": spec.activations,
        "loss": spec.loss,
        "weights": weights,
        "biases": biases,
        "init": spec.init.model_dump(),
    }


def chosen_samples(req: StepRequest, settings: Settings) -> list[int]:
    if req.samples is not None:
        return list(req.samples)
    n = len(req.inputs)
    return list(range(n)) if n <= settings.trace_all_samples_up_to else [0]


# How the page writes each activation and loss: their notation records (app/engine/notation.py)
_ACTIVATION_NOTATION = {name: orjson.Fragment(orjson.dumps(a.notation.page())) for name, a in ACTIVATIONS.items()}
_LOSS_NOTATION = {name: orjson.Fragment(orjson.dumps(c.notation.page())) for name, c in LOSSES.items()}


def step_json(req: StepRequest, result: StepResult, samples: list[int], targets: np.ndarray) -> dict[str, Any]:
    f, b = result.forward, result.backward
    batch = len(req.inputs)
    # Every sample in order (a small batch's usual answer) is a view of each array, not a copy.
    idx: slice | np.ndarray = slice(None) if samples == list(range(batch)) else np.array(samples, dtype=int)
    layers = [
        {
            "index": i + 1,
            "activation": result.model.activations[i],
            "activation_symbol": ACTIVATIONS[result.model.activations[i]].symbol,
            "activation_constants": dict(CONSTANTS.get(result.model.activations[i], {})),
            "activation_notation": _ACTIVATION_NOTATION[result.model.activations[i]],
            "z": f.z[i][idx],
            "a": f.a[i + 1][idx],
            "activation_slope": b.activation_slope[i][idx],
            "grad_a": b.grad_a[i][idx],
            "delta": b.delta[i][idx],
            "grad_weights": b.grad_weights[i],
            "grad_biases": b.grad_biases[i],
            "path_work": path_work(result.model, i + 1) if i + 1 < result.model.depth else None,
        }
        for i in range(result.model.depth)
    ]
    with np.errstate(all="ignore"):
        acc = accuracy(f.a[-1], targets) if not result.diverged else None
    return {
        "model": model_json(req.model, result.model.weights, result.model.biases),
        "loss": f.cost,
        "losses": f.costs[idx],
        "samples": samples,
        "batch_size": batch,
        "input": f.a[0][idx],
        "target": targets[idx],
        "layers": layers,
        "output_delta_is_direct": output_delta_is_direct(result.model),
        "loss_notation": _LOSS_NOTATION[result.model.loss],
        "updated": {"weights": result.updated_weights, "biases": result.updated_biases},
        "loss_after": result.loss_after,
        "hidden_uses_updated_weights": req.hidden_uses_updated_weights,
        "learning_rate": req.learning_rate,
        "update_biases": req.update_biases,
        "accuracy": acc,
        "steps": script_json(result.script),
        "diverged": result.diverged,
        "diverged_at": result.diverged_at,
    }


def optimizer_state(req: StepRequest | TrainRequest, model: Model) -> OptimizerState:
    """The request's optimizer state as arrays, checked against the model's parameter shapes."""
    spec = req.optimizer_state
    if spec is None:
        return OptimizerState()
    if req.optimizer == "sgd":
        return OptimizerState(steps=spec.steps)
    # one array per updated parameter: every W[l], then every b[l] when biases are updated
    shapes = [w.shape for w in model.weights] + ([b.shape for b in model.biases] if req.update_biases else [])
    arrays = {}
    for name in ("m", "v"):
        wrong = limit_error(("optimizer_state", name),
                            f"optimizer_state.{name}: needs one array per W[l] then b[l], shaped like them")
        try:
            values = [np.array(x, dtype=float) for x in getattr(spec, name)]
        except ValueError:  # ragged rows have no shape
            raise wrong from None
        if values and [v.shape for v in values] != shapes:
            raise wrong
        arrays[name] = values
    if bool(arrays["m"]) != bool(arrays["v"]) and req.optimizer == "adam":
        raise limit_error(("optimizer_state",), "optimizer_state: adam needs both m and v")
    return OptimizerState(spec.t, arrays["m"], arrays["v"], spec.steps)


def state_json(state: OptimizerState) -> dict[str, Any]:
    """The optimizer state as JSON-ready data; lists of the current arrays (updates make new ones)."""
    return {"t": state.t, "m": list(state.m), "v": list(state.v), "steps": state.steps}
