"""Stoppable query execution: a warm pool of worker processes that open the on-disk store read-only.

pyoxigraph has no query timeout and a running query cannot be interrupted from Python, so a query that
must be stoppable has to run where it can be killed: in another process. Each worker opens the store with
``Store.read_only(path)``, receives :class:`~qualgraph.sparql_service.QueryRequest` objects over a pipe, runs
:func:`~qualgraph.sparql_service.run_query` and sends back the serialised bytes. When a query runs past the
timeout the worker is killed (SIGKILL; a read-only RocksDB instance has nothing to lose) and a new one is
started in the background, while the other workers keep serving.

Seeing writes: a read-only store is a snapshot taken when it opens (measured: writes made afterwards stay
invisible until it is reopened; reopening takes 10-40 ms). Before each query a worker compares the store
directory's modification time and the size of its newest write-ahead log (``*.log``) with what they were
when it opened, and reopens the store when they changed. Every committed write appends to that log, so a
query sent after an update returns is answered from a snapshot that includes it, whoever made the write.

pyoxigraph 0.5 has no ``Store.secondary`` (a RocksDB secondary that catches up with the primary), hence
the reopening. Measured with 4 concurrent clients on loopback on 2 cores (``bench/bench_http.py``, the
comparability query at 1M triples): a worker spends ~10.5 ms of CPU on that query (in-process pyoxigraph
~7.5 ms single-threaded), and is idle ~2 ms between queries while the server sends its answer and hands it
the next query. Hence two workers per core by default, and a hand-off that stays on the event loop.

Workers are started with ``python -m qualgraph.web.query_worker`` (a clean interpreter, not a fork of the
server: pyoxigraph's store must not be forked, and multiprocessing's "spawn" would re-import the server's
``__main__``); the two ends talk through a socket pair wrapped in multiprocessing's ``Connection``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Iterator

from ..sparql_service import (
    ERRORS,
    QueryAnswer,
    QueryLimits,
    QueryRequest,
    QueryTimeout,
    ServiceBusy,
    SparqlError,
    StoreFailure,
)

STARTUP_TIMEOUT = 60.0
"""Seconds a new worker may take to import pyoxigraph and open the store."""

INLINE_BYTES = 256 * 1024
"""Results up to this size are read on the event loop; bigger ones in a thread, so no request waits on them."""


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


class _TooBig(Exception):
    """The store holds more quads than an in-memory copy may."""


class _Snapshot:
    """A read-only store that reopens itself when the store on disk has changed, and a copy of it in memory.

    Oxigraph's in-memory store answers the same queries 2-3x faster than RocksDB (bench/README.md), so when
    the store holds at most ``replica_max_quads`` quads a thread copies the snapshot into memory, and queries
    are answered from the copy once it is complete. Until then, and again from the moment the store on disk
    changes until the next copy is complete, they are answered from the read-only snapshot: an answer never
    comes from a copy older than the last write.
    """

    def __init__(self, path: Path, replica_max_quads: int = 0) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self.path = path
        self.replica_max_quads = replica_max_quads
        self.store: Any = None
        self.replica: Any = None
        """The in-memory copy of ``store`` (None while it is being made, or when the store is too big)."""
        self.signature: tuple[int, str, int] = (0, "", 0)
        self._lock = threading.Lock()
        self.reopen()

    def reopen(self) -> None:
        last: Exception | None = None
        for attempt in range(5):
            signature = store_signature(self.path)
            try:
                with self._lock:
                    self.replica = None  # older than what is on disk now
                self.store = None  # close the old snapshot before opening the new one
                self.store = self._ox.Store.read_only(str(self.path))
                self.signature = signature
                self.reopens += 1
                self._copy_to_memory(self.store, signature)
                return
            except (OSError, RuntimeError) as e:  # the primary was switching files ("Corruption ... No such
                last = e                               # file" while it compacts): try again
                time.sleep(0.02 * (attempt + 1))
        raise OSError(f"cannot open the store read-only at {self.path}: {last}")

    reopens = 0

    def _copy_to_memory(self, source: Any, signature: tuple[int, str, int]) -> None:
        """Start copying ``source`` into an in-memory store; it becomes the replica if nothing changed meanwhile."""
        if self.replica_max_quads <= 0:
            return

        def quads() -> Iterator[Any]:
            # Quads carry their blank nodes' ids: the copy answers with the same labels as the disk.
            for count, quad in enumerate(source.quads_for_pattern(None, None, None, None), start=1):
                if count > self.replica_max_quads:
                    raise _TooBig()
                yield quad

        def copy() -> None:
            memory = self._ox.Store()
            try:
                memory.bulk_extend(quads())
            except _TooBig:
                return  # too big to keep in memory: stay on disk
            except (OSError, RuntimeError):
                return  # the snapshot's files were compacted away: the next reopen copies again
            with self._lock:
                if self.signature == signature and self.store is source:
                    self.replica = memory

        threading.Thread(target=copy, name="qualgraph-replica", daemon=True).start()

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
        """The store to answer from: the in-memory copy when it is complete and current, else the snapshot."""
        if self.changed():
            self.reopen()
        replica = self.replica
        return replica if replica is not None else self.store


def worker_main(conn: Connection, store_path: Path, replica_max_quads: int = 0) -> None:
    """Serve queries from ``conn`` until it closes: the body of a worker process."""
    from ..sparql_service import run_query

    limits: QueryLimits = conn.recv()
    snapshot = _Snapshot(store_path, replica_max_quads)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            started = time.perf_counter()
            store = snapshot.current()
            try:
                answer = run_query(store, request, limits)
            except (StoreFailure, RuntimeError, OSError):
                # A snapshot whose files the primary has compacted away (RocksDB reports "Corruption ...
                # No such file" as a RuntimeError or OSError): reopen once and retry.
                snapshot.reopen()
                store = snapshot.current()
                answer = run_query(store, request, limits)
            source = "memory" if store is snapshot.replica else "disk"
            timing = f'query;dur={(time.perf_counter() - started) * 1000:.2f};desc="{source}"'
            # The header first, then the bytes unpickled: the server reads a big body off its event loop.
            conn.send(("ok", answer.media_type, answer.kind, answer.truncated_at, len(answer.body), timing))
            conn.send_bytes(answer.body)
        except SparqlError as e:
            conn.send(("error", e.code, str(e)))
        except Exception as e:  # noqa: BLE001 - the worker must answer whatever happens
            conn.send(("error", StoreFailure.code, f"the query failed: {type(e).__name__}: {e}"))


def _main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="qualgraph query worker (started by the web service)")
    parser.add_argument("--fd", type=int, required=True, help="socket to the server")
    parser.add_argument("--store", type=Path, required=True, help="store directory, opened read-only")
    parser.add_argument("--replica-max-quads", type=int, default=0,
                        help="answer from an in-memory copy of a store of at most this many quads (0: never)")
    args = parser.parse_args(argv)
    conn = Connection(args.fd)
    try:
        worker_main(conn, args.store, args.replica_max_quads)
    finally:
        conn.close()


# -- the pool, in the server process --------------------------------------------------------------------
@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection
    retired: bool = False
    """Set when the worker is being replaced: it must not be handed out, nor replaced a second time."""


class WorkerPool:
    """Worker processes on one store; :meth:`run` answers a query or stops it at the timeout.

    Thread-safe: each call takes an idle worker for itself (waiting up to the timeout for one), so as many
    queries run at once as there are workers, and the rest wait. The pool size is the number of queries that
    can run in parallel; the server's own threads only wait on pipes.
    """

    def __init__(self, store_path: Path, *, size: int, limits: QueryLimits, replica_max_quads: int = 0) -> None:
        self.store_path = Path(store_path)
        self.size = max(1, size)
        self.limits = limits
        self.replica_max_quads = replica_max_quads
        """Each worker answers from an in-memory copy of a store up to this size (0: from disk only)."""
        self._idle: deque[_Worker] = deque()
        self._async_waiters: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[_Worker]]] = deque()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.restarts = 0
        """Workers replaced after a timeout or a crash (for tests and monitoring)."""

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
                [sys.executable, "-m", "qualgraph.web.query_worker", "--fd", str(child.fileno()),
                 "--store", str(self.store_path), "--replica-max-quads", str(self.replica_max_quads)],
                pass_fds=(child.fileno(),), env=env, stdin=subprocess.DEVNULL,
            )
        finally:
            child.close()
        conn = Connection(parent.detach())
        conn.send(self.limits)
        worker = _Worker(process, conn)
        with self._lock:
            self._all.add(worker)
        return worker

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
        """Give an idle worker to the longest waiting caller, or keep it for the next one.

        A waiting request on the event loop gets it by ``set_result`` on its own loop: no thread hop. (Waiting
        in a thread-pool thread instead made every hand-off wait for the GIL, up to the 5 ms switch interval:
        with as many workers as cores, workers sat idle between queries and throughput halved.)
        """
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        with self._lock:
            while self._async_waiters:
                loop, future = self._async_waiters.popleft()
                if future.done():
                    continue  # that caller gave up waiting
                try:
                    (loop.call_soon if loop is running else loop.call_soon_threadsafe)(_hand_over, future, worker, self)
                except RuntimeError:  # its loop has closed
                    continue
                return
            self._idle.append(worker)

    async def _atake(self, timeout: float) -> _Worker:
        """An idle worker, waiting up to ``timeout`` seconds (on the caller's loop: callers of :meth:`run` in
        other threads wait on loops of their own, and :meth:`_release` wakes each on its loop)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._idle:
                return self._idle.popleft()
            future: asyncio.Future[_Worker] = loop.create_future()
            self._async_waiters.append((loop, future))
        try:
            return await asyncio.wait_for(future, timeout)
        except asyncio.TimeoutError:
            raise ServiceBusy(_BUSY_MESSAGE.format(timeout=timeout)) from None

    # -- queries
    async def arun(self, request: QueryRequest, timeout: float) -> QueryAnswer:
        """:meth:`run` for the event loop: the worker and its reply are awaited on the loop, no thread hop."""
        if self._closed:
            raise StoreFailure("the query service is shutting down")
        worker = await self._atake(timeout)
        keep = False
        try:
            self._send(worker, request)
            if not await _readable(worker.conn, timeout):
                self._replace(worker)
                raise QueryTimeout(_TIMEOUT_MESSAGE.format(timeout=timeout))
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
            self._replace(worker)
            raise StoreFailure(_DIED_MESSAGE) from None

    def _receive_body(self, worker: _Worker, message: tuple[Any, ...]) -> bytes:
        """The result bytes that follow an "ok" header (the worker sends them unpickled)."""
        if message[0] != "ok":
            return b""
        try:
            return worker.conn.recv_bytes()
        except (EOFError, OSError):
            self._replace(worker)
            raise StoreFailure(_DIED_MESSAGE) from None


def _hand_over(future: "asyncio.Future[_Worker]", worker: _Worker, pool: WorkerPool) -> None:
    """On the waiter's loop: give it the worker, or release it again if the waiter gave up meanwhile."""
    if future.done():
        pool._release(worker)
    else:
        future.set_result(worker)


_BUSY_MESSAGE = "every query worker stayed busy for {timeout:g} s; try again later"
_TIMEOUT_MESSAGE = ("the query was stopped after {timeout:g} s, the time limit of this endpoint; narrow it down "
                    "(LIMIT, more specific patterns) or run it on a copy of the data")
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


if __name__ == "__main__":
    _main()
