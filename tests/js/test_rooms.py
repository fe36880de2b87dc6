"""The front end's rooms (static/js): each folder one role, at most 12 modules, imports that run one way.

ORDER lists the rooms from the ground up; a module imports only modules of its own room or of rooms below
it, so no import runs up and no two rooms import each other:

notation/  how numbers and the maths are written (text and MathML)               pure
trace/     the API's trace read step by step (steps script, known values)       pure
maths/     geometry and computation for display (layouts, scales, matrices)     pure
state/     the page state, its store, how a change reaches it, its links         pure
markup/    the drawings as SVG and HTML strings                                  pure
server/    every request to the server (the API client and what calls it)
widgets/   DOM pieces the views, panels and entries share
drawing/   the drawings on screen: network, pictures, motion, data plane, matrices
stepping/  stepping through a trace and saying each step
views/     the stage's views       — never another view, never a panel
panels/    what sits around the stage — never a view, never another panel
The entry modules (main.js, embed.js, handout.js) compose and may import anything.

A pure room's modules touch neither the DOM nor the server: no event listener, timer, fetch, document or
window (comments aside), and no import from server/ or a room above it.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parents[2] / "static" / "js"
ORDER = ["notation", "trace", "maths", "state", "markup", "server", "widgets", "drawing", "stepping", "views", "panels"]
PURE = {"notation", "trace", "maths", "state", "markup"}
LEAVES = {"views", "panels"}  # never import a module of their own room, nor each other
ENTRIES = ["embed.js", "handout.js", "main.js"]
MOST_MODULES = 12
# modules that belong together: each pair sits in one room
PAIRS = [
    ("scales.js", "chart-scales.js"),  # a colour or size scale and a chart's axes
    ("layout.js", "graph-layout.js"),  # where the network's and the graph's nodes go
    ("csv.js", "matrix-box.js"),  # samples read from text and written to text
    ("links.js", "deck-snippets.js"),  # the texts a lecturer copies from the Share dialog
    ("picture-place.js", "callout-place.js"),  # where a picture and a call-out stand on the drawing
    ("network-markup.js", "weight-label.js"),  # the network's markup and its weight labels
    ("inspector-cells.js", "inspector-paths.js"),  # the inspector's numbers and its Paths tab
    ("caption.js", "formula-lines.js"),  # the caption and its formula broken on lines
]
IMPORT = re.compile(r"""^\s*import\b[^'"]*?from\s*['"]([^'"]+)['"]""", re.MULTILINE | re.DOTALL)
COMMENT = re.compile(r"/\*.*?\*/|(?<![:'\"\w])//[^\n]*", re.DOTALL)
IMPURE = re.compile(
    r"\b(?:addEventListener|removeEventListener|XMLHttpRequest|sendBeacon|setTimeout|setInterval|requestAnimationFrame"
    r"|globalThis|window|document|navigator|localStorage|sessionStorage)\b|\bfetch\s*\("
    r"|\bhistory\.(?:pushState|replaceState)|\blocation\.(?:href|search|origin|assign|replace|reload)\b|\.on[a-z]+\s*=(?!=)"
    r"|\.(?:querySelector|querySelectorAll|appendChild|append|replaceChildren|getBoundingClientRect|getBBox|animate|focus)\("
)


def room_of(module: str) -> str | None:
    return module.split("/")[0] if "/" in module else None


def allowed(room: str) -> set[str]:
    """The rooms a module of `room` may import: its own and those below it (views and panels: not each other, not their own)."""
    below = set(ORDER[: ORDER.index(room)]) - LEAVES
    return below if room in LEAVES else below | {room}


def modules(js: Path) -> list[str]:
    return sorted(p.relative_to(js).as_posix() for p in js.rglob("*.js"))


def imports(js: Path, module: str) -> list[str]:
    """The modules (paths under `js`) that `module` imports."""
    source = (js / module).read_text(encoding="utf-8")
    return [posixpath.normpath(posixpath.join(posixpath.dirname(module), path)) for path in IMPORT.findall(source)]


def unknown_rooms(js: Path) -> list[str]:
    return [m for m in modules(js) if (room_of(m) not in ORDER if room_of(m) else m not in ENTRIES)]


def crowded_rooms(js: Path) -> list[str]:
    counts: dict[str, int] = {}
    for module in modules(js):
        folder = posixpath.dirname(module)
        if folder:
            counts[folder] = counts.get(folder, 0) + 1
    return [f"{folder}/ holds {n} modules" for folder, n in sorted(counts.items()) if n > MOST_MODULES]


def broken_doors(js: Path) -> list[str]:
    found = []
    for module in modules(js):
        room = room_of(module)
        if room not in ORDER:
            continue
        for dep in imports(js, module):
            if room_of(dep) not in allowed(room):
                found.append(f"{module} imports {dep}")
    return found


def impure_modules(js: Path) -> list[str]:
    found = []
    for module in modules(js):
        if room_of(module) in PURE:
            code = COMMENT.sub("", (js / module).read_text(encoding="utf-8"))
            found += [f"{module}: {m.group(0)}" for m in IMPURE.finditer(code)]
    return found


def pairs_apart(js: Path) -> list[str]:
    where = {posixpath.basename(m): posixpath.dirname(m) for m in modules(js)}
    return [f"{a} in {where.get(a)}/, {b} in {where.get(b)}/" for a, b in PAIRS if where.get(a) is None or where.get(a) != where.get(b)]


def test_every_module_lives_in_a_room_or_is_an_entry() -> None:
    assert unknown_rooms(JS) == []
    assert sorted(p.name for p in JS.glob("*.js")) == ENTRIES


def test_no_room_holds_more_than_twelve_modules() -> None:
    assert crowded_rooms(JS) == []


def test_imports_go_one_way_between_rooms() -> None:
    assert broken_doors(JS) == []


def test_pure_rooms_touch_neither_the_dom_nor_the_server() -> None:
    assert impure_modules(JS) == []


def test_every_pure_room_has_modules() -> None:
    assert {room for room in PURE if not list((JS / room).glob("*.js"))} == set()


def test_pairs_that_belong_together_share_a_room() -> None:
    assert pairs_apart(JS) == []


def tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def import_of(module: str, dep: str) -> str:
    path = posixpath.relpath(dep, posixpath.dirname(module))
    return f"import {{\n  x,\n}} from '{path if path.startswith('.') else './' + path}';\n"


@pytest.mark.parametrize(
    ("module", "dep"),
    [
        ("notation/format.js", "views/table-view.js"),
        ("views/table-view.js", "views/train-view.js"),
        ("panels/share.js", "views/data-view.js"),
        ("views/data-view.js", "panels/share.js"),
        ("maths/matrix.js", "markup/charts.js"),
        ("markup/charts.js", "server/api.js"),
        ("state/store.js", "stepping/stepper.js"),
        ("server/api.js", "widgets/dom.js"),
        ("markup/charts.js", "main.js"),
    ],
)
def test_an_import_through_a_closed_door_is_found(tmp_path: Path, module: str, dep: str) -> None:
    js = tree(tmp_path, {dep: "export const x = 1;\n", module: import_of(module, dep)})
    assert broken_doors(js) == [f"{module} imports {dep}"]


def test_an_open_door_is_not_reported(tmp_path: Path) -> None:
    js = tree(
        tmp_path,
        {
            "notation/format.js": "export const x = 1;\n",
            "markup/charts.js": import_of("markup/charts.js", "notation/format.js"),
            "views/train-view.js": import_of("views/train-view.js", "markup/charts.js"),
        },
    )
    assert broken_doors(js) == []


@pytest.mark.parametrize(
    "line",
    [
        "el.addEventListener('click', f);",
        "const r = await fetch('/api/step');",
        "setTimeout(f, 10);",
        "document.title = 'x';",
        "svg.querySelector('g');",
        "button.onclick = f;",
    ],
)
def test_a_pure_module_that_touches_the_dom_or_the_server_is_found(tmp_path: Path, line: str) -> None:
    js = tree(
        tmp_path,
        {
            "markup/charts.js": f"// charts.js — a chart.\n// document, window, fetch( in a comment are fine\nexport function f() {{\n  {line}\n}}\n",
            "widgets/dom.js": f"export function g() {{\n  {line}\n}}\n",
        },
    )
    assert [found.split(":")[0] for found in impure_modules(js)] == ["markup/charts.js"]


def test_a_crowded_room_a_stray_folder_and_a_pair_apart_are_found(tmp_path: Path) -> None:
    js = tree(tmp_path, {**{f"widgets/w{i}.js": "" for i in range(13)}, "parts/scales.js": "", "maths/chart-scales.js": "", "main.js": ""})
    assert crowded_rooms(js) == ["widgets/ holds 13 modules"]
    assert unknown_rooms(js) == ["parts/scales.js"]
    assert "scales.js in parts/, chart-scales.js in maths/" in pairs_apart(js)
