"""HTML routes: the page at / and the embed at /embed, rendered with Jinja2; they link their CSS and
JS from /static/ and carry the catalogue (GET /api/catalog's answer) in a <script type="application/json"
id="bl-catalog">, so that a first visit asks for its step at once, not after a request for the rules.
/embed is the one path other sites may frame (app/security.py). All are async: they answer from the
event loop, never waiting for a thread that computes (the catalogue's JSON is made once per settings)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from app.api.scenario import catalogue_json
from app.assets import page_response
from app.config import Settings
from app.export import embed_context
from app.export.bundle import EMBED_PAGE_STYLESHEETS, HANDOUT_STYLESHEETS
from app.export.standalone import json_for_script
from app.resources import TEMPLATES_DIR
from app.serving.deps import get_settings

router = APIRouter(tags=["pages"], include_in_schema=False)
# `root`: the path a prefix-stripping proxy serves the app under ('' at the root), before every URL a page holds.
templates = Jinja2Templates(directory=str(TEMPLATES_DIR), context_processors=[lambda request: {"root": request.scope.get("root_path", "")}])


async def page_catalogue(settings: Annotated[Settings, Depends(get_settings)]) -> str:
    # async on purpose, as get_settings: a plain def dependency would cost a hop to the thread pool per page.
    return json_for_script(catalogue_json(settings).encode())


Catalogue = Annotated[str, Depends(page_catalogue)]


@router.get("/", response_class=HTMLResponse)
async def index(request: Request, catalogue: Catalogue) -> Response:
    return page_response(request, templates.TemplateResponse(request, "index.html", {"embed": False, "catalogue": catalogue}))


@router.get("/embed", response_class=HTMLResponse)
async def embed(request: Request, catalogue: Catalogue) -> Response:
    """The network, the step controls and the caption alone, for an <iframe> in a slide. It reads the
    same URL state as / (preset, sizes, …, step, theme, numbers, formulas, focus, autoplay, speed)."""
    context = {"standalone": False, "stylesheets": EMBED_PAGE_STYLESHEETS, "catalogue": catalogue, **embed_context(request.url.query)}
    return page_response(request, templates.TemplateResponse(request, "embed.html", context))


@router.get("/handout", response_class=HTMLResponse)
async def handout(request: Request, catalogue: Catalogue) -> Response:
    """Every step of the scenario in the URL state, one per printed page (landscape), drawn by the page's renderers."""
    context = {"stylesheets": HANDOUT_STYLESHEETS, "catalogue": catalogue, **embed_context(request.url.query)}
    return page_response(request, templates.TemplateResponse(request, "handout.html", context))
