"""The route class of every compute route: a guard before the body is parsed, a bounded turn to
compute (app/api/admission.py), and JSON bodies decoded with orjson in a worker thread.

FastAPI decodes a body with the standard library's json before validating it. orjson does the same
job several times faster; a body it refuses (for instance one with the NaN or Infinity literals,
which only Python's json reads) falls back to json so that pydantic can name the offending field.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

import anyio
import orjson
from fastapi import Request, Response
from fastapi.routing import APIRoute

from app.api.limits import check_body_lists


def _decode(body: bytes) -> Any:
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return json.loads(body)


class _OrjsonRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = _decode(await self.body())
        return self._json


class OrjsonRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            req = _OrjsonRequest(request.scope, request.receive)
            body = await req.body()  # at most max_body_bytes (app/api/errors.py BodySizeLimit)
            check_body_lists(body, req.app.state.settings)
            async with req.app.state.compute.slot():
                if body:
                    try:
                        req._json = await anyio.to_thread.run_sync(_decode, body)
                    except ValueError:
                        pass  # FastAPI decodes it again and answers the error
                return await handler(req)

        return guarded
