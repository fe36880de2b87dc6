"""The fast loop leaves out every browser test: `-m "not browser"` selects no test under tests/browser
and none that asks for a Playwright page, wherever it lives (the markers come from tests/conftest.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NGINX_WALK = "tests/deploy/test_nginx.py::test_a_student_walks_the_page_through_nginx_while_a_replica_stops"
ROOT_PATH_URLS = "tests/deploy/test_root_path.py::test_every_url_of_a_page_is_under_the_prefix_and_answers["


@pytest.mark.slow  # one collection of the browser tests, in a process of its own
def test_not_browser_selects_no_browser_test() -> None:
    # one collection (it imports every browser module): the browser folder, a page test outside it, and
    # tests that fetch pages without a browser
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", "not browser",
                           "tests/browser", "tests/deploy/test_nginx.py", "tests/deploy/test_root_path.py"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    selected = [line for line in done.stdout.splitlines() if "::" in line]
    assert list((ROOT / "tests" / "browser").glob("test_*.py"))  # the folder holds tests ...
    assert [t for t in selected if t.startswith("tests/browser/")] == []  # ... and each one is marked
    assert [t for t in selected if t.startswith(NGINX_WALK)] == []
    assert [t for t in selected if t.startswith(ROOT_PATH_URLS)]
    assert [t for t in selected if "chromium" in t] == []  # no test that drives no browser gets pytest-playwright's parameter
