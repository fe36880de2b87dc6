"""What a loss needs and how it pairs with its output are stated on its record (app/engine/losses.py): the cost
from the paired output's z, the targets it accepts and whether class indices become one-hot rows. The network,
the nudge and the request schemas read the records and name no loss and no activation (issue 27, section 2)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from app.engine import losses
from app.engine.activations import ACTIVATIONS
from app.engine.losses import LOSSES, TargetRule
from app.engine.network import forward, lean_pass
from app.engine.nudge import nudge, reachable
from app.engine.presets import PRESETS
from app.schemas import ModelSpec
from app.schemas.requests import BatchRequest
from app.service.convert import build_model

ROOT = Path(__file__).resolve().parents[2]
READERS = ("app/engine/network.py", "app/engine/nudge.py", "app/engine/catalog.py", "app/schemas/requests.py")


@pytest.mark.parametrize("module", READERS)
def test_the_modules_that_apply_a_loss_or_an_activation_name_none(module: str) -> None:
    source = (ROOT / module).read_text(encoding="utf-8")
    names = [*LOSSES, *ACTIVATIONS]
    assert [name for name in names if re.search(rf"""['"]{name}['"]""", source)] == []


def test_the_losses_that_pair_with_an_output_state_their_cost_from_z_on_their_record() -> None:
    paired = {name: cost.needs_output for name, cost in LOSSES.items() if cost.from_z is not None}
    assert paired == {"cross_entropy": "softmax", "bce": "sigmoid"}


def _model(activations: list[str], loss: str, sizes: list[int]) -> tuple:
    rng = np.random.default_rng(3)
    spec = ModelSpec(sizes=sizes, activations=activations, loss=loss)
    model = build_model(spec)
    x = rng.normal(size=(5, sizes[0])) * 4
    return model, x


def test_the_paired_costs_are_the_closed_forms_from_z() -> None:
    """Plain NumPy: cross-entropy of softmax = log Σe^z − Σ y z (y one-hot); bce of sigmoid = Σ softplus(z) − y z."""
    model, x = _model(["tanh", "softmax"], "cross_entropy", [3, 4, 3])
    y = np.eye(3)[[0, 2, 1, 1, 0]]
    fwd = forward(model, x, y)
    z = fwd.z[-1]
    want = np.log(np.exp(z).sum(axis=1)) - (y * z).sum(axis=1)
    assert np.allclose(fwd.costs, want, rtol=1e-13, atol=0)
    assert np.allclose(fwd.a[-1], np.exp(z) / np.exp(z).sum(axis=1, keepdims=True), rtol=1e-13)
    _, _, record = lean_pass(model, x, y, record=True)
    assert record is not None and record.loss == pytest.approx(want.mean(), rel=1e-13)

    model, x = _model(["relu", "sigmoid"], "bce", [3, 4, 2])
    y = np.array([[0, 1], [1, 1], [0, 0], [1, 0], [0.3, 0.7]])
    fwd = forward(model, x, y)
    z = fwd.z[-1]
    assert np.allclose(fwd.costs, (np.log1p(np.exp(z)) - y * z).sum(axis=1), rtol=1e-13)


def test_a_loss_record_without_a_cost_from_z_falls_back_to_its_value(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take bce's closed form off its record: the forward pass then computes −Σ[y log a + (1 − y) log(1 − a)] from a."""
    model, x = _model(["relu", "sigmoid"], "bce", [3, 4, 2])
    y = np.array([[0, 1], [1, 1], [0, 0], [1, 0], [0.3, 0.7]])
    monkeypatch.setitem(losses.LOSSES, "bce", dataclasses.replace(LOSSES["bce"], from_z=None))
    a = forward(model, x, y).a[-1]
    want = -(y * np.log(a) + (1 - y) * np.log(1 - a)).sum(axis=1)
    assert np.allclose(forward(model, x, y).costs, want, rtol=1e-12)


def _batch(loss: str, targets: list) -> BatchRequest:
    output = LOSSES[loss].needs_output or "tanh"
    model = {"sizes": [1, 3], "activations": [output], "loss": loss}
    return BatchRequest(model=model, inputs=[[0.0]] * len(targets), targets=targets)


def test_the_targets_a_loss_accepts_are_its_records(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError, match=r"targets\[1\]: cross_entropy needs one-hot rows"):
        _batch("cross_entropy", [[1, 0, 0], [0.5, 0.5, 0]])
    _batch("mse", [[9, -9, 0.5]])  # mse's record states no rule
    rule = TargetRule(lambda y: (y < 0).any(axis=1), "mse needs targets of 0 or more here")
    monkeypatch.setitem(LOSSES, "mse", dataclasses.replace(LOSSES["mse"], targets=rule))
    with pytest.raises(ValidationError, match=r"targets\[0\]: mse needs targets of 0 or more here"):
        _batch("mse", [[9, -9, 0.5]])


def test_class_indices_are_accepted_where_the_record_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _batch("cross_entropy", [2, 0]).targets == [[0, 0, 1], [1, 0, 0]]
    with pytest.raises(ValidationError, match="class indices are only accepted with cross_entropy; send rows"):
        _batch("mse", [2, 0])
    rule = TargetRule(lambda y: np.zeros(len(y), bool), "any rows", class_indices=True)
    monkeypatch.setitem(LOSSES, "mse", dataclasses.replace(LOSSES["mse"], targets=rule))
    assert _batch("mse", [2, 0]).targets == [[0, 0, 1], [1, 0, 0]]


def test_softmax_states_its_range_and_a_nudge_of_one_output_alone_is_still_unreachable() -> None:
    """Softmax's outputs lie in (0, 1), and the pictures use that; but one output moved alone, even inside (0, 1),
    leaves outputs that do not sum to 1: its record's full_jacobian says so, whatever its range."""
    assert ACTIVATIONS["softmax"].notation.value_range == (0.0, 1.0, False)
    body = PRESETS["iris"].build()
    model = build_model(ModelSpec(**body["model"]))
    x, y = np.array(body["inputs"], float), np.array(body["targets"], float)
    assert model.activations[-1] == "softmax"
    assert [reachable(model, 2, v) for v in (0.01, 0.5, 0.99, 1.5, -0.2)] == [False] * 5
    assert reachable(model, 1, 0.5)  # its relu layer: inside relu's range
    for delta in (-0.001, 0.001, 0.3):
        assert nudge(model, x, y, "activation", 2, 1, sample=0, delta=delta, points=3).reachable is False
    assert nudge(model, x, y, "activation", 2, 1, sample=0, delta=0.0, points=3).reachable is True


def test_the_catalogue_serves_a_new_hidden_layers_activation(client) -> None:
    """The set-up panel's "add a hidden layer" takes it when there is no hidden layer to copy."""
    served = client.get("/api/catalog").json()["default_hidden_activation"]
    assert served in ACTIVATIONS and not ACTIVATIONS[served].output_only
