"""The scenario's one owner, served: POST /api/scenario (a page state -> its /api/step request),
POST /api/scenario/step (a page state -> its request and that request's step, in one request),
POST /api/scenario/restore (a scenario file -> the page state that posts it again), and
GET /api/catalog (the engine's names and the keys that shape a step; the pages carry the same JSON in their HTML)."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from app.api.catalog import cacheable
from app.config import Settings
from app.engine.catalog import catalogue
from app.engine.presets import PRESETS
from app.export.restore import restore_state
from app.export.rules import page_rules
from app.export.scenario import KEYS, StateError, build_step_body, parse_scenario
from app.schemas import StepRequest
from app.schemas.scenario import Catalogue, RestoredState, RestoreRequest, ScenarioBody, ScenarioQuery, ScenarioStep
from app.service.step import step_content
from app.serving.budget import Cost
from app.serving.deps import get_settings
from app.serving.errors import BODY_ERRORS
from app.serving.limits import check_step, weight_count
from app.serving.offload import run_sized
from app.serving.responses import JSONResponse
from app.serving.routing import OrjsonRoute

router = APIRouter(prefix="/api", tags=["scenario"], route_class=OrjsonRoute)


def _refuse(loc: tuple[str, ...], message: str) -> RequestValidationError:
    return RequestValidationError([{"type": "value_error", "loc": loc, "msg": message}])


def scenario_state(query: str, settings: Settings, where: str = "state") -> dict[str, Any]:
    """parse_scenario, with a 422 naming the key (body.state.<key>) for a bad value or preset."""
    try:
        state = parse_scenario(query, settings)
    except StateError as err:
        raise _refuse(("body", where, err.key), err.message) from None
    if state["preset"] not in PRESETS:
        raise _refuse(("body", where, "preset"),
                      f"preset: there is no preset named {state['preset']!r}; choose one of {', '.join(PRESETS)}")
    return state


@router.post("/scenario", response_model=ScenarioBody, responses=BODY_ERRORS)
def scenario_request(req: ScenarioQuery, settings: Annotated[Settings, Depends(get_settings)]) -> dict[str, Any]:
    """The /api/step request a page state describes: the preset's body with the state's scenario
    keys applied (the catalogue lists them). The page, /embed and every export build their step
    from this; keys that only choose what is shown are ignored."""
    state = scenario_state(req.state, settings)
    body, problems = build_step_body(PRESETS[state["preset"]].build(), state)
    return {"request": body, "problems": problems}


def built_request(req: ScenarioQuery, settings: Settings) -> tuple[StepRequest, dict[str, Any], list[dict[str, str]]]:
    """The validated /api/step request a page state describes, its body and its problems; a state or a
    request the server refuses is a 422 naming the key (body.state.<key>) or the field (body.model.loss, …)."""
    state = scenario_state(req.state, settings)
    body, problems = build_step_body(PRESETS[state["preset"]].build(), state)
    try:
        request = StepRequest.model_validate(body)
    except ValidationError as err:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in err.errors(include_url=False)]) from None
    return request, body, problems


def priced_by(price: Any) -> Any:
    """Give a route the price admission checks before its turn (app/serving/routing.py)."""
    def mark(endpoint: Any) -> Any:
        endpoint.price = price
        return endpoint
    return mark


def scenario_step_price(req: ScenarioQuery, settings: Settings) -> Cost:
    return check_step(built_request(req, settings)[0], settings)


@router.post("/scenario/step", response_model=None, responses={200: {"model": ScenarioStep}, **BODY_ERRORS})
@priced_by(scenario_step_price)
async def scenario_step(req: ScenarioQuery, settings: Annotated[Settings, Depends(get_settings)]) -> JSONResponse:
    """A page state's /api/step request and that request's step, in one request: what the page asks
    for a new scenario. `request` is the body to post again (to /api/step, /api/train, …), `problems`
    the parts of the state that could not be applied, `step` the /api/step answer."""
    request, body, problems = built_request(req, settings)
    answer = await run_sized(weight_count(request.model.sizes) * len(request.inputs), step_content, request, settings)
    return JSONResponse({"request": body, "problems": problems, "step": answer})


@router.post("/scenario/restore", response_model=RestoredState, responses=BODY_ERRORS)
def scenario_restore(req: RestoreRequest, settings: Annotated[Settings, Depends(get_settings)]) -> dict[str, Any]:
    """The scenario keys that make the page build the request of a scenario file again, starting
    from the file's own state (its preset, its view). A field the page cannot set gets a 422."""
    check_step(req.request, settings)
    state = scenario_state(req.state, settings)
    try:
        restored = restore_state(PRESETS[state["preset"]].build(), req.request, state, page_rules(settings))
    except StateError as err:
        raise _refuse(("body", *err.key.split(".")), err.message) from None
    return {"state": restored}


@lru_cache(maxsize=4)
def catalogue_json(settings: Settings) -> str:
    """GET /api/catalog's answer as JSON text, made once per settings (about 8 ms): the pages carry it
    in their HTML, so that their first drawing does not wait for a request to learn the rules."""
    return Catalogue.model_validate(get_catalogue(settings)).model_dump_json()


@router.get("/catalog", response_model=Catalogue, dependencies=[Depends(cacheable)])
def get_catalogue(settings: Annotated[Settings, Depends(get_settings)]) -> dict[str, Any]:
    """Every activation, loss, optimizer and init scheme the engine knows, which output activation
    each loss accepts, the page URL keys that shape a step (all others only choose the view), and
    the rules (ranges and lengths) of those keys under this server's limits."""
    return {**catalogue(), "rules": page_rules(settings),
            "scenario_keys": [{"name": k.name, "sets": [".".join(path) for path in k.sets], "meaning": k.meaning}
                              for k in KEYS]}
