"""A non-editable `pip install .` into a fresh venv, started from another directory, serves the
page and every asset it links (the static files must be inside the wheel): the bundles built with
the package, with no JavaScript or CSS parser installed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.bench.serve import free_port, wait_until_serving

ROOT = Path(__file__).resolve().parents[2]
# The installed package alone: a checkout on PYTHONPATH (as the developers' shells have it) would be imported instead.
INSTALLED_ONLY = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, r.read()


@pytest.mark.slow
def test_a_non_editable_install_serves_the_page_and_its_assets(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = venv / "bin" / "pip"
    subprocess.run([str(pip), "install", "-q", str(ROOT)], check=True, timeout=900)
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
        python = str(venv / "bin" / "python")
        parsers = subprocess.run([python, "-c", "import importlib.util as u; print([m for m in ('tree_sitter', 'tree_sitter_javascript', "
                                  "'tinycss2') if u.find_spec(m)])"],
                                 capture_output=True, text=True, cwd=elsewhere, env=INSTALLED_ONLY, check=True).stdout
        assert parsers.strip() == "[]", parsers  # the server runs without them
        packaged = subprocess.run([python, "-c", "import app.assets as a; print(a.PREBUILT_DIR)"],
                                  capture_output=True, text=True, cwd=elsewhere, env=INSTALLED_ONLY, check=True).stdout.strip()
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
        installed = subprocess.run([str(venv / "bin" / "python"), "-c", "import app; print(app.__file__)"],
                                   capture_output=True, text=True, cwd=elsewhere, env=INSTALLED_ONLY, check=True).stdout
        assert str(ROOT) not in installed and "site-packages" in installed
        # the notebook module is in the wheel too, and finds the page's files there
        module = subprocess.run([str(venv / "bin" / "python"), "-c", "import backprop_lens as bl; print(bl.__file__); "
                                 "print('<iframe srcdoc=' in bl.html('mazur'), bl.step('mazur').loss)"],
                                capture_output=True, text=True, cwd=elsewhere, env=INSTALLED_ONLY, check=True).stdout
        assert "site-packages" in module and "True 0.2983711087600027" in module
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in out  # the command prints the URL it serves
