"""POST /api/export/numpy: a /api/step request as a standalone NumPy script."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import PlainTextResponse

from app.api.convert import batch_arrays, build_model
from app.api.deps import get_settings
from app.api.errors import BODY_ERRORS
from app.api.limits import check_batch
from app.api.routing import OrjsonRoute
from app.config import Settings
from app.export.numpy_script import numpy_script, script_filename
from app.schemas import StepRequest

router = APIRouter(prefix="/api/export", tags=["export"], responses=BODY_ERRORS, route_class=OrjsonRoute)

SCRIPT_EXAMPLE = '#!/usr/bin/env python3\n"""One gradient-descent step of a dense network …"""\nimport numpy as np\n…'


@router.post(
    "/numpy",
    response_model=None,
    responses={200: {"content": {"text/x-python": {"schema": {"type": "string"}, "example": SCRIPT_EXAMPLE}},
                     "description": "The script, as an attachment backprop_lens_<preset>.py."}},
)
def export_numpy(
    req: StepRequest,
    settings: Annotated[Settings, Depends(get_settings)],
    preset: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{1,40}$",
                                        description="Names the file and the script's header.")] = None,
) -> PlainTextResponse:
    """A Python script that needs only NumPy and reproduces this step exactly.

    It holds the concrete weights (drawn from `model.init` here, by the same code as /api/step,
    when the request leaves them out), the data, the activations and the loss; it runs the same
    forward pass, backward pass and update, and prints the loss, ∂C/∂W[l], ∂C/∂b[l] and the
    updated parameters with every digit, then one `json = {…}` line with the same numbers.
    """
    check_batch(req, settings)
    inputs, targets = batch_arrays(req)
    spec = req.model
    drawn = [name for name, given in (("weights", spec.weights), ("biases", spec.biases)) if given is None]
    origin = (f"{' and '.join(drawn)} drawn from init {spec.init.scheme}, seed {spec.init.seed}" if drawn
              else "weights and biases as sent")
    source = numpy_script(build_model(spec), inputs, targets, req.learning_rate, req.update_biases,
                          req.hidden_uses_updated_weights, preset=preset, origin=origin)
    filename = script_filename(preset)
    return PlainTextResponse(source, media_type="text/x-python; charset=utf-8",
                             headers={"content-disposition": f'attachment; filename="{filename}"'})
