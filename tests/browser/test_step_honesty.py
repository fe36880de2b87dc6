"""The page never runs ahead of the step, hides every number in quiz mode, keeps the keys for
stepping, writes every number one way, and says so when the network is no longer the preset's."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

DECIMAL = re.compile(r"\d\.\d|\d{3,}")  # a value: "0.1500", "1.225", "1385"; never "layer 2" or "15 / 15"

# Visible text and accessible names (aria-label, SVG <title>, title tooltips) of the parts that show values.
VALUE_TEXT = """() => {
  const parts = ['#network', '#caption', '#inspector', '#table', '#matrix']
    .map((id) => document.querySelector(id)).filter((el) => el && !el.hidden);
  const out = [];
  for (const root of parts) {
    out.push(root.innerText);
    for (const el of root.querySelectorAll('*')) {
      for (const a of ['aria-label', 'title']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
      if (el.tagName.toLowerCase() === 'title') out.push(el.textContent);
      if (el.tagName.toLowerCase() === 'text') out.push(el.textContent);
    }
  }
  return out;
}"""


def counter_at(page: Page, index: int) -> None:
    expect(page.locator(".step-counter")).to_contain_text(f"{index + 1} / ")


def press(page: Page, key: str, index: int) -> None:
    page.locator("#stage").focus()
    page.keyboard.press(key)
    counter_at(page, index)


def test_the_inspector_shows_a_value_only_from_the_step_that_computes_it(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&step=6&sel=c2.0.0")  # δ of the output; ∂C/∂W² is the next step
    inspector = page.locator("#inspector")
    gradient = inspector.locator('[data-result="grad_w"]')
    expect(gradient).to_have_text("·")
    expect(inspector.locator('[data-factor="cost"]')).to_have_text("0.7414")  # ∂C/∂a² was step 6
    expect(inspector.locator("[data-new]")).to_have_text("·")
    press(page, "ArrowRight", 7)
    expect(gradient).to_have_text("0.08217")
    expect(gradient).to_have_attribute("data-full", "0.0821670405642308")
    expect(gradient).to_have_attribute("title", "0.0821670405642308")
    press(page, "ArrowLeft", 6)
    expect(gradient).to_have_text("·")
    page.goto(f"{server}/?preset=mazur&step=0&sel=c1.0.0")  # the case: w₁₁⁽¹⁾ at step 1
    for key in ("slope", "cost"):
        expect(inspector.locator(f'[data-factor="{key}"]')).to_have_text("·")
    expect(inspector.locator('[data-result="grad_w"]')).to_have_text("·")
    expect(inspector.locator("[data-new]")).to_have_text("·")
    expect(inspector.locator('[data-factor="input"]')).to_have_text("0.05000")


def test_the_table_and_the_matrices_follow_the_step_both_ways(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&step=6&view=table")
    table = page.locator("#table")
    expect(table).to_contain_text("0.5933")  # a¹, known since step 2
    grad = table.locator("table").nth(4).locator("tbody tr").first.locator("td").nth(1)  # ∂C/∂w₁₁⁽²⁾
    expect(grad).to_have_text("·")
    press(page, "ArrowRight", 7)
    expect(grad).to_have_text("0.08217")
    press(page, "ArrowLeft", 6)
    expect(grad).to_have_text("·")
    page.goto(f"{server}/?preset=mazur&step=6&view=matrix")
    mean = page.locator('#matrix [data-matrix="grad-weights"] td')
    expect(mean.first).to_have_text("·")
    press(page, "ArrowRight", 7)
    expect(mean.first).to_have_text("0.08217")
    press(page, "ArrowLeft", 6)
    expect(mean.first).to_have_text("·")


# What Mazur's example gives rather than computes (inputs, weights, biases, targets, η): quiz mode shows it.
GIVEN = re.compile(r"0\.(?:05|1|15|2|25|3|35|4|45|5|55|6|01|99)0*(?!\d)")


def computed(texts: list[str]) -> list[str]:
    """The texts that show a computed value: a decimal left once the given numbers are taken out."""
    return [t for t in texts if DECIMAL.search(GIVEN.sub("", t))]


@pytest.mark.parametrize("view", ["network", "table", "matrix"])
def test_quiz_mode_hides_every_computed_number_until_revealed(page: Page, server: str, view: str, watch: Watch) -> None:
    page.goto(f"{server}/?preset=mazur&step=14&numbers=hide&view={view}")
    counter_at(page, 14)
    leaks = computed(page.evaluate(VALUE_TEXT))
    assert leaks == [], leaks[:5]
    if view == "network":
        fills = page.evaluate("""[...document.querySelectorAll('#network [data-id^="n-"]:not([data-id^="n-0-"]) .bl-body')]
          .map((c) => c.style.fill)""")
        assert fills and set(fills) == {""}, "neuron colours tell the computed values (an input's is given)"
        signs = page.evaluate("[...document.querySelectorAll('#network .bl-wire')].map((w) => w.classList.contains('pos'))")
        assert all(signs), "a weight is given: its colour shows (Mazur's are all positive)"
    shot(page, f"quiz-{view}")
    page.goto(f"{server}/?preset=mazur&step=14&numbers=hide&view={view}&sel=c2.0.0")
    expect(page.locator("#inspector [data-result='grad_w']")).to_have_text("?")
    assert computed(page.evaluate(VALUE_TEXT)) == []  # selecting from the link reveals nothing, on the drawing too
    page.locator("#inspector .inspector__reveal").click()  # one element
    expect(page.locator("#inspector [data-result='grad_w']")).to_have_text("0.08217")
    page.locator("#stage").focus()
    page.keyboard.press("r")  # every number of this step
    expect(page.locator("#caption")).to_contain_text("0.1498")
    if view == "table":
        expect(page.locator("#table")).to_contain_text("0.3589")
    if view == "network":
        expect(page.locator("#network .bl-wlabel").first).to_contain_text("0.1500 → 0.1498")
    press(page, "ArrowLeft", 13)  # another step: the caption asks again, the element revealed stays revealed
    assert not DECIMAL.search(GIVEN.sub("", page.locator("#caption").inner_text()))
    expect(page.locator("#inspector [data-result='grad_w']")).to_have_text("0.08217")
    assert watch.errors == []


@pytest.mark.parametrize("select", ["#preset", ".speed select"])
def test_arrow_keys_step_after_a_choice_in_a_drop_down(page: Page, server: str, select: str) -> None:
    page.goto(f"{server}/?preset=mazur")
    counter_at(page, 0)
    field = page.locator(select)
    value = "xor" if select == "#preset" else "2"
    field.select_option(value)
    if select == "#preset":
        expect(page).to_have_url(re.compile(r"preset=xor"))  # the new preset's step is drawn
        expect(page.locator(".step-counter")).to_contain_text("1 / ")
        expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    field.focus()  # the drop-down still has the keyboard, as after a mouse choice
    page.keyboard.press("ArrowRight")
    counter_at(page, 1)
    page.keyboard.press("ArrowRight")
    counter_at(page, 2)
    page.keyboard.press("ArrowLeft")
    counter_at(page, 1)
    expect(field).to_have_value(value)


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)], ids=["1024", "1280"])
def test_one_number_format_and_the_table_fits_or_scrolls_in_its_box(page: Page, server: str, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{server}/?preset=mazur&step=14&view=table")
    table = page.locator("#table")
    expect(table).to_contain_text("0.3589")
    text = table.inner_text()
    long = [t for t in re.findall(r"\d+\.\d+", text) if len(t.replace(".", "").lstrip("0")) > 4]
    assert long == [], f"every number at 4 significant digits: {long[:5]}"
    boxes = page.evaluate("""() => { const box = document.querySelector('#table').getBoundingClientRect();
      return [...document.querySelectorAll('#table .table-box')].map((b) => {
        const r = b.getBoundingClientRect();
        return [r.right <= box.right + 0.5, getComputedStyle(b).overflowX, b.scrollWidth <= b.clientWidth]; }); }""")
    assert boxes and all(inside and (fits or scroll == "auto") for inside, scroll, fits in boxes), boxes
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    shot(page, f"table-{size[0]}")


def test_copying_a_rounded_number_copies_its_full_precision(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&step=14&view=table")
    cell = page.locator("#table td span[data-full]").first
    expect(cell).to_have_text("0.05000")
    copied = page.evaluate("""() => {
      const table = document.querySelectorAll('#table table')[1];
      const range = document.createRange();
      range.selectNodeContents(table.querySelector('tbody tr'));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      const data = new DataTransfer();
      document.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
      return data.getData('text/plain');
    }""")
    assert "0.377500000000000" not in copied and "0.3775" in copied  # z₁⁽¹⁾ = 0.3775 exactly, no noise
    assert "0.593269992107187" in copied  # a₁⁽¹⁾ in full, though the cell shows 0.5933


def test_the_caption_heading_keeps_its_symbols(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&step=5")
    heading = page.locator("#caption h2")
    expect(heading).to_have_text(re.compile(r"^∂C/∂a of layer 2"))
    # read in the page as one step and retried: the caption is redrawn whole, and a heading it replaced has no style ('')
    expect(heading).to_have_css("text-transform", "none")


def test_the_header_says_when_the_network_is_no_longer_the_presets(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur")
    description = page.locator("#preset-description")
    expect(description).to_contain_text("Matt Mazur")
    page.locator("#toggle-setup").click()
    expect(page.locator('#setup [data-note="init"]')).to_contain_text("Init and Seed do not apply")
    page.goto(f"{server}/?preset=mazur&edits=W2.0.0:0.9")
    expect(description).to_contain_text("changed: 1 parameter edited")
    expect(description).not_to_contain_text("published")
    page.goto(f"{server}/?preset=mazur&seed=3")
    expect(description).to_contain_text("new weights (xavier init, seed 3)")
    page.locator("#toggle-setup").click()
    expect(page.locator('#setup [data-note="init"]')).to_be_hidden()
