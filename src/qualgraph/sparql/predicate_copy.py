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
made from, or, with the server's journal of writes (the graphs each write changed), to the last write it has: the
next query after a write refreshes just the changed graphs in the copy: from what the server sent of them with a
small write (no reopening of the store), else from a snapshot opened after the write. So a write costs in proportion
to what it changed, and a reopening that no write explains (RocksDB flushing or compacting) costs nothing. A write
that may have changed any graph (a SPARQL Update) makes the copy again, in the thread, while the disk answers. No
query is answered from a copy that misses a write told of.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import pyoxigraph as ox

from ..graph_keys import graph_named
from ..sparql_text import text_digest
from .copy_changes import apply_changes
from .predicates_read import PredicateKey, covered, predicates_read

KEYS_REMEMBERED = 1024
"""Query texts whose predicates are remembered (an application sends the same texts again and again), each by its
:func:`~qualgraph.sparql_text.text_digest`; forgotten all at once when full."""


GraphsChanged = Callable[[int, int], "set[str] | None"]
"""The journal's answer to "which graphs did the writes after A up to B change?" (None: any may have)."""

ShippedSince = Callable[[int, int], "dict[str, tuple[bool, set[Any]]] | None"]
"""What the server sent of the graphs the writes after A up to B changed: by graph key, whether the graph exists and
its quads (None: not sent for every one of them; :meth:`qualgraph.sparql.worker._Snapshot.shipped_since`)."""


@dataclass
class PredicateCopy:
    """Every quad of ``keys`` in an in-memory store, as of the snapshot ``source`` or, with a journal, of every
    write up to ``generation``."""

    store: Any
    keys: frozenset[PredicateKey]
    source: Any
    quads: int
    generation: int | None = None


class PredicateCopies:
    """A worker's copy of small predicates, and the thread that makes it (started on first use)."""

    def __init__(self, max_quads: int) -> None:
        self.max_quads = max_quads
        self.copy: PredicateCopy | None = None
        self.too_big: set[PredicateKey] = set()
        """Predicates found too big for the room; never asked for again."""
        self.copies_made = 0
        self._keys_of: dict[bytes, frozenset[PredicateKey] | None] = {}
        self._building: int | None = None
        """The write the copy being made holds (the journal must keep what came after it)."""
        self._lock = threading.Lock()
        self._asked = threading.Condition(self._lock)
        self._request: tuple[Any, int | None, frozenset[PredicateKey]] | None = None
        self._patching = threading.Lock()
        self.graphs_refreshed = 0
        """Graphs refreshed in the copy after writes (for tests and monitoring)."""
        self._thread: threading.Thread | None = None
        self._count_query = files("qualgraph").joinpath("bundled", "queries", "predicate-extent.rq").read_text(
            encoding="utf-8")

    def store_for(self, text: str, source: Any, written: int | None = None,
                  graphs_changed: GraphsChanged | None = None) -> Any | None:
        """The copy to answer ``text`` from, when it covers the query and holds what ``source`` (the snapshot that
        would answer otherwise) holds; else None, and a copy that would cover it is asked for.

        With a journal, ``written`` is the last write told of (``source`` has it and every earlier one), and
        ``graphs_changed`` says which graphs the writes changed: a copy behind ``written`` is brought up to it
        here, graph by graph, from ``source``. Without one, only a copy made from ``source`` itself answers."""
        if self.max_quads <= 0:
            return None
        keys = self._keys(text)
        if not keys or any(key in self.too_big for key in keys):
            return None
        copy = self.copy
        if copy is not None and covered(keys, copy.keys):
            if written is None:
                if copy.source is source:
                    return copy.store
            elif copy.generation is not None:
                try:
                    if copy.generation >= written or self._catch_up(copy, written, graphs_changed, source=source):
                        return copy.store
                except (OSError, RuntimeError):  # the snapshot's files were compacted away: the disk answers,
                    self.copy = None              # and the lane reopens it; the copy, half refreshed, is made again
        self._ask(source, written, (copy.keys if copy is not None else frozenset()) | keys)
        return None

    def copy_with_shipped(self, text: str, written: int, graphs_changed: GraphsChanged,
                          shipped_since: ShippedSince) -> Any | None:
        """The copy to answer ``text`` from without opening the store again: when it covers the query and holds
        every write up to ``written``, or can be brought up to it from what the server sent of the graphs the
        writes changed (``shipped_since``). None otherwise (nothing is asked for: :meth:`store_for` does that).

        Why: at 10M a worker reading the disk reopened its snapshot (20-50 ms, the lane held meanwhile) at the first
        query after each write, only to refresh a few quads in this copy; a comparability query after a write took
        70-370 ms instead of 12 (bench/README.md, issue 15)."""
        if self.max_quads <= 0:
            return None
        keys = self._keys(text)
        copy = self.copy
        if not keys or copy is None or copy.generation is None or not covered(keys, copy.keys):
            return None
        if copy.generation >= written:
            return copy.store

        try:
            return copy.store if self._catch_up(copy, written, graphs_changed, shipped_since=shipped_since) else None
        except (SyntaxError, ValueError):  # never expected: the server wrote the N-Quads; the disk answers then
            return None

    def _catch_up(self, copy: PredicateCopy, written: int, graphs_changed: GraphsChanged | None, *,
                  source: Any = None, shipped_since: ShippedSince | None = None) -> bool:
        """Bring ``copy`` up to the write ``written`` by refreshing the graphs the writes since it changed: from
        ``source``, a snapshot opened after the writes, or else from what the server sent of those graphs
        (``shipped_since``). False when a write may have changed any graph, its graph's content was not sent, or
        the copy would outgrow its room."""
        with self._patching:
            if copy.generation is None or copy is not self.copy:
                return False
            if copy.generation >= written:
                return True
            graphs = graphs_changed(copy.generation, written) if graphs_changed is not None else None
            if graphs is None:
                return False
            if source is not None:
                def now_of(key: str, graph: Any, predicate: Any, kind: Any) -> set[Any]:
                    return set(source.quads_for_pattern(None, predicate, kind, graph))
            else:
                sent = shipped_since(copy.generation, written) if shipped_since is not None else None
                if sent is None or not graphs <= sent.keys():
                    return False

                def now_of(key: str, graph: Any, predicate: Any, kind: Any) -> set[Any]:
                    return {q for q in sent[key][1] if q.predicate == predicate and (kind is None or q.object == kind)}
            added: set[Any] = set()
            removed: set[Any] = set()
            for key in sorted(graphs):
                graph = graph_named(key)
                for predicate, kind in copy.keys:
                    p, o = ox.NamedNode(predicate), ox.NamedNode(kind) if kind else None
                    before = set(copy.store.quads_for_pattern(None, p, o, graph))
                    now = now_of(key, graph, p, o)
                    added |= now - before
                    removed |= before - now
            if copy.quads + len(added) - len(removed) > self.max_quads:
                self.copy = None  # outgrown: made again, and what no longer fits is found too big
                return False
            apply_changes(copy.store, added, removed)  # one transaction: the lanes reading it see all or none
            copy.quads += len(added) - len(removed)
            self.graphs_refreshed += len(graphs)
            copy.generation = written
            if source is not None:
                copy.source = source
            return True

    def generation_needed(self) -> int | None:
        """The oldest write the copy (or the copy being made) must be brought up from: the journal's account of
        later writes must be kept for it. None when there is no copy to bring up."""
        with self._lock:
            pending = self._request[1] if self._request is not None else None
            building = self._building
        copy = self.copy
        held = copy.generation if copy is not None else None
        known = [g for g in (pending, building, held) if g is not None]
        return min(known) if known else None

    def _keys(self, text: str) -> frozenset[PredicateKey] | None:
        digest = text_digest(text)
        if digest in self._keys_of:
            return self._keys_of[digest]
        keys = predicates_read(text)
        if len(self._keys_of) >= KEYS_REMEMBERED:
            self._keys_of.clear()
        self._keys_of[digest] = keys
        return keys

    def _ask(self, source: Any, written: int | None, keys: frozenset[PredicateKey]) -> None:
        with self._lock:
            self._request = (source, written, keys)
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
                source, written, keys = self._request
                self._request = None
                self._building = written
                current = self.copy
            try:
                if current is not None and current.source is source and keys <= current.keys:
                    continue  # asked twice for what was made in between
                made = self.make(source, keys)
                made.generation = written
                with self._patching:
                    self.copy = made
                    self.copies_made += 1
            except Exception:  # noqa: BLE001 - the snapshot's files compacted away, or anything else: the disk
                continue       # answers meanwhile, and the next query asks again; this thread must go on
            finally:
                with self._lock:
                    self._building = None

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
