"""Run the real qualgraph web service for a test: uvicorn on a free loopback port, in a background thread.

Use it when a test needs real HTTP (SPARQLWrapper, rdflib's SPARQLStore, httpx against uvicorn) rather than
FastAPI's TestClient::

    from service_support import running_service

    def test_something(tmp_path):
        with running_service(tmp_path / "store", admin_token="secret", query_timeout=2) as service:
            httpx.get(service.sparql_url, params={"query": "ASK {}"})

or start it once for a module with a fixture (startup takes about half a second: the query worker processes
open the store)::

    @pytest.fixture(scope="module")
    def service(tmp_path_factory):
        with running_service(tmp_path_factory.mktemp("svc") / "store", data=[FIXTURE]) as running:
            yield running

* ``store_path`` is an on-disk Oxigraph store directory (created if missing); queries then run in worker
  processes, as in production. Pass ``store=`` instead to serve a store object you opened (an in-memory
  ``EmbeddedStore(None)``, a ``RemoteStore``): the service does not close it.
* ``data`` files (TriG / N-Quads, or a graph syntax loaded into the graph named by ``data_graph``) are loaded
  into the store *before* the server starts, since the running server holds the store's write lock.
* Any other keyword becomes a setting (``admin_token``, ``query_timeout``, ``max_rows``, ``allow_service``,
  ``tokens_file``, ``query_workers``, ``base_url`` ...).
* The server speaks HTTP as ``qualgraph serve``'s does (:mod:`qualgraph.web.lookup_protocol`: lookups answered as
  they are read); ``server.config.http_protocol_class.answered`` counts those.
* The server is stopped, its worker processes too, when the ``with`` block ends (also on failure).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import uvicorn
from fastapi import FastAPI

from qualgraph.store import GraphStore
from qualgraph.web.app import create_app
from qualgraph.web.lookup_protocol import lookup_protocol
from qualgraph.config import Settings

STARTUP_TIMEOUT = 60.0


class ServiceDidNotStart(RuntimeError):
    """The server thread ended or did not listen in time (its exception, if any, is the cause)."""


@dataclass
class RunningService:
    """A started service: its base URL, the app (``app.state`` holds the store and services) and its server."""

    url: str
    app: FastAPI
    server: uvicorn.Server
    thread: threading.Thread
    settings: Settings

    @property
    def sparql_url(self) -> str:
        return f"{self.url}/sparql"

    @property
    def store_url(self) -> str:
        return f"{self.url}/store"

    def stop(self) -> None:
        """Ask uvicorn to exit (the lifespan then stops the query workers) and wait for the thread."""
        self.server.should_exit = True
        self.thread.join(timeout=30)
        if self.thread.is_alive():
            self.server.force_exit = True
            self.thread.join(timeout=10)


def load_files(store_path: Path, files: Iterable[Path], graph: str | None = None) -> None:
    """Load RDF files into an on-disk store (closed again afterwards, so the service can open it)."""
    store = ox.Store(str(store_path))
    try:
        for path in files:
            fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
            target = ox.NamedNode(graph) if graph and not fmt.supports_datasets else None
            store.load(path=str(path), format=fmt, to_graph=target)
        store.flush()
    finally:
        del store


def start_service(store_path: Path | None = None, *, store: GraphStore | None = None,
                  data: Iterable[Path] = (), data_graph: str | None = None, **settings: Any) -> RunningService:
    """Start the service and return once it answers; call :meth:`RunningService.stop` when done."""
    if (store_path is None) == (store is None):
        raise ValueError("give either store_path (an on-disk store) or store (an opened GraphStore)")
    if store_path is not None:
        store_path.mkdir(parents=True, exist_ok=True)
        if data:
            load_files(store_path, data, data_graph)
        settings.setdefault("store", str(store_path))
    config = Settings(**settings)
    app = create_app(config, store)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # as ``qualgraph serve`` runs it: plain /sparql lookups answered by the HTTP protocol as they are read
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                                           http=lookup_protocol(app.lookups)))
    failure: list[BaseException] = []

    def run() -> None:
        try:
            server.run(sockets=[sock])
        except BaseException as e:  # noqa: BLE001 - reported by the waiting thread
            failure.append(e)

    thread = threading.Thread(target=run, name=f"qualgraph-service-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            thread.join(timeout=10)
            sock.close()
            raise ServiceDidNotStart("the qualgraph service did not start") from (failure[0] if failure else None)
        time.sleep(0.02)
    return RunningService(f"http://127.0.0.1:{port}", app, server, thread, config)


@contextmanager
def running_service(store_path: Path | None = None, **kwargs: Any) -> Iterator[RunningService]:
    """:func:`start_service` as a context manager: the service stops when the block ends."""
    service = start_service(store_path, **kwargs)
    try:
        yield service
    finally:
        service.stop()


def eventually(condition: Callable[[], bool], seconds: float = 30) -> bool:
    """Whether ``condition`` becomes true within ``seconds`` (polled every 20 ms): for what a background
    thread or process does after a request returns (a worker's in-memory copy, a replaced worker)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def counts_seen_while(store: Callable[[], ox.Store], graph: str, act: Callable[[], None]) -> set[int]:
    """The quad counts of ``graph`` that queries on ``store()`` saw, one after another on a thread of their own,
    while ``act()`` ran: for a write that readers must see whole or not at all (one count per state)."""
    counts: set[int] = set()
    done = threading.Event()
    text = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"

    def count() -> None:
        while not done.is_set():
            counts.add(int(next(iter(store().query(text)))["n"].value))

    reader = threading.Thread(target=count)
    reader.start()
    try:
        act()
    finally:
        done.set()
        reader.join()
    return counts


def level_9_turtle(rank: int, note: str) -> bytes:
    """A Philippine PQF level 9 as a submission sends it, with its rank and an editorial note filled in."""
    template = (Path(__file__).parent / "fixtures" / "submissions" / "ph-pqf-level-9-with-rank-and-note.ttl.in")
    return template.read_text().replace("RANK", str(rank)).replace("NOTE", note).encode("utf-8")
