"""A bounded cache of finished answers, per worker: a class that steps Mazur together posts the same
bytes many times, and the engine is deterministic, so the second answer is the first one's bytes.

The key is the route and the request's exact body (kept whole, so two bodies never share an entry),
under the worker's settings, which do not change while it runs. Exact bytes name exactly one validated
request, so a hit is the answer that request gets; a body that differs only in spacing or key order is
a miss, computed and cached on its own. Only whole 200 answers of the priced compute routes are kept
(app/serving/routing.py), never an error. The memory is bounded: keys and answers together hold at most
`max_bytes` (the setting answer_cache_bytes), the least recently used going first, and an entry larger
than a sixteenth of that is never kept.
"""

from __future__ import annotations

from collections import OrderedDict

ENTRY_OVERHEAD = 200  # bytes of Python objects around one entry's key and answer (tuple, bytes headers, dict slot)


class AnswerCache:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0  # bytes held, overhead included
        self.hits = self.misses = 0
        self._entries: OrderedDict[tuple[str, bytes], bytes] = OrderedDict()

    @staticmethod
    def _cost(key: tuple[str, bytes], answer: bytes) -> int:
        return len(key[0]) + len(key[1]) + len(answer) + ENTRY_OVERHEAD

    def get(self, route: str, body: bytes) -> bytes | None:
        answer = self._entries.get((route, body))
        if answer is None:
            self.misses += 1
            return None
        self._entries.move_to_end((route, body))
        self.hits += 1
        return answer

    def put(self, route: str, body: bytes, answer: bytes) -> None:
        key = (route, body)
        cost = self._cost(key, answer)
        if cost * 16 > self.max_bytes or key in self._entries:
            return
        while self.size + cost > self.max_bytes:
            old_key, old_answer = self._entries.popitem(last=False)
            self.size -= self._cost(old_key, old_answer)
        self._entries[key] = answer
        self.size += cost

    def __len__(self) -> int:
        return len(self._entries)
