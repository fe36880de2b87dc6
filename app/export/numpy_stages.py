"""The NumPy statement of every stage of a step: one owner for the NumPy script and the notebook.

A template names its layer `{l}` and the layer before it `{p}`. The script fills them with its loop
variable (`l`, `l - 1`); the notebook fills them with numbers, one cell per stage. Each statement
is the engine's arithmetic in the engine's order of operations (app/engine/network.py and
optimizers.py), so both print /api/step's numbers to the last bit.
"""

from __future__ import annotations

from app.engine.losses import LOSSES
from app.engine.optimizers import OPTIMIZERS

Z = "z[{l}] = a[{p}] @ W[{l}].T + b[{l}]  # z[l] = W[l] a[l-1] + b[l], shape (batch, n_l)"
A = "a[{l}] = sigma[{l}](z[{l}])  # a[l] = σ_l(z[l])"
COSTS = "costs = cost_per_sample(z[L], a[L], y)  # C_x, shape (batch,)"
SLOPE = "slope[{l}] = sigma_slope[{l}](z[{l}], a[{l}])  # σ_l′(z[l]), shape (batch, n_l)"
GRAD_A_OUTPUT = "grad_a[L] = grad_a_output(a[L], y)  # ∂C_x/∂a[L] from the loss"
GRAD_W = "grad_W[{l}] = delta[{l}].T @ a[{p}] / batch  # ∂C/∂W[l] = mean over the batch of δ[l] a[l-1]ᵀ"
GRAD_B = "grad_b[{l}] = delta[{l}].mean(axis=0)  # ∂C/∂b[l] = mean over the batch of δ[l]"
DELTA_HIDDEN = "delta[{p}] = grad_a[{p}] * slope[{p}]  # δ[l-1] = ∂C_x/∂a[l-1] ⊙ σ_{l-1}′(z[l-1])"
CARRY = {
    False: "grad_a[{p}] = delta[{l}] @ W[{l}]  # ∂C_x/∂a[l-1] = W[l]ᵀ δ[l]: a sum over every neuron it feeds",
    True: ("grad_a[{p}] = delta[{l}] @ (W[{l}] - learning_rate * grad_W[{l}])  # THE MISTAKE (teaching mode): "
           "δ carried back through weights already updated"),
}


def delta_output(direct: bool, loss: str) -> str:
    """δ[L]: a[L] − y where the output's slope cancels against the loss, else ∂C_x/∂a[L] ⊙ σ_L′(z[L])."""
    if direct:
        return f"delta[L] = a[L] - y  # δ[L] = a[L] − y: with {LOSSES[loss].notation.direct_words} the σ′ factor cancels"
    return "delta[L] = grad_a[L] * slope[L]  # δ[L] = ∂C_x/∂a[L] ⊙ σ_L′(z[L])"


def update(optimizer: str, update_biases: bool) -> list[str]:
    """The statements that update W[l] and b[l] into W_new[l] and b_new[l] (and the optimizer state).

    The state lists are m_W, m_b (momentum's velocity or Adam's first moment) and v_W, v_b (Adam's
    second moment) before the step, m_W_new, … after it, so that running a statement again gives
    the same numbers; Adam's `t` counts this update too.
    """
    record = OPTIMIZERS[optimizer].notation
    if record.numpy:  # the rule's own function (its record's NumPy source), with its state arrays and its count
        keys = list(record.state)
        outs = ", ".join(["{P}_new[{l}]", *(f"{k}_{{P}}_new[{{l}}]" for k in keys)])
        args = ", ".join(["{P}[{l}]", "grad_{P}[{l}]", *(f"{k}_{{P}}[{{l}}]" for k in keys), *(["t"] if record.counts_steps else [])])
        rule = f"{outs} = {optimizer}_step({args})"
    else:
        rule = "{P}_new[{l}] = {P}[{l}] - learning_rate * grad_{P}[{l}]  # {P}[l] ← {P}[l] − η ∂C/∂{P}[l]"
    keep = "b_new[{l}] = b[{l}].copy()  # b[l] stays as it is (update_biases is off)"
    return [rule.replace("{P}", "W"), rule.replace("{P}", "b") if update_biases else keep]


FORWARD_FUNCTION = '''def forward(W, b):
    """z[l] and a[l] of every layer, and the per-sample costs C_x."""
    z = [None] * (L + 1)
    a = [x] + [None] * L  # a[0] = the inputs
    for l in range(1, L + 1):
        @Z@
        @A@
    @COSTS@
    return z, a, costs'''


def at(template: str, l: int | str, indent: str = "") -> str:
    """A template for layer `l` (a number, or the loop variable's name), indented by `indent`."""
    p = l - 1 if isinstance(l, int) else f"{l} - 1"
    return indent + template.replace("{l}", str(l)).replace("{p}", str(p))


def forward_function() -> str:
    """`forward(W, b)`: the forward pass and the per-sample costs, for the cost after the update."""
    return (FORWARD_FUNCTION.replace("@Z@", at(Z, "l")).replace("@A@", at(A, "l"))
            .replace("@COSTS@", COSTS))
