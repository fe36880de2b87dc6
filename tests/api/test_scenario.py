"""The scenario's one owner (app/export/scenario.py) and its catalogue: every key that shapes the
computation reaches every producer on the server (the step request, the trace, the standalone file
from a link and from a body, the NumPy script, the notebook, the scenario file, the Python module),
and the names of activations, losses, optimizers and init schemes are the engine's, served once."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import parse_qsl

import nbformat
import pytest
from fastapi.testclient import TestClient

import backprop_lens as bl
from app.engine.activations import ACTIVATIONS
from app.engine.losses import LOSSES
from app.engine.network import INIT_SCHEMES
from app.engine.optimizers import OPTIMIZERS
from app.export.scenario import KEYS, build_step_body
from tests.api.test_numpy_exact import assert_bit_for_bit, run_script

TRACE = re.compile(r'<script type="application/json" id="bl-trace" data-state="([^"]*)">(.*?)</script>', re.DOTALL)
BASE = "preset=mazur"
SHAPING = [k.name for k in KEYS]


def request_for(client: TestClient, query: str) -> dict:
    r = client.post("/api/scenario", json={"state": query})
    assert r.status_code == 200, r.text
    assert r.json()["problems"] == [], query
    return r.json()["request"]


def at(body: dict, path: tuple[str, ...]) -> object:
    for part in path:
        body = body.get(part) if isinstance(body, dict) else None  # type: ignore[assignment]
    return body


def numbers(trace: dict) -> dict:
    """What a step computed: the loss, every gradient, the update and the optimizer state."""
    return {"loss": trace["loss"], "loss_after": trace["loss_after"], "updated": trace["updated"],
            "grads": [(x["grad_weights"], x["grad_biases"]) for x in trace["layers"]],
            "state": trace["optimizer_state"]}


def test_the_catalogue_is_the_engines_registries(client: TestClient) -> None:
    cat = client.get("/api/catalog").json()
    assert [a["name"] for a in cat["activations"]] == list(ACTIVATIONS)
    assert [c["name"] for c in cat["losses"]] == list(LOSSES)
    assert cat["optimizers"] == list(OPTIMIZERS) and cat["init_schemes"] == list(INIT_SCHEMES)
    assert [k["name"] for k in cat["scenario_keys"]] == SHAPING
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    spec = schemas["ModelSpec"]["properties"]
    assert spec["activations"]["items"]["enum"] == list(ACTIVATIONS)
    assert spec["loss"]["enum"] == list(LOSSES)
    assert schemas["InitSpec"]["properties"]["scheme"]["enum"] == list(INIT_SCHEMES)
    assert schemas["StepRequest"]["properties"]["optimizer"]["enum"] == list(OPTIMIZERS)


def test_the_catalogues_pairs_are_exactly_what_the_api_accepts(client: TestClient) -> None:
    cat = client.get("/api/catalog").json()
    hidden = {a["name"] for a in cat["activations"] if a["hidden"]}
    for loss in cat["losses"]:
        for act in cat["activations"]:
            width = max(2, loss["min_outputs"])
            body = {"model": {"sizes": [2, 2, width], "activations": ["tanh", act["name"]], "loss": loss["name"]},
                    "inputs": [[0.5, -0.5]], "targets": [[1.0] + [0.0] * (width - 1)]}
            ok = client.post("/api/step", json=body).status_code == 200
            assert ok == (act["name"] in loss["outputs"]), (act["name"], loss["name"])
            as_hidden = {**body, "model": {**body["model"], "activations": [act["name"], "sigmoid"], "loss": "sse"}}
            assert (client.post("/api/step", json=as_hidden).status_code == 200) == (act["name"] in hidden), act
        narrow = {"model": {"sizes": [2, loss["min_outputs"]], "activations": [loss["outputs"][0]], "loss": loss["name"]},
                  "inputs": [[0.5, -0.5]], "targets": [[1.0] + [0.0] * (loss["min_outputs"] - 1)]}
        assert client.post("/api/step", json=narrow).status_code == 200, loss
        if loss["min_outputs"] > 1:
            fewer = {**narrow, "model": {**narrow["model"], "sizes": [2, loss["min_outputs"] - 1]},
                     "targets": [[1.0] * (loss["min_outputs"] - 1)]}
            assert client.post("/api/step", json=fewer).status_code == 422, loss


@pytest.mark.parametrize("key", [k for k in KEYS if k.name != "preset"], ids=lambda k: k.name)
def test_each_shaping_key_reaches_every_server_producer(client: TestClient, key, tmp_path) -> None:
    query = f"{BASE}&{key.name}={key.example}"
    base, body = request_for(client, BASE), request_for(client, query)
    # the step request: the key decides the fields the catalogue says it sets
    assert any(at(body, path) != at(base, path) for path in key.sets), (key.name, "changes nothing in the request")
    # the trace: /api/step computes something else
    trace = client.post("/api/step", json=body).json()
    assert numbers(trace) != numbers(client.post("/api/step", json=base).json()), key.name
    # the standalone file, from the link and from the body
    linked = TRACE.search(client.get(f"/api/export/standalone?{query}&step=2").text)
    assert linked and json.loads(linked.group(2)) == trace
    assert dict(parse_qsl(html.unescape(linked.group(1))))[key.name] == key.example
    posted = TRACE.search(client.post("/api/export/standalone", json={"step": body, "state": "step=2"}).text)
    assert posted and json.loads(posted.group(2)) == trace
    # the NumPy script prints the trace's numbers, bit for bit
    assert_bit_for_bit(*run_script(client.post("/api/export/numpy", json=body).text), trace)
    # the notebook is another notebook
    notebook = nbformat.reads(client.post("/api/export/notebook", json=body).text, as_version=4)
    baseline = nbformat.reads(client.post("/api/export/notebook", json=base).text, as_version=4)
    assert [c.source for c in notebook.cells] != [c.source for c in baseline.cells], key.name
    # the scenario file: its state restores to the same request
    restored = client.post("/api/scenario/restore", json={"request": body, "state": BASE})
    assert restored.status_code == 200, restored.text
    rebuilt, _ = build_step_body(client.get("/api/presets/mazur").json(), restored.json()["state"])
    assert client.post("/api/step", json=rebuilt).json() == trace
    # the Python module
    assert bl.request_for("mazur", **{key.name: key.example})[0].model_dump() == \
        bl.request_for(body)[0].model_dump()


def test_a_preset_link_reaches_the_producers_too(client: TestClient) -> None:
    body = request_for(client, "preset=xor")
    linked = TRACE.search(client.get("/api/export/standalone?preset=xor").text)
    assert linked and json.loads(linked.group(2)) == client.post("/api/step", json=body).json()
    assert body != request_for(client, BASE)


@pytest.mark.parametrize(("query", "key"), [("preset=nope", "preset"), ("preset=mazur&loss=hinge", "loss"),
                                            ("preset=mazur&optimizer=rmsprop", "optimizer"), ("preset=mazur&lr=0", "lr")])
def test_a_state_the_page_would_not_send_is_refused_naming_its_key(client: TestClient, query: str, key: str) -> None:
    r = client.post("/api/scenario", json={"state": query})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "state", key]


def test_an_edit_outside_the_network_is_a_problem_not_a_refusal(client: TestClient) -> None:
    r = client.post("/api/scenario", json={"state": "preset=mazur&edits=W3.0.0:1"}).json()
    assert r["problems"] == [{"key": "edits", "message": "W3.0.0 is not a parameter of this network"}]


def test_restore_refuses_what_no_page_key_sets(client: TestClient, mazur: dict) -> None:
    r = client.post("/api/scenario/restore", json={"request": {**mazur, "hidden_uses_updated_weights": True}, "state": BASE})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "request", "hidden_uses_updated_weights"]
    # a learning rate past the page's limit is past the API's too (one rule, app/export/rules.py)
    r = client.post("/api/scenario/restore", json={"request": {**mazur, "learning_rate": 500.0}, "state": BASE})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "learning_rate"


def test_restore_turns_given_parameters_into_edits_on_drawn_weights(client: TestClient) -> None:
    body = request_for(client, "preset=iris&seed=4")
    drawn = client.post("/api/step", json=body).json()["model"]
    drawn["weights"][0][0][0] = 0.125
    r = client.post("/api/scenario/restore", json={"request": {**body, "model": drawn}, "state": "preset=iris&seed=4"})
    assert r.status_code == 200, r.text
    assert r.json()["state"]["edits"]["W1.0.0"] == 0.125


def test_new_weights_that_name_no_scheme_or_seed_are_drawn_as_the_catalogue_says(client) -> None:
    default = client.get("/api/catalog").json()["default_init"]
    assert set(default) == {"scheme", "seed"}
    seeded = client.post("/api/scenario/step", json={"state": "preset=mazur&seed=5"}).json()["request"]["model"]["init"]
    schemed = client.post("/api/scenario/step", json={"state": "preset=mazur&init=he"}).json()["request"]["model"]["init"]
    assert seeded == {"scheme": default["scheme"], "seed": 5}
    assert schemed == {"scheme": "he", "seed": default["seed"]}
