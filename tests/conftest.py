"""Shared fixtures: an app built by the factory with small limits, and a client for it; and the
markers every test gets from where it lives and what it drives (`browser`, `deploy`)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.session import DESELECTED, SHOTS_WANTED

TESTS = Path(__file__).resolve().parent
# Playwright's fixtures: a test that asks for one drives Chromium, wherever it lives.
BROWSER_FIXTURES = {"page", "context", "browser", "new_context", "browser_type"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--shots", action="store_true",
                     help="the browser tests write their screenshots to tests/browser/screenshots, to look at (CONTRIBUTING.md)")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--shots"):
        SHOTS_WANTED.append(True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser, and every test that asks for a Playwright page, is `browser`;
    every test under tests/deploy (replicas, nginx, the package build) is `deploy`. `-m "not browser"`
    is the fast loop (CONTRIBUTING.md)."""
    for item in items:
        where = Path(item.path).resolve()
        callspec = getattr(item, "callspec", None)  # a parameter named `page` is not Playwright's page
        fixtures = set(getattr(item, "fixturenames", ())) - set(callspec.params if callspec else ())
        if where.is_relative_to(TESTS / "browser") or BROWSER_FIXTURES & fixtures:
            item.add_marker(pytest.mark.browser)
        if where.is_relative_to(TESTS / "deploy"):
            item.add_marker(pytest.mark.deploy)


def pytest_deselected(items: list[pytest.Item]) -> None:
    for item in items:
        item.config.stash.setdefault(DESELECTED, []).append(item)


@pytest.hookimpl(specname="pytest_collection_modifyitems", tryfirst=True)
def pytest_collection_modifyitems_one_id_each(items: list[pytest.Item]) -> None:
    """No two tests share a node id: pytest-xdist keeps one test per id, so the others would never run, silently
    (Schemathesis's parametrize under pytest 9 gave its 24 tests one id, and one of them ran)."""
    seen = Counter(item.nodeid for item in items)
    shared = sorted(nodeid for nodeid, n in seen.items() if n > 1)
    if shared:
        raise pytest.UsageError(f"{len(shared)} node ids are shared by several tests, so only one of each would run: {shared[:5]}")


@pytest.hookimpl(specname="pytest_collection_modifyitems", trylast=True)
def pytest_collection_modifyitems_long_files_first(items: list[pytest.Item]) -> None:
    """Files with a `slow` or `deploy` test go first, the rest keep their order: pytest-xdist hands files to
    its workers in this order (pyproject.toml: --no-loadscope-reorder), so the long ones start early and
    the run does not end waiting on one of them."""
    long = {item.path for item in items if item.get_closest_marker("slow") or item.get_closest_marker("deploy")}
    items.sort(key=lambda item: item.path not in long)


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(max_units=16, max_batch=200, max_train_steps=3000, max_paths=64,
                    max_gradcheck_params=200, max_body_bytes=200_000, max_work=250_000_000)


@pytest.fixture(scope="module")
def client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings))


@pytest.fixture(scope="module")
def mazur(client: TestClient) -> dict:
    return client.get("/api/presets/mazur").json()
