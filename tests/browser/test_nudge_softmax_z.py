"""The Nudge on what a network can really move: a softmax output through its z (the outputs still sum
to 1, the cross-entropy stays positive), a note where an activation is pushed past its range, and a
typed Δ applied with Enter that keeps the focus in its field."""

from __future__ import annotations

import httpx
import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch, at_last_step, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

ACTUAL = '#inspector [data-nudge-out="actual"] [data-actual]'
PREDICTED = '#inspector [data-nudge-out="predicted"] [data-predicted]'


def ready(page: Page, delta: float) -> None:
    page.wait_for_function("""(delta) => { const s = document.querySelector('#inspector [data-nudge-section="ready"]');
      return s?.dataset.delta === delta && !s.hasAttribute('aria-busy') && s.querySelector('[data-actual]'); }""",
                           arg=str(delta), timeout=30_000)


def test_iris_softmax_output_nudged_moves_its_z_and_the_cost_stays_a_cross_entropy(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    at_last_step(page, server, "preset=iris&sel=n2.0&nudgeon=a&sample=0&nudge=0.7")
    ready(page, 0.7)
    expect(page.locator("#inspector .nudge h3")).to_have_text("Nudge z₁⁽²⁾ and watch the cost")
    # by hand in NumPy: relu hidden layer, softmax output with z₁ + 0.7, cross-entropy of sample 0
    body = httpx.get(f"{server}/api/presets/iris").json()
    w1, w2 = (np.array(w) for w in httpx.post(f"{server}/api/step", json=body).json()["model"]["weights"])
    b1, b2 = (np.array(b) for b in httpx.post(f"{server}/api/step", json=body).json()["model"]["biases"])
    x, y = np.array(body["inputs"][0]), np.array(body["targets"][0])
    z = w2 @ np.maximum(w1 @ x + b1, 0) + b2

    def cost(dz: float) -> float:
        zz = z + np.array([dz, 0, 0])
        a = np.exp(zz - zz.max()) / np.exp(zz - zz.max()).sum()
        return float(-(y * np.log(a)).sum())

    a = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    actual = float(page.locator(ACTUAL).get_attribute("data-value"))
    predicted = float(page.locator(PREDICTED).get_attribute("data-value"))
    assert actual == pytest.approx(cost(0.7) - cost(0.0), rel=1e-9)
    assert predicted == pytest.approx((a[0] - y[0]) * 0.7, rel=1e-9)  # δ₁ · Δz
    assert cost(0.7) > 0  # today's a-nudge showed −1.061: outputs summing to 1.70
    expect(page.locator("#inspector [data-nudge-unreachable]")).to_be_hidden()
    shot(page, "nudge-softmax-z-1280")


def test_a_sigmoid_output_pushed_past_1_is_said_to_be_unreachable(page: Page, server: str) -> None:
    at_last_step(page, server, "preset=mazur&sel=n2.0&nudgeon=a&nudge=0.5")
    ready(page, 0.5)
    note = page.locator("#inspector [data-nudge-unreachable]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("a σ lies between 0 and 1")


def test_typing_delta_and_pressing_enter_applies_it_keeps_the_focus_and_throws_nothing(page: Page, server: str, watch: Watch) -> None:
    at_last_step(page, server, "preset=mazur&sel=c2.0.0")
    ready(page, 0.1)
    typed = page.locator("#inspector").get_by_role("textbox", name="Δ =", exact=True)
    typed.fill("0.3")
    typed.press("Enter")
    ready(page, 0.3)
    expect(page.locator("#inspector").get_by_role("textbox", name="Δ =", exact=True)).to_be_focused()
    typed = page.locator("#inspector").get_by_role("textbox", name="Δ =", exact=True)
    typed.fill("4")  # past the slider's reach of ±1: the slider follows
    typed.press("Enter")
    ready(page, 4)
    slider = page.locator('#inspector [data-nudge="slider"]')
    assert float(slider.input_value()) == 4
    expect(page.locator("#inspector").get_by_role("textbox", name="Δ =", exact=True)).to_be_focused()
    assert watch.errors == []
