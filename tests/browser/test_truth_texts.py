"""Words beside the numbers that say what is true: the Table's softmax column with its caveat, the caption's
reasons (why the bias drops out of ∂z/∂w, the ½ cancelling the 2, fixed biases), checked against the maths.
Every test only reads what its URL shows, at the size it sets: they share one page (shared_page)."""

from __future__ import annotations

import re

import httpx
import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


def test_the_tables_softmax_column_warns_that_a_row_does_not_multiply_to_delta(shared_page: Page, server: str) -> None:
    page = shared_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=iris&view=table&step=14")
    head = page.locator("#table th", has_text="softmax′(z)")
    expect(head).to_contain_text("diagonal only: δ ≠ ∂C/∂a × this", timeout=30_000)
    note = page.locator("#table [data-softmax-note]")
    expect(note).to_contain_text("multiplying across a row does not give δ")
    # the caveat is needed: for sample 1 (class 0) output 2, ∂C/∂a = −y/a = 0 and slope a(1 − a) ≠ 0, yet δ = a − y ≠ 0
    body = httpx.get(f"{server}/api/presets/iris").json()
    layer = httpx.post(f"{server}/api/step", json=body).json()["layers"][1]
    a = np.array(layer["a"][0])
    assert layer["grad_a"][0][1] == 0 and layer["delta"][0][1] == pytest.approx(a[1] - 0.0, rel=1e-12)
    assert layer["grad_a"][0][1] * layer["activation_slope"][0][1] != pytest.approx(layer["delta"][0][1])
    expect(page.locator("#table caption", has_text="Layer 2 weights W⁽²⁾")).to_be_visible()
    note.scroll_into_view_if_needed()
    shot(page, "table-softmax-note-1280")


@pytest.mark.parametrize(("size", "name"), [((1280, 800), "1280"), ((360, 740), "360"), ((960, 540), "960")])
def test_the_weight_gradient_caption_says_why_the_bias_drops_out(shared_page: Page, server: str, size: tuple[int, int], name: str) -> None:
    page = shared_page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{server}/?preset=mazur&step=7")  # ∂C/∂W of layer 2
    caption = page.locator("#caption")
    expect(caption).to_contain_text("∂ holds all but w fixed, so b does not change with w (∂b/∂w = 0) and drops out", timeout=30_000)
    expect(caption).not_to_contain_text("it does not multiply w")
    shot(page, f"caption-bias-{name}")


def test_the_paths_tab_counts_in_grammatical_numbers(shared_page: Page, server: str) -> None:
    page = shared_page
    page.set_viewport_size({"width": 1280, "height": 720})  # Playwright's default size, as a fresh page has it
    # Mazur's w₁₁⁽¹⁾: two paths (through o₁ and o₂), 2 · 4 = 8 multiplications to enumerate, 1 addition to sum them
    page.goto(f"{server}/?preset=mazur&step=14&sel=c1.0.0&tab=paths")
    work = page.locator("#inspector [data-work]")
    expect(work).to_contain_text("2 paths lead to the cost", timeout=30_000)
    expect(work).to_contain_text("8 multiplications and 1 addition;")
    page.goto(f"{server}/?preset=mazur&step=14&sel=c2.0.0&tab=paths")  # w₁₁⁽²⁾: one path
    expect(work).to_contain_text("1 path leads to the cost", timeout=30_000)
    expect(work).not_to_contain_text(re.compile(r"1 path lead\b|them costs"))
    expect(work).to_contain_text("so few paths share no factor worth keeping")


@pytest.mark.parametrize(("size", "name"), [((1280, 800), "1280"), ((360, 740), "360"), ((960, 540), "960")])
def test_the_cost_box_names_the_formula_not_the_code_name(shared_page: Page, server: str, size: tuple[int, int], name: str) -> None:
    page = shared_page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{server}/?preset=mazur&step=4")
    note = page.locator('#network [data-id="loss"] .bl-loss-note')
    expect(note).to_have_text("½ Σ (a − y)²", timeout=30_000)
    inside = page.evaluate("""() => { const box = document.querySelector('#network [data-id="loss"] rect').getBoundingClientRect();
      const t = document.querySelector('#network [data-id="loss"] .bl-loss-note').getBoundingClientRect();
      return t.left >= box.left && t.right <= box.right; }""")
    assert inside
    shot(page, f"loss-box-{name}")
