"""Strings a user controls reach the page only as text: preset names in the URL, CSV headers,
class labels and file names. Each gets markup that would run script if it were parsed as HTML."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

IMG = "<img src=x onerror=window.__pwned=1>"
SCRIPT = "<script>window.__pwned=2</script>"

INJECTED = """() => ({
  pwned: window.__pwned ?? null,
  elements: document.querySelectorAll('img[src="x"], script:not([src]):not([type])').length,
})"""


# An injected handler fires when its image fails. Wait until an image of the same broken source,
# made now, has failed and every image in the document has finished loading or failing.
BROKEN_IMAGE_FAILED = """() => new Promise((done) => { const img = new Image(); img.onerror = () => done(true); img.src = 'x'; })"""
IMAGES_SETTLED = "() => [...document.images].every((img) => img.complete)"


def assert_inert(page: Page) -> None:
    assert page.evaluate(BROKEN_IMAGE_FAILED)
    page.wait_for_function(IMAGES_SETTLED)
    assert page.evaluate(INJECTED) == {"pwned": None, "elements": 0}


@pytest.mark.parametrize("route", ["/", "/embed"])
def test_a_preset_name_in_the_url_is_never_markup(page: Page, server: str, route: str) -> None:
    page.goto(f"{server}{route}?preset={quote(IMG + SCRIPT)}&sel={quote(IMG)}&theme={quote(SCRIPT)}")
    page.wait_for_load_state("networkidle")
    assert_inert(page)
    assert "<img" not in page.title()


def test_csv_headers_labels_and_file_names_are_text(page: Page, server: str, watch: Watch) -> None:
    page.goto(f"{server}/?preset=xor&view=data")
    expect(page.locator("#data .plane-point")).to_have_count(4)  # the preset's own points: the page is loaded
    good = f"{IMG},{SCRIPT},label\n0,0,0\n1,1,1\n0,1,1\n1,0,0\n"
    page.locator('#data [data-field="csv"]').set_input_files(
        {"name": f"{IMG}.csv", "mimeType": "text/csv", "buffer": good.encode()})
    expect(page.locator("#data .plane-axis-label").first).to_have_text(IMG)
    expect(page.locator("#data .plane-point")).to_have_count(4)
    assert_inert(page)
    bad = f"{IMG},b,label\n0,{SCRIPT},1\n"
    page.locator('#data [data-field="csv"]').set_input_files(
        {"name": f"{SCRIPT}.csv", "mimeType": "text/csv", "buffer": bad.encode()})
    expect(page.locator("#data .data-error")).to_contain_text(SCRIPT)
    assert_inert(page)
    assert watch.foreign_requests() == []


def test_a_scenario_file_name_and_its_contents_are_text(page: Page, server: str, tmp_path) -> None:
    page.goto(f"{server}/?preset=mazur")
    expect(page.locator('[data-id="n-2-0"]')).to_be_visible()
    path = tmp_path / f"{IMG}.json"
    path.write_text('{"format": "' + SCRIPT.replace('"', '\\"') + '", "version": 1}')
    page.locator("#export-file").set_input_files(str(path))
    expect(page.locator("#export-message")).to_contain_text(IMG)
    assert_inert(page)
