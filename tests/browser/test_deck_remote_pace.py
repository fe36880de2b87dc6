"""A presenter's remote pressed back to back: the plugin counts each press at once, and a lens's report
still on its way when the next key comes does not set that count back, so the press after a lens's
last step moves the deck. And a slide the deck comes back to before its lens first reported still
finds that lens at its last step once it reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.test_deck import all_lenses_reported, counter, open_deck, slide_index, slides
from tests.deck.reveal_deck import lens_frame, write_deck

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)


def test_fifteen_presses_back_to_back_take_mazur_to_its_end_and_the_deck_on(page: Page, server: str, tmp_path: Path) -> None:
    open_deck(page, write_deck(tmp_path, server, slides(server)))
    page.keyboard.press("ArrowRight")
    expect(counter(page, "mazur")).to_contain_text("1 / 15")
    all_lenses_reported(page)
    for _ in range(15):  # no wait between presses: reports from the frame are still on their way
        page.keyboard.press("PageDown")
    expect(page.locator("section.present h3")).to_have_text("Two networks")
    expect(counter(page, "mazur")).to_contain_text("15 / 15")
    for _ in range(3):  # and back: chain and xor are at their link's steps; xor, the last, steps back first
        page.keyboard.press("PageUp")
    expect(counter(page, "xor")).to_contain_text("10 / 15")
    assert slide_index(page) == 2


def test_a_lens_that_reports_after_the_deck_came_back_goes_to_its_last_step(page: Page, server: str, tmp_path: Path) -> None:
    deck = slides(server)[:2] + ["<h3>Late</h3><div id='late-slot'></div>", "<h2>Questions?</h2>"]
    open_deck(page, write_deck(tmp_path, server, deck))
    page.evaluate("Reveal.slide(3)")
    expect(page.locator("section.present h2")).to_have_text("Questions?")
    late = lens_frame(f"{server}/embed?preset=xor&amp;step=2", "late", 600, 340)
    # the frame is put on slide 2 and the deck steps back to it in one task: it cannot have reported yet
    page.evaluate("(html) => { document.getElementById('late-slot').innerHTML = html; Reveal.prev(); }", late)
    expect(page.locator("section.present h3")).to_have_text("Late")
    expect(counter(page, "late")).to_contain_text("15 / 15")
