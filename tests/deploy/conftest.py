"""The deployment tests drive Debian's Chromium like the browser tests (tests/browser/conftest.py) and
start the recipe of docs/deploy.md (tests/bench/serve.py's `deployment`): replicas of this checkout
behind Debian's nginx, under /lens."""

from __future__ import annotations

import pytest

from tests.browser.conftest import browser_type_launch_args  # noqa: F401  (the fixture, for this folder too)


@pytest.fixture(scope="session")
def base_url() -> None:
    """No base URL: each test names the proxy's address (this stands in for pytest-playwright's deprecated fallback)."""
    return None
