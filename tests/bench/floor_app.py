"""The transport floor: a bare Starlette app (no validation, no work) that answers every POST with the
bytes in the file $FLOOR_BODY: sent as they are, with $FLOOR_ENCODING as Content-Encoding when set
(bytes compressed beforehand), or, with $FLOOR_COMPRESS set, compressed per request by the app's
own compression middleware and levels (app/compression.py), as a dynamic answer has to be."""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

BODY = Path(os.environ["FLOOR_BODY"]).read_bytes()
HEADERS = {"content-encoding": os.environ["FLOOR_ENCODING"]} if os.environ.get("FLOOR_ENCODING") else {}


async def answer(request: Request) -> Response:
    await request.body()
    return Response(BODY, media_type="application/json", headers=HEADERS)


async def healthz(request: Request) -> Response:
    return Response(b'{"status":"ok"}', media_type="application/json")


def middleware() -> list[Middleware]:
    if not os.environ.get("FLOOR_COMPRESS"):
        return []
    from starlette_compress import CompressMiddleware

    from app.compression import SETTINGS
    return [Middleware(CompressMiddleware, **SETTINGS)]


app = Starlette(routes=[Route("/api/step", answer, methods=["POST"]), Route("/healthz", healthz)], middleware=middleware())
