"""HTML routes: the page at / and the embed at /embed, rendered with Jinja2; they link their CSS and
JS from /static/. /embed is the one path other sites may frame (app/security.py). Both are async:
they answer from the event loop, never waiting for a thread that computes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from app.assets import page_response
from app.export import embed_context
from app.export.bundle import EMBED_PAGE_STYLESHEETS, HANDOUT_STYLESHEETS
from app.resources import TEMPLATES_DIR

router = APIRouter(tags=["pages"], include_in_schema=False)
# `root`: the path a prefix-stripping proxy serves the app under ('' at the root), before every URL a page holds.
templates = Jinja2Templates(directory=str(TEMPLATES_DIR), context_processors=[lambda request: {"root": request.scope.get("root_path", "")}])


@router.get("/", response_class=HTMLResponse)
async def index(request: Request) -> Response:
    return page_response(request, templates.TemplateResponse(request, "index.html", {"embed": False}))


@router.get("/embed", response_class=HTMLResponse)
async def embed(request: Request) -> Response:
    """The network, the step controls and the caption alone, for an <iframe> in a slide. It reads the
    same URL state as / (preset, sizes, …, step, theme, numbers, formulas, focus, autoplay, speed)."""
    context = {"standalone": False, "stylesheets": EMBED_PAGE_STYLESHEETS, **embed_context(request.url.query)}
    return page_response(request, templates.TemplateResponse(request, "embed.html", context))


@router.get("/handout", response_class=HTMLResponse)
async def handout(request: Request) -> Response:
    """Every step of the scenario in the URL state, one per printed page (landscape), drawn by the page's renderers."""
    context = {"stylesheets": HANDOUT_STYLESHEETS, **embed_context(request.url.query)}
    return page_response(request, templates.TemplateResponse(request, "handout.html", context))
