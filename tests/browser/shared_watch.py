"""A Watch on the module's shared page (conftest's `shared_page`): its console errors, page errors and
requests, emptied at the start of each test, so a test that shares the page still sees only its own.
A test module takes it with `shared_watch = watching.shared_watch` after `from tests.browser import shared_watch as watching`."""

from __future__ import annotations

from weakref import WeakKeyDictionary

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Watch

_WATCHES: WeakKeyDictionary[Page, Watch] = WeakKeyDictionary()


def _watch_of(page: Page, server: str) -> Watch:
    """The one Watch of `page`, listening from the first test that asks for it."""
    if page not in _WATCHES:
        w = Watch(server)
        page.on("console", lambda m: w.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: w.errors.append(str(e)))
        page.on("request", lambda r: w.requests.append(r.url))
        _WATCHES[page] = w
    return _WATCHES[page]


@pytest.fixture()
def shared_watch(shared_page: Page, server: str) -> Watch:
    """What the shared page does during this test."""
    w = _watch_of(shared_page, server)
    w.errors.clear()
    w.requests.clear()
    return w
