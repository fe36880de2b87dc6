"""What each step shows, from the page's own modules: static/js/markup/step-scene.js (and through it the
caption's formulas.js, the colour scale's scales.js and the number format's format.js) run in an embedded
V8 (mini-racer) on /api/step's answer. The slides never restate a caption, a colour or a number format.
"""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from py_mini_racer import MiniRacer

from app.export.bundle import bundle_modules
from app.resources import STATIC_DIR

ENTRY = "markup/step-scene.js"
_lock = threading.Lock()  # one V8 context serves every request, one call at a time


@lru_cache(maxsize=4)
def _script(js_dir: Path, mtime_ns: int) -> str:
    return bundle_modules(js_dir, ENTRY) + "\nglobalThis.__bl_deck = __bl_markup_step_scene.deckScenes;"


_context: dict[str, Any] = {}


def _engine(js_dir: Path) -> MiniRacer:
    """The V8 context holding the bundled scene module, made again when the module's file changes."""
    key = _script(js_dir, (js_dir / ENTRY).stat().st_mtime_ns)
    if _context.get("key") is not key:
        racer = MiniRacer()
        racer.eval(key)
        old, _context["racer"], _context["key"] = _context.get("racer"), racer, key
        if old is not None:
            old.close()
    return _context["racer"]


def deck_scenes(trace: dict[str, Any], box: dict[str, float], row: int = 0, js_dir: Path = STATIC_DIR / "js") -> dict[str, Any]:
    """{layout, strokes, scenes: [one per step], legend} for a trace (the /api/step answer as a dict), laid out in `box`."""
    with _lock:
        racer = _engine(js_dir)
        text = racer.eval(f"JSON.stringify(__bl_deck({json.dumps(trace)}, {json.dumps(box)}, {int(row)}))")
    return json.loads(str(text))
