"""The Nudge control is in sight without scrolling the inspector at 1280×800, at every step of Mazur's
example where the selected value's gradient exists (a weight, a bias, a hidden neuron, an input)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser

# The first step (0-based) whose gradient each selection's nudge needs: ∂C/∂W² (7), ∂C/∂b² (8), ∂C/∂a¹ (9), ∂C/∂W¹ (11), ∂C/∂x via δ¹ (10).
READY_FROM = {"c2.0.1": 7, "n2.0": 8, "n1.1": 9, "c1.1.0": 11, "n0.0": 10}


@pytest.mark.parametrize("sel", list(READY_FROM))
def test_the_nudge_slider_is_in_sight_at_every_step_where_it_exists(shared_page: Page, server: str, sel: str) -> None:
    page = shared_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=mazur&sel={sel}&step={READY_FROM[sel]}&nudgeon={'a' if sel == 'n1.1' else 'b'}")
    expect(page.locator("#inspector [data-nudge='slider']")).to_be_attached(timeout=30_000)
    page.locator("#stage").focus()
    for step in range(READY_FROM[sel], 15):
        expect(page.locator(".step-counter")).to_contain_text(f"{step + 1} / 15")
        slider = page.locator("#inspector [data-nudge='slider']")
        expect(slider).to_be_attached()
        inspector = page.locator("#inspector").bounding_box()
        box = slider.bounding_box()
        assert inspector and box
        assert page.locator("#inspector").evaluate("el => el.scrollTop") == 0
        assert inspector["y"] <= box["y"] and box["y"] + box["height"] <= inspector["y"] + inspector["height"], (sel, step, box, inspector)
        assert box["y"] + box["height"] <= 800
        page.keyboard.press("ArrowRight")
    shot(page, f"nudge-reach-{sel}")
