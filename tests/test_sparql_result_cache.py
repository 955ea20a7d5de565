"""A query asked again is answered from the answer the server kept, until the next write.

As the operator of a secretariat's endpoint, I want the questions people keep asking (what does PQF 5 compare to;
a dashboard's query every minute) answered without the engine's time each time. As a recognition officer, I must
never get such a kept answer once a decision has been recorded after it, nor a kept answer to a question whose
answer changes by itself (the time now, a random sample) or comes from another server.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from qualgraph.sparql import QueryRequest
from qualgraph.sparql.execution import QueryAnswer
from qualgraph.sparql.result_cache import HIT_TIMING, ResultCache, cacheable
from service_support import running_service

DATA = Path(__file__).parent / "fixtures" / "sparql" / "ie-nfq-eqf.trig"
ADMIN = "cache-admin"
LEVEL = "https://w3id.org/qualgraph/id/framework/ie-nfq/level/8"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
JSON = {"Accept": "application/sparql-results+json"}

LABELS_OF_THE_LEVEL = (f"SELECT ?label WHERE {{ <{LEVEL}> <{RDFS_LABEL}> ?label FILTER(isLiteral(?label)) }} "
                       "ORDER BY ?label")
"""Not a lookup (it filters and sorts), so a query worker answers it."""


def _who_answered(answer: httpx.Response) -> str:
    """``query`` (a worker ran it) or ``cache`` (the server's kept answer), from ``Server-Timing``."""
    return answer.headers["Server-Timing"].split(";")[0]


def _labels(answer: httpx.Response) -> list[str]:
    return [row["label"]["value"] for row in answer.json()["results"]["bindings"]]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):
    with running_service(tmp_path_factory.mktemp("cache") / "store", data=[DATA], admin_token=ADMIN,
                         query_workers=1) as svc:
        yield svc


def test_a_query_asked_again_is_answered_from_the_kept_answer_until_a_write_changes_the_store(service) -> None:
    with httpx.Client(base_url=service.url, timeout=30) as client:
        def ask() -> httpx.Response:
            return client.get("/sparql", params={"query": LABELS_OF_THE_LEVEL}, headers=JSON)

        first, again = ask(), ask()
        assert (_who_answered(first), _who_answered(again)) == ("query", "cache")
        assert again.content == first.content and again.headers["content-type"] == first.headers["content-type"]
        assert again.headers["Server-Timing"] == HIT_TIMING

        update = f'INSERT DATA {{ GRAPH <urn:x-test:g> {{ <{LEVEL}> <{RDFS_LABEL}> "recorded after" }} }}'
        written = client.post("/sparql", data={"update": update}, headers={"Authorization": f"Bearer {ADMIN}"})
        assert written.status_code == 204, written.text
        after_update = ask()
        assert _who_answered(after_update) == "query" and "recorded after" in _labels(after_update)

        # a write through the Graph Store Protocol counts the same
        body = f'<{LEVEL}> <{RDFS_LABEL}> "put in its own graph" .\n'.encode()
        put = client.put("/store", params={"graph": "urn:x-test:labels"}, content=body,
                         headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {ADMIN}"})
        assert put.status_code in (201, 204), put.text
        after_put = ask()
        assert _who_answered(after_put) == "query" and "put in its own graph" in _labels(after_put)
        assert _who_answered(ask()) == "cache"


def test_another_format_or_another_endpoint_address_is_another_answer(service) -> None:
    query = f"SELECT ?p WHERE {{ <{LEVEL}> ?p ?o FILTER(isIRI(?o)) }}"
    with httpx.Client(base_url=service.url, timeout=30) as client:
        json_first = client.post("/sparql", content=query, headers={**JSON, "Content-Type": "application/sparql-query"})
        xml = client.post("/sparql", content=query, headers={"Accept": "application/sparql-results+xml",
                                                             "Content-Type": "application/sparql-query"})
        assert (_who_answered(json_first), _who_answered(xml)) == ("query", "query")
        assert xml.headers["content-type"].startswith("application/sparql-results+xml")
        # relative IRIs resolve against the endpoint's address, which the Host header names
        relative = "SELECT ?x WHERE { BIND(<relative> AS ?x) FILTER(isIRI(?x)) }"
        here = client.get("/sparql", params={"query": relative}, headers=JSON)
        there = client.get("/sparql", params={"query": relative}, headers={**JSON, "Host": "other.example"})
        assert _who_answered(there) == "query"
        assert here.json()["results"]["bindings"][0]["x"]["value"] != there.json()["results"]["bindings"][0]["x"]["value"]


@pytest.mark.parametrize("query", [
    "SELECT (NOW() AS ?t) WHERE {}",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY rand ( ) LIMIT 1",
    "SELECT (STRUUID() AS ?id) WHERE {}",
    "SELECT (UUID() AS ?id) WHERE {}",
    "CONSTRUCT { ?s <urn:x-test:copy> ?c } WHERE { ?s ?p ?o BIND(BNODE() AS ?c) } LIMIT 1",
])
def test_a_question_whose_answer_changes_by_itself_is_asked_of_the_engine_every_time(service, query: str) -> None:
    assert not cacheable(query)
    with httpx.Client(base_url=service.url, timeout=30) as client:
        answers = [client.get("/sparql", params={"query": query}) for _ in range(2)]
    assert [a.status_code for a in answers] == [200, 200]
    assert [_who_answered(a) for a in answers] == ["query", "query"]


def test_a_call_spelled_with_codepoint_escapes_is_seen_too() -> None:
    """The protocol lets a query spell any character as ``\\uXXXX``; Oxigraph 0.5 refuses such a keyword, but a later
    engine that reads it must not get a kept answer to ``NOW()``."""
    assert not cacheable("SELECT (\\u006Eow() AS ?t) WHERE {}")


def test_what_may_fetch_from_another_server_and_errors_are_never_kept(service) -> None:
    assert not cacheable("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert cacheable("SELECT ?level WHERE { ?level <urn:x-test:knowledge> ?k }")  # 'now' inside a word is no call
    with httpx.Client(base_url=service.url, timeout=30) as client:
        broken = [client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?p }"}) for _ in range(2)]
    assert [a.status_code for a in broken] == [400, 400]


def _answer(size: int) -> QueryAnswer:
    return QueryAnswer(b"x" * size, "application/sparql-results+json", "solutions")


def test_the_kept_answers_stay_within_their_bytes_the_oldest_used_going_first() -> None:
    cache = ResultCache(max_bytes=8000)
    requests = [QueryRequest(f"SELECT * WHERE {{ ?s ?p {n} }}") for n in range(20)]
    for request in requests:
        cache.put(request, 0, _answer(900))
        cache.get(requests[0], 0)  # the first is used all along
    assert cache.size <= 8000
    assert cache.get(requests[0], 0) is not None and cache.get(requests[-1], 0) is not None
    assert cache.get(requests[1], 0) is None
    cache.put(QueryRequest("SELECT * WHERE { ?s ?p ?o }"), 0, _answer(1001))  # more than an eighth
    assert cache.get(QueryRequest("SELECT * WHERE { ?s ?p ?o }"), 0) is None
    assert ResultCache(max_bytes=0).get(requests[0], 0) is None


def test_an_answer_computed_before_a_write_is_not_kept_after_it() -> None:
    cache = ResultCache()
    request = QueryRequest("SELECT * WHERE { ?s ?p ?o }")
    cache.put(request, 3, _answer(10))
    assert cache.get(request, 3) is not None
    assert cache.get(request, 4) is None and cache.size == 0  # the first request after the write empties it
    cache.put(request, 3, _answer(10))  # a worker's answer to a query sent before that write, arriving late
    assert cache.get(request, 4) is None
