"""The Share dialog for a lecture: a live preview of the frame at the chosen size and theme, as the
slide will show it, and the snippets for a reveal.js deck with the lens's plugin and for any deck."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch, shot
from tests.browser.test_share import open_share_at_step, snippet_src

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

PREVIEW = """() => { const f = document.getElementById('share-preview-frame'), box = f.parentElement;
  const r = f.getBoundingClientRect(), b = box.getBoundingClientRect();
  return {src: f.src, width: Number(f.width), height: Number(f.height), shownWidth: r.width, shownHeight: r.height,
          boxWidth: b.width, boxHeight: b.height, inert: box.inert}; }"""


def test_the_preview_shows_the_frame_at_the_chosen_size_and_theme(page: Page, server: str, watch: Watch) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    open_share_at_step(page, server, 4)
    src, _ = snippet_src(page)
    preview = page.frame_locator("#share-preview-frame")
    expect(preview.locator(".step-counter")).to_contain_text("5 / 15")
    p = page.evaluate(PREVIEW)
    assert p["src"] == src and (p["width"], p["height"]) == (960, 540) and p["inert"]
    # the whole 960×540 frame, scaled down to the dialog's width: nothing cut, nothing stretched
    assert abs(p["shownWidth"] - p["boxWidth"]) <= 2 and abs(p["shownHeight"] - p["boxHeight"]) <= 2
    assert abs(p["shownWidth"] / p["shownHeight"] - 960 / 540) < 0.01
    shot(page, "share-preview-light-960")

    page.locator("#share-size").select_option(label="1280 × 720")
    page.locator("#share-theme").select_option("projector")
    expect(preview.locator("html")).to_have_attribute("data-theme", "projector")
    p = page.evaluate(PREVIEW)
    src, size = snippet_src(page)
    assert size == "1280x720" and p["src"] == src and (p["width"], p["height"]) == (1280, 720)
    assert abs(p["shownWidth"] - p["boxWidth"]) <= 2 and abs(p["shownWidth"] / p["shownHeight"] - 1280 / 720) < 0.01
    expect(preview.locator(".step-counter")).to_contain_text("5 / 15")
    shot(page, "share-preview-projector-1280")
    page.keyboard.press("ArrowRight")  # the page's keys stay in the dialog; the inert preview takes none
    expect(preview.locator(".step-counter")).to_contain_text("5 / 15")
    assert watch.errors == []


def test_the_dialog_gives_a_reveal_snippet_with_the_plugin_and_points_other_slide_tools_to_the_exports(page: Page, server: str) -> None:
    open_share_at_step(page, server, 0)
    src, _ = snippet_src(page)
    reveal = page.locator("#share-reveal-text").input_value()
    iframe = page.locator("#share-embed-text").input_value()
    assert f'<script src="{server}/static/deck/reveal-lens.js"></script>' in reveal
    assert iframe in reveal and "data-src" not in reveal
    assert "Reveal.initialize({ plugins: [ BackpropLens ] })" in reveal
    assert page.request.get(f"{server}/static/deck/reveal-lens.js").ok
    expect(page.get_by_role("button", name="Copy reveal.js snippet")).to_be_visible()
    expect(page.locator(".share-tools")).to_contain_text("Slides (.pptx)")
    expect(page.locator(".share-tools")).to_contain_text("handout")
