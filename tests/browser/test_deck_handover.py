"""A real reveal.js 6 deck opened from disk, without the lens's plugin: a frame clicked into steps
with Space (no playing), hands → / PgDn past its last step and ← / PgUp before its first to the
deck through reveal.js's postMessage API, and passes B and . (blank screen) on. And messages of the
wrong shape or from the wrong window are ignored on both sides."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.test_deck import all_lenses_reported, counter, open_deck, press, slide_index, slides
from tests.deck.reveal_deck import lens_frame, write_deck

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)


def test_without_the_plugin_a_clicked_frame_hands_the_keys_past_its_ends_to_the_deck(page: Page, server: str, tmp_path: Path) -> None:
    open_deck(page, write_deck(tmp_path, server, slides(server), plugin=False))
    press(page, "ArrowRight")
    lens = page.frame_locator("#mazur")
    expect(counter(page, "mazur")).to_contain_text("1 / 15")
    expect(lens.locator("#embed-hint")).to_be_visible()  # no plugin: "Click to control"
    lens.locator("#caption").click()
    expect(lens.locator("#embed-hint")).to_be_hidden()

    press(page, " ")  # Space steps; it does not play
    expect(counter(page, "mazur")).to_contain_text("2 / 15")
    expect(lens.locator('[data-control="play"]')).to_have_attribute("aria-pressed", "false")
    press(page, "ArrowLeft")
    expect(counter(page, "mazur")).to_contain_text("1 / 15")
    press(page, "PageUp")  # before the first step: the deck's previous slide, and the deck has the keyboard again
    expect(page.locator("section.present h2")).to_have_text("Backpropagation")
    press(page, "ArrowRight")  # the deck's key now
    assert slide_index(page) == 1
    expect(counter(page, "mazur")).to_contain_text("1 / 15")

    lens.locator("#caption").click()
    press(page, "End")
    expect(counter(page, "mazur")).to_contain_text("15 / 15")
    press(page, "b")  # blank screen, from inside the frame
    page.wait_for_function("Reveal.isPaused() === true")
    press(page, ".")
    page.wait_for_function("Reveal.isPaused() === false")
    press(page, "ArrowRight")  # past the last step: the next slide
    expect(page.locator("section.present h3")).to_have_text("Two networks")
    press(page, "ArrowRight")  # the deck has the keyboard: not the hidden frame's key
    expect(page.locator("section.present h2")).to_have_text("Questions?")
    expect(counter(page, "mazur")).to_contain_text("15 / 15")

    page.evaluate("Reveal.slide(1)")
    lens.locator("#caption").click()
    press(page, "PageDown")  # PgDn past the last step too
    expect(page.locator("section.present h3")).to_have_text("Two networks")


BAD_REPORTS = [
    "{type: 'backprop-lens', event: 'state', step: 14, count: 15, extra: 1}",
    "{type: 'backprop-lens', event: 'state', step: '14', count: 15}",
    "{type: 'backprop-lens', event: 'state', step: 15, count: 15}",
    "{type: 'other', event: 'state', step: 14, count: 15}",
    "JSON.stringify({type: 'backprop-lens', event: 'state', step: 14, count: 15})",
    "[14, 15]",
]


def test_the_plugin_ignores_a_lens_report_of_the_wrong_shape_or_origin(page: Page, server: str, tmp_path: Path) -> None:
    open_deck(page, write_deck(tmp_path, server, slides(server)))
    press(page, "ArrowRight")
    all_lenses_reported(page)
    before = page.evaluate("window.lensReports.length")
    lens = page.frame(url=lambda u: "preset=mazur" in u)
    assert lens is not None
    # Had the plugin believed any of these, the lens would be at its last step and → would change the slide.
    for report in BAD_REPORTS:
        lens.evaluate(f"parent.postMessage({report}, '*')")
    page.wait_for_function(f"window.lensReports.length >= {before + len(BAD_REPORTS)}")
    press(page, "ArrowRight")
    expect(counter(page, "mazur")).to_contain_text("2 / 15")
    assert slide_index(page) == 1

    # The lens's frame taken to another origin (localhost is not 127.0.0.1): its good-looking report is ignored.
    other = server.replace("127.0.0.1", "localhost")
    lens.goto(f"{other}/embed?preset=mazur&step=14")
    page.wait_for_function("window.lensReports.some((r) => r.origin.includes('localhost') && r.data.step === 14)")
    press(page, "ArrowLeft")  # the plugin no longer knows this frame: the deck moves
    expect(page.locator("section.present h2")).to_have_text("Backpropagation")


def test_the_lens_obeys_only_its_deck_and_only_commands_of_the_right_shape(page: Page, server: str, tmp_path: Path) -> None:
    other = server.replace("127.0.0.1", "localhost")
    sibling = lens_frame(f"{other}/embed?preset=chain", "sibling", 320, 180)  # another origin's frame beside the lens
    open_deck(page, write_deck(tmp_path, server, ["<h3>Lens</h3>" + lens_frame(f"{server}/embed?preset=mazur", "mazur") + sibling],
                               plugin=False))
    expect(counter(page, "mazur")).to_contain_text("1 / 15")
    post = "(m) => document.getElementById('mazur').contentWindow.postMessage(m, '*')"
    for bad in [{"type": "backprop-lens", "command": "go", "by": 5}, {"type": "backprop-lens", "command": "go", "to": "x"},
                {"type": "backprop-lens", "command": "go", "to": 3, "by": 1}, {"type": "backprop-lens", "command": "go", "to": 3, "x": 1},
                {"type": "backprop-lens", "command": "jump", "to": 3}, {"method": "next"}, "slide:start",
                '{"type": "backprop-lens", "command": "go", "to": 3}']:
        page.evaluate(post, bad)
    # The right shape, from a window that is not the deck (a frame of another origin beside the lens): ignored.
    page.wait_for_function("document.getElementById('sibling').contentDocument === null")  # at its own origin
    sib = page.locator("#sibling").element_handle().content_frame()
    assert sib is not None and sib.url.startswith(other)
    sib.evaluate("parent.frames[0].postMessage({type: 'backprop-lens', command: 'go', to: 9}, '*')")
    sib.evaluate("parent.postMessage('sent', '*')")
    page.wait_for_function("window.lensReports.some((r) => r.data === 'sent')")
    page.evaluate(post, {"type": "backprop-lens", "command": "go", "to": 2})  # the deck's own command, right shape: obeyed
    expect(counter(page, "mazur")).to_contain_text("3 / 15")
    page.wait_for_function("window.lensReports.some((r) => r.data.event === 'state' && r.data.step === 2)")
    steps = page.evaluate("(o) => window.lensReports.filter((r) => r.origin === o && r.data.event === 'state').map((r) => r.data.step)", server)
    assert 9 not in steps and 3 not in steps and 5 not in steps, steps
