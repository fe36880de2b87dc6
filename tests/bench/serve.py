"""A real server for the benchmarks and the browser tests: uvicorn in a child process, its access log
kept so that a benchmark can count the requests that reached it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_serving(base: str, process: subprocess.Popen, timeout: float = 20.0) -> None:
    """Poll `base`/healthz until it answers; RuntimeError when `process` exits first or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1):
                return
        except OSError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before {base}/healthz answered")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{base}/healthz did not answer within {timeout:g} s")
        time.sleep(0.05)


class Server:
    def __init__(self, base: str, log: Path, pid: int = 0) -> None:
        self.base, self.log, self.pid = base, log, pid

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the server process has used so far (Linux /proc); with one
        worker, that is all the serving. Steadier than wall time on a busy machine."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def access_lines(self) -> list[str]:
        """Every request the server answered so far, one access-log line each."""
        return [line for line in self.log.read_text(errors="replace").splitlines() if '" ' in line and "HTTP/" in line]


def cli_command(port: int, *options: str) -> list[str]:
    """The project's command (app/cli.py) run from this checkout, on `port`."""
    return [sys.executable, "-c", "import sys; from app.cli import main; main(sys.argv[1:])", "--port", str(port), *options]


def checkout_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a server from this checkout runs in: its code first on the import path."""
    return {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests' / 'bench'}", **(env or {})}


@contextmanager
def serve(workers: int = 1, access_log: bool = False, app: str = "app.main:app", env: dict[str, str] | None = None,
          options: tuple[str, ...] = ()) -> Iterator[Server]:
    """A server from this checkout on a free port; `options` are more of the command's options (e.g. --root-path)."""
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="bench-server-", suffix=".log")[1])
    if workers > 1 or options:
        # The project's command: with several workers it keeps TCP_NODELAY on the shared socket.
        assert app == "app.main:app" and not access_log
        args = cli_command(port, "--workers", str(workers), *options)
    else:
        args = [sys.executable, "-m", "uvicorn", app, "--port", str(port), "--log-level", "info" if access_log else "warning"]
        if not access_log:
            args.append("--no-access-log")
    with log.open("w") as out:
        proc = subprocess.Popen(args, cwd=ROOT, env=checkout_env(env), stdout=out, stderr=out)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_serving(base, proc)
        except RuntimeError as err:
            raise RuntimeError(f"the server did not start ({err}):\n" + log.read_text()) from None
        time.sleep(0.5 * workers)  # every worker up
        yield Server(base, log, proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.unlink(missing_ok=True)
