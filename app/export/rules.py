"""The page state's rules that the server checks too (ranges and lengths of the URL keys that shape a
step), made from the server's settings: GET /api/catalog serves them as `rules`, the page's state
table applies them (static/js/state/state.js applyRules), and the scenario's reader (scenario.py) reads
a link with the same ones. BACKPROP_LENS_MAX_UNITS=80 therefore reaches the page's set-up unchanged."""

from __future__ import annotations

from typing import Any

from app.config import SEED_MAX, Settings
from app.engine.optimizers import DEFAULT_OPTIMIZER


def page_rules(s: Settings) -> dict[str, dict[str, Any]]:
    """Each ruled key's bounds, in the page state table's words (min, max, minExclusive, minLength, maxLength),
    and the default of a key whose default is the engine's (the optimizer)."""
    return {
        "sizes": {"min": 1, "max": s.max_units, "minLength": 2, "maxLength": s.max_layers + 1},
        "activations": {"minLength": 1, "maxLength": s.max_layers},
        "lr": {"min": 0, "minExclusive": True, "max": s.max_learning_rate},
        "seed": {"min": 0, "max": SEED_MAX},
        "shuffle": {"min": 0, "max": SEED_MAX},
        "batch": {"min": 1, "max": s.max_batch},
        "mlayer": {"min": 1, "max": s.max_layers},
        "optimizer": {"default": DEFAULT_OPTIMIZER},
    }


def in_range(x: float, rule: dict[str, Any]) -> bool:
    """x within a rule's min (exclusive when it says so) and max."""
    lo, hi = rule.get("min"), rule.get("max")
    above = lo is None or (x > lo if rule.get("minExclusive") else x >= lo)
    return above and (hi is None or x <= hi)


def fits_length(items: list[Any], rule: dict[str, Any]) -> bool:
    return rule.get("minLength", 0) <= len(items) <= rule.get("maxLength", len(items))


def rule_text(key: str, rules: dict[str, dict[str, Any]]) -> str:
    """A ruled key's rule in words, for a refusal: 'each layer holds at most 64 neurons …'."""
    rule = rules.get(key, {})
    if key == "sizes":
        return (f"each layer holds at most {rule['max']} neurons (at least {rule['min']}), "
                f"and a network at most {rule['maxLength'] - 1} layers after the input")
    if key == "activations":
        return f"one name per layer after the input, at most {rule['maxLength']}"
    if rule.get("minExclusive"):
        return f"a number above {rule['min']:g} and at most {rule['max']:g}"
    if rule:
        return f"a whole number from {rule['min']} to {rule['max']}"
    return ""
