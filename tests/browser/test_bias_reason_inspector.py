"""The inspector's input row of a connection gives the reason the bias drops out of ∂z/∂w: the partial
holds everything but w fixed, so ∂b/∂w = 0; not "it does not multiply w"."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)


def test_the_input_row_says_why_the_bias_drops_out(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=mazur&step=7&sel=c2.0.0")
    inspector = page.locator("#inspector")
    expect(inspector).to_contain_text("holds all else fixed, so b does not change when w does (∂b/∂w = 0)", timeout=30_000)
    expect(inspector).not_to_contain_text("it does not multiply w")
    shot(page, "inspector-bias-reason")
