"""Every control the Tab key reaches has a focus ring one can see, in each theme (light, dark, projector):
an outline of at least 2 px, or for the drawing's neurons, connections, pictures and cost box their own ring,
each of at least 3:1 against what it is drawn on (WCAG 1.4.11), and not cut off by the box it sits in."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import shot
from tests.browser.test_a11y_keyboard import contrast

pytestmark = pytest.mark.browser
page = reuse.page  # one page for the module, as new for each test (tests/browser/reuse.py)

# The focused element's indicator: its colour, width and the colour behind it; and whether a box that clips
# its content (overflow other than visible) cuts the ring off (the ring's outer edge outside that box).
RING = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  let p = e.parentElement, bg = 'rgba(0, 0, 0, 0)';
  while (p && /rgba\\(.*, 0\\)|transparent/.test(bg)) { bg = getComputedStyle(p).backgroundColor; p = p.parentElement; }
  if (p === null && /rgba\\(.*, 0\\)|transparent/.test(bg)) bg = getComputedStyle(document.body).backgroundColor;
  const words = (e.getAttribute('aria-label') ?? e.textContent).slice(0, 30);
  const name = e.id ? '#' + e.id : (e.dataset?.id ?? e.dataset?.picture ?? e.dataset?.control ?? '') + ' ' + e.tagName + ' ' + words;
  const svgRing = { 'bl-neuron': '.bl-ring', 'bl-link': '.bl-handle', 'bl-picture': '.bl-picture-frame', 'bl-loss': 'rect' };
  const kind = Object.keys(svgRing).find((k) => e.classList?.contains(k));
  let ring;
  if (kind && s.outlineStyle === 'none') {
    const r = e.matches('line') ? e : e.querySelector(svgRing[kind]);
    const w = e.dataset?.id && document.querySelector(`.bl-wire.is-focused[data-for="${e.dataset.id}"]`);
    const rs = getComputedStyle(w ?? r);
    const scale = e.ownerSVGElement?.getScreenCTM()?.a ?? 1;
    ring = { color: rs.stroke, width: parseFloat(rs.strokeWidth) * scale, opacity: rs.strokeOpacity, box: (w ?? r).getBoundingClientRect() };
  } else {
    const grow = parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth);
    const b = e.getBoundingClientRect();
    ring = { color: s.outlineColor, width: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth), opacity: '1',
      box: { left: b.left - grow, top: b.top - grow, right: b.right + grow, bottom: b.bottom + grow } };
  }
  let clipped = null;
  for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
    const cs = getComputedStyle(a);
    if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
    const c = a.getBoundingClientRect();
    if (ring.box.left < c.left - 0.5 || ring.box.right > c.right + 0.5 || ring.box.top < c.top - 0.5 || ring.box.bottom > c.bottom + 0.5) {
      // a box that scrolls shows the ring once scrolled to; only one that cannot scroll cuts it off for good
      const both = ['auto', 'scroll'].includes(cs.overflowX) && ['auto', 'scroll'].includes(cs.overflowY);
      const scrolls = both && (a.scrollHeight > a.clientHeight || a.scrollWidth > a.clientWidth);
      if (!scrolls) { clipped = a.id || a.className; break; }
    }
  }
  return { name, color: ring.color, width: ring.width, opacity: ring.opacity, bg, clipped, body: document.activeElement === document.body };
}"""


@pytest.mark.parametrize("theme", ["light", "dark", "projector"])
def test_every_control_shows_a_focus_ring_in_each_theme(page: Page, server: str, theme: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=xor&step=7&theme={theme}")
    expect(page.locator('#network [data-picture="2.0"] image')).to_be_attached(timeout=30_000)
    seen, bad = set(), []
    for _ in range(250):
        page.keyboard.press("Tab")
        ring = page.evaluate(RING)
        if ring["body"]:
            continue
        if ring["name"] in seen:
            break
        seen.add(ring["name"])
        ratio = contrast(ring["color"], ring["bg"])
        if ring["width"] < 2 or ring["opacity"] != "1" or ratio < 3 or ring["clipped"]:
            bad.append(f"{ring['name'].strip()}: {ring['width']:.1f} px, opacity {ring['opacity']}, {ratio:.2f}:1, clipped by {ring['clipped']}")
    assert len(seen) > 40, seen  # the header, the drawing's neurons, connections and pictures, the step controls
    assert bad == [], bad
    shot(page, f"focus-every-control-{theme}")
