"""One notation for powers of ten on the page: the caption, the Graph view and the MathML all write
6.391×10⁻⁴ (Mazur's ∂C/∂w₁₁⁽¹⁾ with a softmax output, 0.15 − 0.5 · 6.391×10⁻⁴ = 0.1497), never 6.391e-4."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

URL = "/?preset=mazur&sizes=2,2,2&activations=sigmoid,softmax&loss=cross_entropy&targets=1,0&step=14"


def test_small_numbers_are_written_as_powers_of_ten_everywhere(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(server + URL)
    caption = page.locator("#caption")
    expect(caption).to_contain_text("6.391×10⁻⁴", timeout=30_000)
    assert not re.search(r"\de[-−]?\d", caption.inner_text())
    expect(caption.locator("math msup").first).to_be_attached()  # 10 with its exponent in the formula
    page.goto(server + URL + "&view=graph")
    graph = page.locator("#graph")
    expect(graph).to_contain_text("6.391×10⁻⁴", timeout=30_000)
    assert not re.search(r"\de[-−]?\d", graph.inner_text())
