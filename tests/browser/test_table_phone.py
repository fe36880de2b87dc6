"""The Table view on a 360 × 740 phone: no table scrolls sideways, every value it shows on a laptop is on
screen (σ′ too), each beside the name of its column, and equal to the number the API returned."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser

# Per table, per body row: the row's name and each value cell's column label, full-precision number (the cell's
# text when it has none), the column head at its place, and where it is drawn across the screen.
CELLS = """() => [...document.querySelectorAll('#table table')].map((t) => {
  const heads = [...t.querySelectorAll('thead th')].map((h) => h.textContent);
  return [...t.querySelectorAll('tbody tr')].map((tr) => ({
    name: tr.querySelector('th').textContent,
    cells: [...tr.querySelectorAll('td')].map((td, c) => {
      const r = td.getBoundingClientRect(), span = td.querySelector('[data-full]');
      return {label: td.dataset.label, head: heads[c + 1], full: span ? span.dataset.full : td.textContent,
              left: r.left, right: r.right, shown: r.width > 0 && r.height > 0,
              before: getComputedStyle(td, '::before').content}; })}));
})"""


def expected(trace: dict) -> list[list[list[float]]]:
    """Every number the table shows at the last step, table by table and row by row, from the API's answer."""
    row, out = 0, []
    out.append([[x] for x in trace["input"][row]])
    last = len(trace["layers"])
    for i, layer in enumerate(trace["layers"]):
        l = i + 1
        neurons = []
        for j in range(len(layer["z"][row])):
            values = [layer["z"][row][j], layer["a"][row][j], layer["activation_slope"][row][j], layer["grad_a"][row][j],
                      layer["delta"][row][j], trace["model"]["biases"][i][j], layer["grad_biases"][j],
                      trace["updated"]["biases"][i][j]]
            neurons.append(values + ([trace["target"][row][j]] if l == last else []))
        out.append(neurons)
        before = trace["input"][row] if l == 1 else trace["layers"][i - 1]["a"][row]
        out.append([[trace["model"]["weights"][i][j][k], g, before[k], trace["updated"]["weights"][i][j][k]]
                    for j, g_row in enumerate(layer["grad_weights"]) for k, g in enumerate(g_row)])
    return out


def read_table(page: Page, server: str, query: str) -> tuple[list, list]:
    with page.expect_response(lambda r: r.url.endswith("/api/scenario/step") and r.request.method == "POST") as answer:
        page.goto(f"{server}/?{query}")
    expect(page.locator("#table table").first).to_be_visible()
    expect(page.locator('#table [aria-label="not computed yet"]')).to_have_count(0)  # the last step: all known
    return page.evaluate(CELLS), expected(answer.value.json()["step"])


# The dark theme is laid out as the light one (tests/test_dark_theme.py): what is measured here is measured in light and projector.
@pytest.mark.parametrize("theme", ["light", "projector"])
@pytest.mark.parametrize("preset", ["mazur", "iris"])
def test_on_a_phone_every_table_value_is_on_screen_named_and_equal_to_the_api(shared_page: Page, server: str,
                                                                               preset: str, theme: str) -> None:
    page = shared_page
    query = f"preset={preset}&view=table&step=14&theme={theme}"
    page.set_viewport_size({"width": 1280, "height": 800})
    laptop, _ = read_table(page, server, query)

    page.set_viewport_size({"width": 360, "height": 740})
    phone, want = read_table(page, server, query)
    assert [[len(r["cells"]) for r in t] for t in phone] == [[len(r["cells"]) for r in t] for t in laptop]
    assert [[len(r) for r in t] for t in want] == [[len(r["cells"]) for r in t] for t in phone]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the page does not scroll sideways"
    boxes = page.evaluate("[...document.querySelectorAll('#table .table-box')].map((b) => b.scrollWidth - b.clientWidth)")
    assert max(boxes) <= 0, f"no table scrolls sideways: {boxes}"
    for t, (table, numbers) in enumerate(zip(phone, want, strict=True)):
        for row, values in zip(table, numbers, strict=True):
            for cell, value in zip(row["cells"], values, strict=True):
                where = f"table {t}, {row['name']}, {cell['head']}"
                assert cell["shown"] and cell["left"] >= 0 and cell["right"] <= 360, f"{where} is off screen: {cell}"
                assert cell["label"] == cell["head"] and cell["head"] in cell["before"], f"{where} names its column"
                assert float(cell["full"].replace("\u2212", "-")) == pytest.approx(value, rel=1e-12, abs=1e-300), where
    sigma = page.locator("#table table").nth(1).locator("tbody tr").first.locator("td").nth(2)
    sigma.scroll_into_view_if_needed()
    box = sigma.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360  # σ′ of the first neuron, in view
    shot(page, f"table-phone-{preset}-{theme}-360x740")
