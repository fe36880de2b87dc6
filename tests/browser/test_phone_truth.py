"""Mazur on a 360x740 phone: the page opens at the top (the preset list and the tabs in sight) and the
caption's formula is drawn at 12 px at the least, scrolling sideways in its box where it is wider."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)


def open_phone(page: Page, server: str, query: str = "") -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{server}/?preset=mazur{query}")
    expect(page.locator('[data-id="n-1-0"]')).to_be_visible(timeout=30_000)
    expect(page.locator(".timeline [aria-current='step']")).to_be_attached()


@pytest.mark.parametrize("query", ["", "&step=9"])
def test_the_phone_page_opens_at_the_top(page: Page, server: str, query: str) -> None:
    open_phone(page, server, query)
    page.wait_for_function("() => document.readyState === 'complete'")
    assert page.evaluate("scrollY") == 0
    expect(page.locator("#preset")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Network", exact=True)).to_be_in_viewport()
    shot(page, f"phone-top{query.replace('&', '-').replace('=', '')}")


@pytest.mark.parametrize("step", [0, 7, 13])
def test_the_captions_formula_is_12px_at_the_least_on_a_phone(page: Page, server: str, step: int) -> None:
    open_phone(page, server, f"&step={step}")
    formula = page.locator("#caption .caption-formula")
    expect(formula).to_be_visible()
    size = float(formula.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)"))
    assert size >= 12 - 0.01, size
    formula.scroll_into_view_if_needed()
    shot(page, f"phone-formula-{step}")


HANDLES = """() => [...document.querySelectorAll('#network g.bl-link[data-id]')].map((g) => {
  const r = g.getBoundingClientRect();
  const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
  const hit = document.elementFromPoint(x, y);
  return { id: g.dataset.id, x, y, owner: hit?.closest('[data-id]')?.dataset.id ?? hit?.dataset?.for ?? null };
})"""


def test_every_weight_of_mazurs_network_can_be_tapped_on_a_phone(page: Page, server: str) -> None:
    open_phone(page, server, "&step=7")
    handles = page.evaluate(HANDLES)
    assert len(handles) == 8
    assert [h["id"] for h in handles if h["owner"] != h["id"]] == []  # today 4 of 8 lie under a neuron
    first = next(h for h in handles if h["id"] == "c-1-0-0")  # w₁₁⁽¹⁾, the handle x₁ covered
    page.mouse.click(first["x"], first["y"])
    expect(page).to_have_url(re.compile(r"[?&]sel=c1\.0\.0(&|$)"))
