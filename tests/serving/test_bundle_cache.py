"""A checkout's bundles kept from one worker's start to the next (app/bundle_cache.py): a worker started from the
same sources reads what the first one built and builds nothing; an edited source is built again; a cache that
cannot be written, or an entry with a file missing, is no cache."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import brotli
import pytest
import zstandard

from app import assets as assets_module
from app import bundle_cache
from app.assets import Assets
from app.resources import STATIC_DIR, TEMPLATES_DIR

ENTRIES = ("main.js", "embed.js", "handout.js")


@pytest.fixture(autouse=True)
def quick_compression(monkeypatch: pytest.MonkeyPatch) -> None:
    """The encodings at their quickest levels: what is kept and read is the same, in a fraction of the time."""
    monkeypatch.setitem(assets_module._COMPRESS, "br", lambda data: brotli.compress(data, quality=1))
    monkeypatch.setitem(assets_module._COMPRESS, "zstd", lambda data: zstandard.ZstdCompressor(level=1).compress(data))
    monkeypatch.setitem(assets_module._COMPRESS, "gzip", lambda data: gzip.compress(data, compresslevel=1, mtime=0))


def built(assets: Assets) -> dict[str, bytes]:
    """Each page's two bundles, by name, as this worker serves them."""
    html = {e: f'<link rel="stylesheet" href="/static/css/theme.css">\n<script type="module" src="/static/js/{e}"></script>' for e in ENTRIES}
    names = [name for e in ENTRIES for name in assets.rewrite(html[e]).split('"') if name.startswith("/static/bundles/")]
    return {n.removeprefix("/static/bundles/"): assets.find(n.removeprefix("/static/bundles/")).body for n in names}  # type: ignore[union-attr]


def first_worker(static_dir: Path, cache: Path) -> Assets:
    """A worker that builds every page's bundles and writes them to `cache` (waited for: its writing thread ends)."""
    first = Assets(static_dir, cache=cache)
    keeping = first.build_pages()
    assert keeping is not None, "an empty cache: the first worker builds"
    keeping.join()
    return first


def no_bundler(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("a worker with a cache of its sources built a bundle")

    monkeypatch.setattr(assets_module, "bundle_modules", refuse)
    monkeypatch.setattr(assets_module, "stylesheet_bundle", refuse)


def test_a_worker_started_from_the_same_sources_reads_the_bundles_and_builds_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = first_worker(STATIC_DIR, tmp_path)
    pages = {(e, s): (b.js.name, b.css.name) for (e, s), b in first._pages.items()}
    no_bundler(monkeypatch)
    second = Assets(STATIC_DIR, cache=tmp_path)
    assert second.build_pages() is None
    assert {(e, s): (b.js.name, b.css.name) for (e, s), b in second._pages.items()} == pages
    for name, bundle in first.by_name.items():
        read = second.by_name[name]
        assert read.body == bundle.body and read.ready.is_set()
        # every encoding decodes to the bundle itself
        assert brotli.decompress(read.encoded["br"]) == gzip.decompress(read.encoded["gzip"]) == bundle.body
        assert zstandard.ZstdDecompressor().decompress(read.encoded["zstd"]) == bundle.body


def test_an_edited_module_is_built_again_and_kept_beside_the_old(tmp_path: Path) -> None:
    static, cache = tmp_path / "static", tmp_path / "cache"
    shutil.copytree(STATIC_DIR, static)
    before = first_worker(static, cache)
    old = {(e, s): b.js.name for (e, s), b in before._pages.items()}
    step_module = static / "js" / "main.js"
    step_module.write_text(step_module.read_text(encoding="utf-8") + "\nexport const edited = 1;\n", encoding="utf-8")
    after = Assets(static, cache=cache)
    keeping = after.build_pages(TEMPLATES_DIR)
    assert keeping is not None, "an edited source is not read from the cache"
    keeping.join()
    new = {(e, s): b.js.name for (e, s), b in after._pages.items()}
    changed = [key for key in old if old[key] != new[key]]
    assert [entry for entry, _ in changed] == ["main.js"]
    assert len([p for p in cache.iterdir() if p.is_dir()]) == 2


def test_a_cache_that_cannot_be_written_or_has_lost_a_file_is_no_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    worker = Assets(STATIC_DIR, cache=blocked)
    keeping = worker.build_pages()
    assert keeping is not None
    keeping.join()
    assert blocked.read_text() == "not a folder" and built(worker)  # it serves what it built

    cache = tmp_path / "cache"
    first_worker(STATIC_DIR, cache)
    entry = next(p for p in cache.iterdir() if p.is_dir())
    next(entry.glob("main.*.js.br")).unlink()
    again = Assets(STATIC_DIR, cache=cache)
    keeping = again.build_pages()
    assert keeping is not None, "an entry missing a file is built again"
    keeping.join()
    assert bundle_cache.read(cache, entry.name) is not None, "and written whole again"


def test_an_installed_server_reads_its_wheels_bundles_and_no_cache(tmp_path: Path) -> None:
    prebuilt = tmp_path / "bundles"
    first = first_worker(STATIC_DIR, tmp_path / "cache")
    shutil.copytree(next(p for p in (tmp_path / "cache").iterdir() if p.is_dir()), prebuilt)
    installed = Assets(STATIC_DIR, prebuilt=prebuilt, cache=tmp_path / "elsewhere")
    assert installed.cache is None and installed.build_pages() is None
    assert not (tmp_path / "elsewhere").exists()
    assert set(installed.by_name) == set(first.by_name)


def test_an_entry_removed_while_a_worker_reads_it_is_built_instead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first_worker(STATIC_DIR, cache)
    entry = next(p for p in cache.iterdir() if p.is_dir())
    found = bundle_cache.read(cache, entry.name)
    shutil.rmtree(entry)  # another worker's pruning, between this worker's look and its reading
    monkeypatch.setattr(bundle_cache, "read", lambda cache, key: found)
    worker = Assets(STATIC_DIR, cache=cache)
    keeping = worker.build_pages()
    assert keeping is not None, "the worker builds what it could not read"
    keeping.join()
    assert built(worker)
