"""The query worker process: opens the on-disk store read-only, answers queries sent over a pipe.

Started by :class:`qualgraph.sparql.pool.WorkerPool` as ``python -m qualgraph.sparql.worker`` (a clean
interpreter, not a fork of the server: pyoxigraph's store must not be forked, and multiprocessing's "spawn"
would re-import the server's ``__main__``). The two ends talk through socket pairs wrapped in
multiprocessing's ``Connection``, one per *lane*: a thread of the worker that answers one query at a time.

Seeing writes: a read-only store is a snapshot taken when it opens (measured: writes made afterwards stay
invisible until it is reopened; reopening takes 10-40 ms). Before each query a worker compares the store
directory's modification time and the size of its newest write-ahead log (``*.log``) with what they were
when it opened, and reopens the store when they changed. Every committed write appends to that log, so a
query sent after an update returns is answered from a snapshot that includes it, whoever made the write.
pyoxigraph 0.5 has no ``Store.secondary`` (a RocksDB secondary that catches up with the primary), hence
the reopening.
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Iterator

from ..graph_keys import graph_named
from ..sandbox import try_refuse_network
from .copy_changes import apply_changes
from .errors import SparqlError, StoreFailure
from .execution import QueryLimits, QueryRequest
from .federation import may_fetch
from .predicate_copy import PredicateCopies

# -- the worker process ---------------------------------------------------------------------------------
def store_signature(path: Path) -> tuple[int, str, int]:
    """What changes on disk whenever the store commits a write: directory mtime, newest WAL name and size."""
    directory = os.stat(path).st_mtime_ns
    logs = [entry for entry in os.scandir(path) if entry.name.endswith(".log") and entry.name[0].isdigit()]
    if not logs:
        return directory, "", 0
    newest = max(logs, key=lambda e: e.name)
    try:
        size = newest.stat().st_size
    except FileNotFoundError:  # rotated away between listing and stat: the next call sees the new one
        size = -1
    return directory, newest.name, size


def quads_at_least(path: Path) -> int:
    """A lower bound of the number of quads in the store at ``path``, from the size of its table files (0 when
    they cannot be read)."""
    try:
        table_bytes = sum(max(0, f.stat().st_size - TABLE_FILE_OVERHEAD) for f in path.glob("*.sst"))
    except OSError:
        return 0
    return table_bytes // DISK_BYTES_PER_QUAD_AT_MOST


class _TooBig(Exception):
    """The store holds more quads than an in-memory copy may."""


class _Superseded(Exception):
    """The store changed while a copy was being made: the copy would be stale before it is complete."""


REPLICA_QUIET_SECONDS = 1.0
"""A worker starts a new in-memory copy only once the store has not changed for this long. With a writer
replacing a small graph every 0.5 s, copying after every write kept all the workers copying (one copy thread
more per write, the older ones still running) and reads went from 3 ms to 250 ms median; meanwhile answers
come from the read-only snapshot of the disk, which is reopened at every write and so always current."""

DISK_BYTES_PER_QUAD_AT_MOST = 600
"""RocksDB's table files hold at most this many bytes per quad (measured on the generated stores: 206 at 100k,
209 at 1M, 385 at 10M quads), so their size divided by it is a lower bound of the number of quads."""

TABLE_FILE_OVERHEAD = 8192
"""Bytes of a table file that hold no quads (index, filter and properties blocks: 1-5 KB each on a store of 49
quads in 9 files), left out of the estimate so that a small store is never taken for a big one."""

SUPERSEDED_CHECK_QUADS = 4096
"""A copy looks this often (in quads) whether a newer write has made it useless, and then stops."""


class _Snapshot:
    """A read-only store that reopens itself when the store on disk has changed, and a copy of it in memory.

    Oxigraph's in-memory store answers the same queries 2-3x faster than RocksDB (bench/README.md), so when
    the store holds at most ``replica_max_quads`` quads one thread per worker copies the snapshot into memory,
    and queries are answered from the copy once it is complete. Until then, and again from the moment the
    store on disk changes until the next copy is complete, they are answered from the read-only snapshot: an
    answer never comes from a copy older than the last write. The copy after a write starts once writes have
    paused for :data:`REPLICA_QUIET_SECONDS`, and stops as soon as a newer write supersedes it, so a trickle of
    writes costs a reopen per write and no copying (``bench/bench_reads_during_writes.py``).

    With a journal (``generation`` given: the server tells the worker of each write it makes, with the graphs it
    changed, through :meth:`learn`), a write does not throw the copy away: the next query that must see it
    refreshes just those graphs in the copy from a snapshot opened after the write (:meth:`_catch_up`), so a
    write costs in proportion to the graphs it changed, and a change on disk that no write explains (RocksDB
    flushing or compacting) keeps the copy. For a small write the server sends the changed graphs' content too
    (:meth:`learn`), and the copy takes it without the store being reopened at all (:meth:`_catch_up_from_shipped`).
    Only a write that may have changed any graph (a SPARQL Update) or a worker too far behind the journal makes a
    new copy. The server holds the store's write lock, so every write
    goes through it and into the journal.
    """

    def __init__(self, path: Path, replica_max_quads: int = 0, generation: int | None = None) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self.path = path
        self.replica_max_quads = replica_max_quads
        self.store: Any = None
        self.replica: Any = None
        """The in-memory copy of ``store`` (None while it is being made, or when the store is too big)."""
        self.signature: tuple[int, str, int] = (0, "", 0)
        self.journal = generation is not None
        self.known = generation or 0
        """The last write the server has told of (its generation)."""
        self.store_generation = self.known
        """Every write up to this one is in ``store`` (it was opened after the server told of them)."""
        self.replica_generation = self.known
        """Every write up to this one is in ``replica``."""
        self._changes: dict[int, frozenset[str] | None] = {}
        """The graphs each write told of changed, by generation, until the copy has them."""
        self._unknown_through = -1
        """Writes up to this one are not all in the journal (the worker was too far behind): copy again."""
        self._shipped: dict[str, tuple[int, bool, bytes]] = {}
        """What the server sent of each graph a write changed: (as of this generation or later, exists, N-Quads)."""
        self._patching = threading.Lock()
        self.graphs_refreshed = 0
        """Graphs refreshed in the copy after writes (for tests and monitoring)."""
        self._lock = threading.Lock()
        self._reopening = threading.Lock()
        self._copy_wanted = threading.Condition(self._lock)
        self._wanted = False
        self._changed_at = float("-inf")
        self._copier: threading.Thread | None = None
        self.copies_started = 0
        self.copies_finished = 0
        self.copies_superseded = 0
        self.copies_running = 0
        self.most_copies_at_once = 0
        """Copies counted for tests and monitoring: never more than one runs at once."""
        self.reopen()

    def reopen(self) -> None:
        last: Exception | None = None
        for attempt in range(5):
            signature = store_signature(self.path)
            told = self.known  # read before opening: the writes told of so far have committed
            try:
                with self._lock:  # together, so a copy finishing now cannot become the replica of the new store
                    if not self.journal:
                        self.replica = None  # older than what is on disk now
                    self.store = None  # close the old snapshot before opening the new one
                store = self._ox.Store.read_only(str(self.path))
                with self._lock:
                    self.store = store
                    self.signature = signature
                    self.store_generation = told
                self.reopens += 1
                if self.replica is None:
                    self._want_copy(after_a_write=self.reopens > 1)
                return
            except (OSError, RuntimeError) as e:  # the primary was switching files ("Corruption ... No such
                last = e                               # file" while it compacts): try again
                time.sleep(0.02 * (attempt + 1))
        raise OSError(f"cannot open the store read-only at {self.path}: {last}")

    reopens = 0

    def learn(self, since: int, generation: int, changes: list[frozenset[str] | None] | None,
              contents: dict[str, tuple[bool, bytes]] | None = None) -> None:
        """The server's word on the writes after ``since`` up to ``generation``: the graphs each changed (None:
        any), or ``changes`` None when its journal does not reach back to ``since``; and, for a small write, what
        those graphs hold now (whether each exists, its quads as N-Quads), read at ``generation`` or later."""
        with self._lock:
            if changes is None:
                self._unknown_through = max(self._unknown_through, generation)
            else:
                for number, graphs in enumerate(changes, start=since + 1):
                    self._changes.setdefault(number, graphs)
            for key, content in (contents or {}).items():
                if self._shipped.get(key, (-1,))[0] < generation:
                    self._shipped[key] = (generation, *content)
            self.known = max(self.known, generation)

    def shipped_since(self, after: int, through: int) -> dict[str, tuple[bool, set[Any]]] | None:
        """What each graph the writes after ``after`` up to ``through`` changed holds now, from what the server sent
        with the writes (:meth:`learn`): whether it exists and its quads, by graph key. None when some write's
        content was not sent (a big write, or one that may have changed any graph), or the journal does not reach
        back to ``after``."""
        with self._lock:
            if self._unknown_through > after:
                return None
            latest: dict[str, int] = {}
            for number in range(after + 1, through + 1):
                graphs = self._changes.get(number)
                if graphs is None:
                    return None
                for key in graphs:
                    latest[key] = number
            shipped = {key: self._shipped.get(key) for key in latest}
        if any(content is None or content[0] < latest[key] for key, content in shipped.items()):
            return None
        ox = self._ox
        return {key: (exists, {ox.Quad(q.subject, q.predicate, q.object, graph_named(key))
                               for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)} if nquads else set())
                for key, (_, exists, nquads) in shipped.items()}

    def _catch_up_from_shipped(self, required: int) -> Any:
        """The copy with every write up to ``required`` in it, from the graphs' content the server sent with the
        writes (:meth:`learn`): no reopening of the store. None when some write's content was not sent (a big
        write, or one that may have changed any graph)."""
        with self._patching:
            replica, generation = self._copy_held()
            if replica is None:
                return None
            if generation >= required:
                return replica
            shipped = self.shipped_since(generation, required)
            if shipped is None:
                return None
            self._replace_graphs(replica, shipped)
            with self._lock:
                if self.replica is replica:  # else a copy finished meanwhile, with its own generation
                    self.replica_generation = required
                    self._drop_journal_through(required)
            return replica  # it holds every write up to ``required`` either way

    def _replace_graphs(self, replica: Any, graphs: dict[str, tuple[bool, set[Any]]]) -> None:
        """Make each graph of the copy (by key) hold exactly its quads, and exist or not as it says: the quads in one
        transaction (:func:`~.copy_changes.apply_changes`), so a lane's query sees the writes whole or not at all."""
        added: set[Any] = set()
        removed: set[Any] = set()
        for key, (_, now) in graphs.items():
            before = set(replica.quads_for_pattern(None, None, None, graph_named(key)))
            added |= now - before
            removed |= before - now
        apply_changes(replica, added, removed)
        for key, (exists, _) in graphs.items():
            graph = graph_named(key)
            if not isinstance(graph, self._ox.DefaultGraph):
                if exists:
                    replica.add_graph(graph)
                elif replica.contains_named_graph(graph):
                    replica.remove_graph(graph)
        self.graphs_refreshed += len(graphs)

    def _catch_up(self, required: int) -> Any:
        """The copy with every write up to ``required`` in it, refreshing the graphs the writes since the copy
        changed from the snapshot (opened after them); None when it cannot be had that way (then the disk
        answers, and a new copy is made once writes pause)."""
        with self._patching:
            replica, generation = self._copy_held()
            if replica is None or generation >= required:
                return replica
            source, target = self._opened()
            graphs = self._graphs_changed(generation, target)
            if graphs is None or target < required:
                with self._lock:
                    if self.replica is replica:
                        self.replica = None
                self._want_copy(after_a_write=True)
                return None
            self._replace_graphs(replica, {key: self._in(source, key) for key in graphs})
            with self._lock:
                if self.replica is replica:  # else a copy finished meanwhile, with its own generation
                    self.replica_generation = target
                    self._drop_journal_through(target)
            return replica

    def _copy_held(self) -> tuple[Any, int]:
        """The in-memory copy and the last write it holds, read together (a copy finishing replaces both)."""
        with self._lock:
            return self.replica, self.replica_generation

    def _opened(self) -> tuple[Any, int]:
        """The snapshot and the last write it holds, read together: a lane reopening in between would otherwise pair
        the old snapshot with the new snapshot's generation, and a copy refreshed from it would claim writes it
        lacks. Waits for a reopen under way (the snapshot is None meanwhile)."""
        with self._lock:
            store, generation = self.store, self.store_generation
        if store is None:
            with self._reopening, self._lock:
                store, generation = self.store, self.store_generation
        return store, generation

    def forget_changes(self, through: int) -> None:
        """Forget which graphs the writes up to ``through`` changed, unless a copy of the whole store is (being)
        made that may need them: a worker reading the disk would otherwise keep an entry per write for ever."""
        with self._lock:
            if self.replica is not None or self.copies_running or self._wanted:
                return
            self._drop_journal_through(through)

    def _drop_journal_through(self, through: int) -> None:
        """Forget (holding ``_lock``) the graphs the writes up to ``through`` changed and the content sent of a graph as
        of such a write: what a copy holding those writes no longer needs (each graph's latest content stayed, for
        ever, before)."""
        for number in [n for n in self._changes if n <= through]:
            del self._changes[number]
        for key in [k for k, content in self._shipped.items() if content[0] <= through]:
            del self._shipped[key]

    def _graphs_changed(self, after: int, through: int) -> set[str] | None:
        """The graphs the writes after ``after`` up to ``through`` changed; None if one may have changed any."""
        with self._lock:
            if self._unknown_through > after:
                return None
            graphs: set[str] = set()
            for number in range(after + 1, through + 1):
                changed = self._changes.get(number)
                if changed is None:
                    return None
                graphs |= changed
            return graphs

    def _in(self, source: Any, key: str) -> tuple[bool, set[Any]]:
        """Whether a graph (by key) exists in ``source``, and its quads there."""
        graph = graph_named(key)
        exists = isinstance(graph, self._ox.DefaultGraph) or source.contains_named_graph(graph)
        return exists, set(source.quads_for_pattern(None, None, None, graph))

    def want_copy(self) -> None:
        """Copy the current snapshot into memory now (if the store is small enough): a spare put to work."""
        self._want_copy(after_a_write=False)

    def _want_copy(self, *, after_a_write: bool) -> None:
        """Ask this worker's copying thread (started on first use) for a copy of the current snapshot."""
        if self.replica_max_quads <= 0 or self.surely_too_big():
            return
        with self._lock:
            self._wanted = True
            self._changed_at = time.monotonic() if after_a_write else float("-inf")
            self._copy_wanted.notify()
            if self._copier is None:
                self._copier = threading.Thread(target=self._copy_when_quiet, name="qualgraph-replica", daemon=True)
                self._copier.start()

    def surely_too_big(self) -> bool:
        """Whether the store's table files alone prove it holds more quads than a copy may: then no copy is
        started, since it would be thrown away at the limit (at 10M quads, four workers copying 2M quads each
        and dropping them held ~5.9 GB and two cores for two minutes after start-up and after every write)."""
        return quads_at_least(self.path) > self.replica_max_quads

    def _copy_when_quiet(self) -> None:
        """The one copying thread: waits until no write came for :data:`REPLICA_QUIET_SECONDS`, then copies."""
        while True:
            with self._lock:
                while True:
                    if not self._wanted:
                        self._copy_wanted.wait()
                        continue
                    left = self._changed_at + REPLICA_QUIET_SECONDS - time.monotonic()
                    if left <= 0:
                        break
                    self._copy_wanted.wait(left)
                self._wanted = False
                source, signature, generation = self.store, self.signature, self.store_generation
            if source is not None and not self.changed():  # else the next query reopens and asks again
                self._copy_to_memory(source, signature, generation)

    def _copy_to_memory(self, source: Any, signature: tuple[int, str, int], copied_at: int) -> None:
        """Copy ``source`` (the snapshot holding every write up to ``copied_at``) into an in-memory store. It becomes
        the replica if nothing changed meanwhile or, with a journal, if the replica it replaces holds no later write:
        a lane may have brought the old copy further up to date while this one was made."""

        def quads() -> Iterator[Any]:
            # Quads carry their blank nodes' ids: the copy answers with the same labels as the disk.
            for count, quad in enumerate(source.quads_for_pattern(None, None, None, None), start=1):
                if count > self.replica_max_quads:
                    raise _TooBig()
                if count % SUPERSEDED_CHECK_QUADS == 0 and self._supersedes(source, copied_at):
                    raise _Superseded()
                yield quad

        with self._lock:
            self.copies_started += 1
            self.copies_running += 1
            self.most_copies_at_once = max(self.most_copies_at_once, self.copies_running)
        memory = self._ox.Store()
        try:
            memory.bulk_extend(quads())
        except _TooBig:
            return  # too big to keep in memory: stay on disk
        except _Superseded:
            self.copies_superseded += 1
            return
        except (OSError, RuntimeError):
            return  # the snapshot's files were compacted away: the next reopen copies again
        finally:
            with self._lock:
                self.copies_running -= 1
        with self._lock:
            if self.journal:
                if self._unknown_through <= copied_at and (self.replica is None
                                                           or self.replica_generation <= copied_at):
                    self.replica = memory  # the next query that must see a later write catches it up
                    self.replica_generation = copied_at
                    self.copies_finished += 1
            elif self.signature == signature and self.store is source:
                self.replica = memory
                self.copies_finished += 1

    def _supersedes(self, source: Any, copied_at: int) -> bool:
        """Whether a copy of ``source`` (the snapshot of ``copied_at``) has become useless: without a journal, as
        soon as the store changes; with one, only after a write that may have changed any graph."""
        if not self.journal:
            return self.store is not source or self.changed()
        if self._unknown_through > copied_at:
            return True
        return any(self._changes.get(n, frozenset()) is None for n in range(copied_at + 1, self.known + 1))

    def changed(self) -> bool:
        """Two stat calls in the usual case: the directory (files added or removed) and the newest log."""
        directory, wal, size = self.signature
        if os.stat(self.path).st_mtime_ns != directory:
            return True  # files were added or removed: a flush, a compaction, a new log
        if not wal:
            return False
        try:
            return os.stat(os.path.join(self.path, wal)).st_size != size
        except FileNotFoundError:
            return True

    def current(self) -> Any:
        """The store to answer from: the in-memory copy when it is complete and current, else the snapshot.

        Lanes call this at once: the first to see a change reopens, the others wait for it and then answer
        from the new snapshot (one reopen per change, not one per lane)."""
        required = self.known
        if self.journal and self.replica is not None:
            # the copy, current or brought up to date with what the server sent: the disk is not looked at (a
            # RocksDB flush or compaction changes its files without changing what it holds)
            caught_up = self._catch_up_from_shipped(required)
            if caught_up is not None:
                return caught_up
        if self.store_generation < required or self.changed():
            with self._reopening:
                if self.store_generation < required or self.changed():
                    self.reopen()
        replica, generation = self._copy_held()
        if replica is not None and self.journal and generation < required:
            replica = self._catch_up(required)
        return replica if replica is not None else self._opened()[0]


def worker_main(conns: list[Connection], store_path: Path, replica_max_quads: int = 0,
                generation: int | None = None, predicate_copy_max_quads: int = 0) -> None:
    """Serve queries from each of ``conns`` until it closes: the body of a worker process.

    One thread per connection (a *lane* of the pool), all reading the one snapshot and its in-memory copy:
    pyoxigraph releases the GIL while it evaluates and serialises (``bench/probe_gil.py``: two threads of one
    process answer 1.8x as many heavy queries as one), so a process with a lane per core answers as many
    queries as a process per core did, while the copy of the store is held once instead of once per process.
    """
    limits: QueryLimits = conns[0].recv()
    for conn in conns[1:]:
        conn.recv()  # every lane is sent the same limits
    if not limits.allow_service:
        # No route out, before the store (and RocksDB's threads) start: whatever SERVICE or LOAD spelling the
        # text check misses, Oxigraph cannot connect (qualgraph.sandbox). With an allow list the worker must
        # reach the allowed hosts, and the check is the guard.
        try_refuse_network(all_threads=True)
    snapshot = _Snapshot(store_path, replica_max_quads, generation)
    predicates = PredicateCopies(predicate_copy_max_quads)
    lanes = [threading.Thread(target=_serve_lane, args=(conn, snapshot, limits, predicates),
                              name=f"qualgraph-lane-{i}",
                              daemon=True) for i, conn in enumerate(conns)]
    for lane, conn in zip(lanes, conns):
        lane.start()
        conn.send(("ready", os.getpid()))
    for lane in lanes:
        lane.join()


def store_to_answer(request: QueryRequest, snapshot: _Snapshot, predicates: PredicateCopies) -> tuple[Any, str]:
    """The store a lane answers ``request`` from, and its name for ``Server-Timing``: the in-memory copy of the store
    ("memory"), else the copy of small predicates when it covers the query ("predicates"), else the snapshot of the
    disk ("disk"); each holding every write the server has told of.

    A query the copy of small predicates covers is answered without reopening the snapshot when the server sent
    the content of the graphs the writes changed: the copy takes them from that (at 10M, a reopen per write cost
    the first query after it 20-50 ms of the lane's time, more on two busy cores)."""
    written = snapshot.known if snapshot.journal else None  # before current(): what its store has
    plain = not (request.default_graphs or request.named_graphs)
    if plain and written is not None and snapshot.replica is None:
        copy = predicates.copy_with_shipped(request.query, written, snapshot._graphs_changed, snapshot.shipped_since)
        if copy is not None:
            _forget_what_no_copy_needs(snapshot, predicates, written)
            return copy, "predicates"
    store = snapshot.current()
    if store is snapshot.replica:
        return store, "memory"
    source = "disk"
    if plain:
        copy = predicates.store_for(request.query, store, written, snapshot._graphs_changed)
        if copy is not None:
            store, source = copy, "predicates"
        if written is not None:
            _forget_what_no_copy_needs(snapshot, predicates, written)
    return store, source


def _forget_what_no_copy_needs(snapshot: _Snapshot, predicates: PredicateCopies, written: int) -> None:
    needed = predicates.generation_needed()
    snapshot.forget_changes(written if needed is None else min(needed, written))


def _serve_lane(conn: Connection, snapshot: _Snapshot, limits: QueryLimits,
                predicates: PredicateCopies) -> None:
    """Answer the queries of one connection, one at a time, until the server closes it: from the in-memory copy
    of the store, else from the copy of small predicates when it covers the query (``predicates``, a
    :class:`~qualgraph.sparql.predicate_copy.PredicateCopies`), else from the disk."""
    from .execution import run_query

    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        if isinstance(request, tuple):
            if request[0] == "replica":  # a spare put to work: it may copy now
                snapshot.replica_max_quads = request[1]
                snapshot.want_copy()
            elif request[0] == "changes":  # writes made since this lane's last query, before its next one
                snapshot.learn(*request[1:])
            continue
        try:
            started = time.perf_counter()
            store, source = store_to_answer(request, snapshot, predicates)
            try:
                answer = run_query(store, request, limits)
            except (StoreFailure, RuntimeError, OSError):
                # A snapshot whose files the primary has compacted away (RocksDB reports "Corruption ...
                # No such file" as a RuntimeError or OSError): reopen once and retry. Never a query that
                # may have sent a SERVICE request already: it would go out twice.
                if may_fetch(request.query):
                    raise
                with snapshot._reopening:
                    snapshot.reopen()
                store = snapshot.current()
                source = "memory" if store is snapshot.replica else "disk"
                answer = run_query(store, request, limits)
            timing = f'query;dur={(time.perf_counter() - started) * 1000:.2f};desc="{source}"'
            # The header first, then the bytes unpickled: the server reads a big body off its event loop.
            conn.send(("ok", answer.media_type, answer.kind, answer.truncated_at, len(answer.body), timing))
            conn.send_bytes(answer.body)
        except SparqlError as e:
            conn.send(("error", e.code, str(e)))
        except (EOFError, OSError, BrokenPipeError):
            return  # the server closed this lane while it answered
        except Exception as e:  # noqa: BLE001 - the worker must answer whatever happens
            conn.send(("error", StoreFailure.code, f"the query failed: {type(e).__name__}: {e}"))


def _main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="qualgraph query worker (started by the web service)")
    parser.add_argument("--fd", type=int, action="append", required=True,
                        help="socket to the server, one per lane (repeat for more lanes)")
    parser.add_argument("--store", type=Path, required=True, help="store directory, opened read-only")
    parser.add_argument("--replica-max-quads", type=int, default=0,
                        help="answer from an in-memory copy of a store of at most this many quads (0: never)")
    parser.add_argument("--generation", type=int, default=None,
                        help="the server's write count when it started the worker: it tells of every later write")
    parser.add_argument("--predicate-copy-max-quads", type=int, default=0,
                        help="reading from disk, answer from a copy of small predicates of at most this many quads")
    args = parser.parse_args(argv)
    conns = [Connection(fd) for fd in args.fd]
    try:
        worker_main(conns, args.store, args.replica_max_quads, args.generation, args.predicate_copy_max_quads)
    finally:
        for conn in conns:
            conn.close()


if __name__ == "__main__":
    _main()
