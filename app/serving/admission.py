"""Admission to the heavy compute: at most `running` requests compute at once, at most `queued`
wait for a turn, and the next one is refused at once with 503 and Retry-After. One client (one
address) has at most `per_client` requests computing or waiting (by default the slots and half the
queue); its next is refused with 429 and Retry-After, so one client's many heavy requests cannot
take every place: others always find room in the queue.

Cheap routes (/healthz, the pages, the static files, the docs, the catalogue, presets) and requests
priced as light (app/serving/routing.py) never pass through here, so they answer while every slot
computes. Compute runs in threads: bounding it also keeps the thread pool free for the little file
I/O that the static files need.
"""

from __future__ import annotations

import asyncio
import os
from collections import Counter, deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import HTTPException

RETRY_AFTER_SECONDS = 1


def machine_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Busy(HTTPException):
    """503: every slot computes and the queue is full; come back after Retry-After seconds."""

    def __init__(self, running: int, queued: int) -> None:
        msg = (f"the server is busy: {running} requests are computing and {queued} are waiting; "
               f"try again in {RETRY_AFTER_SECONDS} s")
        super().__init__(503, [{"loc": [], "msg": msg, "type": "busy"}],
                         headers={"retry-after": str(RETRY_AFTER_SECONDS)})


class TooMany(HTTPException):
    """429: this client already has its share of the heavy slots computing or waiting."""

    def __init__(self, per_client: int) -> None:
        msg = (f"you already have {per_client} heavy requests computing or waiting, your share of this server; "
               f"wait for an answer, then try again in {RETRY_AFTER_SECONDS} s")
        super().__init__(429, [{"loc": [], "msg": msg, "type": "too_many"}],
                         headers={"retry-after": str(RETRY_AFTER_SECONDS)})


class ComputeLimiter:
    """A counting semaphore with a bounded, first-come first-served queue. Waiters are futures of
    the loop that awaits them (none is made before it is needed), so the limiter is not tied to the
    loop that was running when the app was built."""

    def __init__(self, running: int, queued: int, per_client: int | None = None) -> None:
        if running < 1 or queued < 0:
            raise ValueError("running must be at least 1 and queued at least 0")
        self.running, self.queued = running, queued
        # By default a client may fill every slot and half the queue: the other half always stays for others. A class
        # behind one address (NAT, or six browsers on one machine) opening the page at once stays within it.
        self.per_client = per_client or running + max(1, queued // 2)
        self.active = 0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._clients: Counter[str] = Counter()  # requests computing or waiting, per client

    @property
    def waiting(self) -> int:
        return len(self._waiters)

    @asynccontextmanager
    async def slot(self, client: str = "") -> AsyncIterator[None]:
        if self._clients[client] >= self.per_client:
            raise TooMany(self.per_client)
        self._clients[client] += 1
        try:
            await self._acquire()
            try:
                yield
            finally:
                self._release()
        finally:
            self._clients[client] -= 1
            if not self._clients[client]:
                del self._clients[client]

    async def _acquire(self) -> None:
        if self.active < self.running and not self._waiters:
            self.active += 1
            return
        if len(self._waiters) >= self.queued:
            raise Busy(self.running, self.queued)
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(turn)
        try:
            await turn  # _release hands its slot over: `active` already counts this request
        except BaseException:
            if turn.done() and not turn.cancelled():
                self._release()  # the slot came as the wait was cancelled: pass it on
            elif turn in self._waiters:
                self._waiters.remove(turn)
            raise

    def _release(self) -> None:
        while self._waiters:
            turn = self._waiters.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self.active -= 1
