"""A change of a key that shapes the step, made in any panel, reaches every view: the step is asked
for again, so no view keeps showing the numbers of the settings before."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Watch

pytestmark = pytest.mark.browser

# Mazur's example: w5 = 0.40, η = 0.5, ∂C/∂w5 = 0.082167041 (his hand derivation). Plain SGD gives
# w5 − η·g = 0.35891648. Adam's first step has m̂ = g and v̂ = g², so it moves w5 by
# η·g/(|g| + ε) with ε = 1e-8: to 0.40 − 0.5·0.082167041/(0.082167041 + 1e-8).
G5 = 0.082167041
SGD_W5 = 0.40 - 0.5 * G5
ADAM_W5 = 0.40 - 0.5 * G5 / (G5 + 1e-8)


def shown_numbers(page: Page, selector: str) -> list[float]:
    """Every full-precision number the view carries in a title."""
    titles = page.locator(f"{selector} [title]").evaluate_all("els => els.map((e) => e.getAttribute('title'))")
    out = []
    for title in titles:
        try:
            out.append(float(title.replace("\u2212", "-")))
        except ValueError:
            continue
    return out


def step_bodies(page: Page) -> list[str]:
    """The body of every step the page asks for from now on (POST /api/step, or /api/scenario/step with the
    state that describes it; a list that fills as it goes)."""
    bodies: list[str] = []
    page.on("request", lambda r: bodies.append(r.post_data or "") if r.url.endswith(("/api/step", "/api/scenario/step")) else None)
    return bodies


def near(values: list[float], target: float, tol: float = 1e-7) -> bool:
    return any(abs(v - target) < tol for v in values)


def test_choosing_adam_in_the_train_view_asks_for_the_step_the_table_shows(page: Page, server: str, watch: Watch) -> None:
    bodies = step_bodies(page)
    page.goto(f"{server}/?preset=mazur&step=14&view=table")
    expect(page.locator("#table")).to_contain_text("0.3589")
    assert near(shown_numbers(page, "#table"), SGD_W5)
    page.locator("#show-train").click()
    page.locator('[data-field="optimizer"]').select_option("adam")
    expect(page).to_have_url(re.compile("optimizer=adam"))
    page.locator("#show-table").click()
    expect(page.locator("#table")).not_to_contain_text("0.3589")
    values = shown_numbers(page, "#table")
    assert near(values, ADAM_W5) and not near(values, SGD_W5)
    assert any('"optimizer":"adam"' in body.replace(" ", "") or "optimizer=adam" in body for body in bodies)
    assert not watch.errors


def test_a_key_that_only_chooses_what_is_shown_asks_for_nothing(page: Page, server: str, watch: Watch) -> None:
    bodies = step_bodies(page)
    page.goto(f"{server}/?preset=mazur&step=14&view=train")
    expect(page.locator('[data-field="optimizer"]')).to_have_value("sgd")
    expect(page.locator(".train-status")).to_have_attribute("data-done", "0")
    asked = len(bodies)
    page.locator('[data-field="shuffle"]').fill("7")
    page.locator('[data-field="shuffle"]').dispatch_event("change")
    expect(page).to_have_url(re.compile("shuffle=7"))
    page.locator("#show-table").click()
    expect(page.locator("#table")).to_contain_text("0.3589")
    assert len(bodies) == asked
    assert not watch.errors
