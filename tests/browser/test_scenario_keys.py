"""Every key that shapes a step reaches the page, /embed, the Share link and snippet and the
standalone file (the server's catalogue names the keys); and a scenario with Adam and updated
biases shows the same numbers on the page, in the embed and in the standalone file."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlparse

import httpx
import pytest
from playwright.sync_api import Page, expect

from app.export.scenario import KEYS
from tests.browser import reuse

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

TRACE = re.compile(r'<script type="application/json" id="bl-trace" data-state="([^"]*)">(.*?)</script>', re.DOTALL)


def posted_step(page: Page, url: str) -> dict:
    """Open `url` and return the /api/step request of the state it asks for (POST /api/scenario/step answers that
    request and its step; the request is read again from /api/scenario, since a page may move on before its answer is read)."""
    with page.expect_request(lambda r: urlparse(r.url).path == "/api/scenario/step" and r.method == "POST") as info:
        page.goto(url)
    return httpx.post(urljoin(url, "/api/scenario"), json=json.loads(info.value.post_data or "{}")).json()["request"]


@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.name)
def test_a_key_that_shapes_the_step_reaches_page_embed_share_and_file(page: Page, server: str, key) -> None:
    query = f"preset=mazur&{key.name}={key.example}" if key.name != "preset" else f"preset={key.example}"
    with httpx.Client(base_url=server) as api:
        scenario = api.post("/api/scenario", json={"state": query}).json()
        want = scenario["request"]
        assert key.name in [k["name"] for k in api.get("/api/catalog").json()["scenario_keys"]]
        # the page
        assert posted_step(page, f"{server}/?{query}") == want, "the page"
        expect(page.locator('[data-id="n-1-0"]')).to_be_visible()
        # the Share dialog's link, snippet and standalone link
        page.locator("#share").click()
        link = page.locator("#share-link-text").input_value()
        snippet = page.locator("#share-embed-text").input_value()
        src = html.unescape(re.search(r'src="([^"]+)"', snippet).group(1))  # type: ignore[union-attr]
        file_href = page.get_by_role("link", name=re.compile("standalone")).get_attribute("href") or ""
        for what, url in (("link", link), ("snippet", src), ("file", file_href)):
            assert dict(parse_qsl(urlparse(url).query)).get(key.name) == key.example, what
        # the embed the snippet shows
        assert posted_step(page, src) == want, "the embed"
        # the standalone file holds the step of the same request
        made = TRACE.search(api.get(file_href).text)
        assert made and json.loads(made.group(2)) == api.post("/api/step", json=want).json()


def numbers_at_the_update(scope: Page) -> tuple[str, str]:
    expect(scope.locator(".step-counter")).to_contain_text("15 / 15")
    return scope.locator("#network svg.bl-network").first.text_content() or "", scope.locator("#caption").inner_text()


def test_adam_with_updated_biases_shows_the_same_numbers_on_page_embed_and_file(page: Page, server: str, tmp_path: Path) -> None:
    query = "preset=mazur&optimizer=adam&biases=update&lr=0.1&step=14&sel=c1.0.0"
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?{query}")
    on_page = numbers_at_the_update(page)
    page.locator("#share").click()
    src = html.unescape(re.search(r'src="([^"]+)"', page.locator("#share-embed-text").input_value()).group(1))  # type: ignore[union-attr]
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("standalone")).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    embed = page.context.new_page()
    embed.set_viewport_size({"width": 1280, "height": 800})
    embed.goto(src)
    in_embed = numbers_at_the_update(embed)
    offline = page.context.new_page()
    offline.set_viewport_size({"width": 1280, "height": 800})
    offline.goto(path.as_uri())
    in_file = numbers_at_the_update(offline)
    assert in_embed == on_page and in_file == on_page
    with httpx.Client(base_url=server) as api:
        body = api.post("/api/scenario", json={"state": query}).json()["request"]
        trace = api.post("/api/step", json=body).json()
    new = trace["updated"]["weights"][0][0][0]
    assert f"{new:.4f}".replace("-", "−") in on_page[0] + on_page[1], (new, on_page)
