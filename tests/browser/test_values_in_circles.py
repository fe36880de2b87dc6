"""A value drawn inside its neuron stays inside it, in the projector theme's large text too: at 960×540, Mazur's
δ of layer 1 (0.008771, 0.009954) and −0.03810 are eight characters where the layout plans for seven, and they
spilled over the circle's edge (white text on a dark fill would meet the white page there)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

SPILLS = """() => [...document.querySelectorAll('#network .bl-neuron')].flatMap((g) => {
  const body = g.querySelector('.bl-body').getBBox();
  const value = g.querySelector('.bl-val');
  if (!value) return [];
  const box = value.getBBox();
  return box.x < body.x || box.x + box.width > body.x + body.width ? [`${value.textContent}: ${box.width.toFixed(1)} px in ${body.width} px`] : [];
})"""


def test_every_value_in_the_projector_embed_stays_inside_its_circle(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 960, "height": 540})
    page.goto(f"{server}/embed?preset=mazur&theme=projector&step=10")
    values = page.locator("#network .bl-val")
    expect(values).to_have_count(6)
    expect(page.locator('#network [data-id="n-1-0"] .bl-val')).to_have_text("0.008771")  # δ₁⁽¹⁾, eight characters
    assert page.evaluate(SPILLS) == []
    font = float(page.locator('#network [data-id="n-1-0"] .bl-val').get_attribute("font-size") or 0)
    assert font >= 20  # still the projector theme's least text size: narrower, not smaller
