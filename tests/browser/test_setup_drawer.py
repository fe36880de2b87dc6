"""The Set-up drawer on a laptop (1280x800): it opens below the view tabs, and closes with its visible
Close button and with Escape, the focus going back to the Set-up toggle."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)


def open_drawer(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=mazur")
    expect(page.locator('[data-id="n-1-0"]')).to_be_visible(timeout=30_000)
    page.locator("#toggle-setup").click()
    expect(page.locator("#setup")).to_be_visible()


def test_the_drawer_does_not_cover_the_view_tabs(page: Page, server: str) -> None:
    open_drawer(page, server)
    drawer = page.locator("#setup").bounding_box()
    for name in ("Network", "Graph", "Table"):
        tab = page.get_by_role("button", name=name, exact=True).bounding_box()
        assert tab["y"] + tab["height"] <= drawer["y"] + 0.5, name
    page.get_by_role("button", name="Graph", exact=True).click()  # the tabs stay usable with the drawer open
    shot(page, "setup-drawer-1280")


def test_the_drawer_closes_with_its_close_button_and_with_escape(page: Page, server: str) -> None:
    open_drawer(page, server)
    close = page.locator("#setup").get_by_role("button", name="Close the set-up")
    expect(close).to_be_visible()
    close.click()
    expect(page.locator("#setup")).to_be_hidden()
    expect(page.locator("#toggle-setup")).to_be_focused()
    page.locator("#toggle-setup").click()
    page.locator("#setup select").first.focus()
    page.keyboard.press("Escape")
    expect(page.locator("#setup")).to_be_hidden()
    expect(page.locator("#toggle-setup")).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#toggle-setup")).to_be_focused()
