"""Answers above a kilobyte come compressed in the best encoding the client accepts."""

from __future__ import annotations

import gzip

import brotli
import pytest
import zstandard
from fastapi.testclient import TestClient
from starlette_compress import CompressMiddleware

from app.security import SecurityHeaders

DECODE = {"gzip": gzip.decompress, "br": brotli.decompress, "zstd": lambda b: zstandard.ZstdDecompressor().decompressobj().decompress(b)}


def raw(client: TestClient, method: str, path: str, accept: str, **kwargs) -> tuple[dict, bytes]:
    """Headers and the body exactly as sent, not decoded by the client."""
    with client.stream(method, path, headers={"accept-encoding": accept}, **kwargs) as r:
        assert r.status_code == 200
        return dict(r.headers), b"".join(r.iter_raw())


@pytest.mark.parametrize(("accept", "chosen"), [("gzip", "gzip"), ("gzip, br", "br"), ("gzip, br, zstd", "zstd"),
                                                 ("br;q=0, gzip", "gzip")])
@pytest.mark.parametrize(("method", "path"), [("GET", "/"), ("GET", "/api/presets/iris"), ("GET", "/static/css/app.css"),
                                              ("GET", "/static/js/main.js"), ("POST", "/api/step")])
def test_html_json_css_and_js_come_compressed_and_decode_to_the_plain_answer(
        client: TestClient, mazur: dict, accept: str, chosen: str, method: str, path: str) -> None:
    body = {"json": mazur} if method == "POST" else {}
    plain_headers, plain = raw(client, method, path, "identity", **body)
    headers, packed = raw(client, method, path, accept, **body)
    assert "content-encoding" not in plain_headers
    assert headers["content-encoding"] == chosen
    assert "accept-encoding" in headers["vary"].lower()
    assert len(packed) < len(plain)
    assert DECODE[chosen](packed) == plain


def test_a_small_answer_is_sent_as_it_is(client: TestClient) -> None:
    headers, body = raw(client, "GET", "/healthz", "gzip, br, zstd")
    assert "content-encoding" not in headers
    assert body == b'{"status":"ok"}'


def test_compression_runs_outside_the_security_headers(client: TestClient) -> None:
    # The security headers hash the docs pages' inline scripts from the HTML, so they must see it
    # before it is compressed (the docs pages are below MIN_BYTES today, so order it explicitly).
    outermost = client.app.user_middleware[0].cls  # type: ignore[attr-defined]
    assert outermost is CompressMiddleware
    assert SecurityHeaders in [m.cls for m in client.app.user_middleware[1:]]  # type: ignore[attr-defined]
