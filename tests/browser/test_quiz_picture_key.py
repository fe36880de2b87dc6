"""Quiz mode (numbers=hide) hides what is computed, the neuron pictures' key included: a relu layer's key
gives its largest |a| over the plane (a computed number) only once a picture of that layer is revealed."""

from __future__ import annotations

import re

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

URL = "/?preset=xor&activations=relu,sigmoid&numbers=hide&step=3"


def test_the_picture_keys_computed_range_waits_in_quiz_mode(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(server + URL)
    expect(page.locator('#network [data-id="n-1-0"]')).to_be_visible(timeout=30_000)
    page.wait_for_load_state("networkidle")  # the pictures' answer is in
    scale = page.locator("#stage .picture-key .picture-key-scale").first
    expect(scale).to_contain_text("the largest |a|")
    assert re.findall(r"\d", scale.inner_text().replace("Layer 1", "")) == [], scale.inner_text()
    page.locator('#network [data-id="n-1-0"]').click()  # revealed: its picture, and the layer's range, show
    expect(page.locator('#network [data-picture="1.0"] image')).to_be_attached()
    text = scale.inner_text()
    ends = [float(x.replace("−", "-")) for x in re.findall(r"[−-]?\d+\.?\d*", text.replace("Layer 1", ""))]
    assert len(ends) == 2 and ends[0] == pytest.approx(-ends[1]) and ends[1] > 0, text  # symmetric around 0
    assert np.isfinite(ends).all()
