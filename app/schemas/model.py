"""The model a client sends: the names it may use, bounded lists, ModelSpec, and the 422 a broken rule raises.

Structural rules (shapes, which activation may go where) live here and fail with a 422 naming the
field; app/schemas/requests.py builds the request bodies on ModelSpec.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat, model_validator
from pydantic.json_schema import JsonDict
from pydantic_core import PydanticCustomError

from app.config import CEILING_BATCH, CEILING_LAYERS, CEILING_UNITS, SEED_MAX
from app.engine.catalog import ACTIVATION_NAMES, INIT_NAMES, LOSS_NAMES, OPTIMIZER_NAMES, PLACEMENT_RULES, structure_problem
from app.engine.network import DEFAULT_INIT_SCHEME, DEFAULT_SEED

# The names come from the engine's registries (app/engine/catalog.py): an enum in the schema, a 422
# listing the choices. For the type checker they are plain strings.
if TYPE_CHECKING:
    ActivationName: TypeAlias = str
    LossName: TypeAlias = str
    InitScheme: TypeAlias = str
    OptimizerName: TypeAlias = str
else:
    ActivationName = Literal[ACTIVATION_NAMES]
    LossName = Literal[LOSS_NAMES]
    InitScheme = Literal[INIT_NAMES]
    OptimizerName = Literal[OPTIMIZER_NAMES]
# Every list is bounded by a ceiling of app/config.py (maxItems in the schema) and stops at its first
# bad item (fail_fast), so a long list of bad values costs one error, not one per value: a row holds at most
# CEILING_UNITS values, a weight matrix as many rows, a batch CEILING_BATCH rows, a model CEILING_LAYERS layers.
Row = Annotated[list[FiniteFloat], Field(max_length=CEILING_UNITS, fail_fast=True)]
Matrix = Annotated[list[Row], Field(max_length=CEILING_UNITS, fail_fast=True)]
Batch = Annotated[list[Row], Field(max_length=CEILING_BATCH, fail_fast=True)]
Classes = Annotated[list[int], Field(max_length=CEILING_BATCH, fail_fast=True)]
Layers = Annotated[list[Matrix], Field(max_length=CEILING_LAYERS, fail_fast=True)]
LayerRows = Annotated[list[Row], Field(max_length=CEILING_LAYERS, fail_fast=True)]

MAZUR_MODEL: JsonDict = {
    "sizes": [2, 2, 2],
    "activations": ["sigmoid", "sigmoid"],
    "loss": "half_sse",
    "weights": [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
    "biases": [[0.35, 0.35], [0.60, 0.60]],
}


_FIELD = re.compile(r"^([a-z_]+)((?:\[\d+\])*)")


def rule_error(rule: str, message: str, field: str = "") -> PydanticCustomError:
    """A 422 error; the field (by default the one the message starts with, e.g. `inputs[3]`) is kept
    in its context so that the error handler can add it to the error's location."""
    match = _FIELD.match(message)
    if match and not field:
        field = ".".join([match.group(1), *re.findall(r"\d+", match.group(2))])
    return PydanticCustomError(rule, message, {"field": field})


def check_matrix(name: str, rows: list[list[float]], width: int, width_name: str) -> None:
    if set(map(len, rows)) <= {width}:  # the usual case, without a Python loop over the rows
        return
    for i, row in enumerate(rows):
        if len(row) != width:
            raise rule_error("shape", f"{name}[{i}] has {len(row)} values but {width_name} is {width}")


class InitSpec(BaseModel):
    """How to draw weights and biases that the model does not give."""

    model_config = ConfigDict(extra="forbid")
    scheme: InitScheme = Field(DEFAULT_INIT_SCHEME, description="xavier (Glorot uniform), he, uniform, normal or zeros.")
    seed: int = Field(DEFAULT_SEED, ge=0, le=SEED_MAX, description="Seed of NumPy's Generator; same seed, same weights.")


class ModelSpec(BaseModel):
    """A dense network: layer sizes, an activation per layer, a loss, and optionally its parameters."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [MAZUR_MODEL]})
    sizes: list[Annotated[int, Field(le=CEILING_UNITS)]] = Field(
        min_length=2, max_length=CEILING_LAYERS + 1, fail_fast=True, description="Neurons per layer, input first: [n_0, n_1, …, n_L].",
    )
    activations: list[ActivationName] = Field(
        max_length=CEILING_LAYERS, fail_fast=True, description=f"One per layer 1..L. {PLACEMENT_RULES}"
    )
    loss: LossName = Field(description="Per-sample cost; the batch cost is their mean.")
    weights: Layers | None = Field(
        None, description="W[l] for l = 1..L, each n_l rows of n_{l-1} values (W[l][j][k]: from k to j)."
    )
    biases: LayerRows | None = Field(None, description="b[l] for l = 1..L, n_l values each.")
    init: InitSpec = Field(default_factory=InitSpec, description="Used for weights or biases not given.")

    @model_validator(mode="after")
    def _consistent(self) -> ModelSpec:
        if any(n < 1 for n in self.sizes):
            raise rule_error("sizes", "sizes: every layer needs at least 1 neuron")
        L = len(self.sizes) - 1
        if len(self.activations) != L:
            raise rule_error("activations", f"activations: need {L} (one per layer after the input), got {len(self.activations)}")
        problem = structure_problem(self.sizes, self.activations, self.loss)
        if problem:
            raise rule_error(*problem)
        if self.weights is not None:
            if len(self.weights) != L:
                raise rule_error("weights", f"weights: need {L} matrices, got {len(self.weights)}")
            for l, w in enumerate(self.weights, start=1):
                if len(w) != self.sizes[l]:
                    raise rule_error("weights", f"weights[{l - 1}] (W[{l}]) has {len(w)} rows but sizes[{l}] is {self.sizes[l]}")
                check_matrix(f"weights[{l - 1}]", w, self.sizes[l - 1], f"sizes[{l - 1}]")
        if self.biases is not None:
            if len(self.biases) != L:
                raise rule_error("biases", f"biases: need {L} vectors, got {len(self.biases)}")
            for l, b in enumerate(self.biases, start=1):
                if len(b) != self.sizes[l]:
                    raise rule_error("biases", f"biases[{l - 1}] (b[{l}]) has {len(b)} values but sizes[{l}] is {self.sizes[l]}")
        return self
