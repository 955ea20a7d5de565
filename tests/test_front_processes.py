"""Lookups on two cores: ``qualgraph serve`` shares its port with a front process.

As an operator on a two-core machine, I want ``/sparql`` lookups ("everything about this IRI") to use both
cores, and everything else to behave as if there were one server. The server accepts the connections and hands
every other one to its front process (the socket itself): four kept-alive connections are shared two and two, where
the kernel's ``SO_REUSEPORT`` gave all four to one process one time in eight. The front answers lookups itself
from a read-only snapshot of the store and hands every other request to the server. So, whichever process a
client reaches:

* a lookup gets the same answer and headers (``Server-Timing`` says which process answered: ``front`` or
  ``inline``);
* pages, the API, other queries, errors and writes behave as the server's own, tokens and limits included;
* a write that has returned is seen by the next lookup, in either process;
* a front that exits is started again, and the server answers meanwhile; the front ends with the server.

Each request here opens a connection of its own, so that the kernel spreads them over both processes. (What the
front gains is measured in ``bench/probe_fast_path.py``, not here.)
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from qualgraph.sparql.snapshot_lookups import SnapshotLookups
from qualgraph.config import Settings
from qualgraph.sparql import QueryRequest
from qualgraph.store import EmbeddedStore
from qualgraph.web.front import IDLE_REUSE_SECONDS

from service_support import eventually

TOKEN = "front-test-token"
LOOKUP = "SELECT ?p ?o WHERE { <https://w3id.org/qualgraph/id/framework/eqf> ?p ?o }"
SPARQL_QUERY = {"content-type": "application/sparql-query", "accept": "application/sparql-results+json"}
CONNECTIONS = 40
"""Connections per check: the chance that the kernel gives all of them to the same one of two processes is 2^-39."""


@dataclass
class Service:
    url: str
    process: subprocess.Popen
    store: Path

    def fronts(self) -> list[int]:
        return _children(self.process.pid, "qualgraph.web.front")


def _children(pid: int, marker: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                command = f.read().replace(b"\0", b" ").decode()
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid and marker in command:
            found.append(int(entry))
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(store: Path, **settings: str) -> Service:
    port = _free_port()
    env = dict(os.environ, QUALGRAPH_ADMIN_TOKEN=TOKEN, QUALGRAPH_FRONT_PROCESSES="1", QUALGRAPH_QUERY_WORKERS="2",
               **{f"QUALGRAPH_{k.upper()}": v for k, v in settings.items()})
    qualgraph = Path(sys.executable).parent / "qualgraph"
    process = subprocess.Popen([str(qualgraph), "--store", str(store), "serve", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    service = Service(f"http://127.0.0.1:{port}", process, store)
    ready = eventually(lambda: _answers(service.url) and len(service.fronts()) == 1 and _front_answers(service), 90)
    if not ready:
        process.kill()
        raise RuntimeError(f"the service did not start: {process.stderr.read().decode() if process.stderr else ''}")
    return service


def _answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def _front_answers(service: Service) -> bool:
    return "front" in {_lookup(service.url).headers.get("server-timing", "").split(";")[0] for _ in range(CONNECTIONS)}


def _stop(service: Service) -> None:
    service.process.send_signal(signal.SIGINT)
    try:
        service.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        service.process.kill()
        service.process.wait()


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Iterator[Service]:
    """``qualgraph serve`` with one front process, on an empty store (it loads the bundled data)."""
    running = _start(tmp_path_factory.mktemp("front") / "store", max_query_bytes="20000")
    try:
        yield running
    finally:
        _stop(running)


def _lookup(url: str, query: str = LOOKUP) -> httpx.Response:
    """One lookup on a connection of its own."""
    with httpx.Client(timeout=30) as client:
        return client.post(f"{url}/sparql", content=query, headers=SPARQL_QUERY)


def _each_on_its_own_connection(method: str, url: str, **kwargs) -> list[httpx.Response]:
    answers = []
    for _ in range(CONNECTIONS):
        with httpx.Client(timeout=30) as client:
            answers.append(client.request(method, url, **kwargs))
    return answers


def test_a_lookup_gets_the_same_answer_and_headers_from_either_process(service: Service) -> None:
    answers = [_lookup(service.url) for _ in range(CONNECTIONS)]
    answered_by = {a.headers["server-timing"].split(";")[0] for a in answers}
    assert answered_by == {"front", "inline"}
    assert {a.status_code for a in answers} == {200}
    assert len({a.content for a in answers}) == 1
    assert b"European Qualifications Framework" in answers[0].content
    for name in ("content-type", "vary", "cache-control"):
        assert len({a.headers.get(name) for a in answers}) == 1, name


def test_kept_alive_connections_are_shared_between_the_server_and_the_front_in_turn(service: Service) -> None:
    """A client with a pool of four connections (a portal, a load generator) gets both cores for its lookups."""
    clients = [httpx.Client(timeout=30) for _ in range(4)]
    try:
        answered_by = [client.post(f"{service.url}/sparql", content=LOOKUP, headers=SPARQL_QUERY)
                       .headers["server-timing"].split(";")[0] for client in clients]
        assert sorted(answered_by) == ["front", "front", "inline", "inline"], answered_by
        for _ in range(3):  # and each connection stays with the process it was given to
            again = [client.post(f"{service.url}/sparql", content=LOOKUP, headers=SPARQL_QUERY)
                     .headers["server-timing"].split(";")[0] for client in clients]
            assert again == answered_by
    finally:
        for client in clients:
            client.close()


def test_pages_the_api_and_other_queries_are_the_servers_whichever_process_takes_the_connection(
        service: Service) -> None:
    frameworks = _each_on_its_own_connection("GET", f"{service.url}/api/frameworks")
    assert {a.status_code for a in frameworks} == {200} and len({a.content for a in frameworks}) == 1
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?o)) }"  # not a lookup: a query worker's
    counted = _each_on_its_own_connection("POST", f"{service.url}/sparql", content=heavy, headers=SPARQL_QUERY)
    assert {a.status_code for a in counted} == {200} and len({a.content for a in counted}) == 1
    # a worker answered the first, and the server kept its answer for the others (no write came between)
    timings = [a.headers["server-timing"].split(";")[0] for a in counted]
    assert timings == ["query"] + ["cache"] * (len(counted) - 1)
    missing = _each_on_its_own_connection("GET", f"{service.url}/no/such/page", headers={"accept": "text/html"})
    assert {a.status_code for a in missing} == {404}
    assert all("text/html" in a.headers["content-type"] for a in missing)


def test_a_cross_origin_lookup_gets_the_servers_cors_headers_from_either_process(service: Service) -> None:
    answers = _each_on_its_own_connection("GET", f"{service.url}/sparql", params={"query": LOOKUP},
                                          headers={"origin": "https://agency.example", "accept": "application/sparql-results+json"})
    assert {a.status_code for a in answers} == {200}
    assert {a.headers.get("access-control-allow-origin") for a in answers} == {"*"}


def test_a_malformed_query_gets_the_servers_words_from_either_process(service: Service) -> None:
    answers = _each_on_its_own_connection("POST", f"{service.url}/sparql", content="SELECT ?x WHERE { ?x ",
                                          headers=SPARQL_QUERY)
    assert {a.status_code for a in answers} == {400}
    assert len({a.text for a in answers}) == 1 and "does not parse" in answers[0].text


def test_writes_need_the_token_whichever_process_takes_them(service: Service) -> None:
    body = b'<https://example.org/s> <https://example.org/p> "o" .'
    answers = _each_on_its_own_connection("POST", f"{service.url}/store", params={"graph": "https://example.org/t"},
                                          content=body, headers={"content-type": "application/n-triples"})
    assert {a.status_code for a in answers} == {401}


def test_a_write_that_has_returned_is_seen_by_the_next_lookup_in_either_process(service: Service) -> None:
    query = "SELECT ?o WHERE { <https://example.org/front/x> <https://example.org/front/p> ?o }"
    stale = []
    for i in range(15):
        with httpx.Client(timeout=30) as client:
            written = client.post(f"{service.url}/store", params={"graph": "https://example.org/front"},
                                  content=f'<https://example.org/front/x> <https://example.org/front/p> "v{i}" .',
                                  headers={"content-type": "application/n-triples", "authorization": f"Bearer {TOKEN}"})
        assert written.status_code in (200, 201, 204), written.text
        for _ in range(4):
            if f'"v{i}"' not in _lookup(service.url, query).text:
                stale.append(i)
    assert stale == []
    # once the front has opened a snapshot with the writes, it answers lookups itself again
    assert eventually(lambda: _front_answers(service), 30)


def test_a_body_over_the_limit_is_refused_through_either_process_and_the_service_answers_after(
        service: Service) -> None:
    too_long = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 30_000  # max_query_bytes is 20,000 here
    answers = _each_on_its_own_connection("POST", f"{service.url}/sparql", content=too_long, headers=SPARQL_QUERY)
    assert {a.status_code for a in answers} == {413}
    assert {_lookup(service.url).status_code for _ in range(CONNECTIONS)} == {200}


def test_a_front_that_exits_is_started_again_and_the_server_answers_meanwhile(tmp_path: Path) -> None:
    service = _start(tmp_path / "store")
    try:
        (front,) = service.fronts()
        os.kill(front, signal.SIGKILL)
        assert eventually(lambda: front not in service.fronts(), 10)
        assert {_lookup(service.url).status_code for _ in range(CONNECTIONS)} == {200}
        assert eventually(lambda: len(service.fronts()) == 1 and front not in service.fronts(), 30)
        assert eventually(lambda: _front_answers(service), 30)
    finally:
        fronts = service.fronts()
        _stop(service)
    # and the front ends with the server: nothing is left on the port
    assert eventually(lambda: not any(os.path.exists(f"/proc/{pid}") for pid in fronts), 15)
    assert not _answers(service.url)


def test_a_snapshot_behind_a_write_hands_the_lookup_to_the_server_until_it_is_reopened(tmp_path: Path) -> None:
    path = tmp_path / "store"
    insert = "INSERT DATA {{ GRAPH <https://example.org/g> {{ <https://example.org/s> <https://example.org/p> '{v}' }} }}"
    with EmbeddedStore(path) as store:
        store.update(insert.format(v="before"))
        lookups = SnapshotLookups(path, Settings(store=str(path)))
        request = QueryRequest("SELECT ?o WHERE { <https://example.org/s> ?p ?o }", "text/tab-separated-values",
                               (), (), "http://127.0.0.1/sparql")
        first = lookups.answer_here(request)
        assert first is not None and b"before" in first.body and first.timing.startswith("front;")
        store.update(insert.format(v="after"))
        assert lookups.answer_here(request) is None  # the snapshot is older than the write: the server answers
        assert eventually(lambda: lookups.answer_here(request) is not None, 10)
        assert b"after" in lookups.answer_here(request).body
        assert lookups.reopens_started == 1


def test_a_front_imports_neither_the_web_app_nor_the_settings_model() -> None:
    """A front starts beside a server that is starting too; what it imports is CPU taken from the server."""
    code = ("import sys\nimport qualgraph.web.front, qualgraph.web.sparql_lookups, qualgraph.sparql.snapshot_lookups\n"
            "print(sorted(m for m in ('fastapi', 'pydantic', 'rdflib', 'qualgraph.web.app', 'qualgraph.config') "
            "if m in sys.modules))")
    imported = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert imported.stdout.strip() == "[]"


def test_what_a_front_hands_on_comes_back_whole_over_its_kept_alive_connections(service: Service) -> None:
    """A front of its own, handing everything to the service's port, so that every request here goes through a
    front: query answers (one long enough to come in many pieces), the API, ``HEAD``, a body over the server's limit
    and a request after the front's connections have gone idle all come back as the server gives them."""
    settings = Settings(store=str(service.store), max_query_bytes=20000)
    listening = socket.create_server(("127.0.0.1", 0))
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    front = subprocess.Popen([sys.executable, "-m", "qualgraph.web.front", "--server", service.url,
                              "--store", str(service.store), "--no-access-log", "--handoff-fd", str(theirs.fileno())],
                             stdin=subprocess.PIPE, stderr=subprocess.DEVNULL, pass_fds=[theirs.fileno()])
    theirs.close()
    assert front.stdin is not None
    front.stdin.write(settings.model_dump_json(exclude={"admin_token", "tokens_file", "sparql_password"}).encode() + b"\n")
    front.stdin.flush()

    def hand_every_connection_to_the_front() -> None:  # as the server does, for every connection
        while True:
            try:
                connection, _ = listening.accept()
            except OSError:
                return
            socket.send_fds(ours, [b"c"], [connection.fileno()])
            connection.close()

    try:
        assert ours.recv(16) == b"ready", "the front did not start"
        threading.Thread(target=hand_every_connection_to_the_front, daemon=True).start()
        url = f"http://127.0.0.1:{listening.getsockname()[1]}"
        assert _answers(url)
        with httpx.Client(base_url=url, timeout=30) as through, httpx.Client(base_url=service.url, timeout=30) as direct:
            everything = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 5000"
            nt = {"content-type": "application/sparql-query", "accept": "application/n-triples"}
            long_answer = through.post("/sparql", content=everything, headers=nt)
            assert long_answer.status_code == 200 and len(long_answer.content) > 200_000
            assert long_answer.content == direct.post("/sparql", content=everything, headers=nt).content
            assert through.get("/api/frameworks").json() == direct.get("/api/frameworks").json()
            head = through.head("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"},
                                headers={"accept": "application/sparql-results+json"})
            assert head.status_code == 200 and head.content == b""
            assert head.headers["content-type"].startswith("application/sparql-results+json")
            too_long = through.post("/sparql", content="ASK {}" + " " * 30_000, headers=SPARQL_QUERY)
            assert too_long.status_code == 413
            time.sleep(IDLE_REUSE_SECONDS + 0.5)  # the front's kept connection is not used again, a new one is
            assert [through.get("/api/frameworks").status_code for _ in range(3)] == [200, 200, 200]
    finally:
        listening.close()
        ours.close()
        front.stdin.close()
        front.terminate()
        front.wait(timeout=30)


def test_an_answers_head_and_body_leave_in_one_write_and_a_head_alone_leaves_at_the_next_turn() -> None:
    """Each packet on loopback costs both ends; uvicorn writes a head, then a body. The server's and the fronts'
    connections send them together, in order, and never hold a head back once the event loop turns."""
    import asyncio

    from qualgraph.web.front import _OneWrite

    class Recorded:
        def __init__(self) -> None:
            self.writes: list[bytes] = []
            self.closed = False

        def write(self, data: bytes) -> None:
            self.writes.append(data)

        def close(self) -> None:
            self.closed = True

        def is_closing(self) -> bool:
            return self.closed

    head = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n"

    async def scenario() -> list[list[bytes]]:
        answered, head_only, closed = Recorded(), Recorded(), Recorded()
        one = _OneWrite(answered)
        one.write(head)
        one.write(b"ok")
        one.write(head)  # the next answer on the same connection
        one.write(b"no")
        _OneWrite(head_only).write(head)  # a HEAD answer: no body comes
        await asyncio.sleep(0)
        last = _OneWrite(closed)
        last.write(head)
        last.close()
        return [answered.writes, head_only.writes, closed.writes]

    answered, head_only, closed = asyncio.run(scenario())
    assert answered == [head + b"ok", head + b"no"]
    assert head_only == [head]
    assert closed == [head]
