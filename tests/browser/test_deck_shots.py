"""Screenshots of the lens inside a real reveal.js 6 deck at the projector's sizes (1920×1080 and
1280×720) in each theme, at the ∂C/∂W⁽²⁾ step, for looking at as from the back of a hall; each checks
that the whole frame is on the slide and that the plugin drives it (no "Click to control")."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import shot
from tests.deck.reveal_deck import lens_frame, write_deck

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

DECK_THEMES = {"light": "white", "projector": "black"}


# The dark theme is laid out as the light one (tests/test_dark_theme.py): what is measured here is measured in light and projector.
@pytest.mark.parametrize("theme", ["light", "projector"])
@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_the_lens_in_a_deck_at_projector_sizes(page: Page, server: str, tmp_path: Path, theme: str, width: int, height: int) -> None:
    frame_html = lens_frame(f"{server}/embed?preset=mazur&amp;step=7&amp;theme={theme}", "mazur", 1120, 630)
    deck = write_deck(tmp_path, server, ["<h3>The gradients of the last weights</h3>" + frame_html], deck_theme=DECK_THEMES[theme])
    page.set_viewport_size({"width": width, "height": height})
    page.goto(deck.as_uri())
    page.wait_for_function("window.deckReady === true")
    lens = page.frame_locator("#mazur")
    expect(lens.locator(".step-counter")).to_contain_text("8 / 15")
    expect(lens.locator("#embed-hint")).to_be_hidden()
    box = page.locator("#mazur").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0
    assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height, "the whole frame is on the slide"
    assert box["width"] >= 0.8 * width, "the frame fills most of the slide's width"
    shot(page, f"deck-{theme}-{width}x{height}")
