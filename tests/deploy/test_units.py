"""The recipe's files agree with the server: the systemd unit starts the command with options it takes
and the prefix nginx strips, nginx's body limit is not above the server's, and nginx holds every body it lets
through in memory."""

from __future__ import annotations

import re
import shlex

import pytest

import app.cli as cli
from app.config import Settings
from tests.bench.serve import ROOT

UNIT = ROOT / "docs" / "deploy" / "backprop-lens@.service"
SITE = ROOT / "docs" / "deploy" / "backprop-lens.nginx"


def unit_field(name: str) -> list[str]:
    return re.findall(rf"^{name}=(.*)$", UNIT.read_text(encoding="utf-8"), flags=re.M)


def test_the_unit_starts_a_replica_under_the_prefix_nginx_strips(monkeypatch: pytest.MonkeyPatch) -> None:
    [start] = unit_field("ExecStart")
    program, *options = shlex.split(start.replace("%i", "8001"))
    assert program.endswith("/bin/backprop-lens")
    for assignment in unit_field("Environment"):
        key, value = assignment.split("=", 1)
        monkeypatch.setenv(key, value)
    started = {}

    class Recorder:
        def __init__(self, config, sockets) -> None:  # type: ignore[no-untyped-def]
            started.update(root_path=config.root_path, port=config.port, workers=config.workers,
                           proxies=config.forwarded_allow_ips if config.proxy_headers else None)
            for s in sockets:
                s.close()

        def run(self) -> None:
            pass

    monkeypatch.setattr(cli, "Multiprocess", Recorder)
    monkeypatch.setattr(cli, "_TcpConfig", type("Unbound", (cli._TcpConfig,), {"bind_socket": lambda self: __import__("socket").socket()}))
    cli.main(options)
    prefix = re.search(r"location (/[\w-]+)/ \{", SITE.read_text(encoding="utf-8"))
    # and believes nginx on this machine about the client's address (X-Forwarded-For), for each student's share
    assert prefix and started == {"root_path": prefix.group(1), "port": 8001, "workers": 2, "proxies": "127.0.0.1"}


def site_bytes(directive: str) -> int | None:
    """A size the site sets, in bytes (nginx's k and m are 1024 and 1024²); None when it sets none."""
    found = re.search(rf"^\s*{directive} (\d+)([kKmM]?);", SITE.read_text(encoding="utf-8"), flags=re.M)
    return int(found.group(1)) * {"": 1, "k": 1024, "m": 1024 * 1024}[found.group(2).lower()] if found else None


def test_nginx_refuses_bodies_the_server_would_refuse_before_they_reach_it() -> None:
    limit = site_bytes("client_max_body_size")
    assert limit, "the site sets no body limit"
    assert limit <= Settings().max_body_bytes


def test_nginx_holds_every_body_it_lets_through_in_memory() -> None:
    # was: the default 16 kB buffer; a larger body went to a temporary file and reached the replica about 40 ms later
    # (the length of a delayed ACK; tests/bench/bench_proxy.py prints the times)
    buffer = site_bytes("client_body_buffer_size")
    assert buffer, "the site leaves the body buffer at nginx's 16 kB"
    assert buffer >= (site_bytes("client_max_body_size") or 0)
