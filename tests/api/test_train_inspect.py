"""POST /api/train, /api/paths, /api/gradcheck and GET /api/datasets."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_training_iris_returns_a_falling_history_and_snapshots_when_asked(client: TestClient) -> None:
    iris = client.get("/api/presets/iris").json()
    plain = client.post("/api/train", json={**iris, "steps": 300, "record_every": 50}).json()
    assert plain["snapshots"] == []  # only when asked
    r = client.post("/api/train", json={**iris, "steps": 300, "record_every": 50, "snapshots": True})
    assert r.status_code == 200
    body = r.json()
    assert [h["step"] for h in body["history"]] == [0, 50, 100, 150, 200, 250, 300]
    assert body["history"][-1]["loss"] < body["history"][0]["loss"]
    assert body["history"][-1]["accuracy"] > 0.8
    assert [s["step"] for s in body["snapshots"]] == [h["step"] for h in body["history"]]
    assert body["model"]["weights"] == body["snapshots"][-1]["weights"]
    assert body["steps_done"] == 300
    assert plain["history"] == body["history"] and plain["model"] == body["model"]


def test_train_refuses_more_steps_than_the_limit(client: TestClient, mazur: dict, settings) -> None:
    r = client.post("/api/train", json={**mazur, "steps": settings.max_train_steps + 1})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "steps"]
    r = client.post("/api/train", json={**mazur, "steps": 3000, "record_every": 1})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "record_every"]


def test_train_refuses_a_request_over_the_compute_budget(client: TestClient, settings) -> None:
    model = {"sizes": [16, 16, 16, 16], "activations": ["tanh"] * 3, "loss": "mse"}
    body = {"model": model, "inputs": [[0.0] * 16] * 200, "targets": [[0.0] * 16] * 200,
            "steps": 3000, "record_every": 100, "snapshots": False}
    r = client.post("/api/train", json=body)
    assert r.status_code == 422 and "budget" in r.json()["detail"][0]["msg"]


def test_a_diverging_run_stops_with_null_loss(client: TestClient) -> None:
    req = {"model": {"sizes": [1, 1], "activations": ["linear"], "loss": "sse", "weights": [[[1.0]]],
                     "biases": [[0.0]]}, "inputs": [[10.0]], "targets": [[1.0]], "learning_rate": 100, "steps": 50}
    body = client.post("/api/train", json=req).json()
    assert body["diverged"] is True and body["history"][-1]["loss"] is None


def test_paths_sum_to_the_backprop_gradient(client: TestClient, mazur: dict) -> None:
    r = client.post("/api/paths", json={**mazur, "kind": "weight", "layer": 1, "j": 0, "k": 0})
    body = r.json()
    assert body["count"] == 2
    assert body["total"] == pytest.approx(body["gradient"], rel=1e-12)
    assert body["gradient"] == pytest.approx(0.000438568, abs=1e-9)  # Mazur's ∂E/∂w1
    symbols = [f["symbol"] for f in body["paths"][0]["factors"]]
    assert symbols == ["a[0]_0", "σ′(z[1]_0)", "w[2]_0,0", "σ′(z[2]_0)", "∂C/∂a[2]_0"]


def test_paths_past_the_cap_are_refused(client: TestClient, settings) -> None:
    model = {"sizes": [2, 8, 8, 8, 8], "activations": ["tanh"] * 4, "loss": "mse"}
    r = client.post("/api/paths", json={"model": model, "inputs": [[0.1, 0.2]], "targets": [[0.0] * 8],
                                        "kind": "weight", "layer": 1, "j": 0, "k": 0})
    assert r.status_code == 422 and str(settings.max_paths) in r.json()["detail"][0]["msg"]


def test_paths_refuse_an_index_outside_the_layer(client: TestClient, mazur: dict) -> None:
    r = client.post("/api/paths", json={**mazur, "kind": "weight", "layer": 2, "j": 2, "k": 0})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "j"]


def test_gradcheck_passes_per_layer(client: TestClient, mazur: dict) -> None:
    body = client.post("/api/gradcheck", json=mazur).json()
    assert body["passed"] is True
    assert [layer["layer"] for layer in body["layers"]] == [1, 2]
    assert all(layer["max_error"] < 1e-6 and layer["checked"] == 6 for layer in body["layers"])


def test_gradcheck_refuses_too_many_parameters(client: TestClient) -> None:
    model = {"sizes": [16, 16, 16], "activations": ["tanh", "tanh"], "loss": "mse"}
    r = client.post("/api/gradcheck", json={"model": model, "inputs": [[0.0] * 16], "targets": [[0.0] * 16]})
    assert r.status_code == 422 and "gradcheck" in r.json()["detail"][0]["msg"]


@pytest.mark.parametrize("name", ["iris", "xor", "circles", "moons", "spiral", "gaussians"])
def test_every_dataset_is_served(client: TestClient, name: str) -> None:
    body = client.get(f"/api/datasets/{name}", params={"seed": 1}).json()
    assert len(body["inputs"]) == len(body["targets"]) == len(body["labels"]) > 0
    assert {d["name"] for d in client.get("/api/datasets").json()} >= {name}


def test_dataset_parameters_out_of_range_get_422(client: TestClient) -> None:
    assert client.get("/api/datasets/moons", params={"n": 2}).status_code == 422
    assert client.get("/api/datasets/moons", params={"noise": 9}).status_code == 422


def test_adam_continues_exactly_from_the_returned_state(client: TestClient) -> None:
    iris = client.get("/api/presets/iris").json()
    first = client.post("/api/train", json={**iris, "steps": 20, "optimizer": "adam"}).json()
    second = client.post("/api/train", json={**iris, "model": first["model"], "steps": 20, "optimizer": "adam",
                                             "optimizer_state": first["optimizer_state"]}).json()
    whole = client.post("/api/train", json={**iris, "steps": 40, "optimizer": "adam"}).json()
    assert second["history"][-1]["loss"] == whole["history"][-1]["loss"]
    assert second["optimizer_state"]["t"] == 40


def test_a_mis_shaped_optimizer_state_gets_422(client: TestClient, mazur: dict) -> None:
    r = client.post("/api/train", json={**mazur, "optimizer": "momentum",
                                        "optimizer_state": {"t": 1, "m": [[1.0]], "v": []}})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "optimizer_state", "m"]


def test_the_teaching_mistake_is_a_request_flag(client: TestClient, mazur: dict) -> None:
    right = client.post("/api/step", json=mazur).json()
    wrong = client.post("/api/step", json={**mazur, "hidden_uses_updated_weights": True}).json()
    assert right["loss_after"] == pytest.approx(0.2910277737, abs=1e-10)
    assert wrong["loss_after"] == pytest.approx(0.291027924, abs=1e-9)
    assert wrong["hidden_uses_updated_weights"] is True


def test_boundary_grid_for_a_two_input_model(client: TestClient) -> None:
    xor = client.get("/api/presets/xor").json()
    model = client.post("/api/step", json=xor).json()["model"]
    body = client.post("/api/boundary", json={"model": model, "resolution": 9, "x_range": [0, 1],
                                              "y_range": [0, 1]}).json()
    assert len(body["xs"]) == 9 and len(body["outputs"]) == 9 and len(body["outputs"][0][0]) == 1
    assert {v for row in body["predicted"] for v in row} <= {0, 1}
    iris = client.get("/api/presets/iris").json()
    r = client.post("/api/boundary", json={"model": iris["model"]})
    assert r.status_code == 422 and "2 inputs" in r.json()["detail"][0]["msg"]


def test_history_carries_gradient_health_per_layer(client: TestClient) -> None:
    deep = client.get("/api/presets/deep-sigmoid").json()
    body = client.post("/api/train", json={**deep, "steps": 1}).json()
    first = body["history"][0]
    assert len(first["grad_norms"]) == len(first["mean_abs_delta"]) == 6
    assert first["grad_norms"][0] < 1e-2 * first["grad_norms"][-1]


def test_mini_batch_sgd_continues_exactly_across_requests(client: TestClient) -> None:
    iris = client.get("/api/presets/iris").json()
    common = {**iris, "optimizer": "sgd", "batch_size": 16, "shuffle_seed": 3}
    first = client.post("/api/train", json={**common, "steps": 12}).json()
    second = client.post("/api/train", json={**common, "model": first["model"], "steps": 8,
                                             "optimizer_state": first["optimizer_state"]}).json()
    whole = client.post("/api/train", json={**common, "steps": 20}).json()
    assert second["model"]["weights"] == whole["model"]["weights"]
    assert second["optimizer_state"]["steps"] == 20


def test_a_step_with_momentum_returns_the_velocity_and_continues_from_it(client: TestClient, mazur: dict) -> None:
    first = client.post("/api/step", json={**mazur, "optimizer": "momentum"}).json()
    g = first["layers"][1]["grad_weights"][0][0]
    assert first["optimizer_state_before"]["m"] == []
    assert first["optimizer_state"]["m"][1][0][0] == pytest.approx(g)  # v = 0.9·0 + g
    assert "v ← 0.9 v" in first["steps"][-2]["equation"]
    model = {**first["model"], "weights": first["updated"]["weights"]}
    second = client.post("/api/step", json={**mazur, "model": model, "optimizer": "momentum",
                                            "optimizer_state": first["optimizer_state"]}).json()
    g2 = second["layers"][1]["grad_weights"][0][0]
    assert second["optimizer_state"]["m"][1][0][0] == pytest.approx(0.9 * g + g2)
    expected = model["weights"][1][0][0] - 0.5 * (0.9 * g + g2)
    assert second["updated"]["weights"][1][0][0] == pytest.approx(expected, rel=1e-12)


def test_adams_first_step_moves_every_weight_by_about_the_learning_rate(client: TestClient, mazur: dict) -> None:
    body = client.post("/api/step", json={**mazur, "optimizer": "adam", "learning_rate": 0.01}).json()
    old, new = body["model"]["weights"], body["updated"]["weights"]
    moves = [abs(n - o) for wo, wn in zip(old, new) for ro, rn in zip(wo, wn) for o, n in zip(ro, rn)]
    assert all(m == pytest.approx(0.01, rel=1e-4) for m in moves)
