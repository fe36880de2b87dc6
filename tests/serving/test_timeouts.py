"""A real server (the project's command, uvicorn with app/timeouts.py) against slow and vanishing
clients: headers or a body that never finish, an answer never read, a client that leaves mid-body.
Each is closed after its time limit with one line in the log, and the server keeps answering.
The limits are set to 1 s here; every wait is on a condition (a closed socket, a log line)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest

from tests.bench.serve import ROOT, free_port, wait_until_serving

LIMIT_S = 1.0
PATIENCE_S = 60.0  # how long a test waits for a condition before it fails: far above LIMIT_S, for a loaded machine


@dataclass
class Live:
    port: int
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for_log(self, needle: str, count: int = 1) -> str:
        deadline = time.monotonic() + PATIENCE_S
        while self.log_text().count(needle) < count:
            assert time.monotonic() < deadline, f"no {needle!r} in the log:\n{self.log_text()}"
            time.sleep(0.05)
        return self.log_text()

    def connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=PATIENCE_S)
        return sock


@pytest.fixture(scope="module")
def live() -> Iterator[Live]:
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="timeouts-server-", suffix=".log")[1])
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BACKPROP_LENS_READ_TIMEOUT": str(LIMIT_S),
           "BACKPROP_LENS_SEND_TIMEOUT": str(LIMIT_S)}
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-c", "import sys; from app.cli import main; main(sys.argv[1:])",
                                 "--port", str(port)], cwd=ROOT, env=env, stdout=out, stderr=out)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}", proc)
        yield Live(port, log)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.unlink(missing_ok=True)


def closed_by_server(sock: socket.socket) -> bytes:
    """Everything the server sent until it closed the connection (blocks until then, at most PATIENCE_S)."""
    got = b""
    try:
        while chunk := sock.recv(65536):
            got += chunk
    except ConnectionResetError:
        pass
    return got


def healthy(live: Live) -> None:
    with live.connect() as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        assert closed_by_server(sock).startswith(b"HTTP/1.1 200")


def test_headers_that_never_finish_are_closed_after_the_limit(live: Live) -> None:
    before = live.log_text().count("did not send a whole request")
    with live.connect() as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nhost: x\r\n")  # no blank line: the headers never end
        assert closed_by_server(sock) == b""
    live.wait_for_log("did not send a whole request", before + 1)
    healthy(live)


def test_a_connection_that_sends_nothing_is_closed_after_the_limit(live: Live) -> None:
    with live.connect() as sock:
        assert closed_by_server(sock) == b""
    healthy(live)


def test_a_body_that_never_finishes_is_closed_after_the_limit(live: Live) -> None:
    before = live.log_text().count("did not send a whole request")
    with live.connect() as sock:
        sock.sendall(b"POST /api/step HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"model\"")
        assert closed_by_server(sock) == b""
    log = live.wait_for_log("did not send a whole request", before + 1)
    assert "Traceback" not in log
    healthy(live)  # by now the app has seen the disconnect: it wrote no second line for it
    assert live.log_text().count("left before sending its whole body") == log.count("left before sending its whole body")


def test_an_answer_never_read_is_dropped_after_the_limit_with_one_log_line(live: Live) -> None:
    before = live.log_text().count("did not read its answer")
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connecting: a small window
    sock.settimeout(PATIENCE_S)
    sock.connect(("127.0.0.1", live.port))
    with sock:
        # a large answer (about 7 MB, more than the kernel's buffers hold): 300 samples traced through 64-64-64-64
        body = {"model": {"sizes": [64] * 4, "activations": ["tanh"] * 3, "loss": "mse"},
                "inputs": [[(i % 7) / 7] * 64 for i in range(300)], "targets": [[0.0] * 64] * 300, "samples": list(range(300))}
        raw = orjson.dumps(body)
        sock.sendall(b"POST /api/step HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                     b"content-length: %d\r\n\r\n%s" % (len(raw), raw))
        log = live.wait_for_log("did not read its answer", before + 1)  # nothing read until the server gave up
        got = closed_by_server(sock)
    head, _, rest = got.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
    assert len(rest) < length, "the whole answer arrived: the connection was not dropped"
    assert "Traceback" not in log
    healthy(live)


def test_a_client_that_leaves_mid_body_is_one_line_in_the_log(live: Live) -> None:
    before = live.log_text().count("left before sending its whole body")
    with live.connect() as sock:
        sock.sendall(b"POST /api/step HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"model\"")
        healthy(live)  # the server has read the headers by now (it answered another request since)
    log = live.wait_for_log("left before sending its whole body", before + 1)
    assert "Traceback" not in log
    healthy(live)
