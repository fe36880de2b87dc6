"""One page for all the tests of a module, each test starting on it as on a page of its own. A module
takes it with `page, watch = reuse.page, reuse.watch`: its tests' `page` is then conftest's
`shared_page` made new by `as_new`, and their `watch` watches it for that test alone.

A new browser context per test costs its set-up and, above all, a cold cache: the page's first load
in a context fetches and compiles every module again, about three times a warm load. What a test
leaves behind that a fresh page would not have is undone before the next one: the page's storage,
its address (about:blank, so nothing of the last test's page is still running or logging), the
window's size, emulated media, routes, and any other page it opened."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Error, Page

from tests.browser.conftest import Watch

# The window of pytest-playwright's own `page` (Playwright's default), which these tests were written for.
WINDOW = {"width": 1280, "height": 720}
FORGET = "() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) { /* about:blank, file: */ } }"


@contextmanager
def as_new(page: Page, window: dict[str, int] | None = None) -> Iterator[Page]:
    """`page` as a new page of a new context would be: nothing stored, at about:blank, at `window`'s size."""
    try:
        page.evaluate(FORGET)
    except Error:  # the last test left the page between documents: its storage is forgotten with the next one's
        pass
    page.goto("about:blank")
    page.set_viewport_size(window or WINDOW)
    try:
        yield page
    finally:
        for other in page.context.pages:
            if other is not page:
                other.close()
        page.unroute_all(behavior="ignoreErrors")
        page.emulate_media(media="null", color_scheme="null", reduced_motion="null", forced_colors="null", contrast="null")
        page.context.clear_cookies()


@contextmanager
def watching(page: Page, base: str) -> Iterator[Watch]:
    """conftest's `Watch` of one test on a shared page: its listeners go when the test ends."""
    w = Watch(base)
    stop = w.listen(page)
    try:
        yield w
    finally:
        stop()


@pytest.fixture()
def page(shared_page: Page) -> Iterator[Page]:
    """The module's shared page, as new for this test."""
    with as_new(shared_page) as fresh:
        yield fresh


@pytest.fixture()
def watch(page: Page, server: str) -> Iterator[Watch]:
    """What the page does during this test: console errors, page errors, requests."""
    with watching(page, server) as w:
        yield w


@pytest.fixture()
def shared_watch(shared_page: Page, server: str) -> Iterator[Watch]:
    """What conftest's `shared_page` does during this test, for a module that takes `shared_page` itself."""
    with watching(shared_page, server) as w:
        yield w
