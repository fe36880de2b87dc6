"""The source text of every activation, loss and optimizer, as the exported NumPy script spells them.

An activation's and a loss's come from its notation record in the engine's registry (the same
arithmetic as app/engine/activations.py and losses.py, in the same order of operations), so that
the script's numbers equal the API's to the last bit; a test runs every one of them against /api/step.
An activation defines `<name>(z)` and `<name>_slope(z, a)`; a loss defines `cost_per_sample(z_L, a_L, y)`
and `grad_a_output(a_L, y)`; an optimizer other than sgd defines `<name>_step(p, g, …)` after
app/engine/optimizers.py.
"""

from __future__ import annotations

from app.engine.activations import ACTIVATIONS
from app.engine.losses import LOSSES
from app.engine.optimizers import ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, MOMENTUM

# Read from each entry's notation record: the engine's own functions for an elementwise activation.
ACTIVATION_CODE: dict[str, str] = {name: a.notation.numpy for name, a in ACTIVATIONS.items()}


def loss_code(loss: str) -> str:
    """The loss functions. The schema allows cross_entropy only after softmax and bce only after
    sigmoid, so their costs always come from z, as the engine computes them."""
    return LOSSES[loss].notation.numpy


OPTIMIZER_CODE: dict[str, str] = {
    "sgd": "",
    "momentum": f'''
MOMENTUM = {MOMENTUM!r}


def momentum_step(p, g, m):
    """v ← {MOMENTUM!r} v + g;  p ← p − η v. Returns the new parameter and the new velocity v (held in m)."""
    m = MOMENTUM * m + g
    return p - learning_rate * m, m
''',
    "adam": f'''
BETA1, BETA2, EPSILON = {ADAM_BETA1!r}, {ADAM_BETA2!r}, {ADAM_EPSILON!r}


def adam_step(p, g, m, v, t):
    """m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − η m̂ / (√v̂ + ε), with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)."""
    m = BETA1 * m + (1 - BETA1) * g
    v = BETA2 * v + (1 - BETA2) * g * g
    c1, c2 = 1 - BETA1**t, 1 - BETA2**t
    return p - learning_rate * (m / c1) / (np.sqrt(v / c2) + EPSILON), m, v
''',
}
