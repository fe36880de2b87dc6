"""The deployment tests drive Debian's Chromium like the browser tests (tests/browser/conftest.py) and
start the recipe of docs/deploy.md: replicas of this checkout behind Debian's nginx, under /lens."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.bench.serve import ROOT, Server, free_port, serve, wait_until_serving
from tests.browser.conftest import browser_type_launch_args  # noqa: F401  (the fixture, for this folder too)

SITE = ROOT / "docs" / "deploy" / "backprop-lens.nginx"
PREFIX = "/lens"


@pytest.fixture(scope="session")
def base_url() -> None:
    """No base URL: each test names the proxy's address (this stands in for pytest-playwright's deprecated fallback)."""
    return None


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if found is None:  # fail, never skip: the README's test command installs it
        pytest.fail("Debian's nginx is not installed (apt-get install -y nginx)")
    return found


def site_config(port: int, replicas: list[int], cache: Path) -> str:
    """docs/deploy/backprop-lens.nginx as shipped, with this run's listening port, replicas and cache folder."""
    text = SITE.read_text(encoding="utf-8")
    upstream = [line for line in text.splitlines() if line.strip().startswith("server 127.0.0.1:")]
    assert len(upstream) == 2, "the recipe lists two replicas"
    for line, replica in zip(upstream, replicas):
        text = text.replace(line, line.replace(line.split()[1], f"127.0.0.1:{replica}"))
    assert "    listen 80;" in text and "/var/cache/nginx/backprop-lens" in text
    return text.replace("    listen 80;", f"    listen 127.0.0.1:{port};").replace("/var/cache/nginx/backprop-lens", str(cache))


@dataclass
class Deployment:
    base: str  # the proxy's address with the prefix, e.g. http://127.0.0.1:8123/lens
    replicas: list[Server]
    access_log: Path

    def stop_replica(self, index: int) -> None:
        """Kill one replica at once, as a machine that goes away (no graceful end of its requests)."""
        os.kill(self.replicas[index].pid, signal.SIGKILL)


@contextmanager
def deployment(workers: int = 1) -> Iterator[Deployment]:
    """Two replicas of this checkout (`--root-path /lens`) behind nginx with the recipe's site file."""
    with ExitStack() as stack:
        replicas = [stack.enter_context(serve(workers=workers, options=("--root-path", PREFIX))) for _ in range(2)]
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nginx-")))
        port = free_port()
        user = "user root root;\n" if os.geteuid() == 0 else ""
        site = site_config(port, [int(r.base.rsplit(":", 1)[1]) for r in replicas], folder / "cache")
        (folder / "nginx.conf").write_text(
            f"{user}worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{ worker_connections 512; }}\n"
            f"http {{\n include /etc/nginx/mime.types;\n access_log {folder}/access.log;\n client_body_temp_path {folder}/body;\n"
            f" proxy_temp_path {folder}/proxy;\n fastcgi_temp_path {folder}/fastcgi;\n uwsgi_temp_path {folder}/uwsgi;\n"
            f" scgi_temp_path {folder}/scgi;\n{site}\n}}\n", encoding="utf-8")
        command = [nginx_binary(), "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"]
        checked = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        proxy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        stack.callback(lambda: (proxy.terminate(), proxy.wait(timeout=20)))
        base = f"http://127.0.0.1:{port}{PREFIX}"
        wait_until_serving(base, proxy)
        yield Deployment(base, replicas, folder / "access.log")
