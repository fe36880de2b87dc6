"""POST /api/nudge: the cost's actual change beside the prediction, a curve for the plot, and a
clear 422 for every bad request."""

from __future__ import annotations

import math

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app


def test_mazur_w5_nudged_by_a_tenth(client: TestClient, mazur: dict) -> None:
    # Mazur's w5 (h1 → o1) is W[2] row 0, column 0.
    body = client.post("/api/nudge", json={**mazur, "kind": "weight", "layer": 2, "j": 0, "k": 0, "delta": 0.1}).json()
    assert body["cost_of"] == "batch" and body["value"] == 0.4 and body["nudged_value"] == pytest.approx(0.5)
    assert body["actual_change"] == pytest.approx(0.008153, abs=5e-7)
    assert body["predicted_change"] == pytest.approx(0.008217, abs=5e-7)
    assert body["nudged_cost"] - body["cost"] == body["actual_change"]
    assert body["cost"] == pytest.approx(0.298371109, abs=1e-9)  # Mazur's E_total
    curve = body["curve"]
    assert len(curve["values"]) == len(curve["costs"]) == 41
    assert curve["values"][20] == 0.4 and curve["costs"][20] == body["cost"]


def test_an_input_nudge_moves_one_samples_cost(client: TestClient) -> None:
    xor = client.get("/api/presets/xor").json()
    body = client.post("/api/nudge", json={**xor, "kind": "activation", "layer": 0, "j": 1, "sample": 2,
                                           "delta": -0.01, "points": 3, "span": 0.5}).json()
    assert body["cost_of"] == "sample" and body["sample"] == 2
    assert body["value"] == xor["inputs"][2][1]
    assert body["curve"]["values"] == pytest.approx([body["value"] - 0.5, body["value"], body["value"] + 0.5])
    assert body["actual_change"] == pytest.approx(body["predicted_change"], rel=0.02)


def test_an_undefined_cost_comes_back_as_null(client: TestClient) -> None:
    iris = client.get("/api/presets/iris").json()
    r = client.post("/api/nudge", json={**iris, "kind": "activation", "layer": 2, "j": 0, "delta": -5, "points": 11})
    body = r.json()
    assert r.status_code == 200 and body["nudged_cost"] is None and body["actual_change"] is None
    assert body["curve"]["costs"][0] is None and math.isfinite(body["curve"]["costs"][5])


@pytest.mark.parametrize(("change", "field"), [
    ({"kind": "neuron"}, "kind"),
    ({"layer": 3}, "layer"),
    ({"j": 2}, "j"),
    ({"k": 9}, "k"),
    ({"delta": 1e4}, "delta"),
    ({"delta": "a lot"}, "delta"),
    ({"span": 0}, "span"),
    ({"points": 2}, "points"),
    ({"points": 10_000}, "points"),
    ({"kind": "activation", "layer": 1, "sample": 1}, "sample"),
])
def test_bad_requests_get_a_422_naming_the_field(client: TestClient, mazur: dict, change: dict, field: str) -> None:
    r = client.post("/api/nudge", json={**mazur, "kind": "weight", "layer": 2, "j": 0, "k": 0, **change})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"][-1] == field


def test_a_curve_over_the_work_budget_is_refused_naming_points() -> None:
    tight = TestClient(create_app(Settings(max_work=5_000_000)))
    body = tight.get("/api/presets/deep-sigmoid").json()
    r = tight.post("/api/nudge", json={**body, "kind": "weight", "layer": 1, "j": 0, "k": 0, "points": 201})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "points"
    small = tight.post("/api/nudge", json={**body, "kind": "weight", "layer": 1, "j": 0, "k": 0, "points": 3})
    assert small.status_code == 200
