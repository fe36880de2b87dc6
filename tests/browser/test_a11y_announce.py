"""One polite live region says each step in words; nothing else on the page speaks when a step changes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse

pytestmark = pytest.mark.browser
page = reuse.page  # one page for the module, as new for each test (tests/browser/reuse.py)

LIVE = """() => [...document.querySelectorAll('[aria-live], [role="status"], [role="alert"], [role="log"], output')]
    .filter((e) => e.getAttribute('aria-live') !== 'off').map((e) => [e.id || e.className, e.textContent])"""


def live_regions(page: Page) -> dict[str, list[str]]:
    """The text of every live region (status, alert, log, output, aria-live), by id or class."""
    found: dict[str, list[str]] = {}
    for name, text in page.evaluate(LIVE):
        found.setdefault(name, []).append(text)
    return found


def test_each_step_is_announced_once_in_words(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur")
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    announce = page.locator("#announce")
    expect(announce).to_have_attribute("role", "status")
    expect(announce).to_have_text(re.compile(r"^Step 1 of 15, forward: z of layer 1 = 0\.3775\. "))
    before = live_regions(page)
    page.locator("#stage").focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    # δ₁⁽²⁾ = (0.75136507 − 0.01) · 0.186815602 = 0.138498562 (Mazur's worked example)
    expect(announce).to_have_text(re.compile(r"^Step 7 of 15, backward: δ of layer 2 = 0\.1385\. "))
    after = live_regions(page)
    assert before.keys() == after.keys()
    assert [name for name in after if after[name] != before[name]] == ["announce"]  # nothing else spoke
    page.keyboard.press("ArrowLeft")
    expect(announce).to_have_text(re.compile(r"^Step 6 of 15, backward: ∂C/∂a of layer 2 = 0\.7414\. "))
    page.locator('#network [data-id="n-1-0"]').click()  # a selection alone is no new step
    expect(page.locator("#inspector")).to_contain_text("0.5933")
    expect(announce).to_have_text(re.compile(r"^Step 6 of 15"))


@pytest.mark.parametrize("path", ["/", "/embed"])
def test_quiz_mode_announces_without_the_numbers(page: Page, server: str, path: str) -> None:
    page.goto(f"{server}{path}?preset=mazur&numbers=hide&step=6")
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    announce = page.locator("#announce")
    expect(announce).to_have_text("Step 7 of 15, backward: δ of layer 2. The output error scaled by each neuron's slope.")
    page.locator("#network").click(position={"x": 5, "y": 5})
    for _ in range(2 if path == "/embed" else 1):  # in /embed the quiz's first → shows the step's value, the next moves on
        page.keyboard.press("ArrowRight")
    expect(announce).to_have_text(re.compile(r"^Step 8 of 15, backward: ∂C/∂W of layer 2\. "))
    assert not re.search(r"\d\.\d", announce.inner_text())
