"""The route class of every compute route: a guard before the body is parsed, the worker's cache of
answers (app/serving/answers.py), a bounded turn to compute (app/serving/admission.py), JSON bodies
decoded with orjson (a large one in a worker thread), and a direct call of the endpoint.

FastAPI decodes a body with the standard library's json before validating it. Here orjson decodes it,
once, several times faster, with a nesting limit (1024); a body it refuses is a 400 saying why. The
decoded body's sizes are checked (app/serving/limits.py check_decoded) before validation builds anything.

Cache: a priced route's JSON body whose exact bytes this worker answered before gets that answer at
once, before decoding and without a turn; a new body's 200 answer is kept.

Admission: a body of at most LIGHT_BODY_BYTES is validated and priced first; one priced under
LIGHT_WORK (a teaching-sized step) is answered at once, the rest wait for a heavy slot, shared fairly
between clients (app/serving/admission.py). Routes without a body (the catalogue) never queue, except
those in HEAVY_WITHOUT_BODY.

Most compute endpoints take one body model and the settings and return a Response. For those, once
the body is decoded, the route validates it with the route's own body field (the same validator
and error locations FastAPI uses) and calls the endpoint itself, skipping FastAPI's generic
dependency solving, which cost as much as a small step's whole engine time. Anything else (another
content type, a body that is not JSON, an overridden dependency, another signature) goes through
FastAPI's handler as before.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import anyio
import orjson
from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from app.serving.answers import AnswerCache
from app.serving.deps import get_settings
from app.serving.errors import not_json
from app.serving.limits import ROUTE_PRICES, check_body_lists, check_decoded
from app.serving.responses import JSONResponse

# orjson reads a body of this size in about 0.1 ms, less than a hop to a worker thread and back;
# a larger one (up to max_body_bytes) is decoded off the event loop.
INLINE_BODY_BYTES = 64 * 1024
# A body up to this size is decoded and validated before admission (about a millisecond), so that a
# small request priced under LIGHT_WORK (a teaching-sized step) never waits for a heavy one's turn.
LIGHT_BODY_BYTES = 32 * 1024
LIGHT_WORK = 5_000_000  # units of app/serving/budget.py: about 5 ms
# Routes without a body that compute a lot all the same (the others without a body, like the catalogue, are light).
HEAVY_WITHOUT_BODY = frozenset({"/api/export/standalone"})

Direct = Callable[[Request, Any], Awaitable[Response]]


def decode(body: bytes) -> Any:
    """The body's JSON, by orjson alone (it refuses nesting deeper than 1024 and the NaN and Infinity
    literals); a body it refuses is a 400 that says why."""
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as err:
        finite = " (numbers must be finite: NaN and Infinity are not JSON)" if b"NaN" in body or b"Infinity" in body else ""
        raise not_json(f"{err}{finite}") from None


class _OrjsonRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            await self.parse(await self.body())
        return self._json

    async def parse(self, body: bytes) -> None:
        """Decode (a large body in a worker thread), then check the sizes a look at the fields finds."""
        self._json = decode(body) if len(body) <= INLINE_BODY_BYTES else await anyio.to_thread.run_sync(decode, body)
        check_decoded(self._json, self.app.state.settings)


def _is_json(request: Request) -> bool:
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return kind == "application/json"


def answers_of(request: Request) -> AnswerCache | None:
    """The worker's cache of answers, unless a test overrides a dependency (its answers are its own)."""
    return None if request.app.dependency_overrides else getattr(request.app.state, "answers", None)


def keep(cache: AnswerCache, route: str, body: bytes, response: Response) -> None:
    """Cache a whole 200 JSON answer that carries no header of its own (those the middlewares add come later)."""
    if (response.status_code == 200 and type(response) is JSONResponse
            and {name for name, _ in response.raw_headers} <= {b"content-length", b"content-type"}):
        cache.put(route, body, bytes(response.body))


def client_of(request: Request) -> str:
    """Who sent the request, for the per-client share of heavy slots: the peer's address, or the client a
    trusted proxy names in X-Forwarded-For (uvicorn puts it there when told to believe that proxy: app/cli.py)."""
    return request.client.host if request.client else ""


class OrjsonRoute(APIRoute):
    def _validator(self) -> Callable[[Request, Any], dict[str, Any]] | None:
        """The endpoint's keyword arguments from a decoded body, or None when its signature is other."""
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

        def validate(request: Request, data: Any) -> dict[str, Any]:
            value, errors = field.validate(data, {}, loc=("body",))
            if errors:
                raise RequestValidationError(errors, body=data)
            return {str(body_name): value, str(settings_name): request.app.state.settings}

        return validate

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        validate = self._validator()
        endpoint, is_coroutine = self.endpoint, inspect.iscoroutinefunction(self.endpoint)
        # the price of a route: ROUTE_PRICES's, or its endpoint's own (app/api/scenario.py priced_by)
        price = (ROUTE_PRICES.get(self.path_format) or getattr(self.endpoint, "price", None)) if validate is not None else None
        heavy_without_body = self.path_format in HEAVY_WITHOUT_BODY

        async def call(kwargs: dict[str, Any]) -> Response:
            if is_coroutine:
                return await endpoint(**kwargs)  # type: ignore[no-any-return]
            return await run_in_threadpool(endpoint, **kwargs)  # type: ignore[no-any-return]

        async def answer(req: _OrjsonRequest) -> Response:
            if validate is not None and hasattr(req, "_json") and _is_json(req) and not req.app.dependency_overrides:
                return await call(validate(req, req._json))
            return await handler(req)

        async def guarded(request: Request) -> Response:
            req = _OrjsonRequest(request.scope, request.receive)
            body = await req.body()  # at most max_body_bytes (app/serving/errors.py BodySizeLimit)
            settings = req.app.state.settings
            check_body_lists(body, settings)
            if not body and not heavy_without_body:  # the catalogue: nothing to compute
                return await handler(req)
            cache = answers_of(req) if price is not None and _is_json(req) else None
            if cache is None:
                return await admitted(req, body, settings)
            hit = cache.get(self.path_format, body)
            if hit is not None:  # this body's answer, computed before: nothing to compute, no turn to wait
                return Response(hit, media_type=JSONResponse.media_type)
            response = await admitted(req, body, settings)
            keep(cache, self.path_format, body, response)
            return response

        async def admitted(req: _OrjsonRequest, body: bytes, settings: Any) -> Response:
            kwargs: dict[str, Any] | None = None
            if body and len(body) <= LIGHT_BODY_BYTES and _is_json(req):
                await req.parse(body)
                if price is not None and validate is not None and not req.app.dependency_overrides:
                    kwargs = validate(req, req._json)
                    if price(next(iter(kwargs.values())), settings).work <= LIGHT_WORK:
                        return await call(kwargs)  # a light request: no turn in the heavy queue
            async with req.app.state.compute.slot(client_of(req)):
                if kwargs is not None:  # validated and priced above: heavy
                    return await call(kwargs)
                if body and not hasattr(req, "_json") and _is_json(req):
                    await req.parse(body)
                return await answer(req)

        return guarded
