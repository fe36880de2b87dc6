"""Each local derivative is written out in the inspector with its numbers — σ′ as a(1 − a), ReLU by
the case of z, ∂z/∂w = a — once the step has computed it, and never while quiz mode hides numbers."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def to_last_step(page: Page, server: str, query: str) -> None:
    page.goto(f"{server}/?{query}")
    expect(page.locator('[data-id="n-1-0"]')).to_be_visible(timeout=30_000)
    page.locator("#stage").focus()
    page.keyboard.press("End")


def test_mazurs_w5_writes_out_sigma_prime_and_dz_dw(page: Page, server: str) -> None:
    to_last_step(page, server, "preset=mazur&sel=c2.0.0")
    # Mazur: out_o1 = 0.75136507, ∂out/∂net = 0.186815602, out_h1 = 0.593269992.
    expect(page.locator('#inspector [data-derivation="slope"]')).to_have_text("σ′(z₁⁽²⁾) = a(1 − a) = 0.7514 · (1 − 0.7514) = 0.1868")
    expect(page.locator('#inspector [data-derivation="input"]')).to_have_text("∂z₁⁽²⁾/∂w₁₁⁽²⁾ = a₁⁽¹⁾ = 0.5933")


def test_a_relu_slope_says_why_by_the_sign_of_z(page: Page, server: str) -> None:
    to_last_step(page, server, "preset=iris&sel=n1.2")
    expect(page.locator('#inspector [data-derivation="slope"]')).to_contain_text(" because z = ")


def test_derivations_wait_for_their_step_and_hide_in_quiz_mode(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&sel=c2.0.0")
    expect(page.locator('#inspector [data-row="slope"]')).to_be_visible(timeout=30_000)
    expect(page.locator("#inspector [data-derivation]")).to_have_count(0)
    to_last_step(page, server, "preset=mazur&sel=c2.0.0&numbers=hide")
    expect(page.locator("#inspector [data-row='slope'] [data-hidden]")).to_be_visible()
    expect(page.locator("#inspector [data-derivation]")).to_have_count(0)
