"""The page, driven like a student would: keyboard stepping, clicking, editing, links, history."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import DRAWING_FITS_ITS_BOX, Watch, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)


def open_mazur(page: Page, server: str, query: str = "") -> None:
    page.goto(f"{server}/?preset=mazur{query}")
    expect(page.locator('[data-id="n-2-0"]')).to_be_visible()


def caption(page: Page) -> str:
    return page.locator("#caption").inner_text()


def step_to(page: Page, index: int) -> None:
    """Press → until the counter says `index + 1 / …`."""
    page.locator("#stage").focus()
    page.keyboard.press("Home")
    for _ in range(index):
        page.keyboard.press("ArrowRight")
    expect(page.locator(".step-counter")).to_contain_text(f"{index + 1} / ")


def test_keyboard_steps_show_the_apis_numbers_in_the_caption(page: Page, server: str, watch: Watch) -> None:
    open_mazur(page, server)
    step_to(page, 4)
    expect(page.locator("#caption")).to_contain_text("0.2984")
    step_to(page, 6)
    expect(page.locator("#caption")).to_contain_text("0.1385")
    step_to(page, 7)
    expect(page.locator("#caption")).to_contain_text("0.08217")  # ∂C/∂w5 = 0.0821670…
    shot(page, "mazur-1280x800-step7")
    assert watch.errors == []
    assert watch.foreign_requests() == []


def test_clicking_w5_shows_its_three_factors(page: Page, server: str) -> None:
    open_mazur(page, server)
    step_to(page, 7)
    page.locator('[data-id="c-2-0-0"]').click()
    inspector = page.locator("#inspector")
    # 4 significant digits shown, the full precision in the tooltip and on copy (data-full)
    for factor, shown, full in [("input", "0.5933", "0.593269992"), ("slope", "0.1868", "0.186815601"), ("cost", "0.7414", "0.741365069")]:
        expect(inspector.locator(f'[data-factor="{factor}"]')).to_have_text(shown)
        expect(inspector.locator(f'[data-factor="{factor}"]')).to_have_attribute("title", re.compile(f"^{re.escape(full)}"))
    expect(inspector.locator('[data-result="grad_w"]')).to_have_attribute("data-full", re.compile(r"^0\.08216704"))


def test_a_hidden_neuron_lists_two_terms_and_their_sum(page: Page, server: str) -> None:
    open_mazur(page, server)
    step_to(page, 10)
    page.locator('[data-id="n-1-0"]').click()
    inspector = page.locator("#inspector")
    expect(inspector.locator("[data-term]")).to_have_count(2)
    expect(inspector.locator("[data-sum]")).to_have_text("0.03635")
    expect(inspector.locator("[data-sum]")).to_have_attribute("data-full", re.compile(r"^0\.0363503"))


def test_the_paths_tab_sums_to_the_gradient(page: Page, server: str) -> None:
    open_mazur(page, server, "&sel=c1.0.0")
    page.get_by_role("tab", name=re.compile("Paths")).click()
    expect(page.locator("#inspector [data-paths-waiting]")).to_be_visible()  # not before its gradient's step
    step_to(page, 11)
    expect(page.locator("#inspector [data-path]")).to_have_count(2)
    expect(page.locator("#inspector [data-sum] [data-full]")).to_have_attribute("data-full", re.compile(r"^0\.000438567"))


def test_editing_a_weight_changes_the_numbers(page: Page, server: str, watch: Watch) -> None:
    open_mazur(page, server, "&sel=c2.0.0")
    step_to(page, 4)
    field = page.locator('#inspector [data-field="W2.0.0"]')
    field.fill("0.9")
    field.press("Enter")
    expect(page.locator("#caption")).not_to_contain_text("0.2984")
    assert "edits=W2.0.0%3A0.9" in page.url or "edits=W2.0.0:0.9" in page.url
    assert watch.errors == []


def test_a_copied_link_lands_on_the_same_step_and_back_returns(page: Page, server: str) -> None:
    open_mazur(page, server)
    step_to(page, 6)
    link = page.url
    assert "step=6" in link
    page.goto(link)
    expect(page.locator(".step-counter")).to_contain_text("7 / 15")
    expect(page.locator("#caption")).to_contain_text("0.1385")
    page.select_option("#preset", "chain")
    expect(page.locator('[data-id="n-3-0"]')).to_be_visible()
    page.go_back()
    expect(page.locator('[data-id="n-2-1"]')).to_be_visible()
    expect(page.locator(".step-counter")).to_contain_text("7 / 15")


def test_an_invalid_value_shows_the_apis_message_next_to_the_field(page: Page, server: str, watch: Watch) -> None:
    open_mazur(page, server)
    page.locator("#toggle-setup").click()
    page.locator('#setup [data-field="inputs"]').fill("0.05, 0.1, 0.7")
    page.locator('#setup [data-field="inputs"]').blur()
    expect(page.locator('#setup [data-error-for="inputs"]')).to_contain_text("sizes[0] is 2")
    expect(page.locator('[data-id="n-2-0"]')).to_be_visible()  # the last good network stays


def test_table_view_lists_every_value(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&step=14&view=table")
    table = page.locator("#table")
    expect(table).to_contain_text("0.5933")
    # a₁⁽¹⁾ in full in its tooltip: in its neuron's row and as ∂z/∂w = a of the two weights it feeds
    expect(table.locator('[title="0.593269992107187"]')).to_have_count(3)
    expect(table).to_contain_text("0.3589")
    expect(table.locator('[title="0.358916479717885"]')).to_have_count(1)


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1920, 1080), (960, 540)])
@pytest.mark.parametrize("preset", ["mazur", "iris", "deep-sigmoid"])
def test_nothing_overlaps_or_is_clipped(page: Page, server: str, watch: Watch, width: int, height: int,
                                        preset: str) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server}/?preset={preset}&step=6")
    expect(page.locator('[data-id="n-1-0"]')).to_be_visible()
    page.wait_for_function(DRAWING_FITS_ITS_BOX)  # measure the drawing made for the settled page
    # The drawing and its neurons measured in one turn of the page, so a redraw cannot swap the drawing between them.
    svg, boxes = page.evaluate("""() => {
        const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
        return [box(document.querySelector('#network svg')),
                [...document.querySelectorAll('#network [data-kind="neuron"] circle.bl-body')].map(box)];
    }""")
    assert boxes, "no neurons drawn"
    for left, top, right, bottom in boxes:
        assert left >= svg[0] - 1 and right <= svg[2] + 1
        assert top >= svg[1] - 1 and bottom <= svg[3] + 1
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap = min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5
            assert not overlap, (a, b)
    page_overflow = page.evaluate("() => [document.documentElement.scrollWidth > innerWidth, document.documentElement.scrollHeight > innerHeight]")
    assert page_overflow == [False, False]
    shot(page, f"{preset}-{width}x{height}")
    assert watch.errors == []


def test_controls_have_names_and_space_plays(page: Page, server: str) -> None:
    open_mazur(page, server, "&speed=8")
    for name in ["First step (Home)", "Previous step (←)", "Play (Space)", "Next step (→)", "Last step (End)"]:
        expect(page.get_by_role("button", name=name)).to_be_attached()
    page.get_by_role("button", name="Next step (→)").click()
    expect(page.locator(".step-counter")).to_contain_text("2 / 15")
    page.locator('.timeline [data-step="12"]').click()
    expect(page.locator(".step-counter")).to_contain_text("13 / 15")
    page.locator("#stage").focus()
    page.keyboard.press("Home")
    page.keyboard.press(" ")
    expect(page.locator(".step-counter")).to_contain_text("15 / 15", timeout=15000)
    expect(page.get_by_role("button", name="Play (Space)")).to_be_visible()


def test_keyboard_users_can_select_a_connection_with_enter(page: Page, server: str) -> None:
    open_mazur(page, server, "&step=7")
    page.locator('[data-id="c-2-0-0"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator('#inspector [data-factor="input"]')).to_be_visible()
    assert "sel=c2.0.0" in page.url


def test_reduced_motion_still_steps(page: Page, server: str, watch: Watch) -> None:
    page.emulate_media(reduced_motion="reduce")
    open_mazur(page, server)
    step_to(page, 10)
    expect(page.locator("#caption")).to_contain_text("δ")
    assert watch.errors == []


def test_quiz_mode_keeps_the_captions_numbers_until_asked(page: Page, server: str) -> None:
    open_mazur(page, server, "&numbers=hide")
    step_to(page, 6)
    expect(page.locator("#caption")).not_to_contain_text("0.1385")
    page.get_by_role("button", name="Show the formula with its numbers").click()
    expect(page.locator("#caption")).to_contain_text("0.1385")


def test_the_update_caption_names_the_optimizer_in_use(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&optimizer=momentum&step=13")
    # The first momentum step from v = 0, with Mazur's published ∂E/∂w5 = 0.082167041 and η = 0.5.
    grad, w = 0.082167041, 0.40
    v = 0.9 * 0 + grad
    expect(page.locator("#caption .caption-formula")).to_have_attribute(
        "data-plain", f"v ← 0.9·v + ∂C/∂w₁₁⁽²⁾ = 0.9·0 + {v:.4g} = {v:.4g}; w₁₁⁽²⁾ ← w₁₁⁽²⁾ − η v = {w:.4f} − 0.5·{v:.4g} = {w - 0.5 * v:.4g}"
        "; b₁⁽²⁾ unchanged (biases fixed)")


def test_the_preset_description_says_when_the_data_are_your_own(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&inputs=0.1,0.2;0.3,0.4&targets=0,1;1,0")
    expect(page.locator("#preset-description")).to_contain_text("your own data (2 samples)")
