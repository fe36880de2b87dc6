"""The engine imports only NumPy and the standard library: never the web layer. Relative imports
count too: `from ..api import x` inside app/engine is the web layer as surely as `import app.api`."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "app" / "engine"


def imported_modules(path: Path, root: Path) -> list[str]:
    """The absolute name of every module `path` imports, relative imports resolved against its package."""
    package = path.parent.relative_to(root).parts
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                names.append(node.module or "")
                continue
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            if node.module:
                names.append(".".join([*base, node.module]))
            else:  # `from . import x`: each x is a module of the package
                names += [".".join([*base, alias.name]) for alias in node.names]
    return names


def engine_import_breaches(root: Path) -> list[str]:
    found = []
    for path in sorted((root / "app" / "engine").rglob("*.py")):
        for name in imported_modules(path, root):
            top = name.split(".")[0]
            if not (top in sys.stdlib_module_names or top == "numpy" or name == "app.engine" or name.startswith("app.engine.")):
                found.append(f"{path.relative_to(root).as_posix()} imports {name}")
    return found


def test_engine_imports_only_numpy_the_standard_library_and_itself() -> None:
    assert engine_import_breaches(ROOT) == []


def test_a_relative_import_of_the_web_layer_is_found(tmp_path: Path) -> None:
    engine = tmp_path / "app" / "engine"
    engine.mkdir(parents=True)
    (engine / "ok.py").write_text("import numpy as np\nfrom . import trace\nfrom .network import forward\n", encoding="utf-8")
    assert engine_import_breaches(tmp_path) == []
    (engine / "bad.py").write_text("from ..api import step\nfrom .. import schemas\nimport fastapi\n", encoding="utf-8")
    assert engine_import_breaches(tmp_path) == [
        "app/engine/bad.py imports app.api", "app/engine/bad.py imports app.schemas", "app/engine/bad.py imports fastapi"]
