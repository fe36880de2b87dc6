"""Admission to the compute routes: at most `running` requests compute at once, at most `queued`
wait for a turn, and the next one is refused at once with 503 and Retry-After.

Cheap routes (/healthz, the pages, the static files, the docs) never pass through here, so they
answer while every slot computes. Compute runs in threads: bounding it also keeps the thread pool
free for the little file I/O that the static files need.
"""

from __future__ import annotations

import asyncio
import os
from collections import deque
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


class ComputeLimiter:
    """A counting semaphore with a bounded, first-come first-served queue. Waiters are futures of
    the loop that awaits them (none is made before it is needed), so the limiter is not tied to the
    loop that was running when the app was built."""

    def __init__(self, running: int, queued: int) -> None:
        if running < 1 or queued < 0:
            raise ValueError("running must be at least 1 and queued at least 0")
        self.running, self.queued = running, queued
        self.active = 0
        self._waiters: deque[asyncio.Future[None]] = deque()

    @property
    def waiting(self) -> int:
        return len(self._waiters)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        await self._acquire()
        try:
            yield
        finally:
            self._release()

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
