"""The one-way doors between the front end's folders (static/js): who may import whom.

core/   imports only core/          (state, API client, schedule, stepping, number format)
maths/  imports core/, maths/       (pure computations the page shows)
parts/  imports core/, maths/, parts/   (drawing pieces more than one view or panel uses)
views/  imports core/, maths/, parts/   — never another view, never a panel
panels/ imports core/, maths/, parts/   — never a view, never another panel
The entry modules (main.js, embed.js, handout.js) at the top compose and may import anything.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parents[2] / "static" / "js"
ALLOWED = {
    "core": {"core"},
    "maths": {"core", "maths"},
    "parts": {"core", "maths", "parts"},
    "views": {"core", "maths", "parts"},
    "panels": {"core", "maths", "parts"},
}
IMPORT = re.compile(r"""^\s*import\b[^'"]*?from\s*['"]([^'"]+)['"]""", re.MULTILINE | re.DOTALL)


def imports(js: Path, module: str) -> list[str]:
    """The modules (paths under `js`) that `module` imports."""
    source = (js / module).read_text(encoding="utf-8")
    return [posixpath.normpath(posixpath.join(posixpath.dirname(module), path)) for path in IMPORT.findall(source)]


def broken_doors(js: Path) -> list[str]:
    found = []
    for path in sorted(js.rglob("*.js")):
        module = path.relative_to(js).as_posix()
        room = module.split("/")[0] if "/" in module else None
        if room is None:
            continue
        if room not in ALLOWED:
            found.append(f"{module}: {room}/ is not a known folder")
            continue
        for dep in imports(js, module):
            dep_room = dep.split("/")[0] if "/" in dep else "(entry)"
            same_folder_leaf = room in ("views", "panels") and dep_room == room
            if dep_room not in ALLOWED[room] or same_folder_leaf:
                found.append(f"{module} imports {dep}")
    return found


def test_every_module_lives_in_a_known_folder_or_is_an_entry() -> None:
    entries = sorted(p.name for p in JS.glob("*.js"))
    assert entries == ["embed.js", "handout.js", "main.js"]
    assert {p.name for p in JS.iterdir() if p.is_dir()} == set(ALLOWED)


def test_imports_go_one_way_between_folders() -> None:
    assert broken_doors(JS) == []


@pytest.mark.parametrize(("module", "dep"), [("notation/format.js", "views/table-view.js"),
                                             ("views/table-view.js", "views/train-view.js"),
                                             ("panels/share.js", "views/data-view.js"),
                                             ("views/data-view.js", "panels/share.js"),
                                             ("maths/matrix.js", "markup/charts.js"),
                                             ("markup/charts.js", "main.js")])
def test_an_import_through_a_closed_door_is_found(tmp_path: Path, module: str, dep: str) -> None:
    for name in (module, dep):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("export const x = 1;\n")
    for room in ALLOWED:
        (tmp_path / room).mkdir(exist_ok=True)
    path = posixpath.relpath(dep, posixpath.dirname(module))
    (tmp_path / module).write_text(f"import {{\n  x,\n}} from '{path if path.startswith('.') else './' + path}';\n")
    assert broken_doors(tmp_path) == [f"{module} imports {dep}"]
