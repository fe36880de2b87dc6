"""POST /api/export/numpy and /api/export/notebook: a /api/step request as a standalone NumPy script
or as a Jupyter notebook that walks the step stage by stage."""

from __future__ import annotations

from typing import Annotated

import nbformat
from fastapi import APIRouter, Depends, Query
from fastapi.responses import PlainTextResponse, Response

from app.config import Settings
from app.engine.presets import PRESETS
from app.export.notebook import notebook_filename, step_notebook
from app.export.numpy_script import numpy_script, script_filename
from app.schemas import StepRequest
from app.service.convert import batch_arrays, build_model, chosen_samples, optimizer_state
from app.serving.deps import get_settings
from app.serving.errors import BODY_ERRORS
from app.serving.limits import check_notebook, check_numpy_script
from app.serving.routing import OrjsonRoute

router = APIRouter(prefix="/api/export", tags=["export"], responses=BODY_ERRORS, route_class=OrjsonRoute)

PRESET_NAME = r"^[A-Za-z0-9_-]{1,40}$"  # a preset's name as a file name may carry it
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
    preset: Annotated[str | None, Query(pattern=PRESET_NAME, description="Names the file and the script's header.")] = None,
) -> PlainTextResponse:
    """A Python script that needs only NumPy and reproduces this step exactly.

    It holds the concrete weights (drawn from `model.init` here, by the same code as /api/step,
    when the request leaves them out), the data, the activations, the loss and the optimizer with
    its state; it runs the same forward pass, backward pass and update, and prints the loss,
    ∂C/∂W[l], ∂C/∂b[l] and the updated parameters with every digit, then one `json = {…}` line
    with the same numbers.
    """
    check_numpy_script(req, settings)
    inputs, targets = batch_arrays(req)
    model, origin = build_model(req.model), _origin(req)
    source = numpy_script(model, inputs, targets, req.learning_rate, req.update_biases, req.hidden_uses_updated_weights,
                          optimizer=req.optimizer, state=optimizer_state(req, model), preset=preset, origin=origin)
    filename = script_filename(preset)
    return PlainTextResponse(source, media_type="text/x-python; charset=utf-8",
                             headers={"content-disposition": f'attachment; filename="{filename}"'})


def _origin(req: StepRequest) -> str:
    """Where the weights came from, in words, for the export's header."""
    spec = req.model
    drawn = [name for name, given in (("weights", spec.weights), ("biases", spec.biases)) if given is None]
    return (f"{' and '.join(drawn)} drawn from init {spec.init.scheme}, seed {spec.init.seed}" if drawn
            else "weights and biases as sent")


NOTEBOOK_EXAMPLE = {"cells": ["…"], "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}


@router.post(
    "/notebook",
    response_model=None,
    responses={200: {"content": {"application/x-ipynb+json": {"schema": {"type": "object"}, "example": NOTEBOOK_EXAMPLE}},
                     "description": "The notebook, as an attachment backprop_lens_<preset>.ipynb."}},
)
def export_notebook(
    req: StepRequest,
    settings: Annotated[Settings, Depends(get_settings)],
    preset: Annotated[str | None, Query(pattern=PRESET_NAME, description="Names the file and the notebook's title.")] = None,
) -> Response:
    """A Jupyter notebook (nbformat 4) that walks this step stage by stage, in the order of `steps`.

    Each stage has a markdown cell (its title, its formula in LaTeX, one plain sentence) and a code
    cell that computes it with NumPy from the cells before and prints it with every digit. Run top
    to bottom, it prints this step's loss, every z, a, σ′(z), ∂C/∂a and δ (for the request's
    `samples`), every gradient, the updated parameters (and the optimizer state), and the cost after
    the step: the numbers /api/step returns.
    """
    check_notebook(req, settings)
    inputs, targets = batch_arrays(req)
    model = build_model(req.model)
    known = PRESETS.get(preset or "")
    title = known.title if known else (f"the preset {preset}" if preset else "a network posted to the API")
    nb = step_notebook(model, inputs, targets, req.learning_rate, req.update_biases, req.hidden_uses_updated_weights,
                       optimizer=req.optimizer, state=optimizer_state(req, model), samples=chosen_samples(req, settings),
                       title=title, origin=_origin(req))
    filename = notebook_filename(preset)
    return Response(nbformat.writes(nb), media_type="application/x-ipynb+json",
                    headers={"content-disposition": f'attachment; filename="{filename}"'})
