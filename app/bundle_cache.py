"""A checkout's page bundles kept on disk from one server start to the next (app/assets.py builds them).

A worker started from a checkout bundles, minifies and compresses every page's script and stylesheet
before it serves: about 2 s of CPU, the same bytes in every worker and at every restart. Once a worker
has them all, it writes them here, in the wheel's layout (app/export/bundle.py's MANIFEST and one file
per bundle and encoding), under a name that is the hash of everything they are made from: every module
and stylesheet, which stylesheets each page links, and the bundler's own code. The next worker with
the same sources reads them instead of building; an edit gives another name, so nothing stale is ever
read. The folder is the checkout's own (`.bundle-cache`, ignored by git), never a folder other users
share, so no one else's bytes reach the page. A cache that cannot be read or written is no cache: the
worker builds, as it does without one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from app.export.bundle import MANIFEST, write_layout

# Changing any of these changes what a checkout builds from the same sources.
_BUILDERS = [Path(__file__).resolve().parent / name for name in ("assets.py", "export/bundle.py", "export/minify.py")]
KEEP = 4  # entries kept: the newest few (a developer's recent edits), the older ones removed when one is added


def sources_key(static_dir: Path, pages: dict[str, tuple[str, ...]]) -> str:
    """The hash of what every page's bundles are made from: the builders' code, each page's entry and stylesheets,
    and the bytes of every module under static_dir/js and of every stylesheet linked."""
    digest = hashlib.sha256()
    for path in _BUILDERS:
        digest.update(path.read_bytes())
    digest.update(json.dumps(sorted(pages.items())).encode())
    js = static_dir / "js"
    files = sorted(p.relative_to(static_dir).as_posix() for p in js.rglob("*.js"))
    for name in [*files, *sorted({s for sheets in pages.values() for s in sheets})]:
        digest.update(name.encode() + b"\0" + (static_dir / name).read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def read(cache: Path, key: str) -> tuple[Path, dict] | None:
    """The entry `key` (its folder and manifest) when every file it names is there; None otherwise, and an entry
    that lost a file is removed, so that the worker that builds it again can write it whole."""
    folder = cache / key
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        names = [f"{name}.{e}" for name, encodings in manifest["bundles"].items() for e in encodings] + list(manifest["bundles"])
        whole = all((folder / n).is_file() for n in names)
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        whole = False
    if not whole and folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
    return (folder, manifest) if whole else None


def write(cache: Path, key: str, pages: list[dict], bundles: dict[str, tuple[bytes, dict[str, bytes]]]) -> bool:
    """Write the entry `key` in the wheel's layout (write_layout: the manifest last) into a folder of its own
    that is renamed into place whole (two workers writing the same entry at once: one rename wins, both read the
    same bytes). Removes the oldest entries beyond KEEP. False when the cache cannot be written."""
    folder, draft = cache / key, cache / f".{key}.{os.getpid()}"
    try:
        write_layout(draft, pages, bundles)
        try:
            draft.rename(folder)
        except OSError:  # another worker's rename came first
            shutil.rmtree(draft, ignore_errors=True)
        _prune(cache)
    except OSError:
        shutil.rmtree(draft, ignore_errors=True)
        return False
    return True


def _prune(cache: Path) -> None:
    entries = sorted((p for p in cache.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.stat().st_mtime)
    for old in entries[:-KEEP]:
        shutil.rmtree(old, ignore_errors=True)
