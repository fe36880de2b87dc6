"""Compressed answers: zstd, brotli or gzip, whichever the client accepts first in that order.

HTML, JS, CSS and JSON answers of at least MIN_BYTES are compressed on the fly by
starlette-compress (a pure ASGI middleware), which adds `Vary: Accept-Encoding` and leaves alone
an answer that already carries a Content-Encoding, such as the precompressed bundles of
app/assets.py. It must sit outside the security headers, which read the docs pages' HTML.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette_compress import CompressMiddleware

# Below about a kilobyte the framing and the compressor's header eat most of the gain.
MIN_BYTES = 1024


def install_compression(app: FastAPI) -> None:
    """Add the middleware; call it after every other add_middleware, so it runs outermost."""
    # Fast levels: answers are compressed per request (a /api/step answer is tens of kilobytes).
    app.add_middleware(CompressMiddleware, minimum_size=MIN_BYTES, zstd_level=3, brotli_quality=4, gzip_level=5)
