"""Quiz mode (numbers=hide) hides what is computed, not what is given: inputs, weights and targets stay in
sight; a value revealed stays revealed on later steps; and the drawing and the inspector agree on it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)


def value(page: Page, nid: str) -> str:
    return page.locator(f'#network [data-id="{nid}"] .bl-val').text_content() or ""


def go(page: Page, server: str, query: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=mazur&numbers=hide&{query}")
    expect(page.locator('#network [data-id="n-1-0"]')).to_be_visible(timeout=30_000)


def test_given_values_stay_visible_in_quiz_mode(page: Page, server: str) -> None:
    go(page, server, "step=3")  # a[2]: every forward value computed
    assert value(page, "n-0-0") == "0.05000" and value(page, "n-0-1") == "0.1000"  # Mazur's inputs
    assert value(page, "n-1-0") == "?"  # computed: hidden
    labels = page.locator("#network .bl-wlabel").all_text_contents()
    assert "0.1500" in labels and "0.5500" in labels and "?" not in labels  # his weights w1 and w8
    expect(page.locator('#network .bl-target[data-j="0"]')).to_have_text("y₁ = 0.01000")
    shot(page, "quiz-given-1280")


def test_a_revealed_neuron_shows_in_the_inspector_and_stays_revealed_on_later_steps(page: Page, server: str) -> None:
    go(page, server, "step=6")  # δ of layer 2
    page.locator('#network [data-id="n-2-0"]').click()
    expect(page.locator('#network [data-id="n-2-0"] .bl-val')).to_have_text("0.1385")  # δ₁⁽²⁾, Mazur's 0.138498562
    delta_row = page.locator('#inspector [data-row="delta"]')
    expect(delta_row).to_contain_text("0.1385")
    expect(delta_row).not_to_contain_text("?")
    page.locator("#stage").focus()
    page.keyboard.press("ArrowRight")  # ∂C/∂W of layer 2
    expect(page.locator('#inspector [data-row="delta"]')).to_contain_text("0.1385")


def test_a_selection_from_the_link_is_hidden_alike_on_the_drawing_and_in_the_inspector(page: Page, server: str) -> None:
    go(page, server, "step=6&sel=n2.0")
    assert value(page, "n-2-0") == "?"
    expect(page.locator('#inspector [data-row="delta"]')).to_contain_text("?")
