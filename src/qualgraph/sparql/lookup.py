"""Answers read in the calling process: the limits the settings give, and lookups bounded by their rows.

Shared by the server (:class:`~qualgraph.sparql.service.EmbeddedSparqlService`) and the front processes
(:class:`~qualgraph.sparql.snapshot_lookups.SnapshotLookups`). Kept apart from :mod:`.service` so that a front
imports only what reading a lookup needs: not the store layer, and not rdflib (~0.1 s of its start-up).
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..input_limits import InputLimits
from .execution import DEFAULT_MAX_ROWS, QueryAnswer, QueryLimits, QueryRequest, run_query
from .inline import bounded_by_rows

if TYPE_CHECKING:
    import pyoxigraph as ox

    from ..config import Settings


def resolve_limits(settings: "Settings") -> tuple[float, QueryLimits, int]:
    """Timeout, limits and worker count from the settings; an object without some of these fields gets the
    defaults."""
    max_rows = getattr(settings, "max_rows", DEFAULT_MAX_ROWS)
    allow = getattr(settings, "allow_service", "") or ""
    if isinstance(allow, str):
        allow = tuple(p.strip() for p in allow.replace(",", " ").split() if p.strip())
    workers = getattr(settings, "query_workers", None)
    if workers is None:
        # Two per core: a worker sits idle while the server takes its answer and hands it the next query;
        # with one per core the 2-core bench machine answered 110 req/s, with two 175-207 (bench/README.md).
        workers = 2 * max(1, os.cpu_count() or 1)
    limits = QueryLimits(max_rows or None, tuple(allow), InputLimits.from_settings(settings))
    return float(settings.query_timeout), limits, int(workers)


def run_query_here(store: ox.Store, request: QueryRequest, limits: QueryLimits, deadline: float, *,
                   a_lookup: bool = False) -> QueryAnswer:
    """:func:`run_query` on a thread of its own: pyoxigraph's results must be dropped on the thread that made
    them, so the frames of a failure (which hold them) are cleared here before the error moves on."""
    try:
        return run_query(store, request, limits, deadline, a_lookup=a_lookup)
    except BaseException as e:
        import traceback

        seen: BaseException | None = e
        for _ in range(16):  # the error and the ones it was raised from ("from None" keeps them as context)
            if seen is None:
                break
            traceback.clear_frames(seen.__traceback__)
            seen = seen.__cause__ or seen.__context__
        raise


def inline_limits(limits: QueryLimits, inline_rows: int) -> QueryLimits:
    """``limits`` with the row cap of the rows a process reads itself (setting ``sparql_inline_rows``)."""
    cap = limits.max_rows
    return replace(limits, max_rows=min(cap, inline_rows) if cap else inline_rows)


class LongLookups:
    """The lookups found longer than the rows a process reads itself, as of one version of the store (the server's
    write count, a front's count of snapshots opened): asked again, they go to a worker at once instead of being
    read again.

    Why: a request the HTTP protocol could not answer at once goes the app's way, which asked the same question
    again: a lookup of more than ``sparql_inline_rows`` rows was read twice in the server, and twice in a front
    before the server read it twice more, each time up to the thousand rows that prove it too long."""

    def __init__(self, remembered: int = 256) -> None:
        self.remembered = remembered
        self._version: int | None = None
        self._requests: set[QueryRequest] = set()

    def known(self, request: QueryRequest, version: int) -> bool:
        return self._version == version and request in self._requests

    def add(self, request: QueryRequest, version: int) -> None:
        if self._version != version or len(self._requests) >= self.remembered:
            self._version, self._requests = version, set()
        self._requests.add(request)


def answer_lookup(engine: Any, request: QueryRequest, limits: QueryLimits, inline: QueryLimits, timeout: float,
                  where: str = "inline", long: LongLookups | None = None, version: int = 0) -> QueryAnswer | None:
    """The answer of a query bounded by its rows (:mod:`.inline`), read on ``engine`` in this thread under the
    ``inline`` limits; None when the query is not one, or has more rows than those limits read (a worker then
    answers it whole, up to the ``limits`` cap). ``where`` names the reader in ``Server-Timing``; ``long``
    remembers the lookups found too long as of ``version`` of the store, so that they are not read again."""
    if not bounded_by_rows(request.query):
        return None
    if long is not None and long.known(request, version):
        return None
    started = time.monotonic()
    answer = run_query_here(engine, request, inline, started + timeout, a_lookup=True)
    if answer.truncated_at is not None and inline.max_rows != limits.max_rows:
        if long is not None:
            long.add(request, version)
        return None  # longer than the rows read here: a worker answers it up to the real cap
    return QueryAnswer(answer.body, answer.media_type, answer.kind, answer.truncated_at,
                       f"{where};dur={(time.monotonic() - started) * 1000:.2f}")
