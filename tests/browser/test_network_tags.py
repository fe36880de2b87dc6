"""The selected neuron's value tag in the network drawing: it never touches the cost's box beside the
output layer, at the laptop and desktop sizes students use, in each theme."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import DRAWING_FITS_ITS_BOX, Watch, shot

pytestmark = pytest.mark.browser
shared_watch = reuse.shared_watch  # the fixture: what the module's shared page does in a test

# The selected neuron's value as drawn (the tag above it when the neurons are too small to print values inside,
# its own value text otherwise) and the cost's box, in page pixels.
BOXES = """(id) => {
  const r = (e) => e && e.getBoundingClientRect().toJSON();
  return {tag: r(document.querySelector(`#network .bl-callout[data-for="${id}"]`)),
          inside: r(document.querySelector(`#network [data-id="${id}"] .bl-val`)),
          loss: r(document.querySelector('#network [data-id="loss"] rect')),
          svg: r(document.querySelector('#network svg'))};
}"""


def apart(a: dict, b: dict, gap: float) -> bool:
    return (a["right"] + gap <= b["left"] or b["right"] + gap <= a["left"]
            or a["bottom"] + gap <= b["top"] or b["bottom"] + gap <= a["top"])


# The dark theme is laid out as the light one (tests/test_dark_theme.py): what is measured here is measured in light and projector.
@pytest.mark.parametrize("theme", ["light", "projector"])
@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1366, 768), (1920, 1080)])
def test_an_output_neurons_value_tag_keeps_clear_of_the_cost_box(shared_page: Page, server: str, shared_watch: Watch,
                                                                  width: int, height: int, theme: str) -> None:
    page = shared_page
    watch = shared_watch
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(reduced_motion="reduce")  # the step drawn at once: its motion moves no tag and only costs time
    page.goto(f"{server}/?preset=iris&step=4&theme={theme}")  # one load, then End: the cost's step, then the last
    for step, phase in ((4, "loss"), (14, "update")):  # iris's cost step, and its last step
        if phase == "update":
            page.locator("#stage").focus()
            page.keyboard.press("End")
        expect(page.locator(".step-counter")).to_contain_text(f"{step + 1} / 15 · {phase}")
        page.wait_for_function(DRAWING_FITS_ITS_BOX)
        for j in range(3):
            neuron = page.locator(f'#network [data-id="n-2-{j}"]')
            neuron.click()
            expect(neuron).to_have_class(re.compile("is-selected"))
            seen = page.evaluate(BOXES, f"n-2-{j}")
            value = seen["tag"] or seen["inside"]
            assert value and seen["loss"], seen
            if width == 1280:  # the neurons are small here: the value is in a tag beside the neuron
                assert seen["tag"], "a laptop shows the selected output's value in a tag"
            assert apart(value, seen["loss"], 2), f"output {j + 1} at step {step + 1}, {width}x{height}: {seen}"
            assert seen["svg"]["left"] <= value["left"] and value["right"] <= seen["svg"]["right"], seen
        shot(page, f"iris-tag-{theme}-{phase}-a3-{width}x{height}")  # one picture a step, the third output selected
    assert watch.errors == []
