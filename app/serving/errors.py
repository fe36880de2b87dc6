"""Error answers: 400 for a body that is not JSON, 413 for one too large, 422 naming the field
and the rule, and never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.schemas import FieldErrors, NotFound
from app.serving.responses import JSONResponse

# The error answers, documented in the OpenAPI schema with the routes that give them. FastAPI files a
# `model` under the route's own media type: a route whose answer is not JSON (an HTML or .py file)
# should say response_class=Response and return its HTMLResponse, so these stay application/json.
BODY_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": FieldErrors, "description": "The body is not valid JSON."},
    413: {"model": FieldErrors, "description": "The body is larger than max_body_bytes."},
    422: {"model": FieldErrors, "description": "A field breaks a rule or a limit; `loc` names it."},
}
BUSY: dict[int | str, dict[str, Any]] = {
    429: {"model": FieldErrors, "description": "This client already has its share of the heavy requests computing or "
                                               "waiting; retry after the seconds in the Retry-After header."},
    503: {"model": FieldErrors, "description": "Every compute slot is busy and the queue is full; retry after "
                                               "the seconds in the Retry-After header."},
}
BODY_ERRORS.update(BUSY)
QUERY_ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": FieldErrors, "description": "An unknown name or a query parameter out of range; `loc` names it."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": NotFound, "description": "No such name."}}
log = logging.getLogger("backprop_lens")
# A 422 lists at most this many broken rules: a request with many bad values gets a short answer.
MAX_ERRORS = 20


def limit_error(loc: tuple[str | int, ...], msg: str) -> RequestValidationError:
    """A 422 in the same shape as a schema error, for limits checked after parsing."""
    return RequestValidationError([{"type": "limit", "loc": ("body", *loc), "msg": msg}])


def clean_error(error: dict[str, Any]) -> dict[str, Any]:
    # Drop pydantic's echo of the input (it can be the whole body) and its doc links.
    msg = str(error.get("msg", ""))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    loc = list(error.get("loc", ()))
    field = (error.get("ctx") or {}).get("field")
    if field:
        loc += [int(p) if p.isdigit() else p for p in field.split(".")]
    return {"loc": loc, "msg": msg, "type": error.get("type", "invalid")}


def not_json(reason: str) -> HTTPException:
    """A 400 for a body the JSON parser refused, saying where and why."""
    return HTTPException(400, [{"loc": ["body"], "msg": f"the body is not valid JSON: {reason}", "type": "json_invalid"}])


def _not_json() -> JSONResponse:
    return JSONResponse({"detail": [{"loc": ["body"], "msg": "the body is not valid JSON", "type": "json_invalid"}]},
                        status_code=400)


async def validation_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [clean_error(e) for e in exc.errors()[:MAX_ERRORS]]
    if any(e["type"] == "json_invalid" for e in errors):
        return _not_json()
    return JSONResponse({"detail": errors}, status_code=422)


async def http_error_handler(request: Request, exc: StarletteHTTPException) -> Response:
    # FastAPI answers a body it cannot even decode (not UTF-8) with a bare-string 400: same shape as invalid JSON.
    if exc.status_code == 400 and not isinstance(exc.detail, list):
        return _not_json()
    return await http_exception_handler(request, exc)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, validation_handler)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, http_error_handler)  # type: ignore[arg-type]


class BodySizeLimit:
    """Reads every request body before the app sees it, counting the bytes that actually arrive
    (Content-Length or chunked alike), and stops at `max_bytes` with a 413. A client that leaves
    mid-body, or mid-answer, is one line in the log; an error the app did not answer is one 500 in
    the same shape as every other error (inside the security headers' middleware, so it gets them)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or len(length) > 18 or int(length) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        received = 0
        while True:  # every body, whatever its headers say: read it all, or refuse it at the limit
            message = await receive()
            if message["type"] == "http.disconnect":
                if not scope.get("state", {}).get("backprop_lens.timed_out"):  # else app/timeouts.py wrote the line
                    log.warning("%s %s: the client left before sending its whole body", scope["method"], scope["path"])
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body, replayed = b"".join(chunks), False
        del chunks

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self._answer(scope, replay, send)

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except OSError as exc:  # the client went away while its answer was written
            log.warning("%s %s: the client left before its answer was sent (%s)", scope["method"], scope["path"], exc)
        except Exception:
            log.exception("%s %s: unanswered error", scope["method"], scope["path"])
            if not started:
                body = {"detail": [{"loc": [], "type": "internal", "msg": "the server failed to answer this request; "
                                                                        "it is logged, please report it"}]}
                await JSONResponse(body, status_code=500)(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = {"detail": [{"loc": ["body"], "type": "too_large",
                            "msg": f"the body is larger than the limit of {self.max_bytes} bytes"}]}
        await JSONResponse(body, status_code=413, headers={"connection": "close"})(scope, receive, send)
