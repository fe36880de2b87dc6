"""Each rule of the page state that the server checks too, stated once here and checked against the
server (POST /api/scenario reads a link) and the page (static/js/state/state.js, with the rules the
catalogue serves): both accept the same values and refuse the same ones. The bounds come from the
settings, so a deployment that changes a limit changes the page with it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app

ROOT = Path(__file__).resolve().parents[2]
SEED_MAX = 2**32 - 1  # NumPy's Generator: any 32-bit seed


def cases(s: Settings) -> list[tuple[str, str, bool]]:
    """(key, URL value, allowed?) at each side of every rule: the rules stated once."""
    widest, depth = s.max_units, s.max_layers
    return [
        ("sizes", f"2,{widest},1", True), ("sizes", f"2,{widest + 1},1", False), ("sizes", "2,0,1", False),
        ("sizes", ",".join(["2"] * (depth + 1)), True), ("sizes", ",".join(["2"] * (depth + 2)), False), ("sizes", "2", False),
        ("activations", ",".join(["tanh"] * depth), True), ("activations", ",".join(["tanh"] * (depth + 1)), False),
        ("lr", f"{s.max_learning_rate:g}", True), ("lr", f"{s.max_learning_rate * 1.005:g}", False), ("lr", "0", False),
        ("seed", str(SEED_MAX), True), ("seed", str(SEED_MAX + 1), False), ("seed", "-1", False),
    ]


def page_errors(rules: dict, queries: list[str]) -> list[list[str]]:
    """The keys the page's parseState refuses in each query, with `rules` applied as the page applies them."""
    script = f"""
import {{ applyRules, parseState }} from '{(ROOT / 'static/js/state/state.js').as_uri()}';
const [rules, queries] = JSON.parse(process.argv[1]);
applyRules(rules);
console.log(JSON.stringify(queries.map((q) => parseState(q).errors.map((e) => e.key))));"""
    node = shutil.which("node")
    assert node, "node is needed for the page's tests"
    out = subprocess.run([node, "--input-type=module", "-e", script, json.dumps([rules, queries])],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("env", [{}, {"BACKPROP_LENS_MAX_UNITS": "80", "BACKPROP_LENS_MAX_LAYERS": "5",
                                      "BACKPROP_LENS_MAX_LEARNING_RATE": "10"}], ids=["defaults", "a deployment's limits"])
def test_page_and_server_allow_and_refuse_the_same_values(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = Settings()
    client = TestClient(create_app(settings))
    rules = client.get("/api/catalog").json()["rules"]
    table = cases(settings)
    refused_by_page = page_errors(rules, [f"{key}={value}" for key, value, _ in table])
    for (key, value, allowed), page_refused in zip(table, refused_by_page, strict=True):
        r = client.post("/api/scenario", json={"state": f"preset=mazur&{key}={value}"})
        assert (r.status_code == 200) == allowed, (key, value, r.text)
        assert (key in page_refused) == (not allowed), (key, value, page_refused)
        if not allowed:
            assert r.json()["detail"][0]["loc"] == ["body", "state", key]


def test_a_refusal_states_the_rule_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKPROP_LENS_MAX_UNITS", "80")
    client = TestClient(create_app(Settings()))
    msg = client.post("/api/scenario", json={"state": "preset=mazur&sizes=2,81,1"}).json()["detail"][0]["msg"]
    assert "each layer holds at most 80 neurons" in msg
    msg = client.post("/api/scenario", json={"state": "preset=mazur&lr=101"}).json()["detail"][0]["msg"]
    assert "above 0 and at most 100" in msg


def test_the_api_holds_the_learning_rate_to_the_pages_limit() -> None:
    client = TestClient(create_app(Settings()))
    body = client.get("/api/presets/mazur").json()
    assert client.post("/api/step", json={**body, "learning_rate": 100}).status_code == 200
    r = client.post("/api/step", json={**body, "learning_rate": 100.5})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "learning_rate"
    r = client.post("/api/train", json={**body, "learning_rate": 150, "steps": 2})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "learning_rate"
