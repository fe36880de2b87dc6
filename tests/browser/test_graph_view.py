"""The Graph view as a student meets it: Mazur's step as a computational graph whose numbers appear
only once the step reaches them, nodes that select what they stand for, a picker on large networks,
readable text in every theme, motion when stepping, and the image exports of what is on stage."""

from __future__ import annotations

import json
import re
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch, graph_text_sizes, read_when, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

SVG = "{http://www.w3.org/2000/svg}"
# The dark theme is laid out as the light one (tests/test_dark_theme.py): what is measured here is measured in light and projector.
THEMES = ["light", "projector"]


def script(server: str) -> list[str]:
    """Mazur's step script as "layer:quantity", from the API itself."""
    body = urllib.request.urlopen(f"{server}/api/presets/mazur", timeout=10).read()
    req = urllib.request.Request(f"{server}/api/step", data=body, headers={"Content-Type": "application/json"})
    return [f"{s['layer']}:{s['quantity']}" for s in json.loads(urllib.request.urlopen(req, timeout=10).read())["steps"]]


def open_graph(page: Page, server: str, query: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?view=graph&{query}")
    expect(page.locator('#graph [data-id="z2.0"]')).to_be_visible()


# Step AT drawn anew in the Graph view: the counter at it, no graph marked old left, its z₁⁽²⁾ box shown, no motion.
DRAWN_ANEW = """() => { const z = document.querySelector('#graph [data-id="z2.0"]');
  return {at: (document.querySelector('.step-counter')?.textContent ?? '').includes('AT'), anew: !document.querySelector('#graph svg[data-old]'),
          shown: !!z && z.getClientRects().length > 0 && getComputedStyle(z).visibility !== 'hidden',
          still: !document.querySelector('#graph .bl-anim')}; }"""
# What `measure` reads, and then the graph marked old, so that the next step's is known once it is drawn anew.
THEN_MARK_OLD = "() => { const seen = (MEASURE)(); document.querySelector('#graph svg').dataset.old = 'yes'; return seen; }"


def walk_graph(page: Page, server: str, query: str, total: int, measure: str = "() => null") -> Iterator[tuple[int, Any]]:
    """Open the Graph view at the first of `total` steps and yield each step's index, with what `measure` reads, once
    its graph is drawn anew, going on by → (one load for the whole script; one round trip a step for its waits and
    its reads, conftest's read_when). Without motion: a step then draws its graph as a link to that step does, with
    no text mid-pop."""
    page.emulate_media(reduced_motion="reduce")
    open_graph(page, server, f"{query}&step=0")
    page.locator("#stage").focus()
    for i in range(total):
        if i:
            page.keyboard.press("ArrowRight")
        seen = read_when(page, DRAWN_ANEW.replace("AT", f"{i + 1} / {total}"), THEN_MARK_OLD.replace("MEASURE", measure), f"step {i + 1}")
        yield i, seen


def node_text(page: Page, node: str, part: str) -> str:
    return page.locator(f'#graph [data-id="{node}"] .bl-g-{part}').text_content() or ""


def slope_text(page: Page) -> str:
    return page.locator('#graph .bl-g-number[data-for="z2.0>a2.0"]').text_content() or ""


def test_mazurs_figures_appear_only_once_their_step_is_reached(page: Page, server: str, watch: Watch) -> None:
    steps = script(server)
    seen = []
    for i, _ in walk_graph(page, server, "preset=mazur", len(steps)):
        key = steps[i]
        a, slope, delta = node_text(page, "a1.0", "val"), slope_text(page), node_text(page, "z2.0", "grad")
        a_due, delta_due = i >= steps.index("1:a"), i >= steps.index("2:delta")
        assert a == ("0.5933" if a_due else "·"), (key, a)
        assert slope == ("0.1868" if delta_due else "·"), (key, slope)  # σ′(z) comes with δ, as in the other views
        assert delta == ("∂ 0.1385" if delta_due else "∂ ·"), (key, delta)
        seen.append((key, a, slope, delta))
    assert watch.errors == []
    print("Mazur in the Graph view (step, a₁⁽¹⁾, σ′(z₁⁽²⁾), δ₁⁽²⁾):", seen)


def test_where_a_value_feeds_two_operations_their_gradients_are_shown_added(page: Page, server: str) -> None:
    steps = script(server)
    open_graph(page, server, f"preset=mazur&step={steps.index('2:delta')}")
    expect(page.locator('#graph [data-id="a1.0"] .bl-g-note')).to_have_text("Σ 0.05540 − 0.01905")  # w₅ δ₁ + w₇ δ₂
    expect(page.locator('#graph [data-id="a1.0"] .bl-g-grad')).to_have_text("∂ ·")  # the sum is the next steps' work
    open_graph(page, server, f"preset=mazur&step={steps.index('1:grad_a')}")
    expect(page.locator('#graph [data-id="a1.0"] .bl-g-grad')).to_have_text("∂ 0.03635")


def test_the_graph_is_hidden_while_another_view_is_on_stage(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&step=3")
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    expect(page.locator("#graph")).to_be_hidden()
    page.locator("#show-graph").click()
    expect(page.locator("#graph .graph-legend")).to_be_visible()
    expect(page.locator("#network")).to_be_hidden()


def query(page: Page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_a_click_or_enter_on_a_node_selects_its_weight_or_neuron(page: Page, server: str) -> None:
    open_graph(page, server, "preset=mazur&step=7")
    page.locator('#graph [data-id="w2.0.0"]').click()
    expect(page.locator("#inspector")).to_contain_text("w₁₁⁽²⁾")
    assert query(page)["sel"] == "c2.0.0"
    expect(page.locator('#graph [data-id="w2.0.0"]')).to_have_class("bl-gnode k-weight is-selected")
    page.locator('#graph [data-id="z1.1"]').focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"sel=n1\.1"))
    expect(page.locator('#graph [data-id="z1.1"]')).to_be_focused()  # focus stays on the node across the redraw
    node = page.locator('#graph [data-id="z1.1"]')
    assert "gradient" in (node.get_attribute("aria-description") or "") and "z₂⁽¹⁾" in (node.text_content() or "")


def test_a_large_network_is_drawn_around_the_neuron_the_picker_chooses(page: Page, server: str) -> None:
    open_graph(page, server, "preset=iris&step=10")
    picker = page.get_by_label("Graph around neuron", exact=True)
    expect(picker).to_be_visible()
    assert page.locator("#graph .bl-gnode").count() <= 60
    picker.select_option("2.1")
    expect(page.locator('#graph [data-id="z2.1"]')).to_be_visible()
    expect(page.locator('#graph [data-id="z1.0"]')).to_have_count(0)
    assert query(page)["sel"] == "n2.1"


@pytest.mark.parametrize("theme", THEMES)
def test_every_text_of_the_graph_is_readable_at_1280x800(shared_page: Page, server: str, theme: str) -> None:
    page = shared_page
    smallest = 16 if theme == "projector" else 12
    open_graph(page, server, f"preset=mazur&step=11&theme={theme}")
    sizes = graph_text_sizes(page)
    assert sizes and min(sizes) >= smallest - 0.01
    if theme != "projector":  # the whole of Mazur's graph fits the laptop's frame without scrolling sideways
        assert page.evaluate("(() => { const c = document.querySelector('#graph .graph-canvas'); return c.scrollWidth <= c.clientWidth; })()")
    shot(page, f"graph-{theme}")


def test_stepping_moves_values_forward_and_gradients_back(page: Page, server: str) -> None:
    steps = script(server)
    open_graph(page, server, f"preset=mazur&step={steps.index('2:delta') - 1}")
    page.locator("#stage").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#graph .bl-anim .bl-pulse.backward").first).to_be_attached()
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")  # into a[1]: dots run forward into the activations
    expect(page.locator("#graph .bl-anim .bl-pulse.forward").first).to_be_attached()


def test_the_svg_export_is_the_graph_when_it_is_on_stage(page: Page, server: str, tmp_path: Path) -> None:
    open_graph(page, server, "preset=mazur&step=7")
    page.locator("#export-button").click()
    with page.expect_download() as info:
        page.locator('#export-menu [data-export="svg"]').click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    root = ET.fromstring(path.read_bytes())
    assert "bl-graph" in root.get("class", "")
    assert len(root.findall(f".//{SVG}g[@data-id]")) == 33
    assert query(page)["view"] == "graph"  # the export did not switch views


OVERLAPS = """() => {
  const texts = [...document.querySelectorAll('#graph svg text')].filter((t) => t.getBBox().width > 0);
  const boxes = texts.map((t) => [t, t.getBoundingClientRect()]);
  const hits = [];
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      const [a, b] = [boxes[i][1], boxes[j][1]];
      const [w, h] = [Math.min(a.right, b.right) - Math.max(a.left, b.left), Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)];
      if (w > 1 && h > 1) hits.push(`${boxes[i][0].textContent} × ${boxes[j][0].textContent}`);
    }
  }
  return hits;
}"""


@pytest.mark.parametrize("theme", THEMES)
def test_no_text_of_the_graph_covers_another_at_any_step(page: Page, server: str, theme: str) -> None:
    steps = script(server)
    for i, overlaps in walk_graph(page, server, f"preset=mazur&theme={theme}", len(steps), OVERLAPS):
        assert overlaps == [], steps[i]

