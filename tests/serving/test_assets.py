"""The page loads one script and one stylesheet, built from the sources, cached for good."""

from __future__ import annotations

import posixpath
import re
import time
from pathlib import Path

import brotli
import pytest
from fastapi.testclient import TestClient

from app.assets import BUNDLE_PREFIX, IMMUTABLE, Assets
from app.export.bundle import bundle_modules
from app.resources import STATIC_DIR, TEMPLATES_DIR

# A line that holds (or continues) a comment; its code is checked by the browser tests instead.
COMMENT = re.compile(r"//|/\*|\*/|^\s*\*")
PAGES = [("/?preset=iris", "main.js"), ("/embed?preset=mazur&theme=dark", "embed.js")]


def imported_graph(entry: str) -> list[str]:
    """Every module `entry` reaches through `from './x.js'` or `from '../core/x.js'`, read here without the bundler."""
    seen, todo = [], [entry]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.append(module)
            for path in re.findall(r"from\s*'(\.\.?/[\w/-]+\.js)'", (STATIC_DIR / "js" / module).read_text(encoding="utf-8")):
                todo.append(posixpath.normpath(posixpath.join(posixpath.dirname(module), path)))
    return seen


def linked(html: str) -> tuple[list[str], list[str]]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)">', html), re.findall(r'<script type="module" src="([^"]+)">', html)


def source_stylesheets(path: str, client: TestClient) -> list[str]:
    if path.startswith("/embed"):
        from app.export.bundle import EMBED_PAGE_STYLESHEETS  # the standalone file's, and the embed's other views' sheets
        return list(EMBED_PAGE_STYLESHEETS)
    return re.findall(r'href="{{ root }}/static/(css/[^"]+\.css)"', (TEMPLATES_DIR / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("path", "entry"), PAGES)
def test_a_page_links_one_script_and_one_stylesheet_built_from_its_sources(client: TestClient, path: str, entry: str) -> None:
    page = client.get(path)
    sheets, scripts = linked(page.text)
    assert len(sheets) == 1 and len(scripts) == 1
    assert sheets[0].startswith(BUNDLE_PREFIX) and scripts[0].startswith(BUNDLE_PREFIX)
    assert re.fullmatch(rf"{BUNDLE_PREFIX}{entry[:-3]}\.[0-9a-f]{{12}}\.js", scripts[0])
    script = client.get(scripts[0]).text
    assert script == bundle_modules(STATIC_DIR / "js", entry)
    for module in imported_graph(entry):
        assert f"// ---- static/js/{module} ----" in script
        source = re.sub(r"^import\s*\{[^}]*\}\s*from\s*'[^']*';?", "", (STATIC_DIR / "js" / module).read_text(encoding="utf-8"), flags=re.M)
        for line in source.splitlines():
            # Every line of code is there, without its indentation; comments are left out.
            if line.strip() and not line.startswith(("import ", "export ")) and not COMMENT.search(line):
                assert line.strip() in script, f"{module}: {line!r} is not in the bundle"
    assert not re.search(r"^\s*(/\*\*|// (?!---- static/js/))", script, re.M), "a comment went into the bundle"
    css = client.get(sheets[0]).text
    starts = []
    for name in source_stylesheets(path, client):
        # The sheets' comments hold no quotes, so this regex is enough to read them without comments.
        rules = re.sub(r"/\*.*?\*/", "", (STATIC_DIR / name).read_text(encoding="utf-8"), flags=re.S)
        # The bundle writes every CSS string in double quotes.
        lines = [line.strip().replace("'", '"') for line in rules.splitlines() if line.strip()]
        starts.append(css.index(f"/* static/{name} */"))
        assert "\n".join(lines) + "\n" in css, f"{name} is not in the stylesheet bundle line for line"
    assert starts == sorted(starts) and len(starts) >= 4
    assert css.count("/*") == len(starts), "a comment went into the stylesheet bundle"


@pytest.mark.parametrize(("path", "entry"), PAGES)
def test_bundles_are_immutable_and_the_html_is_revalidated(client: TestClient, path: str, entry: str) -> None:
    page = client.get(path)
    assert page.headers["cache-control"] == "no-cache"
    again = client.get(path, headers={"if-none-match": page.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.get(path, headers={"if-none-match": 'W/"other"'}).status_code == 200
    for url in [*linked(page.text)[0], *linked(page.text)[1]]:
        bundle = client.get(url)
        assert bundle.headers["cache-control"] == IMMUTABLE == "public, max-age=31536000, immutable"
        assert "accept-encoding" in bundle.headers["vary"].lower()
    assert client.get(BUNDLE_PREFIX + "main.000000000000.js").status_code == 404


def test_the_sources_stay_served_one_by_one(client: TestClient) -> None:
    assert client.get("/static/js/main.js").text == (STATIC_DIR / "js" / "main.js").read_text(encoding="utf-8")


def test_a_bundle_is_precompressed_and_decodes_to_itself(client: TestClient) -> None:
    url = linked(client.get("/").text)[1][0]
    plain = client.get(url, headers={"accept-encoding": "identity"}).content
    deadline = time.monotonic() + 60
    while True:
        with client.stream("GET", url, headers={"accept-encoding": "br"}) as r:
            raw = b"".join(r.iter_raw())
        # The precompressed variant (quality 9) is smaller than the middleware's quick one (quality 4).
        if len(raw) < len(brotli.compress(plain, quality=4)) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert r.headers["content-encoding"] == "br"
    assert len(raw) < len(brotli.compress(plain, quality=4))
    assert brotli.decompress(raw) == plain


def test_an_edited_source_gives_a_new_bundle_name_without_a_build_step(tmp_path: Path) -> None:
    (tmp_path / "js").mkdir()
    (tmp_path / "css").mkdir()
    (tmp_path / "js" / "main.js").write_text("import { two } from './two.js';\nconsole.log(two);\n")
    (tmp_path / "js" / "two.js").write_text("export const two = 2;\n")
    (tmp_path / "css" / "a.css").write_text("body { color: red; }\n")
    html = '<head>\n  <link rel="stylesheet" href="/static/css/a.css">\n  <script type="module" src="/static/js/main.js"></script>\n</head>'
    assets = Assets(tmp_path, recheck_seconds=0)
    first = assets.rewrite(html)
    assert assets.rewrite(html) == first
    (tmp_path / "js" / "three.js").write_text("export const three = 3;\n")
    (tmp_path / "js" / "two.js").write_text("import { three } from './three.js';\nexport const two = 3 - 1 + three * 0;\n")
    second = assets.rewrite(html)
    assert linked(second)[1] != linked(first)[1] and linked(second)[0] == linked(first)[0]
    name = linked(second)[1][0].removeprefix(BUNDLE_PREFIX)
    assert "export const three = 3" not in assets.by_name[name].body.decode() and "const three = 3;" in assets.by_name[name].body.decode()
    assert linked(first)[1][0].removeprefix(BUNDLE_PREFIX) in assets.by_name  # an open page's old bundle still loads


def test_an_edit_in_a_module_folder_gives_a_new_bundle_name(tmp_path: Path) -> None:
    (tmp_path / "js" / "core").mkdir(parents=True)
    (tmp_path / "css").mkdir()
    (tmp_path / "js" / "main.js").write_text("import { two } from './core/two.js';\nconsole.log(two);\n")
    (tmp_path / "js" / "core" / "two.js").write_text("export const two = 2;\n")
    (tmp_path / "css" / "a.css").write_text("body { color: red; }\n")
    html = '<head>\n  <link rel="stylesheet" href="/static/css/a.css">\n  <script type="module" src="/static/js/main.js"></script>\n</head>'
    assets = Assets(tmp_path, recheck_seconds=0)
    first = assets.rewrite(html)
    (tmp_path / "js" / "core" / "two.js").write_text("export const two = 1 + 1;\n")
    second = assets.rewrite(html)
    assert linked(second)[1] != linked(first)[1]
    assert "const two = 1 + 1;" in assets.by_name[linked(second)[1][0].removeprefix(BUNDLE_PREFIX)].body.decode()
