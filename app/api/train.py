"""POST /api/train: many steps, the loss history, snapshots and the final model."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from app.config import Settings
from app.engine.training import train
from app.schemas import TrainHistory, TrainRequest
from app.service.convert import batch_arrays, build_model, model_json, optimizer_state, state_json
from app.serving.deps import get_settings
from app.serving.errors import BODY_ERRORS
from app.serving.limits import check_train
from app.serving.responses import JSONResponse
from app.serving.routing import OrjsonRoute

router = APIRouter(prefix="/api", tags=["train"], responses=BODY_ERRORS, route_class=OrjsonRoute)


@router.post("/train", response_model=None, responses={200: {"model": TrainHistory}})
def train_model(req: TrainRequest, settings: Annotated[Settings, Depends(get_settings)]) -> JSONResponse:
    """Train for `steps` updates and return `{step, loss, accuracy}` on the whole batch at step 0,
    every `record_every` steps and at the last, the model at those steps when asked (`snapshots`),
    and the final model. Accuracy is given when the targets are classes (one-hot rows or one 0/1 column).
    A run that overflows stops there with `diverged` true."""
    check_train(req, settings)
    inputs, targets = batch_arrays(req)
    model = build_model(req.model)
    state = optimizer_state(req, model)
    result = train(
        model, inputs, targets,
        learning_rate=req.learning_rate, steps=req.steps, record_every=req.record_every,
        update_biases=req.update_biases, optimizer=req.optimizer, batch_size=req.batch_size,
        shuffle_seed=req.shuffle_seed, snapshots=req.snapshots, state=state,
    )
    assert result.model is not None
    return JSONResponse({
        "history": result.history,
        "snapshots": [{"step": s.step, "weights": s.weights, "biases": s.biases} for s in result.snapshots],
        "model": model_json(req.model, result.model.weights, result.model.biases),
        "steps_done": result.history[-1]["step"],
        "diverged": result.diverged,
        "diverged_at_step": result.diverged_at_step,
        "optimizer_state": state_json(state),
    })
