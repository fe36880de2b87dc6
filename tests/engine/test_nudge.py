"""The nudge: the cost's actual change from a forward pass with the nudged value, against the linear
prediction ∂C/∂(value) · Δ, checked against PyTorch (a second implementation) and finite differences."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from app.engine.network import Model
from app.engine.nudge import nudge
from app.engine.presets import PRESETS
from app.schemas import ModelSpec
from app.service.convert import build_model
from tests import torch_reference as ref


# (kind, layer, j, k) of one weight, one bias, one hidden activation and one input per preset.
def _targets(sizes: list[int]) -> list[tuple[str, int, int, int]]:
    L = len(sizes) - 1
    return [("weight", L, sizes[L] - 1, 0), ("weight", 1, 0, sizes[0] - 1), ("bias", 1, sizes[1] - 1, 0),
            ("activation", 1, 0, 0), ("activation", 0, sizes[0] - 1, 0), ("activation", L, 0, 0)]


def _preset(name: str) -> tuple[Model, np.ndarray, np.ndarray]:
    body = PRESETS[name].build()
    x, y = np.array(body["inputs"], dtype=float), np.array(body["targets"], dtype=float)
    return build_model(ModelSpec(**body["model"])), x[:12], y[:12]


def _torch_cost(model: Model, x: np.ndarray, y: np.ndarray, kind: str, layer: int, j: int, k: int,
                sample: int, delta: float) -> tuple[float, float]:
    """(cost with the value nudged by Δ, d cost / d value at Δ = 0), in PyTorch."""
    weights = [torch.tensor(w) for w in model.weights]
    biases = [torch.tensor(b) for b in model.biases]
    xs, ys = torch.tensor(x), torch.tensor(y)
    if kind == "activation":
        xs, ys = xs[sample:sample + 1], ys[sample:sample + 1]
    d = torch.zeros((), dtype=torch.float64, requires_grad=True)
    a = xs
    for l, (w, b, name) in enumerate(zip(weights, biases, model.activations), start=1):
        if kind == "weight" and l == layer:
            w = w + torch.nn.functional.one_hot(torch.tensor(j), w.shape[0]).double()[:, None] \
                * torch.nn.functional.one_hot(torch.tensor(k), w.shape[1]).double()[None, :] * d
        if kind == "bias" and l == layer:
            b = b + torch.nn.functional.one_hot(torch.tensor(j), b.shape[0]).double() * d
        if kind == "activation" and l - 1 == layer:  # a[layer] held fixed, but for its entry j
            a = a.detach() + torch.nn.functional.one_hot(torch.tensor(j), a.shape[1]).double() * d
        a = ref.ACTIVATIONS[name](a @ w.T + b)
    if kind == "activation" and layer == len(weights):
        a = a.detach() + torch.nn.functional.one_hot(torch.tensor(j), a.shape[1]).double() * d
    cost = ref.PER_SAMPLE_COST[model.loss](a, ys).mean()
    (grad,) = torch.autograd.grad(cost, d)
    return float(_replay(model, xs, ys, weights, biases, kind, layer, j, k, delta)), float(grad)


def _replay(model, xs, ys, weights, biases, kind, layer, j, k, delta) -> float:
    """The cost with the value moved by Δ, plainly: copy, change one number, run forward."""
    weights = [w.clone() for w in weights]
    biases = [b.clone() for b in biases]
    if kind == "weight":
        weights[layer - 1][j, k] += delta
    if kind == "bias":
        biases[layer - 1][j] += delta
    a = xs.clone()
    if kind == "activation" and layer == 0:
        a[:, j] += delta
    for l, (w, b, name) in enumerate(zip(weights, biases, model.activations), start=1):
        a = ref.ACTIVATIONS[name](a @ w.T + b)
        if kind == "activation" and l == layer:
            a = a.clone()
            a[:, j] += delta
    return float(ref.PER_SAMPLE_COST[model.loss](a, ys).mean())


def test_mazur_nudging_w5_by_a_tenth_changes_the_cost_by_0_008153_against_a_prediction_of_0_008217() -> None:
    # Mazur's w5 joins h1 to o1: W[2] row 0 (o1), column 0 (h1) = 0.40; his ∂E/∂w5 = 0.082167041.
    model, x, y = _preset("mazur")
    r = nudge(model, x, y, "weight", 2, 0, 0, delta=0.1)
    assert r.value == 0.40
    assert r.actual == pytest.approx(0.008153, abs=5e-7)
    assert r.predicted == pytest.approx(0.008217, abs=5e-7)
    assert r.gradient == pytest.approx(0.082167041, abs=1e-9)


@pytest.mark.parametrize("name", list(PRESETS))
def test_actual_change_and_slope_equal_pytorchs_for_every_kind_in_every_preset(name: str) -> None:
    model, x, y = _preset(name)
    for kind, layer, j, k in _targets(model.sizes):
        for delta in (0.3, -0.05):
            r = nudge(model, x, y, kind, layer, j, k, sample=1 % len(x), delta=delta, points=5)
            nudged, slope = _torch_cost(model, x, y, kind, layer, j, k, 1 % len(x), delta)
            assert r.nudged_cost == pytest.approx(nudged, rel=1e-10, abs=1e-12, nan_ok=True), (kind, layer, j, k)
            assert r.gradient == pytest.approx(slope, rel=1e-8, abs=1e-12), (kind, layer, j, k)
            assert r.predicted == pytest.approx(slope * delta, rel=1e-8, abs=1e-12)
            assert r.per_sample == (kind == "activation")


@pytest.mark.parametrize("name", list(PRESETS))
def test_the_actual_change_approaches_the_prediction_as_the_nudge_shrinks(name: str) -> None:
    """A central finite difference of the nudged costs is the slope: the derivative is a limit."""
    model, x, y = _preset(name)
    for kind, layer, j, k in _targets(model.sizes):
        h = 1e-5
        up = nudge(model, x, y, kind, layer, j, k, delta=h, points=3)
        down = nudge(model, x, y, kind, layer, j, k, delta=-h, points=3)
        numeric = (up.nudged_cost - down.nudged_cost) / (2 * h)
        assert numeric == pytest.approx(up.gradient, rel=1e-5, abs=1e-8), (kind, layer, j, k)


def test_an_activation_nudge_holds_the_rest_of_its_layer_fixed() -> None:
    """Nudging a hidden a is not nudging its z: the neighbours and the neuron's own slope stay out."""
    model, x, y = _preset("mazur")
    r = nudge(model, x, y, "activation", 1, 0, delta=0.2, points=3)
    h1 = 1 / (1 + np.exp(-(0.15 * 0.05 + 0.20 * 0.10 + 0.35)))
    h2 = 1 / (1 + np.exp(-(0.25 * 0.05 + 0.30 * 0.10 + 0.35)))
    o = 1 / (1 + np.exp(-(np.array([[0.40, 0.45], [0.50, 0.55]]) @ np.array([h1 + 0.2, h2]) + 0.60)))
    assert r.value == pytest.approx(h1, abs=1e-15)
    assert r.nudged_cost == pytest.approx(0.5 * ((o - y[0]) ** 2).sum(), abs=1e-15)


def test_the_curve_is_the_cost_over_the_values_around_the_current_one() -> None:
    model, x, y = _preset("xor")
    r = nudge(model, x, y, "weight", 1, 1, 0, delta=0.5, points=9)
    assert r.values[4] == r.value and r.values[0] == pytest.approx(r.value - 1.0) and r.values[-1] == pytest.approx(r.value + 1.0)
    assert r.costs[4] == pytest.approx(r.cost, abs=1e-15)
    for v, c in zip(r.values[::4], r.costs[::4]):
        expected, _ = _torch_cost(model, x, y, "weight", 1, 1, 0, 0, float(v - r.value))
        assert c == pytest.approx(expected, rel=1e-12)
    wide = nudge(model, x, y, "weight", 1, 1, 0, delta=3.0, points=5)
    assert wide.values[0] == pytest.approx(wide.value - 6.0)  # the nudged value stays on the plot


def test_an_output_nudged_outside_the_losses_domain_has_no_cost() -> None:
    model, x, y = _preset("iris")
    r = nudge(model, x, y, "activation", 2, 0, delta=-5.0, points=11)
    assert np.isnan(r.nudged_cost)
    assert np.isnan(r.costs[0]) and np.isfinite(r.costs[5])
