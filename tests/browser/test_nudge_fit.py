"""The nudge fits the server's compute budget and its plot is readable: on the largest network the
server allows, with 1000 samples, 41 curve points are over the budget, so the page asks again with
fewer; the plot's text is at least 12 px (16 px in the projector theme)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser import reuse
from tests.browser.conftest import at_last_step, shot

pytestmark = pytest.mark.browser
page = reuse.page  # one page for the module, as new for each test (tests/browser/reuse.py)

ACTUAL = '#inspector [data-nudge-out="actual"] [data-actual]'


def test_on_the_largest_network_with_1000_samples_the_page_asks_for_fewer_points(page: Page, server: str) -> None:
    # The page shows Mazur; each of its nudges is sent to the server as a nudge of the largest network
    # the server takes (8 layers of 64 neurons, 1000 samples), keeping the number of points the page asked for.
    rng = np.random.default_rng(0)
    big = {"model": {"sizes": [64] * 9, "activations": ["sigmoid"] * 8, "loss": "mse"},
           "inputs": rng.uniform(-1, 1, (1000, 64)).round(3).tolist(), "targets": rng.uniform(0, 1, (1000, 64)).round(3).tolist(),
           "learning_rate": 0.5, "kind": "weight", "layer": 1, "j": 0, "k": 0, "sample": 0}
    asked: list[tuple[int, int]] = []

    def forward(route: Route) -> None:
        sent = json.loads(route.request.post_data or "{}")
        body = {**big, "delta": sent["delta"], **({"points": sent["points"]} if "points" in sent else {})}
        answer = route.fetch(post_data=json.dumps(body), timeout=60_000)
        asked.append((sent.get("points", 41), answer.status))
        route.fulfill(response=answer)

    page.route("**/api/nudge", forward)
    at_last_step(page, server, "preset=mazur&sel=c2.0.0")
    expect(page.locator(ACTUAL)).to_be_attached(timeout=60_000)
    expect(page.locator("#inspector .nudge")).not_to_contain_text("Could not nudge")
    assert asked[0] == (41, 422)  # over the budget as the server prices it
    assert asked[-1][1] == 200 and 3 <= asked[-1][0] < 41 and asked[-1][0] % 2 == 1
    assert page.locator('#inspector .nudge-plot [data-series="cost"]').count() == 1


# The dark theme is laid out as the light one (tests/test_dark_theme.py): what is measured here is measured in light and projector.
@pytest.mark.parametrize("theme", ["light", "projector"])
def test_the_nudge_plots_text_is_readable(page: Page, server: str, theme: str) -> None:
    smallest = 16 if theme == "projector" else 12
    at_last_step(page, server, f"preset=mazur&sel=c2.0.0&theme={theme}")
    expect(page.locator(ACTUAL)).to_be_attached(timeout=30_000)
    sizes = page.evaluate("""() => { const svg = document.querySelector('#inspector .nudge-plot'); const scale = svg.getScreenCTM().a;
      return [...svg.querySelectorAll('text')].filter((t) => t.getBBox().width > 0)
        .map((t) => parseFloat(getComputedStyle(t).fontSize) * scale); }""")
    assert len(sizes) >= 4 and min(sizes) >= smallest - 0.01, sizes
    page.locator("#inspector .nudge-plot").scroll_into_view_if_needed()
    shot(page, f"nudge-plot-{theme}")
