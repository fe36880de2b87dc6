"""The package build's one extra step: the page's script and stylesheet bundles, minified and
compressed, go into the wheel as app/_bundles/ (app/export/bundle.py's write_prebuilt, with the
parsers of app/export/minify.py), so every worker of an installed server serves the same bundles
from its first request and needs no JavaScript or CSS parser to run.

An editable install gets none: it serves the sources of the checkout, bundled when a worker starts
and again after an edit (app/assets.py). The modules are loaded from their files, because the
package itself (FastAPI, NumPy) is not installed where the wheel is built.
"""

from __future__ import annotations

import gzip
import importlib.util
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).resolve().parent


def _load(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def compressors() -> dict[str, Any]:
    """The encodings a bundle is sent in, at their slowest and smallest settings (once per build)."""
    import brotli
    import zstandard

    return {
        "br": lambda data: brotli.compress(data, quality=11),
        "zstd": lambda data: zstandard.ZstdCompressor(level=19).compress(data),
        "gzip": lambda data: gzip.compress(data, compresslevel=9, mtime=0),
    }


def build_bundles(out_dir: Path) -> list[Path]:
    minify = _load("_backprop_lens_minify", ROOT / "app" / "export" / "minify.py")
    bundle = _load("_backprop_lens_bundle", ROOT / "app" / "export" / "bundle.py")
    return bundle.write_prebuilt(out_dir, ROOT / "static", ROOT / "templates", minify.strip_javascript, minify.strip_stylesheet,
                                 compressors())


class BundleHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        out_dir = Path(tempfile.mkdtemp(prefix="backprop-lens-bundles-"))
        for path in build_bundles(out_dir):
            build_data["force_include"][str(path)] = f"app/_bundles/{path.name}"
