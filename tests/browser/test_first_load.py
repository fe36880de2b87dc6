"""A first visit asks for what its first drawing needs at once: no request waits for another it does not need.

The page carries the catalogue (the rules a link is read with), so it never asks for it before the step;
the step (POST /api/scenario/step) is asked together with the preset's body, not after it; the header's
list of presets goes out before the step's answer is in. Read from the page's resource timing
(performance entries): when each request started and when its answer ended, an order, never a duration.
The page asks in the order it needs (the list, then the step, then the preset's body), in one task, so
each "started before that ended" below holds however slowly a loaded machine runs the page.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Route, expect

pytestmark = pytest.mark.browser

DRAWN = '#network [data-id="n-2-0"]'  # Mazur's output neuron
REQUESTS = """() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/'))
  .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd }))"""


def first_load(page: Page, url: str, ready: str, paths: list[str]) -> dict[str, dict]:
    """Open `url` in a fresh context, wait for `ready` and for the answers to `paths` (an entry is written once
    its answer has ended), and return each API request's first start and end by path."""
    page.goto(url)
    expect(page.locator(ready)).to_be_visible()
    page.wait_for_function(f"(paths) => paths.every((p) => ({REQUESTS})().some((r) => r.path === p))", arg=paths)
    seen: dict[str, dict] = {}
    for r in page.evaluate(REQUESTS):
        seen.setdefault(r["path"], r)
    return seen


def test_the_page_asks_for_its_step_without_waiting_for_the_catalogue_or_the_preset(page: Page, server: str) -> None:
    seen = first_load(page, f"{server}/?preset=mazur", DRAWN, ["/api/presets", "/api/presets/mazur", "/api/scenario/step"])
    assert "/api/catalog" not in seen, "the page carries the catalogue; asking for it delays every request that follows"
    step, preset = seen["/api/scenario/step"], seen["/api/presets/mazur"]
    assert step["start"] < preset["end"], "the step was asked only once the preset's body had come"
    assert seen["/api/presets"]["start"] < step["end"], "the header's list of presets waited for the step"


def test_the_embed_asks_for_its_step_without_waiting_for_the_catalogue_or_the_preset(page: Page, server: str) -> None:
    seen = first_load(page, f"{server}/embed?preset=mazur", DRAWN, ["/api/presets/mazur", "/api/scenario/step"])
    assert "/api/catalog" not in seen
    assert seen["/api/scenario/step"]["start"] < seen["/api/presets/mazur"]["end"], "the step was asked only once the preset's body had come"


def test_the_handout_asks_for_its_step_first(page: Page, server: str) -> None:
    seen = first_load(page, f"{server}/handout?preset=mazur", 'body[data-ready="true"]', ["/api/scenario/step"])
    assert list(seen) == ["/api/scenario/step"], "the handout needs the step alone"


def test_a_page_without_the_catalogue_in_its_html_asks_for_it_once(page: Page, server: str) -> None:
    """Where the HTML carries no catalogue, the modules that need it (the page's start, the neuron pictures'
    colour scales, whose key is drawn once they have it) share one answer. Counted with a route: Playwright
    turns the HTTP cache off while routing, so every ask the page makes reaches it."""
    asked: list[str] = []

    def without_catalogue(route: Route) -> None:
        html = route.fetch().text()
        assert 'id="bl-catalog"' in html
        without = re.sub(r'<script type="application/json" id="bl-catalog">.*?</script>', "", html, flags=re.S)
        route.fulfill(status=200, content_type="text/html", body=without)

    def count(route: Route) -> None:
        asked.append(route.request.url)
        route.continue_()

    page.route(re.compile(r"/\?preset="), without_catalogue)
    page.route("**/api/catalog", count)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=mazur")
    expect(page.locator(DRAWN)).to_be_visible()
    expect(page.locator(".picture-key")).to_be_attached()  # drawn once the pictures have the activations' records
    assert len(asked) == 1, f"the catalogue was asked {len(asked)} times"
