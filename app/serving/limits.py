"""Size limits from the settings, and the budget of what a request really costs (priced in
app/serving/budget.py): checked before any work, after the request parsed; and, before parsing, the
number of lists a body holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.config import Settings
from app.engine.paths import count_paths
from app.schemas import BatchRequest, BoundaryRequest, PathsRequest, StepRequest, TrainRequest
from app.schemas.nudge import NudgeRequest
from app.serving.budget import (
    Cost,
    boundary_cost,
    gradcheck_cost,
    notebook_cost,
    nudge_cost,
    numpy_script_cost,
    parameter_count,
    paths_batch_cost,
    paths_cost,
    standalone_cost,
    step_cost,
    train_cost,
    weight_count,
)
from app.serving.errors import limit_error

# Fields of a body that hold a whole step request (a standalone export's `step`, a scenario file's `request`).
WRAPPERS = ("step", "request")

__all__ = ["ROUTE_PRICES", "check_batch", "check_body_lists", "check_boundary", "check_decoded", "check_gradcheck", "check_notebook",
           "check_nudge", "check_numpy_script", "check_paths", "check_standalone", "check_step", "check_train", "max_lists", "weight_count"]


def max_lists(s: Settings) -> int:
    """The most JSON lists ('[') a request within the limits holds: a row per sample of inputs and
    targets, a row per neuron of every weight matrix and of the optimizer's two moments, and a few."""
    per_model = 1 + s.max_layers * (s.max_units + 2)
    return 2 * (s.max_batch + 1) + 3 * per_model + 16


def check_body_lists(body: bytes, s: Settings) -> None:
    """Before parsing: a body of many tiny lists (a million one-value rows fit in 2 MB) costs
    seconds to decode and validate, so its '[' are counted first (one pass in C)."""
    lists = body.count(b"[")
    if lists > max_lists(s):
        raise limit_error((), f"the body holds {lists} lists (rows); a request within the limits holds at most {max_lists(s)}")


def check_cost(cost: Cost, s: Settings, work_field: str, values_field: str, advice: str) -> Cost:
    """422 naming the field to change when the work or the answer's size is over its limit."""
    if cost.values > s.max_answer_values:
        raise limit_error((values_field,), f"{values_field}: the answer would hold {cost.values} numbers, over the "
                                           f"limit of {s.max_answer_values}; {advice}")
    if cost.work > s.max_work:
        raise limit_error((work_field,), f"{work_field}: this request costs {cost.work} units of work, over the "
                                         f"budget of {s.max_work}; {advice}")
    return cost


def check_sizes(sizes: list[int], s: Settings, where: tuple[str, ...] = ()) -> None:
    if len(sizes) - 1 > s.max_layers:
        raise limit_error((*where, "model", "sizes"), f"sizes: at most {s.max_layers} layers after the input, got {len(sizes) - 1}")
    for i, n in enumerate(sizes):
        if n > s.max_units:
            raise limit_error((*where, "model", "sizes", i), f"sizes[{i}]: at most {s.max_units} neurons per layer, got {n}")


def check_decoded(data: Any, s: Settings) -> None:
    """Before validation, on the decoded body: the limits that a look at a few fields can check
    (layers, neurons per layer, samples), so that nothing proportional to them is built first (the
    one-hot rows of class-index targets are n_L wide). Fields that are not what the schema wants are
    left for the schema to name."""
    if not isinstance(data, dict):
        return
    bodies = [((), data)] + [((key,), data[key]) for key in WRAPPERS if isinstance(data.get(key), dict)]
    for where, body in bodies:
        model = body.get("model")
        sizes = model.get("sizes") if isinstance(model, dict) else None
        if isinstance(sizes, list) and all(isinstance(n, int) for n in sizes):
            check_sizes(sizes, s, where)
        for name in ("inputs", "targets"):
            rows = body.get(name)
            if isinstance(rows, list) and len(rows) > s.max_batch:
                raise limit_error((*where, name), f"{name}: at most {s.max_batch} samples, got {len(rows)}")


def check_batch(req: BatchRequest, s: Settings) -> None:
    check_sizes(req.model.sizes, s)
    lr = getattr(req, "learning_rate", None)  # a step's and a training run's η: the page's limit too (rules.page_rules)
    if lr is not None and lr > s.max_learning_rate:
        raise limit_error(("learning_rate",), f"learning_rate: at most {s.max_learning_rate:g}, got {lr:g}")
    if len(req.inputs) > s.max_batch:
        raise limit_error(("inputs",), f"inputs: at most {s.max_batch} samples, got {len(req.inputs)}")


def _traced(req: StepRequest, s: Settings) -> tuple[int, str]:
    if req.samples is not None:
        return len(req.samples), "samples"
    n = len(req.inputs)
    return (n if n <= s.trace_all_samples_up_to else 1), "inputs"


def _check_traced(req: StepRequest, s: Settings, cost: Callable[..., Cost], *extra: str) -> Cost:
    """The batch limits, then the price `cost(sizes, batch, traced, *extra)` of an answer that traces samples."""
    check_batch(req, s)
    traced, field = _traced(req, s)
    return check_cost(cost(req.model.sizes, len(req.inputs), traced, *extra), s, "inputs", field,
               "send fewer samples or ask for fewer in `samples`")


def check_step(req: StepRequest, s: Settings) -> Cost:
    return _check_traced(req, s, step_cost, req.optimizer)


def check_standalone(req: StepRequest, s: Settings) -> None:
    _check_traced(req, s, standalone_cost, req.optimizer)


def check_numpy_script(req: StepRequest, s: Settings) -> None:
    check_batch(req, s)
    check_cost(numpy_script_cost(req.model.sizes, len(req.inputs)), s, "inputs", "inputs", "send fewer samples")


def check_notebook(req: StepRequest, s: Settings) -> None:
    _check_traced(req, s, notebook_cost)


def check_train(req: TrainRequest, s: Settings) -> Cost:
    check_batch(req, s)
    if req.steps > s.max_train_steps:
        raise limit_error(("steps",), f"steps: at most {s.max_train_steps}, got {req.steps}")
    records = req.steps // req.record_every + 2
    if records > s.max_records:
        raise limit_error(("record_every",), f"record_every: steps / record_every must stay under {s.max_records}; raise record_every")
    if req.snapshots and records > s.max_snapshots:
        raise limit_error(("snapshots",), f"snapshots: at most {s.max_snapshots} snapshots; raise record_every or set snapshots false")
    n = len(req.inputs)
    batch = min(req.batch_size or n, n)
    cost = train_cost(req.model.sizes, n, batch, req.steps, records, req.snapshots)
    return check_cost(cost, s, "steps", "snapshots" if req.snapshots else "record_every",
               "take fewer steps, record less often (record_every) or set snapshots false")


def check_gradcheck(req: BatchRequest, s: Settings) -> Cost:
    check_batch(req, s)
    params = parameter_count(req.model.sizes)
    if params > s.max_gradcheck_params:
        raise limit_error(("model", "sizes"), f"sizes: gradcheck compares at most {s.max_gradcheck_params} parameters, this model has {params}")
    return check_cost(gradcheck_cost(req.model.sizes, len(req.inputs)), s, "inputs", "inputs",
               "check a smaller batch or a smaller model")


def check_paths(req: PathsRequest, s: Settings) -> Cost:
    check_batch(req, s)
    count = count_paths(req.model.sizes, req.layer)
    if count > s.max_paths:
        raise limit_error(("layer",), f"layer: {count} paths lead from layer {req.layer} to the cost, over the limit of {s.max_paths}")
    cost = check_cost(paths_cost(req.model.sizes, count), s, "layer", "layer", "choose a parameter nearer the output")
    if req.batch_mean:  # every sample's paths
        return check_cost(paths_batch_cost(req.model.sizes, count, len(req.inputs)), s, "batch_mean", "batch_mean",
                          "ask for one sample's paths")
    return cost


def check_nudge(req: NudgeRequest, s: Settings) -> Cost:
    check_batch(req, s)
    cost = nudge_cost(req.model.sizes, len(req.inputs), req.points, req.kind == "activation")
    return check_cost(cost, s, "points", "points", "ask for fewer points or send fewer samples")


def check_boundary(req: BoundaryRequest, s: Settings) -> Cost:
    check_sizes(req.model.sizes, s)
    return check_cost(boundary_cost(req.model.sizes, req.resolution), s, "resolution", "resolution", "lower the resolution")


# The price of a route's validated body, for admission (app/serving/routing.py): a route listed here whose
# request is priced under LIGHT_WORK is answered at once, without a turn in the heavy queue.
ROUTE_PRICES: dict[str, Callable[[Any, Settings], Cost]] = {
    "/api/step": check_step, "/api/train": check_train, "/api/gradcheck": check_gradcheck, "/api/paths": check_paths,
    "/api/nudge": check_nudge, "/api/boundary": check_boundary,
}
