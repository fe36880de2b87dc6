"""The transport floor: a bare Starlette app (no middleware, no validation) that answers every POST
with the bytes in the file $FLOOR_BODY (and $FLOOR_ENCODING as Content-Encoding, when set)."""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette
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


app = Starlette(routes=[Route("/api/step", answer, methods=["POST"]), Route("/healthz", healthz)])
