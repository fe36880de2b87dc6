"""Benchmark (not collected by pytest): what a browser test's fresh page costs here, part by part. Prints figures, asserts nothing.

  python tests/bench/context_cost.py [--visits 12]

For a fresh context per test (pytest-playwright's `page`): browser.new_context, context.new_page (Chromium
starts a renderer process for it), the first load of /?preset=mazur to the drawn network, tracing.stop
(pytest-playwright calls it at every close) and context.close. Then the same page work in one context
kept open (a new page per test, closed after): what a shared context would save, and what it would not.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from collections.abc import Callable
from typing import Any

from playwright.sync_api import sync_playwright
from serve import serve

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]
URL, DRAWN = "/?preset=mazur", '[data-id="n-2-0"]'


def timed(rows: dict[str, list[float]], name: str, work: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = work()
    rows.setdefault(name, []).append((time.perf_counter() - start) * 1000)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=12)
    args = parser.parse_args()
    print(f"load: {open('/proc/loadavg').read().split()[:3]}")
    fresh: dict[str, list[float]] = {}
    kept: dict[str, list[float]] = {}
    with serve() as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        load = lambda page: (page.goto(server.base + URL), page.wait_for_selector(DRAWN))  # noqa: E731
        browser.new_context().new_page().goto(server.base + URL)  # not counted: the server's first answers
        one = browser.new_context(viewport={"width": 1280, "height": 800})
        for _ in range(args.visits):  # alternating, so that both meet the same load
            context = timed(fresh, "browser.new_context", lambda: browser.new_context(viewport={"width": 1280, "height": 800}))
            page = timed(fresh, "context.new_page", context.new_page)
            timed(fresh, "first load to the drawn network", lambda: load(page))  # noqa: B023
            timed(fresh, "context.tracing.stop", context.tracing.stop)
            timed(fresh, "context.close", context.close)
            page = timed(kept, "context.new_page", one.new_page)
            timed(kept, "first load to the drawn network", lambda: load(page))  # noqa: B023
            timed(kept, "page.close", page.close)
        browser.close()
    for title, rows in (("a fresh context per test", fresh), ("one context kept open, a new page per test", kept)):
        print(f"\n{title} ({args.visits} tests)")
        for name, values in rows.items():
            q = statistics.quantiles(values, n=4)
            print(f"  {name:34s} median {q[1]:6.0f} ms  (quartiles {q[0]:.0f}–{q[2]:.0f})")
        print(f"  {'sum of the medians':34s}        {sum(statistics.median(v) for v in rows.values()):6.0f} ms")


if __name__ == "__main__":
    main()
