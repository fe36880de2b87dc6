"""Security headers on every answer, a script policy with no inline script for our pages, the docs'
one inline script allowed by its hash, /embed and the full page frameable anywhere, and no file read from a client path."""

from __future__ import annotations

import asyncio
import base64
import hashlib
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from starlette.types import ASGIApp, Message

from tests.run_async import run_async

STRICT_FRAMING = {"x-frame-options": "SAMEORIGIN"}


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers["content-security-policy"]
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {d[0]: d[1:] for d in directives}


class Scripts(HTMLParser):
    """Collects inline <script> bodies, external script URLs and inline event handlers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.inline: list[str] = []
        self.external: list[str] = []
        self.handlers: list[str] = []
        self._in_inline = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        if tag == "script":
            src = dict(attrs).get("src")
            if src:
                self.external.append(src)
            elif dict(attrs).get("type") != "application/json":  # a data block (the page's catalogue) is never run
                self._in_inline = True
                self.inline.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_inline = False

    def handle_data(self, data: str) -> None:
        if self._in_inline:
            self.inline[-1] += data


def scripts_of(html: str) -> Scripts:
    parser = Scripts()
    parser.feed(html)
    return parser


def sha256_source(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


ANSWERS = [
    ("GET", "/api/presets", None, 200),
    ("GET", "/static/css/app.css", None, 200),
    ("GET", "/static/js/main.js", None, 200),
    ("GET", "/docs", None, 200),
    ("GET", "/redoc", None, 200),
    ("GET", "/openapi.json", None, 200),
    ("GET", "/no-such-page", None, 404),
    ("GET", "/api/presets/nope", None, 422),
    ("POST", "/api/step", b'{"inputs": []}', 422),
    ("POST", "/api/step", b"{oops", 400),
    ("POST", "/api/step", None, 413),
]


@pytest.mark.parametrize(("method", "path", "body", "status"), ANSWERS)
def test_every_kind_of_answer_carries_the_security_headers(client: TestClient, settings, method: str, path: str,
                                                           body: bytes | None, status: int) -> None:
    if status == 413:
        body = b" " * (settings.max_body_bytes + 1)
    r = client.request(method, path, content=body, headers={"content-type": "application/json"} if body else {})
    assert r.status_code == status, r.text[:200]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] in ("no-referrer", "strict-origin-when-cross-origin")
    assert r.headers["x-frame-options"] == "SAMEORIGIN"
    csp = policy(r)
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]


@pytest.mark.parametrize("path", ["/", "/embed"])
def test_the_pages_run_only_scripts_from_their_own_origin(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    csp = policy(r)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:", "blob:"]
    # ...and the page needs nothing more: no inline script, no inline handler, no script from elsewhere.
    page = scripts_of(r.text)
    assert page.external, "the page loads its modules from /static"
    assert page.inline == [] and page.handlers == []
    assert all(src.startswith("/static/") for src in page.external)


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/docs/oauth2-redirect"])
def test_the_docs_inline_script_is_allowed_by_its_hash_and_nothing_else_inline(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    script_src = policy(r)["script-src"]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    inline = scripts_of(r.text).inline
    if path == "/docs":
        assert len(inline) == 1, "Swagger UI starts from one inline script"
    for script in inline:
        assert sha256_source(script) in script_src
    hashes = [s for s in script_src if s.startswith("'sha256-")]
    assert len(hashes) == len(inline)
    assert r.headers["x-frame-options"] == "SAMEORIGIN"
    assert "data:" in policy(r)["img-src"] and "'unsafe-inline'" in policy(r)["style-src"]


def test_the_docs_hash_follows_the_html_that_is_actually_served(client: TestClient) -> None:
    # Another title or URL changes the script; the hash must follow, not be a constant.
    first = client.get("/docs")
    again = client.get("/docs")
    assert policy(first)["script-src"] == policy(again)["script-src"]
    assert sha256_source(scripts_of(first.text).inline[0]) in policy(again)["script-src"]
    assert sha256_source("alert(1)") not in policy(first)["script-src"]


@pytest.mark.parametrize("path", ["/embed", "/", "/?preset=xor&view=train"])
def test_embed_and_the_full_page_may_be_framed_by_any_page_even_a_deck_opened_from_disk(client: TestClient, path: str) -> None:
    # The full page holds no account and changes nothing on the server: a deck framing it endangers nobody.
    r = client.get(path)
    assert r.status_code == 200
    assert policy(r)["frame-ancestors"] == ["*", "file:"]  # `*` alone matches only http(s) parents
    assert "x-frame-options" not in r.headers
    assert policy(r)["script-src"] == ["'self'"]
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/embed/", "/embedded", "/api/embed", "/index.html", "/api/presets", "/docs", "/redoc"])
def test_only_the_exact_page_paths_are_frameable(client: TestClient, path: str) -> None:
    r = client.get(path, follow_redirects=False)  # /embed/ redirects to /embed: the redirect itself is not frameable
    assert r.headers["x-frame-options"] == "SAMEORIGIN"
    assert policy(r)["frame-ancestors"] == ["'self'"]


def raw_get(app: ASGIApp, raw_path: str) -> tuple[int, bytes]:
    """GET `raw_path` exactly as a server would pass it on: no client-side removal of `..`."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": unquote(raw_path), "raw_path": raw_path.encode(), "root_path": "", "query_string": b"",
        "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 1), "server": ("testserver", 80),
    }
    status, body, requested = 0, b"", False

    async def run() -> None:
        done = asyncio.Event()

        async def receive() -> Message:
            nonlocal requested
            if not requested:
                requested = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await done.wait()  # a file response listens for the client going away
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            nonlocal status, body
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                body += message.get("body", b"")
                if not message.get("more_body", False):
                    done.set()

        await app(scope, receive, send)  # type: ignore[arg-type]

    run_async(run())
    return status, body


TRAVERSALS = [
    "/api/datasets/..%2F..%2Fetc%2Fpasswd",
    "/api/datasets/../../etc/passwd",
    "/api/presets/../../etc/passwd",
    "/api/presets/..%2F..%2Fetc%2Fpasswd",
    "/api/presets/%2e%2e%2f%2e%2e%2fapp%2fconfig.py",
    "/static/../app/config.py",
    "/static/%2e%2e/app/config.py",
    "/static/..%2fapp%2fconfig.py",
    "/static/../../../../../../etc/passwd",
    "/docs-assets/../../../../../../etc/passwd",
    "/docs-assets/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_endpoint_reads_a_file_named_by_the_client(client: TestClient, path: str) -> None:
    status, body = raw_get(client.app, path)
    # refused either as an unknown preset or dataset name (422) or as no such route or file (404)
    assert status in (404, 422), body[:200]
    assert b"root:" not in body and b"BACKPROP_LENS_" not in body and b"BaseSettings" not in body


def test_the_same_raw_requests_do_reach_real_files(client: TestClient) -> None:
    # The control for the test above: a raw path with `..` that stays inside /static is served.
    assert raw_get(client.app, "/static/css/../css/app.css")[0] == 200


def test_a_header_the_route_sets_itself_wins_and_is_sent_once() -> None:
    from starlette.responses import Response

    from app.security import SecurityHeaders

    async def own_policy(scope, receive, send) -> None:
        await Response(b"x", headers={"content-security-policy": "default-src 'none'",
                                      "referrer-policy": "same-origin"})(scope, receive, send)

    answer = TestClient(SecurityHeaders(own_policy)).get("/anything")
    raw = [name.lower() for name, _ in answer.headers.raw]
    assert answer.headers["content-security-policy"] == "default-src 'none'"
    assert answer.headers["referrer-policy"] == "same-origin"
    assert raw.count(b"content-security-policy") == raw.count(b"referrer-policy") == 1
    assert answer.headers["x-content-type-options"] == "nosniff" and answer.headers["x-frame-options"] == "SAMEORIGIN"
