"""Benchmark (not collected by pytest): the page's first load, as a student and as a browser test meet it. Prints figures, asserts nothing.

  python tests/bench/first_load.py [--visits 15] [--latency 0] [--against /path/to/another/checkout]

Each visit is a fresh Chromium context (an empty cache, as a first visit and as each browser test) opening
/?preset=mazur and /embed?preset=mazur. The page marks the moment its network is drawn (Mazur's output
neuron in the drawing) and the moment the first step's caption is written (the caption's title), with a
MutationObserver from the document's start, so the figures do not depend on how often Playwright polls.
It prints the median and quartiles of both, and each API request's median start and end (resource timing),
which shows which request waits for which.

--latency adds that many milliseconds to each request's round trip (Chromium's network emulation), as a
student's network does. --against serves another checkout side by side (e.g. an export of the old code:
`git archive <commit> | tar -x -C /tmp/old`) and alternates the visits between the two, so both see the
same load on the machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright
from serve import ROOT, free_port, wait_until_serving

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]
PAGES = ("/?preset=mazur", "/embed?preset=mazur")

# Marks, in performance.now() milliseconds, the first moment each condition holds.
MARKS = """
window.__firstLoad = {};
const seen = () => {
  const marks = window.__firstLoad, now = performance.now();
  if (marks.drawn === undefined && document.querySelector('#network [data-id="n-2-0"]')) marks.drawn = now;
  if (marks.caption === undefined && document.querySelector('#caption h2')?.textContent.trim()) marks.caption = now;
};
new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true });
"""
RESOURCES = """() => performance.getEntriesByType('resource').map((e) => ({
  name: new URL(e.name).pathname.replace(/\\.[0-9a-f]{12}\\./, '.<hash>.'), start: e.startTime, end: e.responseEnd }))"""


def visit(browser: Browser, base: str, path: str, latency: float) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        if latency:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions",
                     {"offline": False, "latency": latency, "downloadThroughput": -1, "uploadThroughput": -1})
        page.add_init_script(MARKS)
        page.goto(base + path)
        page.wait_for_function("() => window.__firstLoad.drawn !== undefined && window.__firstLoad.caption !== undefined", timeout=60_000)
        marks = page.evaluate("() => window.__firstLoad")
        return {**marks, "resources": page.evaluate(RESOURCES)}
    finally:
        context.close()


def quartiles(values: list[float]) -> str:
    q = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
    return f"{q[1]:6.0f} ms (quartiles {q[0]:.0f}–{q[2]:.0f})"


def report(label: str, path: str, visits: list[dict]) -> None:
    print(f"\n{label} {path}  ({len(visits)} fresh contexts)")
    print(f"  network drawn      {quartiles([v['drawn'] for v in visits])}")
    print(f"  first caption      {quartiles([v['caption'] for v in visits])}")
    by_name: dict[str, list[dict]] = {}
    for v in visits:
        for r in v["resources"]:
            by_name.setdefault(r["name"], []).append(r)
    rows = sorted(by_name.items(), key=lambda item: statistics.median(r["start"] for r in item[1]))
    print("  requests (median start → end, ms; how many visits made it)")
    for name, seen in rows:
        start, end = statistics.median(r["start"] for r in seen), statistics.median(r["end"] for r in seen)
        print(f"    {start:6.0f} → {end:6.0f}  {name}  ({len(seen)})")


@contextmanager
def serve_from(folder: Path) -> Iterator[str]:
    """uvicorn serving the checkout `folder` (its own directory first on the import path) on a free port; its base URL."""
    port = free_port()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(port), "--log-level", "warning", "--no-access-log"],
                                cwd=folder, env={**os.environ, "PYTHONPATH": str(folder)}, stdout=log, stderr=log)
        try:
            wait_until_serving(f"http://127.0.0.1:{port}", proc)
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def revision(folder: Path) -> str:
    try:
        return subprocess.run(["git", "-C", str(folder), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "an export"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=15, help="fresh contexts per page and checkout")
    parser.add_argument("--latency", type=float, default=0, help="ms added to each request's round trip")
    parser.add_argument("--against", type=Path, help="another checkout, served side by side")
    args = parser.parse_args()
    checkouts = {f"this checkout ({revision(ROOT)})": ROOT}
    if args.against:
        checkouts[f"against {args.against}"] = args.against.resolve()
    print(f"load: {Path('/proc/loadavg').read_text().split()[:3]}, latency added: {args.latency:g} ms")
    with ExitStack() as stack, sync_playwright() as pw:
        bases = {label: stack.enter_context(serve_from(folder)) for label, folder in checkouts.items()}
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        for base in bases.values():  # one visit each, not counted: the server's first answers warm its caches
            for path in PAGES:
                visit(browser, base, path, args.latency)
        results: dict[tuple[str, str], list[dict]] = {}
        for _ in range(args.visits):  # alternating, so that every checkout meets the same load
            for path in PAGES:
                for label, base in bases.items():
                    results.setdefault((label, path), []).append(visit(browser, base, path, args.latency))
        browser.close()
    for (label, path), visits in results.items():
        report(label, path, visits)
    print(f"\nload after: {Path('/proc/loadavg').read_text().split()[:3]}")


if __name__ == "__main__":
    main()
