"""Size limits from the settings, checked after a request parsed: layers, units, batch, steps,
records, paths, parameters for gradcheck, and a compute budget per request."""

from __future__ import annotations

from app.api.errors import limit_error
from app.config import Settings
from app.engine.paths import count_paths
from app.schemas import BatchRequest, PathsRequest, TrainRequest


def weight_count(sizes: list[int]) -> int:
    return sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))


def check_batch(req: BatchRequest, s: Settings) -> None:
    sizes = req.model.sizes
    if len(sizes) - 1 > s.max_layers:
        raise limit_error(("model", "sizes"), f"sizes: at most {s.max_layers} layers after the input, got {len(sizes) - 1}")
    for i, n in enumerate(sizes):
        if n > s.max_units:
            raise limit_error(("model", "sizes", i), f"sizes[{i}]: at most {s.max_units} neurons per layer, got {n}")
    if len(req.inputs) > s.max_batch:
        raise limit_error(("inputs",), f"inputs: at most {s.max_batch} samples, got {len(req.inputs)}")


def check_train(req: TrainRequest, s: Settings) -> None:
    check_batch(req, s)
    if req.steps > s.max_train_steps:
        raise limit_error(("steps",), f"steps: at most {s.max_train_steps}, got {req.steps}")
    records = req.steps // req.record_every + 2
    if records > s.max_records:
        raise limit_error(("record_every",), f"record_every: steps / record_every must stay under {s.max_records}; raise record_every")
    if req.snapshots and records > s.max_snapshots:
        raise limit_error(("snapshots",), f"snapshots: at most {s.max_snapshots} snapshots; raise record_every or set snapshots false")
    batch = min(req.batch_size or len(req.inputs), len(req.inputs))
    work = weight_count(req.model.sizes) * batch * req.steps
    if work > s.max_work:
        raise limit_error(("steps",), f"steps: weights × samples × steps is {work}, over the budget of {s.max_work}")


def check_gradcheck(req: BatchRequest, s: Settings) -> None:
    check_batch(req, s)
    params = weight_count(req.model.sizes) + sum(req.model.sizes[1:])
    if params > s.max_gradcheck_params:
        raise limit_error(("model", "sizes"), f"sizes: gradcheck compares at most {s.max_gradcheck_params} parameters, this model has {params}")
    work = 2 * params * weight_count(req.model.sizes) * len(req.inputs)
    if work > s.max_work:
        raise limit_error(("inputs",), f"inputs: parameters × weights × samples is {work}, over the budget of {s.max_work}")


def check_paths(req: PathsRequest, s: Settings) -> None:
    check_batch(req, s)
    count = count_paths(req.model.sizes, req.layer)
    if count > s.max_paths:
        raise limit_error(("layer",), f"layer: {count} paths lead from layer {req.layer} to the cost, over the limit of {s.max_paths}")
