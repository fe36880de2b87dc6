"""Schemathesis against our own OpenAPI schema: generated requests, valid and invalid, never get a
5xx, and every answer has a documented status code, content type and shape — nulls included."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from app.config import Settings
from app.engine.datasets import describe_datasets
from app.engine.presets import PRESETS
from app.main import create_app

# Small limits keep generated work tiny; still large enough for every preset (iris: 150 samples).
LIMITS = Settings(max_units=8, max_layers=6, max_batch=150, max_train_steps=200, max_records=250, max_snapshots=250,
                  max_paths=64, max_gradcheck_params=400, max_body_bytes=100_000, max_work=20_000_000)
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(LIMITS))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# Every operation of the schema, by its label: one test each, with its own id. (Schemathesis's own
# schema.parametrize() gives all of its tests one id under pytest 9, and pytest-xdist then ran one of them.)
OPERATIONS = {op.label: op for op in (result.ok() for result in schema.get_all_operations())}
# 20 requests per operation, valid and invalid (Hypothesis chooses); FUZZ_EXAMPLES=500 digs deeper by hand, FUZZ_RANDOM=1 varies the seed.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
DERANDOMIZE = os.environ.get("FUZZ_RANDOM", "") == ""


@pytest.mark.slow
@pytest.mark.parametrize("label", list(OPERATIONS))
def test_generated_requests_get_documented_answers_and_never_a_5xx(label: str) -> None:
    operation = OPERATIONS[label]
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=DERANDOMIZE, database=None, suppress_health_check=list(HealthCheck))
    @given(case=cases)
    def answered(case) -> None:  # noqa: ANN001 (Hypothesis passes a schemathesis Case)
        case.call_and_validate(checks=CHECKS)

    answered()


def test_every_operation_of_the_schema_is_fuzzed() -> None:
    assert len(OPERATIONS) >= 20 and {"POST /api/step", "POST /api/train", "GET /api/presets/{name}"} <= set(OPERATIONS)


# Generated names rarely hit a real preset or dataset, so each one, and what it leads to, is checked by name.

def call(path: str, method: str = "GET", **kwargs):
    return schema[path][method].Case(**kwargs).call_and_validate(checks=CHECKS)


@pytest.mark.parametrize("name", [d["name"] for d in describe_datasets()])
def test_every_dataset_matches_its_documented_shape(name: str) -> None:
    assert call("/api/datasets/{name}", path_parameters={"name": name}).status_code == 200
    r = call("/api/datasets/{name}", path_parameters={"name": name}, query={"n": 40, "standardize": True})
    assert r.status_code == 200


# A gradient check runs two forward passes per parameter: the deep presets' 2 × 321 passes over
# 100 samples cost more than this app's small max_work, the others far less.
OVER_GRADCHECK_BUDGET = {"deep-sigmoid", "deep-relu"}


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_and_each_answer_it_leads_to_match_the_schema(name: str) -> None:
    body = call("/api/presets/{name}", path_parameters={"name": name}).json()
    assert call("/api/step", "POST", body=body).status_code == 200
    train = {**body, "steps": 20, "record_every": 5, "optimizer": "adam"}
    assert call("/api/train", "POST", body=train).status_code == 200
    last = len(body["model"]["sizes"]) - 1
    assert call("/api/paths", "POST", body={**body, "kind": "weight", "layer": last, "j": 0, "k": 0}).status_code == 200
    check = call("/api/gradcheck", "POST", body=body)
    if name in OVER_GRADCHECK_BUDGET:
        assert check.status_code == 422
        (error,) = check.json()["detail"]
        assert error["loc"] == ["body", "inputs"] and "over the budget" in error["msg"]
    else:
        assert check.status_code == 200 and check.json()["passed"] is True
    if body["model"]["sizes"][0] == 2:
        assert call("/api/boundary", "POST", body={"model": body["model"], "resolution": 5}).status_code == 200


OVERFLOW = {
    "model": {"sizes": [1, 1, 1], "activations": ["linear", "linear"], "loss": "sse",
              "weights": [[[1e200]], [[1e200]]], "biases": [[0.0], [0.0]]},
    "inputs": [[1.0]], "targets": [[0.0]], "learning_rate": 1.0,
}


def test_a_run_that_overflows_answers_null_where_the_schema_says_so() -> None:
    step = call("/api/step", "POST", body=OVERFLOW).json()
    assert step["diverged"] and step["loss"] is None and step["updated"]["weights"][0] == [[None]]
    train = call("/api/train", "POST", body={**OVERFLOW, "steps": 10, "record_every": 5, "optimizer": "adam"}).json()
    assert train["diverged"] and train["history"][-1]["loss"] is None
    assert call("/api/gradcheck", "POST", body=OVERFLOW).json()["max_error"] is None
    assert call("/api/paths", "POST", body={**OVERFLOW, "kind": "weight", "layer": 1, "j": 0}).json()["total"] is None
    flat = {**OVERFLOW["model"], "sizes": [2, 1, 1], "weights": [[[1e200, 1e200]], [[1e200]]]}
    grid = call("/api/boundary", "POST", body={"model": flat, "resolution": 3}).json()
    assert None in [v for row in grid["outputs"] for cell in row for v in cell]


MAZUR = PRESETS["mazur"].build()
# Answers that once broke the contract: a 500, a bare-string error, or a null the schema did not allow.
FOUND = [
    pytest.param("/api/train", {**MAZUR, "optimizer": "momentum", "optimizer_state": {"m": [[[0.1, 0.2], [0.3]]]}},
                 422, id="ragged optimizer state: was a 500"),
    pytest.param("/api/train", {**MAZUR, "optimizer": "adam", "optimizer_state": {"t": 2**70}},
                 422, id="optimizer t past 64 bits: was a 500"),
    pytest.param("/api/boundary", {"model": MAZUR["model"], "x_range": [-1e308, 1e308], "resolution": 3},
                 200, id="boundary range that overflows: null xs were undocumented",
                 # the overflow is the point of the case: NumPy's grid over ±1e308 warns, the answer holds nulls
                 marks=[pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning"),
                        pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")]),
]


@pytest.mark.parametrize(("path", "body", "status"), FOUND)
def test_what_fuzzing_found_stays_fixed(path: str, body: dict, status: int) -> None:
    assert call(path, "POST", body=body).status_code == status


def test_a_body_that_is_not_utf8_gets_the_same_400_as_bad_json() -> None:
    # FastAPI's own answer was {"detail": "There was an error parsing the body"}: a string, not the documented list.
    case = schema["/api/step"]["POST"].Case()
    r = case.call(data=b"\xff\xfe{", headers={"content-type": "application/json"})
    case.validate_response(r, checks=CHECKS)
    assert r.status_code == 400
    assert r.json()["detail"][0]["type"] == "json_invalid"
