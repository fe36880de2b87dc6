"""The hidden ∂C/∂a step's caption says what the sum saves: on deep-sigmoid, the paths from a neuron of
layer 1 against backprop's multiplications for the whole layer; on Mazur, why the paths are cheaper
there. The counts are derived by hand from the layer sizes (tests/engine/test_path_work.py)."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)


def grad_a_step(server: str, preset: str, layer: int) -> int:
    body = httpx.get(f"{server}/api/presets/{preset}").json()
    steps = httpx.post(f"{server}/api/step", json=body).json()["steps"]
    return next(i for i, s in enumerate(steps) if s["quantity"] == "grad_a" and s["layer"] == layer)


@pytest.mark.parametrize(("preset", "words"), [
    # 2-8-8-8-8-8-1: 8⁴ paths of 9 multiplications; backprop 16 + 3·72 + 64 for all of layer 1
    ("deep-sigmoid", ["Listing the 4,096 paths from this neuron to the cost would take 36,864 multiplications",
                      "for all of layer 1 in 296"]),
    # 2-2-2, half_sse: 2 paths of 2 multiplications; backprop 2 + 2·2 for the layer
    ("mazur", ["Here the 2 paths to the cost take only 4 multiplications to list, fewer than the 6"]),
])
def test_the_hidden_grad_a_caption_counts_the_paths(page: Page, server: str, preset: str, words: list[str]) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset={preset}&step={grad_a_step(server, preset, 1)}")
    for text in words:
        expect(page.locator("#caption")).to_contain_text(text)
