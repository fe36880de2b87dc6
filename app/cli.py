"""The `backprop-lens` command: serve the app with uvicorn."""

from __future__ import annotations

import argparse
import os
import re
import socket
import threading
import webbrowser
from collections.abc import Callable

import uvicorn
from uvicorn.supervisors import Multiprocess

from app.timeouts import TimedH11Protocol

APP = "app.main:app"


class _TcpConfig(uvicorn.Config):
    """uvicorn's config with a listening socket whose protocol is TCP by name.

    With several workers uvicorn rebuilds the socket it hands to the workers with protocol 0, and
    asyncio then skips TCP_NODELAY on accepted connections (uvicorn issue #3149): a request sent
    right after another on a keep-alive connection waits ~40 ms for Nagle's algorithm.
    """

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto != socket.IPPROTO_TCP:
            sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        return sock


def open_in_browser(url: str, opener: Callable[[str], bool] = webbrowser.open) -> bool:
    """Open `url` in a browser; when none can be opened, say so and print the URL to open by hand."""
    try:
        opened = bool(opener(url))
    except (webbrowser.Error, OSError):
        opened = False
    if not opened:
        print(f"Could not open a browser on this machine; open {url} in one yourself.", flush=True)
    return opened


ROOT_PATH_ENV = "BACKPROP_LENS_ROOT_PATH"
PROXIES_ENV = "BACKPROP_LENS_FORWARDED_ALLOW_IPS"


def proxy_options(trusted: str) -> dict[str, object]:
    """uvicorn's options for the proxies whose X-Forwarded-For and X-Forwarded-Proto to believe: with none
    named (the default), no header is read and a client is its connection's address, whatever it claims;
    with a proxy's address, a request from it is the client that the proxy names (its last untrusted entry)."""
    trusted = ",".join(part.strip() for part in trusted.split(",") if part.strip())
    return {"proxy_headers": True, "forwarded_allow_ips": trusted} if trusted else {"proxy_headers": False}


def root_path(text: str) -> str:
    """A proxy's path prefix as the app's root path: '' or '/a/b' (a trailing slash dropped)."""
    text = text.strip().rstrip("/")
    if text and not re.fullmatch(r"(/[A-Za-z0-9._~-]+)+", text):
        raise argparse.ArgumentTypeError(
            f"the root path (--root-path or ${ROOT_PATH_ENV}) must look like /some/prefix (letters, digits, '.', '_', '~', '-'), not {text!r}")
    return text


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="backprop-lens", description="Serve Backprop Lens.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--open", action="store_true", help="open the page in a browser")
    parser.add_argument("--root-path", type=root_path, default=os.environ.get(ROOT_PATH_ENV, ""),
                        help=f"the path prefix a proxy serves the app under and strips, e.g. /lens (default ${ROOT_PATH_ENV} or none)")
    parser.add_argument("--forwarded-allow-ips", default=os.environ.get(PROXIES_ENV, ""), metavar="ADDRESSES",
                        help="the proxies to believe about the client's address (X-Forwarded-For), comma-separated addresses or "
                        f"networks, e.g. 127.0.0.1 for nginx on this machine (default ${PROXIES_ENV} or none: the header is ignored)")
    args = parser.parse_args(argv)  # argparse reads the environment's default through root_path() too
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    url = f"http://{shown}:{args.port}/"
    print(f"Backprop Lens at {url}  (API docs at {url}docs)", flush=True)
    if args.root_path:
        print(f"Its pages and links are under {args.root_path}/: serve it behind a proxy that strips that prefix.", flush=True)
    if args.open:
        threading.Timer(1.0, open_in_browser, args=(url,)).start()
    if args.workers <= 1:
        uvicorn.run(APP, host=args.host, port=args.port, log_level="warning", http=TimedH11Protocol, root_path=args.root_path,
                    **proxy_options(args.forwarded_allow_ips))  # type: ignore[arg-type]
        return
    config = _TcpConfig(APP, host=args.host, port=args.port, workers=args.workers, log_level="warning", http=TimedH11Protocol,
                        root_path=args.root_path, **proxy_options(args.forwarded_allow_ips))  # type: ignore[arg-type]
    try:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
