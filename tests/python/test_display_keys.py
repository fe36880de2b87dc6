"""backprop_lens knows every key of the page's link: its display keys and the scenario's keys are
together exactly the names of the page state's table (static/js/state/state.js), read here with Node,
so a key added to the page cannot be refused by the notebook's `request_for` (mode=predict, lesson)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import backprop_lens as bl
from backprop_lens.scenario import DISPLAY_KEYS, SCENARIO_KEYS

ROOT = Path(__file__).resolve().parents[2]
READ_TABLE = "import('./static/js/state/state.js').then((m) => console.log(JSON.stringify(m.STATE_KEYS.map((k) => k.name))))"


def page_keys() -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to read the page's state table")
    out = subprocess.run([node, "--input-type=module", "-e", READ_TABLE], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_notebook_knows_each_key_of_the_page_link_once() -> None:
    keys = page_keys()
    assert "mode" in keys and "step" in keys  # the table was read
    assert sorted(DISPLAY_KEYS + SCENARIO_KEYS + ("preset",)) == sorted(keys)
    assert not set(DISPLAY_KEYS) & set(SCENARIO_KEYS)


def test_a_notebook_can_open_predict_mode_at_a_lesson_card() -> None:
    _, display = bl.request_for("mazur", mode="predict", lesson="bias-drops-out", card=2, step=3)
    assert display == {"mode": "predict", "lesson": "bias-drops-out", "card": 2, "step": 3}
