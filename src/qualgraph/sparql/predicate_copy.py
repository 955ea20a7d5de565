"""A query worker's copy in memory of the quads of a few small predicates, for the queries that read no others.

Why: a store too big to copy whole (10M quads) is read from disk, ~3x slower than from memory, but the queries
officers ask most (what does this level compare to, through which decisions) read a few thousand quads of it.
When :func:`~qualgraph.sparql.predicates_read.predicates_read` shows that a query reads only predicates this
copy holds in full, the copy answers it, with the answer the whole store would give (measured on the comparability
query at 10M: 7.6-12.7 ms from disk, 1.9-3.5 ms from the copy; bench/README.md).

How: the copy grows by what queries ask. A query it does not cover is answered from the disk, and the predicates
it reads are copied meanwhile, by one thread, each predicate whole or not at all: a predicate whose quads would
not fit the room left (``max_quads``, the setting ``query_predicate_copy_max_quads``) is counted (~1 us a quad,
at most the room plus one), remembered as too big, and not copied. A copy belongs to the read-only snapshot it was
made from: after a write the worker opens a new snapshot, and the copy is made again from it (its size is bounded,
so a write costs at most a copy of ``max_quads`` quads) while the disk answers. It is never used for a query
whose snapshot it was not made from, so it never misses a write.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import pyoxigraph as ox

from .predicates_read import PredicateKey, covered, predicates_read

KEYS_REMEMBERED = 1024
"""Query texts whose predicates are remembered (an application sends the same texts again and again); forgotten
all at once when full."""


@dataclass(frozen=True)
class PredicateCopy:
    """Every quad of ``keys`` in the snapshot ``source``, in an in-memory store. Never changed once made."""

    store: Any
    keys: frozenset[PredicateKey]
    source: Any
    quads: int


class PredicateCopies:
    """A worker's copy of small predicates, and the thread that makes it (started on first use)."""

    def __init__(self, max_quads: int) -> None:
        self.max_quads = max_quads
        self.copy: PredicateCopy | None = None
        self.too_big: set[PredicateKey] = set()
        """Predicates found too big for the room; never asked for again."""
        self.copies_made = 0
        self._keys_of: dict[str, frozenset[PredicateKey] | None] = {}
        self._lock = threading.Lock()
        self._asked = threading.Condition(self._lock)
        self._request: tuple[Any, frozenset[PredicateKey]] | None = None
        self._thread: threading.Thread | None = None
        self._count_query = files("qualgraph").joinpath("bundled", "queries", "predicate-extent.rq").read_text(
            encoding="utf-8")

    def store_for(self, text: str, source: Any) -> Any | None:
        """The copy to answer ``text`` from, when it covers the query and was made from ``source`` (the snapshot
        that would answer otherwise); else None, and a copy that would cover it is asked for."""
        if self.max_quads <= 0:
            return None
        keys = self._keys(text)
        if not keys or any(key in self.too_big for key in keys):
            return None
        copy = self.copy
        if copy is not None and copy.source is source and covered(keys, copy.keys):
            return copy.store
        self._ask(source, (copy.keys if copy is not None else frozenset()) | keys)
        return None

    def _keys(self, text: str) -> frozenset[PredicateKey] | None:
        if text in self._keys_of:
            return self._keys_of[text]
        keys = predicates_read(text)
        if len(self._keys_of) >= KEYS_REMEMBERED:
            self._keys_of.clear()
        self._keys_of[text] = keys
        return keys

    def _ask(self, source: Any, keys: frozenset[PredicateKey]) -> None:
        with self._lock:
            self._request = (source, keys)
            self._asked.notify()
            if self._thread is None:
                self._thread = threading.Thread(target=self._copy_when_asked, name="qualgraph-predicates",
                                                daemon=True)
                self._thread.start()

    def _copy_when_asked(self) -> None:
        while True:
            with self._lock:
                while self._request is None:
                    self._asked.wait()
                source, keys = self._request
                self._request = None
                current = self.copy
            if current is not None and current.source is source and keys <= current.keys:
                continue  # asked twice for what was made in between
            try:
                made = self.make(source, keys)
            except (OSError, RuntimeError):
                continue  # the snapshot's files were compacted away: the next query asks again
            with self._lock:
                self.copy = made
                self.copies_made += 1

    def make(self, source: Any, keys: frozenset[PredicateKey]) -> PredicateCopy:
        """Copy every quad of each of ``keys`` from ``source`` that fits, whole; the others are too big."""
        room = self.max_quads
        held: set[PredicateKey] = set()
        quads: list[Any] = []
        for key in sorted(keys, key=lambda k: (k[0], k[1] or "")):
            if key in self.too_big:
                continue
            predicate, kind = ox.NamedNode(key[0]), ox.NamedNode(key[1]) if key[1] else None
            count = self._count(source, predicate, kind, room + 1)
            if count > room:
                self.too_big.add(key)
                continue
            quads.extend(source.quads_for_pattern(None, predicate, kind, None))
            room -= count
            held.add(key)
        store = ox.Store()
        store.extend(quads)
        return PredicateCopy(store, frozenset(held), source, len(quads))

    def _count(self, source: Any, predicate: Any, kind: Any | None, limit: int) -> int:
        """Quads of ``predicate`` (of class ``kind``), counted up to ``limit``, without reading their terms."""
        text = (self._count_query.replace("#VALUES ?p", f"VALUES ?p {{ {predicate} }}")
                .replace("LIMIT 1", f"LIMIT {int(limit)}"))
        if kind is not None:
            text = text.replace("#VALUES ?class", f"VALUES ?class {{ {kind} }}")
        solution = next(iter(source.query(text)))
        return int(solution["quads"].value)
