"""Security headers on every response: a Content-Security-Policy for each kind of page, nosniff,
no referrer, and framing by other sites for the two pages a lecture shows (/embed and the full page) only.

The app's own pages run no inline script, so their policy allows scripts from 'self' only. The
offline API docs (/docs, /redoc) carry an inline script that FastAPI writes; their policy allows
exactly that script by its sha256, computed from the HTML of the response itself.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REDOC_BUNDLE = Path(fastapi_offline.__file__).parent / "static" / "redoc.standalone.js"
EMBED_PATH = "/embed"
# Pages any site (and a deck opened from disk) may frame. Framing a page is dangerous when a click in
# the frame acts for a signed-in user (clickjacking) or the frame reveals what the user may see. These
# two pages hold no account, no session and no cookie, and nothing a click in them does changes
# anything on the server (every request is a stateless computation whose answer goes only to the page
# that asked): a deck that frames them can make a visitor do nothing but what the visitor could do in
# a tab of their own. So /embed goes into slides, and the full page (training, the data view, the
# inspector) too. Every other path (the API docs, the JSON API, redirects) stays same-origin only.
FRAMEABLE_PATHS = frozenset({EMBED_PATH, "/"})
DOCS_PATHS = ("/docs", "/redoc")

APP_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'self'",
}
# The frameable pages go into slide decks on any site, and into decks opened from disk: `*` matches only
# http(s) parents, so file: is named too (Chromium blocks a file:// deck otherwise). Nothing else opens.
EMBED_POLICY = {**APP_POLICY, "frame-ancestors": "* file:"}
# Swagger UI styles inline and draws data: images; ReDoc runs its search index in a blob: worker.
DOCS_POLICY = {**APP_POLICY, "img-src": "'self' data:", "worker-src": "'self' blob:"}

COMMON_HEADERS = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer"}

_INLINE_SCRIPT = re.compile(rb"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)


def policy_text(policy: dict[str, str]) -> str:
    return "; ".join(f"{name} {sources}" for name, sources in policy.items())


def inline_script_hashes(html: bytes) -> list[str]:
    """CSP sources ('sha256-…') of every inline <script> in `html`, in order."""
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    ]


def docs_policy(html: bytes) -> str:
    hashes = inline_script_hashes(html)
    return policy_text({**DOCS_POLICY, "script-src": " ".join(["'self'", *hashes])})


def headers_for(path: str) -> dict[str, str]:
    """The headers every response to `path` gets (the docs pages add their script hashes)."""
    headers = dict(COMMON_HEADERS)
    if path in FRAMEABLE_PATHS:
        headers["content-security-policy"] = policy_text(EMBED_POLICY)
    else:
        headers["content-security-policy"] = policy_text(APP_POLICY)
        headers["x-frame-options"] = "SAMEORIGIN"
    return headers


def _raw(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]


# Every response but the docs pages' gets one of these two sets (frameable, or same-origin framing only), encoded once rather than per response.
_EMBED_RAW = _raw(headers_for(EMBED_PATH))
_APP_RAW = _raw(headers_for("/api"))


def _set_defaults(message: Message, headers: list[tuple[bytes, bytes]]) -> None:
    # A header a route set itself wins; the rest are added.
    raw = list(message.get("headers", []))
    present = {name.lower() for name, _ in raw}
    raw.extend(header for header in headers if header[0] not in present)
    message["headers"] = raw


class SecurityHeaders:
    """Pure ASGI middleware: adds the headers to every HTTP response, errors included."""

    def __init__(self, app: ASGIApp, docs_paths: Iterable[str] = DOCS_PATHS) -> None:
        self.app, self.docs_paths = app, frozenset(docs_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = _route_path(scope)
        if path in self.docs_paths:
            await self._docs(scope, receive, send, headers_for(path))
            return

        headers = _EMBED_RAW if path in FRAMEABLE_PATHS else _APP_RAW

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                _set_defaults(message, headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _docs(self, scope: Scope, receive: Receive, send: Send, headers: dict[str, str]) -> None:
        # A docs page is a few hundred bytes: hold it until complete, hash its inline scripts,
        # then send the start with a policy that allows exactly those scripts.
        start: Message | None = None
        chunks: list[Message] = []

        async def hold(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message)
            if message.get("more_body", False):
                return
            html = b"".join(chunk.get("body", b"") for chunk in chunks)
            _set_defaults(start, _raw({**headers, "content-security-policy": docs_policy(html)}))
            await send(start)
            for chunk in chunks:
                await send(chunk)

        await self.app(scope, receive, hold)


def _route_path(scope: Scope) -> str:
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return (path[len(root):] or "/") if root and path.startswith(root) else path


# ReDoc's bundle draws a "powered by" logo from a CDN; the docs must make no request off the server.
REDOC_ASSET = "/docs-assets/redoc.standalone.js"
REMOTE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
EMPTY_SVG = "data:image/svg+xml,%3Csvg%20xmlns=%27http://www.w3.org/2000/svg%27/%3E"


def install_offline_redoc(app: FastAPI, bundle: Path = REDOC_BUNDLE) -> None:
    """Serve ReDoc's bundle with its one remote image replaced by an empty inline SVG."""
    script = bundle.read_bytes().replace(REMOTE_LOGO.encode(), EMPTY_SVG.encode())

    async def redoc_bundle(request: Request) -> Response:
        return Response(script, media_type="text/javascript; charset=utf-8")

    # ahead of the /docs-assets mount, which would serve the file as shipped
    app.router.routes.insert(0, Route(REDOC_ASSET, redoc_bundle, methods=["GET"]))


def install_security(app: FastAPI) -> None:
    """Add the headers as the outermost middleware, so 404, 413 and 422 answers get them too."""
    docs = [*DOCS_PATHS, app.swagger_ui_oauth2_redirect_url or "/docs/oauth2-redirect"]
    app.add_middleware(SecurityHeaders, docs_paths=docs)
