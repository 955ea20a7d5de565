"""The service answers soon after it starts, whatever the size of its store.

As an operator, I restart ``qualgraph serve`` on a store of ten million triples and expect it to answer
within a second or so, as ``oxigraph serve`` does. The server does not wait for its query workers to open the
store before it listens: the first queries wait for the first worker instead. Nor does it wait for its web app
(FastAPI and the routes take most of a second to import): until the app is there, plain SPARQL queries are
answered, and every other request waits for the app and is answered by it. And when the workers cannot open
the store at all, a query says so at once (500, naming the store), rather than waiting out its time limit.
(How long start-up takes is measured in ``bench/bench_startup.py``, not here.)
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn

from qualgraph.config import Settings
from qualgraph.sparql import QueryLimits, QueryRequest, StoreFailure, open_service
from qualgraph.sparql import pool as pool_module
from qualgraph.sparql.pool import WorkerPool
from qualgraph.store import EmbeddedStore
from qualgraph.web.app import create_app
from qualgraph.web.server import StartingApp

ASK = QueryRequest("ASK { ?s ?p ?o }", "application/sparql-results+json", (), (), "http://127.0.0.1/sparql")


@pytest.fixture()
def store_dir(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with EmbeddedStore(path) as store:
        store.update("INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/s> "
                     "<https://example.org/p> 'o' } }")
    return path


def test_the_first_query_waits_for_a_worker_that_is_still_opening_the_store(store_dir: Path) -> None:
    pool = WorkerPool(store_dir, size=2, limits=QueryLimits())
    try:
        pool.start(wait=False)
        assert pool.idle_workers == 0  # returned before any worker reported ready
        answer = pool.run(ASK, 30)
        assert b"true" in answer.body
    finally:
        pool.close()


def test_the_other_workers_and_the_spare_start_one_after_another_once_the_first_answers(
        store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At start-up, on two cores, processes started together take the CPU from each other and from the server."""
    monkeypatch.setattr(pool_module, "MORE_WORKERS_AFTER_SECONDS", 3.0)
    pool = WorkerPool(store_dir, size=4, limits=QueryLimits(), processes=2)
    try:
        pool.start(wait=False)
        assert len(pool.worker_pids()) == 1  # the first worker only
        assert b"true" in pool.run(ASK, 30).body
        assert len(pool.worker_pids()) == 1 and pool.idle_workers == 2  # its two lanes answer; the next waits
        deadline = time.monotonic() + 30
        while pool.idle_workers < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert pool.idle_workers == 4
        while len(pool.worker_pids()) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(pool.worker_pids()) == 3  # and the spare, last
    finally:
        pool.close()


@pytest.fixture()
def not_a_store(tmp_path: Path) -> Path:
    path = tmp_path / "not-a-store"
    path.write_text("a file where the store directory should be\n")
    return path


def test_workers_that_cannot_open_the_store_fail_queries_at_once_with_the_reason(not_a_store: Path) -> None:
    pool = WorkerPool(not_a_store, size=2, limits=QueryLimits())
    try:
        pool.start(wait=False)
        started = time.monotonic()
        with pytest.raises(StoreFailure, match="could not open the store at .*not-a-store"):
            pool.run(ASK, 60)
        assert time.monotonic() - started < 30  # the reason, not the end of the query's 60 s
        with pytest.raises(StoreFailure, match="could not open the store"):  # and every query after it
            pool.run(ASK, 60)
    finally:
        pool.close()


def test_a_pool_started_and_waited_for_reports_the_failure_at_start(not_a_store: Path) -> None:
    pool = WorkerPool(not_a_store, size=1, limits=QueryLimits())
    try:
        with pytest.raises(StoreFailure, match="could not open the store"):
            pool.start()
    finally:
        pool.close()


@contextmanager
def starting_server(store_dir: Path, build: Callable[[Settings, EmbeddedStore, object], object]
                    ) -> Iterator[tuple[str, StartingApp, uvicorn.Server]]:
    """``qualgraph serve``'s server (uvicorn on a loopback port, a :class:`StartingApp`) whose web app is made by
    ``build`` on the server's own thread, as :func:`qualgraph.web.server.serve` does."""
    settings = Settings(store=str(store_dir))
    with EmbeddedStore(store_dir) as store:
        service = open_service(store, settings, wait_for_workers=False)
        server: uvicorn.Server | None = None
        app = StartingApp(lambda: build(settings, store, service), settings, service,
                          on_failure=lambda: setattr(server, "should_exit", True))
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        try:
            deadline = time.monotonic() + 30
            while not server.started and thread.is_alive() and time.monotonic() < deadline:
                time.sleep(0.01)
            yield f"http://127.0.0.1:{sock.getsockname()[1]}", app, server
        finally:
            server.should_exit = True
            thread.join(30)
            service.close()


def test_plain_queries_are_answered_before_the_web_app_is_there_and_other_requests_wait_for_it(
        store_dir: Path) -> None:
    app_may_be_made = threading.Event()

    def slow_build(settings: Settings, store: EmbeddedStore, service: object) -> object:
        app_may_be_made.wait(30)  # as the import of FastAPI and the routes takes its time
        return create_app(settings, store, service)

    with starting_server(store_dir, slow_build) as (url, app, _), ThreadPoolExecutor(1) as pool:
        ask = httpx.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                        headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert ask.status_code == 200 and ask.json()["boolean"] is True  # a worker answered it
        wrong = httpx.get(f"{url}/sparql", params={"query": "SELEC * WHERE {}"}, timeout=30)
        assert wrong.status_code == 400 and "does not parse" in wrong.text  # in the route's words
        assert not app.ready
        frameworks = pool.submit(httpx.get, f"{url}/api/frameworks", timeout=30)
        time.sleep(0.5)
        assert not frameworks.done()  # held, not refused
        app_may_be_made.set()
        assert frameworks.result().status_code == 200
        assert app.ready
        # the web app answers everything now, its own headers included
        assert httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"},
                         timeout=30).headers["access-control-allow-origin"] == "*"


def test_a_web_app_that_cannot_be_made_is_reported_and_the_server_stops(store_dir: Path) -> None:
    def broken_build(settings: Settings, store: EmbeddedStore, service: object) -> object:
        time.sleep(1.0)  # the request below arrives while the app is still being made
        raise ImportError("No module named 'fastapi'")

    with starting_server(store_dir, broken_build) as (url, app, server):
        held = httpx.get(f"{url}/api/frameworks", timeout=30)
        assert held.status_code == 503
        assert "could not start: ImportError: No module named 'fastapi'" in held.text
        assert server.should_exit
