"""The /api/pictures request and answer: each neuron's activation over the input plane."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas import BoundaryRequest
from app.schemas.responses import Num


class PicturesRequest(BoundaryRequest):
    """A network with two inputs and the part of the input plane to picture."""

    resolution: int = Field(24, ge=2, le=200, description="Points per side of every neuron's picture.")


class LayerPictures(BaseModel):
    """a[layer] over the grid: `values[i][j][n]` is neuron n's activation at (xs[j], ys[i])."""

    layer: int
    activation: str
    low: Num = Field(description="The smallest activation of the layer on the grid.")
    high: Num = Field(description="The largest.")
    values: list[list[list[Num]]]


class NeuronPictures(BaseModel):
    """Every hidden and output neuron's activation over the same grid."""

    xs: list[Num]
    ys: list[Num]
    layers: list[LayerPictures]
