"""The bundles the package build writes (hatch_build.py) are the ones a checkout builds, an installed
server serves them without building or parsing anything, and a worker asked for a bundle another
worker built after an edit finds it instead of answering 404."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import app.assets as assets_module
from app.assets import BUNDLE_PREFIX, Assets
from app.export import bundle
from app.export.bundle import MANIFEST, page_stylesheets
from app.main import create_app
from app.resources import STATIC_DIR, TEMPLATES_DIR
from tests.bench.serve import ROOT

HTML = '<head>\n  <link rel="stylesheet" href="/static/css/a.css">\n  <script type="module" src="/static/js/main.js"></script>\n</head>'


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the wheel's build hook writes into app/_bundles, written here."""
    spec = importlib.util.spec_from_file_location("hatch_build_under_test", ROOT / "hatch_build.py")
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    folder = tmp_path_factory.mktemp("bundles")
    hook.build_bundles(folder)
    return folder


def test_the_build_writes_each_pages_bundles_as_a_checkout_builds_them(prebuilt: Path) -> None:
    manifest = json.loads((prebuilt / MANIFEST).read_text())
    assert {p["entry"]: tuple(p["stylesheets"]) for p in manifest["pages"]} == page_stylesheets(TEMPLATES_DIR)
    checkout = Assets(STATIC_DIR)
    checkout.build_pages()
    assert sorted(manifest["bundles"]) == sorted(checkout.by_name)
    for name in manifest["bundles"]:
        assert (prebuilt / name).read_bytes() == checkout.by_name[name].body


def test_an_installed_server_serves_the_built_bundles_without_a_parser(prebuilt: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for parser in ("tree_sitter", "tree_sitter_javascript", "tinycss2", "app.export.minify"):
        monkeypatch.setitem(sys.modules, parser, None)  # importing it now raises ImportError

    def no_building(*args: object, **kwargs: object) -> str:
        raise AssertionError("an installed server built a bundle")

    monkeypatch.setattr(assets_module, "bundle_modules", no_building)
    monkeypatch.setattr(assets_module, "ASSETS", Assets(STATIC_DIR, prebuilt=prebuilt))
    with TestClient(create_app()) as client:  # its lifespan runs: nothing to build
        for page in ("/", "/embed?preset=mazur"):
            html = client.get(page).text
            names = [n for n in json.loads((prebuilt / MANIFEST).read_text())["bundles"] if f"{BUNDLE_PREFIX}{n}" in html]
            assert len(names) == 2
            for name in names:
                r = client.get(BUNDLE_PREFIX + name, headers={"accept-encoding": "br"})
                assert r.status_code == 200 and r.headers["content-encoding"] == "br"
                assert r.content == (prebuilt / name).read_bytes()  # httpx decodes brotli: the bytes the build wrote


def test_a_worker_finds_a_bundle_another_worker_built_after_an_edit(tmp_path: Path) -> None:
    (tmp_path / "js").mkdir()
    (tmp_path / "css").mkdir()
    (tmp_path / "js" / "main.js").write_text("export const one = 1;\n")
    (tmp_path / "css" / "a.css").write_text("body { color: red; }\n")
    first, second = Assets(tmp_path, recheck_seconds=3600), Assets(tmp_path, recheck_seconds=3600)
    assert first.rewrite(HTML) == second.rewrite(HTML)  # both started on the same sources: the same names
    (tmp_path / "js" / "main.js").write_text("export const one = 2 - 1;\n")
    edited = Assets(tmp_path, recheck_seconds=3600).rewrite(HTML)  # a third worker, started after the edit, renders the page
    name = edited.split(f'src="{BUNDLE_PREFIX}')[1].split('"')[0]
    assert name not in second.by_name
    found = second.find(name)  # the page's script, asked of a worker that has not looked at its sources since
    assert found is not None and b"2 - 1" in found.body
    assert second.find("main.000000000000.js") is None  # a name no source gives is still unknown


def test_an_installed_servers_standalone_file_inlines_the_built_embed_bundle(prebuilt: Path, tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "app"  # an installed package: its static/js and the bundles the build wrote
    shutil.copytree(STATIC_DIR / "js", package / "static" / "js")
    shutil.copytree(prebuilt, package / "_bundles")
    monkeypatch.setattr(bundle, "_PACKAGE", package)
    monkeypatch.setitem(sys.modules, "app.export.minify", None)  # no parser installed
    manifest = json.loads((prebuilt / MANIFEST).read_text())
    [embed] = [p["js"] for p in manifest["pages"] if p["entry"] == "embed.js"]
    assert bundle.bundle_modules(package / "static" / "js", "embed.js") == (prebuilt / embed).read_text(encoding="utf-8")
    assert bundle.bundle_modules(STATIC_DIR / "js", "embed.js") != (prebuilt / embed).read_text(encoding="utf-8")  # a checkout's: as written
