"""The page knows GELU and softplus from their notation records alone: no file under static/js names
them, so the engine's registry is the one place that writes them (issue 27, section 2); no file names an
activation, a loss or an optimizer in code."""

from __future__ import annotations

import re
from pathlib import Path

from app.engine.activations import ACTIVATIONS
from app.engine.losses import LOSSES
from app.engine.optimizers import OPTIMIZERS

STATIC_JS = Path(__file__).resolve().parents[2] / "static" / "js"


def test_no_javascript_file_names_gelu_or_softplus() -> None:
    files = sorted(STATIC_JS.rglob("*.js"))
    assert len(files) > 50  # the page's modules are there to be read
    named = [f"{p.relative_to(STATIC_JS)}: {word}" for p in files for word in ("gelu", "softplus")
             if word in p.read_text(encoding="utf-8").lower()]
    assert named == []


def test_the_train_view_holds_no_copy_of_the_optimizers_constants() -> None:
    source = (STATIC_JS / "views" / "train-view.js").read_text(encoding="utf-8")
    assert not [c for c in ("0.9", "0.999", "1e-8") if c in source]


# A loss or an activation named in code: as a string ('bce', "softmax", `mse`) or as a key ({ half_sse: … }).
_LOSSES = tuple(LOSSES)
_ACTIVATIONS = tuple(ACTIVATIONS)
_LITERAL = r"""(['"`]){name}\1"""
_KEY = r"(?<![\w.$'\"`-]){name}\s*:(?!:)"
# Where a name may still stand, and why: none. The neuron pictures' colour ranges are the activation records'
# value_range (drawing/activation-records.js), a new hidden layer's activation is the catalogue's default_hidden_activation.
ALLOWED: set[tuple[str, str]] = set()
_COMMENTS = re.compile(r"/\*[\s\S]*?\*/|(?:^|\s)//.*$", re.MULTILINE)  # what a comment says is not code


def _named(names: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted(STATIC_JS.rglob("*.js")):
        source, where = _COMMENTS.sub("", path.read_text(encoding="utf-8")), str(path.relative_to(STATIC_JS))
        for name in names:
            pattern = f"{_LITERAL.format(name=re.escape(name))}|{_KEY.format(name=re.escape(name))}"
            if (where, name) not in ALLOWED and re.search(pattern, source):
                found.append(f"{where}: {name}")
    return found


def test_no_javascript_file_names_a_loss_softmax_or_the_sigmoid_of_the_bce_pair() -> None:
    """Each loss writes itself from its record (loss_notation), softmax's special cases key on its record's
    full_jacobian, and the outputs that fit a data set's targets are the catalogue's (target_outputs)."""
    assert len(list(STATIC_JS.rglob("*.js"))) > 50
    assert _named((*_LOSSES, "softmax", "sigmoid")) == []


def test_no_javascript_file_names_any_activation() -> None:
    """sigmoid, tanh, relu and every other activation: a picture's scale is its record's range and a new hidden
    layer's activation the catalogue's default, so a registry entry is the one place an activation is written."""
    assert {"sigmoid", "tanh", "relu", "softmax"} <= set(_ACTIVATIONS)
    assert _named(_ACTIVATIONS) == []


def test_no_javascript_file_names_an_optimizer() -> None:
    """sgd, momentum and adam: the update caption, the Train view's offer, hints and tooltip read each rule's notation
    record (optimizer_notation), so a registry entry is the one place an update rule is written."""
    assert {"sgd", "momentum", "adam"} <= set(OPTIMIZERS)
    assert _named(tuple(OPTIMIZERS)) == []


def test_the_check_sees_a_name_in_code_but_not_in_words() -> None:
    pattern = lambda name: f"{_LITERAL.format(name=name)}|{_KEY.format(name=name)}"  # noqa: E731
    named = (("loss === 'half_sse'", "half_sse"), ('x = "bce"', "bce"), ("case `mse`:", "mse"), ("{ sse: 1 }", "sse"),
             ("{half_sse:2}", "half_sse"), ("act === 'softmax'", "softmax"))
    assert all(re.search(pattern(name), text) for text, name in named)
    assert not re.search(pattern("sse"), "the ½ passes: assess half_sse_x")
    assert not re.search(pattern("softmax"), "every softmax output; softmax's Jacobian")
    assert not re.search(pattern("softmax"), _COMMENTS.sub("", "/** softmax: every a_i */ x = 1; // softmax: y"))
