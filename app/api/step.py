"""POST /api/step: one gradient-descent step with every intermediate value."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from app.config import Settings
from app.schemas import StepRequest, StepTrace
from app.service.step import step_content
from app.serving.deps import get_settings
from app.serving.errors import BODY_ERRORS
from app.serving.limits import weight_count
from app.serving.offload import run_sized
from app.serving.responses import JSONResponse
from app.serving.routing import OrjsonRoute

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
    """/api/step's answer to a parsed request (app/service/step.py computes it)."""
    return JSONResponse(step_content(req, settings))
