"""Every package the server and the Python module import is declared in pyproject.toml: a runtime
dependency, or, for an import that is optional (guarded by ImportError, or only in a module the
server loads when its parser is there), an extra."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Imported only where an ImportError is handled (the notebook display, PyTorch, the bundles' parsers).
OPTIONAL = {"IPython": "notebook", "torch": "torch", "tree_sitter": "test", "tree_sitter_javascript": "test", "tinycss2": "test"}
# A distribution's name where it differs from the module's.
DISTRIBUTION = {"pydantic_core": "pydantic-core", "pydantic_settings": "pydantic-settings", "fastapi_offline": "fastapi-offline",
                "starlette_compress": "starlette-compress", "tree_sitter": "tree-sitter", "tree_sitter_javascript": "tree-sitter-javascript",
                "pptx": "python-pptx", "py_mini_racer": "mini-racer"}


def imported_packages() -> set[str]:
    found = set()
    for path in [*(ROOT / "app").rglob("*.py"), *(ROOT / "backprop_lens").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name not in ("app", "backprop_lens")}


def names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower() for r in requirements}


def test_every_imported_package_is_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = names(project["dependencies"])
    for package in sorted(imported_packages()):
        distribution = DISTRIBUTION.get(package, package).lower()
        if package in OPTIONAL:
            extra = OPTIONAL[package]
            if extra != "notebook":  # IPython comes with Jupyter, where show() is used
                assert distribution in names(project["optional-dependencies"][extra]), f"{package} is not in the {extra} extra"
            assert distribution not in runtime, f"{package} is a runtime dependency, yet optional at run time"
        else:
            assert distribution in runtime, f"{package} is imported but not a dependency in pyproject.toml"
