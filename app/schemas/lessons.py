"""The lesson format (one JSON file per lesson in app/lessons/data/, docs/lessons.md) and the
answers of GET /api/lessons and GET /api/lessons/{id}."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# A number as a card's text writes it: digits with an optional sign (- or the true minus −),
# decimals and exponent. Written-out small counts ("two paths") and sub- and superscript indices
# (w₁₁⁽²⁾) are words and notation, not numbers.
NUMBER_IN_TEXT = re.compile(r"[-−]?\d+(?:\.\d+)?(?:e[-+−]?\d+)?")
LESSON_ID = r"^[a-z0-9][a-z0-9-]{0,39}$"
SEL = r"^(?:|n\d{1,2}\.\d{1,2}|c\d{1,2}\.\d{1,2}\.\d{1,2})$"


class CardState(BaseModel):
    """The page state a card moves to: page-URL keys (STATE_KEYS in static/js/state/state.js), as
    the URL writes them. Keys left out take their defaults; the theme and speed stay as the student has them."""

    model_config = ConfigDict(extra="forbid")

    preset: str = Field(pattern=r"^[A-Za-z0-9_-]{1,40}$", description="The preset the card opens.")
    step: int = Field(0, ge=0, description="The step of the computation shown (0: z of the first layer).")
    sel: str = Field("", pattern=SEL, description="The selection: n<layer>.<j> a neuron, c<layer>.<j>.<k> a weight.")
    view: Literal["network", "graph", "table", "train", "data", "matrix", "order"] = "network"
    tab: Literal["values", "paths"] = "values"
    mode: Literal["explore", "predict"] = "explore"
    nudge: float = Field(0.1, ge=-1000, le=1000, description="Δ of the inspector's nudge.")
    nudgeon: Literal["b", "a"] = "b"
    sample: int = Field(0, ge=0)
    edits: str = Field("", max_length=400, description="Changed weights and biases as a link writes them: W2.0.1:0.45;b1.0:1.35.")
    lr: float | None = Field(None, gt=0, le=100)
    numbers: Literal["show", "hide"] = "show"

    def query(self) -> str:
        """The page-URL query of this state (only the keys the card sets)."""
        from urllib.parse import urlencode

        return urlencode({k: _written(v) for k, v in self.model_dump(exclude_unset=True).items()}, safe=",;:")


def _written(value: Any) -> str:
    return repr(value) if isinstance(value, float) else str(value)


class Check(BaseModel):
    """One number a card's text states, tied to the value it quotes: `value` exactly as written in
    the text, equal to the answer's value at `at` to the page's 4 significant digits."""

    model_config = ConfigDict(extra="forbid")

    value: str = Field(pattern=NUMBER_IN_TEXT.pattern, description="The number as the text writes it, e.g. 0.1385 or −0.03810.")
    source: Literal["step", "paths", "nudge", "train"] = Field(
        description="Which answer for the card's state: step (POST /api/step), paths (POST /api/paths for `target`), "
                    "nudge (POST /api/nudge for `target`, Δ the card's nudge), train (POST /api/train for `steps`).")
    at: str = Field(pattern=r"^[A-Za-z_]+(?:\.(?:-?\d+|[A-Za-z_]+))*$",
                    description="Where in the answer, dotted: layers.1.delta.0.0, work.paths, history.-1.loss.")
    target: dict[str, int | str] | None = Field(None, description="paths and nudge: {kind, layer, j, k}.")
    steps: int | None = Field(None, ge=1, le=5000, description="train: how many steps.")
    state: CardState | None = Field(None, description="The answer for this state instead of the card's (a value the text compares with).")

    @model_validator(mode="after")
    def _what_the_source_needs(self) -> Check:
        if self.source in ("paths", "nudge") and not self.target:
            raise ValueError(f"a {self.source} check needs a target {{kind, layer, j, k}}")
        if self.source == "train" and self.steps is None:
            raise ValueError("a train check needs steps")
        return self


class Card(BaseModel):
    """A sentence or two, the state the page moves to, and a thing to do there."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=400)
    task: str = Field("", max_length=240, description="What to predict or try at this state, shown below the text.")
    state: CardState
    checks: list[Check] = Field(default_factory=list)

    @model_validator(mode="after")
    def _every_number_is_checked(self) -> Card:
        written = Counter(m.group(0) for m in NUMBER_IN_TEXT.finditer(f"{self.text}\n{self.task}"))
        checked = Counter(c.value for c in self.checks)
        unchecked, unused = list(written - checked), list(checked - written)
        if unchecked:
            raise ValueError(f"the number {unchecked[0]} in the card's text has no check (one check for each time it is written)")
        if unused:
            raise ValueError(f"the check {unused[0]} quotes a number the text does not write as often")
        return self


class Lesson(BaseModel):
    """One lesson file."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=LESSON_ID, description="The name in links: lesson=<id>; the file is <id>.json.")
    order: int = Field(ge=1, description="Place in the Lessons menu.")
    title: str = Field(min_length=1, max_length=80)
    summary: str = Field(min_length=1, max_length=200, description="One sentence: what the student finds out.")
    cards: list[Card] = Field(min_length=3, max_length=6)


class LessonSummary(BaseModel):
    """A lesson as the Lessons menu lists it."""

    id: str
    title: str
    summary: str
    cards: int
