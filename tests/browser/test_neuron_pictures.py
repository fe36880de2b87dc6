"""Neuron pictures: on a 2-input network every hidden and output neuron carries a small picture of
its activation over the input plane, in the Network view and in the Train view's network, where
they change as the run trains; a click enlarges one with its axes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

HREF = "(sel) => document.querySelector(sel)?.querySelector('image')?.getAttribute('href') ?? ''"


def test_every_hidden_and_output_neuron_of_xor_carries_a_picture(page: Page, server: str, watch: Watch) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=xor&step=3")
    for picture in ("1.0", "1.1", "2.0"):
        expect(page.locator(f'#network [data-picture="{picture}"] image')).to_have_attribute("href", re.compile("^data:image/png"))
    assert page.locator('#network [data-picture^="0."]').count() == 0  # the inputs are the plane itself
    page.locator('#network [data-picture="1.1"]').click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("a₂⁽¹⁾")
    expect(dialog.locator("svg text", has_text="x₁")).to_be_visible()
    shot(page, "neuron-picture-enlarged")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    page.locator('#network [data-picture="2.0"]').focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_contain_text("a₁⁽²⁾")
    assert watch.errors == []


def test_a_network_without_two_inputs_has_no_pictures(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=iris&step=3")
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert page.locator("#network .bl-picture").count() == 0


def test_xors_hidden_pictures_change_while_the_run_trains(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=xor&view=train")
    box = ".train-network [data-picture=\"1.0\"]"
    expect(page.locator(".train-status")).to_have_attribute("data-done", "0")
    expect(page.locator(f"{box} image")).to_have_attribute("href", re.compile("^data:image/png"))
    before = [page.evaluate(HREF, f'.train-network [data-picture="1.{n}"]') for n in (0, 1)]
    page.locator('[data-train="+100"]').click()
    expect(page.locator(".train-status")).to_have_attribute("data-done", "100", timeout=30_000)
    for n in (0, 1):
        sel = f'.train-network [data-picture="1.{n}"]'
        page.wait_for_function(f"(old) => ({HREF})('{sel}') !== old", arg=before[n])
    shot(page, "neuron-pictures-trained")
