"""Every rule a request can break gets a 4xx that names the field and the rule; never a 500."""

from __future__ import annotations

import copy

import pytest
from fastapi.testclient import TestClient


def broken(mazur: dict, path: list, value: object) -> dict:
    body = copy.deepcopy(mazur)
    target = body
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return body


CASES = [
    (["inputs"], [[0.05, 0.1, 0.3]], ["body", "inputs", 0], "sizes[0] is 2"),
    (["targets"], [[0.01]], ["body", "targets", 0], "sizes[-1] is 2"),
    (["inputs"], [[0.05, 0.1], [0.2]], ["body", "inputs", 1], "has 1 values"),
    (["inputs"], [], ["body", "inputs"], "at least 1"),
    (["model", "activations"], ["softmax", "sigmoid"], ["body", "model", "activations"], "only allowed on the output"),
    (["model", "activations"], ["sigmoid", "softmax"], ["body", "model", "loss"], "softmax output needs loss cross_entropy"),
    (["model", "activations"], ["sigmoid", "swish"], ["body", "model", "activations", 1], "'sigmoid'"),
    (["model", "loss"], "bce", None, None),
    (["model", "weights"], [[[0.1, 0.2]], [[0.4, 0.45], [0.5, 0.55]]], ["body", "model", "weights", 0], "sizes[1] is 2"),
    (["model", "biases"], [[0.35], [0.6, 0.6]], ["body", "model", "biases", 0], "sizes[1] is 2"),
    (["learning_rate"], 0, ["body", "learning_rate"], "greater than 0"),
    (["samples"], [5], ["body", "samples"], "outside 0..0"),
    (["model", "sizes"], [2, 0, 2], ["body", "model", "sizes"], "at least 1 neuron"),
]


@pytest.mark.parametrize(("path", "value", "loc", "words"), CASES)
def test_a_broken_field_gets_422_naming_it(client: TestClient, mazur: dict, path: list, value: object,
                                           loc: list | None, words: str | None) -> None:
    r = client.post("/api/step", json=broken(mazur, path, value))
    if loc is None:  # bce with a sigmoid output and targets in [0, 1] is valid
        assert r.status_code == 200
        return
    assert r.status_code == 422, r.text
    errors = r.json()["detail"]
    assert any(e["loc"][: len(loc)] == loc and words in e["msg"] for e in errors), errors


def test_cross_entropy_targets_must_be_one_hot(client: TestClient) -> None:
    iris = client.get("/api/presets/iris").json()
    iris["targets"][7] = [0.5, 0.5, 0.0]
    r = client.post("/api/step", json=iris)
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "targets", 7]
    assert "one-hot" in r.json()["detail"][0]["msg"]


def test_bce_targets_must_lie_between_0_and_1(client: TestClient) -> None:
    xor = client.get("/api/presets/xor").json()
    xor["targets"][2] = [1.5]
    r = client.post("/api/step", json=xor)
    assert r.status_code == 422 and "between 0 and 1" in r.json()["detail"][0]["msg"]


@pytest.mark.parametrize("raw", [b'{"inputs": [[NaN, 0.1]]}', b'{"inputs": [[Infinity, 0.1]]}'])
def test_non_finite_inputs_are_refused(client: TestClient, mazur: dict, raw: bytes) -> None:
    # NaN and Infinity are not JSON: the one parser refuses them with a 400 that says numbers must be finite
    body = raw.replace(b"{", b'{"model": ' + _json(mazur["model"]) + b', "targets": [[0.01, 0.99]], ', 1)
    r = client.post("/api/step", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert r.json()["detail"][0]["type"] == "json_invalid" and "finite" in r.text


def _json(value: object) -> bytes:
    import json

    return json.dumps(value).encode()


def test_a_body_that_is_not_json_gets_400(client: TestClient) -> None:
    r = client.post("/api/step", content=b"{oops", headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert r.json()["detail"][0]["type"] == "json_invalid"


def test_a_body_over_the_limit_gets_413_before_parsing(client: TestClient, settings) -> None:
    r = client.post("/api/step", content=b" " * (settings.max_body_bytes + 1),
                    headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert str(settings.max_body_bytes) in r.json()["detail"][0]["msg"]


def test_a_huge_layer_is_refused_by_the_limit(client: TestClient, mazur: dict, settings) -> None:
    body = broken(mazur, ["model"], {"sizes": [2, 100000, 2], "activations": ["sigmoid", "sigmoid"],
                                     "loss": "half_sse"})
    r = client.post("/api/step", json=body)
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "model", "sizes", 1]
    assert f"at most {settings.max_units}" in r.json()["detail"][0]["msg"]


def test_too_many_layers_and_samples_are_refused(client: TestClient, mazur: dict, settings) -> None:
    deep = {"sizes": [2] * (settings.max_layers + 2), "activations": ["tanh"] * (settings.max_layers + 1),
            "loss": "mse"}
    assert client.post("/api/step", json={**mazur, "model": deep}).status_code == 422
    many = {**mazur, "inputs": [[0.0, 0.0]] * (settings.max_batch + 1),
            "targets": [[0.0, 1.0]] * (settings.max_batch + 1)}
    r = client.post("/api/step", json=many)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "inputs"]


def test_unknown_preset_and_dataset_get_422_listing_the_names(client: TestClient) -> None:
    r = client.get("/api/presets/nope")
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["path", "name"] and "mazur" in r.json()["detail"][0]["msg"]
    r = client.get("/api/datasets/nope")
    assert r.status_code == 422 and "moons" in r.json()["detail"][0]["msg"]


def test_unknown_fields_are_refused_on_step(client: TestClient, mazur: dict) -> None:
    r = client.post("/api/step", json={**mazur, "learning_rat": 0.1})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "learning_rat"]


def test_the_teaching_mistake_is_refused_with_an_optimizer_other_than_sgd(client: TestClient, mazur: dict) -> None:
    r = client.post("/api/step", json={**mazur, "optimizer": "adam", "hidden_uses_updated_weights": True})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "hidden_uses_updated_weights"]
    assert "sgd only" in r.json()["detail"][0]["msg"]


@pytest.mark.parametrize("route", ["/api/export/notebook", "/api/export/numpy"])
def test_an_export_of_a_bad_request_gets_the_same_422_as_step(client: TestClient, mazur: dict, route: str) -> None:
    bad = {**mazur, "inputs": [[1.0]]}
    r = client.post(route, json=bad)
    assert r.status_code == 422
    assert r.json() == client.post("/api/step", json=bad).json()
    assert client.post(route, json=mazur, params={"preset": "../x"}).status_code == 422
