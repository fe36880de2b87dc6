"""The Graph view in /embed (`?view=graph`): the API's numbers at each step, a click that selects,
text readable at a 960x540 slide in every theme, and the network where the graph cannot be drawn
(the standalone file, which has no server to ask for it)."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch, graph_text_sizes, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

# The dark theme is laid out as the light one (tests/test_dark_theme.py): what is measured here is measured in light and projector.
THEMES = ["light", "projector"]


def post(server: str, path: str, body: dict) -> dict:
    req = urllib.request.Request(f"{server}{path}", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(req, timeout=10).read())


def mazur(server: str) -> dict:
    return json.loads(urllib.request.urlopen(f"{server}/api/presets/mazur", timeout=10).read())


def open_embed_graph(page: Page, server: str, query: str) -> None:
    page.set_viewport_size({"width": 960, "height": 540})
    page.goto(f"{server}/embed?preset=mazur&view=graph&{query}")
    expect(page.locator('#graph [data-id="z2.0"]')).to_be_visible(timeout=30_000)


def test_the_embed_shows_the_graph_with_the_apis_numbers(page: Page, server: str, watch: Watch) -> None:
    body = mazur(server)
    step = post(server, "/api/step", body)
    graph = post(server, "/api/graph", {**body, "sample": 0})
    last = len(step["steps"]) - 1
    open_embed_graph(page, server, f"step={last}")
    assert page.locator("#network").count() == 0  # the graph takes the network's place
    a1 = step["layers"][0]["a"][0][0]
    delta2 = step["layers"][1]["delta"][0][0]
    assert page.locator('#graph [data-id="a1.0"] .bl-g-val').text_content() == f"{a1:.4f}"
    assert page.locator('#graph [data-id="z2.0"] .bl-g-grad').text_content() == f"∂ {delta2:.4f}"
    drawn = {n.get_attribute("data-id") for n in page.locator("#graph .bl-gnode").all()}
    assert drawn == {n["id"] for n in graph["nodes"]}
    # stepping back with the keyboard hides what the step has not computed yet
    page.locator("#graph").click(position={"x": 5, "y": 5})
    page.keyboard.press("Home")
    expect(page.locator('#graph [data-id="a1.0"] .bl-g-val')).to_have_text("·")
    assert watch.errors == []


def test_a_click_on_a_node_of_the_embeds_graph_selects_it(page: Page, server: str) -> None:
    open_embed_graph(page, server, "step=3")
    page.locator('#graph [data-id="a1.1"]').click()
    expect(page.locator('#graph [data-id="a1.1"]')).to_have_class(re.compile(r"\bis-selected\b"))


@pytest.mark.parametrize("theme", THEMES)
def test_the_embeds_graph_is_readable_at_960x540(page: Page, server: str, theme: str) -> None:
    smallest = 16 if theme == "projector" else 12
    open_embed_graph(page, server, f"step=11&theme={theme}")
    sizes = graph_text_sizes(page)
    # A slide frame shows the whole graph: the drawing shrinks to fit it, its text to 12 px at the least
    # (the projector's 16 px gives way: Mazur's 33 boxes in nine columns need 1210 px at 16 px)
    assert sizes and min(sizes) >= 12 - 0.01
    html = page.evaluate("""() => [...document.querySelectorAll('#graph .graph-summary, #graph .graph-legend')]
      .map((p) => parseFloat(getComputedStyle(p).fontSize))""")
    assert min(html) >= smallest - 0.01
    # nothing of the frame scrolls: the page itself fits 960x540
    assert page.evaluate("document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth")
    # every box of Mazur's graph is in sight in a slide's frame, in every theme (test_graph_fit.py: at every step)
    assert page.evaluate("""(() => { const c = document.querySelector('#graph .graph-canvas').getBoundingClientRect();
      return [...document.querySelectorAll('#graph .bl-gnode')].every((n) => { const r = n.getBoundingClientRect();
        return r.left >= c.left && r.right <= c.right && r.top >= c.top && r.bottom <= c.bottom; }); })()""")
    shot(page, f"embed-graph-{theme}")
