"""The service answers soon after it starts, whatever the size of its store.

As an operator, I restart ``qualgraph serve`` on a store of ten million triples and expect it to answer
within a second or so, as ``oxigraph serve`` does. The server does not wait for its query workers to open the
store before it listens: the first queries wait for the first worker instead. And when the workers cannot open
the store at all, a query says so at once (500, naming the store), rather than waiting out its time limit.
(How long start-up takes is measured in ``bench/bench_startup.py``, not here.)
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from qualgraph.sparql import QueryLimits, QueryRequest, StoreFailure
from qualgraph.sparql import pool as pool_module
from qualgraph.sparql.pool import WorkerPool
from qualgraph.store import EmbeddedStore

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
