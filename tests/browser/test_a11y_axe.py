"""axe-core (WCAG 2.2 A/AA and best practice) finds no violation in any view, theme, panel or dialog
of the page, nor in /embed: a serious or critical one fails, and so does any lesser one."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Error, Page, expect

from tests.browser import reuse
from tests.browser.axe import COLOUR_RULES, TAGS, _source, blocking, report, violations

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

THEMES = ["light", "dark", "projector"]


def ready_network(page: Page) -> None:
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()


def ready_graph(page: Page) -> None:
    expect(page.locator('#graph [data-id="z2.0"]')).to_be_visible()


def ready_table(page: Page) -> None:
    expect(page.locator("#table table").first).to_be_visible()


def ready_matrix(page: Page) -> None:
    expect(page.locator('#matrix [data-check="pass"]').first).to_be_visible()


def ready_order(page: Page) -> None:
    expect(page.locator("#order .order-table").first).to_be_visible()


def ready_train(page: Page) -> None:
    expect(page.locator(".train-status")).to_have_attribute("data-done", "0")
    expect(page.locator('.chart-box[data-chart="loss"] svg')).to_be_visible()


def ready_data(page: Page) -> None:
    expect(page.locator("#data .plane-point").first).to_be_visible()
    expect(page.locator("#data .plane-heat")).to_have_attribute("href", re.compile("^data:image/png"))


VIEWS = {
    "network": ("preset=mazur&step=7&sel=c2.0.0", ready_network),
    "network-paths": ("preset=mazur&step=11&sel=n1.0&tab=paths", ready_network),
    "graph": ("preset=mazur&step=7&view=graph", ready_graph),
    "graph-large": ("preset=iris&step=7&view=graph", ready_graph),
    "table": ("preset=mazur&step=7&view=table", ready_table),
    "matrix": ("preset=mazur&step=7&view=matrix", ready_matrix),
    "order": ("preset=mazur&step=14&view=order", ready_order),
    "train": ("preset=xor&view=train", ready_train),
    "data": ("preset=xor&view=data", ready_data),
}


def assert_clean(page: Page) -> None:
    """No violation on the page as it stands; in the dark theme, of the rules that read colours (the others find in it
    what they find in the light theme, laid out the same: tests/test_dark_theme.py)."""
    dark = page.locator("html").get_attribute("data-theme") == "dark"
    found = violations(page, rules=COLOUR_RULES if dark else None)
    assert blocking(found) == [], report(blocking(found))
    assert found == [], report(found)


def in_each_theme(page: Page, url: str, check: Callable[[Page], None]) -> None:
    """`check` on `url` loaded afresh in each theme, each load with nothing stored (as a test's new page);
    every theme is checked, and the failures of all are told. One test a page rather than a theme: a
    test's own new page costs a few tenths of a second more (reuse.as_new's set-up and teardown)."""
    failed = []
    for theme in THEMES:
        try:
            page.evaluate(reuse.FORGET)
        except Error:  # between documents: the storage goes with the next load's clean slate below
            page.goto("about:blank")
            page.evaluate(reuse.FORGET)
        page.goto(f"{url}&theme={theme}")
        expect(page.locator("html")).to_have_attribute("data-theme", theme)
        try:
            check(page)
        except AssertionError as e:
            failed.append(f"in the {theme} theme: {e}")
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize("view", list(VIEWS))
def test_every_view_is_clean_in_every_theme(page: Page, server: str, view: str) -> None:
    query, ready = VIEWS[view]

    def check(page: Page) -> None:
        ready(page)
        assert_clean(page)

    in_each_theme(page, f"{server}/?{query}", check)


def dialogs_are_clean(page: Page) -> None:
    ready_network(page)
    page.locator("#toggle-setup").click()
    expect(page.locator("#setup")).to_be_visible()
    assert_clean(page)
    page.locator("#toggle-setup").click()
    page.locator("#share").click()
    expect(page.locator("#share-dialog")).to_be_visible()
    assert_clean(page)
    page.keyboard.press("Escape")
    expect(page.locator("#share-dialog")).to_be_hidden()
    page.locator("#glossary").click()
    expect(page.locator("#glossary-dialog")).to_be_visible()
    assert_clean(page)
    page.keyboard.press("Escape")
    expect(page.locator("#glossary-dialog")).to_be_hidden()
    page.locator("#export-button").click()
    expect(page.locator("#export-menu")).to_be_visible()
    assert_clean(page)


def test_the_open_set_up_share_and_glossary_dialogs_and_export_menu_are_clean(page: Page, server: str) -> None:
    in_each_theme(page, f"{server}/?preset=mazur&step=3", dialogs_are_clean)


@pytest.mark.parametrize("extra", ["", "&numbers=hide&focus=on"])
def test_the_embed_is_clean_in_every_theme(page: Page, server: str, extra: str) -> None:
    page.set_viewport_size({"width": 960, "height": 540})

    def check(page: Page) -> None:
        ready_network(page)
        assert_clean(page)

    in_each_theme(page, f"{server}/embed?preset=mazur&step=7{extra}", check)


def test_a_broken_rule_is_caught(page: Page, server: str) -> None:
    """The harness itself: a control with no name is reported as a serious violation."""
    page.goto(f"{server}/?preset=mazur")
    ready_network(page)
    page.evaluate("() => { const b = document.createElement('button'); document.querySelector('#stage').append(b); }")
    assert "button-name" in {v["id"] for v in blocking(violations(page))}


def test_the_dark_themes_rules_are_every_rule_of_axe_that_reads_colours(page: Page) -> None:
    page.set_content("<p>x</p>")
    page.evaluate(_source())
    assert page.evaluate("(tags) => axe.getRules(tags).filter((r) => r.tags.includes('cat.color')).map((r) => r.ruleId)", TAGS) == COLOUR_RULES
