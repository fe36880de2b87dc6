"""The nudge's request and answer: move one weight, bias or activation by Δ and watch the cost."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat, model_validator

from app.schemas.requests import STEP_EXAMPLE, BatchRequest, PathsRequest

MAX_NUDGE = 1000.0  # |Δ| and the plot's half-width: far past where any curve still says something
MAX_CURVE_POINTS = 201


class NudgeRequest(BatchRequest):
    """Nudge W[layer][j][k], b[layer][j], a[layer]_j or z[layer]_j by Δ: the cost's actual change from a
    forward pass, the linear prediction ∂C/∂(value) · Δ, and the cost over a range of the value."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={"examples": [{**STEP_EXAMPLE, "kind": "weight", "layer": 2, "j": 0, "k": 0, "delta": 0.1}]},
    )
    kind: Literal["weight", "bias", "activation", "z"] = Field(
        description="W[layer][j][k], b[layer][j], a[layer]_j (the rest of its layer held fixed) or z[layer]_j (its "
                    "layer's values recomputed from z: what a softmax output can really move).")
    layer: int = Field(ge=0, description="l: 1..L for a weight, bias or z, 0..L for an activation (0: an input).")
    j: int = Field(ge=0, description="The neuron of `layer` (0-based).")
    k: int = Field(0, ge=0, description="For a weight: the neuron of layer − 1 it comes from (0-based).")
    sample: int = Field(0, ge=0, description="For an activation or a z: which sample's a[layer]_j or z[layer]_j (and cost C_x).")
    delta: FiniteFloat = Field(0.1, ge=-MAX_NUDGE, le=MAX_NUDGE, description="Δ, added to the value.")
    span: FiniteFloat | None = Field(None, gt=0, le=MAX_NUDGE, description="The curve runs from value − span to "
                                     "value + span; null: max(1, 2|Δ|), so the nudged value is on it.")
    points: int = Field(41, ge=3, le=MAX_CURVE_POINTS, description="Values on the curve.")

    @model_validator(mode="after")
    def _indices_in_range(self) -> NudgeRequest:
        PathsRequest._indices_in_range(self)  # type: ignore[operator]  # the same fields, the same rules
        return self


class NudgeCurve(BaseModel):
    """The cost at evenly spaced values of the nudged quantity; null where the loss is undefined."""

    values: list[float]
    costs: list[float | None]


class NudgeReport(BaseModel):
    """The cost before and after the nudge, its actual change against ∂C/∂(value) · Δ, and the curve."""

    kind: str
    layer: int
    j: int
    k: int
    sample: int
    cost_of: Literal["batch", "sample"] = Field(description="batch: C, the mean over the batch (a weight or bias); "
                                                            "sample: C_x of `sample` (an activation or a z).")
    reachable: bool = Field(description="False when the nudged activation is a state no input gives: a softmax output moved "
                                        "alone (the outputs no longer sum to 1), a sigmoid or tanh past its range, a relu below "
                                        "0. The numbers are then the partial derivative's, with the rest held where no network goes.")
    value: float = Field(description="The value before the nudge.")
    delta: float = Field(description="Δ.")
    nudged_value: float = Field(description="value + Δ.")
    gradient: float | None = Field(description="∂C/∂(value) from backprop (∂C_x/∂a for an activation, δ = ∂C_x/∂z for a z).")
    cost: float | None = Field(description="The cost at the value.")
    nudged_cost: float | None = Field(description="The cost at value + Δ, from a forward pass.")
    actual_change: float | None = Field(description="nudged_cost − cost.")
    predicted_change: float | None = Field(description="gradient · Δ, the tangent's prediction.")
    curve: NudgeCurve
