"""The Graph view where room is short: Mazur's whole graph inside a 960x540 slide frame in every theme
(every box and the cost C in sight, nothing to scroll, no text over another, none cut at an edge), and
iris's graph on the page with its Σ notes clear of the edges' labels and inside the drawing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import graph_text_sizes, shot

pytestmark = pytest.mark.browser

# The dark theme is laid out as the light one (tests/test_dark_theme.py): what is measured here is measured in light and projector.
THEMES = ["light", "projector"]

# Pairs of drawn texts whose boxes intersect, and texts reaching past the drawing's own box.
CLASHES = """() => {
  const svg = document.querySelector('#graph svg').getBoundingClientRect();
  const texts = [...document.querySelectorAll('#graph svg text')].filter((t) => t.getBBox().width > 0 && t.textContent.trim());
  const boxes = texts.map((t) => [t.textContent, t.getBoundingClientRect()]);
  const hits = [];
  for (let i = 0; i < boxes.length; i += 1) {
    const a = boxes[i][1];
    if (a.left < svg.left - 1 || a.right > svg.right + 1 || a.top < svg.top - 1 || a.bottom > svg.bottom + 1) hits.push(`${boxes[i][0]} is cut`);
    for (let j = i + 1; j < boxes.length; j += 1) {
      const b = boxes[j][1];
      const [w, h] = [Math.min(a.right, b.right) - Math.max(a.left, b.left), Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)];
      if (w > 1 && h > 1) hits.push(`${boxes[i][0]} × ${boxes[j][0]}`);
    }
  }
  return hits;
}"""

IN_SIGHT = """() => {
  const c = document.querySelector('#graph .graph-canvas');
  const r = c.getBoundingClientRect();
  const out = [...document.querySelectorAll('#graph .bl-gnode')].filter((n) => { const b = n.getBoundingClientRect();
    return b.left < r.left || b.right > r.right || b.top < r.top || b.bottom > r.bottom || b.bottom > innerHeight || b.right > innerWidth; })
    .map((n) => n.dataset.id);
  return { out, count: document.querySelectorAll('#graph .bl-gnode').length,
    scrolls: c.scrollHeight > c.clientHeight + 1 || c.scrollWidth > c.clientWidth + 1
      || document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth };
}"""


@pytest.mark.parametrize("theme", THEMES)
def test_mazurs_whole_graph_fits_a_960x540_frame_with_no_text_over_another(shared_page: Page, server: str, theme: str) -> None:
    page = shared_page
    page.set_viewport_size({"width": 960, "height": 540})
    for step in (0, 6, 11, 14):
        page.goto(f"{server}/embed?preset=mazur&view=graph&step={step}&theme={theme}")
        expect(page.locator('#graph [data-id="C"]')).to_be_visible(timeout=30_000)
        sight = page.evaluate(IN_SIGHT)
        assert sight["count"] == 33 and sight["out"] == [] and not sight["scrolls"], (step, sight)
        assert page.evaluate(CLASHES) == [], step
        assert min(graph_text_sizes(page)) >= 12 - 0.01
        if step == 11:
            shot(page, f"graph-fit-960-{theme}")


@pytest.mark.parametrize("theme", THEMES)
def test_iris_graph_notes_clear_the_slope_labels_and_stay_inside(shared_page: Page, server: str, theme: str) -> None:
    page = shared_page
    page.set_viewport_size({"width": 1280, "height": 800})
    for sel in ("n1.0", "n2.1"):
        page.goto(f"{server}/?preset=iris&view=graph&step=14&sel={sel}&theme={theme}")
        expect(page.locator("#graph .bl-gnode").first).to_be_visible(timeout=30_000)
        if sel == "n1.0":  # a₁⁽¹⁾ feeds three products: its Σ note
            expect(page.locator("#graph .bl-g-note.is-sum").first).to_be_attached()
        shot(page, f"graph-iris-1280-{theme}-{sel}")
        assert page.evaluate(CLASHES) == [], sel
