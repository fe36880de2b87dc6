"""Behind a proxy that strips a path prefix (`--root-path /lens/x` or BACKPROP_LENS_ROOT_PATH): every URL
the pages, the bundles, /docs and /redoc hold starts with the prefix, and the standalone file holds none
of the server's. The server is reached here as the proxy reaches it, without the prefix."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request

import pytest

from tests.bench.serve import ROOT, checkout_env, serve

PREFIX = "/lens/x"


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.status, r.read().decode("utf-8", errors="replace")


def absolute_urls(html: str) -> list[str]:
    """Every href or src attribute, and every url, and every fetched path in an inline script, that starts with '/'."""
    return re.findall(r'(?:href|src)="(/[^"]*)"', html) + re.findall(r"""(?:url|spec-url)\s*[:=]\s*['"](/[^'"]*)['"]""", html)


@pytest.fixture(scope="module", params=["option", "environment"])
def prefixed(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    if request.param == "option":
        with serve(options=("--root-path", PREFIX + "/")) as server:  # a trailing slash is dropped
            yield server.base
    else:
        with serve(options=("--workers", "1"), env={"BACKPROP_LENS_ROOT_PATH": PREFIX}) as server:
            yield server.base


# `path`, not `page`: a parameter named `page` made pytest-playwright add a [chromium] parameter to a test that drives no browser
@pytest.mark.parametrize("path", ["/?preset=iris", "/embed?preset=mazur&theme=dark"])
def test_every_url_of_a_page_is_under_the_prefix_and_answers(prefixed: str, path: str) -> None:
    status, html = get(prefixed + path)
    assert status == 200
    assert f'<meta name="bl-root" content="{PREFIX}">' in html  # the page's requests and shared links start with it
    urls = absolute_urls(html)
    assert len(urls) >= 3, urls  # the icon, the stylesheet, the script (and the embed's "open" link)
    for url in urls:
        assert url.startswith(PREFIX + "/"), url
        if url.startswith(PREFIX + "/static/"):
            assert get(prefixed + url.removeprefix(PREFIX))[0] == 200, url


def test_the_page_script_asks_every_request_under_the_prefix(prefixed: str) -> None:
    html = get(prefixed + "/")[1]
    script = next(u for u in absolute_urls(html) if u.endswith(".js"))
    body = get(prefixed + script.removeprefix(PREFIX))[1]
    fetches = re.findall(r"fetch\(([^,]+),", body)
    assert fetches and all(arg.lstrip("`").startswith(("ROOT", "${ROOT}")) for arg in fetches), fetches
    assert "location.origin + ROOT" in body and not re.search(r"location\.origin(?! \+ ROOT)", body)


@pytest.mark.parametrize("docs", ["/docs", "/redoc"])
def test_the_api_docs_load_their_schema_and_assets_under_the_prefix(prefixed: str, docs: str) -> None:
    status, html = get(prefixed + docs)
    assert status == 200
    urls = absolute_urls(html)
    assert any(u.endswith("/openapi.json") for u in urls), urls
    for url in urls:
        assert url.startswith(PREFIX + "/"), url
        assert get(prefixed + url.removeprefix(PREFIX))[0] == 200, url
    status, schema = get(prefixed + "/openapi.json")
    assert f'"servers":[{{"url":"{PREFIX}"}}]' in schema.replace(" ", "")


def test_the_standalone_file_holds_no_url_of_the_server(prefixed: str) -> None:
    status, html = get(prefixed + "/api/export/standalone?preset=mazur")
    assert status == 200
    assert not re.findall(r'(?:href|src)="/', html)


def test_a_root_path_that_is_not_a_path_is_refused_by_name() -> None:
    for args, env in (([ "--root-path", "lens"], {}), ([], {"BACKPROP_LENS_ROOT_PATH": "/a b"})):
        done = subprocess.run([sys.executable, "-c", "import sys; from app.cli import main; main(sys.argv[1:])", *args],
                              cwd=ROOT, env=checkout_env(env), capture_output=True, text=True, timeout=60)
        assert done.returncode == 2
        assert "--root-path" in done.stderr and "BACKPROP_LENS_ROOT_PATH" in done.stderr and "/some/prefix" in done.stderr
