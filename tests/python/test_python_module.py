"""backprop_lens in Python: step() gives the API's numbers as NumPy arrays without HTTP, html() and
show() give the standalone stepping view for a notebook, and every form of scenario is accepted."""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

import backprop_lens as bl
from app.engine.presets import PRESETS
from app.export import build_step_body, parse_scenario


def assert_trace_is_the_apis(trace: bl.Trace, answer: dict) -> None:
    """Every number, exactly: the engine's arrays against the JSON /api/step returned (all samples)."""
    assert trace.loss == answer["loss"] and trace.loss_after == answer["loss_after"]
    assert trace.losses.tolist() == answer["losses"]
    for layer, want in zip(trace.layers, answer["layers"], strict=True):
        for key in ("z", "a", "activation_slope", "grad_a", "delta", "grad_weights", "grad_biases"):
            assert getattr(layer, key).tolist() == want[key], key
    assert [layer.updated_weights.tolist() for layer in trace.layers] == answer["updated"]["weights"]
    assert [layer.updated_biases.tolist() for layer in trace.layers] == answer["updated"]["biases"]
    assert [s["equation"] for s in trace.steps] == [s["equation"] for s in answer["steps"]]


@pytest.mark.parametrize("preset", ["mazur", "xor", "deep-relu"])
def test_step_of_a_preset_holds_the_apis_numbers_as_arrays(client: TestClient, preset: str) -> None:
    trace = bl.step(preset)
    assert isinstance(trace.layers[0].grad_weights, np.ndarray)
    body = client.get(f"/api/presets/{preset}").json()
    assert_trace_is_the_apis(trace, client.post("/api/step", json={**body, "samples": list(range(len(body["inputs"])))}).json())


def test_a_preset_with_page_keywords_is_the_pages_link(client: TestClient) -> None:
    trace = bl.step("mazur", lr=0.1, optimizer="adam", biases="update")
    body, problems = build_step_body(PRESETS["mazur"].build(), parse_scenario("preset=mazur&lr=0.1&optimizer=adam&biases=update"))
    assert not problems and body["learning_rate"] == 0.1 and body["optimizer"] == "adam"
    assert_trace_is_the_apis(trace, client.post("/api/step", json=body).json())
    assert trace.optimizer_state["t"] == 1


def test_a_request_dict_and_a_saved_scenario_file_give_the_same_trace(client: TestClient, mazur: dict) -> None:
    saved = {"format": "backprop-lens-scenario", "version": 1, "request": mazur, "state": {"step": 3, "theme": "dark"}}
    assert bl.step(saved).loss == bl.step(mazur).loss == client.post("/api/step", json=mazur).json()["loss"]
    req, display = bl.request_for(saved, theme="projector")
    assert display == {"step": 3, "theme": "projector"}


def test_bad_scenarios_are_refused_with_the_rule() -> None:
    with pytest.raises(ValueError, match="no preset named 'nope'"):
        bl.step("nope")
    with pytest.raises(ValueError, match="unknown keyword 'colour'"):
        bl.step("mazur", colour="red")
    with pytest.raises(ValueError, match='invalid value for "lr"'):
        bl.step("mazur", lr=-1)
    with pytest.raises(ValueError, match="change the request itself"):
        bl.step(PRESETS["mazur"].build(), lr=0.1)
    with pytest.raises(ValidationError, match="inputs\\[0\\] has 1 values but sizes\\[0\\] is 2"):
        bl.step({**PRESETS["mazur"].build(), "inputs": [[1.0]]})
    with pytest.raises(TypeError, match="a scenario is a preset name"):
        bl.step(42)  # type: ignore[arg-type]


def test_html_is_an_iframe_holding_the_standalone_file_with_the_apis_trace(client: TestClient, mazur: dict) -> None:
    markup = bl.html("mazur", step=7, theme="projector")
    src = re.fullmatch(r'<iframe srcdoc="([^"]*)" width="960" height="540" style="[^"]*" title="Backprop Lens: mazur"></iframe>', markup)
    assert src, markup[:300]
    page = html.unescape(src.group(1))
    assert 'data-theme="projector"' in page and "step=7" in page
    trace = re.search(r'<script type="application/json" id="bl-trace"[^>]*>(.*?)</script>', page, re.DOTALL)
    assert trace and json.loads(trace.group(1)) == client.post("/api/step", json=mazur).json()
    assert not re.search(r"""(?:src|href)=["']?https?://""", page)  # offline: nothing to fetch


def test_show_displays_the_frame_in_ipython_and_says_what_to_do_elsewhere(capsys: pytest.CaptureFixture[str]) -> None:
    bl.show("chain")
    assert "displays in a notebook" in capsys.readouterr().out
