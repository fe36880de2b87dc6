"""The /api/graph request and answer: one sample's step as a computational graph."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.schemas.model import rule_error as _fail
from app.schemas.requests import STEP_EXAMPLE, BatchRequest


class GraphRequest(BatchRequest):
    """A model, a batch, the sample whose graph to draw, and the neuron to centre a large graph on."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [{**STEP_EXAMPLE, "sample": 0}]})
    sample: int = Field(0, ge=0, description="Which sample of the batch: the graph is of its cost C_x.")
    layer: int | None = Field(None, ge=1, description="A network too large to draw whole is drawn around neuron "
                                                      "`j` of this layer (1..L); default 1.")
    j: int = Field(0, ge=0, description="The neuron of `layer` (0-based).")
    hidden_uses_updated_weights: bool = Field(False, description="Must stay false: the graph is the chain rule as it "
                                                                 "is; /api/step shows the mistaken order.")

    @model_validator(mode="after")
    def _indices_in_range(self) -> GraphRequest:
        sizes = self.model.sizes
        if self.hidden_uses_updated_weights:
            raise _fail("hidden_uses_updated_weights", "hidden_uses_updated_weights: the graph is the chain rule as it is; "
                                                       "the mistaken update order is shown by /api/step, not drawn as a graph")
        if self.layer is not None:
            if self.layer > len(sizes) - 1:
                raise _fail("layer", f"layer: must be in 1..{len(sizes) - 1}")
            if self.j >= sizes[self.layer]:
                raise _fail("j", f"j: layer {self.layer} has {sizes[self.layer]} neurons (0..{sizes[self.layer] - 1})")
        if self.sample >= len(self.inputs):
            raise _fail("sample", f"sample: {self.sample} is outside 0..{len(self.inputs) - 1}")
        return self


class GraphNode(BaseModel):
    """One scalar of the graph: its forward value, ∂C_x/∂node, and the steps that compute them."""

    id: str
    kind: str = Field(description="input, weight, bias, product, sum, activation, square ((a − y)²), term (−y log a, …) or cost")
    layer: int | None
    j: int | None
    k: int | None
    value: float | None
    grad: float | None = Field(description="∂C_x/∂node: the sum of the contributions of its outgoing edges.")
    value_at: str | None = Field(description="The script step (layer:quantity) that computes the value; null: known.")
    grad_at: str = Field(description="The script step from which the backward pass has reached this node.")
    omitted_in: int = Field(description="Incoming edges of the whole graph not drawn here.")
    omitted_out: int = Field(description="Outgoing edges of the whole graph not drawn here.")
    symbol: str | None = Field(None, description="How the Graph view names it, from the notation records: an activation's "
                                                 "symbol (σ, relu …), a loss term's (−y log a) and the cost's sum (½ Σ).")


class GraphEdge(BaseModel):
    """`from` feeds `to`; `local` is ∂to/∂from, `contribution` is local · ∂C_x/∂to."""

    model_config = ConfigDict(populate_by_name=True)
    from_: str = Field(alias="from")
    to: str
    local: float | None
    symbol: str = Field(description="What the local derivative is: a, w, 1, σ′, 2(a−y), …")
    local_at: str | None
    contribution: float | None


class ComputationalGraph(BaseModel):
    """Every scalar operation of one sample's step (or the part around one neuron)."""

    scope: str = Field(description="network: the whole graph; neuron: the graph around `neuron`.")
    neuron: list[int] | None = Field(description="[layer, j] of the neuron a neuron-scope graph is drawn around.")
    sample: int
    nodes: list[GraphNode]
    edges: list[GraphEdge]
