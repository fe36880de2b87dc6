"""Predict mode (mode=predict): at Mazur's δ₁⁽²⁾ step the page hides the value, asks "Your prediction",
accepts a right one, and for a wrong one shows the value, the difference and the formula with its
numbers; ↑ ↓ move through the layer, a count of right first tries is kept, the mode is in the link,
and it works with the keyboard alone, on a phone and in /embed. The expected numbers come from
NumPy on Mazur's published weights, inputs and targets."""

from __future__ import annotations

import re

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

DELTA_STEP = 6  # 0-based: z¹ a¹ z² a² C ∂C/∂a² δ² …


def mazur_layer2() -> tuple[np.ndarray, np.ndarray]:
    """Mazur's 2-2-2 sigmoid network (his published weights, biases, input and target): a⁽²⁾ and δ⁽²⁾ for C = ½Σ(a − y)²."""
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    x, y = np.array([0.05, 0.10]), np.array([0.01, 0.99])
    w1, b1 = np.array([[0.15, 0.20], [0.25, 0.30]]), 0.35
    w2, b2 = np.array([[0.40, 0.45], [0.50, 0.55]]), 0.60
    a2 = sig(w2 @ sig(w1 @ x + b1) + b2)
    return a2, (a2 - y) * a2 * (1 - a2)


def shown(x: float) -> str:
    """How the page writes a number: 4 significant digits, trailing zeros kept, a true minus."""
    return format(x, "#.4g").replace("-", "−")


def open_predict(page: Page, url: str, width: int = 1280, height: int = 800) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    expect(page.get_by_label("Your prediction")).to_be_visible(timeout=30_000)


def predict(page: Page, text: str) -> None:
    field = page.get_by_label("Your prediction")
    field.focus()
    field.fill(text)
    field.press("Enter")


def test_a_right_prediction_of_delta_is_accepted(page: Page, server: str, watch: Watch) -> None:
    _, delta = mazur_layer2()
    open_predict(page, f"{server}/?preset=mazur&step={DELTA_STEP}&mode=predict")
    expect(page.locator("#predict")).to_contain_text("δ₁⁽²⁾")
    expect(page.locator('#network [data-id="n-2-0"] .bl-val')).to_have_text("?")  # hidden on the drawing
    expect(page.locator('#inspector [data-row="delta"] td')).to_have_text("?")  # and in the inspector
    expect(page.locator('#inspector [data-row="a"] td')).to_have_text(shown(mazur_layer2()[0][0]))  # what it needs stays in sight
    expect(page.locator("#caption .caption-formula")).not_to_contain_text(shown(delta[0]))
    expect(page.locator("#caption [data-predict-wait]")).to_be_visible()  # no button there gives the value away
    expect(page.locator("#caption button.caption-reveal")).to_have_count(0)
    predict(page, f"{delta[0]:.4f}")
    expect(page.locator("#caption .caption-formula")).to_contain_text(shown(delta[0]))  # checked: the caption's formula with its numbers
    feedback = page.locator("[data-predict-feedback]")
    expect(feedback).to_have_attribute("data-predict-feedback", "right")
    expect(feedback.locator("[data-predict-value]")).to_have_text(shown(delta[0]))
    expect(page.locator("[data-predict-tally]")).to_have_text("Right first time: 1 of 1")
    expect(page.locator('#network [data-id="n-2-0"] .bl-val')).to_have_text(shown(delta[0]))  # checked: the page shows it
    expect(page.locator("#announce")).to_contain_text("Right: δ₁⁽²⁾ = " + shown(delta[0]))
    assert not watch.errors


def test_a_wrong_prediction_shows_the_value_the_difference_and_the_formula(page: Page, server: str) -> None:
    a2, delta = mazur_layer2()
    open_predict(page, f"{server}/?preset=mazur&step={DELTA_STEP}&mode=predict")
    predict(page, "0.2")
    feedback = page.locator("[data-predict-feedback]")
    expect(feedback).to_have_attribute("data-predict-feedback", "wrong")
    expect(feedback.locator("[data-predict-value]")).to_have_text(shown(delta[0]))
    expect(feedback.locator("[data-predict-difference]")).to_have_text(shown(0.2 - delta[0]))
    plain = feedback.locator("[data-predict-formula]").get_attribute("data-plain") or ""
    assert shown(a2[0]) in plain and shown(delta[0]) in plain and "δ" in plain, plain  # (a − y) · σ′(z) with its numbers
    expect(page.locator("[data-predict-tally]")).to_have_text("Right first time: 0 of 1")
    expect(page.locator("#announce")).to_contain_text("Not quite")
    shot(page, "predict-wrong-1280")


def test_a_prediction_that_is_not_a_number_gets_a_message_and_is_not_counted(page: Page, server: str) -> None:
    open_predict(page, f"{server}/?preset=mazur&step={DELTA_STEP}&mode=predict")
    predict(page, "about a tenth")
    expect(page.locator("[data-predict-message]")).to_contain_text("is not a number")
    expect(page.get_by_label("Your prediction")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-predict-tally]")).to_have_text("Right first time: 0 of 0")
    expect(page.locator("[data-predict-feedback]")).to_have_count(0)
    expect(page.locator('#network [data-id="n-2-0"] .bl-val')).to_have_text("?")


def test_up_and_down_move_the_prediction_through_the_layer_and_first_tries_are_counted(page: Page, server: str) -> None:
    _, delta = mazur_layer2()
    open_predict(page, f"{server}/?preset=mazur&step={DELTA_STEP}&mode=predict")
    predict(page, f"{delta[0]:.4f}")  # right on δ₁⁽²⁾
    expect(page.locator("[data-predict-tally]")).to_have_text("Right first time: 1 of 1")
    field = page.get_by_label("Your prediction")
    field.focus()
    field.press("ArrowDown")
    expect(page.locator("#predict")).to_contain_text("δ₂⁽²⁾")
    expect(page).to_have_url(re.compile(r"sel=n2\.1"))
    predict(page, "0.5")  # wrong on δ₂⁽²⁾
    expect(page.locator("[data-predict-value]")).to_have_text(shown(delta[1]))
    predict(page, f"{delta[1]:.4f}")  # a second try is not a first try
    expect(page.locator("[data-predict-tally]")).to_have_text("Right first time: 1 of 2")
    page.get_by_label("Your prediction").focus()
    page.get_by_label("Your prediction").press("ArrowUp")
    expect(page.locator("#predict")).to_contain_text("δ₁⁽²⁾")
    expect(page.locator("[data-predict-feedback]")).to_have_attribute("data-predict-feedback", "right")  # its first try is kept


def test_keys_typed_in_the_field_stay_there_and_the_keyboard_alone_moves_on(page: Page, server: str) -> None:
    open_predict(page, f"{server}/?preset=mazur&step={DELTA_STEP}&mode=predict")
    field = page.get_by_label("Your prediction")
    field.focus()
    for key in ["0", ".", "1", "ArrowRight", "ArrowLeft", "Home", "End", " ", "g"]:
        field.press(key)
    expect(page.locator(".step-counter")).to_contain_text("7 / 15")
    expect(page.locator("dialog[open]")).to_have_count(0)
    field.fill("0.1385")
    field.press("Enter")
    expect(page.locator("[data-predict-feedback]")).to_be_visible()
    page.keyboard.press("ArrowRight")  # focus is on "Next step": → moves on
    expect(page.locator(".step-counter")).to_contain_text("8 / 15")
    expect(page.locator("#predict")).to_contain_text("∂C/∂w₁₁⁽²⁾")
    expect(page.get_by_label("Your prediction")).to_be_focused()


def test_the_mode_is_switched_in_the_header_and_kept_in_the_link(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=mazur&step={DELTA_STEP}")
    toggle = page.locator("#predict-mode")
    expect(toggle).to_have_attribute("aria-pressed", "false", timeout=30_000)
    expect(page.locator('#network [data-id="n-2-0"] .bl-val')).to_have_text("0.1385")
    expect(page.locator("#predict")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page).to_have_url(re.compile(r"mode=predict"))
    expect(page.get_by_label("Your prediction")).to_be_visible()
    page.reload()
    expect(page.locator("#predict-mode")).to_have_attribute("aria-pressed", "true", timeout=30_000)
    expect(page.get_by_label("Your prediction")).to_be_visible()
    page.locator("#predict-mode").click()
    expect(page).not_to_have_url(re.compile(r"mode="))
    expect(page.locator("#predict")).to_be_hidden()
    expect(page.locator('#network [data-id="n-2-0"] .bl-val')).to_have_text("0.1385")


def test_the_box_asks_only_over_a_view_that_shows_the_step(page: Page, server: str) -> None:
    """One load, then each view that shows no step's value and back to the network: the box goes and comes back."""
    open_predict(page, f"{server}/?preset=mazur&step={DELTA_STEP}&mode=predict")
    for view in ["train", "data", "order"]:
        page.locator(f"#show-{view}").click()
        expect(page.locator(f"#{view}"), f"the {view} view is shown").to_be_visible()
        expect(page.locator("#predict"), f"no box over the {view} view").to_be_hidden()  # no step's value is on stage there
        page.locator("#show-network").click()
        expect(page.get_by_label("Your prediction"), f"the box is back after the {view} view").to_be_visible()


@pytest.mark.parametrize("where", ["phone", "embed"])
def test_predict_works_on_a_phone_and_in_the_embed(page: Page, server: str, where: str) -> None:
    _, delta = mazur_layer2()
    url, size = {"phone": (f"{server}/?preset=mazur&step={DELTA_STEP}&mode=predict", (360, 740)),
                 "embed": (f"{server}/embed?preset=mazur&step={DELTA_STEP}&mode=predict", (960, 540))}[where]
    open_predict(page, url, *size)
    field = page.get_by_label("Your prediction")
    field.scroll_into_view_if_needed()  # a phone's page scrolls
    box = field.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= size[0] and box["y"] + box["height"] <= size[1]
    predict(page, "0.3")
    expect(page.locator("[data-predict-value]")).to_have_text(shown(delta[0]))
    expect(page.locator("[data-predict-formula]")).to_be_visible()
    predict(page, "0.3")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "no sideways scrolling"
    shot(page, f"predict-{where}")


# The dark theme is laid out as the light one (tests/test_dark_theme.py): what is measured here is measured in light and projector.
@pytest.mark.parametrize("theme", ["light", "projector"])
def test_the_predict_box_fits_every_size_in_light_and_projector(page: Page, server: str, theme: str) -> None:
    for name, path, (width, height) in [("1280", "/", (1280, 800)), ("phone", "/", (360, 740)), ("embed", "/embed", (960, 540))]:
        open_predict(page, f"{server}{path}?preset=mazur&step={DELTA_STEP}&mode=predict&theme={theme}", width, height)
        predict(page, "0.2")
        feedback = page.locator("[data-predict-feedback]")
        feedback.scroll_into_view_if_needed()
        expect(feedback).to_be_visible()
        box = page.locator("#predict").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (name, box)
        shot(page, f"predict-{name}-{theme}")


@pytest.mark.parametrize("path", ["/", "/embed"])
def test_the_predict_box_is_clean_for_axe_asked_and_answered(page: Page, server: str, path: str) -> None:
    from tests.browser.axe import blocking, report, violations

    open_predict(page, f"{server}{path}?preset=mazur&step={DELTA_STEP}&mode=predict&theme=dark")
    found = blocking(violations(page))
    assert not found, report(found)
    predict(page, "0.2")
    expect(page.locator("[data-predict-formula]")).to_be_visible()
    found = blocking(violations(page))
    assert not found, report(found)
