"""The route class of every compute route: a guard before the body is parsed, a bounded turn to
compute (app/api/admission.py), JSON bodies decoded with orjson (a large one in a worker thread),
and a direct call of the endpoint.

FastAPI decodes a body with the standard library's json before validating it. orjson does the same
job several times faster; a body it refuses (for instance one with the NaN or Infinity literals,
which only Python's json reads) falls back to json so that pydantic can name the offending field.

Most compute endpoints take one body model and the settings and return a Response. For those, once
the body is decoded, the route validates it with the route's own body field (the same validator
and error locations FastAPI uses) and calls the endpoint itself, skipping FastAPI's generic
dependency solving, which cost as much as a small step's whole engine time. Anything else (another
content type, a body that is not JSON, an overridden dependency, another signature) goes through
FastAPI's handler as before.
"""

from __future__ import annotations

import inspect
import json
import typing
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import anyio
import orjson
from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from app.api.deps import get_settings
from app.api.limits import check_body_lists

# orjson reads a body of this size in about 0.1 ms, less than a hop to a worker thread and back;
# a larger one (up to max_body_bytes) is decoded off the event loop.
INLINE_BODY_BYTES = 64 * 1024

Direct = Callable[[Request, Any], Awaitable[Response]]


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


def _is_json(request: Request) -> bool:
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return kind == "application/json"


class OrjsonRoute(APIRoute):
    def _direct(self) -> Direct | None:
        """The endpoint called with (validated body, settings), or None when its signature is other."""
        dependant, field = self.dependant, self.body_field
        if (field is None or len(dependant.body_params) != 1 or dependant.path_params or dependant.query_params
                or dependant.header_params or dependant.cookie_params or dependant.request_param_name
                or [d.call for d in dependant.dependencies] != [get_settings]):
            return None
        returns = typing.get_type_hints(self.endpoint).get("return")
        if not (inspect.isclass(returns) and issubclass(returns, Response)):
            return None
        body_name, settings_name = dependant.body_params[0].name, dependant.dependencies[0].name
        if settings_name is None:  # the settings are not one of the endpoint's parameters
            return None
        endpoint, is_coroutine = self.endpoint, inspect.iscoroutinefunction(self.endpoint)

        async def direct(request: Request, data: Any) -> Response:
            value, errors = field.validate(data, {}, loc=("body",))
            if errors:
                raise RequestValidationError(errors, body=data)
            kwargs: dict[str, Any] = {str(body_name): value, str(settings_name): request.app.state.settings}
            if is_coroutine:
                return await endpoint(**kwargs)  # type: ignore[no-any-return]
            return await run_in_threadpool(endpoint, **kwargs)  # type: ignore[no-any-return]

        return direct

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        direct = self._direct()

        async def guarded(request: Request) -> Response:
            req = _OrjsonRequest(request.scope, request.receive)
            body = await req.body()  # at most max_body_bytes (app/api/errors.py BodySizeLimit)
            check_body_lists(body, req.app.state.settings)
            async with req.app.state.compute.slot():
                if body:
                    try:
                        req._json = _decode(body) if len(body) <= INLINE_BODY_BYTES else await anyio.to_thread.run_sync(_decode, body)
                    except ValueError:
                        pass  # FastAPI decodes it again and answers the error
                if direct is not None and hasattr(req, "_json") and _is_json(req) and not req.app.dependency_overrides:
                    return await direct(req, req._json)
                return await handler(req)

        return guarded
