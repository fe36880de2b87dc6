"""Request model of the standalone export (POST /api/export/standalone)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas.requests import StepRequest


class StandaloneRequest(BaseModel):
    """A scenario to save as one .html file: the /api/step body, and the page state for the view."""

    step: StepRequest = Field(description="The /api/step request body whose answer the file steps through.")
    state: str = Field(
        "",
        max_length=20_000,
        description="The page's URL state without '?', for what the file shows first: step, sample, sel, theme, "
        "numbers, formulas, focus, autoplay, speed (scenario keys in it are ignored: `step` is the scenario).",
        examples=["preset=mazur&step=7&theme=projector"],
    )
