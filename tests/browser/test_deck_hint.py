"""The "Click to control" hint of a lens frame not yet clicked: it covers nothing (not the step
counter, not a button, not a word of the caption or the drawing), in /embed and in the standalone
file, at slide sizes in each theme; and a deck plugin driving the frame hides it."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import shot
from tests.deck.reveal_deck import write_deck

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

FRAME_HTML = """<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head>
<body style="margin:0"><iframe id="lens" src="{src}" width="{w}" height="{h}" style="border:0;display:block"></iframe></body></html>"""

# Every element of the frame the hint lies over, other than its own ancestors: none may be drawn there.
COVERED = """() => {
  const hint = document.getElementById('embed-hint');
  const h = hint.getBoundingClientRect();
  if (hint.hidden || h.width === 0) return {shown: false, covered: []};
  const overlaps = (r) => r.width > 0 && r.height > 0 && r.left < h.right - 0.5 && h.left < r.right - 0.5
    && r.top < h.bottom - 0.5 && h.top < r.bottom - 0.5;
  // what of an element is on screen: its box cut by every ancestor that clips its overflow
  const visible = (el) => { let r = el.getBoundingClientRect(); let [l, t, rr, b] = [r.left, r.top, r.right, r.bottom];
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const c = a.getBoundingClientRect(); [l, t, rr, b] = [Math.max(l, c.left), Math.max(t, c.top), Math.min(rr, c.right), Math.min(b, c.bottom)];
    }
    return {left: l, top: t, right: rr, bottom: b, width: rr - l, height: b - t}; };
  const drawn = (el) => { const s = getComputedStyle(el); return s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0'; };
  const leaves = [...document.body.querySelectorAll('*')].filter((el) => !el.contains(hint) && !hint.contains(el)
    && el.children.length === 0 && drawn(el) && !el.closest('.visually-hidden'));
  return {shown: true, covered: leaves.filter((el) => overlaps(visible(el)))
    .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') || el.id}: ${el.textContent.trim().slice(0, 30)}`)};
}"""

SIZES = [(480, 270), (640, 360), (960, 540), (1280, 720)]


# The dark theme is laid out as the light one (tests/test_dark_theme.py): what is measured here is measured in light and projector.
@pytest.mark.parametrize("theme", ["light", "projector"])
@pytest.mark.parametrize("standalone", [False, True], ids=["embed", "standalone"])
def test_click_to_control_covers_nothing_in_the_frame(shared_page: Page, server: str, tmp_path: Path, theme: str, standalone: bool) -> None:
    page = shared_page
    query = f"preset=mazur&step=10&theme={theme}"
    if standalone:
        file = tmp_path / "lens.html"
        file.write_bytes(page.request.get(f"{server}/api/export/standalone?{query}").body())
        src = file.as_uri()
    else:
        src = f"{server}/embed?{query}"
    for w, h in SIZES:
        (tmp_path / "deck.html").write_text(FRAME_HTML.format(src=src, w=w, h=h))
        page.set_viewport_size({"width": w + 40, "height": h + 40})
        page.goto((tmp_path / "deck.html").as_uri())
        frame = page.frame_locator("#lens")
        expect(frame.locator(".step-counter")).to_contain_text("11 / 15")
        expect(frame.locator("#embed-hint")).to_be_visible()
        lens = page.locator("#lens").element_handle().content_frame()
        assert lens is not None
        result = lens.evaluate(COVERED)
        if w == 480 or w == 960:
            shot(page, f"hint-{'standalone' if standalone else 'embed'}-{theme}-{w}")
        assert result["shown"] and result["covered"] == [], f"{w}×{h}: the hint covers {result['covered']}"


def test_a_deck_plugin_driving_the_frame_hides_the_hint(page: Page, server: str, tmp_path: Path) -> None:
    from tests.deck.reveal_deck import lens_frame

    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(write_deck(tmp_path, server, ["<h3>Lens</h3>" + lens_frame(f"{server}/embed?preset=mazur", "mazur")]).as_uri())
    page.wait_for_function("window.lensReports.some((r) => r.data && r.data.event === 'state')")
    frame = page.frame_locator("#mazur")
    expect(frame.locator(".step-counter")).to_contain_text("1 / 15")
    expect(frame.locator("#embed-hint")).to_be_hidden()
    page.keyboard.press("ArrowRight")  # and the deck keeps the keyboard
    expect(frame.locator(".step-counter")).to_contain_text("2 / 15")
