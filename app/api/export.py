"""GET and POST /api/export/standalone: a scenario as ONE .html file that opens from disk, with no
server and no network, and steps like /embed; POST /api/export/slides: the step as a PowerPoint deck."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from app.config import Settings
from app.engine.presets import PRESETS
from app.export import StateError, build_step_body, parse_scenario, standalone_filename, standalone_html
from app.export.scenario import KEYS
from app.export.slides import MEDIA_TYPE as PPTX
from app.export.slides import DeckTooLarge, slides_filename, step_deck
from app.schemas import StepRequest
from app.schemas.export import StandaloneRequest
from app.service.step import step_content
from app.serving.deps import get_settings
from app.serving.errors import BODY_ERRORS, BUSY, NOT_FOUND, QUERY_ERRORS, clean_error, limit_error
from app.serving.limits import check_standalone, check_step
from app.serving.responses import JSONResponse
from app.serving.routing import OrjsonRoute

router = APIRouter(prefix="/api/export", tags=["export"], route_class=OrjsonRoute)

HTML_FILE: dict[int | str, dict[str, Any]] = {200: {"description": "The .html file, as an attachment.", "content": {"text/html": {}}}}


def _file(req: StepRequest, query: str, settings: Settings) -> Response:
    check_standalone(req, settings)
    # The trace is /api/step's own answer, byte for byte: the route function computes it.
    trace = JSONResponse(step_content(req, settings)).body
    html = standalone_html(bytes(trace), query)
    disposition = f'attachment; filename="{standalone_filename(query)}"'
    return HTMLResponse(html, headers={"content-disposition": disposition, "cache-control": "no-store"})


@router.get("/standalone", response_class=Response, responses={**HTML_FILE, **QUERY_ERRORS, **NOT_FOUND, **BUSY})
def standalone_from_link(request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> Response:
    """The scenario of a page link as one self-contained .html file (a download).

    The query is the page's URL state, e.g. `?preset=mazur&step=7&theme=projector`: the scenario
    keys (GET /api/catalog lists them) pick the step the server computes, the others (step, sample,
    sel, theme, numbers, formulas, focus, autoplay, speed) what the file shows. The file holds the /api/step answer, its CSS and its JavaScript,
    so it opens from disk with no server and makes no network request at all.
    """
    query = request.url.query
    try:
        state = parse_scenario(query, settings)
    except StateError as err:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", err.key), "msg": err.message}]) from None
    preset = PRESETS.get(state["preset"])
    if preset is None:
        raise HTTPException(404, f"no preset named {state['preset']!r}; try one of {', '.join(PRESETS)}")
    body, problems = build_step_body(preset.build(), state)
    if problems:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", p["key"]), "msg": p["message"]}
                                      for p in problems])
    try:
        return _file(_validated(body), query, settings)
    except RequestValidationError as err:  # name the URL key the page can point at, not the body path
        raise RequestValidationError([{**e, "loc": ("query", url_key(e["loc"]))}
                                      for e in map(clean_error, err.errors())]) from None


@router.post("/standalone", response_class=Response, responses={**HTML_FILE, **BODY_ERRORS})
def standalone_from_body(req: StandaloneRequest, settings: Annotated[Settings, Depends(get_settings)]) -> Response:
    """Any /api/step request body as one self-contained .html file (a download).

    `step` is the request body, `state` the page's URL state for what the file shows first (step,
    sample, sel, theme, numbers, formulas, focus, autoplay, speed).
    """
    return _file(req.step, req.state, settings)


PPTX_FILE: dict[int | str, dict[str, Any]] = {200: {"description": "The .pptx deck, as an attachment backprop_lens_<preset>.pptx.",
                                                    "content": {PPTX: {}}}}


@router.post("/slides", response_class=Response, responses={**PPTX_FILE, **BODY_ERRORS})
def slides(
    req: StepRequest,
    settings: Annotated[Settings, Depends(get_settings)],
    preset: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{1,40}$", description="Names the file and the title slide.")] = None,
) -> Response:
    """This step as a PowerPoint deck (.pptx, 16:9) for slide tools that cannot frame a live page.

    A title slide (the network, its preset and the preset's credits), then one slide per step of
    `steps`: the network in native, editable shapes (an ellipse per neuron, a line per connection,
    text for the values known at that step), the step's formula with its numbers and its sentence,
    the plain-words explanation in the speaker notes, and PowerPoint's Morph transition between
    steps (a fade where Morph is missing). Keynote, Google Slides and LibreOffice Impress open it too.
    """
    check_step(req, settings)
    trace = JSONResponse(step_content(req, settings)).body
    try:
        deck = step_deck(bytes(trace), preset)
    except DeckTooLarge as err:
        raise limit_error(("model", "sizes"), f"sizes: {err}") from None
    return Response(deck, media_type=PPTX,
                    headers={"content-disposition": f'attachment; filename="{slides_filename(preset)}"', "cache-control": "no-store"})


# Where a field of the /api/step body comes from in a page URL: the scenario keys' own table.
URL_KEYS = {path: key.name for key in KEYS for path in key.sets}


def url_key(loc: Any) -> str:
    """The URL key behind an error's body location, e.g. (body, model, sizes, 1) -> sizes."""
    path = tuple(part for part in loc if part != "body")
    for length in range(len(path), 0, -1):
        if path[:length] in URL_KEYS:
            return URL_KEYS[path[:length]]
    return "preset"


def _validated(body: dict[str, Any]) -> StepRequest:
    try:
        return StepRequest.model_validate(body)
    except ValidationError as err:
        raise RequestValidationError(err.errors()) from None
