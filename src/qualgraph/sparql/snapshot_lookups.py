"""``/sparql`` lookups answered from a read-only snapshot of the on-disk store: the SPARQL side of a front process.

A front process (:mod:`qualgraph.web.front`) shares ``qualgraph serve``'s port and answers the lookups that the
server would answer itself (:mod:`.inline`), on a second core. It cannot hold the store open for writing (the
server does), so it reads a read-only snapshot, the one the query workers read (:class:`.worker._Snapshot`,
without an in-memory copy), and follows the server's writes the way they do: two ``stat`` calls before each
lookup tell whether the store changed on disk since the snapshot was opened.

What differs from a worker: the front answers on its event loop, so it never waits there for a reopen (10-60 ms).
When the store has changed, the reopen runs on a thread and, until it is done, :meth:`SnapshotLookups.answer_here`
returns None: the lookup goes to the server, which has every write. A lookup is never answered from a snapshot
older than a write that had returned before the lookup arrived.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import StoreFailure
from .execution import QueryAnswer, QueryRequest
from .lookup import LongLookups, answer_lookup, inline_limits, resolve_limits
from .worker import _Snapshot

if TYPE_CHECKING:
    from ..config import Settings

REOPEN_RETRY_SECONDS = 1.0
"""After a failed reopen (the server was compacting files away), how long lookups go to the server before the
next try."""


class SnapshotLookups:
    """The server's ``answer_here`` (:meth:`~qualgraph.sparql.SparqlService.answer_here`), from a read-only snapshot
    of the store at ``path`` that follows its writes (module docstring)."""

    def __init__(self, path: Path, settings: "Settings") -> None:
        self.timeout, self.limits, _ = resolve_limits(settings)
        self.inline_rows = int(settings.sparql_inline_rows)
        self._inline = inline_limits(self.limits, self.inline_rows)
        self._snapshot = _Snapshot(path)
        self._long = LongLookups()
        self._reopening: threading.Thread | None = None
        self._retry_at = 0.0
        self.reopens_started = 0
        """Reopens started after a change on disk (for tests and monitoring)."""

    def answer_here(self, request: QueryRequest) -> QueryAnswer | None:
        """The answer of a lookup, or None: not a lookup, more rows than this process reads, or the snapshot is
        being brought up to date (the server answers then)."""
        if not self.inline_rows:
            return None
        store = self._current()
        if store is None:
            return None
        try:
            return answer_lookup(store, request, self.limits, self._inline, self.timeout, where="front",
                                 long=self._long, version=self._snapshot.reopens)
        except StoreFailure:
            # a snapshot whose files the server has compacted away: read a new one; the server answers this one
            self._reopen_soon()
            return None

    answer_at_once = answer_here
    """What the service's :meth:`~qualgraph.sparql.SparqlService.answer_at_once` is in the server: here, a lookup
    only (the front keeps no answers)."""

    def _current(self) -> Any:
        """The snapshot, when it holds every write made so far; None while one is being opened."""
        if self._reopening is not None or time.monotonic() < self._retry_at:
            return None
        if self._snapshot.changed():
            self._reopen_soon()
            return None
        return self._snapshot.store

    def _reopen_soon(self) -> None:
        """Open a new snapshot on a thread (never on the event loop); lookups go to the server meanwhile."""
        if self._reopening is not None:
            return
        self.reopens_started += 1
        self._reopening = threading.Thread(target=self._reopen, name="qualgraph-front-reopen", daemon=True)
        self._reopening.start()

    def _reopen(self) -> None:
        try:
            self._snapshot.reopen()
        except OSError as e:
            self._retry_at = time.monotonic() + REOPEN_RETRY_SECONDS
            print(f"qualgraph front: {e}; lookups go to the server for {REOPEN_RETRY_SECONDS:.0f} s", file=sys.stderr)
        finally:
            self._reopening = None
