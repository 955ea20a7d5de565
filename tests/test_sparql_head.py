"""HEAD on a query: the headers a GET would answer with, and the query is not run.

As the operator of a link checker (or a cache in front of qualgraph) I send ``HEAD /sparql?query=...`` for the
query links I find in papers and pages, to learn whether they still work and what they return. The service
answers with the content type a ``GET`` would negotiate for that query's form (``Accept`` or ``format=``) and
``Vary: Accept``, at once: a query that would run for minutes costs nothing. What can be told without running
the query is told as a ``GET`` tells it: a query too long (413), one with no query form or a graph parameter that
is not an IRI (400), a format the query's form has not (406). A real service on loopback, httpx as the client.
"""

from __future__ import annotations

import time

import httpx
import pytest
from service_support import running_service

from qualgraph.store import EmbeddedStore

SELECT = "SELECT ?f WHERE { ?f a <https://w3id.org/qualgraph/ontology#QualificationsFramework> } LIMIT 2"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2"
ASK = "PREFIX qg: <https://w3id.org/qualgraph/ontology#> ASK { ?s a qg:Level }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
"""Every quad of the bundled store four times over: far longer than the query timeout."""


@pytest.fixture
def service(bundled_service):
    """The service on the bundled data (conftest.py; only read here)."""
    return bundled_service


@pytest.mark.parametrize(("query", "accept", "fmt"), [
    (SELECT, None, None), (SELECT, "text/csv", None), (SELECT, "application/sparql-results+xml", None),
    (SELECT, None, "tsv"), (ASK, None, None), (ASK, "application/sparql-results+json", None),
    (CONSTRUCT, None, None), (CONSTRUCT, "application/ld+json", None), (CONSTRUCT, "text/csv;q=0.5, */*", None),
    (CONSTRUCT, None, "ntriples"),
], ids=lambda v: (v or "-")[:20])
def test_head_has_the_content_type_and_vary_of_the_get(service, query, accept, fmt):
    params = {"query": query} | ({"format": fmt} if fmt else {})
    headers = {"Accept": accept} if accept else {}
    get = httpx.get(service.sparql_url, params=params, headers=headers)
    head = httpx.head(service.sparql_url, params=params, headers=headers)
    assert get.status_code == head.status_code == 200, get.text
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert _varies(head) == _varies(get) == {"Accept"}


def _varies(answer: httpx.Response) -> set[str]:
    """What an answer varies by, besides ``Origin`` (which CORS adds, and a GET answered on the server's short
    path for lookups, web/sparql_lookups.py, leaves out when the request has no Origin)."""
    return {v.strip() for v in answer.headers.get("vary", "").split(",") if v.strip()} - {"Origin"}


def test_head_does_not_run_the_query(service):
    started = time.monotonic()
    head = httpx.head(service.sparql_url, params={"query": SLOW},
                      headers={"Accept": "application/sparql-results+json"})
    assert head.status_code == 200 and head.headers["content-type"] == "application/sparql-results+json"
    assert time.monotonic() - started < 2, "the query was evaluated"
    assert "server-timing" not in head.headers  # which only an evaluated query has


def test_what_a_get_would_refuse_without_running_is_refused_by_head_too(service):
    def both(params: dict, headers: dict | None = None) -> tuple[int, int]:
        return (httpx.get(service.sparql_url, params=params, headers=headers or {}).status_code,
                httpx.head(service.sparql_url, params=params, headers=headers or {}).status_code)

    assert both({"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}) == (400, 400)  # an update is not a query
    assert both({"query": SELECT, "default-graph-uri": "not an iri"}) == (400, 400)
    assert both({"query": [SELECT, ASK]}) == (400, 400)  # two queries
    assert both({"query": CONSTRUCT}, {"Accept": "text/csv"}) == (406, 406)  # no graph as CSV
    assert both({"update": "CLEAR ALL"}) == (400, 400)  # updates are POSTed


def test_head_refuses_a_query_longer_than_the_limit_unread(tmp_path):
    store = EmbeddedStore(None)
    with running_service(store=store, max_query_bytes=200, query_workers=0) as small:
        long_query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 300
        head = httpx.head(small.sparql_url, params={"query": long_query})
        assert head.status_code == httpx.get(small.sparql_url, params={"query": long_query}).status_code == 413
    store.close()


def test_head_without_a_query_has_the_headers_of_the_description_or_the_page(service):
    for accept in ("text/turtle", "application/ld+json", "text/html"):
        get = httpx.get(service.sparql_url, headers={"Accept": accept})
        head = httpx.head(service.sparql_url, headers={"Accept": accept})
        assert get.status_code == head.status_code == 200 and head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]
        assert head.headers.get("content-length") == get.headers.get("content-length")
