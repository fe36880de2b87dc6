"""The server's rooms by role: app/api holds routers only (each module defines an APIRouter); the
serving machinery (app/serving) and the work (app/service) import no router; the Python package
(backprop_lens) calls the step service and imports no router either."""

from __future__ import annotations

from pathlib import Path

from tests.engine.test_layering import imported_modules

ROOT = Path(__file__).resolve().parents[2]


def modules(folder: str) -> list[Path]:
    return sorted(p for p in (ROOT / folder).rglob("*.py") if p.name != "__init__.py")


def router_imports(folder: str) -> list[str]:
    return [f"{p.relative_to(ROOT).as_posix()} imports {name}" for p in modules(folder)
            for name in imported_modules(p, ROOT) if name == "app.api" or name.startswith("app.api.")]


def test_app_api_holds_routers_only() -> None:
    assert [p.name for p in modules("app/api") if "APIRouter(" not in p.read_text(encoding="utf-8")] == []


def test_serving_service_and_the_package_import_no_router() -> None:
    assert router_imports("app/serving") + router_imports("app/service") + router_imports("backprop_lens") == []
