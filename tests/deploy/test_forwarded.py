"""Who the client is, for the per-client share of the heavy slots (app/serving/admission.py): behind nginx, the
address nginx appends to X-Forwarded-For (the replicas are told to believe 127.0.0.1, nginx's address:
--forwarded-allow-ips), so two students each get their own share and one cannot borrow another's by
sending the header itself; a server not told to believe a proxy reads no header, so a client that names
another address in it is still itself, even from the machine's own address.

Each server computes one request at a time and lets a client have one computing or waiting (the cache of
answers off). A long training holds client A's share; A's short probes are refused (429) once it computes,
which is the condition every test waits on (no sleep)."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable

import orjson
import pytest

from tests.bench.serve import PREFIX, deployment, serve

ENV = {"BACKPROP_LENS_COMPUTE_SLOTS": "1", "BACKPROP_LENS_COMPUTE_QUEUE": "4", "BACKPROP_LENS_COMPUTE_PER_CLIENT": "1",
       "BACKPROP_LENS_ANSWER_CACHE_BYTES": "0", "BACKPROP_LENS_MAX_WORK": "100000000000"}
A, B = "127.9.0.1", "127.9.0.2"  # two students' machines (Linux answers all of 127/8)


class Site:
    def __init__(self, base: str) -> None:
        rest = base.split("//", 1)[1]
        host_port, _, path = rest.partition("/")
        self.host, self.port, self.root = host_port.split(":")[0], int(host_port.split(":")[1]), "/" + path if path else ""
        iris = self.get("/api/presets/iris")
        self.long = orjson.dumps({**iris, "steps": 10_000, "record_every": 100})
        self.probe = orjson.dumps({**iris, "steps": 100})

    def get(self, path: str) -> dict:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=300)
        conn.request("GET", self.root + path)
        return orjson.loads(conn.getresponse().read())

    def train(self, source: str, body: bytes, forwarded: str | None = None) -> int:
        """POST /api/train from the address `source`, with an X-Forwarded-For header of its own when given; the status."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=300, source_address=(source, 0))
        headers = {"content-type": "application/json", **({"x-forwarded-for": forwarded} if forwarded else {})}
        conn.request("POST", self.root + "/api/train", body=body, headers=headers)
        status = conn.getresponse().status
        conn.close()
        return status


def while_computing(site: Site, source: str, then: Callable[[], list[int]]) -> list[int]:
    """Start a long training from `source`; probe from there until a 429 says it holds that client's share;
    the statuses of `then`."""
    while True:
        done: list[int] = []
        runner = threading.Thread(target=lambda out=done: out.append(site.train(source, site.long)))
        runner.start()
        while not done and site.train(source, site.probe) != 429:
            pass  # a probe that came first computed (200), or came while nothing held the share
        if done:  # a probe held the share when the long one came (429), or the machine was very slow: again
            runner.join()
            continue
        statuses = then()
        runner.join()
        assert done == [200], "the long training was answered"
        return statuses


@pytest.fixture(scope="module")
def proxied() -> Site:
    # one replica (both of the recipe's upstream lines name it), so every request meets the same share counts
    with deployment(replicas=1, env=ENV) as site:
        assert site.base.endswith(PREFIX)
        yield Site(site.base)


def test_through_nginx_two_students_each_get_their_own_share(proxied: Site) -> None:
    a_again, b = while_computing(proxied, A, lambda: [proxied.train(A, proxied.probe), proxied.train(B, proxied.probe)])
    assert a_again == 429  # A's share is taken
    assert b == 200  # B's is its own: it waited for the one slot and computed


def test_through_nginx_a_student_cannot_borrow_anothers_share_with_the_header(proxied: Site) -> None:
    # A names B in the header; nginx appends A's own address, and the replica takes the last one it does not trust
    (claimed,) = while_computing(proxied, A, lambda: [proxied.train(A, proxied.probe, B)])
    assert claimed == 429


def test_a_server_not_told_to_trust_a_proxy_ignores_the_header_even_from_its_own_machine() -> None:
    with serve(env=ENV, options=("--workers", "1")) as server:
        site = Site(server.base)
        # a client on the server's machine (127.0.0.1, the address uvicorn believes by default) holds its share,
        # then names another address in the header; another machine computes meanwhile
        claimed, other = while_computing(site, "127.0.0.1", lambda: [site.train("127.0.0.1", site.probe, "10.0.0.9"),
                                                                       site.train(B, site.probe)])
    assert claimed == 429  # still 127.0.0.1, whose share is taken
    assert other == 200
