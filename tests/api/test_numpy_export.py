"""POST /api/export/numpy: the script, run on its own with NumPy only, prints /api/step's numbers."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.engine.activations import ACTIVATIONS
from app.engine.losses import LOSSES

ALLOWED_IMPORTS = {"numpy", "json", "sys"}


def export(client: TestClient, body: dict, preset: str | None = None) -> str:
    r = client.post("/api/export/numpy", json=body, params={"preset": preset} if preset else None)
    assert r.status_code == 200, r.text
    return r.text


def run_script(source: str, tmp_path: Path) -> tuple[dict, dict]:
    """Run the script in a fresh interpreter; return its JSON line and its readable lines, parsed."""
    path = tmp_path / "script.py"
    path.write_text(source, encoding="utf-8")
    done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    readable: dict[str, object] = {}
    name = None
    for line in done.stdout.splitlines():
        if line.startswith(" ") and name:  # array2string continues long arrays on the next lines
            readable[name] += line  # type: ignore[operator]
        else:
            name, _, value = line.partition(" = ")
            readable[name] = value
    data = json.loads(readable.pop("json"))  # type: ignore[arg-type]
    return data, {k: ast.literal_eval(v) for k, v in readable.items()}  # type: ignore[arg-type]


def imported_modules(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add((node.module or "").split(".")[0])
    return names


def close(got: object, want: object) -> None:
    np.testing.assert_allclose(np.array(got, dtype=float), np.array(want, dtype=float), rtol=1e-12, atol=1e-300)


def assert_same_step(data: dict, readable: dict, trace: dict) -> None:
    close(data["loss"], trace["loss"])
    close(readable["loss"], trace["loss"])
    close(data["loss_after"], trace["loss_after"])
    close(np.array(data["losses"])[trace["samples"]], trace["losses"])
    for l, layer in enumerate(trace["layers"], start=1):
        close(data["grad_weights"][l - 1], layer["grad_weights"])
        close(data["grad_biases"][l - 1], layer["grad_biases"])
        close(readable[f"grad_weights[{l}]"], layer["grad_weights"])
        close(readable[f"grad_biases[{l}]"], layer["grad_biases"])
        close(readable[f"updated_weights[{l}]"], trace["updated"]["weights"][l - 1])
        close(readable[f"updated_biases[{l}]"], trace["updated"]["biases"][l - 1])
    close(data["updated"]["weights"][-1], trace["updated"]["weights"][-1])


def random_tanh_mse() -> dict:
    rng = np.random.default_rng(7)
    return {
        "model": {"sizes": [3, 5, 4, 2], "activations": ["tanh", "tanh", "tanh"], "loss": "mse",
                  "init": {"scheme": "xavier", "seed": 11}},
        "inputs": rng.normal(size=(6, 3)).tolist(),
        "targets": rng.uniform(-1, 1, size=(6, 2)).tolist(),
        "learning_rate": 0.3,
    }


@pytest.mark.parametrize("name", ["mazur", "iris", "random"])
def test_the_script_prints_the_apis_loss_gradients_and_updated_weights(
        client: TestClient, tmp_path: Path, name: str) -> None:
    body = random_tanh_mse() if name == "random" else client.get(f"/api/presets/{name}").json()
    source = export(client, body, None if name == "random" else name)
    trace = client.post("/api/step", json=body).json()
    data, readable = run_script(source, tmp_path)
    assert_same_step(data, readable, trace)


def test_the_script_imports_only_numpy_and_the_standard_library(client: TestClient, mazur: dict) -> None:
    source = export(client, mazur, "mazur")
    assert imported_modules(source) <= ALLOWED_IMPORTS
    assert "numpy" in imported_modules(source)
    assert "app" not in source.split('"""')[-1].split()  # never `import app`


def test_weights_drawn_from_init_are_written_into_the_script(client: TestClient) -> None:
    body = random_tanh_mse()
    source = export(client, body)
    drawn = client.post("/api/step", json=body).json()["model"]["weights"]
    assert repr(drawn[0][0][0]) in source
    assert "weights and biases drawn from init xavier, seed 11" in source


@pytest.mark.parametrize("activation", sorted(name for name, a in ACTIVATIONS.items() if not a.output_only))
def test_every_hidden_activation_matches(client: TestClient, tmp_path: Path, activation: str) -> None:
    body = {**random_tanh_mse(), "model": {"sizes": [3, 4, 2], "activations": [activation, "linear"],
                                          "loss": "sse", "init": {"scheme": "normal", "seed": 3}}}
    assert_same_step(*run_script(export(client, body), tmp_path), client.post("/api/step", json=body).json())


@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_every_loss_matches(client: TestClient, tmp_path: Path, loss: str) -> None:
    output = {"cross_entropy": "softmax", "bce": "sigmoid"}.get(loss, "sigmoid")
    targets = [[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]] if loss in ("cross_entropy", "bce") else [[0.2, -0.4]] * 3
    body = {"model": {"sizes": [2, 3, 2], "activations": ["leaky_relu", output], "loss": loss,
                      "init": {"scheme": "uniform", "seed": 5}},
            "inputs": [[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0]], "targets": targets, "learning_rate": 0.1}
    assert_same_step(*run_script(export(client, body), tmp_path), client.post("/api/step", json=body).json())


def test_the_teaching_mistake_is_reproduced_too(client: TestClient, tmp_path: Path) -> None:
    body = {**random_tanh_mse(), "hidden_uses_updated_weights": True, "update_biases": False}
    source = export(client, body)
    assert "THE MISTAKE" in source
    assert_same_step(*run_script(source, tmp_path), client.post("/api/step", json=body).json())


def test_class_index_targets_become_one_hot_rows(client: TestClient, tmp_path: Path) -> None:
    body = {"model": {"sizes": [2, 3], "activations": ["softmax"], "loss": "cross_entropy"},
            "inputs": [[1.0, 2.0], [0.5, -1.0]], "targets": [2, 0]}
    assert_same_step(*run_script(export(client, body), tmp_path), client.post("/api/step", json=body).json())


def test_the_answer_is_a_python_attachment_named_for_the_preset(client: TestClient, mazur: dict) -> None:
    r = client.post("/api/export/numpy", json=mazur, params={"preset": "deep-sigmoid"})
    assert r.headers["content-type"].startswith("text/x-python")
    assert r.headers["content-disposition"] == 'attachment; filename="backprop_lens_deep_sigmoid.py"'
    plain = client.post("/api/export/numpy", json=mazur)
    assert plain.headers["content-disposition"] == 'attachment; filename="backprop_lens_model.py"'
    compile(r.text, "backprop_lens_deep_sigmoid.py", "exec")


def test_the_size_limits_apply(client: TestClient, mazur: dict, settings) -> None:
    big = {**mazur, "model": {"sizes": [2, settings.max_units + 1, 2], "activations": ["sigmoid", "sigmoid"],
                              "loss": "half_sse"}}
    r = client.post("/api/export/numpy", json=big)
    assert r.status_code == 422 and "at most" in r.json()["detail"][0]["msg"]


@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
@pytest.mark.parametrize("update_biases", [True, False])
def test_momentum_and_adam_with_a_state_in_are_reproduced(
        client: TestClient, tmp_path: Path, optimizer: str, update_biases: bool) -> None:
    body = {**random_tanh_mse(), "update_biases": update_biases, "optimizer": optimizer}
    first = client.post("/api/step", json=body).json()
    state = {k: first["optimizer_state"][k] for k in ("t", "m", "v")}
    second = {**body, "optimizer_state": state}
    trace = client.post("/api/step", json=second).json()
    data, readable = run_script(export(client, second), tmp_path)
    assert_same_step(data, readable, trace)
    for key in ("m", "v") if optimizer == "adam" else ("m",):  # momentum's velocity is m
        assert len(data["optimizer_state"][key]) == len(trace["optimizer_state"][key])
        for got, want in zip(data["optimizer_state"][key], trace["optimizer_state"][key]):
            close(got, want)
