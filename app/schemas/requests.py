"""Request models: what a client may send, with bounds, descriptions and examples.

Structural rules (shapes, which activation may go where, what targets a loss accepts) live here and
in app/schemas/model.py, and fail with a 422 naming the field. Size limits that a deployment may
change (units, batch, steps) are in app/config.py and are checked by app/serving/limits.py.
"""

from __future__ import annotations

from itertools import chain
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, FiniteFloat, PrivateAttr, model_validator
from pydantic.json_schema import JsonDict

from app.config import CEILING_LAYERS, SEED_MAX
from app.engine.losses import LOSSES, class_index_losses
from app.engine.optimizers import DEFAULT_OPTIMIZER, OPTIMIZERS_IN_WORDS
from app.schemas.model import (
    MAZUR_MODEL,
    Batch,
    Classes,
    Matrix,
    ModelSpec,
    OptimizerName,
    Row,
    check_matrix,
    rule_error,
)


def float_matrix(rows: list[list[float]]) -> np.ndarray:
    """Rows of equal width as a float64 array, read-only: one flat pass in C, about twice as fast as
    np.array on a list of lists."""
    matrix = np.fromiter(chain.from_iterable(rows), dtype=float, count=len(rows) * len(rows[0])).reshape(len(rows), -1)
    matrix.flags.writeable = False
    return matrix


def _wrong_targets(loss: str, y: np.ndarray) -> tuple[np.ndarray, str] | None:
    """Which rows break the loss's rule on targets (its record's), and the rule; None when every row keeps it."""
    rule = LOSSES[loss].targets
    if rule is None:
        return None
    wrong = rule.wrong(y)
    return (wrong, rule.rule) if wrong.any() else None


_CLASS_INDEX_LOSSES = " or ".join(class_index_losses())  # the losses whose records accept class indices


class BatchRequest(BaseModel):
    """A model and a batch of samples with their targets."""

    model_config = ConfigDict(extra="forbid")
    model: ModelSpec
    inputs: Batch = Field(min_length=1, description="One row per sample, sizes[0] values each.")
    targets: Batch | Classes = Field(
        min_length=1,
        description=f"One row per sample, sizes[-1] values each; with {_CLASS_INDEX_LOSSES}, class indices are accepted too.",
    )
    # The batch as read-only float64 arrays, made once while validating (app/service/convert.py batch_arrays).
    _arrays: tuple[np.ndarray, np.ndarray] | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _consistent_batch(self) -> BatchRequest:
        sizes, loss = self.model.sizes, self.model.loss
        check_matrix("inputs", self.inputs, sizes[0], "sizes[0]")
        if len(self.targets) != len(self.inputs):
            raise rule_error("targets", f"targets: {len(self.targets)} rows for {len(self.inputs)} inputs")
        if isinstance(self.targets[0], int):
            if loss not in class_index_losses():
                raise rule_error("targets", f"targets: class indices are only accepted with {_CLASS_INDEX_LOSSES}; send rows")
            bad = [t for t in self.targets if not 0 <= t < sizes[-1]]  # type: ignore[operator]
            if bad:
                raise rule_error("targets", f"targets: class index {bad[0]} is outside 0..{sizes[-1] - 1}")
            self.targets = [[1.0 if c == t else 0.0 for c in range(sizes[-1])] for t in self.targets]  # type: ignore[misc]
            self._arrays = (float_matrix(self.inputs), float_matrix(self.targets))  # type: ignore[arg-type]
            return self
        rows: list[list[float]] = self.targets  # type: ignore[assignment]
        check_matrix("targets", rows, sizes[-1], "sizes[-1]")
        y = float_matrix(rows)
        broken = _wrong_targets(loss, y)  # every row at once: a row at a time was most of a large batch's validation
        if broken is not None:
            raise rule_error("targets", f"targets[{int(broken[0].argmax())}]: {broken[1]}")
        self._arrays = (float_matrix(self.inputs), y)
        return self


class OptimizerStateSpec(BaseModel):
    """Momentum's velocity or Adam's moments, one array per parameter (every W[l], then every b[l])."""

    model_config = ConfigDict(extra="forbid")
    t: int = Field(0, ge=0, le=10**12, description="Updates taken so far (Adam's bias correction uses it).")
    m: list[Matrix | Row] = Field(default_factory=list, max_length=2 * CEILING_LAYERS, fail_fast=True,
                                  description="Velocity (momentum) or first moment (adam).")
    v: list[Matrix | Row] = Field(default_factory=list, max_length=2 * CEILING_LAYERS, fail_fast=True,
                                  description="Second moment (adam).")
    steps: int = Field(0, ge=0, le=10**12, description="Updates taken by any optimizer: where the mini-batch stream stands.")


STEP_EXAMPLE: JsonDict = {
    "model": MAZUR_MODEL,
    "inputs": [[0.05, 0.10]],
    "targets": [[0.01, 0.99]],
    "learning_rate": 0.5,
}


class StepRequest(BatchRequest):
    """One gradient-descent step on a batch."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [STEP_EXAMPLE]})
    learning_rate: FiniteFloat = Field(0.5, gt=0, le=1e6, description="η in W ← W − η ∂C/∂W.")
    update_biases: bool = Field(True, description="False leaves every bias as it is (as Mazur's example does).")
    samples: Classes | None = Field(
        None,
        json_schema_extra={"uniqueItems": True},
        description="Which samples' per-sample arrays to return, each index once. Default: all of a small "
        "batch, else the first.",
    )
    optimizer: OptimizerName = Field(DEFAULT_OPTIMIZER, description=f"The update rule: {OPTIMIZERS_IN_WORDS}.")
    optimizer_state: OptimizerStateSpec | None = Field(
        None, description="Velocity or moments from a previous answer; none means a fresh optimizer."
    )
    hidden_uses_updated_weights: bool = Field(
        False,
        description="Teaching mode: make the common mistake of carrying δ back through weights already "
        "updated. The correct backprop computes every gradient before any weight changes.",
    )

    @model_validator(mode="after")
    def _samples_in_range(self) -> StepRequest:
        seen: set[int] = set()
        for s in self.samples or []:
            if not 0 <= s < len(self.inputs):
                raise rule_error("samples", f"samples: {s} is outside 0..{len(self.inputs) - 1}")
            if s in seen:
                raise rule_error("samples", f"samples: {s} is listed twice; list each sample once")
            seen.add(s)
        if self.hidden_uses_updated_weights and self.optimizer != "sgd":
            raise rule_error("hidden_uses_updated_weights", "hidden_uses_updated_weights: the teaching mistake is shown with sgd only")
        return self


class TrainRequest(BatchRequest):
    """Many steps: a loss history, snapshots of the model, the final model."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{**STEP_EXAMPLE, "steps": 100, "record_every": 10}]})
    learning_rate: FiniteFloat = Field(0.5, gt=0, le=1e6, description="η, the step size.")
    update_biases: bool = Field(True, description="False leaves every bias as it is.")
    steps: int = Field(100, ge=1, description="Number of updates.")
    record_every: int = Field(1, ge=1, description="History and snapshots every this many steps (and at the last).")
    optimizer: OptimizerName = Field(DEFAULT_OPTIMIZER, description=f"The update rule: {OPTIMIZERS_IN_WORDS}.")
    batch_size: int | None = Field(None, ge=1, description="Mini-batch size; null for the full batch.")
    shuffle_seed: int = Field(0, ge=0, le=SEED_MAX, description="Seed of the per-epoch shuffle of mini-batches.")
    snapshots: bool = Field(False, description="Also return the model at every recorded step (off unless asked).")
    optimizer_state: OptimizerStateSpec | None = Field(
        None, description="The state a previous /api/train returned, to continue exactly where it stopped."
    )


class GradcheckRequest(BatchRequest):
    """Backprop against central finite differences of the batch cost."""

    # A /api/step body may be posted as is: its step-only fields are ignored here.
    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [{**STEP_EXAMPLE}]})
    epsilon: FiniteFloat = Field(1e-5, gt=0, le=1e-2, description="ε in (C(p+ε) − C(p−ε)) / 2ε.")


class PathsRequest(BatchRequest):
    """Every path from one weight, bias or activation to the cost of one sample."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={"examples": [{**STEP_EXAMPLE, "kind": "weight", "layer": 1, "j": 0, "k": 0}]},
    )
    sample: int = Field(0, ge=0, description="Which sample of the batch.")
    kind: Literal["weight", "bias", "activation"] = Field(description="W[layer][j][k], b[layer][j] or a[layer][j].")
    layer: int = Field(ge=0, description="l: 1..L for a weight or bias, 0..L for an activation.")
    j: int = Field(ge=0, description="The neuron of `layer` (0-based).")
    k: int = Field(0, ge=0, description="For a weight: the neuron of layer − 1 it comes from (0-based).")
    batch_mean: bool = Field(False, description="For a weight or a bias: also sum the paths for every sample of the "
                                                "batch; their mean is ∂C/∂W (or ∂C/∂b) of the batch cost.")

    @model_validator(mode="after")
    def _indices_in_range(self) -> PathsRequest:
        sizes, L = self.model.sizes, len(self.model.sizes) - 1
        low = 0 if self.kind == "activation" else 1
        if not low <= self.layer <= L:
            raise rule_error("layer", f"layer: must be in {low}..{L} for a {self.kind}")
        if self.j >= sizes[self.layer]:
            raise rule_error("j", f"j: layer {self.layer} has {sizes[self.layer]} neurons (0..{sizes[self.layer] - 1})")
        if self.kind == "weight" and self.k >= sizes[self.layer - 1]:
            raise rule_error("k", f"k: layer {self.layer - 1} has {sizes[self.layer - 1]} neurons")
        if self.sample >= len(self.inputs):
            raise rule_error("sample", f"sample: {self.sample} is outside 0..{len(self.inputs) - 1}")
        return self


class BoundaryRequest(BaseModel):
    """The model's output over a grid of 2-D inputs."""

    model_config = ConfigDict(extra="ignore")
    model: ModelSpec
    x_range: tuple[FiniteFloat, FiniteFloat] = Field((-3.0, 3.0), description="First feature: from, to.")
    y_range: tuple[FiniteFloat, FiniteFloat] = Field((-3.0, 3.0), description="Second feature: from, to.")
    resolution: int = Field(60, ge=2, le=200, description="Points per side.")

    @model_validator(mode="after")
    def _two_inputs(self) -> BoundaryRequest:
        if self.model.sizes[0] != 2:
            raise rule_error("sizes", "sizes: a decision boundary needs a network with 2 inputs", "model.sizes")
        for name, (low, high) in (("x_range", self.x_range), ("y_range", self.y_range)):
            if not low < high:
                raise rule_error(name, f"{name}: the first value must be below the second")
        return self
