"""One script from the page's ES modules, for a file that must run from disk with no server.

A page opened from file:// cannot load `./x.js` modules (each would be a cross-origin fetch), so
`bundle_modules` inlines them: every module of static/js that the entry needs, in dependency
order, each wrapped in its own function scope that returns its exports, with each
`import { a, b as c } from '../state/x.js'` rewritten to `const { a, b: c } = <x's exports>;`.
A module is named by its path under static/js (`state/state.js`); an import's relative path is
resolved from the importing module's folder and must stay inside static/js.

The modules keep to a small subset of module syntax (STYLE.md: named exports, explicit `.js`
paths): `import { … } from './x.js'` (or `'../folder/x.js'`) and
`export function|async function|const|let|class name`.
Anything else (default exports, `export { … }`, namespace or dynamic imports, import.meta) raises
BundleError, so a new module that breaks the rule fails the export's tests instead of the file.
Each module goes in without its comments and indentation (app/export/minify.py) where its parser
is installed (a checkout, the test extra, the package build); a server installed from the wheel
serves bundles built with the package (app/assets.py) and, for a standalone file, the modules as
written. This module imports nothing of the package, so the build hook (hatch_build.py) loads it
from its file.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

IMPORT = re.compile(r"^import\s*\{([^}]*)\}\s*from\s*'(\.\.?/[A-Za-z0-9_/.-]+\.js)'\s*;?[ \t]*$", re.MULTILINE)
EXPORT = re.compile(r"^export\s+((?:async\s+)?function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)", re.MULTILINE)
UNSUPPORTED = [
    (re.compile(r"^\s*export\s+default\b", re.MULTILINE), "a default export"),
    (re.compile(r"^\s*export\s*[{*]", re.MULTILINE), "an export list"),
    (re.compile(r"^\s*import\b(?!\s*\{[^}]*\}\s*from\s*'\.\.?/)", re.MULTILINE),
     "an import that is not `import { … } from './x.js'`"),
    (re.compile(r"\bimport\s*\("), "a dynamic import()"),
    (re.compile(r"\bimport\.meta\b"), "import.meta"),
]


class BundleError(ValueError):
    """A module uses syntax the bundler does not rewrite."""


def _binding(spec: str) -> str:
    # "a" → "a"; "a as b" → "a: b"
    parts = spec.split()
    if len(parts) == 3 and parts[1] == "as":
        return f"{parts[0]}: {parts[2]}"
    if len(parts) == 1:
        return parts[0]
    raise BundleError(f"cannot read the import binding {spec!r}")


def _scope_name(module: str) -> str:
    return "__bl_" + re.sub(r"\W", "_", module.removesuffix(".js"))


def _resolve(module: str, path: str) -> str:
    """The name under static/js of `path` as imported by `module` (`../state/x.js` from `views/y.js` → `state/x.js`)."""
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(module), path))
    if resolved.startswith("../") or resolved.startswith("/"):
        raise BundleError(f"{module} imports {path}, outside the modules' folder")
    return resolved


def _rewrite(module: str, source: str) -> tuple[str, list[str]]:
    """The module's body as a function scope, and the modules it imports."""
    for pattern, what in UNSUPPORTED:
        if pattern.search(source):
            raise BundleError(f"{module} uses {what}")
    deps: list[str] = []

    def replace_import(match: re.Match[str]) -> str:
        names = [n.strip() for n in match.group(1).split(",") if n.strip()]
        dep = _resolve(module, match.group(2))
        deps.append(dep)
        return f"const {{ {', '.join(_binding(n) for n in names)} }} = {_scope_name(dep)};"

    body = IMPORT.sub(replace_import, source)
    exported = [m.group(2) for m in EXPORT.finditer(body)]
    body = EXPORT.sub(lambda m: f"{m.group(1)} {m.group(2)}", body)
    if re.search(r"^\s*export\b", body, re.MULTILINE):
        raise BundleError(f"{module} has an export the bundler does not rewrite")
    scope = (f"// ---- static/js/{module} ----\nconst {_scope_name(module)} = (() => {{\n{body.rstrip()}\n"
             f"return Object.freeze({{ {', '.join(exported)} }});\n}})();\n")
    return scope, deps


Strip = Callable[[str], str]


def installed_stripper() -> Strip | None:
    """minify.strip_javascript when its parser is installed; None in an install without it."""
    try:
        from app.export.minify import strip_javascript
    except ImportError:
        return None
    return strip_javascript


def _as_written(source: str) -> str:
    return source


# Where a wheel carries the bundles of its own static/js (hatch_build.py); a checkout has none.
_PACKAGE = Path(__file__).resolve().parents[1]


def _prebuilt_script(js_dir: Path, entry: str) -> str | None:
    """The wheel's bundle of `entry` when `js_dir` is the package's own modules, else None."""
    manifest = _PACKAGE / "_bundles" / MANIFEST
    if js_dir.absolute() != _PACKAGE / "static" / "js" or not manifest.is_file():
        return None
    import json

    page = next((p for p in json.loads(manifest.read_text(encoding="utf-8"))["pages"] if p["entry"] == entry), None)
    return None if page is None else (manifest.parent / page["js"]).read_text(encoding="utf-8")


def _stripped(path: Path, strip: Strip) -> str:
    stat = path.stat()
    return _stripped_source(str(path), stat.st_mtime_ns, stat.st_size, strip)


@lru_cache(maxsize=512)
def _stripped_source(path: str, mtime_ns: int, size: int, strip: Strip) -> str:
    """A module's text without comments, parsed once per version of the file (mtime and size)."""
    return strip(Path(path).read_text(encoding="utf-8"))


def bundle_modules(js_dir: Path, entry: str, strip: Strip | None = None) -> str:
    """One script (to run as a module) holding `entry` and every module it imports under `js_dir`.

    Each module runs once, after the modules it imports, as in the browser's module graph. `strip`
    takes out a module's comments (by default minify.strip_javascript, or nothing without its parser).
    Raises BundleError for an import cycle, a missing module or unsupported syntax.
    """
    if strip is None and installed_stripper() is None and (prebuilt := _prebuilt_script(js_dir, entry)) is not None:
        return prebuilt  # an installed server: the bundle its wheel carries, minified when the package was built
    strip = strip or installed_stripper() or _as_written
    ordered: list[str] = []
    scopes: dict[str, str] = {}
    visiting: set[str] = set()

    def visit(module: str) -> None:
        if module in scopes:
            return
        if module in visiting:
            raise BundleError(f"import cycle through {module}")
        path = js_dir / module
        if not path.is_file():
            raise BundleError(f"no module {module} in {js_dir}")
        visiting.add(module)
        scope, deps = _rewrite(module, _stripped(path, strip))
        for dep in deps:
            visit(dep)
        visiting.discard(module)
        scopes[module] = scope
        ordered.append(module)

    visit(entry)
    return "\n".join(scopes[m] for m in ordered)


# ---- the pages' bundles: built with the package (hatch_build.py) or, in a checkout, when a worker starts ----

# What the standalone file inlines, in order: the network, its caption and controls. /embed links these and its
# other views' sheets; /handout the drawing's and its own. The page at / links its own in templates/index.html.
EMBED_STYLESHEETS = ("css/theme.css", "css/app.css", "css/network.css", "css/graph.css", "css/embed.css", "css/embed-graph.css",
                     "css/deck.css", "css/predict.css")
EMBED_PAGE_STYLESHEETS = (*EMBED_STYLESHEETS, "css/pictures.css", "css/inspector.css", "css/train.css", "css/maths.css",
                          "css/embed-views.css")
HANDOUT_STYLESHEETS = (*EMBED_STYLESHEETS[:4], "css/handout.css")
# A template's stylesheet link, under any root path (`{{ root }}/static/css/x.css` in a template).
STYLESHEET = re.compile(r'[ \t]*<link rel="stylesheet" href="[^"<>]*?/static/(css/[\w./-]+\.css)">[ \t]*\n?')
MANIFEST = "manifest.json"


def page_stylesheets(templates_dir: Path) -> dict[str, tuple[str, ...]]:
    """Each page entry's stylesheets, in the order the page links them."""
    index = tuple(STYLESHEET.findall((templates_dir / "index.html").read_text(encoding="utf-8")))
    return {"main.js": index, "embed.js": EMBED_PAGE_STYLESHEETS, "handout.js": HANDOUT_STYLESHEETS}


def stylesheet_bundle(static_dir: Path, stylesheets: tuple[str, ...], strip: Strip = _as_written) -> str:
    """The stylesheets, each through `strip` (minify.strip_stylesheet), joined in the order the page links them."""
    return "\n".join(f"/* static/{name} */\n" + strip((static_dir / name).read_text(encoding="utf-8")) for name in stylesheets)


def write_layout(out_dir: Path, pages: list[dict], bundles: dict[str, tuple[bytes, dict[str, bytes]]]) -> list[Path]:
    """`bundles` ({name: (body, {encoding: bytes})}) into `out_dir` in the wheel's layout: each as `name` and one file
    per encoding (`<name>.<encoding>`), then MANIFEST naming them: {"pages": [{"entry", "stylesheets", "js", "css"}],
    "bundles": {name: [encodings]}}. The wheel's build writes it (write_prebuilt), and so does a checkout's cache of
    what its workers built (app/bundle_cache.py). Returns every file written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, (body, encoded) in bundles.items():
        written.append(out_dir / name)
        written[-1].write_bytes(body)
        for encoding, data in encoded.items():
            written.append(out_dir / f"{name}.{encoding}")
            written[-1].write_bytes(data)
    written.append(out_dir / MANIFEST)
    manifest = {"pages": pages, "bundles": {name: list(encoded) for name, (_, encoded) in bundles.items()}}
    written[-1].write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return written


def write_prebuilt(out_dir: Path, static_dir: Path, templates_dir: Path, strip_js: Strip, strip_css: Strip,
                   compressors: dict[str, Callable[[bytes], bytes]]) -> list[Path]:
    """Every page's two bundles into `out_dir`, each as `<stem>.<hash>.<ext>` with one file per encoding, in the
    wheel's layout (write_layout). Returns every file written."""
    bundles: dict[str, tuple[bytes, dict[str, bytes]]] = {}

    def add(stem: str, ext: str, body: bytes) -> str:
        name = f"{stem}.{hashlib.sha256(body).hexdigest()[:12]}.{ext}"
        if name not in bundles:
            bundles[name] = (body, {encoding: compress(body) for encoding, compress in compressors.items()})
        return name

    pages = []
    for entry, sheets in page_stylesheets(templates_dir).items():
        stem = entry.removesuffix(".js")
        js = add(stem, "js", bundle_modules(static_dir / "js", entry, strip_js).encode())
        css = add(stem, "css", stylesheet_bundle(static_dir, sheets, strip_css).encode())
        pages.append({"entry": entry, "stylesheets": list(sheets), "js": js, "css": css})
    return write_layout(out_dir, pages, bundles)
