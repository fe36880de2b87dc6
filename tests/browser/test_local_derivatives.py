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


def test_the_paths_tab_counts_what_backprop_saves_on_deep_sigmoid(page: Page, server: str) -> None:
    to_last_step(page, server, "preset=deep-sigmoid&sel=c1.0.0&tab=paths")
    work = page.locator("#inspector [data-work]")
    expect(work).to_contain_text("4,096 paths lead to the cost", timeout=30_000)
    expect(work).to_contain_text("45,056 multiplications")
    expect(work).to_contain_text("305 multiplications on δ for every neuron of layer 1, then δ · a")


def test_a_softmax_output_shows_its_delta_as_the_sum_over_every_output(page: Page, server: str) -> None:
    to_last_step(page, server, "preset=iris&sel=n2.1")
    section = page.locator("#inspector [data-softmax-delta]")
    expect(section.locator("[data-softmax-term]")).to_have_count(3)
    expect(section).to_contain_text("✓ the same number as the sum")
    total = float(section.locator("[data-sum]").get_attribute("data-value"))
    delta = float(section.locator("[data-delta]").get_attribute("data-value"))
    assert total == pytest.approx(delta, abs=1e-12)
