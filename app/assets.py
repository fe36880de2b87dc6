"""The page's scripts and styles served as one script and one stylesheet per page, cached for good.

The templates link the readable sources (/static/css/*.css, /static/js/<entry>.js), which stay
servable and testable one by one. When a page is rendered, `page_response` swaps those links
for two bundles built from the same sources: the entry module with every module it imports
(app/export/bundle.py, the standalone file's bundler) and the linked stylesheets joined in
order, both without comments or indentation (app/export/minify.py). A bundle is named by the
hash of its content (`main.3f9c2a1b7d0e.js`), so it is served with `Cache-Control: public,
max-age=31536000, immutable`; the HTML is served `no-cache` with an ETag, so a second visit
asks only whether the page changed (304) and reuses the bundles.

Bundles are rebuilt when a source file changes (a page looks at the sources' mtimes at most
once a second), so a developer never runs a build step. The modules are parsed when the server
starts, in a thread, and again only when one changes. Each bundle is compressed once, in a
background thread, in brotli, zstd and gzip; until a variant is ready, the plain bundle goes
out through the compression middleware (app/compression.py).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import brotli
import zstandard
from fastapi import APIRouter, Request, Response
from starlette.responses import HTMLResponse

from app.export.bundle import bundle_modules
from app.export.minify import strip_stylesheet
from app.resources import STATIC_DIR

BUNDLE_PREFIX = "/static/bundles/"
# How often a page looks whether its sources changed (a stat of every module costs ~1 ms).
RECHECK_SECONDS = 1.0
IMMUTABLE = "public, max-age=31536000, immutable"
# The order a bundle's encodings are offered in: smallest first.
ENCODINGS = ("br", "zstd", "gzip")
# Brotli's best quality takes about 2 s for the page's script, once per bundle, outside the GIL, and
# makes it 8 % smaller than quality 9; the quick encodings are made first, so they are ready at once.
_COMPRESS = {
    "br": lambda data: brotli.compress(data, quality=11),
    "zstd": lambda data: zstandard.ZstdCompressor(level=12).compress(data),
    "gzip": lambda data: gzip.compress(data, compresslevel=9, mtime=0),
}

STYLESHEET = re.compile(r'[ \t]*<link rel="stylesheet" href="/static/(css/[\w./-]+\.css)">[ \t]*\n?')
MODULE_SCRIPT = re.compile(r'<script type="module" src="/static/js/([\w-]+\.js)"></script>')

router = APIRouter(include_in_schema=False)


@dataclass
class Bundle:
    name: str  # <stem>.<hash>.<ext>
    media_type: str
    body: bytes
    encoded: dict[str, bytes] = field(default_factory=dict)  # filled by the background thread

    def compress(self) -> None:
        for encoding in ("zstd", "gzip", "br"):  # quickest first
            self.encoded[encoding] = _COMPRESS[encoding](self.body)


@dataclass
class _Built:
    signature: tuple
    checked: float  # time.monotonic() of the last look at the sources
    js: Bundle
    css: Bundle


class Assets:
    """Every bundle built in this process, by name, and the current pair for each page."""

    def __init__(self, static_dir: Path = STATIC_DIR, recheck_seconds: float = RECHECK_SECONDS) -> None:
        self.static_dir, self.recheck_seconds = static_dir, recheck_seconds
        self.by_name: dict[str, Bundle] = {}
        self._pages: dict[tuple[str, tuple[str, ...]], _Built] = {}
        self._lock = threading.Lock()

    def _signature(self, stylesheets: tuple[str, ...]) -> tuple:
        # Any change to a module or a linked stylesheet (edit, new file, deletion) changes this.
        js = sorted(_modules(self.static_dir / "js"))
        css = [(s, os.stat(self.static_dir / s).st_mtime_ns) for s in stylesheets]
        return tuple(js), tuple(css)

    def _add(self, stem: str, ext: str, media_type: str, body: bytes) -> Bundle:
        name = f"{stem}.{hashlib.sha256(body).hexdigest()[:12]}.{ext}"
        if name not in self.by_name:
            bundle = Bundle(name, media_type, body)
            self.by_name[name] = bundle
            threading.Thread(target=bundle.compress, name=f"compress {name}", daemon=True).start()
        return self.by_name[name]

    def for_page(self, entry: str, stylesheets: tuple[str, ...]) -> tuple[Bundle, Bundle]:
        """The script bundle of `entry` (e.g. main.js) and the stylesheet bundle of `stylesheets`."""
        key = (entry, stylesheets)
        with self._lock:
            built = self._pages.get(key)
            now = time.monotonic()
            if built is not None and now - built.checked < self.recheck_seconds:
                return built.js, built.css
            signature = self._signature(stylesheets)
            if built is None or built.signature != signature:
                stem = entry.removesuffix(".js")
                js = self._add(stem, "js", "text/javascript; charset=utf-8",
                               bundle_modules(self.static_dir / "js", entry).encode())
                css = self._add(stem, "css", "text/css; charset=utf-8", stylesheet_bundle(self.static_dir, stylesheets).encode())
                built = self._pages[key] = _Built(signature, now, js, css)
            built.checked = now
            return built.js, built.css

    def rewrite(self, html: str) -> str:
        """The page's HTML with its stylesheet links and module script replaced by the two bundles.

        HTML that links no module script (or no stylesheet) is returned as it is.
        """
        script = MODULE_SCRIPT.search(html)
        sheets = STYLESHEET.findall(html)
        if script is None or not sheets:
            return html
        js, css = self.for_page(script.group(1), tuple(sheets))
        first = STYLESHEET.search(html)
        assert first is not None
        indent = first.group(0)[: len(first.group(0)) - len(first.group(0).lstrip())]
        link = f'{indent}<link rel="stylesheet" href="{BUNDLE_PREFIX}{css.name}">\n'
        html = html[: first.start()] + link + STYLESHEET.sub("", html[first.start():])
        return MODULE_SCRIPT.sub(f'<script type="module" src="{BUNDLE_PREFIX}{js.name}"></script>', html, count=1)


def _modules(folder: Path, prefix: str = ""):
    """(name under static/js, mtime, size) of every module in `folder` and its sub-folders."""
    with os.scandir(folder) as entries:
        for e in entries:
            if e.is_dir():
                yield from _modules(Path(e.path), f"{prefix}{e.name}/")
            elif e.name.endswith(".js"):
                stat = e.stat()
                yield f"{prefix}{e.name}", stat.st_mtime_ns, stat.st_size


def stylesheet_bundle(static_dir: Path, stylesheets: tuple[str, ...]) -> str:
    """The stylesheets, without their comments, joined in the order the page links them (the cascade keeps that order)."""
    return "\n".join(f"/* static/{name} */\n" + strip_stylesheet((static_dir / name).read_text(encoding="utf-8"))
                     for name in stylesheets)


ASSETS = Assets()
# The scripts the templates link; their modules are read (and parsed, ~0.4 s) when the server starts.
PAGE_ENTRIES = ("main.js", "embed.js")


def read_modules_in_background() -> threading.Thread:
    """Parse every page module once in a thread, so the first page render does not wait for it."""
    def read() -> None:
        for entry in PAGE_ENTRIES:
            bundle_modules(STATIC_DIR / "js", entry)

    thread = threading.Thread(target=read, name="read page modules", daemon=True)
    thread.start()
    return thread


def accepted(request: Request) -> set[str]:
    """The content codings the request accepts (q > 0)."""
    codings = set()
    for item in request.headers.get("accept-encoding", "").split(","):
        coding, _, params = item.partition(";")
        q = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            if float(q) > 0:
                codings.add(coding.strip().lower())
        except ValueError:
            continue
    return codings


@router.get(BUNDLE_PREFIX + "{name}")
def bundle(name: str, request: Request) -> Response:
    """A bundle by its hashed name, in the smallest ready encoding the client accepts."""
    found = ASSETS.by_name.get(name)
    if found is None:
        return Response("no such bundle", status_code=404, media_type="text/plain")
    headers = {"cache-control": IMMUTABLE, "vary": "Accept-Encoding", "etag": f'"{name}"'}
    if request.headers.get("if-none-match") == headers["etag"]:
        return Response(status_code=304, headers=headers)
    codings = accepted(request)
    for encoding in ENCODINGS:
        body = found.encoded.get(encoding)
        if body is not None and encoding in codings:
            return Response(body, media_type=found.media_type, headers={**headers, "content-encoding": encoding})
    return Response(found.body, media_type=found.media_type, headers=headers)


def page_response(request: Request, rendered: Response) -> Response:
    """A rendered page with bundled assets, `no-cache` and an ETag; 304 when the client has it."""
    html = ASSETS.rewrite(bytes(rendered.body).decode("utf-8"))
    # Weak: the same page may go out in several encodings (app/compression.py).
    etag = 'W/"' + hashlib.sha256(html.encode()).hexdigest()[:20] + '"'
    headers = {"cache-control": "no-cache", "etag": etag}
    if etag[2:] in (tag.strip().removeprefix("W/") for tag in request.headers.get("if-none-match", "").split(",")):
        return Response(status_code=304, headers=headers)
    return HTMLResponse(html, status_code=rendered.status_code, headers=headers)
