"""The one owner of a scenario: which page-URL keys shape the computation (KEYS), how each reads,
and how a page state maps to its /api/step request (build_step_body).

Every producer asks this module: the page and /embed (GET /api/scenario), the Share link and
snippet (the catalogue's list of these keys), the standalone file (GET /api/export/standalone),
the scenario file (POST /api/scenario/restore) and the Python module. A value that is not valid
for its key is refused (StateError naming the key), because a file that silently shows another
scenario is worse than an error; the page's URL parser drops such a value before it asks.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from app.config import Settings
from app.engine.activations import DEFAULT_HIDDEN
from app.engine.catalog import INIT_NAMES, LOSS_NAMES, OPTIMIZER_NAMES
from app.engine.network import DEFAULT_INIT_SCHEME, DEFAULT_SEED, init_parameters
from app.engine.optimizers import DEFAULT_OPTIMIZER
from app.export.rules import fits_length, in_range, page_rules, rule_text

MAX_TRACED = 200  # per-sample arrays come back for this many samples at most, so any of them can be inspected
_IDX = r"(?:0|[1-9]\d*)"
EDIT_KEY = re.compile(rf"^(?:W{_IDX}\.{_IDX}\.{_IDX}|b{_IDX}\.{_IDX})$")
# Unambiguous patterns (each digit can belong to one place only), so a failed match costs linear
# time; the text is also capped before it reaches them: MAX_NUMBER_CHARS a number, MAX_VALUE_CHARS a key.
FLOAT_RE = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$", re.IGNORECASE)
INT_RE = re.compile(r"^[+-]?\d+$")
SAFE_INT = 2**53 - 1
MAX_NUMBER_CHARS = 64
MAX_VALUE_CHARS = 50_000
_TOKEN_SEPARATORS = re.compile(r"[,;:]")


@dataclass(frozen=True)
class StateError(ValueError):
    """A query value that is not valid for its key."""

    key: str
    message: str

    def __str__(self) -> str:
        return self.message


def _float(text: str) -> float:
    return float(text) if len(text) <= MAX_NUMBER_CHARS and FLOAT_RE.match(text) else math.nan


def _int(text: str) -> int | None:
    return int(text) if len(text) <= MAX_NUMBER_CHARS and INT_RE.match(text) else None


def _split(text: str, sep: str) -> list[str]:
    return [] if text == "" else text.split(sep)


Rules = dict[str, dict[str, Any]]
Reader = Callable[[str, Rules], Any]


def _int_list(key: str) -> Reader:
    def read(text: str, rules: Rules) -> list[int] | None:
        values = [_int(s) for s in _split(text, ",")]
        ok = fits_length(values, rules[key]) and all(v is not None and abs(v) <= SAFE_INT and in_range(v, rules[key])
                                                     for v in values)
        return values if ok else None  # type: ignore[return-value]
    return read


def _matrix(text: str, _rules: Rules) -> list[list[float]] | None:
    rows = [[_float(c) for c in row.split(",")] for row in _split(text, ";")]
    ok = rows and all(row and len(row) == len(rows[0]) and all(math.isfinite(x) for x in row) for row in rows)
    return rows if ok else None


def _edits(text: str, _rules: Rules) -> dict[str, float] | None:
    out: dict[str, float] = {}
    for item in _split(text, ";"):
        key, colon, value = item.partition(":")
        if not colon or not EDIT_KEY.match(key) or key in out:
            return None
        out[key] = _float(value)
    return out if all(math.isfinite(v) for v in out.values()) else None


def _int_in(key: str) -> Reader:
    def read(text: str, rules: Rules) -> int | None:
        n = _int(text)
        return n if n is not None and in_range(n, rules[key]) else None
    return read


def _one_of(names: tuple[str, ...]) -> Reader:
    return lambda text, _rules: text if text in names else None


def _lr(text: str, rules: Rules) -> float | None:
    x = _float(text)
    return x if math.isfinite(x) and in_range(x, rules["lr"]) else None


def _activations(text: str, rules: Rules) -> list[str] | None:
    names = _split(text, ",")
    return names if fits_length(names, rules["activations"]) and all(re.fullmatch(r"[a-z][a-z0-9_]*", n) for n in names) else None


@dataclass(frozen=True)
class ScenarioKey:
    """One page-URL key that shapes the computation: how its text reads, which request field it
    sets, and a value that differs from every preset's (tests use it to check each producer)."""

    name: str
    sets: tuple[tuple[str, ...], ...]  # the /api/step body fields it decides
    read: Reader  # (URL text, the rules) -> value, or None when the text is not valid for the key
    meaning: str
    example: str
    choices: tuple[str, ...] = ()  # for a name: the ones there are


# Order here is the order the mapping applies them in (build_step_body).
KEYS: tuple[ScenarioKey, ...] = (
    ScenarioKey("preset", (), lambda t, _rules: t if re.fullmatch(r"[A-Za-z0-9_-]{1,40}", t) else None,
                "the preset the body starts from", "xor"),
    ScenarioKey("sizes", (("model", "sizes"),), _int_list("sizes"),
                "neurons per layer, input first; a change draws new weights", "2,3,2"),
    ScenarioKey("activations", (("model", "activations"),), _activations, "one activation per layer after the input",
                "tanh,sigmoid"),
    ScenarioKey("loss", (("model", "loss"),), _one_of(LOSS_NAMES), "the per-sample cost", "sse", LOSS_NAMES),
    ScenarioKey("lr", (("learning_rate",),), _lr, "the learning rate η", "1.25"),
    ScenarioKey("biases", (("update_biases",),), _one_of(("update", "fixed")), "whether the step updates the biases",
                "update", ("update", "fixed")),
    ScenarioKey("optimizer", (("optimizer",),), _one_of(OPTIMIZER_NAMES), "the update rule", "adam", OPTIMIZER_NAMES),
    ScenarioKey("init", (("model", "init"),), _one_of(INIT_NAMES), "how weights are drawn; a change draws new weights",
                "normal", INIT_NAMES),
    ScenarioKey("seed", (("model", "init", "seed"),), _int_in("seed"), "the seed of the drawn weights", "5"),
    ScenarioKey("inputs", (("inputs",), ("samples",)), _matrix, "the batch, one row per sample", "0.2,0.4"),
    ScenarioKey("targets", (("targets",),), _matrix, "the targets, one row per sample", "0.3,0.7"),
    ScenarioKey("edits", (("model", "weights"), ("model", "biases")), _edits,
                "weights and biases typed in, e.g. W2.0.1:0.5;b1.0:-1", "W1.0.0:0.5;b1.1:-0.25"),
)
KEY_BY_NAME = {k.name: k for k in KEYS}
SCENARIO_KEYS = tuple(KEY_BY_NAME)
DEFAULTS: dict[str, Any] = {"preset": "mazur", "edits": {}}


def _check_length(key: str, text: str) -> None:
    """Refuse a value longer than MAX_VALUE_CHARS, or with a number (or edit name) longer than
    MAX_NUMBER_CHARS, before anything parses it."""
    if len(text) > MAX_VALUE_CHARS:
        raise StateError(key, f'"{key}" is {len(text)} characters long; at most {MAX_VALUE_CHARS}')
    if any(len(token) > MAX_NUMBER_CHARS for token in _TOKEN_SEPARATORS.split(text)):
        raise StateError(key, f'"{key}": a number or name is longer than {MAX_NUMBER_CHARS} characters')


def parse_scenario(query: str, settings: Settings | None = None) -> dict[str, Any]:
    """The scenario keys of a page URL's query (other keys are ignored; a key's first value counts).

    Missing keys get their default (None means "from the preset"). Raises StateError for a value
    the page would not accept: the page's rules, made from `settings` (the environment's when none).
    """
    rules = page_rules(settings or Settings())
    params: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        params.setdefault(key, value)
    state: dict[str, Any] = {}
    for key in SCENARIO_KEYS:
        state[key] = copy.deepcopy(DEFAULTS.get(key))
        if key in params:
            _check_length(key, params[key])
            value = KEY_BY_NAME[key].read(params[key], rules)
            if value is None:
                known = KEY_BY_NAME[key].choices
                rule = f"; choose one of {', '.join(known)}" if known else (f"; {rule_text(key, rules)}" if key in rules else "")
                raise StateError(key, f'invalid value for "{key}": {params[key][:80]!r}{rule}')
            state[key] = value
    return state


def _fit(row: list[float], width: int) -> list[float]:
    return [row[i] if i < len(row) else 0 for i in range(width)]


def apply_edit(params: dict[str, Any], key: str, value: float) -> bool:
    """Set "W2.0.1" = W[2][0][1] or "b1.0" = b[1][0] in place; False when it is outside the network."""
    head, *rest = (int(p) for p in key[1:].split("."))
    layer = head - 1
    if layer < 0:
        return False
    if key[0] == "W":
        weights = params.get("weights") or []
        if layer >= len(weights) or rest[0] >= len(weights[layer]) or rest[1] >= len(weights[layer][rest[0]]):
            return False
        weights[layer][rest[0]][rest[1]] = value
        return True
    biases = params.get("biases") or []
    if layer >= len(biases) or rest[0] >= len(biases[layer]):
        return False
    biases[layer][rest[0]] = value
    return True


def _fits_sizes(params: dict[str, Any], sizes: list[int]) -> bool:
    weights = params.get("weights") or []
    return len(weights) == len(sizes) - 1 and all(
        len(w) == sizes[i + 1] and all(len(row) == sizes[i] for row in w) for i, w in enumerate(weights))


def _drawn(model: dict[str, Any]) -> dict[str, Any]:
    # What the server draws when weights are left out: the page gets the same by posting the step first.
    init = model.get("init") or {}
    weights, biases = init_parameters(model["sizes"], init.get("scheme", DEFAULT_INIT_SCHEME), init.get("seed", DEFAULT_SEED))
    return {"weights": [w.tolist() for w in weights], "biases": [b.tolist() for b in biases]}


def build_step_body(preset: dict[str, Any], state: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The /api/step body for `state`, starting from the preset's body (POST /api/scenario serves it).

    Changing sizes, init or seed drops the preset's weights (the server draws them from init);
    edits then apply to the drawn weights. Returns the body and the problems: edits that name a
    parameter outside the network.
    """
    body = copy.deepcopy(preset)
    model = body["model"]
    problems: list[dict[str, str]] = []
    redraw = False
    sizes = state.get("sizes")
    if sizes and sizes != model["sizes"]:
        old = model["activations"]
        depth = len(sizes) - 1

        def hidden(i: int) -> str:
            at = min(i, len(old) - 2)
            return old[at] if 0 <= at < len(old) else DEFAULT_HIDDEN

        model["sizes"] = list(sizes)
        model["activations"] = [old[-1] if i == depth - 1 else hidden(i) for i in range(depth)]
        redraw = True
    if state.get("activations"):
        model["activations"] = list(state["activations"])
    if state.get("loss"):
        model["loss"] = state["loss"]
    if state.get("lr") is not None:
        body["learning_rate"] = state["lr"]
    if state.get("biases"):
        body["update_biases"] = state["biases"] == "update"
    if state.get("optimizer") and state["optimizer"] != DEFAULT_OPTIMIZER:
        body["optimizer"] = state["optimizer"]
    if state.get("init") or state.get("seed") is not None:
        init = model.get("init") or {}
        model["init"] = {"scheme": state.get("init") or init.get("scheme", DEFAULT_INIT_SCHEME),
                         "seed": state["seed"] if state.get("seed") is not None else init.get("seed", DEFAULT_SEED)}
        redraw = True
    if redraw:
        model.pop("weights", None)
        model.pop("biases", None)
    body["inputs"] = copy.deepcopy(state["inputs"]) if state.get("inputs") else [
        _fit(r, model["sizes"][0]) for r in body["inputs"]]
    width = model["sizes"][-1]
    body["targets"] = copy.deepcopy(state["targets"]) if state.get("targets") else [
        _fit(r, width) if isinstance(r, list) else r for r in body["targets"]]
    edits = state.get("edits") or {}
    if edits:
        params = ({"weights": model["weights"], "biases": model.get("biases")} if model.get("weights")
                  else _drawn(model))
        if _fits_sizes(params, model["sizes"]):
            for key, value in edits.items():
                if not apply_edit(params, key, value):
                    problems.append({"key": "edits", "message": f"{key} is not a parameter of this network"})
            model["weights"], model["biases"] = params["weights"], params["biases"]
    body["samples"] = list(range(min(len(body["inputs"]), MAX_TRACED)))
    return body, problems
