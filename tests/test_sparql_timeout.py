"""A query that runs too long is stopped, and the endpoint keeps serving everyone else.

As the administrator of a public endpoint, I set ``QUALGRAPH_QUERY_TIMEOUT`` so that one careless query
(a cross product of the whole graph, say) cannot hold the server: it is stopped at the limit (its worker
process is killed, not left running in the background), its client gets 503 with a message saying why, the
spare worker takes its place at once (queries that ran beside it in that process are sent again), and the
other clients' queries are answered meanwhile. Updates made through
the endpoint are seen by every worker's next query.
"""

from __future__ import annotations

import os
import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from qualgraph.sparql import (
    EmbeddedSparqlService,
    QueryLimits,
    QueryRequest,
    QueryTimeout,
    ServiceBusy,
    open_service,
)
from qualgraph.store import EmbeddedStore
from qualgraph.config import Settings
from qualgraph.sparql.pool import WorkerPool
from service_support import RunningService, eventually, load_files, running_service

DATA = Path(__file__).parent / "fixtures" / "sparql" / "ie-nfq-eqf.trig"
ADMIN = "timeout-admin"
TIMEOUT = 1.0
# About 60 quads to the sixth power: hours of counting, and no result row before the end.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }"
QUICK = "ASK { ?level a <https://w3id.org/qualgraph/ontology#Level> }"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
    # sparql_inline_rows=0: every query goes to a worker, even a lookup the server could answer itself
    # (tests/test_sparql_inline.py), since these tests are about the workers.
    # client_max_workers=2: these tests send every query from one address, and one client holds at most
    # client_max_workers workers (default: all but one); tests/security/test_resource_limits.py tests that share
    with running_service(tmp_path_factory.mktemp("timeout") / "store", data=[DATA], admin_token=ADMIN,
                         query_timeout=TIMEOUT, query_workers=2, client_max_workers=2,
                         sparql_inline_rows=0) as running:
        yield running


def worker_pids(service: RunningService) -> set[int]:
    pool = service.app.state.sparql._pool
    return set(pool.worker_pids())


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_for_workers(service: RunningService, count: int) -> None:
    pool = service.app.state.sparql._pool
    deadline = time.monotonic() + 30
    while pool.idle_workers < count:
        assert time.monotonic() < deadline, "the pool did not get its workers back"
        time.sleep(0.05)


def test_a_query_past_the_timeout_is_answered_503_with_the_reason(service: RunningService) -> None:
    started = time.monotonic()
    response = httpx.get(service.sparql_url, params={"query": ENDLESS}, timeout=30)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "stopped after 1 s" in response.text
    assert TIMEOUT <= elapsed < TIMEOUT + 3
    wait_for_workers(service, 2)


def test_the_worker_running_a_stopped_query_is_killed_and_the_spare_takes_over(service: RunningService) -> None:
    wait_for_workers(service, 2)
    pool = service.app.state.sparql._pool
    assert eventually(lambda: len(worker_pids(service)) == 2)  # the worker and its spare
    before = worker_pids(service)
    restarts = pool.restarts
    assert httpx.get(service.sparql_url, params={"query": ENDLESS}, timeout=30).status_code == 503
    wait_for_workers(service, 2)
    assert eventually(lambda: len({pid for pid in before if not alive(pid)}) == 1)
    gone = {pid for pid in before if not alive(pid)}  # exactly the worker that ran the query: not left counting
    assert pool.restarts == restarts + 1
    assert eventually(lambda: len(worker_pids(service)) == 2), "no new spare was started"
    assert not gone & worker_pids(service)
    assert before - gone <= worker_pids(service)  # the spare is the worker now


def test_other_queries_are_answered_while_a_long_one_runs(service: RunningService) -> None:
    wait_for_workers(service, 2)
    slow: list[httpx.Response] = []
    thread = threading.Thread(target=lambda: slow.append(
        httpx.get(service.sparql_url, params={"query": ENDLESS}, timeout=30)))
    thread.start()
    time.sleep(0.2)  # the long query has a worker now
    timings = []
    for _ in range(10):
        started = time.monotonic()
        response = httpx.get(service.sparql_url, params={"query": QUICK}, timeout=30)
        timings.append(time.monotonic() - started)
        assert response.status_code == 200 and response.json()["boolean"] is True
    thread.join()
    assert slow[0].status_code == 503
    # Every one answered, none waited for the long query: a quick query that was running beside it when its
    # process was stopped is sent again to the spare, which costs it a few hundred ms on a busy machine.
    assert max(timings) < TIMEOUT
    assert sorted(timings)[len(timings) // 2] < TIMEOUT / 4


def test_the_endpoint_answers_normally_after_timeouts(service: RunningService) -> None:
    wait_for_workers(service, 2)
    for _ in range(6):  # more queries than workers: each worker answers some
        assert httpx.get(service.sparql_url, params={"query": QUICK}).json()["boolean"] is True


def test_when_every_worker_stays_busy_a_waiting_query_gets_503(tmp_path: Path) -> None:
    """Waiting for a free worker counts against the limit too (checked on the pool: HTTP has one limit)."""
    load_files(tmp_path / "store", [DATA])
    pool = WorkerPool(tmp_path / "store", size=1, limits=QueryLimits())
    pool.start()
    try:
        outcome: list[Exception] = []

        def endless() -> None:
            try:
                pool.run(QueryRequest(ENDLESS), timeout=3)
            except Exception as e:  # noqa: BLE001
                outcome.append(e)

        thread = threading.Thread(target=endless)
        thread.start()
        time.sleep(0.2)
        started = time.monotonic()
        with pytest.raises(ServiceBusy, match="busy for 0.5 s"):
            pool.run(QueryRequest(QUICK), timeout=0.5)
        assert time.monotonic() - started < 2
        thread.join()
        assert isinstance(outcome[0], QueryTimeout)
    finally:
        pool.close()


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
"""49 quads to the fourth power: 5,764,801 rows counted, 1.4 s in memory."""


def test_queries_running_beside_a_stopped_one_are_run_again_and_answered(tmp_path: Path) -> None:
    """The lanes of a worker process share it (and its copy of the store): a query stopped at its limit stops
    the process, and the queries running beside it are sent again to the spare that takes over. Their clients
    see a slower answer, not an error."""
    load_files(tmp_path / "store", [DATA])
    pool = WorkerPool(tmp_path / "store", size=2, limits=QueryLimits())  # one process, two lanes
    pool.start()
    try:
        answers: list[bytes] = []
        beside = threading.Thread(target=lambda: answers.append(pool.run(QueryRequest(SLOW), timeout=60).body))
        beside.start()
        time.sleep(0.1)  # the slow query is running in one lane
        with pytest.raises(QueryTimeout):
            pool.run(QueryRequest(ENDLESS), timeout=0.3)
        beside.join()
        assert b"5764801" in answers[0]
        assert pool.retries == 1 and pool.restarts == 1
    finally:
        pool.close()


def test_every_worker_sees_an_update_on_its_next_query(service: RunningService) -> None:
    wait_for_workers(service, 2)
    note = "ASK { <urn:x:timeout-note> ?p ?o }"
    assert httpx.get(service.sparql_url, params={"query": note}).json()["boolean"] is False
    insert = "INSERT DATA { GRAPH <https://w3id.org/qualgraph/graph/notes> { <urn:x:timeout-note> <urn:x:p> 1 } }"
    headers = {"Authorization": f"Bearer {ADMIN}"}
    assert httpx.post(service.sparql_url, data={"update": insert}, headers=headers).status_code == 204
    for _ in range(6):
        assert httpx.get(service.sparql_url, params={"query": note}).json()["boolean"] is True
    drop = "DROP GRAPH <https://w3id.org/qualgraph/graph/notes>"
    assert httpx.post(service.sparql_url, data={"update": drop}, headers=headers).status_code == 204
    for _ in range(6):
        assert httpx.get(service.sparql_url, params={"query": note}).json()["boolean"] is False


def test_the_command_line_path_stops_queries_too(tmp_path: Path) -> None:
    """``qualgraph query`` calls the same service without HTTP: the timeout holds there as well."""
    load_files(tmp_path / "store", [DATA])
    store = EmbeddedStore(tmp_path / "store")
    service = open_service(store, Settings(store=str(tmp_path / "store"), query_timeout=TIMEOUT,
                                                  query_workers=1, sparql_inline_rows=0))
    try:
        assert service.stoppable
        with pytest.raises(QueryTimeout):
            service.query(QueryRequest(ENDLESS))
        assert b"true" in service.query(QueryRequest(QUICK)).body
    finally:
        service.close()
        store.close()


def test_an_in_memory_store_can_only_stop_a_query_while_it_writes_results() -> None:
    """No other process can open an in-memory store, so queries run in a thread: the limit is checked each
    time results are written, which stops a query returning endless rows but not one still computing."""
    store = EmbeddedStore(None)
    store.oxigraph.load(path=str(DATA), format=None)
    service = EmbeddedSparqlService(store, timeout=0.2, limits=QueryLimits(max_rows=None))
    assert not service.stoppable
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        service.query(QueryRequest("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"))
    assert time.monotonic() - started < 5
    assert b"true" in service.query(QueryRequest(QUICK)).body


def test_worker_processes_end_with_the_service(tmp_path: Path) -> None:
    with running_service(tmp_path / "store", query_workers=2) as svc:
        deadline = time.monotonic() + 30
        while len(pids := worker_pids(svc)) < 2:  # the worker, and the spare once the worker is ready
            assert time.monotonic() < deadline, "the spare worker did not start"
            time.sleep(0.05)
        assert len(pids) == 2 and all(alive(p) for p in pids)
    deadline = time.monotonic() + 10
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(p) for p in pids)
    assert os.getpid() not in pids


def test_a_request_given_up_by_its_caller_stops_its_query_and_the_pool_stays_whole(tmp_path: Path) -> None:
    """A cancelled request (its client went away) must neither lose a worker nor leave its reply in the pipe."""
    load_files(tmp_path / "store", [DATA])
    pool = WorkerPool(tmp_path / "store", size=1, limits=QueryLimits())
    pool.start()
    try:
        async def give_up() -> None:
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(pool.arun(QueryRequest(ENDLESS), timeout=30), 0.5)

        asyncio.run(give_up())
        assert pool.run(QueryRequest(QUICK), timeout=30).body.count(b"true") == 1
        assert pool.restarts == 1 and pool.idle_workers == 1
    finally:
        pool.close()
