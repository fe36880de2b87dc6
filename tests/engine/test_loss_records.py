"""Each loss is one registry entry (app/engine/losses.py): its value, ∂C/∂a and notation record. The modules that
write a loss (the Graph view, the slides, the LaTeX) read that entry and name none, and the choices the page
used to hold (the default loss, the output and loss a data set's targets call for) are the engine's, served by
the catalogue (issue 27, section 2)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.engine.catalog import pairs_allowed
from app.engine.losses import DEFAULT_LOSS, LOSSES, TARGET_OUTPUTS

ROOT = Path(__file__).resolve().parents[2]
WRITERS = ("app/engine/graph.py", "app/export/latex.py", "app/export/slides/deck.py")


@pytest.mark.parametrize("module", WRITERS)
def test_the_modules_that_write_a_loss_name_none(module: str) -> None:
    source = (ROOT / module).read_text(encoding="utf-8")
    assert [name for name in LOSSES if re.search(rf"""['"]{name}['"]""", source)] == []


def test_the_default_loss_and_the_outputs_that_fit_targets_are_choices_the_engine_allows() -> None:
    assert DEFAULT_LOSS in LOSSES
    assert set(TARGET_OUTPUTS) == {"one_hot", "binary", "real"}
    assert all(pairs_allowed(act, loss) for act, loss in TARGET_OUTPUTS.values())


def test_the_catalogue_serves_them(client: TestClient) -> None:
    cat = client.get("/api/catalog").json()
    assert cat["default_loss"] == DEFAULT_LOSS
    assert cat["target_outputs"]["binary"] == {"activation": "sigmoid", "loss": "bce"}
    assert cat["classification"]["threshold"] == 0.5
    full = [a["name"] for a in cat["activations"] if a["notation"]["full_jacobian"]]
    assert full == ["softmax"]  # the one whose outputs each depend on every z of the layer
    for loss in cat["losses"]:  # the page writes each loss from these
        assert {"words", "cost", "grad", "grad_form", "grad_words"} <= set(loss["notation"])


# C_x by hand, per loss (NumPy here, not the registry's functions): the Graph view's terms must add up to it.
BY_HAND = {
    "sse": lambda a, y: np.sum((a - y) ** 2),
    "half_sse": lambda a, y: 0.5 * np.sum((a - y) ** 2),
    "mse": lambda a, y: np.mean((a - y) ** 2),
    "cross_entropy": lambda a, y: -np.sum(y * np.log(a)),
    "bce": lambda a, y: -np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)),
}


@pytest.mark.parametrize("loss", list(LOSSES))
def test_the_graph_views_cost_and_term_slopes_follow_each_loss(client: TestClient, loss: str) -> None:
    output = LOSSES[loss].needs_output or "tanh"
    body = {"model": {"sizes": [2, 2, 3], "activations": ["sigmoid", output], "loss": loss,
                      "weights": [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, -0.55], [0.1, 0.2]]],
                      "biases": [[0.35, 0.35], [0.6, 0.1, -0.2]]},
            "inputs": [[0.05, 0.1]], "targets": [[0.0, 1.0, 0.0] if loss == "cross_entropy" else [0.2, 0.9, 0.0]], "learning_rate": 0.5}
    step = client.post("/api/step", json=body).json()
    graph = client.post("/api/graph", json={**body, "sample": 0}).json()
    a, y = np.array(step["layers"][-1]["a"][0]), np.array(body["targets"][0])
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes["C"]["value"] == pytest.approx(BY_HAND[loss](a, y), rel=1e-12)
    # each term's slope ∂term/∂a, by hand: (a − y)² → 2(a − y); −y log a → −y/a; the bce term → (a − y)/(a(1 − a))
    slope = {"cross_entropy": -y / a, "bce": (a - y) / (a * (1 - a))}.get(loss, 2 * (a - y))
    edges = {e["to"]: e for e in graph["edges"] if e["to"].startswith("t.")}
    assert [edges[f"t.{j}"]["local"] for j in range(3)] == pytest.approx(slope, rel=1e-12)


@pytest.mark.parametrize("loss", list(LOSSES))
def test_the_title_slide_writes_the_loss_in_its_records_words(loss: str) -> None:
    from app.export.slides.deck import network_words

    words = network_words({"model": {"sizes": [2, 2, 2], "activations": ["sigmoid", "sigmoid"], "loss": loss}, "learning_rate": 0.5})
    assert f"cost: {LOSSES[loss].notation.words}," in words
    assert not re.search(rf"\b{loss}\b", words)
