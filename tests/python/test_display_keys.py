"""backprop_lens knows every key of the page's link: its display keys and the scenario's keys are
together exactly the names of the page state's table (static/js/state/state.js), read here with Node,
so a key added to the page cannot be refused by the notebook's `request_for` (mode=predict, lesson)."""

from __future__ import annotations

import backprop_lens as bl
from backprop_lens.scenario import DISPLAY_KEYS, SCENARIO_KEYS
from tests.api.test_export import run_page_code


def test_the_notebook_knows_each_key_of_the_page_link_once() -> None:
    keys = run_page_code([])["keys"]  # the page's state table, read by Node
    assert "mode" in keys and "step" in keys  # the table was read
    assert sorted(DISPLAY_KEYS + SCENARIO_KEYS + ("preset",)) == sorted(keys)
    assert not set(DISPLAY_KEYS) & set(SCENARIO_KEYS)


def test_a_notebook_can_open_predict_mode_at_a_lesson_card() -> None:
    _, display = bl.request_for("mazur", mode="predict", lesson="bias-drops-out", card=2, step=3)
    assert display == {"mode": "predict", "lesson": "bias-drops-out", "card": 2, "step": 3}
