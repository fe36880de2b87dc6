"""The shape of a notation record: how an activation, a loss or an optimizer is written, beside its arithmetic.

Each entry of the registries (activations.py, losses.py, optimizers.py) carries one record. Everything that writes
an activation or a loss reads it there: the step script's captions (trace.py), the catalogue and
the step answer (so the page's formulas, Graph view and local derivatives), the LaTeX and NumPy
exports, the PyTorch bridge and the tests' PyTorch reference. Adding an activation is one entry.

A value template is a tree of JSON lists the page renders as MathML and plain text, twice: in
symbols (z written z₁⁽¹⁾) and with numbers (z written -0.3225). Its nodes:
  ["z"] z · ["z*"] z as an operand (a negative number in parentheses) · ["-z"] −z · ["n", "1"] a number
  · ["i", "e"] a letter · ["c", "negative_slope"] a constant of the record · ["f", "max", x] a function
  · ["+", x, y, …] · ["−", x, y] · ["·", x, y, …] a product (juxtaposed in symbols) · ["/", x, y]
  · ["^", x, y] · ["()", x] · [",", x, y] · ["√", x] · ["Σexp"] Σᵢ e^zᵢ over the whole layer.
`value_chain` says what the caption a = … chains: "symbol" (σ(z)), "symbols" (the tree in symbols),
"numbers" (the tree with numbers).

A slope template is text with holes the page fills for one neuron: {z}, {a} (numbers as written),
{(z)}, {(a)} (in parentheses when negative), {-z}, {z>0} ("> 0" or "≤ 0") and each constant by name;
`slope_written` adds {form} (the general form), {numbers} (slope_numbers filled) and {slope} (the
engine's slope).

A loss's templates (LossNotation) use the same nodes and, for one output j of the last layer: ["a"] its
activation, ["y"] its target, ["y*"] the target as an operand, ["nL"] the number of outputs (n in
symbols), ["neg", x] a leading minus, ["cat", x, y] juxtaposed with nothing between, ["··", x, y] a
product written · in symbols too, ["·_", x, y] a product spaced in symbols ("y log a") and written ·
with numbers, ["[]", x] square brackets, ["(/)", x, y] a fraction written (x/y) in plain text.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar

TEMPLATE_HOLES = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class TorchCounterpart:
    """The torch.nn module that computes the same function: its class name and the constructor's
    arguments the engine's arithmetic fixes (a module built otherwise is refused by the bridge)."""

    module: str
    kwargs: dict[str, Any] = field(default_factory=dict)


class _Served:
    """A record as the catalogue serves it (all of it) and as the step answer carries it (what the page writes it
    from: without the fields named in `_not_on_page`)."""

    _not_on_page: ClassVar[tuple[str, ...]] = ("numpy",)

    def page(self) -> dict[str, Any]:
        record = asdict(self)  # type: ignore[call-overload]
        for name in self._not_on_page:
            del record[name]
        return record

    def catalogue(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@dataclass(frozen=True)
class ActivationNotation(_Served):
    _not_on_page = ("numpy", "torch")

    symbol: str  # how formulas name it: σ, tanh, relu
    words: str  # in a sentence: "passes z through the sigmoid"
    latex: str  # its name in LaTeX: \sigma, \tanh, \operatorname{relu}
    value: tuple  # a = σ(z) as a value template (see above)
    value_chain: tuple[str, ...]
    slope: str  # the general form of σ′: "a(1 − a)"
    slope_matrix: str  # the same over a layer's matrices: "A ⊙ (1 − A)"
    slope_numbers: str  # one neuron's numbers: "{(a)} · (1 − {(a)})"
    slope_written: str  # the whole line: "{form} = {numbers} = {slope}"
    torch: TorchCounterpart
    numpy: str  # the NumPy source the exports define: <name>(z) and <name>_slope(z, a)
    constants: dict[str, float] = field(default_factory=dict)  # numbers the formulas hold besides z
    # the values it can produce, (low, high, low included), and that in words; None: every real number
    value_range: tuple[float, float, bool] | None = None
    range_words: str | None = None
    # each output depends on every z of its layer (softmax): the slope is only the diagonal of a full
    # Jacobian, δ is a sum over every output, and a nudge of one output moves its z, not a alone
    full_jacobian: bool = False



@dataclass(frozen=True)
class LossCost:
    """How the page writes C_x = sign · scale · Σ_j term(a_j, y_j), in symbols and with one sample's numbers."""

    term: tuple  # one output's term as a template: ("^", ("()", ("−", a, y*)), 2) for (a − y)²
    sign: str = ""  # "−" before the sum (cross-entropy)
    scale: tuple | None = None  # a constant factor before the sum: ½, (1/n)
    # the term where y is exactly "0" or "1", as the numbers write it (None: the term vanishes)
    term_when: dict[str, tuple | None] = field(default_factory=dict)


@dataclass(frozen=True)
class LossNotation(_Served):
    words: str  # its name in words: "half the sum of squared errors"
    formula: str  # the per-sample cost, {a} standing for the output activations: "C = ½ Σ ({a} − y)²"
    cost: LossCost  # the same, as templates the page writes with numbers
    grad_a: str  # ∂C/∂a[L] in the step script's notation, {L} the output layer: "a[{L}] − y"
    grad: tuple  # ∂C/∂a of one output as a template: ("−", a, y*)
    grad_form: str  # the same in general form, plain text: "a − y"
    grad_words: str  # what ∂C/∂a says, in words: "how far it missed"
    graph_term: str  # the Graph view's name of one output's term: "(a − y)²"
    graph_slope: str  # the Graph view's name of the term's slope ∂term/∂a: "2(a−y)"
    graph_cost: str  # the Graph view's name of the sum of the terms: "½ Σ"
    numpy: str  # cost_per_sample(z_L, a_L, y) and grad_a_output(a_L, y) for the exports
    torch: str  # the PyTorch counterpart, in words, for the bridge's documentation
    direct_with: str | None = None  # the output whose slope cancels against it: δ[L] = a[L] − y
    direct_words: str | None = None  # that pair in words: "softmax and cross-entropy"
    # a constant factor that cancels in ∂C/∂a: the derivative before it cancels (½ · 2(a − y)) and why
    grad_from: tuple | None = None
    grad_note: str | None = None
    delta_why: str | None = None  # the δ caption's name for ∂C/∂a at the output, when it is plainer than the default



@dataclass(frozen=True)
class UpdateLine:
    """One line of an update rule, as the page writes it for one weight: target ← rule = … = its new value.

    `target` is "p" (the parameter: its new value is the answer's `updated`) or a key of the optimizer's
    state ("m", "v": the new value is the answer's optimizer_state); `symbol` writes a state's target
    (momentum's velocity is held in m and written v). The rule is a template of the value templates'
    nodes and, for one parameter: ["p"] the parameter before the step, ["g"] its gradient (["g*"] as an
    operand), ["η"] the learning rate, ["s", key, symbol] a state array before the step and ["s'", key,
    symbol] after it (as operands), ["hat", key, symbol] its bias-corrected value (the answer's
    optimizer_moments), ["1-c", name] one minus a constant, ["·s", x, y] a product spaced in symbols.
    `chain` says what the line writes after ←: "symbols", "numbers" (then = the new value)."""

    target: str
    rule: tuple
    symbol: str | None = None
    chain: tuple[str, ...] = ("symbols", "numbers")


@dataclass(frozen=True)
class OptimizerHint:
    """What the Train view says when the learning rate suits plain SGD but not this rule: above `above`,
    `text` with holes {lr} (η), {lr*name} (η times a figure or constant, or a number) and {name}
    (a figure or constant, two significant digits)."""

    above: float
    text: str


@dataclass(frozen=True)
class OptimizerNotation(_Served):
    words: str  # its name in words, as the page offers it: "Adam"
    summary: str  # the rule in one line, with its constants by symbol: "momentum: v ← μ v + ∂C/∂W, W ← W − η v"
    constants: dict[str, float]  # its numbers, by name (the step answer's optimizer_constants)
    constant_symbols: dict[str, str]  # how each constant is written: {"momentum": "μ"}
    state: dict[str, str]  # the state arrays it keeps, by key, in words: {"m": "velocity"}
    counts_steps: bool  # whether it keeps a step count t (Adam's bias correction)
    script: str  # the step script's equation for W[{l}]
    script_biases: str  # what the equation adds when biases update too, with {l}
    why: str  # what the update step says
    update: tuple[UpdateLine, ...]  # the caption's lines for one weight
    bias_lines: bool  # the caption writes the same lines for the bias (else "biases likewise")
    sentence: str  # the caption's sentence: holes {W} {w} {w_new} {lr} {(g)} {t} and each state's {hat_m} …, each constant by name
    figures: dict[str, float] = field(default_factory=dict)  # numbers the hint quotes, worked out from the constants
    hint: OptimizerHint | None = None
    numpy: str = ""  # the exports' `<name>_step(p, g, *state[, t])`; empty: the plain step, written inline
    torch: TorchCounterpart = TorchCounterpart("SGD")  # the torch.optim class that takes the same steps, and its arguments



def numpy_source(name: str, value: Callable, slope: Callable, preamble: str = "") -> str:
    """The exports' `<name>(z)` and `<name>_slope(z, a)`: the engine's own two functions, as written
    (so the exported script computes with the engine's arithmetic, bit for bit)."""
    parts = [inspect.getsource(value), inspect.getsource(slope)]
    for fn, wanted in zip((value, slope), (name, f"{name}_slope")):
        if fn.__name__ != wanted:
            raise ValueError(f"{name}: the export needs functions named {wanted}, got {fn.__name__}")
    return "\n" + preamble + "\n\n".join(p.rstrip() + "\n" for p in parts)


# Builders of value templates, so that a registry entry reads like its formula.
Z, Z_OPERAND, MINUS_Z, SUM_EXP = ("z",), ("z*",), ("-z",), ("Σexp",)


def n(text: str) -> tuple:
    return ("n", text)


def i(letter: str) -> tuple:
    return ("i", letter)


def c(name: str) -> tuple:
    return ("c", name)


def f(name: str, arg: tuple) -> tuple:
    return ("f", name, arg)


def op(symbol: str, *args: tuple) -> tuple:
    return (symbol, *args)
