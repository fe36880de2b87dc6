"""The inspector's Nudge: Δ by slider or typed value, the cost's actual change (the server's forward
pass) beside the linear prediction, the plot of C with its tangent; quiz mode hides it; the URL keeps it."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import at_last_step

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

ACTUAL = '#inspector [data-nudge-out="actual"] [data-actual]'
PREDICTED = '#inspector [data-nudge-out="predicted"] [data-predicted]'


def open_nudge(page: Page, server: str, query: str) -> None:
    at_last_step(page, server, query)
    expect(page.locator(ACTUAL)).to_be_attached(timeout=30_000)  # a step of 100 samples, on a busy machine


def shown(page: Page, selector: str) -> float:
    return float(page.locator(selector).get_attribute("data-value"))


def wait_for_delta(page: Page, delta: float) -> None:
    # A function, not an expression: the page's CSP refuses eval, which an expression's later polls use.
    page.wait_for_function("""(delta) => { const s = document.querySelector('#inspector [data-nudge-section="ready"]');
      return s?.dataset.delta === delta && !s.hasAttribute('aria-busy'); }""", arg=str(delta), timeout=30_000)


def test_nudging_mazurs_w5_by_a_tenth_shows_0_008153_against_0_008217(page: Page, server: str) -> None:
    # Mazur's w5 joins h1 to o1: W⁽²⁾ row 1, column 1 in the page's 1-based labels (c2.0.0).
    open_nudge(page, server, "preset=mazur&sel=c2.0.0")
    expect(page.locator("#inspector .nudge h3")).to_have_text("Nudge w₁₁⁽²⁾ and watch the cost")
    expect(page.locator(ACTUAL)).to_have_text("0.008153")
    expect(page.locator(PREDICTED)).to_have_text("0.008217")
    assert shown(page, ACTUAL) == pytest.approx(0.008153, abs=5e-7)
    assert shown(page, PREDICTED) == pytest.approx(0.008217, abs=5e-7)
    curve = page.locator('#inspector .nudge-plot [data-series="cost"]').get_attribute("d")
    tangent = page.locator('#inspector .nudge-plot [data-series="tangent"]').get_attribute("d")
    assert curve.count("L") == 40 and tangent.startswith("M")
    expect(page.locator('#inspector .nudge-plot [data-point="actual"]')).to_be_attached()


def test_a_typed_nudge_asks_the_server_and_the_url_keeps_it(page: Page, server: str) -> None:
    open_nudge(page, server, "preset=mazur&sel=c2.0.0")
    typed = page.locator("#inspector").get_by_role("textbox", name="Δ =", exact=True)
    typed.fill("0.9")
    typed.press("Enter")
    wait_for_delta(page, 0.9)
    body = httpx.get(f"{server}/api/presets/mazur").json()
    answer = httpx.post(f"{server}/api/nudge", json={**body, "kind": "weight", "layer": 2, "j": 0, "k": 0, "delta": 0.9}).json()
    assert shown(page, ACTUAL) == answer["actual_change"]
    assert shown(page, PREDICTED) == answer["predicted_change"]
    assert answer["actual_change"] < answer["predicted_change"]  # a large Δ leaves the tangent behind
    expect(page).to_have_url(re.compile(r"nudge=0\.9"))
    page.reload()
    expect(page.locator("#inspector").get_by_role("textbox", name="Δ =", exact=True)).to_have_value("0.9")
    typed = page.locator("#inspector").get_by_role("textbox", name="Δ =", exact=True)
    typed.fill("a bit")
    typed.press("Enter")
    expect(page.locator("#inspector .nudge [role=alert]")).to_contain_text("not a number")
    expect(typed).to_have_attribute("aria-invalid", "true")


def test_the_slider_is_keyboard_operable(page: Page, server: str) -> None:
    open_nudge(page, server, "preset=mazur&sel=c2.0.0")
    before = shown(page, ACTUAL)
    slider = page.get_by_label("Nudge w₁₁⁽²⁾ by Δ")
    slider.focus()
    page.keyboard.press("ArrowRight")
    wait_for_delta(page, 0.11)
    assert shown(page, ACTUAL) > before
    expect(page).to_have_url(re.compile(r"nudge=0\.11"))
    expect(slider).to_be_focused()  # the re-render after the URL change keeps the control


def test_quiz_mode_hides_the_nudge(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&sel=c2.0.0&numbers=hide")
    expect(page.locator('[data-id="n-1-0"]')).to_be_visible()
    page.locator("#stage").focus()
    page.keyboard.press("End")
    expect(page.locator('#inspector [data-nudge-section="hidden"]')).to_contain_text("hidden (quiz mode)")
    expect(page.locator(ACTUAL)).to_have_count(0)


def test_before_the_gradient_is_computed_the_nudge_waits(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&sel=c2.0.0")
    expect(page.locator('#inspector [data-nudge-section="waiting"]')).to_contain_text("once the steps reach ∂C/∂w₁₁⁽²⁾")


@pytest.mark.parametrize(("preset", "sel", "extra", "target"), [
    ("iris", "n2.0", "&nudgeon=a&nudge=0.05", {"kind": "z", "layer": 2, "j": 0}),
    ("xor", "n0.1", "&sample=2&nudge=-0.5", {"kind": "activation", "layer": 0, "j": 1, "sample": 2}),
    ("deep-relu", "n3.2", "&nudge=0.25", {"kind": "bias", "layer": 3, "j": 2}),
    ("chain", "n2.0", "&nudgeon=a&nudge=0.3", {"kind": "activation", "layer": 2, "j": 0}),
])
def test_every_kind_shows_the_servers_numbers(page: Page, server: str, preset: str, sel: str, extra: str, target: dict) -> None:
    open_nudge(page, server, f"preset={preset}&sel={sel}{extra}")
    delta = float(parse_qs(urlparse(page.url).query)["nudge"][0])
    wait_for_delta(page, delta)
    body = httpx.get(f"{server}/api/presets/{preset}").json()
    answer = httpx.post(f"{server}/api/nudge", json={**body, **target, "delta": delta}).json()
    assert shown(page, ACTUAL) == answer["actual_change"]
    assert shown(page, PREDICTED) == answer["predicted_change"]
    if target["kind"] in ("activation", "z") and len(body["inputs"]) > 1:
        expect(page.locator('#inspector [data-nudge-out="actual"] .nudge__label')).to_have_text("Actual ΔCₓ")
