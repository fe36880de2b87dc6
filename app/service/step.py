"""One step of a request, the one orchestration the API (/api/step, /api/scenario/step, the
standalone export) and the Python package (backprop_lens.step, html, slides) all call: the model,
the batch and the optimizer's state built from the request, the engine's step run, and its answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from app.config import Settings
from app.engine.optimizers import OPTIMIZERS, OptimizerState, constants
from app.engine.trace import StepResult, run_step
from app.schemas import StepRequest
from app.service.convert import batch_arrays, build_model, chosen_samples, optimizer_state, state_json, step_json
from app.serving.limits import check_step


@dataclass(frozen=True)
class RanStep:
    """The engine's step of a request, with what its answer needs besides."""

    result: StepResult
    targets: np.ndarray
    state: OptimizerState  # after the update
    state_before: dict[str, Any]  # before it, as the answer writes it


def run_request(req: StepRequest) -> RanStep:
    """The engine's step of `req` (no limits checked: step_content checks them)."""
    inputs, targets = batch_arrays(req)
    model = build_model(req.model)
    state = optimizer_state(req, model)
    before = state_json(state)
    result = run_step(model, inputs, targets, req.learning_rate, req.update_biases,
                      req.hidden_uses_updated_weights, req.optimizer, state)
    return RanStep(result, targets, state, before)


def step_content(req: StepRequest, settings: Settings) -> dict[str, Any]:
    """/api/step's answer to a parsed request, within `settings`' limits (a 422 naming the field beyond them)."""
    check_step(req, settings)
    ran = run_request(req)
    answer = step_json(req, ran.result, chosen_samples(req, settings), ran.targets)
    rule = OPTIMIZERS[req.optimizer]
    answer.update(optimizer=req.optimizer, optimizer_state_before=ran.state_before, optimizer_state=state_json(ran.state),
                  optimizer_constants=constants(req.optimizer), optimizer_notation=rule.notation.page())
    if rule.corrected is not None:
        m_hat, v_hat = rule.corrected(ran.state)
        answer["optimizer_moments"] = {"m_hat": m_hat, "v_hat": v_hat}
    return answer
