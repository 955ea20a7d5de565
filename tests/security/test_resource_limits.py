"""An attacker's checklist: memory, fairness, and reads while writes go on.

As the operator of a public SPARQL endpoint, I want no anonymous client to be able to exhaust the server's
memory or deny the endpoint to others: a request body is refused (413) as soon as it passes its limit, never
read whole; a query that makes its worker grow past the worker's memory budget is stopped with a clear 503,
and its worker replaced while the others serve; one client's runaway queries leave a worker for everybody
else and its queries past its share are answered 429 with ``Retry-After``. And as a reader, I want my queries
answered about as fast while the secretariat records decisions as when it does not, without ever missing the
last write.

Memory is read from outside, from ``/proc`` (``tests/security/conftest.py``): the service runs in a thread of
this process, its query workers are the pool's own child processes.
"""

from __future__ import annotations

import os
import resource
import signal
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from qualgraph.sparql.pool import WorkerPool
from qualgraph.sparql.worker import REPLICA_QUIET_SECONDS, _Snapshot
from service_support import RunningService, eventually, running_service

ADMIN = "limits-admin"
AUTH = {"Authorization": f"Bearer {ADMIN}"}
MIB = 1024 * 1024
QUERY_LIMIT = 16_384
STORE_LIMIT = 65_536
SORT_EVERYTHING = "SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
"""Sorts the cross product of the store with itself: 400 M rows at 20k triples, held in memory to be sorted."""
COUNT_FOREVER = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""Counts 8e12 rows: keeps a worker busy until the timeout in constant memory."""
SAFETY_BYTES = 1536 * MIB
"""A worker this big is killed by the test itself, so a failing test never takes the machine down."""




def triples_file(path: Path, count: int) -> Path:
    """``count`` triples in one named graph, as N-Quads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as f:
        for i in range(count):
            f.write(f'<urn:x-limits:s{i}> <urn:x-limits:p{i % 7}> "value {i}" <urn:x-limits:g> .\n')
    return path


def pool_of(service: RunningService) -> WorkerPool:
    return service.app.state.sparql._pool


def worker_pids(service: RunningService) -> list[int]:
    return pool_of(service).worker_pids()


class PeakWorkerMemory:
    """Samples the resident memory of the pool's workers every 10 ms while in the ``with`` block."""

    def __init__(self, service: RunningService, resident_bytes: Callable[[int], int]) -> None:
        self.service = service
        self.resident_bytes = resident_bytes
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            for pid in worker_pids(self.service):
                try:
                    size = self.resident_bytes(pid)
                except (OSError, ValueError, IndexError):
                    continue
                self.peak = max(self.peak, size)
                if size > SAFETY_BYTES:
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.01)

    def __enter__(self) -> "PeakWorkerMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


# -- bodies: 413, never read whole ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def small_limits(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
    with running_service(tmp_path_factory.mktemp("limits") / "store", admin_token=ADMIN, query_workers=1,
                         max_query_bytes=QUERY_LIMIT, max_graph_store_bytes=STORE_LIMIT) as service:
        yield service


def long_query() -> str:
    return "ASK { FILTER(?x != \"" + "x" * QUERY_LIMIT + "\") }"


@pytest.mark.parametrize("how", ["query", "update"])
def test_a_direct_query_or_update_over_the_limit_is_413(small_limits: RunningService, how: str) -> None:
    body = long_query() if how == "query" else "INSERT DATA { <urn:a> <urn:b> \"" + "x" * QUERY_LIMIT + "\" }"
    answer = httpx.post(small_limits.sparql_url, content=body, headers={"Content-Type": f"application/sparql-{how}",
                                                                        **AUTH})
    assert answer.status_code == 413
    assert f"{QUERY_LIMIT:,} bytes" in answer.text and "QUALGRAPH_MAX_QUERY_BYTES" in answer.text


@pytest.mark.parametrize("field", ["query", "update"])
def test_a_form_over_the_limit_is_413(small_limits: RunningService, field: str) -> None:
    answer = httpx.post(small_limits.sparql_url, data={field: long_query()}, headers=AUTH)
    assert answer.status_code == 413 and "QUALGRAPH_MAX_QUERY_BYTES" in answer.text


def test_a_query_string_over_the_limit_is_413(small_limits: RunningService) -> None:
    answer = httpx.get(small_limits.sparql_url, params={"query": long_query()})
    assert answer.status_code == 413 and "QUALGRAPH_MAX_QUERY_BYTES" in answer.text
    # a query under the limit is answered as before
    assert httpx.get(small_limits.sparql_url, params={"query": "ASK {}"}).status_code == 200


@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_a_graph_store_body_over_the_limit_is_413(small_limits: RunningService, method: str) -> None:
    body = "".join(f"<urn:x-limits:s{i}> <urn:x-limits:p> {i} .\n" for i in range(STORE_LIMIT // 30))
    assert len(body) > STORE_LIMIT
    answer = httpx.request(method, small_limits.store_url, params={"graph": "urn:x-limits:big"}, content=body,
                           headers={"Content-Type": "text/turtle", **AUTH})
    assert answer.status_code == 413
    assert f"{STORE_LIMIT:,} bytes" in answer.text and "QUALGRAPH_MAX_GRAPH_STORE_BYTES" in answer.text
    small = httpx.put(small_limits.store_url, params={"graph": "urn:x-limits:small"}, content=body[:body.index("\n", 1000) + 1],
                      headers={"Content-Type": "text/turtle", **AUTH})
    assert small.status_code in (201, 204)


@pytest.mark.parametrize("target", ["sparql", "store"])
def test_a_streamed_300_mib_body_is_refused_without_the_server_holding_it(
        small_limits: RunningService, target: str, read_resident_bytes: Callable[[int], int]) -> None:
    """A chunked body has no Content-Length to refuse it by: the server must stop reading at the limit."""
    chunk = b"#" * MIB

    def body() -> Iterator[bytes]:
        for _ in range(300):
            yield chunk

    url, params, media = ((small_limits.sparql_url, {}, "application/sparql-query") if target == "sparql" else
                          (small_limits.store_url, {"graph": "urn:x-limits:stream"}, "text/turtle"))
    server = os.getpid()  # the service runs in a thread of this process
    before = read_resident_bytes(server)
    peak = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], read_resident_bytes(server))
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        answer = httpx.post(url, params=params, content=body(), headers={"Content-Type": media, **AUTH}, timeout=60)
    finally:
        done.set()
        sampler.join()
    assert answer.status_code == 413
    assert peak[0] - before < 40 * MIB, f"the server grew by {(peak[0] - before) / MIB:.0f} MiB"


# -- a runaway query: stopped at the worker's memory budget -----------------------------------------------
def test_a_query_over_the_memory_budget_is_stopped_and_its_worker_replaced(
        tmp_path: Path, read_resident_bytes: Callable[[int], int]) -> None:
    budget = 300 * MIB
    with running_service(tmp_path / "store", data=[triples_file(tmp_path / "d.nq", 20_000)], query_workers=2,
                         query_timeout=15, query_worker_max_memory=budget) as service:
        pool = pool_of(service)
        # the backstop behind the watchdog: no worker can allocate much past its budget
        for pid in worker_pids(service):
            assert resource.prlimit(pid, resource.RLIMIT_DATA)[1] <= 1.25 * budget + 1
        started = time.monotonic()
        with PeakWorkerMemory(service, read_resident_bytes) as memory:
            answer = httpx.post(service.sparql_url, content=SORT_EVERYTHING, timeout=30,
                                headers={"Content-Type": "application/sparql-query"})
        assert answer.status_code == 503, answer.text
        assert "needed more than 300 MiB" in answer.text and "QUALGRAPH_QUERY_WORKER_MAX_MEMORY" in answer.text
        assert time.monotonic() - started < 10, "stopped for memory, not at the timeout"
        assert memory.peak < budget + 50 * MIB, f"a worker reached {memory.peak / MIB:.0f} MiB"
        assert pool.memory_stops == 1
        assert eventually(lambda: pool.restarts == 1), "the worker was not replaced"
        assert httpx.get(service.sparql_url, params={"query": "ASK {}"}).json()["boolean"] is True
        assert eventually(lambda: pool.idle_workers == 2)


# -- fairness: one client cannot take every worker ------------------------------------------------------
def test_one_clients_runaway_queries_leave_a_worker_for_everybody_else(tmp_path: Path) -> None:
    with running_service(tmp_path / "store", data=[triples_file(tmp_path / "d.nq", 20_000)], query_workers=2,
                         query_timeout=4, client_max_queries=8) as service:
        pool = pool_of(service)
        attacker = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"), timeout=30)
        answers: list[httpx.Response] = []

        def runaway() -> None:
            answers.append(attacker.post(service.sparql_url, content=COUNT_FOREVER,
                                         headers={"Content-Type": "application/sparql-query"}))

        threads = [threading.Thread(target=runaway) for _ in range(8)]
        try:
            for thread in threads:
                thread.start()
            assert eventually(lambda: pool.idle_workers < 2, 10)  # the first runaway has a worker
            time.sleep(1.0)  # and all eight are in: running, or waiting for a worker
            ninth = attacker.post(service.sparql_url, content="ASK {}",
                                  headers={"Content-Type": "application/sparql-query"})
            assert ninth.status_code == 429 and int(ninth.headers["Retry-After"]) >= 1
            assert "QUALGRAPH_CLIENT_MAX_QUERIES" in ninth.text
            started = time.monotonic()
            ask = httpx.get(service.sparql_url, params={"query": "ASK {}"}, timeout=30)  # from 127.0.0.1
            waited = time.monotonic() - started
            assert ask.status_code == 200 and ask.json()["boolean"] is True
            assert waited < 1.5, f"another client's ASK waited {waited:.1f} s"
        finally:
            for thread in threads:
                thread.join(timeout=30)
            attacker.close()
        assert all(a.status_code == 503 for a in answers)  # stopped at the timeout, or waited for it


# -- reads while writes go on ---------------------------------------------------------------------------
def test_a_trickle_of_writes_starts_no_copy_until_it_pauses(tmp_path: Path) -> None:
    """Each write sends the worker back to the disk (never a stale answer), but copies neither pile up nor
    start while writes keep coming: one copy at first, one once the writes have stopped."""
    primary = ox.Store(str(tmp_path / "store"))
    primary.bulk_extend(ox.Quad(ox.NamedNode(f"urn:x-limits:s{i}"), ox.NamedNode("urn:x-limits:p"),
                                ox.Literal(f"value {i}"), ox.NamedNode("urn:x-limits:g")) for i in range(50_000))
    primary.flush()
    # Copying threads of snapshots made by earlier tests in this process are not this worker's.
    earlier_threads = {t for t in threading.enumerate() if t.name == "qualgraph-replica"}
    snapshot = _Snapshot(tmp_path / "store", replica_max_quads=100_000)
    assert eventually(lambda: snapshot.replica is not None)
    first_copies = snapshot.copies_started
    most_copy_threads = 0
    revision = ox.NamedNode("urn:x-limits:revision")
    written_at: list[float] = []
    for n in range(30):
        written_at.append(time.monotonic())
        primary.update(f"DELETE WHERE {{ GRAPH <urn:x-limits:w> {{ <urn:x-limits:w> <{revision.value}> ?n }} }}; "
                       f"INSERT DATA {{ GRAPH <urn:x-limits:w> {{ <urn:x-limits:w> <{revision.value}> {n} }} }}")
        answering = snapshot.current()
        seen = [q.object.value for q in answering.quads_for_pattern(None, revision, None, None)]
        assert seen == [str(n)], f"write {n} is not seen: {seen}"
        most_copy_threads = max(most_copy_threads, sum(t.name == "qualgraph-replica" and t.is_alive()
                                                       and t not in earlier_threads for t in threading.enumerate()))
        time.sleep(0.03)
    assert most_copy_threads <= 1
    assert snapshot.most_copies_at_once == 1
    # On a loaded machine a write can come more than the quiet period after the one before: a copy may then
    # rightly start in that pause. Any other copy would be one that the trickle should have held back.
    pauses = sum(later - earlier >= REPLICA_QUIET_SECONDS for earlier, later in zip(written_at, written_at[1:]))
    copies = snapshot.copies_started - first_copies
    assert copies <= 1 + pauses, f"{copies} copies for 30 writes with {pauses} pauses between them"
    # once the writes pause, a copy with the last write is made and answers
    assert eventually(lambda: snapshot.replica is not None, REPLICA_QUIET_SECONDS + 20)
    assert snapshot.current() is snapshot.replica
    assert [q.object.value for q in snapshot.replica.quads_for_pattern(None, revision, None, None)] == ["29"]
    del primary


def test_reads_during_a_trickle_of_writes_stay_about_as_fast(tmp_path: Path) -> None:
    with running_service(tmp_path / "store", data=[triples_file(tmp_path / "d.nq", 50_000)], admin_token=ADMIN,
                         query_workers=2, sparql_inline_rows=0, sparql_cache_bytes=0  # every read a worker's
                         ) as service, httpx.Client(timeout=30) as client:
        def read(n: int) -> float:
            started = time.perf_counter()
            answer = client.get(service.sparql_url, params={"query": f"ASK {{ <urn:x-limits:s{n}> ?p ?o }}"})
            assert answer.status_code == 200 and answer.json()["boolean"] is True
            return time.perf_counter() - started

        assert eventually(lambda: 'desc="memory"' in client.get(
            service.sparql_url, params={"query": "ASK {}"}).headers["Server-Timing"])
        quiet = statistics.median(read(n) for n in range(100))
        during = []
        for n in range(30):
            written = client.put(service.store_url, params={"graph": "urn:x-limits:w"}, headers=AUTH | {
                "Content-Type": "text/turtle"}, content=f"<urn:x-limits:w> <urn:x-limits:revision> {n} .")
            assert written.status_code in (201, 204)
            during += [read(n * 5 + i) for i in range(5)]
        median = statistics.median(during)
        assert median < 5 * quiet + 0.02, f"median {median * 1000:.1f} ms during writes, {quiet * 1000:.1f} ms quiet"
