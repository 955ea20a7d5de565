"""Answers of ``/sparql`` queries kept until the store changes: the same query, asked again, costs no engine time.

Why: on a store read from disk (10M quads, over the in-memory copy's share of the budget), the comparability query
costs a worker ~9-14 ms of CPU, and a whole request through the server ~1.46x what ``oxigraph serve`` spends on it
(issue 15). The questions an endpoint is asked repeat (a page's query, a monitor, a dashboard, an officer asking
what PQF 5 compares to), and between two writes their answers cannot change. QLever keeps query results the same
way, and Amazon Neptune offers a results cache; Oxigraph keeps none.

What makes an answer reusable: the same query text, ``Accept`` header, dataset parameters and base IRI (the
endpoint's URL, which relative IRIs in the query resolve against), and no write since it was computed. The
service's limits (row cap, federation rules) are the same for every caller, so they are not part of the key. An
answer is kept with the store's write count (:attr:`~qualgraph.store.GraphStore.generation`) read *before* the
query was sent to a worker, and only while the cache is at that count: the first request that sees a later one
empties the cache, so an answer is never served after a write, even one made while it was being computed.

Never kept: a query whose text may fetch (``SERVICE``, ``LOAD``: another server's data may change), or calls a
function whose value differs between two runs (``NOW``, ``RAND``, ``UUID``, ``STRUUID``, ``BNODE``), found by the
same conservative reading of the text as :func:`~qualgraph.sparql.federation.may_fetch` (a false alarm only costs
a cache miss); errors; answers larger than an eighth of the cache. The cache is bounded in bytes (setting
``sparql_cache_bytes``, part of the server's share of ``memory_budget``); the least recently used answers go
first.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import replace

from ..sparql_text import unescape_codepoints
from .execution import QueryAnswer, QueryRequest
from .federation import may_fetch

DEFAULT_CACHE_BYTES = 32 * 1024 * 1024
"""The cache's default size: ~700 answers of the comparability query (47 KB each in SPARQL JSON)."""

HIT_TIMING = 'cache;desc="answer kept since the last write"'
"""``Server-Timing`` of an answer from the cache (W3C Server Timing): no worker ran the query."""

_VOLATILE_NAMES = ("now", "rand", "uuid", "bnode")
"""Functions whose value differs from one evaluation to the next (SPARQL 1.1 Query, section 17.4; ``STRUUID`` ends
in ``uuid``), looked for anywhere in the lower-cased text: inside strings, comments and longer words too
(``known``), which only costs a miss."""

_CALL_OPENS = re.compile(r"\s*(?:#[^\n]*\n\s*)*\(")
"""What makes a name a call: an opening bracket, after spaces and comments."""

Key = tuple[str, str | None, tuple[str, ...], tuple[str, ...], str | None]


def cacheable(text: str) -> bool:
    """Whether the answer to this query text depends on the store's content alone."""
    return not may_fetch(text) and not _calls_volatile(unescape_codepoints(text))


def _calls_volatile(text: str) -> bool:
    """Whether ``text`` may call NOW, RAND, UUID, STRUUID or BNODE: a name, then an opening bracket.

    Names are found with ``str.find`` and the bracket looked for after each: a regular expression doing both
    (``\\b(?:now|...)\\s*...\\(``) took 0.21 ms on the 6 KB comparability query, a quarter of what the server
    spends on a query it has not seen before; this takes 0.04 ms (``bench/probe_new_text.py``)."""
    text = text.lower()
    for name in _VOLATILE_NAMES:
        at = text.find(name)
        while at >= 0:
            if _CALL_OPENS.match(text, at + len(name)):
                return True
            at = text.find(name, at + 1)
    return False


class ResultCache:
    """Answers by request, each valid while the store's write count is the one it was computed at."""

    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.max_bytes = max(0, max_bytes)
        self.max_entry_bytes = self.max_bytes // 8
        self._entries: OrderedDict[Key, QueryAnswer] = OrderedDict()
        self._bytes = 0
        self._generation = 0
        """The store's write count the answers held were computed at: a later one empties the cache."""
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        """Counted for tests and monitoring."""

    @staticmethod
    def key(request: QueryRequest) -> Key:
        return (request.query, request.accept, request.default_graphs, request.named_graphs, request.base_iri)

    @property
    def size(self) -> int:
        """Bytes of answers held."""
        return self._bytes

    def get(self, request: QueryRequest, generation: int) -> QueryAnswer | None:
        """The kept answer to ``request`` if no write came since it was computed (the store is at ``generation``)."""
        if not self.max_bytes:
            return None
        key = self.key(request)
        with self._lock:
            self._catch_up(generation)
            answer = self._entries.get(key) if generation == self._generation else None
            if answer is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return answer

    def put(self, request: QueryRequest, generation: int, answer: QueryAnswer) -> None:
        """Keep ``answer``, computed from the store as it was at ``generation`` (read before the query was sent)."""
        size = len(answer.body) + len(request.query)
        if not self.max_bytes or size > self.max_entry_bytes or not cacheable(request.query):
            return
        key = self.key(request)
        with self._lock:
            self._catch_up(generation)
            if generation != self._generation:
                return  # computed before a write this cache has already seen: stale
            if key in self._entries:
                self._drop(key)
            self._entries[key] = replace(answer, timing=HIT_TIMING)
            self._bytes += size
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def _catch_up(self, generation: int) -> None:
        """Forget every answer once the store has moved past the write count they were computed at."""
        if generation > self._generation:
            self._entries.clear()
            self._bytes = 0
            self._generation = generation

    def _drop(self, key: Key) -> None:
        answer = self._entries.pop(key)
        self._bytes -= len(answer.body) + len(key[0])
