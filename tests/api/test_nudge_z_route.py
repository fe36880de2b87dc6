"""POST /api/nudge with kind z, and the `reachable` flag of an activation's nudge."""

from __future__ import annotations

import math

from fastapi.testclient import TestClient


def test_a_softmax_output_nudged_through_z_answers_a_positive_cost_and_says_it_is_reachable(client: TestClient) -> None:
    iris = client.get("/api/presets/iris").json()
    body = client.post("/api/nudge", json={**iris, "kind": "z", "layer": 2, "j": 0, "sample": 0, "delta": 0.7, "points": 5}).json()
    assert body["kind"] == "z" and body["cost_of"] == "sample" and body["reachable"] is True
    assert body["nudged_cost"] > 0 and all(math.isfinite(c) and c > 0 for c in body["curve"]["costs"])
    old = client.post("/api/nudge", json={**iris, "kind": "activation", "layer": 2, "j": 0, "sample": 0, "delta": 0.7, "points": 5}).json()
    assert old["reachable"] is False and old["nudged_cost"] < 0  # the outputs sum to 1.70: a state no input gives


def test_a_z_of_layer_0_is_refused_naming_the_layer(client: TestClient, mazur: dict) -> None:
    r = client.post("/api/nudge", json={**mazur, "kind": "z", "layer": 0, "j": 0})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "layer"
