"""The page state that makes a page post a given /api/step request again (opening a scenario file).

Starting from the file's own state, each field where the request differs from what the state
builds (build_step_body) is set through its page key; the parameters become edits: those that
differ from the preset's, or every W and b when the page would draw its weights but the request
carries its own. A field no page key can reproduce is refused, naming it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from app.engine.network import init_parameters
from app.export.scenario import KEY_BY_NAME, Rules, StateError, build_step_body
from app.schemas import StepRequest


def _text(value: Any) -> str:
    """A value as the page's URL spells it (lists with commas, rows with semicolons)."""
    if isinstance(value, list):
        return (";" if value and isinstance(value[0], list) else ",").join(map(_text, value))
    return repr(value) if isinstance(value, float) else str(value)


def _fields(req: StepRequest) -> dict[str, Any]:
    """What decides the request's numbers, with the API's defaults filled in (targets one-hot)."""
    m = req.model
    moved = req.optimizer_state is not None and bool(req.optimizer_state.m or req.optimizer_state.t)
    return {"sizes": m.sizes, "activations": m.activations, "loss": m.loss, "init": (m.init.scheme, m.init.seed),
            "inputs": req.inputs, "targets": req.targets, "learning_rate": req.learning_rate,
            "update_biases": req.update_biases, "optimizer": req.optimizer,
            "hidden_uses_updated_weights": req.hidden_uses_updated_weights, "optimizer_state": moved}


# Request field -> the page keys that set it to the wanted value.
PATCHES: tuple[tuple[str, Callable[[dict[str, Any]], dict[str, Any]]], ...] = (
    ("sizes", lambda w: {"sizes": w["sizes"]}),
    ("activations", lambda w: {"activations": w["activations"]}),
    ("loss", lambda w: {"loss": w["loss"]}),
    ("learning_rate", lambda w: {"lr": w["learning_rate"]}),
    ("update_biases", lambda w: {"biases": "update" if w["update_biases"] else "fixed"}),
    ("optimizer", lambda w: {"optimizer": w["optimizer"]}),
    ("init", lambda w: {"init": w["init"][0], "seed": w["init"][1]}),
    ("inputs", lambda w: {"inputs": w["inputs"]}),
    ("targets", lambda w: {"targets": w["targets"]}),
)


def _built(preset: dict[str, Any], state: dict[str, Any]) -> tuple[dict[str, Any], StepRequest | None]:
    body, _ = build_step_body(preset, state)
    try:
        return body, StepRequest.model_validate(body)
    except ValueError:
        return body, None


def _edits(weights: list[np.ndarray], biases: list[np.ndarray], base: dict[str, Any] | None) -> dict[str, float]:
    """Edit keys ("W2.0.1", "b1.0") for every parameter that differs from `base` (all without one)."""
    edits: dict[str, float] = {}
    for i, w in enumerate(weights):
        for (j, k), v in np.ndenumerate(w):
            if base is None or base["weights"][i][j][k] != v:
                edits[f"W{i + 1}.{j}.{k}"] = float(v)
    for i, b in enumerate(biases):
        for (j,), v in np.ndenumerate(b):
            if base is None or base["biases"][i][j] != v:
                edits[f"b{i + 1}.{j}"] = float(v)
    return edits


def restore_state(preset: dict[str, Any], request: StepRequest, state: dict[str, Any], rules: Rules) -> dict[str, Any]:
    """The scenario keys (as parse_scenario holds them) that make `preset` build `request`.

    `state` is the file's own (parse_scenario of its query), `rules` the page's (rules.page_rules);
    raises StateError naming the request field that no page key can reproduce.
    """
    want = _fields(request)
    state = {**state, "edits": {}}
    for name in ("hidden_uses_updated_weights", "optimizer_state"):
        if want[name]:
            raise StateError(f"request.{name}", f'"request.{name}" is outside what the page can set')
    for field, patch in PATCHES:
        _, built = _built(preset, state)
        if built is not None and _fields(built)[field] == want[field]:
            continue
        values = patch(want)
        for key, value in values.items():
            if KEY_BY_NAME[key].read(_text(value), rules) is None:
                raise StateError(f"request.{field}", f'"request.{field}" is outside what the page can set')
        state = {**state, **values}
    body, _ = _built(preset, state)
    spec = request.model
    drawn = init_parameters(spec.sizes, spec.init.scheme, spec.init.seed) if spec.weights is None or spec.biases is None else None
    weights = [np.array(w, dtype=float) for w in spec.weights] if spec.weights is not None else drawn[0]  # type: ignore[index]
    biases = [np.array(b, dtype=float) for b in spec.biases] if spec.biases is not None else drawn[1]  # type: ignore[index]
    base = body["model"] if body["model"].get("weights") else None
    if base is not None or spec.weights is not None or spec.biases is not None:
        state["edits"] = _edits(weights, biases, base)
    body, final = _built(preset, state)
    got = _fields(final) if final is not None else {}
    off = next((k for k in want if got.get(k) != want[k]), None)
    if off:
        raise StateError(f"request.{off}", f'"request.{off}" cannot be restored on the preset "{state["preset"]}"')
    if final is not None and final.model.weights is not None and not (
            [np.array(w).tolist() for w in final.model.weights] == [w.tolist() for w in weights]
            and [np.array(b).tolist() for b in final.model.biases or []] == [b.tolist() for b in biases]):
        raise StateError("request.model.weights", '"request.model.weights" cannot be restored')
    return state
