"""Neuron pictures keep the network's colour meaning: a sigmoid on its own range 0 to 1 (deep-sigmoid's
output, 0.8638 to 0.8641, one colour; xor's output, below 0.5, never blue), a key beside the drawing
says what a picture shows with its scales, the data points are dots on it, and quiz mode hides a
picture until its neuron is revealed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

# The RGB pixels of the picture `sel`: its PNG decoded on a canvas.
PIXELS = """async (sel) => {
  const href = document.querySelector(sel).querySelector('image').getAttribute('href');
  const img = new Image();
  img.src = href;
  await img.decode();
  const c = document.createElement('canvas');
  [c.width, c.height] = [img.width, img.height];
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data;
  const out = [];
  for (let i = 0; i < d.length; i += 4) out.push([d[i], d[i + 1], d[i + 2]]);
  return out;
}"""


def pixels(page: Page, sel: str) -> list[list[int]]:
    expect(page.locator(f"{sel} image")).to_have_attribute("href", re.compile("^data:image/png"))
    return page.evaluate(PIXELS, sel)


def test_xors_output_below_one_half_is_never_blue_and_the_key_says_what_a_picture_shows(page: Page, server: str, watch: Watch) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=xor&step=3")
    out = pixels(page, '#network [data-picture="2.0"]')
    assert len(out) == 16 * 16
    assert all(r >= b for r, _, b in out), "an activation above 0 is never on the blue side"
    key = page.locator("#stage .picture-key")
    expect(key).to_contain_text("activation over the input plane")
    expect(key.locator('[data-scale="0 1"]')).to_contain_text("sigmoid’s range")
    assert page.locator('#network [data-picture="1.0"] .bl-picture-points circle').count() == 4  # xor's four points
    shot(page, "neuron-pictures-key-1280")
    page.set_viewport_size({"width": 960, "height": 540})
    expect(key).to_be_visible()
    shot(page, "neuron-pictures-key-960")
    page.set_viewport_size({"width": 360, "height": 740})
    shot(page, "neuron-pictures-key-360")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("button", name="Graph", exact=True).click()
    expect(page.locator("#graph")).to_be_visible()
    expect(key).to_be_hidden()  # the key is the Network view's
    assert watch.errors == []


def test_deep_sigmoids_output_is_one_colour(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=deep-sigmoid&step=3")
    out = pixels(page, '#network [data-picture="6.0"]')
    for c in range(3):
        channel = [p[c] for p in out]
        assert max(channel) - min(channel) <= 2, f"channel {c} spans {min(channel)} to {max(channel)}"
    assert out[0][0] > out[0][2] + 100  # orange: a ≈ 0.864 is positive
    shot(page, "neuron-pictures-deep-sigmoid")


def test_quiz_mode_hides_a_picture_until_its_neuron_is_revealed(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=xor&step=3&numbers=hide")
    expect(page.locator('#network [data-id="n-1-0"]')).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert page.locator("#network .bl-picture").count() == 0
    page.locator('#network [data-id="n-1-0"]').click()
    expect(page.locator('#network [data-picture="1.0"] image')).to_have_attribute("href", re.compile("^data:image/png"))
    assert page.locator('#network [data-picture="1.1"]').count() == 0
    page.goto(f"{server}/?preset=xor&step=0&numbers=hide")
    page.locator('#network [data-id="n-2-0"]').click()  # a⁽²⁾ is not computed at step 1
    page.wait_for_load_state("networkidle")
    assert page.locator('#network [data-picture="2.0"]').count() == 0
