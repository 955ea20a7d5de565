"""A lookup is answered by the server itself; everything else by a query worker that can be stopped.

As a developer whose application asks the endpoint "everything about this IRI" thousands of times a minute, I
want those answers as cheap as the engine makes them: the round trip to a query worker costs four times what
Oxigraph spends on such a lookup (``bench/probe_fast_path.py``). The workers are there because a query cannot
be stopped any other way; a query whose cost is bounded by the rows it returns needs no stopping. The server
reads at most ``QUALGRAPH_SPARQL_INLINE_ROWS`` rows of such a query itself, and hands a longer answer, and any
other query, to a worker. The answers are the same either way: only ``Server-Timing`` tells them apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from qualgraph.sparql.inline import bounded_by_rows
from service_support import RunningService, running_service

DATA = Path(__file__).parent / "fixtures" / "sparql" / "ie-nfq-eqf.trig"
ADMIN = "inline-admin"
NFQ = "https://w3id.org/qualgraph/id/framework/ie-nfq"
LOOKUP = f"SELECT ?p ?o WHERE {{ <{NFQ}> ?p ?o }}"
JSON = {"Accept": "application/sparql-results+json"}


@pytest.mark.parametrize("query", [
    LOOKUP,
    "select * { ?s ?p ?o } limit 10",
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?level WHERE { ?level skos:inScheme ?f . } OFFSET 2",
    'ASK { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> "NFQ Level 8"@en }',
    "SELECT ?s FROM <https://w3id.org/qualgraph/graph/ie-nfq> { ?s ?p 8 } # the levels of rank 8",
])
def test_one_triple_pattern_is_bounded_by_its_rows(query: str) -> None:
    assert bounded_by_rows(query)


@pytest.mark.parametrize("query, why_not", [
    ("SELECT * { ?x ?p ?x }", "a variable twice: a scan of everything to find a few"),
    ("SELECT * { ?x ?p $x }", "the same variable, spelled with $"),
    ("SELECT * { ?s ?p ?o FILTER(?o = 1) }", "a filter may reject every row it reads"),
    ("SELECT DISTINCT ?p { ?s ?p ?o }", "DISTINCT may read the store for one new row"),
    ("SELECT * { ?s ?p ?o } ORDER BY ?o", "sorting reads every row first"),
    ("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "an aggregate reads every row"),
    ("SELECT * { ?s ?p ?o . ?o ?q ?r }", "a join"),
    ("SELECT * { ?s ?p ?o ; ?q ?r }", "a join, written with ;"),
    ("SELECT * { ?s <http://e/p>+ ?o }", "a property path"),
    ("SELECT * { ?s ?p ?o OPTIONAL { ?o ?q ?r } }", "an optional join"),
    ("SELECT * { GRAPH ?g { ?s ?p ?o } }", "a graph pattern (not worth telling apart)"),
    ("SELECT * { _:b ?p ?o }", "a blank node"),
    ("SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", "federation"),
    ("SELECT * { ?s ?p ?o } OFFSET 100000", "rows read and thrown away"),
    ("SELECT * { ?s ?p ?o } VALUES ?s { <http://e/s> }", "VALUES after the pattern"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "not SELECT or ASK"),
    ("SELECT * { ?s ?p ?o } ~", "something no token covers"),
    ("SELECT * {" + " " * 5000 + "?s ?p ?o }", "longer than a lookup"),
])
def test_anything_else_goes_to_a_worker(query: str, why_not: str) -> None:
    assert not bounded_by_rows(query), why_not


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
    with running_service(tmp_path_factory.mktemp("inline") / "store", data=[DATA], admin_token=ADMIN,
                         query_workers=1, sparql_inline_rows=5, max_rows=100) as running:
        yield running


@pytest.fixture(scope="module")
def client(service: RunningService) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=service.url, timeout=30) as c:
        yield c


def ask(client: httpx.Client, query: str, **headers: str) -> httpx.Response:
    response = client.get("/sparql", params={"query": query}, headers=JSON | headers)
    assert response.status_code == 200, response.text
    return response


def test_a_lookup_is_answered_by_the_server_with_the_rows_a_worker_gives(client: httpx.Client) -> None:
    level = f"{NFQ}/level/8"
    inline = ask(client, f"SELECT ?p ?o WHERE {{ <{level}> ?p ?o }}")
    assert inline.headers["Server-Timing"].startswith("inline;")
    # the same question as a join with nothing to join: a worker answers it
    worker = ask(client, f"SELECT ?p ?o WHERE {{ <{level}> ?p ?o . FILTER(true) }}")
    assert worker.headers["Server-Timing"].startswith("query;")

    def rows(response: httpx.Response) -> list[tuple[str, str]]:
        return sorted((b["p"]["value"], b["o"]["value"]) for b in response.json()["results"]["bindings"])

    assert rows(inline) == rows(worker) and len(rows(inline)) == 5


def test_a_lookup_with_more_rows_than_the_server_reads_is_answered_whole_by_a_worker(client: httpx.Client) -> None:
    response = ask(client, LOOKUP)  # the framework has 8 statements here; the server reads 5
    assert response.headers["Server-Timing"].startswith("query;")
    assert len(response.json()["results"]["bindings"]) == 8
    assert "X-SPARQL-MaxRows" not in response.headers


def test_a_lookup_too_long_for_the_server_is_read_once_until_the_next_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """The HTTP protocol asks for an answer at once, then the app's path asks again before a worker answers: a lookup
    longer than the rows the server reads was read twice (four times through a front), each time up to the rows that
    prove it too long. Now it is read once per state of the store."""
    import pyoxigraph as ox

    from qualgraph.sparql import EmbeddedSparqlService, QueryLimits, QueryRequest
    from qualgraph.sparql import lookup
    from qualgraph.store import EmbeddedStore

    reads: list[str] = []
    read = lookup.run_query_here
    monkeypatch.setattr(lookup, "run_query_here", lambda *args, **kw: reads.append(args[1].query) or read(*args, **kw))
    store = EmbeddedStore(None)
    store.extend(ox.parse(DATA.read_bytes(), format=ox.RdfFormat.TRIG))
    service = EmbeddedSparqlService(store, timeout=30, limits=QueryLimits(max_rows=100), workers=0, inline_rows=5)
    long, short = QueryRequest(LOOKUP), QueryRequest(f"SELECT ?p ?o WHERE {{ <{NFQ}/level/8> ?p ?o }}")
    assert service.answer_at_once(long) is None and service.answer_at_once(long) is None
    assert reads == [LOOKUP], "the too-long lookup was read again"
    assert service.answer_at_once(short) is not None and service.answer_at_once(short) is not None
    assert len(reads) == 3, "a lookup the server answers is read each time (nothing is kept of it)"

    store.update("DELETE WHERE { GRAPH ?g { <https://w3id.org/qualgraph/id/framework/ie-nfq> ?p ?o } }")
    answer = service.answer_at_once(long)  # after a write, read again: now it is short enough
    assert answer is not None and reads[-1] == LOOKUP
    service.close()


def test_the_row_cap_holds_on_the_server_as_in_a_worker(tmp_path: Path) -> None:
    with running_service(tmp_path / "store", data=[DATA], query_workers=1, max_rows=3) as svc:
        response = httpx.get(svc.sparql_url, params={"query": LOOKUP}, headers=JSON, timeout=30)
    assert response.headers["Server-Timing"].startswith("inline;")
    assert len(response.json()["results"]["bindings"]) == 3
    assert response.headers["X-SPARQL-MaxRows"] == "3"


def test_every_format_and_ask(client: httpx.Client) -> None:
    tsv = ask(client, f"SELECT ?o {{ <{NFQ}> <http://purl.org/dc/terms/identifier> ?o }}",
              Accept="text/tab-separated-values")
    assert tsv.text.splitlines() == ["?o", '"ie-nfq"'] and tsv.headers["Server-Timing"].startswith("inline;")
    yes = ask(client, f'ASK {{ <{NFQ}> <http://purl.org/dc/terms/identifier> "ie-nfq" }}')
    assert yes.json()["boolean"] is True and yes.headers["Server-Timing"].startswith("inline;")


def test_a_lookup_that_does_not_parse_is_refused_as_a_worker_would(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": f"SELECT ?p ?o WHERE {{ <{NFQ}> ?p ex:o }}"})
    assert response.status_code == 400
    assert "does not parse" in response.text


def test_the_server_sees_a_write_at_once(client: httpx.Client) -> None:
    subject = "https://w3id.org/qualgraph/id/framework/ie-nfq/level/10"
    before = ask(client, f"ASK {{ <{subject}> ?p ?o }}")
    assert before.json()["boolean"] is False
    written = client.put("/store", params={"graph": "urn:x-test:inline"},
                         content=f'<{subject}> <http://www.w3.org/2004/02/skos/core#notation> "10" .',
                         headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {ADMIN}"})
    assert written.status_code in (201, 204), written.text
    after = ask(client, f"ASK {{ <{subject}> ?p ?o }}")
    assert after.json()["boolean"] is True and after.headers["Server-Timing"].startswith("inline;")


def test_the_operator_can_send_every_query_to_a_worker(tmp_path: Path) -> None:
    with running_service(tmp_path / "store", data=[DATA], query_workers=1, sparql_inline_rows=0) as svc:
        response = httpx.get(svc.sparql_url, params={"query": LOOKUP}, headers=JSON, timeout=30)
    assert response.headers["Server-Timing"].startswith("query;")


def test_relative_iris_are_read_against_the_endpoint_as_the_route_reads_them(service: RunningService,
                                                                             client: httpx.Client) -> None:
    written = client.put("/store", params={"graph": "urn:x-test:relative"},
                         content=f'<{service.url}/notes/1> <http://www.w3.org/2000/01/rdf-schema#label> "a note" .',
                         headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {ADMIN}"})
    assert written.status_code in (201, 204), written.text
    for method in ("GET", "POST"):
        response = client.request(method, "/sparql", params={"query": "ASK { <notes/1> ?p ?o }"} if method == "GET"
                                  else None, content=None if method == "GET" else "ASK { <notes/1> ?p ?o }",
                                  headers=JSON | ({} if method == "GET" else {"Content-Type": "application/sparql-query"}))
        assert response.json()["boolean"] is True, method
        assert response.headers["Server-Timing"].startswith("inline;")


def test_a_browser_page_on_another_site_still_gets_its_cors_headers(client: httpx.Client) -> None:
    response = ask(client, f"SELECT ?o {{ <{NFQ}> <http://purl.org/dc/terms/identifier> ?o }}",
                   Origin="https://example.org")
    assert response.headers["access-control-allow-origin"] == "*"
    assert "Server-Timing" in response.headers["access-control-expose-headers"]
    assert response.headers["Server-Timing"].startswith("inline;")  # the route asks the server first, too


def test_a_posted_query_that_is_not_a_lookup_reaches_the_route_whole(client: httpx.Client) -> None:
    query = f"SELECT ?p ?o WHERE {{ <{NFQ}> ?p ?o FILTER(isLiteral(?o)) }}"
    response = client.post("/sparql", content=query, headers=JSON | {"Content-Type": "application/sparql-query"})
    assert response.status_code == 200, response.text
    assert response.headers["Server-Timing"].startswith("query;")
    assert len(response.json()["results"]["bindings"]) == 5


def test_a_lookup_has_the_headers_a_worker_answer_has(client: httpx.Client) -> None:
    """Caches see one endpoint: same content type, Vary (Origin included, as the CORS layer marks every answer)."""
    inline = ask(client, f"SELECT ?o {{ <{NFQ}> <http://purl.org/dc/terms/identifier> ?o }}")
    worker = ask(client, f"SELECT ?o {{ <{NFQ}> <http://purl.org/dc/terms/identifier> ?o FILTER(true) }}")
    assert inline.headers["Server-Timing"].startswith("inline;") and worker.headers["Server-Timing"].startswith("query;")

    def kept(response: httpx.Response) -> dict[str, str]:
        return {k: v for k, v in response.headers.items() if k not in ("date", "server-timing", "content-length")}

    assert kept(inline) == kept(worker)


def test_a_posted_lookup_is_read_by_the_routes_rules_for_its_charset(client: httpx.Client) -> None:
    query = f"SELECT ?o {{ <{NFQ}> <http://purl.org/dc/terms/identifier> ?o }}"
    utf8 = client.post("/sparql", content=query,
                       headers=JSON | {"Content-Type": "application/sparql-query; charset=UTF-8"})
    assert utf8.status_code == 200 and utf8.headers["Server-Timing"].startswith("inline;")
    latin1 = client.post("/sparql", content=query,
                         headers=JSON | {"Content-Type": "application/sparql-query; charset=iso-8859-1"})
    assert latin1.status_code == 415 and "UTF-8" in latin1.text


@pytest.mark.parametrize("text", [
    LOOKUP,
    'SELECT * WHERE { ?s ?p "SERVICE <http://169.254.169.254/> { ?a ?b ?c }" }',
    'ASK FROM <urn:x-g> { ?s <http://www.w3.org/2000/01/rdf-schema#label> "((((((((((((((((((((" }',
    'PREFIX s: <http://example.org/SERVICE/> SELECT ?o { s:LOAD s:p ?o } LIMIT 5 OFFSET 2',
])
def test_a_lookup_passes_the_depth_and_federation_checks_that_it_skips(text: str) -> None:
    """A lookup the server reads itself skips the depth and federation checks (~9 us of ~200): what the recogniser
    lets through is one triple pattern, without SERVICE or LOAD, so the checks could not refuse it, however tight the
    depth limit or whatever its strings say."""
    from qualgraph.input_limits import InputLimits
    from qualgraph.sparql.execution import QueryLimits, check_nesting
    from qualgraph.sparql.federation import check_federation

    assert bounded_by_rows(text)
    check_nesting(text, QueryLimits(None, (), InputLimits(max_nesting_depth=2)))
    check_federation(text, (), sandboxed=False)
