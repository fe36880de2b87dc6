"""POST /api/paths with batch_mean: every sample's sum over paths (each sample's own ∂C_x/∂w) and
their mean, which is the gradient of the batch cost that /api/step reports."""

from __future__ import annotations

import numpy as np
import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(("preset", "target"), [("iris", {"kind": "weight", "layer": 1, "j": 2, "k": 3}),
                                                ("xor", {"kind": "bias", "layer": 1, "j": 1}),
                                                ("deep-relu", {"kind": "weight", "layer": 4, "j": 0, "k": 1})])
def test_the_batch_mean_of_the_path_sums_is_the_batch_gradient(client: TestClient, preset: str, target: dict) -> None:
    body = client.get(f"/api/presets/{preset}").json()
    r = client.post("/api/paths", json={**body, **target, "batch_mean": True})
    assert r.status_code == 200, r.text
    batch = r.json()["batch"]
    n = len(body["inputs"])
    assert len(batch["totals"]) == n
    for s in sorted({0, n // 2, n - 1}):  # each total is that sample's own sum over paths
        one = client.post("/api/paths", json={**body, **target, "sample": s}).json()
        assert batch["totals"][s] == one["total"]
    layer = client.post("/api/step", json=body).json()["layers"][target["layer"] - 1]
    want = layer["grad_weights"][target["j"]][target["k"]] if target["kind"] == "weight" else layer["grad_biases"][target["j"]]
    np.testing.assert_allclose(batch["mean"], want, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(batch["gradient"], want, rtol=1e-15, atol=0)
    assert batch["mean"] == pytest.approx(np.mean(batch["totals"]), rel=1e-15)


def test_without_batch_mean_or_for_an_input_there_is_no_batch_part(client: TestClient) -> None:
    body = client.get("/api/presets/xor").json()
    assert client.post("/api/paths", json={**body, "kind": "weight", "layer": 1, "j": 0, "k": 0}).json()["batch"] is None
    r = client.post("/api/paths", json={**body, "kind": "activation", "layer": 0, "j": 0, "batch_mean": True})
    assert r.status_code == 200 and r.json()["batch"] is None
