"""The Glossary: one key (g) or the header's button opens the ideas of backpropagation in plain
words; Esc or Close shuts it and the focus goes back to where it was; the stepping keys stay theirs."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
page = reuse.page  # one page for the module, as new for each test (tests/browser/reuse.py)

# Each term the glossary must explain, with a word its explanation must use (written here, not read from the page).
TERMS = {
    "δ": "∂C/∂z",
    "∂C/∂a": "output a",
    "σ′": "slope",
    "η": "learning rate",
    "batch mean": "mean of the per-sample costs",
    "epoch": "every training sample",
    "chain rule": "local derivative",
    "total derivative": "sum over every path",
    "∂": "held fixed",
}


def open_page(page: Page, server: str, query: str = "preset=mazur&step=3") -> None:
    page.goto(f"{server}/?{query}")
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()


def test_every_term_is_explained(page: Page, server: str) -> None:
    open_page(page, server)
    page.locator("#glossary").click()
    dialog = page.locator("#glossary-dialog")
    expect(dialog).to_be_visible()
    terms = dialog.locator("dt .glossary-term").all_inner_texts()
    assert sorted(terms) == sorted(TERMS)
    for term, word in TERMS.items():
        entry = dialog.locator(f'dt[data-term="{term}"]')
        explained = entry.inner_text() + " " + entry.locator("xpath=following-sibling::dd[1]").inner_text()
        assert word in explained, f"{term}: {explained!r}"


def test_the_button_opens_it_and_close_gives_the_focus_back(page: Page, server: str) -> None:
    open_page(page, server)
    page.locator("#glossary").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#glossary-dialog")).to_be_visible()
    page.locator("#glossary-dialog .glossary-close").click()
    expect(page.locator("#glossary-dialog")).to_be_hidden()
    expect(page.locator("#glossary")).to_be_focused()


def test_the_g_key_opens_it_and_esc_returns_the_focus_without_stepping(page: Page, server: str) -> None:
    open_page(page, server)
    page.locator('#controls [data-control="next"]').focus()
    page.keyboard.press("g")
    expect(page.locator("#glossary-dialog")).to_be_visible()
    expect(page.locator("#glossary-dialog .glossary-close")).to_be_focused()
    page.keyboard.press("ArrowRight")  # inside the dialog the arrows do not step
    page.keyboard.press("Escape")
    expect(page.locator("#glossary-dialog")).to_be_hidden()
    expect(page.locator('#controls [data-control="next"]')).to_be_focused()
    assert "step=3" in page.url


def test_g_in_a_form_field_types_a_letter(page: Page, server: str) -> None:
    open_page(page, server)
    field = page.locator('#setup [data-field="lr"]')
    if not field.is_visible():
        page.locator("#toggle-setup").click()
    field.focus()
    page.keyboard.press("g")
    expect(page.locator("#glossary-dialog")).to_be_hidden()


@pytest.mark.parametrize("size", [(1280, 800), (360, 740)])
def test_screenshots(page: Page, server: str, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, server)
    page.keyboard.press("g")
    expect(page.locator("#glossary-dialog")).to_be_visible()
    shot(page, f"glossary-{size[0]}x{size[1]}")


def test_on_a_phone_each_formula_stays_whole_on_one_line(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    open_page(page, server)
    page.keyboard.press("g")
    dialog = page.locator("#glossary-dialog")
    expect(dialog).to_be_visible()
    formulas = ["∂C/∂x", "Wᵀ δ", "σ′(z)", "δ = ∂C/∂a · σ′(z)", "−η", "w ← w − η ∂C/∂w", "∂C/∂w = ∂z/∂w · ∂a/∂z · ∂C/∂a", "∂C/∂a"]
    lines = page.evaluate("""(want) => { const box = document.querySelector('#glossary-dialog').getBoundingClientRect();
      return want.map((f) => { const span = [...document.querySelectorAll('#glossary-dialog dd span')].find((s) => s.textContent === f);
        if (!span) return [f, 0, false];
        const r = span.getBoundingClientRect();
        const lineHeight = parseFloat(getComputedStyle(span).lineHeight) || 1.6 * parseFloat(getComputedStyle(span).fontSize);
        return [f, span.getClientRects().length, r.height < 1.5 * lineHeight && r.left >= box.left && r.right <= box.right]; }); }""", formulas)
    assert lines == [[f, 1, True] for f in formulas]
