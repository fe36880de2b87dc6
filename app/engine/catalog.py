"""The engine's names and the rules that combine them: one catalogue that the schemas validate
with, the API serves (GET /api/catalog) and the page builds its choices from.

Adding an activation, a loss, an optimizer or an init scheme to its registry adds it everywhere
(with its notation record: how the page, the exports and the PyTorch bridge write it);
which activation may feed which loss is read from the registries too (Activation.output_only and
needs_loss, Loss.needs_output and min_outputs).
"""

from __future__ import annotations

from typing import Any

from app.engine.activations import ACTIVATIONS, DEFAULT_HIDDEN
from app.engine.losses import DEFAULT_LOSS, LOSSES, TARGET_OUTPUTS
from app.engine.network import CLASS_THRESHOLD, DEFAULT_INIT_SCHEME, DEFAULT_SEED, INIT_SCHEMES
from app.engine.optimizers import OPTIMIZERS, constants

ACTIVATION_NAMES: tuple[str, ...] = tuple(ACTIVATIONS)
LOSS_NAMES: tuple[str, ...] = tuple(LOSSES)
OPTIMIZER_NAMES: tuple[str, ...] = tuple(OPTIMIZERS)
INIT_NAMES: tuple[str, ...] = tuple(INIT_SCHEMES)

# Where an activation may go, in words (the API's description of `activations`): "softmax only on the output, and only with cross_entropy."
PLACEMENT_RULES = " ".join(f"{a.name} only on the output{f', and only with {a.needs_loss}' if a.needs_loss else ''}."
                           for a in ACTIVATIONS.values() if a.output_only)


def pairs_allowed(output: str, loss: str) -> bool:
    """Whether an output layer with activation `output` may feed the loss `loss`."""
    act, cost = ACTIVATIONS[output], LOSSES[loss]
    return (act.needs_loss in (None, loss)) and (cost.needs_output in (None, output))


def structure_problem(sizes: list[int], activations: list[str], loss: str) -> tuple[str, str] | None:
    """The first rule a network's activations and loss break, as (field, message); None when none.

    Hidden layers take any activation that is not output_only; the output's activation and the
    loss must allow each other; a loss may need a number of output neurons.
    """
    for name in activations[:-1]:
        if ACTIVATIONS[name].output_only:
            return "activations", f"activations: {name} is only allowed on the output layer"
    output, cost = activations[-1], LOSSES[loss]
    needed = ACTIVATIONS[output].needs_loss
    if needed not in (None, loss):
        return "loss", f"loss: a {output} output needs loss {needed}"
    if cost.needs_output not in (None, output):
        return "loss", f"loss: {loss} needs a {cost.needs_output} output"
    if sizes[-1] < cost.min_outputs:
        return "sizes", f"sizes: a {output} output with {loss} needs at least {cost.min_outputs} neurons"
    return None


def catalogue() -> dict[str, Any]:
    """Every name the engine knows, with what the page shows for it and where it may go."""
    return {
        "activations": [{"name": a.name, "symbol": a.symbol, "hidden": not a.output_only, "output": True,
                         "notation": a.notation.catalogue()}
                        for a in ACTIVATIONS.values()],
        "losses": [{"name": c.name, "formula": c.formula, "min_outputs": c.min_outputs,
                    "outputs": [a for a in ACTIVATION_NAMES if pairs_allowed(a, c.name)], "notation": c.notation.catalogue()}
                   for c in LOSSES.values()],
        "optimizers": list(OPTIMIZER_NAMES),
        "optimizer_constants": {name: constants(name) for name in OPTIMIZER_NAMES},
        "optimizer_notation": {name: OPTIMIZERS[name].notation.catalogue() for name in OPTIMIZER_NAMES},
        "classification": {"rule": "the largest output picks the class; a single output picks class 1 from the threshold up",
                           "threshold": CLASS_THRESHOLD},
        "default_loss": DEFAULT_LOSS,
        "default_hidden_activation": DEFAULT_HIDDEN,
        "target_outputs": {kind: {"activation": act, "loss": loss} for kind, (act, loss) in TARGET_OUTPUTS.items()},
        "init_schemes": list(INIT_NAMES),
        "default_init": {"scheme": DEFAULT_INIT_SCHEME, "seed": DEFAULT_SEED},
    }
