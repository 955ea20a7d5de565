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
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .errors import ERRORS, QueryOutOfMemory, QueryTimeout, ServiceBusy, SparqlError, StoreFailure, TooManyQueries
from .execution import QueryAnswer, QueryLimits, QueryRequest

STARTUP_TIMEOUT = 60.0
"""Seconds a new worker may take to import pyoxigraph and open the store."""

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

RETRY_AFTER_SECONDS = 2
"""``Retry-After`` of a 429: one of the client's queries usually ends within that; a runaway one keeps it out."""

MIB = 1024 * 1024


def default_worker_memory(workers: int) -> int:
    """Half the machine's memory shared among ``workers`` (3 GiB each with 24 GiB and 4 workers), at least 512 MiB."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return max(512 * MIB, total // 2 // max(1, workers))


def resident_bytes(pid: int) -> int | None:
    """A process's resident memory as the kernel counts it (``/proc/PID/statm``), None once it has gone."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return None


_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


# -- the pool, in the server process --------------------------------------------------------------------
@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection
    retired: bool = False
    """Set when the worker is being replaced: it must not be handed out, nor replaced a second time."""
    holder: str | None = None
    """The client whose query the worker runs (counted against that client's share until it is given back)."""


class WorkerPool:
    """Worker processes on one store; :meth:`run` answers a query or stops it at the timeout.

    Thread-safe: each call takes an idle worker for itself (waiting up to the timeout for one), so as many
    queries run at once as there are workers, and the rest wait. The pool size is the number of queries that
    can run in parallel; the server's own threads only wait on pipes.

    Bounds, so that no query and no client can deny the endpoint to others: a worker whose resident memory
    passes ``max_memory`` while it answers is killed like one that runs past the timeout (503, code "memory");
    one client (:data:`QUERY_CLIENT`) holds at most ``client_max_workers`` workers at once, its further queries
    wait, and past ``client_max_queries`` running or waiting it is answered 429.
    """

    def __init__(self, store_path: Path, *, size: int, limits: QueryLimits, replica_max_quads: int = 0,
                 max_memory: int | None = None, client_max_queries: int | None = None,
                 client_max_workers: int | None = None) -> None:
        self.store_path = Path(store_path)
        self.size = max(1, size)
        self.limits = limits
        self.max_memory = max_memory or default_worker_memory(self.size)
        """Resident bytes a worker may reach while answering, its in-memory copy of the store included."""
        self.replica_max_quads = min(replica_max_quads, self.max_memory // 2 // REPLICA_BYTES_PER_QUAD)
        """Each worker answers from an in-memory copy of a store up to this size (0: from disk only); the copy
        counts against the memory budget, so it may take at most half of it."""
        self.client_max_queries = client_max_queries or 2 * self.size
        self.client_max_workers = max(1, client_max_workers or self.size - 1)
        self._queries_by_client: Counter[str] = Counter()
        """Queries running or waiting, by client."""
        self._workers_by_client: Counter[str] = Counter()
        """Workers held, by client."""
        self._idle: deque[_Worker] = deque()
        self._async_waiters: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[_Worker], str | None]] = deque()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.restarts = 0
        """Workers replaced after a timeout or a crash (for tests and monitoring)."""
        self.memory_stops = 0
        """Queries stopped for using more memory than ``max_memory`` (for tests and monitoring)."""

    # -- lifecycle
    def start(self) -> None:
        """Start all workers and wait until each has opened the store (the pool is warm when this returns)."""
        starting = [self._spawn() for _ in range(self.size)]
        for worker in starting:
            self._await_ready(worker)
            self._release(worker)

    def _spawn(self) -> _Worker:
        parent, child = socket.socketpair()
        env = dict(os.environ)
        src = str(Path(__file__).resolve().parents[2])  # the directory holding the qualgraph package
        env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "qualgraph.sparql.worker", "--fd", str(child.fileno()),
                 "--store", str(self.store_path), "--replica-max-quads", str(self.replica_max_quads)],
                pass_fds=(child.fileno(),), env=env, stdin=subprocess.DEVNULL,
            )
        finally:
            child.close()
        self._limit_memory(process.pid)
        conn = Connection(parent.detach())
        conn.send(self.limits)
        worker = _Worker(process, conn)
        with self._lock:
            self._all.add(worker)
        return worker

    def _limit_memory(self, pid: int) -> None:
        """The hard backstop behind the watchdog: the worker's data segment may not grow past the budget by much."""
        hard = int(self.max_memory * HARD_MEMORY_FACTOR)
        try:
            resource.prlimit(pid, resource.RLIMIT_DATA, (hard, hard))
        except (OSError, ValueError, AttributeError) as e:  # not Linux, or the worker has already gone
            print(f"qualgraph: could not limit a query worker's memory: {e}", file=sys.stderr)

    def _await_ready(self, worker: _Worker) -> None:
        if not worker.conn.poll(STARTUP_TIMEOUT):
            self._kill(worker)
            raise StoreFailure(f"a query worker did not start within {STARTUP_TIMEOUT:.0f} s")
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._kill(worker)
            raise StoreFailure(f"a query worker could not open the store at {self.store_path} "
                               "(its error is in the server log)") from None
        if not (isinstance(message, tuple) and message[0] == "ready"):
            self._kill(worker)
            raise StoreFailure(f"a query worker sent {message!r} instead of starting")

    def _kill(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        try:
            worker.process.kill()
        except OSError:
            pass
        worker.conn.close()
        try:
            worker.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another in the background, so the request that timed out returns now."""
        with self._lock:
            self._let_go(worker)
        self._dispatch()  # its client's share is free again: one of its waiting queries may take an idle worker
        if worker.retired:
            return
        worker.retired = True

        def replace() -> None:
            self._kill(worker)
            if self._closed:
                return
            try:
                fresh = self._spawn()
                self._await_ready(fresh)
            except (StoreFailure, OSError) as e:
                print(f"qualgraph: could not replace a query worker: {e}", file=sys.stderr)
                return
            if self._closed:
                self._kill(fresh)
                return
            self.restarts += 1
            self._release(fresh)

        threading.Thread(target=replace, name="qualgraph-worker-restart", daemon=True).start()

    def close(self) -> None:
        """Ask every worker to stop, and kill those that do not within a few seconds."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 5
        for worker in workers:
            try:
                worker.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            self._kill(worker)

    @property
    def idle_workers(self) -> int:
        """Workers waiting for a query (for tests and monitoring)."""
        return len(self._idle)

    # -- handing workers out
    def _release(self, worker: _Worker) -> None:
        """Give a worker back: it stops counting against its holder, and goes to the next eligible waiter."""
        with self._lock:
            self._let_go(worker)
            self._idle.append(worker)
        self._dispatch()

    def _let_go(self, worker: _Worker) -> None:
        """Stop counting ``worker`` against the client that held it (under the lock)."""
        if worker.holder is not None:
            self._workers_by_client[worker.holder] -= 1
            if self._workers_by_client[worker.holder] <= 0:
                del self._workers_by_client[worker.holder]
            worker.holder = None

    def _may_take(self, client: str | None) -> bool:
        """Whether ``client`` is under its share of the workers (under the lock)."""
        return client is None or self._workers_by_client[client] < self.client_max_workers

    def _take(self, worker: _Worker, client: str | None) -> _Worker:
        """Count ``worker`` against ``client`` (under the lock)."""
        worker.holder = client
        if client is not None:
            self._workers_by_client[client] += 1
        return worker

    def _dispatch(self) -> None:
        """Hand idle workers to the longest waiting callers whose client is under its share.

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

    async def _atake(self, timeout: float, client: str | None = None) -> _Worker:
        """An idle worker, waiting up to ``timeout`` seconds (on the caller's loop: callers of :meth:`run` in
        other threads wait on loops of their own, and :meth:`_dispatch` wakes each on its loop)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._idle and self._may_take(client):
                return self._take(self._idle.popleft(), client)
            future: asyncio.Future[_Worker] = loop.create_future()
            self._async_waiters.append((loop, future, client))
        try:
            return await asyncio.wait_for(future, timeout)
        except asyncio.TimeoutError:
            with self._lock:
                own = not self._may_take(client)
            message = _OWN_SHARE_BUSY_MESSAGE if own else _BUSY_MESSAGE
            raise ServiceBusy(message.format(timeout=timeout, n=self.client_max_workers)) from None

    # -- queries
    async def arun(self, request: QueryRequest, timeout: float) -> QueryAnswer:
        """:meth:`run` for the event loop: the worker and its reply are awaited on the loop, no thread hop."""
        if self._closed:
            raise StoreFailure("the query service is shutting down")
        client = QUERY_CLIENT.get()
        self._admit(client)
        try:
            return await self._arun(request, timeout, client)
        finally:
            self._leave(client)

    async def _arun(self, request: QueryRequest, timeout: float, client: str | None) -> QueryAnswer:
        worker = await self._atake(timeout, client)
        keep = False
        try:
            self._send(worker, request)
            stop = await self._await_answer(worker, timeout)
            if stop is not None:
                self._replace(worker)
                raise stop
            message = self._receive(worker)
            big = message[0] == "ok" and message[4] > INLINE_BYTES  # read off the loop, so no request waits on it
            body = await asyncio.to_thread(self._receive_body, worker, message) if big else self._receive_body(worker, message)
            keep = True
        finally:
            if keep:
                self._release(worker)
            else:  # anything else, a cancelled request included: its query may still run, its reply be unread
                self._replace(worker)
        return _answer(message, body)

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

    async def _await_answer(self, worker: _Worker, timeout: float) -> SparqlError | None:
        """Wait for the worker's answer while watching its resident memory: None once the answer is there,
        else why the worker must be stopped (past the timeout, or over its memory budget)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        pid = worker.process.pid
        while True:
            left = deadline - loop.time()
            if left <= 0:
                return QueryTimeout(_TIMEOUT_MESSAGE.format(timeout=timeout))
            if await _readable(worker.conn, min(left, MEMORY_CHECK_SECONDS)):
                return None
            resident = resident_bytes(pid)
            if resident is not None and resident > self.max_memory:
                self.memory_stops += 1
                return QueryOutOfMemory(_MEMORY_MESSAGE.format(mb=self.max_memory // MIB))

    def run(self, request: QueryRequest, timeout: float) -> QueryAnswer:
        """The answer to one query; :class:`QueryTimeout` (the worker is killed) after ``timeout`` seconds.

        For callers outside an event loop (the command line, tests): :meth:`arun` on a loop of its own.
        """
        return asyncio.run(self.arun(request, timeout))

    # -- one round trip; a worker that fails is replaced (and not released)
    def _send(self, worker: _Worker, request: QueryRequest) -> None:
        try:
            worker.conn.send(request)
        except OSError:
            self._replace(worker)
            raise StoreFailure("a query worker had stopped; it is being replaced, please retry") from None

    def _receive(self, worker: _Worker) -> tuple[Any, ...]:
        try:
            return worker.conn.recv()
        except (EOFError, OSError):
            error = self._died(worker)
            self._replace(worker)
            raise error from None

    def _receive_body(self, worker: _Worker, message: tuple[Any, ...]) -> bytes:
        """The result bytes that follow an "ok" header (the worker sends them unpickled)."""
        if message[0] != "ok":
            return b""
        try:
            return worker.conn.recv_bytes()
        except (EOFError, OSError):
            error = self._died(worker)
            self._replace(worker)
            raise error from None

    def _died(self, worker: _Worker) -> SparqlError:
        """Why a worker stopped while answering: an abort is an allocation refused by its hard memory limit."""
        try:
            code = worker.process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            code = None
        if code == -signal.SIGABRT:
            self.memory_stops += 1
            return QueryOutOfMemory(_MEMORY_MESSAGE.format(mb=self.max_memory // MIB))
        return StoreFailure(_DIED_MESSAGE)


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

