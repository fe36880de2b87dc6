"""Browser fixtures: a real server on a free port, Debian's Chromium driven by Playwright, and a
page that records console errors and every request it makes."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Locator, Page, Request, expect

from tests.bench.serve import Server, serve
from tests.session import SHOTS_WANTED

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(__file__).resolve().parent / "screenshots"
# How long an expectation waits for its condition (Playwright's default is 5 s). A page that loads in
# a second on an idle laptop can take several while the suite shares two cores with other work; a
# condition that holds is seen at once, so this only lengthens the wait of a test that would fail.
expect.set_options(timeout=15_000)
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]

# The network's drawing is as large as its box: drawn for the box's current size. The page around it may
# still settle after the first drawing (the caption and the inspector fill in), and the drawing is then
# redrawn at its box's new size on the next frame.
DRAWING_FITS_ITS_BOX = """() => { const box = document.querySelector('#network'), svg = box?.querySelector('svg');
  if (!svg) return false;
  const [b, s] = [box.getBoundingClientRect(), svg.getBoundingClientRect()];
  return Math.abs(b.width - s.width) <= 1 && Math.abs(b.height - s.height) <= 1; }"""


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    chromium = shutil.which("chromium")
    if chromium is None:  # fail, never skip: CI must have the browser
        pytest.fail("Debian's chromium is not installed (apt-get install -y chromium)")
    return {"executable_path": chromium, "args": CHROMIUM_FLAGS}


# The session's server, and where its log stood when the running test started.
_SERVED: dict[str, Server | int] = {}


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The app served by uvicorn from this checkout, the way the benchmarks serve it (tests/bench/serve.py)."""
    with serve() as running:
        _SERVED["server"] = running
        yield running.base
        _SERVED.clear()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    running = _SERVED.get("server")
    if isinstance(running, Server):
        _SERVED["offset"] = running.log.stat().st_size
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """A failed browser test's report shows what the server logged during the test (a traceback
    behind a 500 is otherwise lost with the server's temporary log file)."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    running, offset = _SERVED.get("server"), _SERVED.get("offset", 0)
    if report.when == "call" and report.failed and isinstance(running, Server) and isinstance(offset, int):
        with running.log.open("rb") as log:
            log.seek(offset)
            logged = log.read().decode(errors="replace")
        report.sections.append(("server log during the test", logged[-8000:] or "(nothing)"))


@pytest.fixture(scope="session")
def base_url(server: str) -> str:
    """The live server as Playwright's base URL. Defined here, it also stands in for pytest-playwright's
    fallback `base_url`, a session fixture written as an instance method, which pytest 9.1+ deprecates."""
    return server


@pytest.fixture(scope="module")
def shared_page(browser: Browser) -> Iterator[Page]:
    """One page for the tests of a module that only read what a URL shows: opened once (a fresh context
    costs about a third of a second, the page's first load twice that), and each test goes where it
    reads (page.goto, or a key). What the page keeps in its storage (the first-visit note, a theme chosen
    in the menu) carries over from one test to the next, so a test that depends on it takes `page`."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


@dataclass
class Watch:
    """What a page did: console errors, page errors, and the URL of every request."""

    base: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def listen(self, page: Page) -> Callable[[], None]:
        """Record what `page` does from now on; returns what stops it."""
        def console(m: ConsoleMessage) -> None:
            if m.type == "error":
                self.errors.append(m.text)

        def error(e: Error) -> None:
            self.errors.append(str(e))

        def request(r: Request) -> None:
            self.requests.append(r.url)

        page.on("console", console)
        page.on("pageerror", error)
        page.on("request", request)

        def stop() -> None:
            page.remove_listener("console", console)
            page.remove_listener("pageerror", error)
            page.remove_listener("request", request)
        return stop

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if not (u.startswith(self.base) or u.startswith("data:")
                                                  or u.startswith("blob:") or u.startswith("about:"))]


@pytest.fixture()
def watch(page: Page, server: str) -> Watch:
    w = Watch(server)
    w.listen(page)
    return w


# Waits in the page until every condition of CONDITIONS (a function returning {name: true or false}) holds in one frame,
# then returns what MEASURE (a function) reads then: one round trip where a wait for each condition and a read were
# several. Gives up after `limit` ms (as long as an expectation waits), naming the conditions that never held.
WHEN_ALL_HOLD = """async ([limit]) => {
  const conditions = CONDITIONS, since = performance.now();
  for (;;) {
    const now = conditions();
    if (Object.values(now).every(Boolean)) return {seen: (MEASURE)()};
    if (performance.now() - since > limit) return {unmet: Object.keys(now).filter((k) => !now[k])};
    await new Promise((r) => requestAnimationFrame(r));
  }
}"""
EXPECT_MS = 15_000  # expect.set_options above


def read_when(page: Page, conditions: str, measure: str, where: str = "") -> Any:
    """What `measure` reads once every condition of `conditions` holds (WHEN_ALL_HOLD)."""
    got = page.evaluate(WHEN_ALL_HOLD.replace("CONDITIONS", conditions).replace("MEASURE", measure), [EXPECT_MS])
    assert "seen" in got, f"{where}: never {', '.join(got['unmet'])} (after {EXPECT_MS} ms)"
    return got["seen"]


def at_last_step(page: Page, server: str, query: str) -> None:
    """Open `/?query`, wait for the drawn network, and go to the trace's last step with the End key."""
    page.goto(f"{server}/?{query}")
    expect(page.locator('[data-id="n-1-0"]')).to_be_visible(timeout=30_000)
    page.locator("#stage").focus()
    page.keyboard.press("End")


def shot(target: Page | Locator, name: str) -> Path | None:
    """A screenshot of a page (or of one element) as tests/browser/screenshots/`name`.png, taken in a run with --shots:
    they are for a person to look at, and each costs the browser a capture and a PNG (a tenth of a second at 1920 × 1080)."""
    if not SHOTS_WANTED:
        return None
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    target.screenshot(path=str(path))
    return path


def graph_text_sizes(page: Page) -> list[float]:
    """The drawn size in px of every visible text of the Graph view's SVG (its font size times the
    SVG's scale on screen)."""
    return page.evaluate("""() => { const svg = document.querySelector('#graph svg'); const scale = svg.getScreenCTM().a;
      return [...svg.querySelectorAll('text')].filter((t) => t.getBBox().width > 0)
        .map((t) => parseFloat(getComputedStyle(t).fontSize) * scale); }""")
