"""The wheel, installed non-editable into a fresh venv and started from another directory, serves the
page and every asset it links (the static files must be inside the wheel): the bundles built with
the package, with no JavaScript or CSS parser installed.

The wheel is built once with this environment's build tools (`pip wheel --no-build-isolation`) and
installed with `--no-deps`; the venv takes the package's declared dependencies, and only those (the
closure of its `Requires-Dist`), from the test environment through a folder on its path, so no
download or compilation runs and a dependency the metadata leaves out is still missing there."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.bench.serve import free_port, wait_until_serving

ROOT = Path(__file__).resolve().parents[2]
# The installed package alone: a checkout on PYTHONPATH (as the developers' shells have it) would be imported instead.
INSTALLED_ONLY = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
INSPECT = """import importlib.util as u, json, app, app.assets, backprop_lens as bl
print(json.dumps({"parsers": [m for m in ("tree_sitter", "tree_sitter_javascript", "tinycss2") if u.find_spec(m)],
                  "prebuilt": str(app.assets.PREBUILT_DIR), "app": app.__file__, "backprop_lens": bl.__file__,
                  "html": "<iframe srcdoc=" in bl.html("mazur"), "loss": bl.step("mazur").loss}))"""


def declared_closure(requires: list[str]) -> list[importlib.metadata.Distribution]:
    """The distributions of this environment that `requires` (a wheel's Requires-Dist, no extra) names, and theirs."""
    found: dict[str, importlib.metadata.Distribution] = {}
    todo = [Requirement(r) for r in requires]
    while todo:
        req = todo.pop()
        if (req.marker and not req.marker.evaluate({"extra": ""})) or req.name.lower() in found:
            continue
        dist = importlib.metadata.distribution(req.name)
        found[req.name.lower()] = dist
        todo += [Requirement(r) for r in dist.requires or []]
    return list(found.values())


def dependencies_folder(wheel: Path, folder: Path) -> Path:
    """A folder of links to the top-level entries (packages, modules, .dist-info) of the wheel's declared dependencies."""
    with zipfile.ZipFile(wheel) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        requires = [line.split(":", 1)[1].strip() for line in z.read(meta).decode().splitlines() if line.startswith("Requires-Dist:")]
    folder.mkdir()
    for dist in declared_closure(requires):
        site = Path(dist.locate_file(""))
        for top in {Path(f).parts[0] for f in dist.files or [] if not str(f).startswith("..")}:
            if not (folder / top).exists() and (site / top).exists() and not top.endswith(".pth"):
                (folder / top).symlink_to(site / top)
    return folder


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, r.read()


@pytest.mark.slow  # the package built, installed and started
def test_a_non_editable_install_serves_the_page_and_its_assets(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist"), str(ROOT)],
                   check=True, timeout=600, env=INSTALLED_ONLY)
    (wheel,) = (tmp_path / "dist").glob("backprop_lens-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, timeout=300, env=INSTALLED_ONLY)
    site = venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    (site / "dependencies.pth").write_text(str(dependencies_folder(wheel, tmp_path / "dependencies")) + "\n")
    port = free_port()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    server = subprocess.Popen([str(venv / "bin" / "backprop-lens"), "--port", str(port)], cwd=elsewhere, env=INSTALLED_ONLY,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(base, server, timeout=30)
        status, html = _get(base + "/")
        assert status == 200
        assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html.decode())
        assert assets, "the page links no assets"
        for asset in assets:
            status, body = _get(base + asset)
            assert status == 200 and body, asset
            if asset.endswith(".js"):  # every module the entry imports is served too
                for imported in re.findall(r'from\s+"\./([^"]+)"', body.decode()):
                    assert _get(f"{base}/static/js/{imported}")[0] == 200, imported
        # what the venv's Python imports: the wheel's package and module, no parser; the notebook module finds the page's files
        seen = json.loads(subprocess.run([str(venv / "bin" / "python"), "-c", INSPECT], capture_output=True, text=True, cwd=elsewhere,
                                         env=INSTALLED_ONLY, check=True).stdout)
        assert seen["parsers"] == []  # the server runs without them
        packaged = seen["prebuilt"]
        bundles = re.findall(r'(?:href|src)="/static/bundles/([^"]+)"', html.decode())
        assert len(bundles) == 2
        for name in bundles:  # served as the wheel carries them, minified when the package was built
            body = _get(f"{base}/static/bundles/{name}")[1]
            assert body == (Path(packaged) / name).read_bytes()
            assert not re.search(rb"^\s*(/\*\*|// (?!---- static/js/))", body, re.M), name
        # the standalone file inlines the wheel's minified embed bundle (no parser to strip the modules here)
        standalone = _get(base + "/api/export/standalone?preset=mazur")[1].decode()
        embed = next(n for n in os.listdir(packaged) if n.startswith("embed.") and n.endswith(".js"))
        assert (Path(packaged) / embed).read_text(encoding="utf-8").strip() in standalone
        status, body = _get(base + "/api/presets/mazur")
        assert status == 200 and b"sigmoid" in body
        for module in ("app", "backprop_lens"):
            assert str(ROOT) not in seen[module] and seen[module].startswith(str(site)), seen[module]
        assert seen["html"] is True and seen["loss"] == 0.2983711087600027
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in out  # the command prints the URL it serves
