"""POST /api/graph: one sample's step as a computational graph of scalar operations."""

from __future__ import annotations

from typing import Annotated

import numpy as np
from fastapi import APIRouter, Depends

from app.config import Settings
from app.engine.graph import computational_graph
from app.schemas.graph import ComputationalGraph, GraphRequest
from app.service.convert import one_sample
from app.serving.deps import get_settings
from app.serving.errors import BODY_ERRORS
from app.serving.limits import check_batch
from app.serving.responses import JSONResponse
from app.serving.routing import OrjsonRoute

router = APIRouter(prefix="/api", tags=["inspect"], responses=BODY_ERRORS, route_class=OrjsonRoute)


@router.post("/graph", response_model=None, responses={200: {"model": ComputationalGraph}})
def graph(req: GraphRequest, settings: Annotated[Settings, Depends(get_settings)]) -> JSONResponse:
    """The step of sample `sample` as a computational graph: one node per input, weight, bias,
    product w·a, sum z, activation a and loss operation down to the cost C_x, each with its value
    and ∂C_x/∂node; one edge per input of an operation, with its local derivative and its
    contribution to the gradient of the node it leaves (a node's gradient is the sum of them).
    A network of more than 60 nodes is drawn around neuron `j` of `layer`."""
    check_batch(req, settings)
    one = one_sample(req, req.sample)
    with np.errstate(all="ignore"):
        found = computational_graph(one.model, one.forward, one.backward, one.targets, 0,
                                    None if req.layer is None else (req.layer, req.j))
    return JSONResponse({"scope": found.scope, "neuron": found.neuron, "sample": req.sample,
                         "nodes": found.nodes, "edges": found.edges})
