"""Each update rule's notation record (app/engine/optimizers.py): the engine's steps equal those of the
torch.optim class the record names; the hint's figures equal the bounds derived by hand; and every node,
hole and state key the record uses is one the page knows how to write (static/js/notation), so a new
rule in the registry needs no JavaScript."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest

from app.engine.optimizers import OPTIMIZERS, OptimizerState, apply_update

torch = pytest.importorskip("torch")

NOTATION_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "notation"


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_every_rule_takes_the_steps_of_its_torch_counterpart(name: str) -> None:
    rng = np.random.default_rng(4)
    params = [rng.normal(size=(3, 2)), rng.normal(size=3)]
    grads = [[rng.normal(size=p.shape) * 10.0 ** rng.integers(-3, 2) for p in params] for _ in range(6)]
    lr = 0.05
    counterpart = OPTIMIZERS[name].notation.torch
    tensors = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in params]
    reference = getattr(torch.optim, counterpart.module)(tensors, lr=lr, **counterpart.kwargs)
    state, ours = OptimizerState(), params
    for g in grads:
        ours = apply_update(name, ours, g, lr, state)
        for t, gi in zip(tensors, g):
            t.grad = torch.tensor(gi, dtype=torch.float64)
        reference.step()
    for mine, theirs in zip(ours, tensors):
        np.testing.assert_allclose(mine, theirs.detach().numpy(), rtol=1e-12, atol=1e-15)


def test_the_hints_figures_are_the_bounds_derived_by_hand() -> None:
    adam = OPTIMIZERS["adam"].notation.figures
    # (1−β₁)/√(1−β₂) after a quiet spell; t → ∞: (1−β₁)/√((1−β₂)(1−β₁²/β₂)), with β₁ 0.9, β₂ 0.999
    assert adam["spike_bound"] == pytest.approx(0.1 / math.sqrt(0.001), rel=1e-12)
    assert adam["step_bound"] == pytest.approx(0.1 / math.sqrt(0.001 * (1 - 0.81 / 0.999)), rel=1e-12)
    assert OPTIMIZERS["momentum"].notation.figures["growth"] == pytest.approx(10.0)  # 1 / (1 − 0.9)


def _nodes(template: object) -> set[str]:
    """Every node kind of a template (a tree of lists whose first item names the node)."""
    if not isinstance(template, (list, tuple)) or not template or not isinstance(template[0], str):
        return set()
    return {template[0]} | {kind for child in template[1:] for kind in _nodes(child)}


def _page_nodes() -> set[str]:
    source = (NOTATION_JS / "notation.js").read_text(encoding="utf-8")
    return {node for _, node in re.findall(r"""case (['"])(.+?)\1:""", source)}


def test_the_page_renders_every_node_of_every_update_line() -> None:
    page = _page_nodes()
    assert {"p", "g", "η", "s", "s'", "hat", "1-c", "·s", "+", "/"} <= page  # the switch was read
    for name, rule in OPTIMIZERS.items():
        for line in rule.notation.update:
            assert _nodes(line.rule) <= page, (name, _nodes(line.rule) - page)
            assert line.target == "p" or (line.target in rule.notation.state and line.symbol), (name, line)
            assert set(line.chain) <= {"symbols", "numbers"}


def test_every_hole_of_a_sentence_or_hint_is_one_the_page_fills() -> None:
    holes = re.compile(r"\{([^{}]+)\}")
    for name, rule in OPTIMIZERS.items():
        record = rule.notation
        known = {"W", "w", "w_new", "lr", "(g)", "t", *record.constants, *(f"hat_{key}" for key in record.state)}
        assert set(holes.findall(record.sentence)) <= known, name
        if record.hint:
            numbers = {*record.constants, *record.figures}
            for hole in holes.findall(record.hint.text):
                factor = hole.removeprefix("lr*")
                assert hole == "lr" or hole in numbers or factor in numbers or re.fullmatch(r"[0-9.]+", factor), (name, hole)
        assert "{l}" in record.script and record.why


def test_the_step_script_writes_each_rules_equation_from_its_record() -> None:
    from app.engine.network import Model
    from app.engine.trace import build_steps

    shape = Model([2, 2, 2], ["sigmoid", "sigmoid"], "half_sse", [], [])
    for name, rule in OPTIMIZERS.items():
        for biases in (True, False):
            update = build_steps(shape, 0.5, biases, 1, False, name)[-1]
            expected = rule.notation.script.replace("{l}", "1")
            assert update["equation"].startswith(expected), (name, update["equation"])
            assert ("b[1] unchanged" in update["equation"]) is not biases
