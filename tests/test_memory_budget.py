"""The service's memory does not grow with the number of writes.

As the operator of a service that agencies write to every day, I want its resident memory to stay where it
settles however many writes come in: each write must replace what was derived from the store before it (the
query workers' snapshots and in-memory copies, the comparability index), never add to it. Measured from
outside, as a host sees it: the resident memory of the server process and of each query worker, read from
``/proc``, on a generated store (the benchmark's generator) written to sixteen times, each write followed by a pause in
which the workers copy the new state into memory.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import httpx
import pytest

from qualgraph.loading import load_paths
from qualgraph.store import EmbeddedStore
from security.conftest import resident_bytes
from service_support import RunningService, eventually, running_service

BENCH = Path(__file__).resolve().parents[1] / "bench"
ADMIN = "budget-admin"
MIB = 1024 * 1024
WRITES = 16
SETTLE_WRITES = 4
"""Writes before the baseline is read: allocators, caches and the first in-memory copies settle by then."""
PAUSE_SECONDS = 1.3
"""After each write: longer than the workers' quiet period, so every write is followed by a new in-memory copy
(what a day of occasional writes does); a copy kept per write would add its size (~12 MB per worker here)."""
WORKERS_ANSWER = {"sparql_inline_rows": 0, "sparql_cache_bytes": 0}
"""Every query here goes to a worker, even a lookup or a query asked again: the workers' memory is what is measured."""
GROWTH_ALLOWED = 40 * MIB
"""Growth from the 4th to the 16th write that still counts as noise (allocator arenas, RocksDB's caches)."""


def service_memory(service: RunningService) -> int:
    """The server's resident memory (this process, which runs uvicorn in a thread) and its query workers'."""
    pool = service.app.state.sparql._pool
    workers = pool.worker_pids()
    return resident_bytes(service.app.state.server_pid) + sum(resident_bytes(pid) for pid in workers)


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generate
    spec.loader.exec_module(generate)
    folder = tmp_path_factory.mktemp("budget")
    data = folder / "synthetic.nt"
    generate.generate(data, 20_000, seed=11, frameworks=12)
    store = EmbeddedStore(folder / "store")
    load_paths(store, [data], root=folder)
    store.close()
    return folder / "store"


def write(client: httpx.Client, service: RunningService, round_: int) -> None:
    body = "".join(f'<urn:x-budget:s{i}> <urn:x-budget:p> "round {round_}, value {i}" .\n' for i in range(20))
    response = client.put(service.store_url, params={"graph": "https://w3id.org/qualgraph/graph/budget"},
                          content=body, headers={"Content-Type": "application/n-triples",
                                                 "Authorization": f"Bearer {ADMIN}"})
    assert response.status_code in (201, 204), response.text


def read(client: httpx.Client, service: RunningService, round_: int) -> None:
    """(The services here send every query to a worker: :data:`WORKERS_ANSWER`.) A query (each worker reopens its snapshot and, once writes pause, copies it) and a derived answer."""
    rows = client.get(service.sparql_url, params={"query": 'SELECT ?o { <urn:x-budget:s0> ?p ?o }'},
                      headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"]
    assert rows == [{"o": {"type": "literal", "value": f"round {round_}, value 0"}}]
    frameworks = client.get(f"{service.url}/api/frameworks").json()
    assert frameworks


def test_a_dozen_more_writes_leave_the_services_memory_where_the_first_ones_left_it(generated_store: Path) -> None:
    import os

    with running_service(generated_store, admin_token=ADMIN, query_workers=2, **WORKERS_ANSWER) as service, \
            httpx.Client(timeout=30) as client:
        service.app.state.server_pid = os.getpid()
        samples: list[int] = []
        for round_ in range(1, WRITES + 1):
            write(client, service, round_)
            read(client, service, round_)
            time.sleep(PAUSE_SECONDS)  # writes paused: the workers copy the new state into memory
            read(client, service, round_)
            if round_ in (SETTLE_WRITES, WRITES):
                samples.append(service_memory(service))
        settled, final = samples
        assert final - settled < GROWTH_ALLOWED, (
            f"{WRITES - SETTLE_WRITES} more writes grew the service from {settled / MIB:.0f} MiB to "
            f"{final / MIB:.0f} MiB")


def test_the_store_is_copied_into_memory_only_when_the_copy_fits_the_budget(generated_store: Path) -> None:
    """One setting bounds the whole service: ``QUALGRAPH_MEMORY_BUDGET``. Of it, the server keeps 512 MiB and
    the spare worker 96 MiB; the query worker gets the rest, and copies the store into memory only when the
    copy leaves it 256 MiB for its queries. With 864 MiB there is no room for any copy: the disk answers, and
    the service stays within the budget. With the default budget the same store is copied."""
    import os

    tight = 864 * MIB
    with running_service(generated_store, memory_budget=tight, **WORKERS_ANSWER) as service, httpx.Client(timeout=30) as client:
        service.app.state.server_pid = os.getpid()
        time.sleep(1.5)  # a copy, if one were started, would be under way by now
        for _ in range(5):
            answer = client.get(service.sparql_url, params={"query": "ASK { ?s ?p ?o }"})
            assert 'desc="disk"' in answer.headers["Server-Timing"]
        assert service.app.state.sparql._pool.replica_max_quads == 0
        assert service_memory(service) < tight
    with running_service(generated_store, **WORKERS_ANSWER) as service, httpx.Client(timeout=30) as client:
        def from_memory() -> bool:
            answer = client.get(service.sparql_url, params={"query": "ASK { ?s ?p ?o }"})
            return 'desc="memory"' in answer.headers["Server-Timing"]

        assert service.app.state.sparql._pool.replica_max_quads > 20_000
        assert eventually(from_memory, 30), "the default budget has room for a copy of 20k quads"
