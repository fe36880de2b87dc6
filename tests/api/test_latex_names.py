"""The notebook's LaTeX names every activation as its notation record says, the new ones included."""

from __future__ import annotations

import pytest

from app.engine.activations import ACTIVATIONS
from app.engine.trace import Model, build_steps
from app.export.latex import latex


@pytest.mark.parametrize("name", [n for n, a in ACTIVATIONS.items() if not a.output_only])
def test_each_activation_is_written_in_latex_by_its_record(name: str) -> None:
    steps = build_steps(Model([2, 2, 1], [name, "linear"], "mse", [], []), 0.5, True, 1)
    equations = {(s["layer"], s["quantity"]): s["equation"] for s in steps}
    tex = ACTIVATIONS[name].notation.latex
    assert latex(equations[1, "a"]) == rf"a^{{[1]}} = {tex}(z^{{[1]}})"
    assert latex(equations[1, "delta"]).endswith(rf"\odot {tex}'(z^{{[1]}})")


def test_gelu_and_softplus_are_operator_names() -> None:
    assert latex("a[1] = gelu(z[1])") == r"a^{[1]} = \operatorname{gelu}(z^{[1]})"
    assert latex("δ[1] = ∂C/∂a[1] ⊙ softplus′(z[1])").endswith(r"\odot \operatorname{softplus}'(z^{[1]})")
