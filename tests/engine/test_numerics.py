"""Every activation's slope and every loss's ∂C/∂a agree with central differences."""

from __future__ import annotations

import numpy as np
import pytest

from app.engine.activations import ACTIVATIONS
from app.engine.losses import LOSSES, stable_loss_from_z

H = 1e-6


@pytest.mark.parametrize("name", [n for n, a in ACTIVATIONS.items() if a.elementwise])
def test_activation_slope_matches_central_difference(name: str) -> None:
    act = ACTIVATIONS[name]
    z = np.array([-3.1, -0.7, -0.2, 0.3, 0.9, 2.4])  # away from relu's kink at 0
    numeric = (act.value(z + H) - act.value(z - H)) / (2 * H)
    assert np.allclose(act.slope(z, act.value(z)), numeric, rtol=1e-6, atol=1e-9)


def test_softmax_slope_is_the_diagonal_of_its_jacobian() -> None:
    act = ACTIVATIONS["softmax"]
    z = np.array([[0.2, -1.0, 0.5]])
    for i in range(3):
        dz = np.zeros_like(z)
        dz[0, i] = H
        numeric = (act.value(z + dz) - act.value(z - dz))[0, i] / (2 * H)
        assert act.slope(z, act.value(z))[0, i] == pytest.approx(numeric, rel=1e-6)


def test_sigmoid_is_stable_for_large_inputs() -> None:
    sig = ACTIVATIONS["sigmoid"]
    z = np.array([-800.0, -40.0, 0.0, 40.0, 800.0])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        a = sig.value(z)
        slope = sig.slope(z, a)
    assert a[0] == 0.0 and a[-1] == 1.0 and a[2] == 0.5
    assert np.all(np.isfinite(slope)) and slope[1] > 0


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_loss_gradient_matches_central_difference(name: str) -> None:
    loss = LOSSES[name]
    a = np.array([[0.3, 0.6, 0.1], [0.2, 0.2, 0.6]])
    y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    grad = loss.grad_a(a, y)
    for s in range(2):
        for i in range(3):
            da = np.zeros_like(a)
            da[s, i] = H
            numeric = (loss.value(a + da, y) - loss.value(a - da, y))[s] / (2 * H)
            assert grad[s, i] == pytest.approx(numeric, rel=1e-5, abs=1e-9)


def test_bce_from_z_is_finite_where_the_output_saturates() -> None:
    z = np.array([[60.0], [-60.0], [800.0]])
    y = np.array([[0.0], [1.0], [0.0]])
    costs = stable_loss_from_z("bce", "sigmoid", z, y)
    assert costs is not None
    assert np.allclose(costs, [60.0, 60.0, 800.0])


def test_cross_entropy_from_z_uses_log_softmax() -> None:
    z = np.array([[1000.0, 0.0, -1000.0]])
    costs = stable_loss_from_z("cross_entropy", "softmax", z, np.array([[0.0, 1.0, 0.0]]))
    assert costs is not None and costs[0] == pytest.approx(1000.0)
