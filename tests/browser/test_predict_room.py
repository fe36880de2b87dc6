"""The lecture's quiz in /embed (numbers=hide): → first shows the current step's value, the next → moves
on, and ← goes back the same way; also when a reveal.js deck drives the frame through its plugin, which
moves the slides on only after the last step's value is shown. Expected numbers from NumPy on Mazur's
published weights and input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import FrameLocator, Locator, Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch, shot
from tests.deck.reveal_deck import lens_frame, write_deck

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

X = np.array([0.05, 0.10])
W1, B1 = np.array([[0.15, 0.20], [0.25, 0.30]]), 0.35
Z1 = W1 @ X + B1  # step 1 computes z⁽¹⁾, step 2 a⁽¹⁾ = σ(z⁽¹⁾)
A1 = 1 / (1 + np.exp(-Z1))


def shown(x: float) -> str:
    return format(x, "#.4g")


def at(root: Page | FrameLocator, counter: str, revealed: bool) -> None:
    """The frame is at step `counter` ("2 / 15") with its numbers shown (`revealed`) or asked."""
    expect(root.locator(".step-counter")).to_contain_text(counter)
    expect(root.locator("#caption .caption-reveal")).to_have_count(0 if revealed else 1)


def formula(root: Page | FrameLocator) -> Locator:
    return root.locator("#caption .caption-formula")


def test_right_arrow_shows_the_value_then_moves_and_left_arrow_goes_back_the_same_way(page: Page, server: str, watch: Watch) -> None:
    page.set_viewport_size({"width": 960, "height": 540})
    page.goto(f"{server}/embed?preset=mazur&numbers=hide")
    at(page, "1 / 15", revealed=False)
    expect(formula(page)).not_to_contain_text(shown(Z1[0]))
    page.keyboard.press("ArrowRight")
    at(page, "1 / 15", revealed=True)
    expect(formula(page)).to_contain_text(shown(Z1[0]))  # z₁⁽¹⁾ = 0.3775
    shot(page, "room-revealed-960")
    page.keyboard.press("ArrowRight")
    at(page, "2 / 15", revealed=False)
    page.keyboard.press("PageDown")  # a presenter's remote
    at(page, "2 / 15", revealed=True)
    expect(formula(page)).to_contain_text(shown(A1[0]))  # a₁⁽¹⁾ = 0.5933
    page.keyboard.press("ArrowLeft")
    at(page, "2 / 15", revealed=False)
    page.keyboard.press("ArrowLeft")
    at(page, "1 / 15", revealed=True)
    page.keyboard.press("PageUp")
    at(page, "1 / 15", revealed=False)
    assert not watch.errors


def test_without_the_quiz_right_arrow_steps_at_once(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 960, "height": 540})
    page.goto(f"{server}/embed?preset=mazur")
    expect(page.locator(".step-counter")).to_contain_text("1 / 15")
    page.keyboard.press("ArrowRight")
    expect(page.locator(".step-counter")).to_contain_text("2 / 15")


def test_a_deck_moves_on_only_after_the_last_steps_value_is_shown(page: Page, server: str, tmp_path: Path) -> None:
    slides = ["<h2>Quiz</h2>", "<h3>Mazur, asked</h3>" + lens_frame(f"{server}/embed?preset=mazur&amp;numbers=hide&amp;step=13", "quiz"),
              "<h2>Questions?</h2>"]
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(write_deck(tmp_path, server, slides).as_uri())
    page.wait_for_function("window.deckReady === true")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("Reveal.getIndices().h") == 1
    lens = page.frame_locator("#quiz")
    at(lens, "14 / 15", revealed=False)
    page.wait_for_function("() => window.lensReports.some((r) => r.data && r.data.event === 'state' && r.data.count === 30)")
    page.keyboard.press("ArrowRight")
    at(lens, "14 / 15", revealed=True)
    page.keyboard.press("ArrowRight")
    at(lens, "15 / 15", revealed=False)
    page.keyboard.press("ArrowRight")
    at(lens, "15 / 15", revealed=True)
    assert page.evaluate("Reveal.getIndices().h") == 1, "the slide stays until the last value is shown"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h === 2")
    page.keyboard.press("ArrowLeft")  # back: the lens at its last step, shown
    page.wait_for_function("Reveal.getIndices().h === 1")
    at(lens, "15 / 15", revealed=True)
    page.keyboard.press("ArrowLeft")
    at(lens, "15 / 15", revealed=False)
    page.keyboard.press("ArrowLeft")
    at(lens, "14 / 15", revealed=True)
    assert page.evaluate("Reveal.getIndices().h") == 1
