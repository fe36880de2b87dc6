"""A real server for the benchmarks and the browser tests: uvicorn in a child process, its access log
kept so that a benchmark can count the requests that reached it; and the deployment recipe of
docs/deploy.md, two replicas behind Debian's nginx under /lens."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# docs/deploy.md's nginx site, run by `deployment` below
SITE = ROOT / "docs" / "deploy" / "backprop-lens.nginx"
PREFIX = "/lens"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_serving(base: str, process: subprocess.Popen, timeout: float = 300.0) -> None:
    """Poll `base`/healthz until it answers; RuntimeError when `process` exits first or `timeout` seconds pass.
    A checkout's worker bundles the page before it answers: on a machine at load 13, with the import, 10 s; at load 35, over 60 s."""
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


def listening_inode(port: int) -> int | None:
    """The inode of the socket listening on 127.0.0.1:`port` (Linux /proc/net/tcp), or None."""
    local = f"0100007F:{port:04X}"
    for row in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = row.split()
        if fields[1] == local and fields[3] == "0A":  # LISTEN
            return int(fields[9])
    return None


def accepting(pid: int, inode: int) -> bool:
    """Whether process `pid` waits for connections on the listening socket `inode`: its event loop's epoll
    watches that socket (Linux /proc/<pid>/fdinfo), which a uvicorn worker does once its app has started."""
    fds = Path(f"/proc/{pid}/fd")
    try:
        links = {int(fd.name): os.readlink(fd) for fd in fds.iterdir()}
        listening = [fd for fd, link in links.items() if link == f"socket:[{inode}]"]
        polls = [fd for fd, link in links.items() if link == "anon_inode:[eventpoll]"]
        watched = "".join(Path(f"/proc/{pid}/fdinfo/{fd}").read_text() for fd in polls)
    except OSError:  # the process or one of its files went away meanwhile
        return False
    return any(re.search(rf"^tfd:\s+{fd}\s", watched, re.MULTILINE) for fd in listening)


def wait_until_every_worker_accepts(pid: int, workers: int, port: int, timeout: float = 300.0) -> None:
    """Poll until `workers` processes of the server `pid` (itself or its children) accept connections on `port`."""
    deadline = time.monotonic() + timeout
    while True:
        inode = listening_inode(port)
        children = [int(stat.parent.name) for stat in Path("/proc").glob("[0-9]*/stat") if _parent(stat) == pid]
        if inode is not None and sum(accepting(p, inode) for p in [pid, *children]) >= workers:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"fewer than {workers} workers of the server accept connections on port {port} after {timeout:g} s")
        time.sleep(0.05)


def _parent(stat: Path) -> int:
    try:
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


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
        wait_until_every_worker_accepts(proc.pid, workers, port)
        yield Server(base, log, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # a machine too busy to stop it in time: no server left behind
            proc.kill()
            proc.wait()
        log.unlink(missing_ok=True)


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if found is None:  # the README's test command installs it
        raise RuntimeError("Debian's nginx is not installed (apt-get install -y nginx)")
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
    proxy_pid: int

    def logs(self) -> str:
        """The end of nginx's access log (with each request's replicas) and error log, to read after a failure."""
        folder = self.access_log.parent
        return "\n".join(f"--- {name}\n" + (folder / name).read_text(errors="replace")[-6000:]
                         for name in ("access.log", "error.log") if (folder / name).exists())

    def stop_replica(self, index: int, hard: bool = False) -> None:
        """Stop one replica as `systemctl stop` does (SIGTERM: it answers what it has begun and takes nothing
        new), or `hard`ly, as a machine that goes away (SIGKILL: an answer it was sending may be cut short,
        which no proxy can send again once it began passing it on)."""
        os.kill(self.replicas[index].pid, signal.SIGKILL if hard else signal.SIGTERM)


@contextmanager
def deployment(workers: int = 1, replicas: int = 2, env: dict[str, str] | None = None) -> Iterator[Deployment]:
    """Two replicas of this checkout (`--root-path /lens`, `workers` each, `env` their environment) behind nginx
    with the recipe's site file; with `replicas=1`, one replica named by both of the recipe's upstream lines."""
    with ExitStack() as stack:
        # nginx connects from 127.0.0.1: the replicas believe the client address it appends to X-Forwarded-For (docs/deploy.md)
        options = ("--root-path", PREFIX, "--forwarded-allow-ips", "127.0.0.1")
        running = [stack.enter_context(serve(workers=workers, options=options, env=env)) for _ in range(replicas)]
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nginx-")))
        port = free_port()
        user = "user root root;\n" if os.geteuid() == 0 else ""
        ports = [int(r.base.rsplit(":", 1)[1]) for r in running]
        site = site_config(port, (ports * 2)[:2], folder / "cache")
        (folder / "nginx.conf").write_text(
            f"{user}worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{ worker_connections 4096; }}\n"
            f"http {{\n include /etc/nginx/mime.types;\n"
            " log_format upstream '$request $status $request_time s <- $upstream_addr $upstream_status $upstream_response_time';\n"
            f" access_log {folder}/access.log upstream;\n client_body_temp_path {folder}/body;\n"
            f" proxy_temp_path {folder}/proxy;\n fastcgi_temp_path {folder}/fastcgi;\n uwsgi_temp_path {folder}/uwsgi;\n"
            f" scgi_temp_path {folder}/scgi;\n{site}\n}}\n", encoding="utf-8")
        command = [nginx_binary(), "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"]
        checked = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        proxy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        stack.callback(lambda: (proxy.terminate(), proxy.wait(timeout=20)))
        base = f"http://127.0.0.1:{port}{PREFIX}"
        wait_until_serving(base, proxy)
        yield Deployment(base, running, folder / "access.log", proxy.pid)
