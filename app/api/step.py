"""POST /api/step: one gradient-descent step with every intermediate value."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from app.api.convert import batch_arrays, build_model, chosen_samples, optimizer_state, state_json, step_json
from app.api.deps import get_settings
from app.api.errors import BODY_ERRORS
from app.api.limits import check_step, weight_count
from app.api.offload import run_sized
from app.api.responses import JSONResponse
from app.api.routing import OrjsonRoute
from app.config import Settings
from app.engine.optimizers import constants, corrected_moments
from app.engine.trace import run_step
from app.schemas import StepRequest, StepTrace

router = APIRouter(prefix="/api", tags=["step"], responses=BODY_ERRORS, route_class=OrjsonRoute)


@router.post("/step", response_model=None, responses={200: {"model": StepTrace}})
async def step(req: StepRequest, settings: Annotated[Settings, Depends(get_settings)]) -> JSONResponse:
    """Run one forward pass, backward pass and update on the batch.

    Returns, per layer, z, a, σ′(z), ∂C_x/∂a and δ for the chosen samples (`samples`), the batch
    gradients ∂C/∂W and ∂C/∂b, the updated parameters, and `steps`: the ordered script of the
    computation (forward z and a per layer, the loss, δ of the output, the gradients, δ of every
    earlier layer, the update), each with its equation. Values that overflow come back as null
    with `diverged` true and `diverged_at` naming the first step that overflowed.
    """
    return await run_sized(weight_count(req.model.sizes) * len(req.inputs), step_answer, req, settings)


def step_answer(req: StepRequest, settings: Settings) -> JSONResponse:
    """/api/step's answer to a parsed request (the route runs it, and the standalone export)."""
    return JSONResponse(step_content(req, settings))


def step_content(req: StepRequest, settings: Settings) -> dict[str, Any]:
    """/api/step's answer as data (POST /api/scenario/step holds it whole)."""
    check_step(req, settings)
    inputs, targets = batch_arrays(req)
    model = build_model(req.model)
    state = optimizer_state(req, model)
    before = state_json(state)
    result = run_step(model, inputs, targets, req.learning_rate, req.update_biases,
                      req.hidden_uses_updated_weights, req.optimizer, state)
    answer = step_json(req, result, chosen_samples(req, settings), targets)
    answer.update(optimizer=req.optimizer, optimizer_state_before=before, optimizer_state=state_json(state),
                  optimizer_constants=constants(req.optimizer))
    if req.optimizer == "adam":
        m_hat, v_hat = corrected_moments(state)
        answer["optimizer_moments"] = {"m_hat": m_hat, "v_hat": v_hat}
    return answer
