"""The Share dialog: a link and an <iframe> snippet that hold the view as it is (step included),
copied with one button even where the clipboard API is unavailable, all by keyboard."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

# Headless browsers may refuse the clipboard; this makes sure the fallback is what runs.
NO_CLIPBOARD = "Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });"


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def open_share_at_step(page: Page, server: str, step: int, query: str = "") -> None:
    page.goto(f"{server}/?preset=mazur{query}")
    expect(page.locator('[data-id="n-2-0"]')).to_be_visible()
    page.locator("#stage").focus()
    for _ in range(step):
        page.keyboard.press("ArrowRight")
    expect(page.locator(".step-counter")).to_contain_text(f"{step + 1} / ")
    page.locator("#share").click()
    expect(page.locator("#share-dialog")).to_be_visible()


def snippet_src(page: Page) -> tuple[str, str]:
    text = page.locator("#share-embed-text").input_value()
    match = re.fullmatch(r'<iframe src="([^"]+)" width="(\d+)" height="(\d+)" style="border:0" title="([^"]+)" '
                         r'allow="fullscreen"></iframe>', text)
    assert match, text
    return html.unescape(match.group(1)), f"{match.group(2)}x{match.group(3)}"


def test_the_link_and_the_snippet_hold_the_current_step(page: Page, server: str, watch: Watch) -> None:
    open_share_at_step(page, server, 5, "&sel=c2.0.1")
    link = page.locator("#share-link-text").input_value()
    assert link.startswith(f"{server}/?")
    assert query_of(link) == {"preset": "mazur", "step": "5", "sel": "c2.0.1"}

    src, size = snippet_src(page)
    assert src.startswith(f"{server}/embed?") and size == "960x540"
    assert query_of(src) == {"preset": "mazur", "step": "5", "sel": "c2.0.1"}
    assert "Backprop Lens: Mazur" in page.locator("#share-embed-text").input_value()
    shot(page, "share-dialog-1280x720")

    page.locator("#share-size").select_option(label="1280 × 720")
    page.locator("#share-theme").select_option("projector")
    page.get_by_label(re.compile("Quiz mode")).check()
    src, size = snippet_src(page)
    assert size == "1280x720"
    assert query_of(src) == {"preset": "mazur", "step": "5", "sel": "c2.0.1", "theme": "projector", "numbers": "hide"}
    download = page.get_by_role("link", name=re.compile("standalone"))
    assert query_of(download.get_attribute("href") or "") == query_of(src)

    # The snippet's address shows the same step.
    page.goto(src)
    expect(page.locator(".step-counter")).to_contain_text("6 / 15")
    assert watch.errors == []


def test_without_the_clipboard_api_the_text_is_selected_and_copied(context: BrowserContext, server: str) -> None:
    page = context.new_page()  # a context of its own (pytest-playwright's): the script that takes the clipboard away stays in it
    page.add_init_script(NO_CLIPBOARD)
    open_share_at_step(page, server, 3)
    page.get_by_role("button", name="Copy <iframe> snippet").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    selected = page.evaluate("""() => { const t = document.activeElement;
      return [t.id, t.selectionStart, t.selectionEnd, t.value.length, String(getSelection())]; }""")
    assert selected[0] == "share-embed-text"
    assert selected[1] == 0 and selected[2] == selected[3]
    assert "step=3" in selected[4]
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator('[data-copy="link"]')).to_have_text("Copied")
    assert page.evaluate("document.activeElement.id") == "share-link-text"


def test_the_dialog_works_by_keyboard_and_esc_returns_to_the_share_button(page: Page, server: str) -> None:
    open_share_at_step(page, server, 2)
    assert page.evaluate("document.activeElement.dataset.copy") == "link", "focus starts on Copy link"
    page.keyboard.press("ArrowRight")  # inside the dialog the page does not step
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(page.locator("#share-dialog")).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "share"
    expect(page.locator(".step-counter")).to_contain_text("3 / 15")
    page.keyboard.press("Enter")
    expect(page.locator("#share-dialog")).to_be_visible()
    page.get_by_role("button", name="Close").click()
    expect(page.locator("#share-dialog")).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "share"


def test_the_default_frame_size_shows_the_weights_on_the_edges(page: Page, server: str) -> None:
    open_share_at_step(page, server, 0)
    src, size = snippet_src(page)
    width, height = (int(x) for x in size.split("x"))
    page.set_viewport_size({"width": width, "height": height})
    page.goto(src)
    expect(page.locator("#network .bl-wlabel")).to_have_count(8)  # every weight of Mazur's 2-2-2 network
    texts = page.locator("#network .bl-wlabel").all_text_contents()
    assert texts[0] == "0.1500"
