"""What backprop saves: enumerating every path costs a multiplication per factor after the first on
each path; backprop reuses one δ per neuron. Counts derived by hand from the layer sizes."""

from __future__ import annotations

import numpy as np
import pytest

from app.engine.network import backward, forward
from app.engine.paths import backprop_multiplications, decompose, path_work
from app.engine.presets import PRESETS
from app.schemas import ModelSpec
from app.service.convert import build_model


def _counts(name: str, kind: str, layer: int) -> tuple[int, int, int]:
    body = PRESETS[name].build()
    model = build_model(ModelSpec(**body["model"]))
    x, y = np.array(body["inputs"][:1], dtype=float), np.array(body["targets"][:1], dtype=float)
    fwd = forward(model, x, y)
    found = decompose(model, fwd, backward(model, fwd, y), 0, kind, layer, 0, 0)
    return len(found.paths), found.multiplications, backprop_multiplications(model, kind, layer)


@pytest.mark.parametrize(("name", "kind", "layer", "expected"), [
    # deep-sigmoid 2-8-8-8-8-8-1, sigmoid + bce (δ⁽⁶⁾ = a − y): 8⁴ = 4096 paths of 12 factors
    # (a, σ′, then w and σ′ for layers 2..5, w and δ at the output) → 11 each; backprop: no output
    # slope, Wᵀδ + ⊙σ′ = 8 + 8 at layer 6, 64 + 8 at layers 5..2, then δ·a: 16 + 4·72 + 1 = 305.
    ("deep-sigmoid", "weight", 1, (4096, 45056, 305)),
    # Mazur 2-2-2, half_sse: 2 paths of a, σ′, w, σ′, ∂C/∂a → 4 each; backprop 2 + (4 + 2) + 1 = 9.
    ("mazur", "weight", 1, (2, 8, 9)),
    # an input of Mazur: 4 paths of w, σ′, w, σ′, ∂C/∂a → 4 each; backprop 2 + (4 + 2) + 2·2 = 12.
    ("mazur", "activation", 0, (4, 16, 12)),
    # iris 4-5-3, softmax + cross-entropy: 3 paths of 1, σ′, w, δ → 3 each; backprop 3·5 + 5 = 20.
    ("iris", "bias", 1, (3, 9, 20)),
])
def test_enumeration_against_backprop_multiplications(name: str, kind: str, layer: int, expected: tuple) -> None:
    assert _counts(name, kind, layer) == expected


@pytest.mark.parametrize(("name", "layer", "expected"), [
    # deep-sigmoid 2-8-8-8-8-8-1, sigmoid + bce (δ⁽⁶⁾ = a − y): from a of layer 1, 8⁴ = 4096 paths of
    # w, σ′ for layers 2..5 and w, δ at the output: 10 factors → 9 each, 36864; backprop for the whole
    # layer: Wᵀδ + ⊙σ′ = 8 + 8 at layer 6, 64 + 8 at layers 5..3, then W⁽²⁾ᵀδ⁽²⁾ = 64: 16 + 216 + 64 = 296.
    ("deep-sigmoid", 1, {"paths": 4096, "enumeration_multiplications": 36864, "backprop_multiplications": 296}),
    ("deep-sigmoid", 4, {"paths": 8, "enumeration_multiplications": 24, "backprop_multiplications": 80}),
    # Mazur 2-2-2, half_sse: from a of layer 1, 2 paths of w, σ′, ∂C/∂a → 2 each; backprop 2 + 2·2 = 6.
    ("mazur", 1, {"paths": 2, "enumeration_multiplications": 4, "backprop_multiplications": 6}),
    # iris 4-5-3, softmax + cross-entropy: 3 paths of w, δ → 1 each; backprop: δ⁽²⁾ = a − y needs no
    # slope, then W⁽²⁾ᵀδ⁽²⁾ = 3·5 = 15.
    ("iris", 1, {"paths": 3, "enumeration_multiplications": 3, "backprop_multiplications": 15}),
])
def test_a_hidden_layers_path_work_is_counted_without_listing_the_paths(name: str, layer: int, expected: dict) -> None:
    body = PRESETS[name].build()
    model = build_model(ModelSpec(**body["model"]))
    assert path_work(model, layer) == expected
    count, listed, backprop = _counts(name, "activation", layer)  # the Paths tab's own counts, by listing
    assert expected == {"paths": count, "enumeration_multiplications": listed, "backprop_multiplications": backprop}
