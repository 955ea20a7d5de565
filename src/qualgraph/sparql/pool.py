"""Stoppable query execution: a warm pool of query worker processes (:mod:`qualgraph.sparql.worker`).

pyoxigraph has no query timeout and a running query cannot be interrupted from Python, so a query that
must be stoppable has to run where it can be killed: in another process. When a query runs past the timeout
(or its worker past its memory budget) the worker is killed (SIGKILL; a read-only RocksDB instance has
nothing to lose) and a new one is started in the background, while the other workers keep serving.

Measured with 4 concurrent clients on loopback on 2 cores (``bench/bench_http.py``, the comparability query
at 1M triples): a worker spends ~10.5 ms of CPU on that query (in-process pyoxigraph ~7.5 ms
single-threaded), and is idle ~2 ms between queries while the server sends its answer and hands it the
next query. Hence two workers per core by default, and a hand-off that stays on the event loop.
"""

from __future__ import annotations

import asyncio
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter, deque
from contextvars import ContextVar
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from ..config import DEFAULT_MEMORY_BUDGET
from ..resources import child_process_env
from .errors import ERRORS, QueryOutOfMemory, QueryTimeout, ServiceBusy, SparqlError, StoreFailure, TooManyQueries
from .execution import QueryAnswer, QueryLimits, QueryRequest
from .federation import may_fetch

STARTUP_TIMEOUT = 60.0
"""Seconds a new worker may take to import pyoxigraph and open the store."""

MORE_WORKERS_AFTER_SECONDS = 1.0
"""In a start that does not wait (the web service's), seconds from the first worker's being ready until the next
process starts: the server is still starting then, and on two cores a process starting beside it slows it (issue 15,
start-up). The first worker's lanes answer meanwhile."""

INLINE_BYTES = 256 * 1024
"""Results up to this size are read on the event loop; bigger ones in a thread, so no request waits on them."""

QUERY_CLIENT: ContextVar[str | None] = ContextVar("qualgraph_query_client", default=None)
"""Who sent the query being run: its address, set by the ``/sparql`` route. :meth:`WorkerPool.arun` counts each
client's queries against its share of the pool; None (the service's own queries) is not counted."""

MEMORY_CHECK_SECONDS = 0.02
"""How often the pool reads a busy worker's resident memory. The runaway ``ORDER BY`` of a cross product grew a
worker by ~350 MB/s, so it passes the budget by less than ~10 MB before it is stopped."""

HARD_MEMORY_FACTOR = 1.25
"""The backstop: a worker's ``RLIMIT_DATA`` is this times its budget (should the watchdog be late, say with the
event loop stalled, the allocation that passes it fails and the worker aborts). ``RLIMIT_DATA`` counts the
heap and anonymous maps, not RocksDB's file maps (``RLIMIT_AS`` would: an idle worker maps ~390 MB, ~110 MB
of it data, ~65 MB resident)."""

REPLICA_BYTES_PER_QUAD = 600
"""Memory of an in-memory copy per quad (measured: ~0.6 GB per million quads)."""

QUERY_WORKING_MEMORY = 256 * 1024 * 1024
"""Of a worker process's memory budget, what its in-memory copy of the store leaves for the process itself
(~60 MB with the store open) and its queries' working memory."""

SERVER_MEMORY_SHARE = 512 * 1024 * 1024
"""Of the service's memory budget, the server process's share (measured 100-240 MB at 1M and 10M quads: the
web app, the comparability index, answers on their way out); the query workers share the rest."""

PREDICATE_COPY_SHARE = 4
"""A copy of small predicates may take at most this part of what a whole copy of the store could: while it is
made again after a write, the old one is still held, and the queries need their working memory."""

DRAIN_SECONDS = 1.0
"""How long a query whose caller went away may run on before it is stopped (most answer within it)."""

SPARE_MEMORY = 96 * 1024 * 1024
"""Of the service's memory budget, the spare worker's share: it has the store open and copies nothing (~60 MB)."""

MAX_ATTEMPTS = 3
"""Times a query is sent when its process is stopped for another lane's query while it runs."""

RETRY_AFTER_SECONDS = 2
"""``Retry-After`` of a 429: one of the client's queries usually ends within that; a runaway one keeps it out."""

MIB = 1024 * 1024


def worker_memory_within(budget: int, processes: int) -> int:
    """A worker process's memory limit: the service's ``budget`` less the server's share and the spare's,
    split among the ``processes`` (at least 256 MiB each)."""
    return max(256 * MIB, (budget - SERVER_MEMORY_SHARE - SPARE_MEMORY) // max(1, processes))


def processes_for(store_path: Path, lanes: int, replica_max_quads: int, budget: int) -> int:
    """How many worker processes to spread ``lanes`` over: one, holding one in-memory copy of the store for all
    lanes, when a copy fits its share of the ``budget``; else one per CPU (at most one per lane), each reading
    the disk. Throughput is the same either way (pyoxigraph lets two lanes of one process run on two cores:
    1.67-1.80x one lane's rate, ``bench/probe_lanes.py``; at 10M on disk, one process of four lanes and two of
    two answered 0.67-0.73x and 0.67-0.70x ``oxigraph serve``'s rate), so the choice is about isolation: where
    there is no copy to hold twice, a second process costs ~60 MB, and a query stopped for its time or memory
    disturbs half the lanes instead of all of them."""
    from .worker import quads_at_least

    copy_fits = min(replica_max_quads, replica_quads_within(worker_memory_within(budget, 1)))
    if copy_fits > 0 and quads_at_least(store_path) <= copy_fits:
        return 1
    return max(1, min(lanes, os.cpu_count() or 1))


def replica_quads_within(max_memory: int) -> int:
    """The largest store a worker process with ``max_memory`` may copy into memory (0: none)."""
    return max(0, (max_memory - QUERY_WORKING_MEMORY) // REPLICA_BYTES_PER_QUAD)


def resident_bytes(pid: int) -> int | None:
    """A process's resident memory as the kernel counts it (``/proc/PID/statm``), None once it has gone."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return None


_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


class Journal(Protocol):
    """What the pool needs of the store's account of its writes (:class:`~qualgraph.store.GraphStore`)."""

    @property
    def generation(self) -> int: ...

    def changes_since(self, generation: int) -> list[frozenset[str] | None] | None: ...

    def graph_content(self, key: str, max_quads: int) -> tuple[bool, bytes] | None: ...


SHIPPED_QUADS = 2_000
"""A write that changed graphs of at most this many quads in all is sent to the workers with the graphs' new
content, which they put in their in-memory copies at once; after a bigger one they reopen the store (10-40 ms)
and read the graphs from it. Reading and sending 2,000 quads takes ~2 ms of the event loop, once per write."""


# -- the pool, in the server process --------------------------------------------------------------------
@dataclass(eq=False)
class _Process:
    """One worker process and its lanes."""

    popen: subprocess.Popen[bytes]
    lanes: list["_Worker"] = field(default_factory=list)
    retired: bool = False
    """Set when the process is being replaced: its lanes are not handed out, and it is not replaced twice."""
    culprit: "_Worker | None" = None
    """The lane whose query made the process stop (timeout, memory): it gets the error, the others a retry."""
    culprit_error: SparqlError | None = None

    @property
    def pid(self) -> int:
        return self.popen.pid


@dataclass(eq=False)
class _Worker:
    """A lane: one connection to one thread of a worker process, answering one query at a time."""

    process: _Process
    conn: Connection
    holder: str | None = None
    """The client whose query the lane runs (counted against that client's share until it is given back)."""
    started: float | None = None
    """When its current query was sent (``time.monotonic``), None while it is idle."""
    told: int = 0
    """The last write (:attr:`GraphStore.generation`) this lane's process has been told of through this lane."""

    @property
    def retired(self) -> bool:
        return self.process.retired


class _SiblingStopped(Exception):
    """The lane's process was stopped for another lane's query: this query did nothing wrong and is run again."""


class WorkerPool:
    """Worker processes on one store; :meth:`run` answers a query or stops it at the timeout.

    ``size`` lanes in ``processes`` processes (a lane is a thread of a worker that runs one query at a time):
    as many queries run at once as there are lanes, and the rest wait. The processes share nothing; the lanes
    of one process share its snapshot of the store and its in-memory copy, so the copy is held once per process
    (one process by default: a copy of 1M quads is ~0.6 GB). Thread-safe: each call takes an idle lane for
    itself, waiting up to the timeout for one.

    Stopping a query stops its process, with the other lanes' queries in it: those are sent again to a lane of
    another process, or of the process that replaces it (once it has opened the store, ~0.5 s), within what is
    left of their time; a query that may have called a ``SERVICE`` is not sent twice and is answered 503.

    Bounds, so that no query and no client can deny the endpoint to others: a process whose resident memory
    passes ``max_memory`` while it answers is stopped (503, code "memory", for the lane whose query has run
    longest, the one that grew it in every case measured; a retry for the others); one client
    (:data:`QUERY_CLIENT`) holds at most ``client_max_workers`` lanes at once, its further queries wait, and past
    ``client_max_queries`` running or waiting it is answered 429.
    """

    def __init__(self, store_path: Path, *, size: int, limits: QueryLimits, replica_max_quads: int = 0,
                 max_memory: int | None = None, client_max_queries: int | None = None,
                 client_max_workers: int | None = None, processes: int | None = 1,
                 journal: Journal | None = None, memory_budget: int | None = None,
                 predicate_copy_max_quads: int = 0) -> None:
        self.store_path = Path(store_path)
        if processes is None:
            processes = processes_for(self.store_path, size, replica_max_quads, memory_budget or DEFAULT_MEMORY_BUDGET)
        self.journal = journal
        """The writer's account of its writes (the service's store), told to the workers before each query so
        that they refresh just the changed graphs of their copies; None: a copy is made again after any change."""
        self.size = max(1, size)
        self.processes = max(1, min(processes, self.size))
        self.lanes_per_process = -(-self.size // self.processes)
        self.size = self.lanes_per_process * self.processes
        self.limits = limits
        self.max_memory = max_memory or worker_memory_within(memory_budget or DEFAULT_MEMORY_BUDGET, self.processes)
        """Resident bytes a worker process may reach while answering, its in-memory copy of the store included."""
        self.replica_max_quads = min(replica_max_quads, replica_quads_within(self.max_memory))
        """Each process answers from an in-memory copy of a store up to this size (0: from disk only); the copy
        counts against the memory budget, less what its queries need (:data:`QUERY_WORKING_MEMORY`)."""
        self.predicate_copy_max_quads = min(predicate_copy_max_quads,
                                            replica_quads_within(self.max_memory) // PREDICATE_COPY_SHARE)
        """A process reading the disk answers the queries that read only small predicates from a copy of them of at
        most this many quads (:mod:`qualgraph.sparql.predicate_copy`); a part of what a whole copy could use."""
        self.client_max_queries = client_max_queries or 2 * self.size
        self.client_max_workers = max(1, client_max_workers or self.size - 1)
        self._queries_by_client: Counter[str] = Counter()
        """Queries running or waiting, by client."""
        self._workers_by_client: Counter[str] = Counter()
        """Lanes held, by client."""
        self._idle: deque[_Worker] = deque()
        self._async_waiters: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[_Worker], str | None]] = deque()
        self._all: set[_Process] = set()
        self._spare: _Process | None = None
        """A started worker with the store open and no lane in use, which takes over when a process is stopped,
        so that the queries of a stopped process are sent again at once (a new worker takes ~0.5 s to start)."""
        self._lock = threading.Lock()
        self._closed = False
        self._closing = threading.Event()
        """Set by :meth:`close`: a start that waits to start another process gives up."""
        self._content_cache: tuple[int, dict[str, tuple[bool, bytes] | None]] = (-1, {})
        """The graphs' content read for the workers at one generation (:meth:`_contents`)."""
        self._start_failure: StoreFailure | None = None
        """Why the workers started without waiting (:meth:`start`) could not open the store, once known."""
        self.restarts = 0
        """Processes replaced after a timeout or a crash (for tests and monitoring)."""
        self.memory_stops = 0
        """Queries stopped for using more memory than ``max_memory`` (for tests and monitoring)."""
        self.retries = 0
        """Queries sent again because their process was stopped for another query (for tests and monitoring)."""

    # -- lifecycle
    def start(self, *, wait: bool = True) -> None:
        """Start all workers and the spare. ``wait``: until each has opened the store (the pool is warm when this
        returns, and a worker that cannot open the store raises :class:`StoreFailure` here).

        Without ``wait`` this returns once the first worker is started, and each lane takes queries as soon as its
        process has opened the store (~0.1 s, spent while the server starts): the service answers its first
        query sooner. The other workers start one after another, each once the one before is ready, and the spare
        last: at start-up, on two cores, processes started together take the CPU from each other and from the
        server's own start. A start that fails then fails the queries waiting for a lane, and those that come after.
        """
        if wait:
            self._warm_up([self._spawn() for _ in range(self.processes)], self._spawn(copies=False))
            return
        threading.Thread(target=self._warm_up_or_fail, args=([self._spawn()],), name="qualgraph-worker-start",
                         daemon=True).start()

    def _warm_up(self, starting: list[_Process], spare: _Process | None = None, *, pause: float = 0.0) -> None:
        """Wait for the workers in ``starting`` and put their lanes to work; start those it does not hold one by one,
        each once the one before is ready (the second ``pause`` seconds after the first); then the spare likewise,
        unless it was started already."""
        for i in range(self.processes):
            if i == len(starting):
                if not self._may_start(pause if i == 1 else 0.0):
                    return
                starting.append(self._spawn())
            self._await_ready(starting[i])
            for lane in starting[i].lanes:
                self._release(lane)
        if spare is None:
            if not self._may_start(pause if self.processes == 1 else 0.0):
                return
            spare = self._spawn(copies=False)
        self._await_ready(spare)
        self._spare = spare

    def _may_start(self, pause: float) -> bool:
        """Wait ``pause`` seconds (less if the pool closes meanwhile); whether another process may start."""
        return not self._closing.wait(pause) and not self._closed

    def _warm_up_or_fail(self, starting: list[_Process]) -> None:
        try:
            self._warm_up(starting, pause=MORE_WORKERS_AFTER_SECONDS)
        except StoreFailure as e:
            print(f"qualgraph: {e}", file=sys.stderr)
            with self._lock:
                if any(process in self._all for process in starting):
                    return  # lanes answer; only the spare is missing, and a stopped process is replaced anew
                self._start_failure = e
                waiters, self._async_waiters = list(self._async_waiters), deque()
            for loop, future, _ in waiters:
                try:
                    loop.call_soon_threadsafe(_fail, future, e)
                except RuntimeError:  # its loop has closed
                    pass

    def worker_pids(self) -> list[int]:
        """The process ids of the workers (for tests and monitoring: their memory is part of the service's)."""
        with self._lock:
            return [process.pid for process in self._all]

    def _spawn(self, *, copies: bool = True) -> _Process:
        """Start a worker process with its lanes; a spare (``copies=False``) makes no copy of the store until it
        is put to work (:meth:`_promote`), so that it costs ~60 MB, not a second copy."""
        pairs = [socket.socketpair() for _ in range(self.lanes_per_process)]
        env = child_process_env()
        fds = [child.fileno() for _, child in pairs]
        told = self.journal.generation if self.journal is not None else 0  # before the worker opens the store
        journal = ["--generation", str(told)] if self.journal is not None else []
        try:
            popen = subprocess.Popen(
                [sys.executable, "-m", "qualgraph.sparql.worker", *(a for fd in fds for a in ("--fd", str(fd))),
                 "--store", str(self.store_path), "--replica-max-quads", str(self.replica_max_quads if copies else 0),
                 "--predicate-copy-max-quads", str(self.predicate_copy_max_quads), *journal],
                pass_fds=fds, env=env, stdin=subprocess.DEVNULL,
            )
        finally:
            for _, child in pairs:
                child.close()
        self._limit_memory(popen.pid)
        process = _Process(popen)
        for parent, _ in pairs:
            conn = Connection(parent.detach())
            conn.send(self.limits)
            process.lanes.append(_Worker(process, conn, told=told))
        with self._lock:
            self._all.add(process)
        return process

    def _limit_memory(self, pid: int) -> None:
        """The hard backstop behind the watchdog: the worker's data segment may not grow past the budget by much."""
        hard = int(self.max_memory * HARD_MEMORY_FACTOR)
        try:
            resource.prlimit(pid, resource.RLIMIT_DATA, (hard, hard))
        except (OSError, ValueError, AttributeError) as e:  # not Linux, or the worker has already gone
            print(f"qualgraph: could not limit a query worker's memory: {e}", file=sys.stderr)

    def _await_ready(self, process: _Process) -> None:
        for lane in process.lanes:
            if not lane.conn.poll(STARTUP_TIMEOUT):
                self._kill(process)
                raise StoreFailure(f"a query worker did not start within {STARTUP_TIMEOUT:.0f} s")
            try:
                message = lane.conn.recv()
            except (EOFError, OSError):
                self._kill(process)
                raise StoreFailure(f"a query worker could not open the store at {self.store_path} "
                                   "(its error is in the server log)") from None
            if not (isinstance(message, tuple) and message[0] == "ready"):
                self._kill(process)
                raise StoreFailure(f"a query worker sent {message!r} instead of starting")

    def _kill(self, process: _Process, *, close_lanes: bool = True) -> None:
        """Kill a worker process. Its lanes' connections are closed here only when none is in use (start-up,
        shut-down); else each is closed by the request that holds it, once done with it (:meth:`_put_down`):
        a request still waiting on a lane reads its end-of-file, and its descriptor is not reused meanwhile."""
        with self._lock:
            self._all.discard(process)
        try:
            process.popen.kill()
        except OSError:
            pass
        try:
            process.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        if close_lanes:
            for lane in process.lanes:
                lane.conn.close()

    def _replace(self, worker: _Worker, error: SparqlError | None = None) -> None:
        """Stop ``worker``'s process (for ``error``, its query's, if given) and start another in the background,
        so the request that timed out returns now; the process's other lanes see it stop and send their queries
        again."""
        process = worker.process
        with self._lock:
            self._let_go(worker)
            first = not process.retired
            if first:
                process.retired = True
                process.culprit, process.culprit_error = (worker, error) if error is not None else (None, None)
            idle_lanes = [lane for lane in self._idle if lane.process is process] if first else []
            if idle_lanes:
                self._idle = deque(lane for lane in self._idle if lane.process is not process)
        self._dispatch()  # its client's share is free again: one of its waiting queries may take an idle lane
        if not first:
            return

        for lane in idle_lanes:
            lane.conn.close()

        def replace() -> None:
            with self._lock:
                spare, self._spare = self._spare, None
            self._kill(process, close_lanes=False)  # first: its copy of the store goes before the spare makes one
            if spare is not None:  # the spare takes over at once; a new spare is started behind it
                self._promote(spare)
            if self._closed:
                return
            try:
                fresh = self._spawn(copies=spare is None)
                self._await_ready(fresh)
            except (StoreFailure, OSError) as e:
                print(f"qualgraph: could not replace a query worker: {e}", file=sys.stderr)
                return
            if self._closed:
                self._kill(fresh)
                return
            if spare is None:
                self.restarts += 1
                for lane in fresh.lanes:
                    self._release(lane)
            else:
                with self._lock:
                    self._spare = fresh

        threading.Thread(target=replace, name="qualgraph-worker-restart", daemon=True).start()

    def _promote(self, spare: _Process) -> None:
        """Put the spare to work in place of a stopped process: it may copy the store now, and its lanes take
        queries."""
        if self.replica_max_quads > 0:
            try:
                spare.lanes[0].conn.send(("replica", self.replica_max_quads))
            except OSError:
                pass  # it has gone too: its lanes will find out and be replaced
        self.restarts += 1
        for lane in spare.lanes:
            self._release(lane)

    def close(self) -> None:
        """Ask every worker to stop, and kill those that do not within a few seconds."""
        self._closed = True
        self._closing.set()
        with self._lock:
            processes = list(self._all)
        for process in processes:
            for lane in process.lanes:
                try:
                    lane.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 5
        for process in processes:
            try:
                process.popen.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            self._kill(process)

    @property
    def idle_workers(self) -> int:
        """Lanes waiting for a query (for tests and monitoring)."""
        return len(self._idle)

    # -- handing lanes out
    def _release(self, worker: _Worker) -> None:
        """Give a lane back: it stops counting against its holder, and goes to the next eligible waiter."""
        with self._lock:
            self._let_go(worker)
            if not worker.retired:
                self._idle.append(worker)
                worker = None
        if worker is not None:  # its process was stopped meanwhile
            worker.conn.close()
        self._dispatch()

    def _let_go(self, worker: _Worker) -> None:
        """Stop counting ``worker`` against the client that held it (under the lock)."""
        if worker.holder is not None:
            self._workers_by_client[worker.holder] -= 1
            if self._workers_by_client[worker.holder] <= 0:
                del self._workers_by_client[worker.holder]
            worker.holder = None

    def _may_take(self, client: str | None) -> bool:
        """Whether ``client`` is under its share of the lanes (under the lock)."""
        return client is None or self._workers_by_client[client] < self.client_max_workers

    def _take(self, worker: _Worker, client: str | None) -> _Worker:
        """Count ``worker`` against ``client`` (under the lock)."""
        worker.holder = client
        if client is not None:
            self._workers_by_client[client] += 1
        return worker

    def _dispatch(self) -> None:
        """Hand idle lanes to the longest waiting callers whose client is under its share.

        A waiting request on the event loop gets it by ``set_result`` on its own loop: no thread hop. (Waiting
        in a thread-pool thread instead made every hand-off wait for the GIL, up to the 5 ms switch interval:
        with as many workers as cores, workers sat idle between queries and throughput halved.) Waiters of a
        client at its share are passed over, so another client's query does not queue behind them.
        """
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        with self._lock:
            while self._idle and self._async_waiters:
                chosen = next((w for w in self._async_waiters if not w[1].done() and self._may_take(w[2])), None)
                self._async_waiters = deque(w for w in self._async_waiters if not w[1].done() and w is not chosen)
                if chosen is None:
                    return
                loop, future, client = chosen
                worker = self._take(self._idle.popleft(), client)
                try:
                    (loop.call_soon if loop is running else loop.call_soon_threadsafe)(_hand_over, future, worker, self)
                except RuntimeError:  # its loop has closed
                    self._let_go(worker)
                    self._idle.appendleft(worker)

    async def _atake(self, timeout: float, client: str | None = None, limit: float | None = None) -> _Worker:
        """An idle lane, waiting up to ``timeout`` seconds (on the caller's loop: callers of :meth:`run` in
        other threads wait on loops of their own, and :meth:`_dispatch` wakes each on its loop); ``limit`` is
        the query's whole time limit, which the error names."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._idle and self._may_take(client):
                return self._take(self._idle.popleft(), client)
            if self._start_failure is not None:
                raise self._start_failure
            future: asyncio.Future[_Worker] = loop.create_future()
            self._async_waiters.append((loop, future, client))
        try:
            return await asyncio.wait_for(future, max(0.0, timeout))
        except asyncio.TimeoutError:
            with self._lock:
                own = not self._may_take(client)
            message = _OWN_SHARE_BUSY_MESSAGE if own else _BUSY_MESSAGE
            raise ServiceBusy(message.format(timeout=limit or timeout, n=self.client_max_workers)) from None

    # -- queries
    async def arun(self, request: QueryRequest, timeout: float) -> QueryAnswer:
        """:meth:`run` for the event loop: the lane and its reply are awaited on the loop, no thread hop."""
        if self._closed:
            raise StoreFailure("the query service is shutting down")
        client = QUERY_CLIENT.get()
        self._admit(client)
        try:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + timeout
            for attempt in range(1, MAX_ATTEMPTS + 1):
                try:
                    return await self._attempt(request, deadline - loop.time(), client, timeout)
                except _SiblingStopped:
                    if may_fetch(request.query) or attempt == MAX_ATTEMPTS or loop.time() >= deadline:
                        raise StoreFailure(_SIBLING_MESSAGE) from None
                    self.retries += 1
            raise AssertionError("unreachable")
        finally:
            self._leave(client)

    async def _attempt(self, request: QueryRequest, timeout: float, client: str | None, limit: float) -> QueryAnswer:
        """One try on one lane. A lane whose reply will not be read in full is given to :meth:`_drain` (the
        request was cancelled while its query ran) or its process is stopped (anything else)."""
        worker = await self._atake(timeout, client, limit)
        outcome = "stop"
        error: SparqlError | None = None
        try:
            self._send(worker, request)
            worker.started = time.monotonic()
            try:
                error = await self._await_answer(worker, timeout, limit)
            except asyncio.CancelledError:
                outcome = "drain"
                raise
            if error is not None:
                raise error
            message = self._receive(worker)
            big = message[0] == "ok" and message[4] > INLINE_BYTES  # read off the loop, so no request waits on it
            body = await asyncio.to_thread(self._receive_body, worker, message) if big else self._receive_body(worker, message)
            outcome = "release"
        finally:
            worker.started = None
            if outcome == "release":
                self._release(worker)
            elif outcome == "drain":
                self._drain(worker, timeout)
            else:
                self._put_down(worker, error)
        return _answer(message, body)

    def _drain(self, worker: _Worker, timeout: float) -> None:
        """The caller went away while its query ran: give the query :data:`DRAIN_SECONDS` (at most what was left
        of its time) to finish, and drop its reply, rather than stopping a process whose other lanes are
        answering and whose copy of the store would have to be made again; a query still running then is
        stopped."""
        grace = min(timeout, DRAIN_SECONDS)

        def drain() -> None:
            try:
                if worker.conn.poll(grace):
                    message = worker.conn.recv()
                    if message[0] == "ok":
                        worker.conn.recv_bytes()
                    self._release(worker)
                    return
            except (EOFError, OSError):
                pass
            self._put_down(worker, QueryTimeout(_TIMEOUT_MESSAGE.format(timeout=grace)))

        threading.Thread(target=drain, name="qualgraph-lane-drain", daemon=True).start()

    def _put_down(self, worker: _Worker, error: SparqlError | None) -> None:
        """A lane whose reply was not read in full: its process is stopped (if it is not already), and the
        request that held it is done with its connection."""
        self._replace(worker, error)
        worker.conn.close()

    def _admit(self, client: str | None) -> None:
        """Count a query against its client, or refuse it (429) when the client has too many already."""
        if client is None:
            return
        with self._lock:
            if self._queries_by_client[client] >= self.client_max_queries:
                raise TooManyQueries(_TOO_MANY_MESSAGE.format(n=self.client_max_queries), RETRY_AFTER_SECONDS)
            self._queries_by_client[client] += 1

    def _leave(self, client: str | None) -> None:
        if client is None:
            return
        with self._lock:
            self._queries_by_client[client] -= 1
            if self._queries_by_client[client] <= 0:
                del self._queries_by_client[client]

    async def _await_answer(self, worker: _Worker, timeout: float, limit: float) -> SparqlError | None:
        """Wait for the lane's answer while watching its process's resident memory: None once the answer (or
        the end of the connection) is there, else why this lane's query must be stopped (past the timeout, or
        the one that grew its process past the memory budget)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        process = worker.process
        while True:
            left = deadline - loop.time()
            if left <= 0:
                return QueryTimeout(_TIMEOUT_MESSAGE.format(timeout=limit))
            if await _readable(worker.conn, min(left, MEMORY_CHECK_SECONDS)):
                return None
            resident = resident_bytes(process.pid)
            if resident is not None and resident > self.max_memory and not process.retired:
                error = QueryOutOfMemory(_MEMORY_MESSAGE.format(mb=self.max_memory // MIB))
                culprit = self._longest_running(process) or worker
                self.memory_stops += 1
                if culprit is worker:
                    return error
                self._replace(culprit, error)  # this lane reads the end of its connection next, and retries

    def _longest_running(self, process: _Process) -> _Worker | None:
        busy = [lane for lane in process.lanes if lane.started is not None]
        return min(busy, key=lambda lane: lane.started or 0.0, default=None)

    def run(self, request: QueryRequest, timeout: float) -> QueryAnswer:
        """The answer to one query; :class:`QueryTimeout` (the worker is killed) after ``timeout`` seconds.

        For callers outside an event loop (the command line, tests): :meth:`arun` on a loop of its own.
        """
        return asyncio.run(self.arun(request, timeout))

    # -- one round trip; a lane that fails has its process replaced (and is not released)
    def _send(self, worker: _Worker, request: QueryRequest) -> None:
        try:
            if self.journal is not None and self.journal.generation > worker.told:
                generation = self.journal.generation
                changes = self.journal.changes_since(worker.told)
                worker.conn.send(("changes", worker.told, generation, changes, self._contents(generation, changes)))
                worker.told = generation
            worker.conn.send(request)
        except OSError:
            raise self._died(worker) from None

    def _contents(self, generation: int, changes: list[frozenset[str] | None] | None) -> dict[str, tuple[bool, bytes]] | None:
        """The content now (so as of ``generation`` or later) of the graphs ``changes`` name, when they hold at most
        :data:`SHIPPED_QUADS` in all; None otherwise, or when a change may have touched any graph. Read once per
        write for all lanes."""
        if self.journal is None or changes is None or any(graphs is None for graphs in changes):
            return None
        keys = set().union(*changes) if changes else set()
        cached_at, cache = self._content_cache
        if cached_at != generation:
            cache = {}
            self._content_cache = (generation, cache)
        contents: dict[str, tuple[bool, bytes]] = {}
        left = SHIPPED_QUADS
        for key in sorted(keys):
            if key not in cache:
                cache[key] = self.journal.graph_content(key, SHIPPED_QUADS)
            content = cache[key]
            if content is None:
                return None
            left -= content[1].count(b"\n")
            if left < 0:
                return None
            contents[key] = content
        return contents

    def _receive(self, worker: _Worker) -> tuple[Any, ...]:
        try:
            return worker.conn.recv()
        except (EOFError, OSError):
            raise self._died(worker) from None

    def _receive_body(self, worker: _Worker, message: tuple[Any, ...]) -> bytes:
        """The result bytes that follow an "ok" header (the worker sends them unpickled)."""
        if message[0] != "ok":
            return b""
        try:
            return worker.conn.recv_bytes()
        except (EOFError, OSError):
            raise self._died(worker) from None

    def _died(self, worker: _Worker) -> Exception:
        """Why a lane's process stopped while it answered: stopped for another lane's query (then this one is
        sent again), for this lane's query, or on its own: an abort is an allocation refused by the hard memory
        limit, charged like the watchdog's stops to the query that has run longest."""
        process = worker.process
        if not process.retired:
            try:
                code = process.popen.wait(timeout=1)
            except subprocess.TimeoutExpired:
                code = None
            with self._lock:
                culprit = self._longest_running(process) or worker
            if code == -signal.SIGABRT:
                self.memory_stops += 1
                error: SparqlError = QueryOutOfMemory(_MEMORY_MESSAGE.format(mb=self.max_memory // MIB))
            else:
                error = StoreFailure(_DIED_MESSAGE)
            self._replace(culprit, error)  # each request closes its lane (_put_down) once it is done with it
        if process.culprit is worker:
            return process.culprit_error or StoreFailure(_DIED_MESSAGE)
        return _SiblingStopped()


def _fail(future: "asyncio.Future[_Worker]", error: Exception) -> None:
    """On the waiter's loop: the lane it waits for will never come."""
    if not future.done():
        future.set_exception(error)


def _hand_over(future: "asyncio.Future[_Worker]", worker: _Worker, pool: WorkerPool) -> None:
    """On the waiter's loop: give it the worker, or release it again if the waiter gave up meanwhile."""
    if future.done():
        pool._release(worker)
    else:
        future.set_result(worker)


_BUSY_MESSAGE = "every query worker stayed busy for {timeout:g} s; try again later"
_OWN_SHARE_BUSY_MESSAGE = ("this client's other queries kept the {n} query workers one client may use "
                           "(QUALGRAPH_CLIENT_MAX_WORKERS) busy for {timeout:g} s; try again later")
_TIMEOUT_MESSAGE = ("the query was stopped after {timeout:g} s, the time limit of this endpoint; narrow it down "
                    "(LIMIT, more specific patterns) or run it on a copy of the data")
_MEMORY_MESSAGE = ("the query needed more than {mb:,} MiB and was stopped (QUALGRAPH_QUERY_WORKER_MAX_MEMORY); "
                   "narrow it down (LIMIT, more specific patterns, no ORDER BY over a large result)")
_TOO_MANY_MESSAGE = ("this client already has {n} queries running or waiting, the most one client may "
                     "(QUALGRAPH_CLIENT_MAX_QUERIES); retry when one has been answered")
_DIED_MESSAGE = "the query worker stopped while answering (out of memory?); it is being replaced"
_SIBLING_MESSAGE = ("the query worker was stopped for another query while this one ran, and this query could not "
                    "be sent again (it may have called a SERVICE, or its time ran out); please retry")


def _answer(message: tuple[Any, ...], body: bytes) -> QueryAnswer:
    if message[0] == "ok":
        _, media_type, kind, truncated_at, _size, timing = message
        return QueryAnswer(body, media_type, kind, truncated_at, timing)
    _, code, text = message
    raise ERRORS.get(code, StoreFailure)(text)


async def _readable(conn: Connection, timeout: float) -> bool:
    """Wait on the event loop until ``conn`` has data (or was closed); False after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    fd = conn.fileno()

    def wake() -> None:
        if not ready.done():
            ready.set_result(True)

    loop.add_reader(fd, wake)
    try:
        await asyncio.wait_for(ready, timeout)
        return True
    except asyncio.TimeoutError:
        return False
    finally:
        loop.remove_reader(fd)
        os.set_blocking(fd, True)  # uvloop leaves a watched descriptor non-blocking; Connection.recv needs blocking

