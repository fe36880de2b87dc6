"""A deck plugin may speak to a lens before the lens has its step: reveal.js says hello to every frame as soon
as the deck is ready, and a presenter may press → at once. The frame takes both (no error), and a `go` that
came early is done as soon as the step is there."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser import reuse
from tests.browser.conftest import Watch

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

HOST = """<!doctype html><meta charset="utf-8"><title>deck</title>
<iframe id="lens" src="/embed?preset=mazur" width="960" height="540"></iframe>
<script>
window.reports = [];
addEventListener('message', (e) => { if (e.data && e.data.type === 'backprop-lens') reports.push(e.data); });
window.say = (message) => document.getElementById('lens').contentWindow.postMessage({ type: 'backprop-lens', ...message }, location.origin);
</script>"""

# the frame took the plugin's hello (it hides its "click to control" hint once driven), posted until it has
SAY_HELLO_UNTIL_DRIVEN = """() => {
  const hint = document.getElementById('lens').contentDocument?.getElementById('embed-hint');
  if (hint && hint.hidden) return true;
  say({ command: 'hello' });
  return false;
}"""


def test_a_hello_and_a_go_before_the_step_is_there_are_taken_and_the_go_is_done_once_it_is(page: Page, server: str, watch: Watch) -> None:
    held: list[Route] = []  # the frame's step, answered only once the plugin has spoken
    page.route("**/api/scenario/step", lambda route: held.append(route))
    page.route(f"{server}/deck-host", lambda route: route.fulfill(status=200, content_type="text/html", body=HOST))
    with page.expect_request("**/api/scenario/step"):
        page.goto(f"{server}/deck-host")
    page.wait_for_function(SAY_HELLO_UNTIL_DRIVEN)
    page.evaluate("say({ command: 'go', to: 'last', id: 1 })")
    assert held, "the step was answered before the plugin spoke"
    assert page.evaluate("reports.length") == 0, "the frame reported a step it does not have"
    page.unroute("**/api/scenario/step")
    for route in held:
        route.continue_()
    expect(page.frame_locator("#lens").locator(".step-counter")).to_contain_text("15 / 15")
    page.wait_for_function("reports.some((r) => r.event === 'state' && r.step === 14 && r.count === 15 && r.after === 1)")
    assert watch.errors == []
