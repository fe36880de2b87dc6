"""The cost box on the drawing holds what it says at every step: "not computed yet" before the cost is known, the cost
and its formula after, a batch's mean and the sample's cost, in the projector embed of a slide (960 × 540) and on
the page, each text inside the box's frame and the box inside the drawing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse

pytestmark = pytest.mark.browser
page = reuse.page  # one page for the module, as new for each test (tests/browser/reuse.py)

# Every step in turn (the → key, drawn without motion), and each text of the cost box against the box's frame.
EVERY_STEP = """() => {
  const stage = document.querySelector('#stage') ?? document.body; // the page's stage, or the frame's document
  const total = Number(document.querySelector('.step-counter').textContent.split('/')[1].trim().split(' ')[0]);
  const out = [];
  for (let k = 0; k < total; k++) {
    if (k) stage.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    const svg = document.querySelector('#network svg'), box = svg.querySelector('.bl-loss rect');
    const vb = svg.viewBox.baseVal, r = box.getBBox();
    for (const t of svg.querySelectorAll('.bl-loss text')) {
      const b = t.getBBox();
      if (b.x < r.x - 0.5 || b.x + b.width > r.x + r.width + 0.5 || r.x < 0 || r.x + r.width > vb.width + 0.5)
        out.push(`step ${k + 1}: "${t.textContent}" spans ${b.x.toFixed(0)}..${(b.x + b.width).toFixed(0)} in a box at `
          + `${r.x.toFixed(0)}..${(r.x + r.width).toFixed(0)} of ${vb.width.toFixed(0)}`);
    }
  }
  return out;
}"""


@pytest.mark.parametrize(("where", "width", "height"), [("embed", 960, 540), ("", 1280, 800)])
@pytest.mark.parametrize("theme", ["projector", "light"])
def test_the_cost_box_holds_its_text_at_every_step(page: Page, server: str, where: str, width: int, height: int, theme: str) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(reduced_motion="reduce")
    spilled = []
    for preset in ("mazur", "iris", "xor"):
        page.goto(f"{server}/{where}?preset={preset}&theme={theme}")
        expect(page.locator('[data-id="n-1-0"]')).to_be_visible()
        expect(page.locator("#network .bl-loss rect")).to_be_attached()
        if not where:
            page.locator("#stage").focus()
        spilled += [f"{preset}: {s}" for s in page.evaluate(EVERY_STEP)]
    assert spilled == []
