"""POST /api/export/notebook: a valid nbformat notebook that, executed top to bottom by a real
Jupyter kernel, prints /api/step's numbers (every z, a, σ′, ∂C/∂a, δ, gradient, update, optimizer
state and the cost after), for presets and for hypothesis-drawn scenarios of every optimizer,
loss and activation."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

import nbformat
import numpy as np
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from app.engine.catalog import catalogue

# Every name of the engine's catalogue: an activation or loss added to a registry is exported and run too.
HIDDEN = [a["name"] for a in catalogue()["activations"] if a["hidden"]]
LOSSES = [c["name"] for c in catalogue()["losses"]]


@pytest.fixture(scope="module")
def kernel() -> Iterator[KernelManager]:
    """One real IPython kernel for the module; every notebook starts with `%reset -f` in it."""
    km = KernelManager(kernel_name="python3", transport="ipc")
    km.start_kernel()
    yield km
    km.shutdown_kernel(now=True)


def export(client: TestClient, body: dict, preset: str | None = None) -> nbformat.NotebookNode:
    r = client.post("/api/export/notebook", json=body, params={"preset": preset} if preset else None)
    assert r.status_code == 200, r.text
    nb = nbformat.reads(r.text, as_version=4)
    nbformat.validate(nb)
    return nb


def execute(kernel: KernelManager, nb: nbformat.NotebookNode) -> dict[str, object]:
    """Run every cell in order in the kernel, emptied first; return each printed `name = value`."""
    run = nbformat.from_dict(nb)
    run.cells.insert(0, nbformat.v4.new_code_cell("%reset -f"))
    NotebookClient(run, km=kernel, timeout=120).execute()
    text = "".join(o.get("text", "") for c in run.cells if c.cell_type == "code" for o in c.outputs
                   if o.get("name") == "stdout")
    printed: dict[str, object] = {}
    for name, value in re.findall(r"^(\S+) = (.*?)(?=^\S+ = |\Z)", text, flags=re.MULTILINE | re.DOTALL):
        assert name not in printed, f"{name} printed twice"
        printed[name] = ast.literal_eval(re.sub(r"-?\b(?:nan|inf)\b", "None", value))
    return printed


def finite(value: object) -> object:
    """The API's JSON spelling: a non-finite float is null."""
    if isinstance(value, list):
        return [finite(v) for v in value]
    return None if value is None or not np.isfinite(value) else value  # type: ignore[call-overload]


def assert_prints_the_api_numbers(printed: dict, trace: dict) -> None:
    """Every number the API returned for the step, exactly (float64 printed with every digit)."""
    want: dict[str, object] = {"loss": trace["loss"], "losses": trace["losses"], "loss_after": trace["loss_after"]}
    for l, layer in enumerate(trace["layers"], start=1):
        for key in ("z", "a", "activation_slope", "grad_a", "delta", "grad_weights", "grad_biases"):
            want[f"{key}[{l}]"] = layer[key]
        want[f"updated_weights[{l}]"] = trace["updated"]["weights"][l - 1]
        want[f"updated_biases[{l}]"] = trace["updated"]["biases"][l - 1]
    state, L = trace["optimizer_state"], len(trace["layers"])
    for key in {"momentum": ("m",), "adam": ("m", "v")}.get(trace["optimizer"], ()):
        for i, array in enumerate(state[key]):
            want[f"{key}_W_new[{i + 1}]" if i < L else f"{key}_b_new[{i - L + 1}]"] = array
    missing = set(want) - set(printed)
    assert not missing, f"the notebook never prints {sorted(missing)}"
    for name, value in want.items():
        assert finite(printed[name]) == value, f"{name}: notebook {printed[name]} != API {value}"


@pytest.mark.parametrize("preset", ["mazur", "chain", "xor", "iris", "deep-relu"])
def test_each_preset_run_by_a_kernel_prints_the_apis_numbers(client: TestClient, kernel: KernelManager, preset: str) -> None:
    body = client.get(f"/api/presets/{preset}").json()
    trace = client.post("/api/step", json=body).json()
    assert_prints_the_api_numbers(execute(kernel, export(client, body, preset)), trace)


@st.composite
def scenarios(draw: st.DrawFn) -> dict:
    """A /api/step body: any depth, sizes, activations, loss, optimizer (with a state from earlier steps)."""
    depth = draw(st.integers(1, 3))
    loss = draw(st.sampled_from(LOSSES))
    sizes = [draw(st.integers(1, 4)) for _ in range(depth + 1)]
    output = {"cross_entropy": "softmax", "bce": "sigmoid"}.get(loss) or draw(st.sampled_from(HIDDEN))
    if output == "softmax":
        sizes[-1] = max(2, sizes[-1])
    optimizer = draw(st.sampled_from(["sgd", "momentum", "adam"]))
    batch, seed = draw(st.integers(1, 5)), draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    n_out = sizes[-1]
    if loss == "cross_entropy":
        targets = np.eye(n_out)[rng.integers(0, n_out, batch)]
    elif loss == "bce":
        targets = rng.uniform(0, 1, (batch, n_out)).round(2)
    else:
        targets = rng.normal(size=(batch, n_out))
    return {
        "model": {"sizes": sizes, "activations": [draw(st.sampled_from(HIDDEN)) for _ in range(depth - 1)] + [output],
                  "loss": loss, "init": {"scheme": draw(st.sampled_from(["xavier", "he", "uniform", "normal"])), "seed": seed}},
        "inputs": rng.normal(size=(batch, sizes[0])).tolist(),
        "targets": targets.tolist(),
        "learning_rate": draw(st.sampled_from([0.01, 0.1, 0.5, 2.0])),
        "update_biases": draw(st.booleans()),
        "hidden_uses_updated_weights": optimizer == "sgd" and depth > 1 and draw(st.booleans()),
        "optimizer": optimizer,
        "steps_before": 0 if optimizer == "sgd" else draw(st.integers(0, 2)),
    }


@pytest.mark.parametrize("activation", HIDDEN)
def test_every_hidden_activation_run_by_a_kernel_prints_the_apis_numbers(client: TestClient, kernel: KernelManager,
                                                                          activation: str) -> None:
    body = {"model": {"sizes": [3, 4, 2], "activations": [activation, "linear"], "loss": "mse",
                      "init": {"scheme": "normal", "seed": 3}},
            "inputs": [[0.5, -1.0, 2.0], [1.5, 0.25, -3.0]], "targets": [[0.2, -0.4], [1.0, 0.5]], "learning_rate": 0.1}
    trace = client.post("/api/step", json=body).json()
    assert_prints_the_api_numbers(execute(kernel, export(client, body)), trace)


@pytest.mark.slow  # twelve scenarios, each run by a kernel
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios())
def test_any_scenario_run_by_a_kernel_prints_the_apis_numbers(client: TestClient, kernel: KernelManager, scenario: dict) -> None:
    body = dict(scenario)
    for _ in range(body.pop("steps_before")):  # an optimizer state with moments from earlier steps
        state = client.post("/api/step", json=body).json()["optimizer_state"]
        body["optimizer_state"] = {k: state[k] for k in ("t", "m", "v")}
    trace = client.post("/api/step", json=body).json()
    assert_prints_the_api_numbers(execute(kernel, export(client, body)), trace)


def test_each_stage_has_its_formula_in_latex_and_the_step_scripts_sentence(client: TestClient, mazur: dict) -> None:
    nb = export(client, {**mazur, "optimizer": "adam"}, "mazur")
    steps = client.post("/api/step", json={**mazur, "optimizer": "adam"}).json()["steps"]
    stages = [c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("### ")]
    assert len(stages) == len(steps)
    for text, step in zip(stages, steps):
        title, formula, sentence = text.split("\n\n")
        assert title == f"### {step['index'] + 1} / {len(steps)}: {step['title']}"
        assert sentence == step["description"]
        tex = formula.removeprefix("$$\n").removesuffix("\n$$")
        assert tex.isascii(), f"a symbol was not spelled in LaTeX: {tex}"
        assert tex.count("{") == tex.count("}") and "}^" not in tex, tex  # balanced; no double superscript
    first_update = stages[-2]
    assert r"\hat{m}" in first_update and r"\sqrt{\hat{v}}" in first_update


def test_running_the_cells_twice_prints_the_same_numbers(client: TestClient, kernel: KernelManager, mazur: dict) -> None:
    body = {**mazur, "optimizer": "adam", "update_biases": True}
    nb = export(client, body)
    twice = nbformat.from_dict(nb)
    twice.cells += [c for c in nb.cells if c.cell_type == "code" and "show(" in c.source]  # every stage once more
    with pytest.raises(AssertionError, match="printed twice"):  # the parser refuses repeats: compare by hand
        execute(kernel, twice)
    run = nbformat.from_dict(twice)
    run.cells.insert(0, nbformat.v4.new_code_cell("%reset -f"))
    NotebookClient(run, km=kernel, timeout=120).execute()
    outputs = ["".join(o.get("text", "") for o in c.outputs) for c in run.cells if c.cell_type == "code" and "show(" in c.source]
    half = len(outputs) // 2
    assert outputs[:half] == outputs[half:]


def test_every_stage_is_followed_by_the_code_that_computes_it(client: TestClient, mazur: dict) -> None:
    nb = export(client, mazur, "mazur")
    kinds = [c.cell_type for c in nb.cells]
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and cell.source.startswith("### "):
            assert kinds[i + 1] == "code" and "show" in nb.cells[i + 1].source
    assert nb.metadata.kernelspec.name == "python3"
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code")  # not executed: the reader runs it


def test_the_answer_is_an_ipynb_attachment_named_for_the_preset(client: TestClient, mazur: dict) -> None:
    r = client.post("/api/export/notebook", json=mazur, params={"preset": "deep-sigmoid"})
    assert r.headers["content-type"].startswith("application/x-ipynb+json")
    assert r.headers["content-disposition"] == 'attachment; filename="backprop_lens_deep_sigmoid.ipynb"'
    assert "Vanishing gradients" in "".join(r.json()["cells"][0]["source"])
    plain = client.post("/api/export/notebook", json=mazur)
    assert plain.headers["content-disposition"] == 'attachment; filename="backprop_lens_model.ipynb"'
