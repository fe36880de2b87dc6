"""One script from the page's ES modules, for a file that must run from disk with no server.

A page opened from file:// cannot load `./x.js` modules (each would be a cross-origin fetch), so
`bundle_modules` inlines them: every module of static/js that the entry needs, in dependency
order, each wrapped in its own function scope that returns its exports, with each
`import { a, b as c } from '../core/x.js'` rewritten to `const { a, b: c } = <x's exports>;`.
A module is named by its path under static/js (`core/state.js`); an import's relative path is
resolved from the importing module's folder and must stay inside static/js.

The modules keep to a small subset of module syntax (STYLE.md: named exports, explicit `.js`
paths): `import { … } from './x.js'` (or `'../folder/x.js'`) and
`export function|async function|const|let|class name`.
Anything else (default exports, `export { … }`, namespace or dynamic imports, import.meta) raises
BundleError, so a new module that breaks the rule fails the export's tests instead of the file.
Each module goes in without its comments and indentation (app/export/minify.py).
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from pathlib import Path

from app.export.minify import strip_javascript

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
    """The name under static/js of `path` as imported by `module` (`../core/x.js` from `views/y.js` → `core/x.js`)."""
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


def _stripped(path: Path) -> str:
    stat = path.stat()
    return _stripped_source(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=512)
def _stripped_source(path: str, mtime_ns: int, size: int) -> str:
    """A module's text without comments, parsed once per version of the file (mtime and size)."""
    return strip_javascript(Path(path).read_text(encoding="utf-8"))


def bundle_modules(js_dir: Path, entry: str) -> str:
    """One script (to run as a module) holding `entry` and every module it imports under `js_dir`.

    Each module runs once, after the modules it imports, as in the browser's module graph.
    Raises BundleError for an import cycle, a missing module or unsupported syntax.
    """
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
        scope, deps = _rewrite(module, _stripped(path))
        for dep in deps:
            visit(dep)
        visiting.discard(module)
        scopes[module] = scope
        ordered.append(module)

    visit(entry)
    return "\n".join(scopes[m] for m in ordered)
