"""Without a mouse: every feature reached and worked with the keyboard alone, a focus ring that can
be seen in every theme, and a drawing that stays legible in forced colours (Windows high contrast)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

ACTIVE = """() => { const e = document.activeElement; return e ? (e.id || e.dataset.id || e.dataset.control || e.dataset.step
    || e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30)) : ''; }"""


def tab_to(page: Page, selector: str, limit: int = 80, back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches `selector`."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"{selector} was not reached in {limit} presses of Tab; focus is on {page.evaluate(ACTIVE)!r}")


def open_then_escape(page: Page, opener: str, popup: str, inside: Callable[[], None] = lambda: None) -> None:
    """Tab to `opener`; Enter opens `popup`; `inside` runs in it; Escape closes it and gives the focus back to `opener`."""
    tab_to(page, opener)
    page.keyboard.press("Enter")
    expect(page.locator(popup)).to_be_visible()
    inside()
    page.keyboard.press("Escape")
    expect(page.locator(popup)).to_be_hidden()
    expect(page.locator(opener)).to_be_focused()


def parse_rgb(text: str) -> tuple[float, float, float]:
    r, g, b = (float(x) for x in re.findall(r"[\d.]+", text)[:3])
    return r, g, b


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(parse_rgb(a)), luminance(parse_rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_every_feature_works_from_the_keyboard_alone(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur")
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    counter = page.locator(".step-counter")
    # the skip link, then arrows step
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#stage")).to_be_focused()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(counter).to_contain_text("4 / 15")
    page.keyboard.press("End")
    expect(counter).to_contain_text("15 / 15")
    page.keyboard.press("Home")
    # any neuron and any connection, by Tab and Enter
    tab_to(page, '[data-id="n-1-1"]')
    page.keyboard.press("Enter")
    expect(page.locator("#inspector")).to_contain_text("neuron 2 of layer 1", ignore_case=True)
    tab_to(page, '[data-id="c-2-1-0"]')
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"sel=c2\.1\.0"))
    # the inspector's tabs: arrows move between them
    tab_to(page, '#inspector [role="tab"][aria-selected="true"]')
    page.keyboard.press("ArrowRight")
    expect(page.locator('#inspector [role="tab"][data-tab="paths"]')).to_have_attribute("aria-selected", "true")
    expect(page.locator('#inspector [data-tab-panel="paths"]')).to_be_visible()
    # the timeline jumps to a step
    tab_to(page, '#controls .timeline button[data-step="6"]')
    page.keyboard.press("Enter")
    expect(counter).to_contain_text("7 / 15")
    # play and pause with the play button
    tab_to(page, '#controls [data-control="play"]', back=True)
    page.keyboard.press("Enter")
    expect(page.locator('#controls [data-control="play"]')).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Enter")
    expect(page.locator('#controls [data-control="play"]')).to_have_attribute("aria-pressed", "false")
    # the view switch
    tab_to(page, "#show-table", back=True)
    page.keyboard.press("Enter")
    expect(page.locator("#table")).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    tab_to(page, "#show-network", back=True)
    page.keyboard.press("Enter")
    expect(page.locator("#network svg")).to_be_visible()
    # the set-up: open, change the learning rate, Enter applies it
    tab_to(page, "#toggle-setup")
    page.keyboard.press("Enter")
    expect(page.locator("#setup")).to_be_visible()
    tab_to(page, '#setup [data-field="lr"]')
    page.keyboard.press("Control+a")
    page.keyboard.type("0.25")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"lr=0\.25"))
    tab_to(page, "#toggle-setup", back=True)
    page.keyboard.press("Enter")
    expect(page.locator("#setup")).to_be_hidden()
    # share: the dialog opens, Escape closes it and gives the focus back
    open_then_escape(page, "#share", "#share-dialog")
    open_then_escape(page, "#glossary", "#glossary-dialog")

    def arrows_move_in_the_menu() -> None:
        expect(page.locator('#export-menu [role="menuitem"]').first).to_be_focused()
        page.keyboard.press("ArrowDown")
        expect(page.locator('#export-menu [role="menuitem"]').nth(1)).to_be_focused()

    # export: the menu opens on its first item, arrows move, Escape closes it
    open_then_escape(page, "#export-button", "#export-menu", arrows_move_in_the_menu)


# What each theme's focus ring is drawn on, and the elements checked in it.
FOCUSED = [".skip", "#preset", "#show-table", "#toggle-setup", '#controls [data-control="next"]', '#controls .timeline button']


@pytest.mark.parametrize("theme", ["light", "dark", "projector"])
def test_the_focus_ring_is_visible_in_every_theme(page: Page, server: str, theme: str) -> None:
    page.goto(f"{server}/?preset=mazur&step=7&theme={theme}")
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    page.keyboard.press("Tab")
    for selector in FOCUSED:
        tab_to(page, selector)
        ring = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            let p = e.parentElement, bg = 'rgba(0, 0, 0, 0)';
            while (p && /rgba\\(.*, 0\\)|transparent/.test(bg)) { bg = getComputedStyle(p).backgroundColor; p = p.parentElement; }
            return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, bg}; }""")
        assert ring["style"] != "none" and ring["width"] >= 2, (selector, ring)
        assert contrast(ring["color"], ring["bg"]) >= 3, (selector, ring)  # WCAG 1.4.11
    page_bg = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    tab_to(page, '[data-id="n-1-0"]')
    ring = page.evaluate("""() => { const r = getComputedStyle(document.activeElement.querySelector('.bl-ring'));
        return {stroke: r.stroke, opacity: r.strokeOpacity, width: parseFloat(r.strokeWidth)}; }""")
    assert ring["opacity"] == "1" and ring["width"] >= 2 and contrast(ring["stroke"], page_bg) >= 3, ring
    tab_to(page, '[data-id="c-2-0-0"]')
    wire = page.evaluate("""() => { const w = document.querySelector('.bl-wire[data-for="c-2-0-0"]'), s = getComputedStyle(w);
        const t = document.activeElement.querySelector('.bl-wlabel');
        return {stroke: s.stroke, label: t ? getComputedStyle(t).fill : null}; }""")
    assert contrast(wire["stroke"], page_bg) >= 3, wire
    assert wire["label"] is None or contrast(wire["label"], page_bg) >= 3, wire
    shot(page, f"focus-ring-{theme}")


def test_forced_colours_keep_the_drawing_legible(page: Page, server: str) -> None:
    page.emulate_media(forced_colors="active", color_scheme="dark")
    page.goto(f"{server}/?preset=mazur&step=7&sel=c2.0.0&edits=W2.1.1:-0.55")  # one negative weight
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    found = page.evaluate("""() => {
        const fill = (e) => getComputedStyle(e).fill, stroke = (e) => getComputedStyle(e).stroke;
        const canvas = getComputedStyle(document.body).backgroundColor;
        return {canvas,
          neurons: [...document.querySelectorAll('#network .bl-neuron')].map((g) => ({
            body: fill(g.querySelector('.bl-body')), rim: stroke(g.querySelector('.bl-body')),
            text: [...g.querySelectorAll('text')].map(fill)})),
          wires: [...document.querySelectorAll('#network .bl-wire')].map((w) => ({stroke: stroke(w),
            dashed: getComputedStyle(w).strokeDasharray !== 'none', neg: w.classList.contains('neg'),
            chosen: w.classList.contains('is-selected')})),
          labels: [...document.querySelectorAll('#network .bl-wlabel')].map(fill)}; }""")
    canvas = found["canvas"]
    assert found["neurons"], "no neurons drawn"
    for n in found["neurons"]:
        assert contrast(n["rim"], n["body"]) >= 3, n
        for text in n["text"]:
            assert contrast(text, n["body"]) >= 4.5, n
    for w in found["wires"]:
        assert contrast(w["stroke"], canvas) >= 3, w
        assert w["dashed"] == w["neg"], w  # the sign is still told without colour
    assert [w["neg"] for w in found["wires"]].count(True) == 1
    for label in found["labels"]:
        assert contrast(label, canvas) >= 4.5, label
    chosen = [w["stroke"] for w in found["wires"] if w["chosen"]]
    assert len(chosen) == 1 and chosen[0] not in {w["stroke"] for w in found["wires"] if not w["chosen"]}  # it stands out
    shot(page, "forced-colours-mazur")


# The dialog closes, and in the same moment (before the dialog's queued 'close' event has run) the
# user's next key puts the focus elsewhere: on a loaded machine input runs ahead of queued tasks.
MOVE_ON_AS_IT_CLOSES = """async ([opener, dialog, next]) => {
  document.querySelector(opener).click();
  const d = document.querySelector(dialog);
  d.close();
  document.querySelector(next).focus();
  await new Promise((resolve) => setTimeout(resolve, 100));
  return document.activeElement?.id ?? '';
}"""


@pytest.mark.parametrize(("opener", "dialog"), [("#share", "#share-dialog"), ("#glossary", "#glossary-dialog")])
def test_a_closing_dialog_leaves_the_focus_where_the_user_moved_it(page: Page, server: str, opener: str, dialog: str) -> None:
    page.goto(f"{server}/?preset=mazur")
    expect(page.locator("#network svg")).to_be_visible()
    assert page.evaluate(MOVE_ON_AS_IT_CLOSES, [opener, dialog, "#export-button"]) == "export-button"
    # Closed with nothing else focused, the focus goes back to the button that opened it.
    page.locator(opener).click()
    page.keyboard.press("Escape")
    expect(page.locator(opener)).to_be_focused()
