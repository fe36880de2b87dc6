"""backprop_lens.show() as a notebook shows it: the <iframe srcdoc> steps like /embed, offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import backprop_lens as bl
from tests.browser import reuse
from tests.browser.conftest import Watch, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)


def test_the_inline_frame_opens_at_the_chosen_step_and_steps_with_no_network(page: Page, watch: Watch, tmp_path: Path) -> None:
    cell = tmp_path / "cell.html"  # a notebook's output area holds the same markup
    cell.write_text(f"<!doctype html><meta charset='utf-8'><body>{bl.html('mazur', step=7, theme='dark')}</body>", encoding="utf-8")
    page.set_viewport_size({"width": 1000, "height": 600})
    page.goto(cell.as_uri())
    frame = page.frame_locator("iframe")
    expect(frame.locator(".step-counter")).to_contain_text("8 / 15")
    expect(frame.locator("html")).to_have_attribute("data-theme", "dark")
    frame.locator("#caption").click()
    page.keyboard.press("ArrowRight")
    expect(frame.locator(".step-counter")).to_contain_text("9 / 15")
    shot(page, "notebook-inline-frame")
    assert [u for u in watch.requests if not u.startswith(("file:", "data:", "about:", "blob:"))] == []
    assert watch.errors == []
