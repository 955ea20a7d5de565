"""An anonymous caller tries to make the endpoint fetch from hosts behind it; nothing is fetched, whatever the spelling.

The attacker's checklist: a loopback listener stands in for a host behind the server (it answers like a
SPARQL endpoint, so a fetch that got through would also succeed). Each spelling of SERVICE (and, with the
administrator's token, LOAD and SERVICE inside an update) goes to the real service over HTTP, by GET, by a
POSTed form and by a POSTed query. Each must be refused, the listener must see no connection, the store must
be unchanged, and the service must still answer. Two layers stand in the way: the text check (rdflib's
grammar) and, under it, the sandbox: the query workers and the update thread cannot open network sockets at
all while no endpoint is allowed. The checklist ends with the allow list (exact, normalised, one request per
allowed SERVICE) and with the sandbox on its own: the check switched off, nothing is fetched either.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from service_support import RunningService, running_service

from qualgraph.sparql.federation import service_allowed

ADMIN = "federation-admin-token"
DATA = """<urn:x:g> { <urn:x:s> <urn:x:p> "kept" . }\n"""
TRIPLE = "{ ?a ?b ?c }"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
    """The service as deployed by default: no endpoint allowed, on-disk store, real query workers."""
    folder = tmp_path_factory.mktemp("federation")
    data = folder / "data.trig"
    data.write_text(DATA)
    with running_service(folder / "store", data=[data], admin_token=ADMIN, query_workers=2,
                         query_timeout=10) as running:
        yield running


def quads(service: RunningService) -> set[tuple[str, ...]]:
    """Everything in the store, read through the endpoint."""
    response = httpx.get(service.sparql_url, params={"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"},
                         headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    return {tuple(row[v]["value"] for v in ("g", "s", "p", "o")) for row in rows}


def still_answers(service: RunningService) -> bool:
    response = httpx.get(service.sparql_url, params={"query": "ASK {}"},
                         headers={"Accept": "application/sparql-results+json"}, timeout=30)
    return response.status_code == 200 and response.json()["boolean"] is True


def send_query(service: RunningService, query: str, transport: str) -> httpx.Response:
    if transport == "GET":
        return httpx.get(service.sparql_url, params={"query": query}, timeout=30)
    if transport == "form":
        return httpx.post(service.sparql_url, data={"query": query}, timeout=30)
    return httpx.post(service.sparql_url, content=query.encode(),
                      headers={"Content-Type": "application/sparql-query"}, timeout=30)


def send_update(service: RunningService, update: str, transport: str) -> httpx.Response:
    auth = {"Authorization": f"Bearer {ADMIN}"}
    if transport == "form":
        return httpx.post(service.sparql_url, data={"update": update}, headers=auth, timeout=30)
    return httpx.post(service.sparql_url, content=update.encode(),
                      headers={**auth, "Content-Type": "application/sparql-update"}, timeout=30)


def escaped(text: str) -> str:
    """Every character as a SPARQL codepoint escape (``\\u0053`` for S)."""
    return "".join(f"\\u{ord(c):04X}" for c in text)


# {U}: the listener's URL ("http://127.0.0.1:PORT/"), {A}: its authority ("127.0.0.1:PORT"), {P}: its port
QUERY_SPELLINGS = {
    "SERVICE <url>": "SELECT * WHERE {{ SERVICE <{U}> {T} }}",
    "lower case": "select * where {{ service <{U}> {T} }}",
    "mixed case": "SELECT * WHERE {{ SeRvIcE <{U}> {T} }}",
    "SERVICE:x with an empty prefix": "PREFIX : <{U}> SELECT * WHERE {{ SERVICE:x {T} }}",
    "SERVICE SILENT:x": "PREFIX : <{U}> SELECT * WHERE {{ SERVICE SILENT:x {T} }}",
    "prefixed name": "PREFIX evil: <{U}> SELECT * WHERE {{ SERVICE evil:sparql {T} }}",
    "no space: SERVICE<url>": "SELECT * WHERE {{ SERVICE<{U}>{T} }}",
    "SERVICE SILENT": "SELECT * WHERE {{ SERVICE SILENT <{U}> {T} }}",
    "comment between keyword and IRI": "SELECT * WHERE {{ SERVICE#c\n<{U}> {T} }}",
    "codepoint-escaped keyword": "SELECT * WHERE {{ \\u0053ERVICE <{U}> {T} }}",
    "codepoint-escaped IRI": "SELECT * WHERE {{ SERVICE <{E}> {T} }}",
    "in OPTIONAL": "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{U}> {T} }} }}",
    "in UNION": "SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{U}> {T} }} }}",
    "in a subquery": "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{U}> {T} }} }} }}",
    "in FILTER EXISTS": "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{U}> {T} }} }}",
    "in MINUS": "SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{U}> {T} }} }}",
    "in BIND(EXISTS)": "SELECT * WHERE {{ BIND(EXISTS {{ SERVICE <{U}> {T} }} AS ?x) }}",
    "in ORDER BY": "SELECT * WHERE {{ ?s ?p ?o }} ORDER BY (EXISTS {{ SERVICE <{U}> {T} }})",
    "ASK": "ASK {{ SERVICE <{U}> {T} }}",
    "CONSTRUCT": "CONSTRUCT {{ ?a ?b ?c }} WHERE {{ SERVICE <{U}> {T} }}",
    "DESCRIBE": "DESCRIBE ?a WHERE {{ SERVICE <{U}> {T} }}",
    "BASE-relative IRI": "BASE <{U}> SELECT * WHERE {{ SERVICE <x> {T} }}",
    "scheme-relative IRI": "SELECT * WHERE {{ SERVICE <//{A}/> {T} }}",
    "variable bound by VALUES": "SELECT * WHERE {{ VALUES ?e {{ <{U}> }} SERVICE ?e {T} }}",
    "variable bound by BIND": "SELECT * WHERE {{ BIND(<{U}> AS ?e) SERVICE ?e {T} }}",
    "dot-segments": "SELECT * WHERE {{ SERVICE <{U}allowed/../other> {T} }}",
    "percent-encoded dots": "SELECT * WHERE {{ SERVICE <{U}allowed/%2e%2e/other> {T} }}",
    "userinfo": "SELECT * WHERE {{ SERVICE <http://allowed@{A}/> {T} }}",
    "upper-case scheme and host": "SELECT * WHERE {{ SERVICE <HTTP://LOCALHOST:{P}/> {T} }}",
    "explicit port": "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{P}/sparql> {T} }}",
}

UPDATE_SPELLINGS = {
    "LOAD <url>": "LOAD <{U}> INTO GRAPH <urn:x:loaded>",
    "lower case": "load <{U}> into graph <urn:x:loaded>",
    "LOAD:x with an empty prefix": "PREFIX : <{U}> LOAD:x INTO GRAPH <urn:x:loaded>",
    "no space: LOAD<url>": "LOAD<{U}>INTO GRAPH<urn:x:loaded>",
    "LOAD SILENT": "LOAD SILENT <{U}> INTO GRAPH <urn:x:loaded>",
    "comment between keyword and IRI": "LOAD#c\n<{U}> INTO GRAPH <urn:x:loaded>",
    "codepoint-escaped keyword": "\\u004COAD <{U}> INTO GRAPH <urn:x:loaded>",
    "BASE-relative IRI": "BASE <{U}> LOAD <x> INTO GRAPH <urn:x:loaded>",
    "after an insert": "INSERT DATA {{ GRAPH <urn:x:loaded> {{ <urn:x:a> <urn:x:b> <urn:x:c> }} }} ; LOAD <{U}>",
    "userinfo": "LOAD <http://allowed@{A}/> INTO GRAPH <urn:x:loaded>",
    "SERVICE in the WHERE": "INSERT {{ GRAPH <urn:x:loaded> {{ ?a ?b ?c }} }} WHERE {{ SERVICE <{U}> {T} }}",
    "SERVICE:x in the WHERE": "PREFIX : <{U}> INSERT {{ GRAPH <urn:x:loaded> {{ ?a ?b ?c }} }} WHERE {{ SERVICE:x {T} }}",
    "SERVICE SILENT in DELETE/INSERT":
        "DELETE {{ ?s ?p ?o }} INSERT {{ GRAPH <urn:x:loaded> {{ ?a ?b ?c }} }} "
        "WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE SILENT <{U}> {T} }} }}",
    "SERVICE in DELETE WHERE's neighbour": "DELETE WHERE {{ ?s ?p ?o }} ; INSERT {{ GRAPH <urn:x:loaded> "
                                           "{{ ?a ?b ?c }} }} WHERE {{ SERVICE <{U}> {T} }}",
}


def spell(template: str, url: str) -> str:
    authority = url.split("/")[2]
    port = authority.rsplit(":", 1)[1]
    return template.format(U=url, A=authority, P=port, T=TRIPLE, E=escaped(url))


@pytest.mark.parametrize("transport", ["GET", "form", "sparql-query"])
@pytest.mark.parametrize("spelling", list(QUERY_SPELLINGS))
def test_a_query_cannot_make_the_server_fetch(service: RunningService, listener, spelling: str,
                                              transport: str) -> None:
    before = quads(service)
    response = send_query(service, spell(QUERY_SPELLINGS[spelling], listener.url), transport)
    assert response.status_code == 400, response.text
    assert "fetched" not in response.text
    assert listener.connections == 0
    assert quads(service) == before
    assert still_answers(service)


@pytest.mark.parametrize("transport", ["form", "sparql-update"])
@pytest.mark.parametrize("spelling", list(UPDATE_SPELLINGS))
def test_an_update_cannot_make_the_server_fetch_even_with_the_admin_token(service: RunningService, listener,
                                                                          spelling: str, transport: str) -> None:
    before = quads(service)
    response = send_update(service, spell(UPDATE_SPELLINGS[spelling], listener.url), transport)
    assert response.status_code == 400, response.text
    assert listener.connections == 0
    assert quads(service) == before
    assert still_answers(service)


def test_the_refusal_says_why_and_how_to_allow(service: RunningService, listener) -> None:
    response = send_query(service, spell(QUERY_SPELLINGS["SERVICE:x with an empty prefix"], listener.url), "GET")
    assert response.status_code == 400
    assert "refused" in response.text and "QUALGRAPH_ALLOW_SERVICE" in response.text


def test_service_in_a_string_or_a_name_is_no_service_call(service: RunningService, listener) -> None:
    query = ('PREFIX service: <urn:x:service#> PREFIX load: <urn:x:load#>\n'
             'SELECT ?o ?note WHERE { GRAPH ?g { ?s ?p ?o } '
             'BIND("customer service: LOAD <http://10.0.0.1/> and SERVICE <http://10.0.0.1/> {}" AS ?note) '
             'OPTIONAL { ?s service:desk load:bay } }')
    response = send_query(service, query, "GET")
    assert response.status_code == 200, response.text
    assert "kept" in response.text and "customer service" in response.text
    assert listener.connections == 0


# -- the allow list -----------------------------------------------------------------------------------------
def test_an_allowed_endpoint_is_queried_once_and_only_it(tmp_path: Path, listener) -> None:
    allowed = f"{listener.url}allowed/"
    with running_service(tmp_path / "store", allow_service=allowed, query_workers=1) as svc:
        response = send_query(svc, f"SELECT * WHERE {{ SERVICE <{allowed}sparql> {TRIPLE} }}", "GET")
        assert response.status_code == 200, response.text
        assert "fetched" in response.text
        assert listener.connections == 1  # exactly one request: nothing retried it
        for iri in (f"{listener.url}allowed/../other", f"{listener.url}allowed/%2E%2E/other",
                    f"{listener.url}allowedother", f"{listener.url}other",
                    f"http://allowed@{listener.url.split('/')[2]}/allowed/", f"{allowed}..%2Fother"):
            response = send_query(svc, f"SELECT * WHERE {{ SERVICE <{iri}> {TRIPLE} }}", "GET")
            assert response.status_code == 400, (iri, response.text)
        variable = f"SELECT * WHERE {{ VALUES ?e {{ <{allowed}sparql> }} SERVICE ?e {TRIPLE} }}"
        assert send_query(svc, variable, "GET").status_code == 400
        assert listener.connections == 1


def test_an_allowed_endpoint_that_fails_is_not_asked_twice(tmp_path: Path) -> None:
    """A worker used to retry any failed query once, so a SERVICE request went out twice."""
    with failing_endpoint() as endpoint, running_service(tmp_path / "store", allow_service=endpoint.url,
                                                         query_workers=1) as svc:
        response = send_query(svc, f"SELECT * WHERE {{ SERVICE <{endpoint.url}sparql> {TRIPLE} }}", "GET")
        assert response.status_code >= 400
        assert endpoint.connections == 1


class failing_endpoint:
    """A loopback endpoint that answers every request with an HTML page (Oxigraph cannot read it: an error)."""

    def __enter__(self) -> failing_endpoint:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()
        return self

    def _serve(self) -> None:
        page = b"<html>no</html>"
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            with conn:
                try:
                    conn.settimeout(1)
                    conn.recv(65536)
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
                                 + f"Content-Length: {len(page)}\r\n\r\n".encode() + page)
                except OSError:
                    pass

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.mark.parametrize(("iri", "allow", "expected"), [
    ("http://h.example/sparql", "http://h.example/sparql", True),
    ("http://h.example/sparql/x", "http://h.example/sparql", True),
    ("http://h.example/sparqlx", "http://h.example/sparql", False),
    ("http://h.example:80/sparql", "http://h.example/sparql", True),           # default port filled in
    ("https://h.example:443/sparql", "https://h.example/sparql", True),
    ("http://h.example:8080/sparql", "http://h.example/sparql", False),
    ("https://h.example/sparql", "http://h.example/sparql", False),            # scheme matters
    ("HTTP://H.EXAMPLE/sparql", "http://h.example/sparql", True),              # scheme and host: any case
    ("http://h.example./sparql", "http://h.example/sparql", True),
    ("http://h.example/Sparql", "http://h.example/sparql", False),             # path: case-sensitive
    ("http://h.example/%73parql", "http://h.example/sparql", True),            # unreserved escapes decoded
    ("http://h.example/sparql/../admin", "http://h.example/sparql/", False),
    ("http://h.example/sparql/%2e%2E/admin", "http://h.example/sparql/", False),
    ("http://h.example/sparql/..%2Fadmin", "http://h.example/sparql/", False),  # escaped slash: refused
    ("http://h.example/sparql\\..\\admin", "http://h.example/sparql/", False),
    ("http://h.example/sparql/./x", "http://h.example/sparql/", True),
    ("http://h.example@evil.example/sparql", "http://h.example/", False),     # userinfo
    ("http://user:pw@h.example/sparql", "http://h.example/", False),
    ("http://evil.example#@h.example/", "http://h.example/", False),
    ("http://h.example.evil.example/", "http://h.example", False),
    ("http://%68.example/", "http://h.example/", False),                      # escaped host
    ("http://bücher.example/", "http://xn--bcher-kva.example/", True),        # IDNA
    ("ftp://h.example/", "ftp://h.example/", False),                          # http(s) only
    ("file:///etc/passwd", "file:///", False),
    ("//h.example/sparql", "http://h.example/", False),                       # relative
    (None, "http://h.example/", False),                                       # a variable
    ("http://127.0.0.1:3030/ds", "http://127.0.0.1:", True),                  # "host:" = any port
    ("http://127.0.0.2:3030/ds", "http://127.0.0.1:", False),
    ("http://anything.example/", "*", True),
])
def test_the_allow_list_compares_endpoints_not_strings(iri: str | None, allow: str, expected: bool) -> None:
    assert service_allowed(iri, (allow,)) is expected


# -- the sandbox on its own -----------------------------------------------------------------------------------
SANDBOX_PROBE = textwrap.dedent("""
    import json, socket, sys, threading
    from qualgraph.sandbox import network_refused, refuse_network
    port = int(sys.argv[1])
    out = {}
    def attempt(key):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            out[key] = "connected"
        except OSError as e:
            out[key] = type(e).__name__
    if sys.argv[2] == "thread":
        worker = threading.Thread(target=lambda: (refuse_network(), attempt("filtered thread")))
        worker.start(); worker.join()
        attempt("other thread")
    else:
        out["installed"] = refuse_network(all_threads=True) and network_refused()
        attempt("process")
        later = threading.Thread(target=attempt, args=("thread started later",)); later.start(); later.join()
        a, b = socket.socketpair()
        a.sendall(b"ok")
        out["socketpair"] = b.recv(2).decode()
        try:
            socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
            out["udp6"] = "opened"
        except OSError as e:
            out["udp6"] = type(e).__name__
    print(json.dumps(out))
""")


def run_probe(port: int, mode: str) -> dict[str, object]:
    result = subprocess.run([sys.executable, "-c", SANDBOX_PROBE, str(port), mode], capture_output=True,
                            text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def test_the_sandbox_refuses_network_sockets_and_keeps_pipes(listener) -> None:
    assert run_probe(listener.port, "process") == {
        "installed": True, "process": "PermissionError", "thread started later": "PermissionError",
        "socketpair": "ok", "udp6": "PermissionError"}
    assert listener.connections == 0


def test_the_sandbox_of_one_thread_leaves_the_others_alone(listener) -> None:
    assert run_probe(listener.port, "thread") == {"filtered thread": "PermissionError", "other thread": "connected"}
    assert listener.connections == 1


SWITCH_OFF_THE_CHECK = """
import qualgraph.sparql.execution as e, qualgraph.sparql.service as s
e.check_federation = s.check_federation = lambda *args, **kwargs: None
"""


@pytest.mark.parametrize("kind", ["query", "update"])
def test_with_the_text_check_switched_off_the_sandbox_alone_stops_the_fetch(
        tmp_path: Path, listener, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    # The query workers import this sitecustomize at start; the server process gets the same patch directly.
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(SWITCH_OFF_THE_CHECK)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "site"))
    monkeypatch.setattr("qualgraph.sparql.execution.check_federation", lambda *args, **kwargs: None)
    monkeypatch.setattr("qualgraph.sparql.service.check_federation", lambda *args, **kwargs: None)
    with running_service(tmp_path / "store", admin_token=ADMIN, query_workers=1) as svc:
        if kind == "query":
            response = send_query(svc, f"SELECT * WHERE {{ SERVICE <{listener.url}> {TRIPLE} }}", "GET")
        else:
            response = send_update(svc, f"LOAD <{listener.url}> INTO GRAPH <urn:x:loaded>", "form")
        assert response.status_code == 400, response.text
        assert "no route to other hosts" in response.text
        assert listener.connections == 0
        assert quads(svc) == set()
        assert still_answers(svc)


# -- where no sandbox stands behind it, the text check fails closed ----------------------------------------------
@pytest.mark.parametrize("spelling", ["SERVICE:x with an empty prefix", "codepoint-escaped keyword",
                                      "BASE-relative IRI", "variable bound by BIND"])
def test_the_remote_store_path_refuses_by_the_text_alone(listener, spelling: str) -> None:
    """Queries for an external SPARQL server are checked here (what that server fetches is its operator's
    business, but this endpoint must not be the way in)."""
    from qualgraph.sparql import FederationRefused, QueryLimits, QueryRequest, StoreSparqlService
    from qualgraph.store.embedded import EmbeddedStore

    service = StoreSparqlService(EmbeddedStore(None), timeout=5, limits=QueryLimits(None, ()))
    with pytest.raises(FederationRefused):
        service.query(QueryRequest(spell(QUERY_SPELLINGS[spelling], listener.url)))
    assert listener.connections == 0


@pytest.mark.parametrize(("text", "sandboxed", "refused"), [
    ('SELECT * WHERE { ?s ?p "customer service, load bay 3" }', False, False),  # letters in a string only
    ("# a comment on the SERVICE <http://x> we used to call\nASK {}", False, False),
    ("PREFIX service: <urn:x:> SELECT * WHERE { ?s service:load ?o }", False, False),  # rdflib reads names
    ("SELECT * WHERE { ?s <urn:x:service> ?o } GROUP BY", False, True),  # unreadable, unsandboxed: refused
    ("SELECT * WHERE { ?s <urn:x:service> ?o } GROUP BY", True, False),  # ...sandboxed: the engine decides
    ("PREFIX : <http://10.0.0.1/> SELECT * WHERE { SERVICE:x { ?a ?b ?c } }", True, True),
    ("SELECT * WHERE { \\u0053ERVICE <http://10.0.0.1/> { ?a ?b ?c } }", True, True),
])
def test_the_check_reads_with_a_parser_and_fails_closed_without_the_sandbox(text: str, sandboxed: bool,
                                                                            refused: bool) -> None:
    from qualgraph.sparql import FederationRefused
    from qualgraph.sparql.federation import check_federation

    if refused:
        with pytest.raises(FederationRefused):
            check_federation(text, (), sandboxed=sandboxed)
    else:
        check_federation(text, (), sandboxed=sandboxed)


def test_an_in_memory_store_runs_sparql_on_threads_without_network(listener, monkeypatch: pytest.MonkeyPatch) -> None:
    from qualgraph.sparql import EmbeddedSparqlService, FederationRefused, QueryLimits, QueryRequest
    from qualgraph.store.embedded import EmbeddedStore

    monkeypatch.setattr("qualgraph.sparql.execution.check_federation", lambda *args, **kwargs: None)
    monkeypatch.setattr("qualgraph.sparql.service.check_federation", lambda *args, **kwargs: None)
    store = EmbeddedStore(None)
    service = EmbeddedSparqlService(store, timeout=5, limits=QueryLimits(None, ()))
    try:
        with pytest.raises(FederationRefused):
            service.query(QueryRequest(f"SELECT * WHERE {{ SERVICE <{listener.url}> {TRIPLE} }}"))
        with pytest.raises(FederationRefused):
            service.update(f"LOAD <{listener.url}> INTO GRAPH <urn:x:loaded>")
        assert listener.connections == 0 and len(store) == 0
        assert b"true" in service.query(QueryRequest("ASK {}")).body
    finally:
        service.close()
