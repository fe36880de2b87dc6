"""/embed's live parts inside a slide: every view of the full page (`view=graph|table|matrices|order|train|data`) with
its own controls, in the frame without scrollbars; and the inspector (Values with its Nudge, Paths) as an overlay
that fits the frame, opened by a click, by Enter or by `sel=` in the link, and closed by Esc."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.axe import COLOUR_RULES, violations
from tests.browser.conftest import Watch, shot

pytestmark = pytest.mark.browser
shared_watch = reuse.shared_watch  # the fixture: what the module's shared page does in a test

THEMES = ["light", "dark", "projector"]
SIZES = [(960, 540), (1920, 1080)]
# The dark theme is laid out as the light one (tests/test_dark_theme.py): in it, the frame's colours are checked (axe,
# at 960 × 540) and its layout is measured in light and projector.


def sizes_in(theme: str) -> list[tuple[int, int]]:
    return SIZES[:1] if theme == "dark" else SIZES


# Each view, the link that opens it, and an element of its own that shows it is drawn.
VIEWS = [
    ("graph", "preset=mazur&view=graph&step=7", '#graph [data-id="z2.0"]'),
    ("table", "preset=mazur&view=table&step=7", "#table table"),
    ("matrix", "preset=xor&view=matrices&step=11", "#matrix #matrix-layer"),
    ("order", "preset=mazur&view=order", "#order .order-table"),
    ("train", "preset=xor&view=train", '#train [data-train="run"]'),
    ("data", "preset=xor&view=data", "#data .plane-heat"),
]
# The height of the first element `selector` finds, once it has one.
HEIGHT = "(s) => { const r = document.querySelector(s)?.getBoundingClientRect(); return r && r.height > 0 ? r.height : null; }"
# Where the frame would scroll, and every box of the view's region, its controls and the overlay against the frame.
FRAME = """(sel) => {
  const d = document.documentElement, box = document.querySelector(sel).getBoundingClientRect();
  return {doc: [d.scrollWidth, d.scrollHeight], box: [box.left, box.top, box.right, box.bottom]};
}"""


def post(server: str, path: str, body: dict) -> dict:
    req = urllib.request.Request(f"{server}{path}", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(req, timeout=20).read())


def preset(server: str, name: str) -> dict:
    return json.loads(urllib.request.urlopen(f"{server}/api/presets/{name}", timeout=20).read())


def fits(page: Page, selector: str, width: int, height: int) -> None:
    seen = page.evaluate(FRAME, selector)
    assert seen["doc"] == [width, height], f"{selector}: the frame scrolls: {seen}"
    left, top, right, bottom = seen["box"]
    assert left >= 0 and top >= 0 and right <= width + 0.5 and bottom <= height + 0.5, f"{selector} leaves the frame: {seen}"


@pytest.mark.parametrize("theme", THEMES)
def test_every_view_fills_the_frame_at_slide_sizes(shared_page: Page, server: str, shared_watch: Watch, theme: str) -> None:
    page = shared_page
    watch = shared_watch
    for name, query, drawn in VIEWS:
        tall: list[float] = []  # the height of the view's own element in each frame: a larger frame draws it larger
        for width, height in sizes_in(theme):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{server}/embed?{query}&theme={theme}")
            expect(page.locator(drawn).first).to_be_visible()
            tall.append(page.wait_for_function(HEIGHT, arg=drawn).json_value())  # once drawn: a view may redraw as it settles
            assert page.locator("body").get_attribute("data-view") == name
            fits(page, f"#{name}", width, height)
            steps = name in ("graph", "table", "matrix")
            expect(page.locator("#controls")).to_be_visible() if steps else expect(page.locator("#controls")).to_be_hidden()
            expect(page.locator("#caption")).to_be_visible() if steps else expect(page.locator("#caption")).to_be_hidden()
            shot(page, f"embed-view-{name}-{theme}-{width}x{height}")
            if width == 960:  # axe-core finds nothing to fix in the view as the frame shows it (in dark, in its colours)
                found = violations(page, rules=COLOUR_RULES if theme == "dark" else None)
                assert found == [], f"{name} in {theme}: {found}"
        if name != "graph" and len(tall) == 2:  # the Graph view's own fitting (embed-graph.css) decides its size in the frame
            assert tall[1] >= 1.6 * tall[0], f"{name}: {drawn} is {tall[0]:.0f} px tall at 960x540 and {tall[1]:.0f} px at 1920x1080"
    assert watch.errors == [] and watch.foreign_requests() == []


def test_the_step_views_step_and_show_the_apis_numbers(page: Page, server: str, watch: Watch) -> None:
    page.set_viewport_size({"width": 960, "height": 540})
    trace = post(server, "/api/step", preset(server, "mazur"))
    a2 = trace["layers"][1]["a"][0][0]  # a₁⁽²⁾, known from step 4 (index 3) on
    page.goto(f"{server}/embed?preset=mazur&view=table&step=2")
    expect(page.locator(".step-counter")).to_contain_text("3 / 15")
    expect(page.locator("#table")).not_to_contain_text(f"{a2:.4g}")
    page.locator("#caption").click()
    page.keyboard.press("ArrowRight")
    expect(page.locator(".step-counter")).to_contain_text("4 / 15")
    expect(page.locator("#table")).to_contain_text(f"{a2:.4g}")

    xor = post(server, "/api/step", preset(server, "xor"))
    page.goto(f"{server}/embed?preset=xor&view=matrices&step=11")
    picker = page.locator("#matrix #matrix-layer")
    expect(picker).to_be_visible()
    picker.select_option("1")  # the view's own control: the layer it writes out
    expect(picker).to_have_value("1")
    g = xor["layers"][0]["grad_weights"][0][0]
    expect(page.locator("#matrix")).to_contain_text(f"{g:.4g}".replace("-", "−"))
    assert watch.errors == []


def test_training_runs_in_the_frame_and_moves_the_boundary(page: Page, server: str, watch: Watch) -> None:
    page.set_viewport_size({"width": 960, "height": 540})
    page.goto(f"{server}/embed?preset=xor&view=train")
    expect(page.locator("#train .train-status")).to_contain_text("Step 0 of")
    assert page.locator("#controls").get_attribute("hidden") is not None  # the stepping keys rest in a view without steps
    expect(page.locator("#train .plane-heat")).to_be_attached()
    before = page.locator("#train .plane-heat").get_attribute("href")
    page.locator('#train [data-train="+10"]').click()
    expect(page.locator("#train .train-status")).to_contain_text("Step 10 of")
    expect(page.locator('#train [data-chart="loss"] path, #train [data-chart="loss"] polyline').first).to_be_attached()
    expect(page.locator("#train .data-source")).to_contain_text("after 10 training steps")
    expect(page.locator("#train .plane-heat")).not_to_have_attribute("href", before or "")
    fits(page, "#train", 960, 540)
    shot(page, "embed-view-train-after-10-960x540")
    assert watch.errors == []


def test_the_data_view_picks_a_set_and_draws_its_boundary(page: Page, server: str, watch: Watch) -> None:
    page.set_viewport_size({"width": 960, "height": 540})
    page.goto(f"{server}/embed?preset=xor&view=data")
    expect(page.locator("#data .plane-heat")).to_be_attached()
    points = page.locator("#data .data-plane [data-point]")
    expect(points).to_have_count(4)
    picker = page.locator("#data .data-bar select").first
    expect(picker.locator("option[value='moons']")).to_be_attached()
    picker.select_option("moons")
    expect(points).not_to_have_count(4)
    fits(page, "#data", 960, 540)
    assert watch.errors == []


OVERLAY = "#inspector"


@pytest.mark.parametrize("theme", THEMES)
def test_the_inspector_opens_over_the_frame_and_esc_closes_it(shared_page: Page, server: str, shared_watch: Watch, theme: str) -> None:
    page = shared_page
    watch = shared_watch
    trace = post(server, "/api/step", preset(server, "mazur"))
    z2 = trace["layers"][1]["z"][0][0]
    for width, height in sizes_in(theme):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{server}/embed?preset=mazur&step=9&theme={theme}")
        expect(page.locator(OVERLAY)).to_be_hidden()
        page.locator('#network [data-id="n-2-0"]').click()
        overlay = page.locator(OVERLAY)
        expect(overlay).to_be_visible()
        expect(overlay).to_contain_text("Neuron a")
        expect(overlay).to_contain_text(f"{z2:.4g}")
        expect(overlay.locator('[data-nudge="slider"]')).to_be_visible()
        fits(page, OVERLAY, width, height)
        neuron, over = page.locator('#network [data-id="n-2-0"] .bl-body').bounding_box(), overlay.bounding_box()
        assert neuron and over and (neuron["x"] >= over["x"] + over["width"] or neuron["x"] + neuron["width"] <= over["x"]), \
            f"the overlay hides the neuron it describes: {neuron} under {over}"
        shot(page, f"embed-inspector-values-{theme}-{width}x{height}")
        if width == 960:
            found = violations(page, rules=COLOUR_RULES if theme == "dark" else None)
            assert found == [], found
        overlay.get_by_role("tab", name="Paths").click()
        expect(overlay.locator('[data-tab-panel="paths"]')).to_be_visible()
        page.keyboard.press("ArrowLeft")  # the tabs' key: Values again, and the frame stays at its step
        expect(overlay.get_by_role("tab", name="Values")).to_have_attribute("aria-selected", "true")
        expect(page.locator(".step-counter")).to_contain_text("10 / 15")
        page.keyboard.press("ArrowRight")
        expect(overlay.get_by_role("tab", name="Paths")).to_have_attribute("aria-selected", "true")
        expect(page.locator(".step-counter")).to_contain_text("10 / 15")
        expect(overlay.locator(".inspector__paths-body")).not_to_have_attribute("aria-busy", "true")  # the paths have come
        fits(page, OVERLAY, width, height)
        shot(page, f"embed-inspector-paths-{theme}-{width}x{height}")
        page.keyboard.press("Escape")
        expect(overlay).to_be_hidden()
    # by the keyboard: Enter on a connection opens it, Esc closes it and the arrows still step
    page.locator('#network [data-id="c-2-0-1"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator(OVERLAY)).to_contain_text("Weight w")
    page.keyboard.press("Escape")
    expect(page.locator(OVERLAY)).to_be_hidden()
    page.keyboard.press("ArrowRight")
    expect(page.locator(".step-counter")).to_contain_text("11 / 15")
    # from the link
    page.goto(f"{server}/embed?preset=mazur&step=9&theme={theme}&sel=c2.0.1")
    expect(page.locator(OVERLAY)).to_be_visible()
    expect(page.locator(OVERLAY)).to_contain_text(re.compile(r"Weight w"))
    assert watch.errors == []
