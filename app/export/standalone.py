"""The standalone file: /embed as ONE .html that opens from disk with no server and no network.

It is templates/embed.html rendered with the stylesheets inlined in a <style>, the page's ES
modules bundled into one inline module script (bundle.py), and the scenario's /api/step answer in
<script type="application/json" id="bl-trace" data-state="<the URL state>">, which embed.js reads
instead of asking the API. The same template serves the live /embed, so the two look and step alike.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl

from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.engine.presets import PRESETS
from app.export.bundle import EMBED_STYLESHEETS, bundle_modules
from app.resources import STATIC_DIR, TEMPLATES_DIR

EMBED_ENTRY = "embed.js"
THEMES = ("light", "dark", "projector")
TRACE_ID = "bl-trace"

_env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(["html"]))


def _first(query: str, key: str) -> str | None:
    return next((v for k, v in parse_qsl(query, keep_blank_values=True) if k == key), None)


def preset_name(query: str) -> str:
    """The preset a URL query names (the page's default, mazur, when it names none)."""
    name = _first(query, "preset") or "mazur"
    return name if re.fullmatch(r"[A-Za-z0-9_-]{1,40}", name) else "mazur"


def embed_context(query: str) -> dict[str, str]:
    """What the embed template needs from the URL before any script runs: the title and the theme."""
    preset = PRESETS.get(preset_name(query))
    theme = _first(query, "theme")
    return {
        "title": f"Backprop Lens: {preset.title}" if preset else "Backprop Lens",
        "theme": theme if theme in THEMES else "light",
    }


def standalone_filename(query: str) -> str:
    """backprop-lens-<preset>.html"""
    return f"backprop-lens-{preset_name(query)}.html"


def _script_safe(text: str, what: str) -> str:
    # Inside <script>/<style> only "</script" ("</style") ends the element early: escape or refuse it.
    if "<!--" in text:
        raise ValueError(f"{what} contains '<!--', which would change how the HTML parser reads the script")
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)


def json_for_script(data: bytes) -> str:
    """JSON text safe inside <script type="application/json">: <, > and & as \\u escapes (still JSON)."""
    return data.decode("utf-8").replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def standalone_html(trace_json: bytes, query: str, static_dir: Path = STATIC_DIR) -> str:
    """The whole standalone page for a trace (the /api/step answer's bytes) and the page state `query`.

    The state's step, sample, selection and display options (theme, numbers, formulas, focus,
    autoplay, speed) are read by embed.js from data-state; the scenario keys travel along unused.
    """
    styles = "\n".join(
        f"/* static/{name} */\n" + (static_dir / name).read_text(encoding="utf-8") for name in EMBED_STYLESHEETS)
    script = bundle_modules(static_dir / "js", EMBED_ENTRY)
    return _env.get_template("embed.html").render(
        standalone=True,
        styles=_script_safe(styles, "a stylesheet"),
        script=_script_safe(script, "the bundled script"),
        trace_json=json_for_script(trace_json),
        trace_id=TRACE_ID,
        state=query,
        **embed_context(query),
    )
