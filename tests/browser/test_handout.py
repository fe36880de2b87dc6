"""/handout lays out every step, one per printed page: Chromium's PDF printer (page.pdf) gives a PDF whose
page N is step N, with the step's number, its name, its formula and sentence with the numbers, and the
drawing's numbers at that step; the controls are not printed. Numbers are checked against /api/step's
answer, read here and written to 4 significant digits in the test."""

from __future__ import annotations

import io

import httpx
import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser import reuse
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)


def g4(x: float) -> str:
    """Four significant digits with a true minus, as the page writes numbers between 1e-3 and 1e5."""
    return f"{x:#.4g}".replace("-", "−")


def printed(page: Page, server: str, query: str) -> list[str]:
    page.goto(f"{server}/handout?{query}")
    expect(page.locator("body[data-ready='true']")).to_have_count(1, timeout=30_000)
    pdf = page.pdf(landscape=True, format="A4", print_background=True, prefer_css_page_size=True)
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def test_printing_the_handout_gives_one_page_per_step_with_that_steps_numbers(page: Page, server: str, watch) -> None:
    body = httpx.get(f"{server}/api/presets/mazur").json()
    trace = httpx.post(f"{server}/api/step", json=body).json()
    steps = trace["steps"]
    pages = printed(page, server, "preset=mazur")
    assert len(pages) == len(steps) == 15
    layers = trace["layers"]
    for i, (text, step) in enumerate(zip(pages, steps, strict=True)):
        assert f"{i + 1} / 15" in text and step["title"] in text, (i, text[:200])
        assert "Print" not in text  # the controls stay on screen
        # the drawing shows the inputs on every page, and the cost from the loss step on
        assert g4(trace["input"][0][0]) in text
        assert (g4(trace["loss"]) in text) == (i >= 4), i
    # the ∂C/∂w₁₁⁽²⁾ page: Mazur's 0.5933 and 0.08217, from the answer's own arrays
    w_page = pages[7]
    assert g4(layers[0]["a"][0][0]) == "0.5933" and g4(layers[1]["grad_weights"][0][0]) == "0.08217"
    assert "0.5933" in w_page and "0.08217" in w_page
    # each page shows the values known at its step: a₁⁽²⁾ from step 4 (index 3) on, never before
    a2 = g4(layers[1]["a"][0][0])
    assert [a2 in text for text in pages[:5]] == [False, False, False, True, True]
    # the updates: old → new weights on the last page
    assert g4(trace["updated"]["weights"][0][0][0]) in pages[14]
    shot(page, "handout-mazur")
    assert not watch.errors and not watch.foreign_requests()


def test_a_handout_for_a_network_past_the_limits_says_why(page: Page, server: str) -> None:
    deep = "preset=mazur&sizes=2,4,4,4,4,4,4,4,4,2&activations=" + ",".join(["sigmoid"] * 9)  # 9 weight layers: past the limit of 8
    refused = httpx.post(f"{server}/api/scenario", json={"state": deep})  # the server's refusal, naming the key
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"][-1] == "sizes"
    page.goto(f"{server}/handout?{deep}")  # the page applies the server's rules: the same link is refused before any step
    expect(page.locator("body[data-ready='error']")).to_have_count(1, timeout=30_000)
    expect(page.locator("#handout-status")).to_contain_text('"sizes=2,4,4,4,4,4,4,4,4,2" is not a valid sizes')
    expect(page.locator(".handout-page")).to_have_count(0)


def test_a_handout_link_the_page_cannot_read_names_the_key(page: Page, server: str) -> None:
    page.goto(f"{server}/handout?preset=mazur&sizes=2,999,2")
    expect(page.locator("body[data-ready='error']")).to_have_count(1, timeout=30_000)
    expect(page.locator("#handout-status")).to_contain_text('"sizes=2,999,2" is not a valid sizes')
    expect(page.locator(".handout-page")).to_have_count(0)


def test_the_export_menu_offers_the_slides_and_the_handout(page: Page, server: str, tmp_path) -> None:
    page.goto(f"{server}/?preset=mazur&step=3&lr=0.25")
    expect(page.locator('[data-id="n-2-0"]')).to_be_visible(timeout=30_000)
    page.locator("#export-button").click()
    expect(page.locator('[data-export="slides"]')).to_contain_text("Slides (.pptx)")
    with page.expect_download() as info:
        page.locator('#export-menu [data-export="slides"]').click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == "backprop_lens_mazur.pptx"
    from pptx import Presentation

    deck = Presentation(str(path))
    assert len(deck.slides) == 16
    last = {s.name: s for s in deck.slides[15].shapes}["!!formula"].text_frame.text
    assert "0.25·" in last  # the page's own scenario (η = 0.25), not the preset's
    page.locator("#export-button").click()
    with page.context.expect_page() as opened:
        page.locator('#export-menu [data-export="handout"]').click()
    handout = opened.value
    expect(handout.locator("body[data-ready='true']")).to_have_count(1, timeout=30_000)
    assert "/handout?" in handout.url and "lr=0.25" in handout.url
    expect(handout.locator(".handout-page")).to_have_count(15)
