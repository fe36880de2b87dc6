"""The JS tests' fixtures are today's answers of the API: each file equals what its request gets
now (numbers to 10 significant digits). When the contract changes, regenerate them with
`python tests/js/make_fixtures.py`."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from tests.js.make_fixtures import FIXTURES, FIXTURES_DIR


def rounded(value: Any) -> Any:
    """The same structure with every float rounded to 10 significant digits."""
    if isinstance(value, float):
        return float(f"{value:.10g}")
    if isinstance(value, list):
        return [rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def test_every_fixture_file_has_its_request() -> None:
    assert {p.stem for p in FIXTURES_DIR.glob("*.json")} == set(FIXTURES)


@pytest.mark.parametrize("name", list(FIXTURES))
def test_each_fixture_is_todays_answer(client: TestClient, name: str) -> None:
    on_disk = json.loads((FIXTURES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    live = FIXTURES[name](client)
    assert rounded(on_disk) == rounded(live), f"{name}.json has drifted from the API: run python tests/js/make_fixtures.py"
