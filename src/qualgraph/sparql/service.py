"""The SPARQL service the app and the CLI hold, whatever the store: queries and updates with their limits.

:class:`EmbeddedSparqlService` runs queries on the embedded store in a warm pool of worker processes that
can be killed when a query runs past the timeout (:mod:`qualgraph.sparql.pool`); :class:`StoreSparqlService`
runs them on any other :class:`~qualgraph.store.GraphStore` (the remote store), forwarding them to its
endpoint. Specifications: SPARQL 1.1 Protocol https://www.w3.org/TR/sparql11-protocol/.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..sandbox import is_network_refusal, network_refused
from ..store.base import QuerySyntaxError
from .dataset import apply_update_dataset, check_iri, with_dataset as _with_dataset
from .errors import (
    FederationRefused,
    NotAcceptable,
    MalformedQuery,
    QueryTimeout,
    SparqlError,
    StoreFailure,
)
from .execution import (
    QueryAnswer,
    QueryLimits,
    QueryRequest,
    check_nesting,
    run_query,
    serialise_store_result as _serialise_rdflib,
)
from .federation import NO_ROUTE_MESSAGE, check_federation, may_fetch
from .inline import DEFAULT_INLINE_ROWS
from .lookup import LongLookups, answer_lookup, inline_limits, resolve_limits, run_query_here
from .result_cache import DEFAULT_CACHE_BYTES, ResultCache

if TYPE_CHECKING:
    from ..config import Settings
    from ..store import GraphStore

# -- the service the app holds --------------------------------------------------------------------------
class SparqlService(ABC):
    """Runs SPARQL for the web app and the CLI, whatever the store."""

    #: True when a query past the timeout is really stopped (worker processes, or the remote server's limit).
    stoppable: bool = False

    def __init__(self, *, timeout: float, limits: QueryLimits) -> None:
        self.timeout = timeout
        self.limits = limits

    @abstractmethod
    def query(self, request: QueryRequest) -> QueryAnswer:
        """Answer one query; errors are :class:`SparqlError` subclasses."""

    async def aquery(self, request: QueryRequest) -> QueryAnswer:
        """:meth:`query` for async callers (the web routes); by default in a thread."""
        import asyncio

        return await asyncio.to_thread(self.query, request)

    @abstractmethod
    def update(self, text: str, *, base_iri: str | None = None, using: Sequence[str] = (),
               using_named: Sequence[str] = ()) -> None:
        """Run a SPARQL Update atomically. Callers check the administrator's token first."""

    def answer_here(self, request: QueryRequest) -> QueryAnswer | None:
        """The answer, when this service can give it at once in the calling thread without risk of holding it
        (a lookup bounded by its rows); None: ask :meth:`aquery`. Errors are :class:`SparqlError` subclasses."""
        return None

    def answer_at_once(self, request: QueryRequest) -> QueryAnswer | None:
        """The answer when it can be given at once in the calling thread, without waiting for anything (a lookup
        :meth:`answer_here` reads, or an answer kept since the last write); None: ask :meth:`aquery`. Errors are
        :class:`SparqlError` subclasses. What the HTTP protocol answers by itself (``web/lookup_protocol.py``)."""
        return self.answer_here(request)

    def close(self) -> None:
        """Stop worker processes and connections (the store itself belongs to whoever opened it)."""


class EmbeddedSparqlService(SparqlService):
    """SPARQL on a store with an engine in this process (:attr:`GraphStore.native_results`: the embedded store).

    On disk (:attr:`GraphStore.local_path`), queries run in a warm pool of worker processes that open the store read-only; one that runs
    past the timeout is killed and replaced (:class:`~qualgraph.sparql.pool.WorkerPool`). Each worker
    answers from an in-memory copy of a store of up to ``replica_max_quads`` quads, current with every write; a
    bigger store is read from disk, but the queries that read only small predicates are answered from a copy of
    them of up to ``predicate_copy_max_quads`` quads (:mod:`.predicate_copy`). In memory (``EmbeddedStore(None)``, tests and tools) nothing can share the store with another process, so queries
    run in the calling thread and the timeout is only checked while results are written: a query that
    computes for long before its first result cannot be stopped there. Updates always run on the main store,
    one at a time; Oxigraph makes each one atomic, and the workers see it on their next query.
    """

    def __init__(self, store: "GraphStore", *, timeout: float, limits: QueryLimits, workers: int = 2,
                 replica_max_quads: int = 0, worker_max_memory: int | None = None,
                 client_max_queries: int | None = None, client_max_workers: int | None = None,
                 worker_processes: int = 1, wait_for_workers: bool = True,
                 inline_rows: int = DEFAULT_INLINE_ROWS, cache_bytes: int = DEFAULT_CACHE_BYTES,
                 predicate_copy_max_quads: int = 0) -> None:
        super().__init__(timeout=timeout, limits=limits)
        self.store = store
        self.results = ResultCache(cache_bytes)
        """Workers' answers kept until the next write (:mod:`.result_cache`); the store's writes all go through
        this process (it holds the store's lock), so its write count says when they went stale."""
        self.inline_rows = inline_rows
        """Rows of a query bounded by its rows that this process reads itself (:mod:`.inline`); 0: none."""
        self._inline_limits = inline_limits(limits, inline_rows)
        self._long_lookups = LongLookups()
        self._engine = _Engine(store)
        self.write_lock = threading.Lock()
        self._pool = None
        if store.local_path is not None and workers > 0:
            from .pool import WorkerPool

            self._pool = WorkerPool(store.local_path, size=workers, limits=limits, replica_max_quads=replica_max_quads,
                                    max_memory=worker_max_memory, client_max_queries=client_max_queries,
                                    client_max_workers=client_max_workers, processes=worker_processes,
                                    journal=store, predicate_copy_max_quads=predicate_copy_max_quads)
            self._pool.start(wait=wait_for_workers)
            self.stoppable = True
        self._no_network: Any = None
        """Without an allow list, SPARQL that runs in this process (updates; queries on an in-memory store)
        runs on threads that cannot open network sockets (:mod:`qualgraph.sandbox`); the workers, likewise."""
        if not limits.allow_service:
            from ..sandbox import no_network_executor

            threads = 1 if self._pool is not None else max(2, workers)
            self._no_network = no_network_executor(threads, "qualgraph-sparql-no-network")

    def query(self, request: QueryRequest) -> QueryAnswer:
        if self._pool is not None:
            generation, at_once = self._at_once(request)
            return at_once or self._keep(request, generation, self._pool.run(request, self.timeout))
        deadline = time.monotonic() + self.timeout
        if self._no_network is not None:
            return self._no_network.submit(run_query_here, _Engine(self.store), request, self.limits,
                                           deadline).result()
        return run_query(_Engine(self.store), request, self.limits, deadline=deadline)

    async def aquery(self, request: QueryRequest) -> QueryAnswer:
        if self._pool is not None:
            generation, at_once = self._at_once(request)
            return at_once or self._keep(request, generation, await self._pool.arun(request, self.timeout))
        return await super().aquery(request)

    def _at_once(self, request: QueryRequest) -> tuple[int, QueryAnswer | None]:
        """The store's write count now (read before any worker is asked), and the answer given without a worker:
        one kept since the last write (:mod:`.result_cache`), or a lookup read here (:meth:`answer_here`)."""
        generation = self.store.generation
        return generation, self.results.get(request, generation) or self.answer_here(request)

    def answer_at_once(self, request: QueryRequest) -> QueryAnswer | None:
        return self._at_once(request)[1]

    def _keep(self, request: QueryRequest, generation: int, answer: QueryAnswer) -> QueryAnswer:
        """A worker's answer, kept for the same request until the next write (:mod:`.result_cache`)."""
        self.results.put(request, generation, answer)
        return answer

    def answer_here(self, request: QueryRequest) -> QueryAnswer | None:
        """The answer of a query bounded by its rows (:mod:`.inline`), read in this thread; None when the query
        is not one, or has more than :attr:`inline_rows` rows (a worker answers it whole). A lookup costs
        ~0.25 ms of CPU here against ~1 ms through a worker; reading at most a thousand rows holds the event
        loop for a few ms."""
        if not self.inline_rows:
            return None
        return answer_lookup(self._engine, request, self.limits, self._inline_limits, self.timeout,
                             long=self._long_lookups, version=self.store.generation)

    def update(self, text: str, *, base_iri: str | None = None, using: Sequence[str] = (),
               using_named: Sequence[str] = ()) -> None:
        sandboxed = self._no_network is not None and self._no_network.submit(network_refused).result()
        check_nesting(text, self.limits, update=True)
        check_federation(text, self.limits.allow_service, update=True, sandboxed=sandboxed)
        text = apply_update_dataset(text, using, using_named)
        with self.write_lock:
            try:
                self._write(text, base_iri, sandboxed)
            except QuerySyntaxError as e:
                raise MalformedQuery(f"the update does not parse: {e.server_message}") from None
            except OSError as e:
                raise StoreFailure(f"the update failed and changed nothing: {e}") from None

    def _write(self, text: str, base_iri: str | None, sandboxed: bool) -> None:
        """The store's update, on the no-network thread when there is one: a LOAD or SERVICE spelled so that
        the check missed it fails to connect, and is answered as refused federation."""
        if self._no_network is None:
            self.store.update(text, base_iri=base_iri)
            return
        try:
            self._no_network.submit(self.store.update, text, base_iri=base_iri).result()
        except OSError as e:
            if sandboxed and may_fetch(text) and is_network_refusal(e):
                raise FederationRefused(NO_ROUTE_MESSAGE) from None
            raise

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self._no_network is not None:
            self._no_network.shutdown(wait=False, cancel_futures=True)


class StoreSparqlService(SparqlService):
    """SPARQL on any other :class:`~qualgraph.store.GraphStore`: the remote store, or a store of tests.

    On a store with a ``query_endpoint`` (the remote store), a query is forwarded to that endpoint as a
    SPARQL Protocol request with its dataset parameters and the client's Accept header, and the server's
    answer is passed back as it is: the server evaluates, negotiates, caps rows (Virtuoso's
    ``ResultSetMaxRows``) and times out (``oxigraph serve --timeout-s``, Virtuoso's ``MaxQueryExecutionTime``:
    set it to ``query_timeout``, since a server keeps computing after qualgraph stops waiting). Forwarding
    keeps the protocol's dataset exact: ``oxigraph serve --union-default-graph`` ignores FROM clauses but
    honours ``default-graph-uri``. Otherwise the store's ``query()`` runs (dataset parameters become FROM /
    FROM NAMED) and pyoxigraph writes the result in the negotiated format.
    """

    def __init__(self, store: "GraphStore", *, timeout: float, limits: QueryLimits) -> None:
        super().__init__(timeout=timeout, limits=limits)
        self.store = store
        self.endpoint: str | None = store.query_endpoint
        self._http: Any = None
        if self.endpoint:
            import httpx

            self._http = httpx.Client(timeout=httpx.Timeout(timeout, connect=10.0))
        self.stoppable = True

    def query(self, request: QueryRequest) -> QueryAnswer:
        from ..store import StoreError

        check_nesting(request.query, self.limits)
        check_federation(request.query, self.limits.allow_service)
        text = request.query
        if request.base_iri:
            text = f"BASE <{check_iri(request.base_iri, 'base')}>\n{text}"
        if self.endpoint:
            return self._forward(text, request)
        if request.default_graphs or request.named_graphs:
            text = _with_dataset(text, request.default_graphs, request.named_graphs)
        try:
            result = self.store.query(text)
        except StoreError as e:
            raise _store_error(e) from None
        return _serialise_rdflib(result, request.accept, self.limits.max_rows)

    def _forward(self, text: str, request: QueryRequest) -> QueryAnswer:
        import httpx

        data = {"query": text,
                "default-graph-uri": [check_iri(g, "default-graph-uri") for g in request.default_graphs],
                "named-graph-uri": [check_iri(g, "named-graph-uri") for g in request.named_graphs]}
        try:
            response = self._http.post(self.endpoint, data=data, headers={"Accept": request.accept or "*/*"})
        except httpx.TimeoutException:
            raise QueryTimeout(f"the SPARQL server at {self.endpoint} did not answer within {self.timeout:g} s"
                               ) from None
        except httpx.HTTPError as e:
            raise StoreFailure(f"the SPARQL server at {self.endpoint} could not be reached: {e}") from None
        message = f"the SPARQL server at {self.endpoint} answered {response.status_code}: {response.text[:2000]}"
        if response.status_code == 200:
            media_type = response.headers.get("content-type", "application/octet-stream").split(";")[0].strip()
            return QueryAnswer(response.content, media_type, "forwarded")
        if response.status_code == 400:
            raise MalformedQuery(message)
        if response.status_code == 406:
            raise NotAcceptable(message)
        if response.status_code in (503, 504):
            raise QueryTimeout(message)
        raise StoreFailure(message)

    def close(self) -> None:
        if self._http is not None:
            self._http.close()

    def update(self, text: str, *, base_iri: str | None = None, using: Sequence[str] = (),
               using_named: Sequence[str] = ()) -> None:
        from ..store import StoreError

        check_nesting(text, self.limits, update=True)
        check_federation(text, self.limits.allow_service, update=True)
        text = apply_update_dataset(text, using, using_named)
        if base_iri:
            text = f"BASE <{check_iri(base_iri, 'base')}>\n{text}"
        try:
            self.store.update(text)
        except StoreError as e:
            raise _store_error(e) from None


def _store_error(error: Exception) -> SparqlError:
    """The service error for a store's error: the remote store marks the server's syntax errors."""
    message = str(error)
    if getattr(error, "server_message", None) is not None:
        return MalformedQuery(message)
    if "timed out" in message.lower() or "timeout" in message.lower():
        return QueryTimeout(message)
    return StoreFailure(message)



class _Engine:
    """pyoxigraph's ``Store.query`` over :meth:`GraphStore.raw_query`, for :func:`run_query`."""

    def __init__(self, store: "GraphStore") -> None:
        self.query = store.raw_query


def open_service(store: "GraphStore", settings: "Settings", *, wait_for_workers: bool = True) -> SparqlService:
    """The SPARQL service for a store: on a store that worker processes can open (:attr:`GraphStore.local_path`) or
    with an engine in this process (:attr:`GraphStore.native_results`), pyoxigraph's own results; else the store's
    endpoint (:attr:`GraphStore.query_endpoint`) or its ``query()``.

    ``wait_for_workers=False`` (the web service) returns before the query workers have opened the store: the
    server listens meanwhile, and its first queries wait for the first lane (:meth:`WorkerPool.start`)."""
    timeout, limits, workers = resolve_limits(settings)
    if store.local_path is not None or store.native_results:
        from .pool import processes_for, worker_memory_within

        replica = int(settings.query_replica_max_quads or 0)
        processes = settings.query_worker_processes
        if processes is None and store.local_path is not None:
            processes = processes_for(store.local_path, workers or 1, replica, settings.memory_budget)
        processes = max(1, min(processes or 1, workers or 1))
        worker_max_memory = settings.query_worker_max_memory or worker_memory_within(settings.memory_budget, processes)
        return EmbeddedSparqlService(store, timeout=timeout, limits=limits, workers=workers,
                                     replica_max_quads=replica, worker_processes=processes,
                                     worker_max_memory=worker_max_memory,
                                     client_max_queries=getattr(settings, "client_max_queries", None),
                                     client_max_workers=getattr(settings, "client_max_workers", None),
                                     wait_for_workers=wait_for_workers,
                                     inline_rows=int(getattr(settings, "sparql_inline_rows", DEFAULT_INLINE_ROWS)),
                                     cache_bytes=int(getattr(settings, "sparql_cache_bytes", DEFAULT_CACHE_BYTES)),
                                     predicate_copy_max_quads=int(settings.query_predicate_copy_max_quads or 0))
    return StoreSparqlService(store, timeout=timeout, limits=limits)

