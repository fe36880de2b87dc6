"""A real reveal.js 6 deck for the browser tests: the npm package pinned in package-lock.json,
installed with `npm ci` into tests/deck/node_modules when missing (never fetched at run time by
the page), and deck pages written to disk that frame the lens's /embed."""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REVEAL = HERE / "node_modules" / "reveal.js"
# Outside the checkout (npm ci empties node_modules first), one per checkout
LOCK = Path(tempfile.gettempdir()) / f"backprop-lens-npm-ci-{hashlib.sha1(str(HERE).encode()).hexdigest()[:12]}.lock"

DECK_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A lecture on backpropagation</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{reveal}/dist/reset.css">
<link rel="stylesheet" href="{reveal}/dist/reveal.css">
<link rel="stylesheet" href="{reveal}/dist/theme/{deck_theme}.css">
<style>.reveal iframe {{ border: 0; display: block; margin: 0 auto; }} .pair {{ display: flex; gap: 20px; justify-content: center; }}</style>
</head><body>
<div class="reveal"><div class="slides">
{slides}
</div></div>
<script src="{reveal}/dist/reveal.js"></script>
{plugin}
<script>
  // What the deck's window hears from its frames, for the tests to wait on.
  window.lensReports = [];
  addEventListener('message', (e) => window.lensReports.push({{ data: e.data, origin: e.origin,
    frame: [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source)?.id }}));
  Reveal.initialize({{ hash: false, width: 1280, height: 720, margin: 0.02, transition: '{transition}', plugins: {plugins} }})
    .then(() => {{ window.deckReady = true; }});
</script>
</body></html>
"""


def lens_frame(src: str, frame_id: str, width: int = 960, height: int = 540) -> str:
    return (f'<iframe id="{frame_id}" src="{src}" width="{width}" height="{height}" '
            f'title="Backprop Lens" allow="fullscreen"></iframe>')


def ensure_reveal() -> Path:
    """reveal.js's package directory, running `npm ci` here first when node_modules lacks it. Under a lock
    file: two pytest-xdist workers that both find it missing would otherwise run `npm ci` into one folder."""
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes; a worker that waited finds it installed whole
        if not (REVEAL / "dist" / "reveal.js").is_file():
            npm = shutil.which("npm")
            if npm is None:
                raise RuntimeError("npm is needed to install the test deck's reveal.js (tests/deck/package-lock.json)")
            subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    return REVEAL


def write_deck(folder: Path, server: str, slides: list[str], *, plugin: bool = True, deck_theme: str = "white",
               transition: str = "none") -> Path:
    """A deck of `slides` (each a <section>'s inner HTML) written to `folder`/deck.html; with `plugin`,
    it loads the lens's plugin from the server and passes BackpropLens to Reveal.initialize."""
    reveal = ensure_reveal().as_uri()
    tag = f'<script src="{server}/static/deck/reveal-lens.js"></script>' if plugin else ""
    html = DECK_HTML.format(reveal=reveal, deck_theme=deck_theme, transition=transition,
                            slides="\n".join(f"<section>{s}</section>" for s in slides),
                            plugin=tag, plugins="[ BackpropLens ]" if plugin else "[]")
    path = folder / "deck.html"
    path.write_text(html, encoding="utf-8")
    return path
