"""The recipe of docs/deploy.md, run: two replicas under /lens behind Debian's nginx with the shipped site
file. A student's walk in Chromium (open, step, train, export, share) stays under /lens and goes on when
one replica is stopped (as `systemctl stop` does) in the middle of a training run; the proxy keeps the
bundles, passes the replicas' compression through and refuses a body over the limit itself."""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from tests.bench.serve import PREFIX, Deployment, deployment
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser

TARGET = 3000  # training steps: long enough to stop a replica while it runs


def request(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


@pytest.fixture(scope="module")
def site() -> Iterator[Deployment]:
    """One deployment for the module: the proxy's own work (its cache, compression, the body limit) is the same with
    one replica left as with two, so the walk may stop one before or after it is checked."""
    with deployment() as running:
        yield running


def test_a_student_walks_the_page_through_nginx_while_a_replica_stops(page: Page, tmp_path: Path, site: Deployment) -> None:
    try:
        origin = site.base.removesuffix(PREFIX)
        asked, failed = [], []
        page.on("request", lambda r: asked.append(r.url))
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("pageerror", lambda e: failed.append(f"page error: {e}"))
        # open and step
        page.goto(f"{site.base}/?preset=iris")
        expect(page.locator('[data-id="n-2-0"]')).to_be_visible(timeout=30_000)
        page.locator("#stage").focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        expect(page.locator(".step-counter")).to_contain_text("4 / ")
        # train, and stop one replica while the run goes on
        page.goto(f"{site.base}/?preset=iris&view=train")
        expect(page.locator(".train-status")).to_have_attribute("data-done", "0", timeout=30_000)
        page.locator('[data-field="train-speed"]').select_option("fast")
        page.locator('[data-field="train-target"]').fill(str(TARGET))
        page.locator('[data-train="run"]').click()
        expect(page.locator(".train-status")).not_to_have_attribute("data-done", "0", timeout=30_000)
        assert int(page.locator(".train-status").get_attribute("data-done") or 0) < TARGET, "the run ended before a replica stopped"
        site.stop_replica(0)
        expect(page.locator(".train-status")).to_have_attribute("data-done", str(TARGET), timeout=120_000)
        shot(page, "deploy-nginx-trained-after-a-replica-stopped")
        # export the NumPy script, from the one replica left
        page.goto(f"{site.base}/?preset=mazur")
        expect(page.locator('[data-id="n-2-0"]')).to_be_visible(timeout=30_000)
        page.locator("#export-button").click()
        with page.expect_download() as info:
            page.locator('#export-menu [data-export="numpy"]').click()
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        assert "import numpy as np" in path.read_text(encoding="utf-8")
        # share: the link, the snippet and the standalone file are under the prefix, and the file downloads
        page.locator("#share").click()
        expect(page.locator("#share-dialog")).to_be_visible()
        assert page.locator("#share-link-text").input_value().startswith(f"{site.base}/?preset=mazur")
        assert f'src="{site.base}/embed?preset=mazur' in page.locator("#share-embed-text").input_value()
        assert (page.locator(".share-download").get_attribute("href") or "").startswith(f"{site.base}/api/export/standalone?")
        with page.expect_download() as info:
            page.locator(".share-download").click()
        assert info.value.suggested_filename == "backprop-lens-mazur.html"
        # the docs
        page.goto(f"{site.base}/docs")
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("Backprop Lens", timeout=30_000)
        assert failed == []
        outside = [u for u in asked if not u.startswith(f"{site.base}/") and not u.startswith(("data:", "blob:"))]
        assert outside == [] and any("/api/train" in u for u in asked)
        assert origin in site.base
    except (AssertionError, PlaywrightError) as err:  # what the proxy saw, for a failure
        alerts = page.locator('[role="alert"]:visible').all_inner_texts()
        raise AssertionError(f"{err}\nthe page says: {alerts}\n{site.logs()}") from err


def test_the_proxy_keeps_the_bundles_passes_compression_and_refuses_large_bodies(site: Deployment) -> None:
    status, _, html = request(site.base + "/")
    assert status == 200
    bundle = re.search(rf'src="({PREFIX}/static/bundles/[^"]+\.js)"', html.decode()).group(1)  # type: ignore[union-attr]
    url = site.base.removesuffix(PREFIX) + bundle
    first = request(url, headers={"accept-encoding": "gzip"})
    second = request(url, headers={"accept-encoding": "gzip"})
    assert first[0] == second[0] == 200 and second[1]["x-cache-status"] == "HIT"
    assert second[1]["content-encoding"] == "gzip" and gzip.decompress(second[2]) == gzip.decompress(first[2])
    assert "immutable" in second[1]["cache-control"]
    status, headers, body = request(site.base + "/api/presets/mazur", headers={"accept-encoding": "zstd, br, gzip"})
    assert status == 200 and headers.get("x-content-type-options") == "nosniff"  # the replica's headers pass through
    status, headers, body = request(site.base + "/api/step", data=b"[" + b"0," * 1_100_000 + b"0]",
                                    headers={"content-type": "application/json"})
    assert status == 413 and "nginx" in body.decode(errors="replace")  # refused by the proxy, before a replica reads it
