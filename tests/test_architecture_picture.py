"""docs/architecture.svg is the picture scripts/architecture_picture.py draws from today's imports, so it cannot go stale."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def picture_script():
    spec = importlib.util.spec_from_file_location("architecture_picture", ROOT / "scripts" / "architecture_picture.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_picture_is_what_the_code_draws() -> None:
    drawn = picture_script().draw()
    assert (ROOT / "docs" / "architecture.svg").read_text(encoding="utf-8") == drawn, "run: python scripts/architecture_picture.py"


def test_the_picture_has_a_box_for_every_room_and_an_arrow_for_every_import_between_rooms() -> None:
    script = picture_script()
    drawn = script.draw()
    js_counts, js_arrows = script.js_rooms()
    py_counts, py_arrows = script.py_rooms()
    for room in [*js_counts, *py_counts]:
        assert f">{room}</text>" in drawn
    assert drawn.count('class="arrow"') == len(js_arrows) + len(py_arrows)
    assert ("views/", "server/") in js_arrows and ("panels/", "views/") not in js_arrows
    assert ("app/api/", "app/service/") in py_arrows and ("app/engine/", "app/api/") not in py_arrows
