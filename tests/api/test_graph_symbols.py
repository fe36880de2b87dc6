"""The Graph's edge labels name the activation whose slope they carry: relu′ on a relu layer, never σ′."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_a_relu_layers_slope_edges_say_relu_prime_and_a_sigmoids_say_sigma_prime(client: TestClient) -> None:
    iris = client.get("/api/presets/iris").json()
    graph = client.post("/api/graph", json={**iris, "sample": 0, "layer": 1, "j": 0}).json()
    into_relu = [e["symbol"] for e in graph["edges"] if e["from"].startswith("z1.") and e["to"].startswith("a1.")]
    assert into_relu and set(into_relu) == {"relu′"}
    mazur = client.get("/api/presets/mazur").json()
    graph = client.post("/api/graph", json={**mazur, "sample": 0}).json()
    assert {e["symbol"] for e in graph["edges"] if e["from"].startswith("z")} == {"σ′"}
