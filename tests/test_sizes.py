"""Small functions and modules (DESIGN.md, rooms): no function longer than 100 lines, no module longer
than 300, in the server (app/), the Python module (backprop_lens/) and the page (static/js/).

A function's length runs from the line that opens it to the line that closes it, both counted. In
JavaScript a function is a block opened on a line with `function` or `=> {`, closed by the first later
line at the same indentation or less that starts with `}` (the sources are formatted with two-space
indentation, which this reads).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_FUNCTION = 100
MAX_MODULE = 300

JS_OPENS = re.compile(r"^(\s*)(?!//|\*).*(?:\bfunction\b.*|=>\s*)\{\s*$")


def js_functions(source: str) -> list[tuple[int, int]]:
    """(first line, length) of every function block in `source` (lines 1-based)."""
    lines = source.split("\n")
    found = []
    for i, line in enumerate(lines):
        opened = JS_OPENS.match(line)
        if not opened:
            continue
        indent = len(opened.group(1))
        for j in range(i + 1, len(lines)):
            text = lines[j]
            if text.strip() and len(text) - len(text.lstrip()) <= indent and text.lstrip().startswith("}"):
                found.append((i + 1, j - i + 1))
                break
    return found


def py_functions(source: str) -> list[tuple[int, int]]:
    return [(node.lineno, (node.end_lineno or node.lineno) - node.lineno + 1)
            for node in ast.walk(ast.parse(source)) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]


def too_long(root: Path) -> list[str]:
    """Every function over MAX_FUNCTION lines and every module over MAX_MODULE lines below `root` (no exceptions)."""
    found = []
    paths = [*root.glob("app/**/*.py"), *root.glob("backprop_lens/**/*.py"), *root.glob("static/js/**/*.js")]
    for path in sorted(paths):
        name = path.relative_to(root).as_posix()
        source = path.read_text(encoding="utf-8")
        lines = source.count("\n") + (not source.endswith("\n"))
        if lines > MAX_MODULE:
            found.append(f"{name}: {lines} lines")
        functions = py_functions(source) if path.suffix == ".py" else js_functions(source)
        found += [f"{name}:{at}: a function of {length} lines" for at, length in functions if length > MAX_FUNCTION]
    return found


def test_no_function_or_module_is_too_long() -> None:
    assert too_long(ROOT) == []


@pytest.mark.parametrize(("name", "opening", "closing"), [
    ("static/js/views/v.js", "export function createView(container) {", "}"),
    ("static/js/parts/p.js", "  const render = (x) => {", "  };"),
    ("static/js/core/c.js", "  list.forEach(function (x) {", "  });"),
    ("app/api/r.py", "def route() -> None:", "    return None"),
])
def test_a_long_function_is_found(tmp_path: Path, name: str, opening: str, closing: str) -> None:
    body = "    x = 1\n" if name.endswith(".py") else "    x += 1;\n"
    (tmp_path / name).parent.mkdir(parents=True)
    (tmp_path / name).write_text(f"{opening}\n{body * (MAX_FUNCTION - 2)}{closing}\n", encoding="utf-8")
    assert too_long(tmp_path) == []
    (tmp_path / name).write_text(f"{opening}\n{body * (MAX_FUNCTION - 1)}{closing}\n", encoding="utf-8")
    assert too_long(tmp_path) == [f"{name}:1: a function of {MAX_FUNCTION + 1} lines"]


def test_a_long_module_is_found(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "m.py").write_text("x = 1\n" * MAX_MODULE, encoding="utf-8")
    assert too_long(tmp_path) == []
    (tmp_path / "app" / "m.py").write_text("x = 1\n" * (MAX_MODULE + 1), encoding="utf-8")
    assert too_long(tmp_path) == [f"app/m.py: {MAX_MODULE + 1} lines"]
