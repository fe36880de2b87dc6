"""POST /api/step and the presets behind it."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests import torch_reference


def test_mazur_step_returns_the_published_numbers(client: TestClient, mazur: dict) -> None:
    r = client.post("/api/step", json=mazur)
    assert r.status_code == 200
    body = r.json()
    assert body["loss"] == pytest.approx(0.298371109, abs=1e-9)
    assert body["layers"][0]["a"][0][0] == pytest.approx(0.593269992, abs=1e-9)
    assert body["layers"][1]["delta"][0][0] == pytest.approx(0.138498562, abs=1e-9)
    assert body["updated"]["weights"][1][0][0] == pytest.approx(0.35891648, abs=1e-8)
    assert body["updated"]["weights"][0][0][0] == pytest.approx(0.149780716, abs=1e-9)
    assert body["updated"]["biases"] == mazur["model"]["biases"]  # the preset keeps biases
    assert [s["index"] for s in body["steps"]] == list(range(len(body["steps"])))
    assert body["diverged"] is False and body["diverged_at"] is None


def test_weights_drawn_from_a_seed_come_back_in_the_model(client: TestClient, mazur: dict) -> None:
    model = {k: v for k, v in mazur["model"].items() if k not in ("weights", "biases")}
    model["init"] = {"scheme": "he", "seed": 5}
    first = client.post("/api/step", json={**mazur, "model": model}).json()
    again = client.post("/api/step", json={**mazur, "model": model}).json()
    assert first["model"]["weights"] == again["model"]["weights"]
    assert len(first["model"]["weights"][0]) == 2 and first["model"]["init"]["seed"] == 5


@pytest.mark.parametrize("name", ["mazur", "chain", "xor", "iris"])
def test_every_preset_is_a_ready_step_request_with_pytorchs_numbers(client: TestClient, name: str) -> None:
    summary = {p["name"]: p for p in client.get("/api/presets").json()}
    assert summary[name]["description"].count(". ") >= 1
    preset = client.get(f"/api/presets/{name}").json()
    r = client.post("/api/step", json=preset)
    assert r.status_code == 200, r.text
    body = r.json()
    # The same step in PyTorch from the parameters the answer says it started from (drawn from
    # the preset's seed where the preset has none).
    ref = torch_reference.assert_same_step(body, {**preset, "model": body["model"]})
    if body["accuracy"] is not None:
        assert body["accuracy"] == ref.accuracy(torch_reference.tensors(preset["targets"]))


def test_large_batches_return_the_first_sample_unless_asked(client: TestClient) -> None:
    iris = client.get("/api/presets/iris").json()
    body = client.post("/api/step", json=iris).json()
    assert body["samples"] == [0] and len(body["layers"][0]["z"]) == 1
    assert body["batch_size"] == 150
    assert body["accuracy"] is not None
    body = client.post("/api/step", json={**iris, "samples": [3, 140]}).json()
    assert body["samples"] == [3, 140] and len(body["layers"][1]["delta"]) == 2


def test_class_indices_are_accepted_as_cross_entropy_targets(client: TestClient) -> None:
    iris = client.get("/api/presets/iris").json()
    labels = [row.index(1.0) for row in iris["targets"]]
    a = client.post("/api/step", json=iris).json()
    b = client.post("/api/step", json={**iris, "targets": labels}).json()
    assert a["loss"] == b["loss"]


def test_an_overflowing_step_returns_null_and_says_where(client: TestClient) -> None:
    req = {"model": {"sizes": [1, 1], "activations": ["linear"], "loss": "sse",
                     "weights": [[[1e300]]], "biases": [[0.0]]},
           "inputs": [[1e10]], "targets": [[0.0]], "learning_rate": 100}
    r = client.post("/api/step", json=req)
    assert r.status_code == 200
    body = r.json()
    assert body["diverged"] is True
    assert body["diverged_at"]["quantity"] == "z"
    assert body["loss"] is None


def test_healthz_and_docs_work_without_internet(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assert "cdn" not in html.lower()
        assert "/docs-assets/" in html
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/docs-assets/redoc.standalone.js").status_code == 200
    assert "/api/step" in client.get("/openapi.json").json()["paths"]


def test_the_page_links_its_css_and_js_from_static(client: TestClient) -> None:
    html = client.get("/").text  # one bundle of each (tests/serving/test_assets.py checks their content)
    bundles = re.findall(r'(?:href|src)="(/static/bundles/main\.[0-9a-f]+\.(?:js|css))"', html)
    assert len(bundles) == 2 and all(client.get(url).status_code == 200 for url in bundles)
    assert client.get("/static/js/main.js").status_code == 200
