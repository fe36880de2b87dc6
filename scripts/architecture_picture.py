"""Draw docs/architecture.svg from the code's own imports: the server's rooms and the page's, as boxes on
floors, with an arrow for each room that imports another.

    python scripts/architecture_picture.py            # write docs/architecture.svg
    python scripts/architecture_picture.py --check    # exit 1 if docs/architecture.svg is not what the code draws

A room stands above every room it imports, so every arrow runs down. Standard library only.
tests/test_architecture_picture.py fails when the committed picture differs from what this draws.
"""

from __future__ import annotations

import ast
import posixpath
import re
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PICTURE = ROOT / "docs" / "architecture.svg"
SHELL = "app/*.py"
SETTINGS = "app/config.py"
PY_SAYS = {
    SHELL: "the app, its pages and bundles",
    SETTINGS: "settings and resource paths",
    "app/engine/": "the maths, NumPy only",
    "app/schemas/": "the public JSON contract",
    "app/serving/": "admission, prices, limits, errors",
    "app/service/": "the work a request asks for",
    "app/export/": "files: standalone, NumPy, slides",
    "app/lessons/": "the guided lessons' texts",
    "backprop_lens/": "the Python package",
    "app/api/": "routers only",
}
JS_SAYS = {
    "entries": "main.js, embed.js, handout.js",
    "views/": "the stage's views",
    "panels/": "what sits around the stage",
    "drawing/": "drawings on screen, motion",
    "widgets/": "shared DOM pieces",
    "stepping/": "stepper, player, caption",
    "server/": "every request to the server",
    "markup/": "drawings as SVG strings (pure)",
    "state/": "page state, store, links (pure)",
    "maths/": "layouts, scales, matrices (pure)",
    "trace/": "the steps script (pure)",
    "notation/": "numbers, formulas (pure)",
}
JS_IMPORT = re.compile(r"""^\s*import\b[^'"]*?from\s*['"]([^'"]+)['"]""", re.MULTILINE | re.DOTALL)
BOX_W, BOX_H, GAP_X, FLOOR_H, TOP = 196, 50, 22, 84, 96


def py_room(parts: tuple[str, ...]) -> str | None:
    """The room of a module named by its dotted parts (`app.engine.trace` → app/engine/)."""
    if parts[0] == "backprop_lens":
        return "backprop_lens/"
    if parts[0] != "app":
        return None
    if len(parts) > 1 and (ROOT / "app" / parts[1]).is_dir():
        return f"app/{parts[1]}/"
    return SETTINGS if len(parts) == 1 or parts[1] in ("config", "resources", "__init__") else SHELL


def py_imports(path: Path) -> list[tuple[str, ...]]:
    """The dotted name of every module `path` imports, relative imports resolved against its package."""
    package = path.parent.relative_to(ROOT).parts
    names: list[tuple[str, ...]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [tuple(alias.name.split(".")) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = () if node.level == 0 else package[: len(package) - node.level + 1]
            module = (*base, *(node.module.split(".") if node.module else ()))
            names += [module] if node.module else [(*base, alias.name) for alias in node.names]
    return names


def py_rooms() -> tuple[dict[str, int], set[tuple[str, str]]]:
    counts: dict[str, int] = {}
    arrows: set[tuple[str, str]] = set()
    for path in sorted([*ROOT.glob("app/**/*.py"), *ROOT.glob("backprop_lens/**/*.py")]):
        room = py_room(path.relative_to(ROOT).with_suffix("").parts)
        assert room is not None
        counts[room] = counts.get(room, 0) + 1
        for name in py_imports(path):
            target = py_room(name)
            if target and target != room:
                arrows.add((room, target))
    return counts, arrows


def js_rooms() -> tuple[dict[str, int], set[tuple[str, str]]]:
    js = ROOT / "static" / "js"
    counts: dict[str, int] = {}
    arrows: set[tuple[str, str]] = set()

    def room(module: str) -> str:
        return module.split("/")[0] + "/" if "/" in module else "entries"

    for path in sorted(js.rglob("*.js")):
        module = path.relative_to(js).as_posix()
        counts[room(module)] = counts.get(room(module), 0) + 1
        for spec in JS_IMPORT.findall(path.read_text(encoding="utf-8")):
            target = room(posixpath.normpath(posixpath.join(posixpath.dirname(module), spec)))
            if target != room(module):
                arrows.add((room(module), target))
    return counts, arrows


def floors(rooms: list[str], arrows: set[tuple[str, str]]) -> dict[str, int]:
    """Each room's floor: one above the highest room it imports (0 for a room that imports none); a loop stops the drawing."""
    floor: dict[str, int] = {}

    def visit(room: str, path: tuple[str, ...]) -> int:
        if room in path:
            raise SystemExit(f"rooms import each other in a loop: {' -> '.join((*path, room))}")
        if room not in floor:
            below = [visit(b, (*path, room)) for a, b in sorted(arrows) if a == room]
            floor[room] = 1 + max(below) if below else 0
        return floor[room]

    for room in rooms:
        visit(room, ())
    return floor


def side(title: str, x0: float, counts: dict[str, int], arrows: set[tuple[str, str]], says: dict[str, str], height: int) -> tuple[list[str], dict]:
    """The SVG elements of one side: its title, its arrows, then its boxes over them; and where each box stands."""
    level = floors(sorted(counts), arrows)
    top = max(level.values())
    rows: dict[int, list[str]] = {}
    for room in sorted(counts, key=lambda r: (level[r], list(says).index(r) if r in says else 99, r)):
        rows.setdefault(level[room], []).append(room)
    width = max(len(r) for r in rows.values()) * (BOX_W + GAP_X) - GAP_X
    place = {}
    for lev, row in rows.items():
        span = len(row) * (BOX_W + GAP_X) - GAP_X
        for i, room in enumerate(row):
            place[room] = (x0 + (width - span) / 2 + i * (BOX_W + GAP_X), TOP + (top - lev) * FLOOR_H + (height - (top + 1) * FLOOR_H) / 2)
    out = [f'<text class="side" x="{x0 + width / 2:.0f}" y="58">{escape(title)}</text>']
    for a, b in sorted(arrows):
        (ax, ay), (bx, by) = place[a], place[b]
        x1, y1, x2, y2 = ax + BOX_W / 2, ay + BOX_H, bx + BOX_W / 2, by
        bend = min(FLOOR_H - BOX_H, (y2 - y1) / 2) + 6
        out.append(f'<path class="arrow" d="M{x1:.1f},{y1:.1f} C{x1:.1f},{y1 + bend:.1f} {x2:.1f},{y2 - bend:.1f} {x2:.1f},{y2 - 1:.1f}"/>')
    for room, (x, y) in sorted(place.items()):
        n = counts[room]
        out.append(
            f'<g class="room"><rect x="{x:.1f}" y="{y:.1f}" width="{BOX_W}" height="{BOX_H}" rx="6"/>'
            f'<text class="name" x="{x + 10:.1f}" y="{y + 20:.1f}">{escape(room)}</text>'
            f'<text class="count" x="{x + BOX_W - 10:.1f}" y="{y + 20:.1f}">{n} module{"s" if n != 1 else ""}</text>'
            f'<text class="says" x="{x + 10:.1f}" y="{y + 39:.1f}">{escape(says.get(room, ""))}</text></g>'
        )
    return out, {"width": width, "place": place}


def draw() -> str:
    """The picture, as SVG text, from today's code."""
    py_counts, py_arrows = py_rooms()
    js_counts, js_arrows = js_rooms()
    levels = max(max(floors(sorted(c), a).values()) for c, a in ((py_counts, py_arrows), (js_counts, js_arrows))) + 1
    height = levels * FLOOR_H
    left, lmeta = side("The server: app/ and backprop_lens/ (Python)", 24, py_counts, py_arrows, PY_SAYS, height)
    x_right = 24 + lmeta["width"] + 140
    right, rmeta = side("The page: static/js/ (ES modules)", x_right, js_counts, js_arrows, JS_SAYS, height)
    total_w = x_right + rmeta["width"] + 24
    total_h = TOP + height + 40
    api, client = lmeta["place"].get("app/api/"), rmeta["place"].get("server/")
    wire = []
    if api and client:
        x1, y1 = client[0], client[1] + BOX_H / 2
        x2, y2 = api[0] + BOX_W, api[1] + BOX_H / 2
        wire = [
            f'<path class="wire" d="M{x1:.1f},{y1:.1f} C{x1 - 60:.1f},{y1:.1f} {x2 + 60:.1f},{y2:.1f} {x2 + 2:.1f},{y2:.1f}"/>',
            f'<text class="wire-label" x="{(x1 + x2) / 2:.0f}" y="{min(y1, y2) - 10:.0f}">JSON over HTTP</text>',
        ]
    style = """
  .title { font: 600 20px sans-serif; fill: #1d2733; }
  .note { font: 13px sans-serif; fill: #4a5563; }
  .side { font: 600 15px sans-serif; fill: #1d2733; text-anchor: middle; }
  .room rect { fill: #eef3f8; stroke: #51657a; stroke-width: 1.2; }
  .name { font: 600 14px monospace; fill: #13202d; }
  .count { font: 11px sans-serif; fill: #4a5563; text-anchor: end; }
  .says { font: 12px sans-serif; fill: #2f3b48; }
  .arrow { fill: none; stroke: #7b8a99; stroke-opacity: 0.75; stroke-width: 1.1; marker-end: url(#head); }
  .wire { fill: none; stroke: #b0562b; stroke-width: 1.6; stroke-dasharray: 6 4; marker-end: url(#wirehead); }
  .wire-label { font: italic 12px sans-serif; fill: #b0562b; text-anchor: middle; }
"""
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w:.0f}" height="{total_h:.0f}" viewBox="0 0 {total_w:.0f} {total_h:.0f}"'
            ' role="img" aria-label="The rooms of Backprop Lens and the imports between them">',
            f"<style>{style}</style>",
            '<defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
            '<path d="M0,0 L10,5 L0,10 z" fill="#7b8a99"/></marker>'
            '<marker id="wirehead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
            '<path d="M0,0 L10,5 L0,10 z" fill="#b0562b"/></marker></defs>',
            f'<rect width="{total_w:.0f}" height="{total_h:.0f}" fill="#ffffff"/>',
            '<text class="title" x="24" y="30">Backprop Lens: rooms and the imports between them</text>',
            f'<text class="note" x="24" y="{total_h - 16:.0f}">An arrow A → B: a module of A imports one of B; '
            "every room stands above what it imports. Drawn by scripts/architecture_picture.py from the code.</text>",
            *wire,
            *left,
            *right,
            "</svg>",
            "",
        ]
    )


def main() -> int:
    picture = draw()
    if "--check" in sys.argv[1:]:
        same = PICTURE.is_file() and PICTURE.read_text(encoding="utf-8") == picture
        print("docs/architecture.svg is what the code draws" if same else "stale: run python scripts/architecture_picture.py")
        return 0 if same else 1
    PICTURE.write_text(picture, encoding="utf-8")
    print(f"wrote {PICTURE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
