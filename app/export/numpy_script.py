"""The NumPy script export: a standalone .py that rebuilds one network with its concrete weights
and data, runs the same forward pass, backward pass and update as /api/step, and prints the same
numbers with every digit. The script imports NumPy and the standard library only."""

from __future__ import annotations

import re

import numpy as np

from app import __version__
from app.engine.network import Model, output_delta_is_direct
from app.engine.optimizers import OPTIMIZERS, OptimizerState
from app.export import numpy_stages as stages
from app.export.numpy_snippets import ACTIVATION_CODE, OPTIMIZER_CODE, loss_code
from app.export.numpy_stages import at

_SAFE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_WRAP = 96  # characters of numbers per line in array literals


def script_filename(preset: str | None) -> str:
    """`backprop_lens_<preset>.py`, or `backprop_lens_model.py` without a (well-formed) preset name."""
    name = preset.replace("-", "_") if preset and _SAFE_NAME.match(preset) else "model"
    return f"backprop_lens_{name}.py"


def _row(values: np.ndarray, indent: str) -> str:
    """`[v, v, …]` with repr of each float64 (exact round trip), wrapped under `indent`."""
    lines, line = [], ""
    for text in (repr(float(v)) for v in values):
        if line and len(line) + len(text) > _WRAP:
            lines.append(line.rstrip())
            line = ""
        line += text + ", "
    lines.append(line.rstrip(", "))
    return "[" + f"\n{indent} ".join(lines) + "]"


def batch_source(inputs: np.ndarray, targets: np.ndarray) -> str:
    """x, y and batch as source."""
    return "\n".join([f"x = {_literal(inputs)}  # a[0], shape {inputs.shape}",
                      f"y = {_literal(targets)}  # targets, shape {targets.shape}",
                      "batch = x.shape[0]"])


def _literal(values: np.ndarray, indent: str = "") -> str:
    """A NumPy array as Python source: np.array([…]) or one row per line."""
    if values.ndim == 1:
        return f"np.array({_row(values, indent + '         ')})"
    rows = "\n".join(f"{indent}    {_row(r, indent + '    ')}," for r in values)
    return f"np.array([\n{rows}\n{indent}])"


def _header(model: Model, inputs: np.ndarray, learning_rate: float, preset: str | None, origin: str,
            optimizer: str) -> str:
    rule = ("W[l] ← W[l] − η ∂C/∂W[l]             b[l] ← b[l] − η ∂C/∂b[l]" if not OPTIMIZER_CODE[optimizer]
            else f"then every W[l] and b[l] moves by the {optimizer} rule ({optimizer}_step below)")
    made = f"the preset {preset!r} as set on the page" if preset else "a model posted to the API"
    batch = inputs.shape[0]
    return f'''#!/usr/bin/env python3
"""One gradient-descent step of a dense network, exported by Backprop Lens {__version__}
from {made}.

Network: sizes {list(model.sizes)}, activations {", ".join(model.activations)}, loss {model.loss},
learning rate η = {learning_rate!r}, {batch} sample{"s" if batch != 1 else ""}; {origin}.
Needs NumPy only:  python {script_filename(preset)}

It runs the forward pass, the backward pass and the update the page shows, and prints the batch
cost, every gradient and the updated parameters with every digit of float64, then one line
"json = {{…}}" with the same numbers. They equal POST /api/step's answer for the same request.

Notation (as on the page): layers l = 0..L, layer 0 is the input; every list below holds layer l
at position l. W[l] has shape (n_l, n_{{l-1}}); W[l][j][k] is the weight from neuron k of layer
l-1 to neuron j of layer l.
  z[l] = W[l] a[l-1] + b[l]            a[l] = σ_l(z[l])
  C    = mean over the batch of the per-sample costs C_x
  δ[l] = ∂C_x/∂z[l]                    δ[L] = ∂C_x/∂a[L] ⊙ σ_L′(z[L])
  ∂C_x/∂a[l-1] = W[l]ᵀ δ[l]            δ[l-1] = ∂C_x/∂a[l-1] ⊙ σ_{{l-1}}′(z[l-1])
  ∂C/∂W[l] = mean over the batch of δ[l] a[l-1]ᵀ      ∂C/∂b[l] = mean over the batch of δ[l]
  {rule}
Per-sample arrays hold one row per sample, shape (batch, n_l), so W[l] a[l-1] is a[l-1] @ W[l].T.
"""

import json
import sys

import numpy as np

np.set_printoptions(floatmode="unique", threshold=sys.maxsize, linewidth=120)  # every digit, never "…"
'''


def parameters(model: Model, update_biases: bool) -> str:
    """L, sizes, σ_l and σ_l′ per layer, every W[l] and b[l] as literals, and update_biases."""
    L = model.depth
    names = ", ".join(model.activations)
    slopes = ", ".join(f"{a}_slope" for a in model.activations)
    keep = "" if update_biases else "  # b[l] stays as it is (update_biases is off)"
    out = [
        f"L = {L}  # layers after the input",
        f"sizes = {list(model.sizes)}  # n_0, n_1, …, n_L",
        f"sigma = [None, {names}]  # σ_l",
        f"sigma_slope = [None, {slopes}]  # σ_l′",
        "",
        "W = [None] * (L + 1)",
        "b = [None] * (L + 1)",
    ]
    for l in range(1, L + 1):
        w, bias = model.weights[l - 1], model.biases[l - 1]
        out.append(f"W[{l}] = {_literal(w)}  # shape {w.shape}")
        out.append(f"b[{l}] = {_literal(bias)}  # shape {bias.shape}")
    out.append(f"update_biases = {update_biases!r}{keep}")
    return "\n".join(out)


def state_source(model: Model, optimizer: str, update_biases: bool, state: OptimizerState | None) -> str:
    """The optimizer state before the step as source: m_W, m_b (and v_W, v_b) per layer, and Adam's t.

    Empty for sgd. A request's state holds one array per W[l], then one per b[l] when biases are
    updated (app/engine/optimizers.py); without one the state starts at zero, as the engine's does."""
    record = OPTIMIZERS[optimizer].notation
    if not record.state:
        return ""
    state = state or OptimizerState()
    L = model.depth
    params = {"W": model.weights, "b": model.biases}
    out = []
    for key, what in record.state.items():
        held = getattr(state, key) if state.m else []
        for P in ("W", "b") if update_biases else ("W",):
            out.append(f"{key}_{P}, {key}_{P}_new = [None] * (L + 1), [None] * (L + 1)  # the {what} of each {P}[l], before and after")
            for l in range(1, L + 1):
                i = l - 1 if P == "W" else L + l - 1
                value = held[i] if i < len(held) else np.zeros_like(params[P][l - 1])
                out.append(f"{key}_{P}[{l}] = {_literal(np.asarray(value, dtype=float))}")
    if record.counts_steps:
        out.append(f"t = {state.t + 1}  # Adam's step count, this update included (bias correction 1 − βᵗ)")
    return "\n".join(out)


def definitions(model: Model, optimizer: str) -> list[str]:
    """The functions the step needs: each activation used, the loss, the optimizer's update rule."""
    used = list(dict.fromkeys(model.activations))
    return [
        "# --- activations: each value with its slope σ′(z) beside it ---",
        *(ACTIVATION_CODE[name] for name in used),
        f"\n# --- the loss ({model.loss}): the per-sample cost C_x and ∂C_x/∂a[L] ---",
        loss_code(model.loss),
        *([f"\n# --- the optimizer ({optimizer}) ---", OPTIMIZER_CODE[optimizer]] if OPTIMIZER_CODE[optimizer] else []),
    ]


def _run(model: Model, mistaken: bool, optimizer: str, update_biases: bool) -> str:
    """Forward, backward and update over every layer, in loops."""
    backward = [
        "slope = [None] * (L + 1)",
        "for l in range(1, L + 1):",
        at(stages.SLOPE, "l", "    "),
        "grad_a = [None] * (L + 1)  # ∂C_x/∂a[l], shape (batch, n_l), each sample's own cost",
        "delta = [None] * (L + 1)  # δ[l] = ∂C_x/∂z[l], shape (batch, n_l)",
        "grad_W = [None] * (L + 1)  # ∂C/∂W[l], shape (n_l, n_{l-1}), a batch mean",
        "grad_b = [None] * (L + 1)  # ∂C/∂b[l], shape (n_l,), a batch mean",
        stages.GRAD_A_OUTPUT,
        stages.delta_output(output_delta_is_direct(model), model.loss),
        "for l in range(L, 0, -1):",
        at(stages.GRAD_W, "l", "    "),
        at(stages.GRAD_B, "l", "    "),
        "    if l > 1:",
        at(stages.CARRY[mistaken], "l", "        "),
        at(stages.DELTA_HIDDEN, "l", "        "),
    ]
    rule = "W[l] ← W[l] − η ∂C/∂W[l]" if not OPTIMIZER_CODE[optimizer] else f"the {optimizer} rule"
    updates = ["W_new = [None] * (L + 1)", "b_new = [None] * (L + 1)", "for l in range(1, L + 1):",
               *(at(line, "l", "    ") for line in stages.update(optimizer, update_biases))]
    return "\n".join([
        "\n", stages.forward_function(), "", "",
        "# --- forward pass ---", "z, a, costs = forward(W, b)", "C = costs.mean()  # the batch cost C: the mean of C_x", "",
        "# --- backward pass: every gradient, from the output back, before any parameter changes ---", *backward, "",
        f"# --- update: {rule}, every parameter at once ---", *updates,
        "C_after = forward(W_new, b_new)[2].mean()  # the batch cost after the step",
    ]) + _PRINT.replace("@STATE@", _state_json(optimizer))


def _state_json(optimizer: str) -> str:
    """The state after the step as /api/step's optimizer_state holds it: every W[l], then every updated b[l]
    (an array the rule does not keep is an empty list)."""
    kept = OPTIMIZERS[optimizer].notation.state
    if not kept:
        return ""
    lists = {key: (f"[{key}.tolist() for {key} in {key}_W_new[1:] + ({key}_b_new[1:] if update_biases else [])]" if key in kept else "[]")
             for key in ("m", "v")}
    return f"""
    "optimizer_state": {{"m": {lists["m"]},
                        "v": {lists["v"]}}},"""


_PRINT = '''

# --- the numbers, every digit ---


def show(name, value):
    print(f"{name} = {np.array2string(value, separator=', ')}")


print(f"loss = {float(C)!r}")
for l in range(1, L + 1):
    show(f"grad_weights[{l}]", grad_W[l])
    show(f"grad_biases[{l}]", grad_b[l])
for l in range(1, L + 1):
    show(f"updated_weights[{l}]", W_new[l])
    show(f"updated_biases[{l}]", b_new[l])
print(f"loss_after = {float(C_after)!r}")
print("json = " + json.dumps({  # the same numbers with the API's names; layer l at position l-1
    "loss": float(C),
    "losses": costs.tolist(),
    "grad_weights": [g.tolist() for g in grad_W[1:]],
    "grad_biases": [g.tolist() for g in grad_b[1:]],
    "updated": {"weights": [w.tolist() for w in W_new[1:]], "biases": [v.tolist() for v in b_new[1:]]},@STATE@
    "loss_after": float(C_after),
}))
'''


def numpy_script(
    model: Model,
    inputs: np.ndarray,
    targets: np.ndarray,
    learning_rate: float,
    update_biases: bool = True,
    hidden_uses_updated_weights: bool = False,
    *,
    optimizer: str = "sgd",
    state: OptimizerState | None = None,
    preset: str | None = None,
    origin: str = "weights as given",
) -> str:
    """The source of a NumPy-only script that reproduces run_step(model, inputs, targets, …) exactly.

    `model` holds concrete weights and biases (draw them with init_parameters first); `state` is
    the optimizer state before the step (none: a fresh optimizer); `origin` says where the weights
    came from, for the script's docstring; `preset` names it in the header.
    """
    state_part = state_source(model, optimizer, update_biases, state)
    parts = [
        _header(model, inputs, learning_rate, preset, origin, optimizer),
        *definitions(model, optimizer),
        "\n# --- the network ---",
        parameters(model, update_biases),
        f"learning_rate = {learning_rate!r}  # η",
        *([f"\n# --- the {optimizer} state before this step ---", state_part] if state_part else []),
        "\n# --- the batch: one row per sample ---",
        batch_source(inputs, targets),
        _run(model, hidden_uses_updated_weights, optimizer, update_biases),
    ]
    return "\n".join(parts)
