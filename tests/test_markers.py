"""The fast loop leaves out every browser test: `-m "not browser"` selects no test under tests/browser
and none that asks for a Playwright page, wherever it lives (the markers come from tests/conftest.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.session import DESELECTED

ROOT = Path(__file__).resolve().parents[1]
NGINX_WALK = "tests/deploy/test_nginx.py::test_a_student_walks_the_page_through_nginx_while_a_replica_stops"
ROOT_PATH_URLS = "tests/deploy/test_root_path.py::test_every_url_of_a_page_is_under_the_prefix_and_answers["
# the browser folder, a page test outside it, and tests that fetch pages without a browser
PLACES = ["tests/browser", "tests/deploy/test_nginx.py", "tests/deploy/test_root_path.py"]


def selected_here(session: pytest.Session) -> list[str] | None:
    """What `-m "not browser"` selects of PLACES among this session's own tests, when this session collected
    every test of PLACES: in the whole suite's run (each pytest-xdist worker collects it all) read from their
    markers as the option reads them; in a run of `-m "not browser"` itself, what the option kept of them. None
    in any other run (some files, -k, another -m, --lf, --deselect)."""
    option = session.config.option
    quick = option.markexpr == "not browser"
    if option.keyword or (option.markexpr and not quick) or getattr(option, "lf", False) or getattr(option, "deselect", None):
        return None
    collected = [*session.items, *session.config.stash.get(DESELECTED, [])]
    files = {Path(item.path).resolve() for item in collected}
    wanted = [ROOT / p for p in PLACES[1:]] + sorted((ROOT / PLACES[0]).glob("test_*.py"))
    if not all(f in files for f in wanted):
        return None
    inside = [item for item in session.items if any(Path(item.path).resolve().is_relative_to(ROOT / p) for p in PLACES)]
    return [item.nodeid for item in inside if quick or item.get_closest_marker("browser") is None]


def selected_by_a_collection() -> list[str]:
    """What `-m "not browser"` selects of PLACES, by a collection in a process of its own (it imports every browser module)."""
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", "not browser", *PLACES],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return [line for line in done.stdout.splitlines() if "::" in line]


@pytest.mark.slow  # one collection of the browser tests, in a process of its own, unless this session holds them all
def test_not_browser_selects_no_browser_test(request: pytest.FixtureRequest) -> None:
    selected = selected_here(request.session)
    if selected is None:
        selected = selected_by_a_collection()
    assert list((ROOT / "tests" / "browser").glob("test_*.py"))  # the folder holds tests ...
    assert [t for t in selected if t.startswith("tests/browser/")] == []  # ... and each one is marked
    assert [t for t in selected if t.startswith(NGINX_WALK)] == []
    assert [t for t in selected if t.startswith(ROOT_PATH_URLS)]
    assert [t for t in selected if "chromium" in t] == []  # no test that drives no browser gets pytest-playwright's parameter
