"""Shared fixtures: an app built by the factory with small limits, and a client for it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app


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
