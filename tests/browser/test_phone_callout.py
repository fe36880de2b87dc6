"""On a 360x740 phone, the call-out that gives a selected weight's or neuron's value (the drawing prints none
there) covers no neuron, no neuron's name and no neuron picture, and is drawn over the pictures."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser

SELECTIONS = [f"c{l}.{j}.{k}" for l in (1, 2) for j in (0, 1) for k in (0, 1)] + [f"n{l}.{j}" for l in (1, 2) for j in (0, 1)]

# The call-out's box against every neuron, name and picture it could cover (overlap in px²), and whether it is painted after the pictures.
COVERED = """() => { const svg = document.querySelector('#network svg'); const t = svg.querySelector('text.bl-callout');
  if (!t) return null;
  const c = t.getBoundingClientRect();
  const area = (r) => Math.max(0, Math.min(c.right, r.right) - Math.max(c.left, r.left))
    * Math.max(0, Math.min(c.bottom, r.bottom) - Math.max(c.top, r.top));
  const hits = [...svg.querySelectorAll('text.bl-name, .bl-body, .bl-picture rect, text.bl-target')]
    .map((e) => [e.closest('[data-id]')?.dataset.id ?? e.closest('[data-picture]')?.dataset.picture ?? e.textContent,
      area(e.getBoundingClientRect())])
    .filter(([, a]) => a > 0.5);
  const pics = svg.querySelector('.bl-pictures');
  return { text: t.textContent, hits, onTop: !pics || !!(pics.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING) }; }"""


@pytest.mark.parametrize("sel", SELECTIONS)
def test_a_selected_value_on_a_phone_covers_no_neuron_name_or_picture(shared_page: Page, server: str, sel: str) -> None:
    page = shared_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{server}/?preset=mazur&step=7&sel={sel}")
    expect(page.locator('#network [data-picture="2.1"] image')).to_be_attached(timeout=30_000)
    close = page.locator("#inspector").get_by_role("button", name="Close")
    if close.is_visible():
        close.click()
    found = page.evaluate(COVERED)
    assert found is not None, "a selection on a phone gets a call-out"
    assert found["hits"] == [], found
    assert found["onTop"], "the call-out is drawn over the pictures"
    if sel in ("c2.0.0", "n1.0"):
        shot(page.locator("#network"), f"phone-callout-{sel}")
