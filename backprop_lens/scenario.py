"""A scenario in any of its forms (preset name, /api/step request, saved scenario file) as a
validated StepRequest, plus the page state it carries. The same rules as the page and the API."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from app.engine.presets import PRESETS
from app.export import StateError, build_step_body, parse_scenario
from app.export.scenario import SCENARIO_KEYS as PAGE_SCENARIO_KEYS
from app.schemas import StepRequest

SCENARIO_FORMAT = "backprop-lens-scenario"  # static/js/state/scenario.js SCENARIO_FORMAT
# The page's URL state keys (static/js/state/state.js, whose table tests/python/test_display_keys.py
# reads) that choose what is shown or trained, not the scenario: the step, the view, the theme, the
# training run's batch, Predict mode, a lesson's card.
DISPLAY_KEYS = ("step", "sample", "sel", "view", "tab", "nudge", "nudgeon", "theme", "numbers", "formulas", "focus", "autoplay",
                "speed", "batch", "shuffle", "mlayer", "mode", "lesson", "card")
SCENARIO_KEYS = tuple(k for k in PAGE_SCENARIO_KEYS if k != "preset")  # the scenario's one owner decides

Scenario = str | dict[str, Any] | StepRequest


def _query_value(value: Any) -> str:
    """A keyword's value as the page's URL spells it: on/off for booleans, commas between list items."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, list | tuple):
        return ",".join(_query_value(v) for v in value)
    return str(value)


def url_query(preset: str | None, state: dict[str, Any]) -> str:
    """The page URL's query for a preset (or none) and page state keywords."""
    pairs = ([("preset", preset)] if preset else []) + [(k, _query_value(v)) for k, v in state.items()]
    return urlencode(pairs, safe=",")


def request_for(scenario: Scenario, **state: Any) -> tuple[StepRequest, dict[str, Any]]:
    """The validated /api/step request of `scenario`, and the display state (step, theme, …) to show it with.

    With a preset name, the page's scenario keywords change it as in a page link, e.g.
    request_for("mazur", lr=0.1, seed=3). Raises ValueError naming an unknown keyword or a bad
    value, and pydantic's ValidationError (naming the field and the rule) for a bad request.
    """
    unknown = sorted(set(state) - set(DISPLAY_KEYS) - set(SCENARIO_KEYS))
    if unknown:
        raise ValueError(f"unknown keyword {unknown[0]!r}; the page's state keys are "
                         f"{', '.join(DISPLAY_KEYS + SCENARIO_KEYS)}")
    display = {k: v for k, v in state.items() if k in DISPLAY_KEYS}
    changes = {k: v for k, v in state.items() if k in SCENARIO_KEYS}
    if isinstance(scenario, str):
        return _from_preset(scenario, changes), display
    if changes:
        raise ValueError(f"{', '.join(changes)}: scenario keywords change a preset; for a request, change the request itself")
    if isinstance(scenario, StepRequest):
        return scenario, display
    if isinstance(scenario, dict) and scenario.get("format") == SCENARIO_FORMAT:
        saved = {k: v for k, v in (scenario.get("state") or {}).items() if k in DISPLAY_KEYS}
        return StepRequest.model_validate(scenario.get("request")), {**saved, **display}
    if isinstance(scenario, dict):
        return StepRequest.model_validate(scenario), display
    raise TypeError(f"a scenario is a preset name, a /api/step request (dict or StepRequest) or a saved scenario file "
                    f"(dict), not {type(scenario).__name__}")


def _from_preset(name: str, changes: dict[str, Any]) -> StepRequest:
    preset = PRESETS.get(name)
    if preset is None:
        raise ValueError(f"no preset named {name!r}; try one of {', '.join(PRESETS)}")
    try:
        state = parse_scenario(url_query(name, changes))
    except StateError as err:
        raise ValueError(err.message) from None
    body, problems = build_step_body(preset.build(), state)
    if problems:
        raise ValueError("; ".join(p["message"] for p in problems))
    return StepRequest.model_validate(body)
