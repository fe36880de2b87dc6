"""The page takes its limits from the server it talks to: with BACKPROP_LENS_MAX_UNITS=80 the
set-up builds an 80-wide hidden layer (the page's old table stopped at 64) and refuses 81 in the
set-up's own words, naming the server's limit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.bench.serve import serve
from tests.browser import reuse

pytestmark = pytest.mark.browser
page = reuse.page  # one page for the module, as new for each test (tests/browser/reuse.py)


@pytest.fixture(scope="module")
def wide_server() -> Iterator[str]:
    with serve(env={"BACKPROP_LENS_MAX_UNITS": "80"}) as running:
        yield running.base


def test_a_deployment_with_wider_layers_lets_the_setup_build_them(page: Page, wide_server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{wide_server}/?preset=xor")
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    if page.locator("#toggle-setup").get_attribute("aria-expanded") != "true":
        page.locator("#toggle-setup").click()
    hidden = page.locator('#setup [data-field="sizes.1"]')
    expect(hidden).to_have_attribute("max", "80")
    hidden.fill("80")
    hidden.dispatch_event("change")
    expect(page.locator('#network [data-id="n-1-79"]')).to_be_attached()
    assert "sizes=2,80,1" in page.url

    hidden = page.locator('#setup [data-field="sizes.1"]')
    hidden.fill("81")
    hidden.dispatch_event("change")
    expect(page.locator('#setup [data-error-for="sizes"]')).to_contain_text("80")
    assert "sizes=2,80,1" in page.url  # the drawn network is still the 80-wide one


def test_a_link_past_the_servers_limit_is_named_not_drawn(page: Page, wide_server: str) -> None:
    page.goto(f"{wide_server}/?preset=xor&sizes=2,81,1")
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    expect(page.locator('#network [data-id="n-1-80"]')).to_have_count(0)
    page.goto(f"{wide_server}/?preset=xor&sizes=2,80,1")
    expect(page.locator('#network [data-id="n-1-79"]')).to_be_attached()
