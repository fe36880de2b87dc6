"""/embed read from the back of a hall: on a projector every text of the drawing and the caption is at least
1/27 of the frame's height at every step for networks of up to 4 neurons a layer (16 px, the theme's least, for
larger ones), no text over another, and at a 960x540 slide in every theme each
connection carries its number (weight, ∂C/∂w at its layer's ∂W step, old → new once its layer is updated)."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import DRAWING_FITS_ITS_BOX, Watch, read_when, shot

pytestmark = pytest.mark.browser
shared_watch = reuse.shared_watch  # the fixture: what the module's shared page does in a test

# The drawn size in px of every visible text of the drawing (font size times the SVG's scale) and of the
# caption's visible parts (the formula by its base size: MathML draws its indices smaller, as print does),
# and the boxes of the drawing's texts, for overlaps.
TEXTS = """() => {
  const svg = document.querySelector('#network svg'), scale = svg.getScreenCTM().a;
  const drawn = [...svg.querySelectorAll('text')].filter((t) => t.getBBox().width > 0);
  const caption = [...document.querySelectorAll('#caption :is(h2, .caption-text, .caption-local, .caption-formula)')]
    .filter((e) => e.getClientRects().length && e.textContent.trim());
  return {
    height: document.documentElement.clientHeight, mode: svg.dataset.labelMode,
    sizes: [...drawn.map((t) => ['drawing ' + t.getAttribute('class'), t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]),
            ...caption.map((e) => ['caption ' + (e.className || e.tagName), e.textContent.slice(0, 40), parseFloat(getComputedStyle(e).fontSize)])],
    boxes: drawn.map((t) => [t.textContent, t.getBoundingClientRect().toJSON()]),
  };
}"""


def post(server: str, path: str, body: dict) -> dict:
    req = urllib.request.Request(f"{server}{path}", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(req, timeout=20).read())


def trace_of(server: str, preset: str) -> dict:
    return post(server, "/api/step", json.loads(urllib.request.urlopen(f"{server}/api/presets/{preset}", timeout=20).read()))


def overlaps(boxes: list) -> list[tuple[str, str, float, float]]:
    """Pairs of texts whose boxes share more than 2 px both ways (a box holds the font's whole line height)."""
    out = []
    for i, (ta, a) in enumerate(boxes):
        for tb, b in boxes[i + 1:]:
            w = min(a["right"], b["right"]) - max(a["left"], b["left"])
            h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if w > 2 and h > 2:
                out.append((ta, tb, round(w, 1), round(h, 1)))
    return out


# Step `step` of `total` drawn and settled: the counter at it, the drawing the size of its box and drawn for that size
# (in /embed its viewBox is the size it is shown at, where a drawing for the box's last size is shown scaled until the
# next frame redraws it), the step's motion ended.
SETTLED = """(() => { const fits = DRAWING_FITS;
  const drawnForIt = () => { const svg = document.querySelector('#network svg'), s = svg.getBoundingClientRect(), v = svg.viewBox.baseVal;
    return Math.abs(v.width - s.width) <= 1 && Math.abs(v.height - s.height) <= 1; };
  return () => ({at: (document.querySelector('.step-counter')?.textContent ?? '').includes(`STEP / TOTAL`), fits: fits(),
                 drawnForIt: fits() && drawnForIt(), still: !document.querySelector('#network .bl-anim')}); })()""".replace(
    "DRAWING_FITS", DRAWING_FITS_ITS_BOX)


def walk(page: Page, server: str, query: str, width: int, height: int, measure: str):
    """Open /embed?query at width x height and yield (step, total, what `measure` reads) at each step, the page settled."""
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(reduced_motion="reduce")  # the drawing of each step without its motion, which adds no text
    page.goto(f"{server}/embed?{query}")
    expect(page.locator(".step-counter")).to_contain_text("1 / ")
    total = int(re.search(r"1 / (\d+)", page.locator(".step-counter").inner_text()).group(1))  # type: ignore[union-attr]
    page.locator("#caption").click()
    for step in range(1, total + 1):  # one round trip a step for its waits and its reads (conftest's read_when)
        settled = SETTLED.replace("STEP", str(step)).replace("TOTAL", str(total))
        yield step, total, read_when(page, settled, measure, f"{query} at {width}x{height}, step {step} of {total}")
        page.keyboard.press("ArrowRight")


@pytest.mark.parametrize(("width", "height"), [(960, 540), (1920, 1080)])
def test_on_a_projector_every_text_is_a_27th_of_the_frame_at_every_step(shared_page: Page, server: str, shared_watch: Watch,
                                                                       width: int, height: int) -> None:
    page = shared_page
    watch = shared_watch
    for preset in ("mazur", "xor", "chain", "iris"):
        least = 16 if preset == "iris" else height / 27  # iris has 5 neurons in a layer: the theme's least size
        for step, _, seen in walk(page, server, f"preset={preset}&theme=projector", width, height, TEXTS):
            where = f"{preset} step {step} at {width}x{height}"
            assert seen["height"] == height
            small = [s for s in seen["sizes"] if s[2] < least - 0.01]
            assert not small, f"{where}: texts under {least:.1f} px: {small[:6]}"
            assert not overlaps(seen["boxes"]), f"{where}: texts over texts: {overlaps(seen['boxes'])[:6]}"
            if step == 8 and preset != "chain":  # one picture a network, at its first backward step: each costs a PNG of the frame
                shot(page, f"embed-readable-{preset}-projector-step{step}-{width}x{height}")
    assert watch.errors == []


SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def number(text: str) -> float:
    """A number as the page writes it: −0.02274, or 4.386×10⁻⁴ for a small one."""
    mantissa, _, power = text.replace("−", "-").partition("×10")
    return float(mantissa) * 10 ** int(power.translate(SUPERSCRIPT)) if power else float(mantissa)


def close(shown: str, value: float) -> bool:
    """`shown` is `value` to the 4 significant digits the page prints."""
    return abs(number(shown) - value) <= 5e-4 * max(abs(value), 1e-12) + 1e-12


# Each connection's number as drawn (its visible weight-label texts), and the drawing's texts as TEXTS reads them.
LABELS_AND_TEXTS = """() => ({texts: (TEXTS)(),
  labels: Object.fromEntries([...document.querySelectorAll('#network .bl-link[data-id]')]
    .map((g) => [g.dataset.id, [...g.querySelectorAll('text.bl-wlabel')].filter((t) => t.getBBox().width > 0)
      .map((t) => t.textContent.replace(/\\s+/g, ' ').trim()).join('')]))})""".replace("TEXTS", TEXTS)


# The dark theme is laid out as the light one (tests/test_dark_theme.py): what is measured here is measured in light and projector.
@pytest.mark.parametrize("theme", ["light", "projector"])
def test_at_960x540_every_connection_carries_its_number_at_every_step(shared_page: Page, server: str, shared_watch: Watch, theme: str) -> None:
    page = shared_page
    watch = shared_watch
    for preset in ("mazur", "xor"):
        trace = trace_of(server, preset)
        steps = trace["steps"]
        for step, total, seen in walk(page, server, f"preset={preset}&theme={theme}", 960, 540, LABELS_AND_TEXTS):
            assert total == len(steps)
            now = steps[step - 1]
            updated = {s["layer"] for s in steps[:step] if s["quantity"] == "update"}
            labels, boxes = seen["labels"], seen["texts"]["boxes"]
            where = f"{preset} step {step} in {theme}"
            assert not overlaps(boxes), f"{where}: texts over texts: {overlaps(boxes)[:6]}"
            for layer, matrix in enumerate(trace["model"]["weights"], start=1):
                for j, row in enumerate(matrix):
                    for k, w in enumerate(row):
                        text = labels.get(f"c-{layer}-{j}-{k}", "")
                        if now["quantity"] == "grad_weights" and now["layer"] == layer:
                            g = trace["layers"][layer - 1]["grad_weights"][j][k]
                            m = re.fullmatch(r"∂C/∂w = (\S+)", text)
                            assert m and close(m.group(1), g), f"{where}: w{layer}{j}{k} says {text!r}, ∂C/∂w = {g}"
                        elif layer in updated:
                            new = trace["updated"]["weights"][layer - 1][j][k]
                            m = re.fullmatch(r"(\S+) → (\S+)", text)
                            assert m and close(m.group(1), w) and close(m.group(2), new), f"{where}: w{layer}{j}{k} says {text!r}, {w} → {new}"
                        else:
                            assert text and close(text, w), f"{where}: w{layer}{j}{k} says {text!r}, w = {w}"
            if step == 14 and preset == "xor":  # one picture a theme, at the update, every connection's old → new
                shot(page, f"embed-edges-{preset}-{theme}-step{step}-960x540")
    assert watch.errors == []


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1100, 619)])
def test_a_projector_frame_between_the_measured_sizes_keeps_every_number(shared_page: Page, server: str, width: int, height: int) -> None:
    """A frame whose controls leave too little room for the frame's big type (1280×720 in a deck) draws at the
    theme's least size rather than dropping the numbers: before, Mazur's ∂W step showed no value at all."""
    page = shared_page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server}/embed?preset=mazur&theme=projector&step=7")
    expect(page.locator('[data-id="n-1-0"]')).to_be_visible()
    page.wait_for_function(DRAWING_FITS_ITS_BOX)
    network = page.locator("#network")
    for shown in ["0.5933", "0.1385", "∂C/∂w = 0.08217", "∂C/∂w = −0.02274"]:  # Mazur's a₁⁽¹⁾, δ₁⁽²⁾ and two gradients
        expect(network).to_contain_text(shown, use_inner_text=True)  # drawn, not only in a tooltip
    shot(page, f"embed-projector-mazur-step8-{width}x{height}")
