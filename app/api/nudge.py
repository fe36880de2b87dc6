"""POST /api/nudge: the derivative as a nudge, checked by a forward pass."""

from __future__ import annotations

from typing import Annotated

import numpy as np
from fastapi import APIRouter, Depends

from app.config import Settings
from app.engine.nudge import nudge as run_nudge
from app.schemas.nudge import NudgeReport, NudgeRequest
from app.service.convert import batch_arrays, build_model
from app.serving.deps import get_settings
from app.serving.errors import BODY_ERRORS
from app.serving.limits import check_nudge
from app.serving.responses import JSONResponse
from app.serving.routing import OrjsonRoute

router = APIRouter(prefix="/api", tags=["inspect"], responses=BODY_ERRORS, route_class=OrjsonRoute)


@router.post("/nudge", response_model=None, responses={200: {"model": NudgeReport}})
def nudge(req: NudgeRequest, settings: Annotated[Settings, Depends(get_settings)]) -> JSONResponse:
    """Add Δ to W[layer][j][k], b[layer][j], a[layer]_j or z[layer]_j and run the network forward again.

    `actual_change` is the cost's real change; `predicted_change` is ∂C/∂(value) · Δ, the tangent's
    prediction, which the actual change approaches as Δ shrinks. A weight or bias moves the batch
    cost C; an activation (of sample `sample`; layer 0 is an input) holds the rest of its layer
    fixed and moves that sample's cost C_x. `curve` is the cost over value ± span, for a plot."""
    check_nudge(req, settings)
    inputs, targets = batch_arrays(req)
    with np.errstate(all="ignore"):
        r = run_nudge(build_model(req.model), inputs, targets, req.kind, req.layer, req.j, req.k,
                      req.sample, req.delta, req.span, req.points)
    return JSONResponse({
        "kind": req.kind, "layer": req.layer, "j": req.j, "k": req.k if req.kind == "weight" else 0,
        "sample": req.sample, "cost_of": "sample" if r.per_sample else "batch", "reachable": r.reachable,
        "value": r.value, "delta": r.delta, "nudged_value": r.value + r.delta, "gradient": r.gradient,
        "cost": r.cost, "nudged_cost": r.nudged_cost, "actual_change": r.actual, "predicted_change": r.predicted,
        "curve": {"values": r.values, "costs": r.costs},
    })
