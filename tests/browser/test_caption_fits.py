"""Every step's caption is read whole where it stands, with no scrolling: at 1280 × 800, 1366 × 768 and
1920 × 1080, in each theme (dark is laid out as light: tests/test_dark_theme.py), every caption of deep-sigmoid
(the long hidden ∂C/∂a captions that count paths) and of Mazur's example fits its box, its sentence at a readable
size (12 px, 16 px on a projector)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (1366, 768), (1920, 1080)]
# The dark theme is laid out as the light one (tests/test_dark_theme.py): its captions fit as light's do.
THEMES = ["light", "projector"]

# Every step of the trace in turn (the → key), and how each caption sits in its box: whether its content is
# taller than the box (then it must be scrolled to be read), and the size of its sentence.
EVERY_CAPTION = """() => {
  const stage = document.querySelector('#stage'), caption = document.querySelector('#caption');
  const total = Number(document.querySelector('.step-counter').textContent.split('/')[1].trim().split(' ')[0]);
  const seen = [];
  for (let k = 0; k < total; k++) {
    if (k) stage.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    const text = caption.querySelector('.caption-text'), box = caption.getBoundingClientRect();
    seen.push({ step: k, title: caption.querySelector('h2').textContent, at: document.querySelector('.step-counter').textContent,
      over: caption.scrollHeight - caption.clientHeight, below: text.getBoundingClientRect().bottom - box.bottom,
      px: parseFloat(getComputedStyle(text).fontSize), height: box.height });
  }
  return seen;
}"""


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_caption_of_deep_sigmoid_and_mazur_fits_its_box(shared_page: Page, server: str, width: int, height: int) -> None:
    page = shared_page  # one page for the three sizes (conftest's shared_page): each load starts from a warm cache
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(reduced_motion="reduce")  # each step drawn without its motion, which sets no caption
    problems = []
    for theme in THEMES:
        for preset in ("deep-sigmoid", "mazur"):
            page.goto(f"{server}/?preset={preset}&theme={theme}")
            expect(page.locator('[data-id="n-1-0"]')).to_be_visible(timeout=30_000)
            expect(page.locator("#caption h2")).to_be_visible()
            page.locator("#stage").focus()
            seen = page.evaluate(EVERY_CAPTION)
            assert [s["at"].split(" / ")[0] for s in seen] == [str(k + 1) for k in range(len(seen))]  # each step was drawn
            least = 16 if theme == "projector" else 12
            problems += [f"{preset} {theme} step {s['step'] + 1} ({s['title']}): {s}" for s in seen
                         if s["over"] > 1 or s["below"] > 1 or s["px"] < least or s["height"] > 0.4 * height + 1]
    if width == 1280:
        page.goto(f"{server}/?preset=deep-sigmoid&step=17")
        expect(page.locator(".step-counter")).to_contain_text("18 / ")
        shot(page, "caption-fits-deep-sigmoid-grad-a-1280")
    assert problems == []
