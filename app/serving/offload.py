"""Where a route computes: in the event loop when the work is small, in a worker thread otherwise.

A hop to a worker thread and back costs about as much as a whole small step (two thread wake-ups,
each a wait for a core on a busy machine), and a step of a teaching-sized network takes well under
a millisecond. Work above INLINE_WORK goes to the thread pool, so a large request never holds
the event loop (and /healthz) for long.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

T = TypeVar("T")

# Multiply-adds of one pass (weights × samples): 100 000 take about 1 ms with the trace around them.
INLINE_WORK = 100_000


async def run_sized(work: int, fn: Callable[..., T], *args: object) -> T:
    """fn(*args), in the event loop if `work` is at most INLINE_WORK, else in a worker thread."""
    if work <= INLINE_WORK:
        return fn(*args)
    return await run_in_threadpool(fn, *args)
