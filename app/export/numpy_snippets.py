"""The source text of every activation, loss and optimizer, as the exported NumPy script spells them.

An activation's and a loss's come from its notation record in the engine's registry (the same
arithmetic as app/engine/activations.py and losses.py, in the same order of operations), so that
the script's numbers equal the API's to the last bit; a test runs every one of them against /api/step.
An activation defines `<name>(z)` and `<name>_slope(z, a)`; a loss defines `cost_per_sample(z_L, a_L, y)`
and `grad_a_output(a_L, y)`; an optimizer with a NumPy source in its record defines `<name>_step(p, g, …)`
(app/engine/optimizers.py).
"""

from __future__ import annotations

from app.engine.activations import ACTIVATIONS
from app.engine.losses import LOSSES
from app.engine.optimizers import OPTIMIZERS

# Read from each entry's notation record: the engine's own functions for an elementwise activation.
ACTIVATION_CODE: dict[str, str] = {name: a.notation.numpy for name, a in ACTIVATIONS.items()}


def loss_code(loss: str) -> str:
    """The loss functions. The schema allows cross_entropy only after softmax and bce only after
    sigmoid, so their costs always come from z, as the engine computes them."""
    return LOSSES[loss].notation.numpy


# An optimizer's `<name>_step` from its record (empty for the plain step, which the script writes inline).
OPTIMIZER_CODE: dict[str, str] = {name: o.notation.numpy for name, o in OPTIMIZERS.items()}
