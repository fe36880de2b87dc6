"""A step measures the network's box with the old drawing out of it (network-view.js freshSize): measured with it in,
the page's grid laid the old drawing's ~1,400 elements out again only to throw them away. The drawing is still made for
the box's size, as before: on each step, and after the window is resized (the box no longer the size the old drawing was
made for, it is measured again with the old drawing in it)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

# Records, for every measure of #network's box, whether a drawing was in it.
SPY = """() => {
  const box = document.querySelector('#network');
  window.measuredWith = [];
  box.getBoundingClientRect = function () {
    window.measuredWith.push(!!this.querySelector('svg'));
    return Element.prototype.getBoundingClientRect.call(this);
  };
}"""

# The drawing is made for its box: its viewBox is the box's size to 0.01 px (networkSize), read with the spy's records kept.
MADE_FOR_BOX = """() => {
  const box = document.querySelector('#network'), svg = box.querySelector('svg');
  const r = Element.prototype.getBoundingClientRect.call(box);
  const exact = (x) => Math.floor(x * 100) / 100;
  return !!svg && svg.getAttribute('viewBox') === `0 0 ${exact(r.width)} ${exact(r.height)}`;
}"""


def test_each_step_measures_the_box_without_the_old_drawing_and_draws_for_the_box(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{server}/?preset=deep-sigmoid")
    expect(page.locator('[data-id="n-1-0"]')).to_be_visible(timeout=30_000)
    page.wait_for_function(MADE_FOR_BOX)
    page.evaluate(SPY)
    page.locator("#stage").focus()
    for k in range(2, 8):
        page.keyboard.press("ArrowRight")
        expect(page.locator(".step-counter")).to_contain_text(f"{k} / ")
        assert page.evaluate(MADE_FOR_BOX), f"step {k}: the drawing is not made for its box"
    measured = page.evaluate("window.measuredWith")
    assert measured, "no step measured the network's box"
    assert not any(measured), f"a step measured the box with the old drawing in it: {measured}"

    # a resize: the box is no longer the size the drawing was made for, so it is measured again with the old drawing in it
    page.evaluate("window.measuredWith = []")
    page.set_viewport_size({"width": 1100, "height": 700})
    page.wait_for_function(f"() => window.measuredWith.length > 0 && ({MADE_FOR_BOX})()")
    assert page.evaluate("window.measuredWith")[-1] is True
    page.keyboard.press("ArrowRight")
    expect(page.locator(".step-counter")).to_contain_text("8 / ")
    assert page.evaluate(MADE_FOR_BOX)
    assert page.evaluate("window.measuredWith")[-1] is False  # the next step measures the box alone again
