"""Any worker serves the page from the first request: `backprop-lens --workers 2` started from this
checkout, and several fresh browsers open the page at once as soon as the first worker answers; every
one draws Mazur's network, and no request of theirs (page, bundles, API) gets an error."""

from __future__ import annotations

import asyncio
import http.client
import re
import shutil
import subprocess

import pytest
from playwright.async_api import async_playwright

from tests.bench.serve import ROOT, checkout_env, cli_command, free_port, wait_until_serving
from tests.browser.conftest import CHROMIUM_FLAGS
from tests.run_async import run_async

BROWSERS, PAGES_EACH = 2, 3  # six fresh profiles: none holds a cached bundle
MAZUR_NEURONS = ["n-0-0", "n-0-1", "n-1-0", "n-1-1", "n-2-0", "n-2-1"]


def fresh_get(port: int, path: str) -> tuple[int, bytes]:
    """GET on a connection of its own, as a new visitor's browser opens them."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


async def open_everywhere(start_server) -> tuple[list[list[str]], list[str]]:  # type: ignore[no-untyped-def]
    """Launch the browsers, then start the server, then open the page in every profile at once."""
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is not installed"
    async with async_playwright() as p:
        browsers = [await p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS) for _ in range(BROWSERS)]
        pages = [await (await b.new_context()).new_page() for b in browsers for _ in range(PAGES_EACH)]
        failed: list[str] = []
        for page in pages:
            page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
            page.on("pageerror", lambda e: failed.append(f"page error: {e}"))
        base = start_server()

        async def drawn(page) -> list[str]:  # type: ignore[no-untyped-def]
            await page.goto(f"{base}/?preset=mazur")
            await page.wait_for_selector('#network [data-id="n-2-1"]', timeout=60_000)
            return sorted(await page.eval_on_selector_all('#network [data-kind="neuron"]', "els => els.map(e => e.dataset.id)"))

        drawings = await asyncio.gather(*(drawn(page) for page in pages))
        for b in browsers:
            await b.close()
        return list(drawings), failed


@pytest.mark.browser
def test_two_workers_serve_every_fresh_browser_from_the_first_request() -> None:
    port = free_port()
    process = subprocess.Popen(cli_command(port, "--workers", "2"), cwd=ROOT, env=checkout_env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def start() -> str:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(base, process)
        return base

    try:
        drawings, failed = run_async(open_everywhere(start))
        assert failed == []
        assert drawings == [MAZUR_NEURONS] * (BROWSERS * PAGES_EACH)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_first_page_a_worker_renders_names_bundles_every_worker_serves() -> None:
    """One page rendered right after start, then its bundles asked for again and again, each on a new
    connection: whichever worker takes the connection, the bundle is there (200, the same bytes)."""
    port = free_port()
    process = subprocess.Popen(cli_command(port, "--workers", "2"), cwd=ROOT, env=checkout_env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}", process)
        for page in ("/embed?preset=mazur", "/"):
            status, html = fresh_get(port, page)
            assert status == 200
            bundles = re.findall(r'(?:href|src)="(/static/bundles/[^"]+)"', html.decode())
            assert len(bundles) == 2
            for bundle in bundles:
                answers = {fresh_get(port, bundle) for _ in range(12)}
                assert len(answers) == 1 and next(iter(answers))[0] == 200, (bundle, sorted(a[0] for a in answers))
    finally:
        process.terminate()
        process.wait(timeout=30)
