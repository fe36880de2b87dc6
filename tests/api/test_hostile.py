"""Hostile requests cost little: each class of attack gets a small, fast 4xx (or a bounded answer),
never a 5xx, and the server keeps answering everything else. Statuses and answer sizes are asserted
here; timings are the benchmark's job (tests/bench/bench_limits.py)."""

from __future__ import annotations

import copy

import orjson
import pytest
from fastapi.testclient import TestClient

from app.config import CEILING_BATCH, Settings
from app.main import create_app

JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def limits() -> Settings:
    return Settings()  # the shipped defaults: what a department's server runs with


@pytest.fixture(scope="module")
def api(limits: Settings) -> TestClient:
    return TestClient(create_app(limits))


@pytest.fixture(scope="module")
def mazur(api: TestClient) -> dict:
    return api.get("/api/presets/mazur").json()


def still_serving(api: TestClient) -> None:
    """Nothing else stopped answering: the health check, the page and a real step."""
    assert api.get("/healthz").json() == {"status": "ok"}
    assert api.get("/").status_code == 200
    assert api.post("/api/step", json=api.get("/api/presets/mazur").json()).status_code == 200


def locs(r) -> list[list]:
    return [e["loc"] for e in r.json()["detail"]]


# --- amplification: a small body must not buy a large answer ---------------------------------------

def test_a_sample_listed_twice_is_refused_naming_samples(api: TestClient, mazur: dict) -> None:
    r = api.post("/api/step", json={**mazur, "samples": [0, 0]})
    assert r.status_code == 422
    assert locs(r) == [["body", "samples"]] and "twice" in r.text


def test_one_index_repeated_many_times_gets_a_short_422(api: TestClient, mazur: dict) -> None:
    # was: a 10 kB body of one repeated index answered 270 MB
    for path, body in (("/api/step", {**mazur, "samples": [0] * 5000}),
                       ("/api/export/standalone", {"step": {**mazur, "samples": [0] * 5000}})):
        r = api.post(path, json=body)
        assert r.status_code == 422, path
        assert len(r.content) < 1000
    still_serving(api)


def test_every_list_of_every_request_has_a_max_items(api: TestClient) -> None:
    schema = api.get("/openapi.json").json()

    def arrays(node, where):
        if isinstance(node, dict):
            if node.get("type") == "array":
                yield where, node
            for key, value in node.items():
                yield from arrays(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from arrays(value, f"{where}[{i}]")

    requests = {name: s for name, s in schema["components"]["schemas"].items()
                if name.endswith(("Request", "Spec"))}
    found = list(arrays(requests, "schemas"))
    assert len(found) > 10
    unbounded = [where for where, node in found if "maxItems" not in node]
    assert unbounded == []
    samples = requests["StepRequest"]["properties"]["samples"]
    assert samples["uniqueItems"] is True


def test_a_list_past_its_ceiling_is_refused_before_its_items_are_checked(api: TestClient, mazur: dict) -> None:
    r = api.post("/api/step", json={**mazur, "samples": list(range(CEILING_BATCH + 1))})
    assert r.status_code in (413, 422)
    assert len(r.content) < 1000


def test_many_bad_values_give_a_short_list_of_errors(api: TestClient, mazur: dict) -> None:
    # 400 rows of 1024 bad strings: pydantic would list 409 600 errors; the answer stops at the first
    body = {**mazur, "inputs": [["x"] * 1024] * 400}
    r = api.post("/api/step", json=body)
    assert r.status_code == 422
    assert len(r.json()["detail"]) <= 20 and len(r.content) < 5000


# --- parser blow-up: linear-time reading of the URL --------------------------------------------------

@pytest.mark.parametrize(("query", "key"), [
    pytest.param("lr=" + "1" * 32_000 + "x", "lr", id="32000 digits then a letter"),  # was 35 s of backtracking
    pytest.param("lr=0." + "1" * 63, "lr", id="a number one past 64 characters"),
    pytest.param("inputs=1," + "2" * 60_000 + "x", "inputs", id="60000 digits in a matrix"),
    pytest.param("inputs=" + ";".join(["1,2"] * 13_000), "inputs", id="a value over 50000 characters"),
    pytest.param("edits=W" + "1" * 5000 + ".0.0:1", "edits", id="an edit key of 5000 digits"),
])
def test_a_huge_or_crafted_url_value_gets_a_422_naming_its_key(api: TestClient, query: str, key: str) -> None:
    r = api.get(f"/api/export/standalone?{query}")
    assert r.status_code == 422
    assert locs(r) == [["query", key]]
    assert len(r.content) < 1000
    still_serving(api)


# --- digit limits: Python refuses int() of more than 4300 digits; that is never a 500 ----------------

def test_a_long_integer_in_a_link_is_a_422(api: TestClient) -> None:
    for query, key in (("seed=" + "9" * 5000, "seed"), ("sizes=2," + "3" * 5000 + ",2", "sizes")):
        r = api.get(f"/api/export/standalone?{query}")
        assert r.status_code == 422 and locs(r) == [["query", key]]


def test_a_long_integer_in_a_body_is_a_4xx(api: TestClient, mazur: dict) -> None:
    text = orjson.dumps(mazur).replace(b'"learning_rate":0.5', b'"learning_rate":' + b"7" * 5000)
    r = api.post("/api/step", content=text, headers=JSON)
    assert r.status_code in (400, 422)
    seed = copy.deepcopy(mazur)
    seed["model"]["init"] = {"seed": 0}
    text = orjson.dumps(seed).replace(b'"seed":0', b'"seed":' + b"7" * 5000)
    assert api.post("/api/step", content=text, headers=JSON).status_code in (400, 422)


# --- field names: every 422 names the real field ----------------------------------------------------

def test_boundary_errors_name_model_sizes_and_the_range_that_is_wrong(api: TestClient, mazur: dict) -> None:
    three = {**mazur["model"], "sizes": [3, 2, 2], "weights": None}
    r = api.post("/api/boundary", json={"model": three})
    assert r.status_code == 422 and locs(r) == [["body", "model", "sizes"]]
    r = api.post("/api/boundary", json={"model": mazur["model"], "y_range": [1, -1]})
    assert r.status_code == 422 and locs(r) == [["body", "y_range"]]
    r = api.post("/api/boundary", json={"model": mazur["model"], "x_range": [1, -1]})
    assert r.status_code == 422 and locs(r) == [["body", "x_range"]]


@pytest.mark.parametrize(("query", "key"), [
    ("inputs=1,2,3", "inputs"),           # a shape error of the body is reported at the URL key
    ("sizes=2,2&targets=0.5", "targets"),
    ("loss=cross_entropy", "loss"),
    ("activations=softmax,sigmoid", "activations"),
])
def test_errors_of_a_link_name_the_url_key(api: TestClient, query: str, key: str) -> None:
    r = api.get(f"/api/export/standalone?{query}")
    assert r.status_code == 422, r.text
    assert [loc[:2] for loc in locs(r)] == [["query", key]]
