"""One gradient-descent step with every intermediate value, and the script of its steps.

`run_step` returns the arrays of network.py plus `steps`: the ordered script the page animates.
Each step names its phase, layer and quantity, carries a plain-text equation in the notation of
DESIGN.md and lists the (layer, quantity) values it reads; it never copies arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from app.engine.activations import ACTIVATIONS
from app.engine.losses import LOSSES
from app.engine.network import (
    Backward,
    Forward,
    Model,
    backward,
    forward,
    output_delta_is_direct,
)
from app.engine.optimizers import OPTIMIZERS, OptimizerState, apply_update

Array = np.ndarray

@dataclass(frozen=True, eq=False)
class Script:
    """The ordered steps of one model shape. Every step of that shape shares one Script (it is
    remembered), so its dicts are read, never changed; it is hashed by identity."""

    steps: tuple[dict, ...]

    def copies(self) -> list[dict]:
        """The steps as new dicts, for a caller that may change them."""
        return [{**s, "reads": [dict(r) for r in s["reads"]]} for s in self.steps]


@dataclass
class StepResult:
    model: Model
    forward: Forward
    backward: Backward
    updated_weights: list[Array]
    updated_biases: list[Array]
    script: Script
    diverged: bool
    diverged_at: dict | None
    loss_after: float  # the batch cost of the updated model: the "second-round error"

    @property
    def steps(self) -> list[dict]:
        """The script of steps, as the caller's own copies."""
        return self.script.copies()


def _step(phase: str, layer: int, quantity: str, equation: str, title: str, description: str,
          reads: list[tuple[int, str]]) -> dict:
    return {
        "phase": phase,
        "layer": layer,
        "quantity": quantity,
        "equation": equation,
        "title": title,
        "description": description,
        "reads": [{"layer": layer_, "quantity": q} for layer_, q in reads],
    }


def build_steps(model: Model, learning_rate: float, update_biases: bool, batch: int,
                mistaken: bool = False, optimizer: str = "sgd") -> list[dict]:
    """The ordered script: forward z and a per layer, loss, backward from the output, update."""
    L = model.depth
    steps: list[dict] = []
    for l in range(1, L + 1):
        sym = ACTIVATIONS[model.activations[l - 1]].symbol
        steps.append(_step(
            "forward", l, "z", f"z[{l}] = W[{l}] a[{l-1}] + b[{l}]", f"z of layer {l}",
            f"Each neuron of layer {l} weighs the activations of layer {l-1} and adds its bias.",
            [(l, "weights"), (l - 1, "a"), (l, "biases")]))
        steps.append(_step(
            "forward", l, "a", f"a[{l}] = {sym}(z[{l}])", f"a of layer {l}",
            f"Each neuron of layer {l} passes its weighted sum through {ACTIVATIONS[model.activations[l - 1]].notation.words}.",
            [(l, "z")]))
    loss = LOSSES[model.loss]
    mean = " averaged over the batch" if batch > 1 else ""
    steps.append(_step(
        "loss", L, "loss", loss.formula.format(a=f"a[{L}]"),
        "loss", f"The cost compares the output a[{L}] with the target y{mean}.", [(L, "a")]))
    steps.append(_step(
        "backward", L, "grad_a", f"∂C/∂a[{L}] = " + loss.notation.grad_a.format(L=L),
        f"∂C/∂a of layer {L}", "How much the cost changes when each output changes.", [(L, "a")]))
    if output_delta_is_direct(model):
        eq, why = f"δ[{L}] = a[{L}] − y", "With this output and loss the factors cancel to a − y."
    else:
        sym = ACTIVATIONS[model.activations[-1]].symbol
        eq, why = f"δ[{L}] = ∂C/∂a[{L}] ⊙ {sym}′(z[{L}])", "The output error scaled by each neuron's slope."
    steps.append(_step("backward", L, "delta", eq, f"δ of layer {L}", why, [(L, "grad_a"), (L, "z")]))
    for l in range(L, 0, -1):
        per = "averaged over the batch" if batch > 1 else "for this sample"
        steps.append(_step(
            "backward", l, "grad_weights", f"∂C/∂W[{l}] = δ[{l}] a[{l-1}]ᵀ", f"∂C/∂W of layer {l}",
            f"Each weight's gradient is its input activation times the error of the neuron it feeds, {per}.",
            [(l, "delta"), (l - 1, "a")]))
        steps.append(_step(
            "backward", l, "grad_biases", f"∂C/∂b[{l}] = δ[{l}]", f"∂C/∂b of layer {l}",
            "A bias adds 1 · b to z, so its gradient is the neuron's error itself.", [(l, "delta")]))
        if l > 1:
            sym = ACTIVATIONS[model.activations[l - 2]].symbol
            if mistaken:
                eq = f"∂C/∂a[{l-1}] = (W[{l}] − η ∂C/∂W[{l}])ᵀ δ[{l}]"
                why = (f"The mistake: layer {l}'s weights were already updated, so the error travels back "
                       "through the new weights instead of the ones that produced it.")
            else:
                eq = f"∂C/∂a[{l-1}] = W[{l}]ᵀ δ[{l}]"
                why = (f"Each neuron of layer {l-1} sums the errors of every neuron it feeds, weighted by "
                       "the connection.")
            steps.append(_step("backward", l - 1, "grad_a", eq, f"∂C/∂a of layer {l-1}", why,
                               [(l, "weights"), (l, "delta")]))
            steps.append(_step(
                "backward", l - 1, "delta", f"δ[{l-1}] = ∂C/∂a[{l-1}] ⊙ {sym}′(z[{l-1}])", f"δ of layer {l-1}",
                "That sum, scaled by the neuron's own slope, is its error.", [(l - 1, "grad_a"), (l - 1, "z")]))
    for l in range(L, 0, -1):
        eq, why = _update_rule(optimizer, l, update_biases)
        steps.append(_step("update", l, "update", f"{eq}  (η = {learning_rate:g})", f"update of layer {l}", why,
                           [(l, "grad_weights"), (l, "grad_biases")]))
    for i, s in enumerate(steps):
        s["index"] = i
    return steps


def _update_rule(optimizer: str, l: int, update_biases: bool) -> tuple[str, str]:
    """The update step's equation for W[l] (and b[l]) under `optimizer`, and what it says: its notation record's."""
    record = OPTIMIZERS[optimizer].notation
    biases = record.script_biases if update_biases else "b[{l}] unchanged"
    return f"{record.script};  {biases}".replace("{l}", str(l)), record.why


@lru_cache(maxsize=256)
def script(sizes: tuple[int, ...], activations: tuple[str, ...], loss: str, learning_rate: float,
           update_biases: bool, batched: bool, mistaken: bool, optimizer: str) -> Script:
    """build_steps for a model of this shape, remembered: a classroom asks for the same few scripts
    again and again. The Script is shared; a caller that changes steps takes `copies()`."""
    # The script reads the model's shape, activations and loss, never its parameters.
    shape = Model(list(sizes), list(activations), loss, [], [])
    return Script(tuple(build_steps(shape, learning_rate, update_biases, 2 if batched else 1, mistaken, optimizer)))


def _all_finite(result: StepResult) -> bool:
    """True when every value the script shows is finite (the usual case), from one sum per array:
    a sum is finite only if every term is (a finite sum that overflows falls to the slow check)."""
    f, b = result.forward, result.backward
    arrays = [*f.z, *f.a[1:], f.costs, *b.grad_a[:-1], *b.delta, *b.grad_weights, *b.grad_biases,
              *result.updated_weights, *result.updated_biases]
    return bool(np.isfinite([np.add.reduce(x, axis=None) for x in arrays]).all())


def _value_of(result: StepResult, layer: int, quantity: str) -> list[Array]:
    f, b, i = result.forward, result.backward, layer - 1
    return {
        "z": lambda: [f.z[i]],
        "a": lambda: [f.a[layer]],
        "loss": lambda: [f.costs],
        "grad_a": lambda: [b.grad_a[i]],
        "delta": lambda: [b.delta[i]],
        "grad_weights": lambda: [b.grad_weights[i]],
        "grad_biases": lambda: [b.grad_biases[i]],
        "update": lambda: [result.updated_weights[i], result.updated_biases[i]],
    }[quantity]()


def run_step(model: Model, inputs: Array, targets: Array, learning_rate: float,
             update_biases: bool = True, hidden_uses_updated_weights: bool = False,
             optimizer: str = "sgd", state: OptimizerState | None = None) -> StepResult:
    """Forward, backward and one update on one batch; flags the first non-finite step.

    `optimizer` with its `state` (advanced in place) chooses the update rule; the teaching mistake
    `hidden_uses_updated_weights` carries δ back through weights already updated with plain SGD
    (see network.backward)."""
    with np.errstate(all="ignore"):
        fwd = forward(model, inputs, targets)
        back = backward(model, fwd, targets, learning_rate if hidden_uses_updated_weights else None)
        depth = model.depth
        params = model.weights + (model.biases if update_biases else [])
        grads = back.grad_weights + (back.grad_biases if update_biases else [])
        new = apply_update(optimizer, params, grads, learning_rate, state if state is not None else OptimizerState())
        weights = new[:depth]
        biases = new[depth:] if update_biases else [b.copy() for b in model.biases]
        if state is not None:
            state.steps += 1
        after = Model(model.sizes, model.activations, model.loss, weights, biases)
        loss_after = forward(after, inputs, targets).cost
    shared = script(tuple(model.sizes), tuple(model.activations), model.loss, learning_rate, update_biases,
                    inputs.shape[0] > 1, hidden_uses_updated_weights, optimizer)
    result = StepResult(model, fwd, back, weights, biases, shared, False, None, loss_after)
    steps = shared.steps
    if _all_finite(result) and np.isfinite(loss_after):
        return result
    for s in steps:
        # grad_a may be infinite where a sigmoid or softmax output saturates while δ stays finite;
        # that is a property of the formula, not a diverged run.
        if s["quantity"] == "grad_a" and s["layer"] == model.depth:
            continue
        if not all(np.isfinite(v).all() for v in _value_of(result, s["layer"], s["quantity"])):
            result.diverged = True
            result.diverged_at = {k: s[k] for k in ("index", "phase", "layer", "quantity")}
            break
    if not result.diverged and not np.isfinite(loss_after):
        # every value of the script is finite, but the updated model's cost overflows: the last
        # step (the update) made it, and `loss_after` is what overflowed
        result.diverged = True
        result.diverged_at = {"index": steps[-1]["index"], "phase": steps[-1]["phase"],
                              "layer": steps[-1]["layer"], "quantity": "loss_after"}
    return result
