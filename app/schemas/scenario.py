"""Request and response models of the scenario routes (POST /api/scenario, /api/scenario/restore)
and of the catalogue (GET /api/catalog)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from app.schemas.requests import StepRequest
from app.schemas.responses import StepTrace

QUERY_FIELD = Field("", max_length=200_000, description="A page URL's query without '?', e.g. `preset=mazur&optimizer=adam`.",
                    examples=["preset=mazur&lr=2&optimizer=adam"])


class ScenarioQuery(BaseModel):
    """A page state, as the page's URL holds it."""

    state: str = QUERY_FIELD


class ScenarioBody(BaseModel):
    """The /api/step request a page state describes, and the changes it could not apply."""

    request: dict[str, Any] = Field(description="The /api/step body: post it as is.")
    problems: list[dict[str, str]] = Field(description="`{key, message}` for each part of the state that could not be "
                                                       "applied, e.g. an edit outside the network.")


class ScenarioStep(ScenarioBody):
    """A page state's /api/step request and its step: POST /api/scenario and POST /api/step in one."""

    step: StepTrace = Field(description="The /api/step answer to `request`.")


class RestoreRequest(BaseModel):
    """A scenario file's request and its page state."""

    request: StepRequest = Field(description="The /api/step body the file holds.")
    state: str = QUERY_FIELD


class RestoredState(BaseModel):
    """The scenario keys that make the page post the file's request again (values as in the page state)."""

    state: dict[str, Any]


class ScenarioKeyOut(BaseModel):
    name: str = Field(description="The page URL key.")
    sets: list[str] = Field(description="The /api/step body fields it decides, e.g. `model.sizes`.")
    meaning: str


class Catalogue(BaseModel):
    """The names the engine knows, where each may go, and the page keys that shape a step."""

    activations: list[dict[str, Any]] = Field(description="`{name, symbol, hidden, output, notation}`: hidden is false for an "
                                                          "output-only activation (softmax); notation is how it is written "
                                                          "(symbol, words, LaTeX, value and slope templates, NumPy source, "
                                                          "PyTorch counterpart): app/engine/notation.py.")
    losses: list[dict[str, Any]] = Field(description="`{name, formula, min_outputs, outputs, notation}`: the output activations "
                                                     "the loss accepts; notation is how it is written.")
    optimizers: list[str]
    optimizer_constants: dict[str, dict[str, float]] = Field(description="Each update rule's constants (momentum; Adam's "
                                                                         "beta1, beta2, epsilon), as the step answer's optimizer_constants.")
    optimizer_notation: dict[str, dict[str, Any]] = Field(description="Each update rule's notation record (app/engine/notation.py "
                                                                      "OptimizerNotation): its name in words (\"SGD\", \"Adam\"), "
                                                                      "as the page offers it, and how it is written; the step "
                                                                      "answer's optimizer_notation with its NumPy source.")
    classification: dict[str, Any] = Field(description="How outputs become classes (accuracy, the Data view): the rule in "
                                                       "words and the threshold of a single output.")
    default_loss: str = Field(description="The loss a new model starts with.")
    default_hidden_activation: str = Field(description="A new hidden layer's activation when there is no hidden layer to copy.")
    target_outputs: dict[str, dict[str, str]] = Field(description="The output activation and loss that fit a data set's targets, "
                                                                   "by their kind: `one_hot` rows, `binary` (one 0/1 column), "
                                                                   "`real` (any other numbers).")
    init_schemes: list[str]
    default_init: dict[str, str | int] = Field(description="`{scheme, seed}`: how new weights are drawn when a scenario asks for "
                                                         "new ones and names no scheme or seed.")
    scenario_keys: list[ScenarioKeyOut] = Field(description="The page URL keys that shape the computation; every "
                                                            "other key only chooses what is shown.")
    rules: dict[str, dict[str, Any]] = Field(description="Each ruled page key's bounds under this server's limits "
                                                         "(`min`, `max`, `minExclusive`, `minLength`, `maxLength`), "
                                                         "e.g. `sizes.max` is BACKPROP_LENS_MAX_UNITS.")
