"""The page's scripts and styles served as one script and one stylesheet per page, cached for good.

The templates link the readable sources ({{ root }}/static/css/*.css, /static/js/<entry>.js), which
stay servable and testable one by one. When a page is rendered, `page_response` swaps those links
for two bundles built from the same sources: the entry module with every module it imports
(app/export/bundle.py, the standalone file's bundler) and the linked stylesheets joined in
order, both without comments or indentation (app/export/minify.py). A bundle is named by the
hash of its content (`main.3f9c2a1b7d0e.js`), so it is served with `Cache-Control: public,
max-age=31536000, immutable`; the HTML is served `no-cache` with an ETag, so a second visit
asks only whether the page changed (304) and reuses the bundles.

Every worker and every replica of one version serves the same bundles from its first request:
- an installed server reads the bundles its wheel carries (app/_bundles/, built, minified and
  compressed by hatch_build.py when the package was built), and needs no parser to run;
- a checkout (or an editable install) builds them from its sources when a worker starts, before it
  accepts a connection (`build_page_bundles`, from the app's lifespan); every worker builds the
  same bytes, hence the same names. A page looks at the sources' mtimes at most once a second, so
  a developer's edit gives new bundles without a build step, and a worker asked for a bundle it
  does not know looks at its sources again before it answers 404. Its bundles are compressed once,
  in a background thread; until a variant is ready, the plain bundle goes out through the
  compression middleware (app/compression.py). Once they are, the worker keeps them on disk
  (app/bundle_cache.py), and a worker started later from the same sources reads them instead.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
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

from app import bundle_cache
from app.export.bundle import MANIFEST, STYLESHEET, Strip, bundle_modules, page_stylesheets, stylesheet_bundle
from app.resources import STATIC_DIR, TEMPLATES_DIR

# The bundles a wheel carries (hatch_build.py); a checkout has none, and keeps the ones it builds in its own folder.
PREBUILT_DIR = Path(__file__).resolve().parent / "_bundles"
CHECKOUT_CACHE = STATIC_DIR.parent / ".bundle-cache"

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

MODULE_SCRIPT = re.compile(r'<script type="module" src="[^"<>]*?/static/js/([\w-]+\.js)"></script>')
MEDIA_TYPES = {"js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8"}

router = APIRouter(include_in_schema=False)


@dataclass
class Bundle:
    name: str  # <stem>.<hash>.<ext>
    media_type: str
    body: bytes
    encoded: dict[str, bytes] = field(default_factory=dict)  # filled by the background thread
    ready: threading.Event = field(default_factory=threading.Event)  # set once every encoding is in `encoded`

    def compress(self) -> None:
        for encoding in ("zstd", "gzip", "br"):  # quickest first
            self.encoded[encoding] = _COMPRESS[encoding](self.body)
        self.ready.set()


@dataclass
class _Built:
    signature: tuple
    checked: float  # time.monotonic() of the last look at the sources
    js: Bundle
    css: Bundle


def _css_stripper() -> Strip:
    try:
        from app.export.minify import strip_stylesheet
    except ImportError:  # an install without the parser builds from sources only when its bundles are missing
        return lambda source: source
    return strip_stylesheet


class Assets:
    """Every bundle of this process, by name (the wheel's, or built here), and the current pair for each page."""

    def __init__(self, static_dir: Path = STATIC_DIR, recheck_seconds: float = RECHECK_SECONDS, prebuilt: Path | None = None,
                 cache: Path | None = None) -> None:
        self.static_dir, self.recheck_seconds = static_dir, recheck_seconds
        self.by_name: dict[str, Bundle] = {}
        self._pages: dict[tuple[str, tuple[str, ...]], _Built] = {}
        self._lock = threading.Lock()
        self.prebuilt = prebuilt is not None and (prebuilt / MANIFEST).is_file()
        self.cache = None if self.prebuilt else cache  # where a checkout keeps what it built (app/bundle_cache.py)
        if self.prebuilt:
            assert prebuilt is not None
            self._load(prebuilt, json.loads((prebuilt / MANIFEST).read_text(encoding="utf-8")), {})

    def _load(self, folder: Path, manifest: dict, signatures: dict[tuple[str, tuple[str, ...]], tuple]) -> None:
        """The bundles of a wheel (never looked at again: checked = ∞) or of the checkout's cache (each page with
        its sources' `signatures`, looked at again as a page built here is)."""
        for name, encodings in manifest["bundles"].items():
            encoded = {e: (folder / f"{name}.{e}").read_bytes() for e in encodings}
            self.by_name[name] = bundle = Bundle(name, MEDIA_TYPES[name.rsplit(".", 1)[1]], (folder / name).read_bytes(), encoded)
            bundle.ready.set()
        for page in manifest["pages"]:
            key = (page["entry"], tuple(page["stylesheets"]))
            checked = time.monotonic() if key in signatures else math.inf
            self._pages[key] = _Built(signatures.get(key, ()), checked, self.by_name[page["js"]], self.by_name[page["css"]])

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
                js = self._add(stem, "js", MEDIA_TYPES["js"], bundle_modules(self.static_dir / "js", entry).encode())
                css = self._add(stem, "css", MEDIA_TYPES["css"], stylesheet_bundle(self.static_dir, stylesheets, _css_stripper()).encode())
                built = self._pages[key] = _Built(signature, now, js, css)
            built.checked = now
            return built.js, built.css

    def build_pages(self, templates_dir: Path = TEMPLATES_DIR) -> threading.Thread | None:
        """Every page's bundles, now (a wheel's are already here): read from the cache when it holds this checkout's
        sources, else built, and written to the cache once compressed, by the thread returned."""
        pages = page_stylesheets(templates_dir)
        if self.cache is None or self.prebuilt:
            for entry, stylesheets in pages.items():
                self.for_page(entry, stylesheets)
            return None
        signatures = {(entry, sheets): self._signature(sheets) for entry, sheets in pages.items()}  # before the bytes are read
        key = bundle_cache.sources_key(self.static_dir, pages)
        found = bundle_cache.read(self.cache, key)
        try:
            if found is not None:
                with self._lock:
                    self._load(*found, signatures)
                return None
        except (OSError, KeyError):  # an entry another worker removed while this one read it: built here instead
            pass
        for entry, stylesheets in pages.items():
            self.for_page(entry, stylesheets)
        keeping = threading.Thread(target=self._keep, args=(self.cache, key, pages), name="keep bundles", daemon=True)
        keeping.start()
        return keeping

    def _keep(self, cache: Path, key: str, pages: dict[str, tuple[str, ...]]) -> None:
        """Write every page's bundles to the cache as `key`, once each is compressed."""
        with self._lock:
            built = [(entry, sheets, self._pages[(entry, sheets)]) for entry, sheets in pages.items()]
        bundles = {b.name: b for _, _, page in built for b in (page.js, page.css)}
        if all(b.ready.wait(timeout=600) for b in bundles.values()):
            listed = [{"entry": e, "stylesheets": list(s), "js": page.js.name, "css": page.css.name} for e, s, page in built]
            bundle_cache.write(cache, key, listed, {n: (b.body, dict(b.encoded)) for n, b in bundles.items()})

    def find(self, name: str) -> Bundle | None:
        """The bundle `name`; one this process has not built yet (another worker rendered the page after an
        edit of the sources) is looked for again once every page has looked at its sources."""
        found = self.by_name.get(name)
        if found is None and not self.prebuilt:
            with self._lock:
                for built in self._pages.values():
                    built.checked = -math.inf
            for entry, stylesheets in list(self._pages):
                self.for_page(entry, stylesheets)
            found = self.by_name.get(name)
        return found

    def rewrite(self, html: str, root: str = "") -> str:
        """The page's HTML with its stylesheet links and module script replaced by the two bundles, under
        the root path `root` (behind a proxy that strips it). HTML that links no module script (or no
        stylesheet) is returned as it is."""
        script = MODULE_SCRIPT.search(html)
        sheets = STYLESHEET.findall(html)
        if script is None or not sheets:
            return html
        js, css = self.for_page(script.group(1), tuple(sheets))
        first = STYLESHEET.search(html)
        assert first is not None
        indent = first.group(0)[: len(first.group(0)) - len(first.group(0).lstrip())]
        link = f'{indent}<link rel="stylesheet" href="{root}{BUNDLE_PREFIX}{css.name}">\n'
        html = html[: first.start()] + link + STYLESHEET.sub("", html[first.start():])
        return MODULE_SCRIPT.sub(f'<script type="module" src="{root}{BUNDLE_PREFIX}{js.name}"></script>', html, count=1)


def _modules(folder: Path, prefix: str = ""):
    """(name under static/js, mtime, size) of every module in `folder` and its sub-folders."""
    with os.scandir(folder) as entries:
        for e in entries:
            if e.is_dir():
                yield from _modules(Path(e.path), f"{prefix}{e.name}/")
            elif e.name.endswith(".js"):
                stat = e.stat()
                yield f"{prefix}{e.name}", stat.st_mtime_ns, stat.st_size


ASSETS = Assets(prebuilt=PREBUILT_DIR, cache=CHECKOUT_CACHE)


def build_page_bundles() -> None:
    """Every page's bundles before this worker serves (the app's lifespan); nothing to do for a wheel's."""
    ASSETS.build_pages()


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
    found = ASSETS.find(name)
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
    html = ASSETS.rewrite(bytes(rendered.body).decode("utf-8"), request.scope.get("root_path", ""))
    # Weak: the same page may go out in several encodings (app/compression.py).
    etag = 'W/"' + hashlib.sha256(html.encode()).hexdigest()[:20] + '"'
    headers = {"cache-control": "no-cache", "etag": etag}
    if etag[2:] in (tag.strip().removeprefix("W/") for tag in request.headers.get("if-none-match", "").split(",")):
        return Response(status_code=304, headers=headers)
    return HTMLResponse(html, status_code=rendered.status_code, headers=headers)
