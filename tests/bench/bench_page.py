"""Benchmark (not collected by pytest): prints figures, asserts nothing.

  python tests/bench/bench_page.py

- first visit to /?preset=mazur in a fresh Chromium profile: requests, bytes on the wire
  (headers and encoded bodies), time from navigation to the drawn network;
- second visit in the same browser: the same, plus how many requests reached the server (its
  access log, not the browser's view);
- 100 page opens within 5 s: the requests of a first visit (as the browser made them, with its
  Accept-Encoding) replayed over HTTP by 100 visitors arriving at random within 5 s: how long
  each visit takes to fetch its files and data, and when the last one is done.
"""

from __future__ import annotations

import asyncio
import random
import re
import shutil
import statistics
import time

import httpx
from playwright.sync_api import Page, sync_playwright
from serve import Server, serve

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]
URL = "/?preset=mazur"
DRAWN = '[data-id="n-2-0"]'  # Mazur's second output neuron: the network is drawn


def visit(page: Page, server: Server) -> dict:
    seen: list = []

    def finished(request) -> None:  # noqa: ANN001
        seen.append(request)

    page.on("requestfinished", finished)
    before = len(server.access_lines())
    page.goto(server.base + URL)
    page.wait_for_selector(DRAWN, state="visible")
    drawn_ms = page.evaluate("performance.now()")
    page.wait_for_load_state("networkidle")
    time.sleep(0.3)
    wire = 0
    for request in seen:
        sizes = request.sizes()
        wire += sizes["responseHeadersSize"] + sizes["responseBodySize"] + sizes["requestHeadersSize"] + sizes["requestBodySize"]
    reached = server.access_lines()[before:]
    page.remove_listener("requestfinished", finished)
    return {"requests": len(seen), "wire": wire, "drawn_ms": drawn_ms, "reached": reached,
            "replay": [(r.method, r.url.removeprefix(server.base), r.post_data_buffer, r.headers) for r in seen]}


async def page_opens(base: str, replay: list, visitors: int = 100, within: float = 5.0) -> tuple[float, list[float], int]:
    """`visitors` first visits starting at random moments within `within` seconds, each fetching
    what the browser fetched: the HTML, then its two bundles together, then the rest together.
    Returns the time until the last visit is done, each visit's time, and the failed requests."""
    failures = 0
    times: list[float] = []
    html, rest = replay[0], replay[1:]
    bundles = [r for r in rest if "/static/bundles/" in r[1]]
    others = [r for r in rest if r not in bundles]

    async def fetch(client: httpx.AsyncClient, request: tuple) -> None:
        nonlocal failures
        method, path, body, headers = request
        keep = {k: v for k, v in headers.items() if k.lower() in ("accept-encoding", "content-type", "accept")}
        r = await client.request(method, path, content=body, headers=keep)
        failures += r.status_code >= 400

    async def one(client: httpx.AsyncClient, delay: float) -> None:
        await asyncio.sleep(delay)
        start = time.perf_counter()
        await fetch(client, html)
        await asyncio.gather(*(fetch(client, r) for r in bundles))
        await asyncio.gather(*(fetch(client, r) for r in others))
        times.append((time.perf_counter() - start) * 1000)

    rng = random.Random(0)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=httpx.Limits(max_connections=300)) as client:
        start = time.perf_counter()
        await asyncio.gather(*(one(client, rng.uniform(0, within)) for _ in range(visitors)))
        return time.perf_counter() - start, times, failures


def wait_for_compressed_bundles(server: Server) -> None:
    """Until the page's bundles go out precompressed in brotli (made in the background once the
    page is first rendered, ~2 s of one core): the state of a server students open after it started."""
    with httpx.Client(base_url=server.base, headers={"accept-encoding": "br"}) as client:
        html = client.get(URL).text
        bundles = sorted(set(re.findall(r'/static/bundles/[\w.]+', html)))
        for _ in range(300):
            if all(client.get(b).headers.get("content-encoding") == "br" for b in bundles):
                return
            time.sleep(0.1)
    raise RuntimeError("the bundles were not compressed within 30 s")


def main() -> None:
    with serve(access_log=True) as server:
        wait_for_compressed_bundles(server)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            first = visit(context.new_page(), server)
            second = visit(context.new_page(), server)
            browser.close()
        wall, times, failures = asyncio.run(page_opens(server.base, first["replay"]))

    print(f"first visit to {URL} (fresh profile, loopback)")
    print(f"  requests                  {first['requests']:>8}  (goal ≤ 12)")
    print(f"  bytes on the wire         {first['wire'] / 1000:8.1f} kB  (goal ≤ 150 kB)")
    print(f"  network drawn after       {first['drawn_ms']:8.0f} ms")
    for method, path, _, _ in first["replay"]:
        print(f"      {method:4} {path}")
    print("second visit, same browser")
    print(f"  requests the page made    {second['requests']:>8}")
    print(f"  requests reaching server  {len(second['reached']):>8}  (goal ≤ 4)")
    print(f"  bytes on the wire         {second['wire'] / 1000:8.1f} kB")
    print(f"  network drawn after       {second['drawn_ms']:8.0f} ms")
    for line in second["reached"]:
        print("      " + line.split(" - ", 1)[-1])
    print(f"100 page opens starting within 5 s ({len(first['replay'])} requests each, as the browser made them)")
    print(f"  last one done after       {wall:8.2f} s")
    print(f"  one open p50 / p99        {statistics.median(times):8.0f} / {sorted(times)[98]:.0f} ms")
    print(f"  failed requests           {failures:>8}")


if __name__ == "__main__":
    main()
