"""POST /api/pictures: what every neuron computes, as its activation over the input plane."""

from __future__ import annotations

from typing import Annotated

import numpy as np
from fastapi import APIRouter, Depends

from app.config import Settings
from app.engine.pictures import neuron_pictures
from app.schemas.pictures import NeuronPictures, PicturesRequest
from app.service.convert import build_model
from app.serving.budget import VALUE_OUT, Cost, boundary_cost
from app.serving.deps import get_settings
from app.serving.errors import BODY_ERRORS
from app.serving.limits import check_cost, check_sizes
from app.serving.responses import JSONResponse
from app.serving.routing import OrjsonRoute

router = APIRouter(prefix="/api", tags=["inspect"], responses=BODY_ERRORS, route_class=OrjsonRoute)


def pictures_cost(sizes: list[int], resolution: int) -> Cost:
    """A boundary's forward pass, answering every layer's activations instead of the output's."""
    base = boundary_cost(sizes, resolution)
    extra = resolution * resolution * sum(sizes[1:-1])
    return Cost(base.work + VALUE_OUT * extra, base.values + extra)


@router.post("/pictures", response_model=None, responses={200: {"model": NeuronPictures}})
def pictures(req: PicturesRequest, settings: Annotated[Settings, Depends(get_settings)]) -> JSONResponse:
    """Every hidden and output neuron's activation a[l] over a resolution × resolution grid of the
    input plane (one forward pass for all layers): `layers[l-1].values[i][j][n]` is neuron n of layer
    l at (xs[j], ys[i]), with the layer's smallest and largest value for a colour scale."""
    check_sizes(req.model.sizes, settings)
    check_cost(pictures_cost(req.model.sizes, req.resolution), settings, "resolution", "resolution",
               "lower the resolution")
    grid, layers = neuron_pictures(build_model(req.model), req.x_range, req.y_range, req.resolution)
    answer = []
    for l, (values, act) in enumerate(zip(layers, req.model.activations), start=1):
        finite = values[np.isfinite(values)]
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (None, None)
        answer.append({"layer": l, "activation": act, "low": low, "high": high, "values": values})
    return JSONResponse({"xs": grid.xs, "ys": grid.ys, "layers": answer})
