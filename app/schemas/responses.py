"""Response models. The routers encode NumPy arrays straight to JSON with orjson; these models
document the shape in /docs. A number that overflowed comes back as null, with `diverged` set."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

Num = float | None
Matrix = list[list[Num]]


class LayerTrace(BaseModel):
    """Layer l (1..L). Per-sample arrays are (samples returned × n_l), derivatives of each sample's own
    cost C_x; grad_weights and grad_biases are gradients of the batch cost C = mean of C_x."""

    index: int = Field(description="l")
    activation: str
    activation_symbol: str = Field(description="How formulas name the activation, e.g. σ.")
    activation_constants: dict[str, float] = Field(
        description="The numbers the activation's formula holds besides z: leaky_relu's negative_slope "
        "(σ(z) = negative_slope · z and σ′(z) = negative_slope for z ≤ 0); empty for the others.")
    activation_notation: dict[str, Any] = Field(
        description="How the activation is written (its notation record, app/engine/notation.py): symbol, words, "
        "latex, the value template and value_chain, the slope's general form, element-wise form, numbers template "
        "and written line, constants.")
    z: Matrix = Field(description="z[l] = W[l] a[l-1] + b[l]")
    a: Matrix = Field(description="a[l] = σ(z[l])")
    activation_slope: Matrix = Field(description="σ′(z[l]) (for softmax, the diagonal a(1 − a))")
    grad_a: Matrix = Field(description="∂C_x/∂a[l]")
    delta: Matrix = Field(description="δ[l] = ∂C_x/∂z[l]")
    grad_weights: Matrix = Field(description="∂C/∂W[l] = mean over the batch of δ[l] a[l-1]ᵀ")
    grad_biases: list[Num] = Field(description="∂C/∂b[l] = mean over the batch of δ[l]")
    path_work: dict[str, int] | None = Field(
        None, description="For a hidden layer: `paths` from one of its neurons to the cost, the `enumeration_multiplications` "
        "of listing them, and the `backprop_multiplications` of ∂C/∂a for the whole layer (as POST /api/paths counts "
        "them); null for the output layer.")


class Step(BaseModel):
    """One step of the script the page animates."""

    index: int
    phase: str = Field(description="forward, loss, backward or update")
    layer: int
    quantity: str = Field(description="z, a, loss, grad_a, delta, grad_weights, grad_biases or update")
    equation: str
    title: str
    description: str
    reads: list[dict[str, Any]] = Field(description="The (layer, quantity) values this step uses.")


class Parameters(BaseModel):
    weights: list[Matrix]
    biases: list[list[Num]]


class StepTrace(BaseModel):
    """Every intermediate value of one gradient-descent step."""

    model: dict[str, Any] = Field(description="The model with the concrete weights and biases used.")
    loss: Num = Field(description="Batch cost C, the mean of the per-sample costs.")
    losses: list[Num] = Field(description="C_x of each returned sample.")
    samples: list[int] = Field(description="Indices of the samples whose per-sample arrays are returned.")
    batch_size: int
    input: Matrix = Field(description="a[0] of each returned sample.")
    target: Matrix = Field(description="y of each returned sample.")
    layers: list[LayerTrace]
    updated: Parameters = Field(description="Weights and biases after the update.")
    loss_after: Num = Field(description="Batch cost of the updated model on the same batch (the second-round error).")
    hidden_uses_updated_weights: bool = Field(description="True when the teaching mistake was asked for.")
    optimizer: str = Field(description="The update rule used: sgd, momentum or adam.")
    optimizer_state_before: dict[str, Any] = Field(description="Velocity or moments before this update (t, m, v, steps).")
    optimizer_state: dict[str, Any] = Field(description="After this update; pass it back to continue.")
    optimizer_constants: dict[str, float] = Field(description="The rule's constants: momentum, or Adam's beta1, beta2 and epsilon.")
    optimizer_moments: dict[str, Any] | None = Field(None, description="Adam only: the bias-corrected moments m_hat = m / (1 − beta1ᵗ) "
                                                                       "and v_hat = v / (1 − beta2ᵗ), laid out like optimizer_state's m and v.")
    optimizer_notation: dict[str, Any] = Field(description="How the update rule is written (its notation record, app/engine/notation.py "
                                                           "OptimizerNotation): its name in words, summary, constants and their "
                                                           "symbols, state, the step script's equation, the caption's update lines "
                                                           "and sentence, the Train view's hint, its torch.optim counterpart.")
    output_delta_is_direct: bool = Field(description="True when δ[L] = a[L] − y exactly (softmax + cross_entropy, sigmoid + bce).")
    loss_notation: dict[str, Any] = Field(description="How the loss is written (its notation record, app/engine/notation.py "
                                                      "LossNotation): its name in words, formula, the cost's and ∂C/∂a's "
                                                      "templates, grad_a, grad_form, grad_words, the Graph view's names, torch, "
                                                      "direct_with, direct_words, grad_from, grad_note, delta_why.")
    learning_rate: float
    update_biases: bool
    accuracy: Num = Field(description="Share of the batch classified right, when targets are classes.")
    steps: list[Step]
    diverged: bool = Field(description="True when a value overflowed; such values are null.")
    diverged_at: dict[str, Any] | None = Field(description="The first step that produced a non-finite value.")


class HistoryPoint(BaseModel):
    step: int
    loss: Num
    accuracy: Num
    grad_norms: list[Num] = Field(description="‖∂C/∂W[l]‖ per layer, on all the data.")
    mean_abs_delta: list[Num] = Field(description="Mean |δ[l]| per layer over samples and units.")


class Snapshot(Parameters):
    step: int


class TrainHistory(BaseModel):
    """The loss over training, snapshots of the model, and the final model."""

    history: list[HistoryPoint]
    snapshots: list[Snapshot]
    model: dict[str, Any]
    steps_done: int
    diverged: bool
    diverged_at_step: int | None
    optimizer_state: dict[str, Any] = Field(description="Pass it back as optimizer_state to continue.")


class LayerGradcheck(BaseModel):
    layer: int
    max_error_weights: Num
    max_error_biases: Num
    max_error: Num
    checked: int
    passed: bool


class GradcheckReport(BaseModel):
    """Max relative error of backprop against central differences, per layer."""

    epsilon: float
    tolerance: float
    layers: list[LayerGradcheck]
    max_error: Num
    passed: bool


class Factor(BaseModel):
    symbol: str
    meaning: str
    value: Num


class PathOut(BaseModel):
    neurons: list[list[int]] = Field(description="(layer, neuron) pairs from the start to the output.")
    factors: list[Factor]
    product: Num


class PathsBatch(BaseModel):
    """The sum over paths for every sample, and their mean: the gradient of the batch cost."""

    totals: list[Num] = Field(description="Σ over paths for each sample x: ∂C_x/∂(parameter).")
    mean: Num = Field(description="The mean of `totals` over the batch.")
    gradient: Num = Field(description="∂C/∂(parameter) of the batch cost C, from backprop; equals `mean`.")


class PathsWork(BaseModel):
    """What the paths cost to enumerate, against what backprop spends on the same derivative."""

    paths: int
    enumeration_multiplications: int = Field(description="Σ over paths of (factors − 1).")
    enumeration_additions: int = Field(description="paths − 1: adding the products.")
    backprop_multiplications: int = Field(description="Wᵀδ and ⊙ σ′ from the output down to this layer, "
                                                       "then δ · a for a weight (one δ per neuron, reused).")


class PathsReport(BaseModel):
    """Every path to the cost of one sample; the sum of products equals the backprop gradient."""

    kind: str
    layer: int
    j: int
    k: int
    sample: int
    count: int
    paths: list[PathOut]
    total: Num = Field(description="Σ over paths of their products.")
    gradient: Num = Field(description="The same derivative of C_x computed by backprop.")
    work: PathsWork
    batch: PathsBatch | None = Field(None, description="With batch_mean, for a weight or a bias: every sample's sum and their mean.")


class PresetSummary(BaseModel):
    name: str
    title: str
    description: str


class DatasetOut(BaseModel):
    name: str
    description: str
    classes: list[str]
    feature_names: list[str]
    inputs: list[list[float]]
    targets: list[list[float]]
    labels: list[int]


class BoundaryGrid(BaseModel):
    """outputs[i][j] is a[L] at (xs[j], ys[i]); predicted[i][j] the class there."""

    xs: list[Num] = Field(description="The grid's first-feature values (null if the range overflows).")
    ys: list[Num] = Field(description="The grid's second-feature values.")
    outputs: list[list[list[Num]]]
    predicted: list[list[int]]


class FieldError(BaseModel):
    loc: list[str | int] = Field(description="Where: body, query or path, then the field, e.g. [body, inputs, 3].")
    msg: str = Field(description="The rule that was broken, naming the field and the limit.")
    type: str = Field(description="A short code: json_invalid, too_large, limit, missing, shape, …")


class FieldErrors(BaseModel):
    """A request the API refused (400, 413, 422): one entry per broken rule."""

    detail: list[FieldError]


class NotFound(BaseModel):
    """No preset or dataset of that name; the message lists the names there are."""

    detail: str
