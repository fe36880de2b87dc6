"""Time limits of a connection, in the HTTP protocol that uvicorn runs (h11): a request's headers and
body must arrive whole within `read_timeout` seconds of its first byte (a connection that sends
nothing is closed after as long), and an answer the client stops reading is dropped after
`send_timeout` seconds without progress, with its buffered bytes. Each closing is one log line.

uvicorn offers `timeout_keep_alive` (idle between requests), `limit_concurrency` and
`h11_max_incomplete_event_size` (the size of the headers), but no time limit on reading a request or
on a client that does not read its answer; this subclass of its h11 protocol adds the two timers.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import logging
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from app.config import Settings

log = logging.getLogger("backprop_lens")
READING = (h11.IDLE, h11.SEND_BODY)  # the client's states while its request is still arriving
# Set in a request's scope state when its body timed out, so that the app's own line about a client
# that left mid-body (app/serving/errors.py) is not written as well: one line per closed connection.
TIMED_OUT = "backprop_lens.timed_out"


def _malloc_trim() -> None:
    """Hand freed heap memory back to the system (glibc keeps it otherwise: a dropped answer of
    several MB would stay in the process's resident memory)."""
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


TRIM_AFTER_S = 1.0  # after a dropped answer, time for the app to let go of it before the heap is trimmed
_trim: asyncio.TimerHandle | None = None


def _trim_soon(loop: asyncio.AbstractEventLoop) -> None:
    global _trim
    if _trim is None or _trim.cancelled() or _trim.when() < loop.time():
        _trim = loop.call_later(TRIM_AFTER_S, _malloc_trim)


class TimedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a read deadline per request and a send timeout per stall."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settings = Settings()
        self.read_timeout, self.send_timeout = settings.read_timeout, settings.send_timeout
        self._read_timer: asyncio.TimerHandle | None = None
        self._send_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_read()

    def data_received(self, data: bytes) -> None:
        if self._read_timer is None and self.conn.their_state is h11.IDLE:
            self._arm_read()  # the first bytes of a new request
        super().data_received(data)
        if self.conn.their_state not in READING:
            self._cancel_read()  # the request is whole (or the connection is done)

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_read()
        self._cancel_send()
        super().connection_lost(exc)

    def pause_writing(self) -> None:
        super().pause_writing()
        if self._send_timer is None:
            self._send_timer = self.loop.call_later(self.send_timeout, self._too_slow, "did not read its answer")

    def resume_writing(self) -> None:
        super().resume_writing()
        self._cancel_send()

    def _arm_read(self) -> None:
        self._cancel_read()
        self._read_timer = self.loop.call_later(self.read_timeout, self._read_expired)

    def _read_expired(self) -> None:
        self._read_timer = None
        if self.conn.their_state in READING:
            if self.conn.their_state is h11.SEND_BODY and self.scope is not None:
                self.scope.get("state", {})[TIMED_OUT] = True
            self._too_slow("did not send a whole request")

    def _too_slow(self, what: str) -> None:
        seconds = self.send_timeout if what.startswith("did not read") else self.read_timeout
        peer = f"{self.client[0]}:{self.client[1]}" if self.client else "a client"
        log.warning("%s %s within %g s; connection closed", peer, what, seconds)
        self._send_timer = None
        if not self.transport.is_closing() or self.transport.get_write_buffer_size():
            self.transport.abort()  # drops the unsent answer
            _trim_soon(self.loop)

    def _cancel_read(self) -> None:
        if self._read_timer is not None:
            self._read_timer.cancel()
            self._read_timer = None

    def _cancel_send(self) -> None:
        if self._send_timer is not None:
            self._send_timer.cancel()
            self._send_timer = None
