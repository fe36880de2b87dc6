"""The `backprop-lens` command serves the app, with one worker or several, and a long request
never blocks the others."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.bench.serve import free_port, wait_until_serving

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def serving(*args: str) -> Iterator[tuple[str, list[str]]]:
    """Run `backprop-lens` with `args` on a free port; yield its base URL and, after exit, its output."""
    port = free_port()
    output: list[str] = []
    server = subprocess.Popen([sys.executable, "-m", "app.cli", "--port", str(port), *args], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, server)
        yield base, output
    finally:
        server.terminate()
        output.append(server.communicate(timeout=15)[0])


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in map(int, (task / "children").read_text().split()):
            found |= {child} | _descendants(child)
    return found


def _sockets(pid: int) -> set[str]:
    links = set()
    for fd in Path(f"/proc/{pid}/fd").glob("*"):
        try:
            links.add(os.readlink(fd))
        except FileNotFoundError:  # closed while we looked
            pass
    return links


def _process_holding(pids: set[int], server_port: int, client_port: int) -> int:
    """The process whose socket is the server end of the connection from `client_port` (Linux /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, remote = (int(address.rsplit(":", 1)[1], 16) for address in fields[1:3])
            if (local, remote) == (server_port, client_port):
                inodes.add(f"socket:[{fields[9]}]")
    holders = {pid for pid in pids if inodes & _sockets(pid)}
    assert len(holders) == 1, f"connection from port {client_port} held by {holders}"
    return holders.pop()


@pytest.mark.slow  # two workers start, and answer from many threads
def test_several_workers_serve_the_same_stateless_answers() -> None:
    # Each request on a connection of its own, and the kernel says which worker process accepted it.
    with serving("--workers", "2") as (base, output):
        port = int(base.rsplit(":", 1)[1])
        server = _descendants(os.getpid())
        mazur = httpx.get(base + "/api/presets/mazur").json()
        answers: dict[int, set[float]] = {}  # worker process → the losses it answered

        def ask(_: int) -> None:
            with httpx.Client(base_url=base, timeout=10) as client, client.stream("POST", "/api/step", json=mazur) as r:
                client_port = r.extensions["network_stream"].get_extra_info("client_addr")[1]
                holder = _process_holding(server, port, client_port)
                r.read()
                answers.setdefault(holder, set()).add(r.json()["loss"])

        with ThreadPoolExecutor(4) as pool:  # requests overlap, so a busy worker leaves the next to the other
            for _attempt in range(10):
                list(pool.map(ask, range(8)))
                if len(answers) == 2:
                    break
    assert len(answers) == 2, f"every request was answered by one process: {answers}"
    (loss,) = set.union(*answers.values())  # one answer, whichever process gave it
    assert loss == pytest.approx(0.298371109, abs=5e-10)  # Mazur's published total error
    assert f"{base}/" in output[0]  # the command prints the URL it serves


def _server_process(base: str) -> int:
    """The process serving `base`: the descendant started with its port. Not the newest descendant: under
    pytest-xdist a worker that ran browser tests first also has a server, Playwright and Chromium's processes."""
    port = base.rsplit(":", 1)[1]

    def cmdline(pid: int) -> str:
        try:
            return Path(f"/proc/{pid}/cmdline").read_text()
        except OSError:
            return ""

    (pid,) = [p for p in _descendants(os.getpid()) if f"--port\0{port}\0" in cmdline(p)]
    return pid


def _cpu_seconds(pid: int) -> float:
    utime, stime = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[11:13]
    return (int(utime) + int(stime)) / os.sysconf("SC_CLK_TCK")


@pytest.mark.slow  # a training of seconds, on purpose
def test_healthz_answers_while_a_long_training_runs() -> None:
    long_train = {"model": {"sizes": [1] * 9, "activations": ["tanh"] * 8, "loss": "mse"}, "inputs": [[0.5]],
                  "targets": [[0.1]], "steps": 2000, "record_every": 20, "snapshots": False}  # within the budget
    trained = threading.Event()
    with serving() as (base, _):
        server = _server_process(base)
        idle = _cpu_seconds(server)
        status: list[int] = []

        def train() -> None:
            status.append(httpx.post(base + "/api/train", json=long_train, timeout=60).status_code)
            trained.set()

        worker = threading.Thread(target=train)
        worker.start()
        # Wait until the server is computing the training: its CPU time grows by 0.1 s.
        while _cpu_seconds(server) < idle + 0.1 and not trained.is_set():
            trained.wait(0.01)
        busy = not trained.is_set()
        assert httpx.get(base + "/healthz", timeout=10).json() == {"status": "ok"}
        answered_during_training = not trained.is_set()
        worker.join()
    assert status == [200]
    assert busy, "the training ended before the server was seen computing it; make it longer"
    assert answered_during_training, "the health check waited for the training to finish"


def test_open_without_a_browser_says_so_and_prints_the_url(capsys) -> None:  # type: ignore[no-untyped-def]
    import webbrowser

    from app.cli import open_in_browser

    def refuses(url: str) -> bool:
        return False

    def missing(url: str) -> bool:
        raise webbrowser.Error("could not locate runnable browser")

    for opener in (refuses, missing):
        assert open_in_browser("http://127.0.0.1:8000/", opener) is False
        said = capsys.readouterr().out
        assert "Could not open a browser" in said and "http://127.0.0.1:8000/" in said
    assert open_in_browser("http://127.0.0.1:8000/", lambda url: True) is True
    assert capsys.readouterr().out == ""


def test_a_server_that_exits_before_answering_is_reported_at_once() -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait(timeout=10)
    with pytest.raises(RuntimeError, match="exited with 0"):
        wait_until_serving(f"http://127.0.0.1:{free_port()}", gone, timeout=60)
