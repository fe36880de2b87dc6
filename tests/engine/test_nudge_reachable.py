"""A nudge the network can really make: a softmax output moves through its z (every output recomputed,
so they still sum to 1), and an activation pushed where no z takes it is flagged as unreachable."""

from __future__ import annotations

import numpy as np
import pytest

from app.engine.nudge import nudge
from app.engine.presets import PRESETS
from app.schemas import ModelSpec
from app.service.convert import build_model


def _preset(name: str):
    body = PRESETS[name].build()
    return build_model(ModelSpec(**body["model"])), np.array(body["inputs"], float), np.array(body["targets"], float)


def _iris_by_hand(model, x: np.ndarray, y: np.ndarray, dz0: float) -> tuple[np.ndarray, float, np.ndarray]:
    """Plain NumPy: relu hidden layer, softmax output with z₀ moved by dz0, cross-entropy. (a, C_x, δ at dz0 = 0)."""
    w1, w2 = model.weights
    b1, b2 = model.biases
    z = w2 @ np.maximum(w1 @ x + b1, 0) + b2
    z[0] += dz0
    a = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    return a, float(-(y * np.log(a)).sum()), a - y


def test_iris_output_nudged_through_z_keeps_the_outputs_summing_to_one_and_matches_numpy() -> None:
    model, x, y = _preset("iris")
    r = nudge(model, x, y, "z", 2, 0, sample=0, delta=0.7, points=5)
    a, cost, _ = _iris_by_hand(model, x[0], y[0], 0.0)
    a_nudged, nudged_cost, _ = _iris_by_hand(model, x[0], y[0], 0.7)
    assert np.isclose(a_nudged.sum(), 1.0)
    assert r.cost == pytest.approx(cost, rel=1e-12)
    assert r.nudged_cost == pytest.approx(nudged_cost, rel=1e-12)
    assert r.actual < 0 and r.gradient < 0  # sample 0 is class 0: raising z₀ lowers the cost, δ₀ = a₀ − 1 < 0
    assert nudged_cost > 0 and r.reachable  # a cross-entropy of outputs that sum to 1 stays positive


def test_the_z_nudge_moves_the_cost_by_delta_times_dz_to_first_order() -> None:
    model, x, y = _preset("iris")
    _, _, delta = _iris_by_hand(model, x[0], y[0], 0.0)
    for j in range(3):  # a target-0 output too: its δ = a − 0 ≠ 0, and the cost does move
        r = nudge(model, x, y, "z", 2, j, sample=0, delta=1e-5, points=3)
        assert r.gradient == pytest.approx(delta[j], rel=1e-12)
        assert r.actual == pytest.approx(delta[j] * 1e-5, rel=1e-4)
        assert abs(r.actual) > 0


def test_the_old_activation_nudge_of_a_softmax_output_is_flagged_unreachable() -> None:
    """a₀ moved alone by 0.7: the outputs sum to 1.70 and the 'cross-entropy' is negative; the report says no input gives that."""
    model, x, y = _preset("iris")
    r = nudge(model, x, y, "activation", 2, 0, sample=0, delta=0.7, points=3)
    assert not r.reachable
    a, _, _ = _iris_by_hand(model, x[0], y[0], 0.0)
    assert (a + np.array([0.7, 0, 0])).sum() == pytest.approx(1.7)


@pytest.mark.parametrize(("name", "layer", "delta", "ok"), [
    ("mazur", 2, 0.001, True),  # a sigmoid output stays inside (0, 1)
    ("mazur", 2, 0.5, False),  # o₁ ≈ 0.75 + 0.5 is past 1: no z gives it
    ("mazur", 2, -0.9, False),  # ≈ −0.15: below 0
    ("iris", 1, -50.0, False),  # a relu below 0
    ("iris", 1, 50.0, True),  # any positive relu value is some z
    ("xor", 0, -40.0, True),  # an input is given: any value is a sample
])
def test_an_activation_outside_its_range_is_unreachable(name: str, layer: int, delta: float, ok: bool) -> None:
    model, x, y = _preset(name)
    r = nudge(model, x, y, "activation", layer, 0, sample=0, delta=delta, points=3)
    assert r.reachable is ok
