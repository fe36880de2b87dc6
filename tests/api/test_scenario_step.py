"""POST /api/scenario/step: a page state's request and its step in one request, equal to asking
POST /api/scenario and then POST /api/step; refusals name the key or the field as either would."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.main import create_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


@pytest.mark.parametrize("state", ["preset=mazur", "preset=xor&lr=0.25&biases=fixed", "preset=iris&optimizer=adam&seed=3",
                                   "preset=mazur&sizes=2,3,2&edits=W1.0.0:0.5"])
def test_one_request_answers_what_two_did(client: TestClient, state: str) -> None:
    both = client.post("/api/scenario/step", json={"state": state})
    assert both.status_code == 200
    two = client.post("/api/scenario", json={"state": state}).json()
    assert both.json()["request"] == two["request"] and both.json()["problems"] == two["problems"]
    assert both.json()["step"] == client.post("/api/step", json=two["request"]).json()


def test_a_refused_state_names_the_key_and_a_refused_request_the_field(client: TestClient) -> None:
    r = client.post("/api/scenario/step", json={"state": "preset=mazur&seed=-1"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "state", "seed"]
    r = client.post("/api/scenario/step", json={"state": "preset=mazur&loss=cross_entropy"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "model", "loss"]
    assert "softmax" in r.json()["detail"][0]["msg"]
    r = client.post("/api/scenario/step", json={"state": "preset=nosuch"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "state", "preset"]
