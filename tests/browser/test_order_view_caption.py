"""The Update order view has no step controls, so it shows no step's caption it cannot step; the
stepping views keep both."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (360, 740), (960, 540)])
def test_the_update_order_view_shows_no_caption_without_its_controls(page: Page, server: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server}/?preset=mazur&step=7&view=order")
    expect(page.locator("#order")).to_be_visible(timeout=30_000)
    expect(page.locator("#controls")).to_be_hidden()
    expect(page.locator("#caption")).to_be_hidden()
    shot(page, f"order-view-{width}")
    page.goto(f"{server}/?preset=mazur&step=7&view=table")
    expect(page.locator("#controls")).to_be_visible(timeout=30_000)
    expect(page.locator("#caption")).to_be_visible()
