"""POST /api/paths and POST /api/gradcheck: the chain rule path by path, and backprop checked
against finite differences."""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np
from fastapi import APIRouter, Depends

from app.config import Settings
from app.engine.boundary import boundary_grid
from app.engine.gradcheck import gradient_check
from app.engine.network import Model, backward, forward
from app.engine.paths import backprop_multiplications, decompose
from app.schemas import BoundaryGrid, BoundaryRequest, GradcheckReport, GradcheckRequest, PathsReport, PathsRequest
from app.service.convert import batch_arrays, build_model, one_sample
from app.serving.deps import get_settings
from app.serving.errors import BODY_ERRORS
from app.serving.limits import check_boundary, check_gradcheck, check_paths
from app.serving.responses import JSONResponse
from app.serving.routing import OrjsonRoute

router = APIRouter(prefix="/api", tags=["inspect"], responses=BODY_ERRORS, route_class=OrjsonRoute)

GRADCHECK_TOLERANCE = 1e-6


@router.post("/paths", response_model=None, responses={200: {"model": PathsReport}})
def paths(req: PathsRequest, settings: Annotated[Settings, Depends(get_settings)]) -> JSONResponse:
    """Every path from W[layer][j][k] (or b[layer][j], or a[layer][j]) to the cost of one sample:
    each path's factors in order (a_k, σ′(z_j), w, σ′, …, ∂C/∂a at the output) and their product.
    `total`, the sum of the products, equals `gradient`, the same derivative from backprop."""
    check_paths(req, settings)
    one = one_sample(req, req.sample)
    model = one.model
    with np.errstate(all="ignore"):
        found = decompose(model, one.forward, one.backward, 0, req.kind, req.layer, req.j, req.k)
        batch = _batch_mean(req, model, *batch_arrays(req)) if req.batch_mean and req.kind != "activation" else None
    return JSONResponse({
        "kind": req.kind, "layer": req.layer, "j": req.j, "k": req.k, "sample": req.sample,
        "count": len(found.paths),
        "paths": [
            {"neurons": p.neurons, "product": p.product,
             "factors": [{"symbol": f.symbol, "meaning": f.meaning, "value": f.value} for f in p.factors]}
            for p in found.paths
        ],
        "total": found.total,
        "gradient": found.gradient,
        "work": {"paths": len(found.paths), "enumeration_multiplications": found.multiplications,
                 "enumeration_additions": max(0, len(found.paths) - 1),
                 "backprop_multiplications": backprop_multiplications(model, req.kind, req.layer)},
        "batch": batch,
    })


def _batch_mean(req: PathsRequest, model: Model, inputs: np.ndarray, targets: np.ndarray) -> dict[str, Any]:
    """Σ over paths for every sample, their mean, and the batch gradient backprop computed."""
    fwd = forward(model, inputs, targets)
    back = backward(model, fwd, targets)
    totals = [decompose(model, fwd, back, s, req.kind, req.layer, req.j, req.k).total for s in range(len(inputs))]
    i = req.layer - 1
    gradient = back.grad_weights[i][req.j, req.k] if req.kind == "weight" else back.grad_biases[i][req.j]
    return {"totals": totals, "mean": math.fsum(totals) / len(totals), "gradient": float(gradient)}


@router.post("/gradcheck", response_model=None, responses={200: {"model": GradcheckReport}})
def gradcheck(req: GradcheckRequest, settings: Annotated[Settings, Depends(get_settings)]) -> JSONResponse:
    """Central differences (C(p+ε) − C(p−ε)) / 2ε on every weight and bias, compared with backprop:
    per layer the largest relative error |n − b| / max(|n|, |b|, 1e-8), and pass when all stay
    under 1e-6. A relu exactly at its kink can fail honestly: there the derivative is not defined."""
    check_gradcheck(req, settings)
    inputs, targets = batch_arrays(req)
    with np.errstate(all="ignore"):
        checks = gradient_check(build_model(req.model), inputs, targets, req.epsilon)
    layers = []
    for c in checks:
        worst = max(c.max_error_weights, c.max_error_biases)
        ok = bool(np.isfinite(worst) and worst < GRADCHECK_TOLERANCE)
        layers.append({"layer": c.layer, "max_error_weights": c.max_error_weights,
                       "max_error_biases": c.max_error_biases, "max_error": worst,
                       "checked": c.checked, "passed": ok})
    worst_all = max(layer["max_error"] for layer in layers)
    return JSONResponse({"epsilon": req.epsilon, "tolerance": GRADCHECK_TOLERANCE, "layers": layers,
                         "max_error": worst_all, "passed": all(layer["passed"] for layer in layers)})


@router.post("/boundary", response_model=None, responses={200: {"model": BoundaryGrid}})
def boundary(req: BoundaryRequest, settings: Annotated[Settings, Depends(get_settings)]) -> JSONResponse:
    """The model's output over a resolution × resolution grid of 2-D inputs, for a decision
    boundary: `outputs[i][j]` is a[L] at (xs[j], ys[i]) and `predicted[i][j]` the class there
    (the largest output, or output ≥ 0.5 for a single sigmoid output)."""
    check_boundary(req, settings)
    grid = boundary_grid(build_model(req.model), req.x_range, req.y_range, req.resolution)
    out = grid.outputs
    predicted = (out[..., 0] >= 0.5).astype(int) if out.shape[-1] == 1 else np.nan_to_num(out).argmax(axis=-1)
    return JSONResponse({"xs": grid.xs, "ys": grid.ys, "outputs": out, "predicted": predicted})
