"""The notebook export: one step as a Jupyter notebook (.ipynb, built with nbformat) that walks the
step script in order. Each stage gets a markdown cell (its title, its formula in LaTeX, its plain
sentence from the engine's step script) and a code cell that computes it with NumPy from the cells
before and prints it with every digit. The NumPy is the script's (numpy_stages.py and the
definitions of numpy_script.py), so the notebook prints /api/step's numbers to the last bit.
"""

from __future__ import annotations

import re

import nbformat
import numpy as np
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from app import __version__
from app.engine.network import Model, output_delta_is_direct
from app.engine.optimizers import OPTIMIZERS, OptimizerState
from app.engine.trace import build_steps
from app.export import numpy_stages as stages
from app.export.latex import latex
from app.export.numpy_script import batch_source, definitions, parameters, state_source
from app.export.numpy_stages import at

_SAFE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")

SETUP = '''import sys

import numpy as np

np.set_printoptions(floatmode="unique", threshold=sys.maxsize, linewidth=120)  # every digit, never "…"


def show(name, value):
    """Print `name = value` with every digit of float64."""
    print(f"{name} = {np.array2string(np.asarray(value), separator=', ')}")


def show_rows(name, value):
    """A per-sample array, one row per sample: the rows of `samples` (as /api/step returns them)."""
    show(name, value[samples])'''

LISTS = '''# Every list holds layer l at position l (position 0 is the input, or unused).
z, a = [None] * (L + 1), [x] + [None] * L  # a[0] = the inputs
slope, grad_a, delta = [None] * (L + 1), [None] * (L + 1), [None] * (L + 1)
grad_W, grad_b = [None] * (L + 1), [None] * (L + 1)
W_new, b_new = [None] * (L + 1), [None] * (L + 1)'''


def notebook_filename(preset: str | None) -> str:
    """`backprop_lens_<preset>.ipynb`, or `backprop_lens_model.ipynb` without a (well-formed) preset name."""
    name = preset.replace("-", "_") if preset and _SAFE_NAME.match(preset) else "model"
    return f"backprop_lens_{name}.ipynb"


def _stage_code(step: dict, model: Model, mistaken: bool, optimizer: str, update_biases: bool) -> list[str]:
    """The statements of one step of the script and the prints that show its numbers (the API's names)."""
    L, l, q = model.depth, step["layer"], step["quantity"]
    if q in ("z", "a"):
        return [at(stages.Z if q == "z" else stages.A, l), f'show_rows("{q}[{l}]", {q}[{l}])']
    if q == "loss":
        return [stages.COSTS, "C = costs.mean()  # the batch cost C: the mean of C_x",
                'print(f"loss = {float(C)!r}")', 'show("losses", costs[samples])']
    if q == "grad_a" and l == L:
        return [stages.GRAD_A_OUTPUT, f'show_rows("grad_a[{L}]", grad_a[L])']
    if q == "grad_a":
        return [at(stages.CARRY[mistaken], l + 1), f'show_rows("grad_a[{l}]", grad_a[{l}])']
    if q == "delta":
        rule = (stages.delta_output(output_delta_is_direct(model), model.loss) if l == L
                else at(stages.DELTA_HIDDEN, l + 1))
        return [at(stages.SLOPE, l), rule, f'show_rows("activation_slope[{l}]", slope[{l}])',
                f'show_rows("delta[{l}]", delta[{l}])']
    if q == "grad_weights":
        return [at(stages.GRAD_W, l), f'show("grad_weights[{l}]", grad_W[{l}])']
    if q == "grad_biases":
        return [at(stages.GRAD_B, l), f'show("grad_biases[{l}]", grad_b[{l}])']
    # the update of layer l
    shown = [f'show("updated_weights[{l}]", W_new[{l}])', f'show("updated_biases[{l}]", b_new[{l}])']
    for key in OPTIMIZERS[optimizer].notation.state:
        shown += [f'show("{key}_W_new[{l}]", {key}_W_new[{l}])'] + (
            [f'show("{key}_b_new[{l}]", {key}_b_new[{l}])'] if update_biases else [])
    return [at(line, l) for line in stages.update(optimizer, update_biases)] + shown


def _intro(model: Model, batch: int, learning_rate: float, optimizer: str, title: str, origin: str) -> str:
    return f"""# One step of backpropagation: {title}

Exported by Backprop Lens {__version__}. Network: sizes {list(model.sizes)}, activations
{", ".join(model.activations)}, loss `{model.loss}`, optimizer `{optimizer}`, learning rate
$\\eta = {learning_rate!r}$, {batch} sample{"s" if batch != 1 else ""}; {origin}.

Run the cells from top to bottom. Each stage of the step has a cell that says what it computes and
a cell that computes it with NumPy from the cells before and prints it with every digit. The
numbers equal the ones `POST /api/step` returns for the same request, and the ones the page shows.

Notation: layer $0$ is the input; $W^{{[l]}}$ has shape $(n_l, n_{{l-1}})$ and $W^{{[l]}}_{{jk}}$ is the
weight from neuron $k$ of layer $l-1$ to neuron $j$ of layer $l$; $z^{{[l]}} = W^{{[l]}} a^{{[l-1]}} + b^{{[l]}}$,
$a^{{[l]}} = \\sigma_l(z^{{[l]}})$, $\\delta^{{[l]}} = \\partial C_x / \\partial z^{{[l]}}$. Each per-sample
array holds one row per sample, so $W^{{[l]}} a^{{[l-1]}}$ is `a[l - 1] @ W[l].T`; the batch cost $C$
is the mean of the per-sample costs $C_x$, and the gradients are those of $C$."""


def step_notebook(
    model: Model,
    inputs: np.ndarray,
    targets: np.ndarray,
    learning_rate: float,
    update_biases: bool = True,
    hidden_uses_updated_weights: bool = False,
    *,
    optimizer: str = "sgd",
    state: OptimizerState | None = None,
    samples: list[int] | None = None,
    title: str = "a network posted to the API",
    origin: str = "weights as given",
) -> NotebookNode:
    """The notebook of run_step(model, inputs, targets, …): valid nbformat 4, not yet executed.

    `samples` are the rows of the per-sample arrays it prints (all of the batch when None), as
    /api/step's `samples`; `state` is the optimizer state before the step."""
    batch = inputs.shape[0]
    rows = list(range(batch)) if samples is None else list(samples)
    steps = build_steps(model, learning_rate, update_biases, batch, hidden_uses_updated_weights, optimizer)
    state_part = state_source(model, optimizer, update_biases, state)
    network = [parameters(model, update_biases), f"learning_rate = {learning_rate!r}  # η",
               *([f"\n# the {optimizer} state before this step", state_part] if state_part else []),
               "\n# the batch: one row per sample", batch_source(inputs, targets),
               f"samples = {rows}  # the rows the per-sample arrays show", "", LISTS]
    cells = [
        new_markdown_cell(_intro(model, batch, learning_rate, optimizer, title, origin)),
        new_code_cell(SETUP),
        new_markdown_cell("## The functions\n\nEach activation with its slope beside it, the loss with its "
                          "derivative" + (", and the optimizer's update rule." if OPTIMIZERS[optimizer].notation.numpy else ".")),
        new_code_cell("\n".join(definitions(model, optimizer)).strip()),
        new_markdown_cell("## The network and the batch\n\nThe weights, biases and samples of this step, every digit."),
        new_code_cell("\n".join(network)),
    ]
    for s in steps:
        text = f"### {s['index'] + 1} / {len(steps)}: {s['title']}\n\n$$\n{latex(s['equation'])}\n$$\n\n{s['description']}"
        code = _stage_code(s, model, hidden_uses_updated_weights, optimizer, update_biases)
        cells += [new_markdown_cell(text), new_code_cell("\n".join(code))]
    cells += [
        new_markdown_cell("## The cost after the step\n\nThe same forward pass with the updated parameters: "
                          "the cost the next step starts from."),
        new_code_cell(stages.forward_function() + "\n\n\nC_after = forward(W_new, b_new)[2].mean()\n"
                      'print(f"loss_after = {float(C_after)!r}")'),
    ]
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    nbformat.validate(nb)
    return nb
