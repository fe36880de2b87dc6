"""How far one Adam update moves a parameter, measured on the engine's own Adam: about η for a steady
gradient, more for a growing one, never past the Cauchy–Schwarz bound the Train view's hint quotes."""

from __future__ import annotations

import numpy as np

from app.engine.datasets import make_dataset
from app.engine.network import Model, init_parameters
from app.engine.optimizers import ADAM_BETA1 as B1
from app.engine.optimizers import ADAM_BETA2 as B2
from app.engine.optimizers import OptimizerState, apply_update
from app.engine.training import train


def bound(t: float) -> float:
    """max |m̂|/√v̂ after t updates, derived by hand: m̂ = (1−β₁)/(1−β₁ᵗ) Σ β₁ᵏ g₍t−k₎, v̂ = (1−β₂)/(1−β₂ᵗ) Σ β₂ᵏ g²₍t−k₎,
    and Cauchy–Schwarz on Σ (β₁ᵏ/β₂^(k/2)) (β₂^(k/2) g) gives the factor √(Σ rᵏ), r = β₁²/β₂."""
    r = B1 * B1 / B2
    p = (lambda b: 0.0) if t == np.inf else (lambda b: b**t)
    return (1 - B1) / (1 - p(B1)) * np.sqrt((1 - p(B2)) / (1 - B2)) * np.sqrt((1 - p(r)) / (1 - r))


def moves(optimizer: str, steps: int, lr: float) -> list[np.ndarray]:
    """|Δparameter| / η of every weight and bias at each of `steps` full-batch steps on iris."""
    data = make_dataset("iris", standardize=True)
    w, b = init_parameters([4, 5, 3], "he", 0)
    run = train(Model([4, 5, 3], ["relu", "softmax"], "cross_entropy", w, b), data.inputs, data.targets,
                learning_rate=lr, steps=steps, optimizer=optimizer)
    out = []
    for before, after in zip(run.snapshots, run.snapshots[1:]):
        out.append(np.concatenate([np.abs(x - y).ravel() / lr for x, y in
                                   zip(before.weights + before.biases, after.weights + after.biases)]))
    return out


def test_adam_on_iris_moves_a_bias_more_than_eta_and_never_past_the_bound() -> None:
    per_step = moves("adam", 200, 0.01)
    assert np.allclose(per_step[0], 1.0, atol=1e-5)  # step 1: η · sign(g), every parameter
    # step 50: the output layer's biases (the last 3 parameters) move 1.43 η, more than "up to η"
    assert per_step[49][-3:].max() > 1.4
    assert per_step[49][-3:].max() < bound(50)  # 1.61 η at t = 50
    for t, m in enumerate(per_step, start=1):
        assert m.max() <= bound(t) + 1e-9
    assert max(m.max() for m in per_step) < (1 - B1) / np.sqrt(1 - B2)  # on iris, below Kingma and Ba's 3.16 too


def test_the_bound_is_reached_by_a_gradient_growing_by_beta2_over_beta1() -> None:
    state, p = OptimizerState(), [np.zeros(1)]
    for t in range(1, 301):
        old = p[0].copy()
        p = apply_update("adam", p, [np.array([(B2 / B1) ** t])], 1.0, state)
        assert abs(p[0] - old)[0] <= bound(t) + 1e-9
    assert np.isclose(abs(p[0] - old)[0], bound(300), rtol=1e-6)
    assert 7.27 < bound(np.inf) < 7.271  # 0.1 / √(0.001 · (1 − 0.81 / 0.999)), by hand 7.2703


def test_a_gradient_after_a_long_quiet_spell_moves_close_to_kingma_and_bas_bound() -> None:
    state, p = OptimizerState(), [np.zeros(1)]
    for t in range(1, 5001):
        old = p[0].copy()
        p = apply_update("adam", p, [np.array([1.0 if t == 5000 else 0.0])], 1.0, state)
    spike = (1 - B1) / np.sqrt(1 - B2) * np.sqrt(1 - B2**5000) / (1 - B1**5000)
    assert np.isclose(abs(p[0] - old)[0], spike, rtol=1e-6)
    assert 3.1 < spike < (1 - B1) / np.sqrt(1 - B2)
