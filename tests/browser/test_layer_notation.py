"""One layer notation on the page: the Matrices view, its gradient check and the Update order view write a
layer as a superscript, W⁽²⁾, δ⁽¹⁾, A⁽⁰⁾, as the drawing, the caption and the inspector do, never W[2]."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

BRACKETED = re.compile(r"[WbAZaδ]\[\d+\]|∂W\[|\[l\]")
# Every text a reader meets: what is drawn, and the names a screen reader or a tooltip gives.
TEXTS = """(sel) => { const root = document.querySelector(sel);
  const attrs = [...root.querySelectorAll('[aria-label], [title]')].flatMap((e) => [e.getAttribute('aria-label'), e.getAttribute('title')]);
  return [root.innerText, ...attrs.filter(Boolean)]; }"""


def bracketed(page: Page, sel: str) -> list[str]:
    return [m for text in page.evaluate(TEXTS, sel) for m in BRACKETED.findall(text)]


@pytest.mark.parametrize("size", [(1280, 800), (360, 740)])
def test_the_matrices_and_update_order_views_write_w_with_a_superscript_layer(page: Page, server: str, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{server}/?preset=xor&view=matrix&step=99")
    view = page.locator("#matrix")
    expect(view.locator('[data-matrix="grad-weights"] figcaption')).to_contain_text("∂C/∂W⁽²⁾")
    page.locator("#matrix-layer").select_option("1")
    expect(view.locator('[data-matrix="delta"] figcaption')).to_contain_text("δ⁽¹⁾")
    view.get_by_role("button", name="Check gradients").click()
    expect(view.locator("th", has_text="W⁽¹⁾, b⁽¹⁾")).to_be_visible()
    assert bracketed(page, "#matrix") == []
    shot(page, f"layer-notation-matrix-{size[0]}")
    page.goto(f"{server}/?preset=mazur&view=order")
    order = page.locator("#order")
    expect(order.locator("caption").first).to_contain_text("W⁽")
    assert bracketed(page, "#order") == []
    shot(page, f"layer-notation-order-{size[0]}")
