"""The SPARQL endpoint speaks the SPARQL 1.1 Protocol with every common client.

As a researcher comparing qualifications frameworks, I point my usual SPARQL tool (SPARQLWrapper, rdflib's
SPARQLStore, curl, a browser) at qualgraph's ``/sparql`` and query the graph: by GET or POST, in the result
format my tool asks for, with the protocol's dataset parameters, and I get a clear message when I make a
mistake. A browser gets a query page; a program asking for RDF gets the Service Description.

The service runs with uvicorn on a loopback port, on an on-disk store holding three named graphs (a slice
of Ireland's NFQ, of the EQF, and two referencing decisions): ``fixtures/sparql/ie-nfq-eqf.trig``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from qualgraph.media_types import choose, parse_accept
from service_support import RunningService, running_service

FIXTURES = Path(__file__).parent / "fixtures" / "sparql"
DATA = FIXTURES / "ie-nfq-eqf.trig"
QG = Namespace("https://w3id.org/qualgraph/ontology#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
NFQ_GRAPH = "https://w3id.org/qualgraph/graph/ie-nfq"
EQF_GRAPH = "https://w3id.org/qualgraph/graph/eqf"
LEVEL_QUERY = """PREFIX qg: <https://w3id.org/qualgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?level ?notation WHERE { ?level a qg:Level ; skos:notation ?notation } ORDER BY ?level"""
ALL_LEVELS = ["eqf/level/6", "eqf/level/7", "ie-nfq/level/8", "ie-nfq/level/9"]
LEVELS_CONSTRUCT = """PREFIX qg: <https://w3id.org/qualgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?level skos:prefLabel ?label } WHERE { ?level a qg:Level ; skos:prefLabel ?label }"""
ADMIN = "protocol-admin-token"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
    with running_service(tmp_path_factory.mktemp("protocol") / "store", data=[DATA], admin_token=ADMIN,
                         query_timeout=10) as running:
        yield running


@pytest.fixture()
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as c:
        yield c


def levels_of(response: httpx.Response) -> list[str]:
    """Level IRIs of a SPARQL JSON answer, shortened to what follows ``/id/framework/``."""
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    return sorted(row["level"]["value"].split("/id/framework/")[1] for row in rows)


# -- request forms --------------------------------------------------------------------------------------
def test_query_by_get(service: RunningService, client: httpx.Client) -> None:
    response = client.get(service.sparql_url, params={"query": LEVEL_QUERY})
    assert levels_of(response) == ALL_LEVELS


def test_query_by_post_form(service: RunningService, client: httpx.Client) -> None:
    response = client.post(service.sparql_url, data={"query": LEVEL_QUERY})
    assert levels_of(response) == ALL_LEVELS


def test_query_by_post_directly(service: RunningService, client: httpx.Client) -> None:
    response = client.post(service.sparql_url, content=LEVEL_QUERY.encode(),
                           headers={"Content-Type": "application/sparql-query"})
    assert levels_of(response) == ALL_LEVELS


def test_unknown_parameters_are_ignored(service: RunningService, client: httpx.Client) -> None:
    response = client.get(service.sparql_url, params={"query": LEVEL_QUERY, "output": "json", "timeout": "0",
                                                       "results": "json", "infer": "false"})
    assert levels_of(response) == ALL_LEVELS


def test_relative_iris_in_a_query_resolve_against_the_endpoint(service: RunningService,
                                                                client: httpx.Client) -> None:
    response = client.get(service.sparql_url, params={"query": "SELECT (<levels> AS ?iri) {}"})
    assert response.json()["results"]["bindings"][0]["iri"]["value"] == service.url + "/levels"


# -- dataset --------------------------------------------------------------------------------------------
def test_default_graph_is_the_union_of_the_named_graphs(service: RunningService, client: httpx.Client) -> None:
    query = "SELECT (COUNT(DISTINCT ?level) AS ?n) WHERE { ?level a <https://w3id.org/qualgraph/ontology#Level> }"
    response = client.get(service.sparql_url, params={"query": query})
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "4"


def test_default_graph_uri_makes_the_default_graph(service: RunningService, client: httpx.Client) -> None:
    response = client.get(service.sparql_url, params={"query": LEVEL_QUERY, "default-graph-uri": NFQ_GRAPH})
    assert levels_of(response) == ["ie-nfq/level/8", "ie-nfq/level/9"]


def test_default_graph_uri_is_repeatable_and_read_from_the_form_too(service: RunningService,
                                                                    client: httpx.Client) -> None:
    response = client.post(service.sparql_url + f"?default-graph-uri={NFQ_GRAPH}",
                           data={"query": LEVEL_QUERY, "default-graph-uri": EQF_GRAPH})
    assert levels_of(response) == ALL_LEVELS


def test_named_graph_uri_limits_the_graphs_a_query_can_name(service: RunningService, client: httpx.Client) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = client.get(service.sparql_url, params={"query": query, "named-graph-uri": EQF_GRAPH})
    assert [row["g"]["value"] for row in response.json()["results"]["bindings"]] == [EQF_GRAPH]


def test_protocol_dataset_overrides_the_query_from_clause(service: RunningService, client: httpx.Client) -> None:
    query = LEVEL_QUERY.replace("SELECT ?level ?notation", f"SELECT ?level ?notation FROM <{EQF_GRAPH}>")
    response = client.get(service.sparql_url, params={"query": query, "default-graph-uri": NFQ_GRAPH})
    assert levels_of(response) == ["ie-nfq/level/8", "ie-nfq/level/9"]


def test_a_query_from_clause_chooses_its_default_graph(service: RunningService, client: httpx.Client) -> None:
    query = LEVEL_QUERY.replace("SELECT ?level ?notation", f"SELECT ?level ?notation FROM <{EQF_GRAPH}>")
    assert levels_of(client.get(service.sparql_url, params={"query": query})) == ["eqf/level/6", "eqf/level/7"]


def test_from_in_a_comment_or_a_string_leaves_the_union_default_graph(service: RunningService,
                                                                      client: httpx.Client) -> None:
    query = ('# levels FROM every framework\nPREFIX qg: <https://w3id.org/qualgraph/ontology#>\n'
             'SELECT ?level WHERE { ?level a qg:Level FILTER(?level != <http://example.org/from>) '
             'FILTER("FROM <x>" != "") }')
    assert levels_of(client.get(service.sparql_url, params={"query": query})) == ALL_LEVELS


# -- result formats -------------------------------------------------------------------------------------
SELECT_BY_ACCEPT = [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values"),
    ("text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8", "application/sparql-results+xml"),
    ("text/*", "text/csv"),
    ("*/*;q=0.1, application/sparql-results+xml;q=0.2", "application/sparql-results+xml"),
]


@pytest.mark.parametrize(("accept", "expected"), SELECT_BY_ACCEPT)
def test_select_results_format_follows_accept(service: RunningService, client: httpx.Client,
                                              accept: str | None, expected: str) -> None:
    headers = {"Accept": accept} if accept is not None else {"Accept": ""}
    response = client.get(service.sparql_url, params={"query": LEVEL_QUERY}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == expected
    assert "Accept" in response.headers["vary"]


CONSTRUCT_BY_ACCEPT = [
    ("*/*", "text/turtle"),
    ("text/turtle", "text/turtle"),
    ("application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("text/n3", "text/turtle"),
    ("application/xml", "application/rdf+xml"),
    ("text/turtle;q=0.4, application/ld+json;q=0.6", "application/ld+json"),
]
RDFLIB_SYNTAX = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
                 "application/rdf+xml": "xml"}


@pytest.mark.parametrize(("accept", "expected"), CONSTRUCT_BY_ACCEPT)
def test_construct_results_format_follows_accept(service: RunningService, client: httpx.Client, accept: str,
                                                 expected: str) -> None:
    response = client.get(service.sparql_url, params={"query": LEVELS_CONSTRUCT}, headers={"Accept": accept})
    assert response.headers["content-type"].split(";")[0] == expected
    graph = Graph().parse(data=response.content, format=RDFLIB_SYNTAX[expected])
    assert (URIRef("https://w3id.org/qualgraph/id/framework/eqf/level/7"), SKOS.prefLabel,
            Literal("EQF level 7", lang="en")) in graph
    assert len(graph) == 4


@pytest.mark.parametrize(("fmt", "expected"), [("json", "application/sparql-results+json"), ("csv", "text/csv"),
                                               ("xml", "application/sparql-results+xml"),
                                               ("tsv", "text/tab-separated-values")])
def test_format_parameter_overrides_accept(service: RunningService, client: httpx.Client, fmt: str,
                                           expected: str) -> None:
    response = client.get(service.sparql_url, params={"query": LEVEL_QUERY, "format": fmt},
                          headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].split(";")[0] == expected


def test_format_xml_means_rdf_xml_for_a_graph_result(service: RunningService, client: httpx.Client) -> None:
    response = client.get(service.sparql_url, params={"query": LEVELS_CONSTRUCT, "format": "xml"})
    assert response.headers["content-type"] == "application/rdf+xml"


def test_nothing_acceptable_is_406(service: RunningService, client: httpx.Client) -> None:
    response = client.get(service.sparql_url, params={"query": LEVEL_QUERY}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text


def test_a_graph_format_is_not_acceptable_for_select_results(service: RunningService,
                                                             client: httpx.Client) -> None:
    response = client.get(service.sparql_url, params={"query": LEVEL_QUERY}, headers={"Accept": "text/turtle"})
    assert response.status_code == 406


def test_q_zero_refuses_a_format(service: RunningService, client: httpx.Client) -> None:
    response = client.get(service.sparql_url, params={"query": LEVEL_QUERY},
                          headers={"Accept": "application/sparql-results+json;q=0, text/csv"})
    assert response.headers["content-type"].startswith("text/csv")


def test_csv_and_tsv_results_carry_the_same_rows(service: RunningService, client: httpx.Client) -> None:
    as_csv = client.get(service.sparql_url, params={"query": LEVEL_QUERY, "format": "csv"}).text
    as_tsv = client.get(service.sparql_url, params={"query": LEVEL_QUERY, "format": "tsv"}).text
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert [r["notation"] for r in rows] == ["6", "7", "8", "9"]
    assert as_tsv.splitlines()[0] == "?level\t?notation"
    assert len(as_tsv.splitlines()) == 5


def test_a_large_result_arrives_whole(service: RunningService, client: httpx.Client) -> None:
    """Megabytes of results cross from the query worker to the client intact (and in any format)."""
    count = client.get(service.sparql_url, params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
    quads = int(count.json()["results"]["bindings"][0]["n"]["value"])
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    response = client.get(service.sparql_url, params={"query": query})
    assert len(response.content) > 1_000_000
    assert len(response.json()["results"]["bindings"]) == quads * quads
    as_tsv = client.get(service.sparql_url, params={"query": query, "format": "tsv"})
    assert len(as_tsv.text.splitlines()) == quads * quads + 1


# -- errors ---------------------------------------------------------------------------------------------
def test_malformed_query_is_400_with_the_parsers_line_and_column(service: RunningService,
                                                                client: httpx.Client) -> None:
    query = "SELECT ?level WHERE {\n  ?level a ?type\n  FILTER(\n}"
    response = client.get(service.sparql_url, params={"query": query})
    assert response.status_code == 400
    assert re.search(r"\b4:\d+", response.text), response.text  # line 4 and a column: the parser's own position


def test_two_query_parameters_are_400(service: RunningService, client: httpx.Client) -> None:
    response = client.get(service.sparql_url + "?query=ASK%20%7B%7D&query=ASK%20%7B%7D")
    assert response.status_code == 400


def test_post_in_another_media_type_is_415(service: RunningService, client: httpx.Client) -> None:
    response = client.post(service.sparql_url, content=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_post_without_content_type_is_refused(service: RunningService, client: httpx.Client) -> None:
    response = client.post(service.sparql_url, content=b"query=ASK%20%7B%7D")
    assert response.status_code == 415


def test_a_query_not_in_utf8_is_refused(service: RunningService, client: httpx.Client) -> None:
    response = client.post(service.sparql_url, content="ASK {}".encode("utf-16"),
                           headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert response.status_code == 415


def test_update_by_get_is_400(service: RunningService, client: httpx.Client) -> None:
    response = client.get(service.sparql_url, params={"update": "CLEAR ALL"},
                          headers={"Authorization": f"Bearer {ADMIN}"})
    assert response.status_code == 400


def test_query_and_update_in_one_form_is_400(service: RunningService, client: httpx.Client) -> None:
    response = client.post(service.sparql_url, data={"query": "ASK {}", "update": "CLEAR ALL"},
                           headers={"Authorization": f"Bearer {ADMIN}"})
    assert response.status_code == 400


def test_put_on_the_endpoint_is_405(service: RunningService, client: httpx.Client) -> None:
    assert client.put(service.sparql_url, params={"query": "ASK {}"}).status_code == 405


def test_a_graph_iri_that_is_not_an_iri_is_400(service: RunningService, client: httpx.Client) -> None:
    response = client.get(service.sparql_url, params={"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert response.status_code == 400


# -- federation -----------------------------------------------------------------------------------------
def test_federated_service_is_refused_by_default(service: RunningService, client: httpx.Client) -> None:
    query = "SELECT * WHERE { SERVICE <http://10.0.0.1:8890/sparql> { ?s ?p ?o } }"
    response = client.get(service.sparql_url, params={"query": query})
    assert response.status_code == 400
    assert "SERVICE" in response.text and "QUALGRAPH_ALLOW_SERVICE" in response.text


@pytest.mark.parametrize("query", [
    "select * where { service silent <http://10.0.0.1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o.SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p 5SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { VALUES ?e { <http://10.0.0.1/sparql> } SERVICE ?e { ?s ?p ?o } }",
])
def test_federated_service_is_refused_however_it_is_written(service: RunningService, client: httpx.Client,
                                                            query: str) -> None:
    assert client.get(service.sparql_url, params={"query": query}).status_code == 400


def test_the_word_service_in_names_strings_and_comments_is_no_service_call(service: RunningService,
                                                                           client: httpx.Client) -> None:
    query = ('# the public SERVICE <http://x> of an agency\nPREFIX service: <http://example.org/service#>\n'
             'SELECT ?service WHERE { BIND("SERVICE <http://x> {}" AS ?service) '
             'OPTIONAL { ?service service:SERVICE <http://example.org/service> } }')
    assert client.get(service.sparql_url, params={"query": query}).status_code == 200


@pytest.mark.parametrize("update", [
    "INSERT { GRAPH <urn:x:g> { ?s ?p ?o } } WHERE { SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }",
    "LOAD <http://10.0.0.1/data.ttl> INTO GRAPH <urn:x:g>",
])
def test_updates_cannot_reach_other_hosts_either(service: RunningService, client: httpx.Client, update: str) -> None:
    response = client.post(service.sparql_url, data={"update": update}, headers={"Authorization": f"Bearer {ADMIN}"})
    assert response.status_code == 400
    assert "refused" in response.text


def test_allowed_service_endpoints_are_queried(tmp_path: Path) -> None:
    with running_service(tmp_path / "store", data=[DATA], allow_service="http://127.0.0.1:") as svc:
        query = (f"SELECT ?level WHERE {{ SERVICE <{svc.sparql_url}> {{ "
                 "?level a <https://w3id.org/qualgraph/ontology#Level> } }")
        assert levels_of(httpx.get(svc.sparql_url, params={"query": query}, timeout=30)) == ALL_LEVELS
        other = "SELECT * WHERE { SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }"
        assert httpx.get(svc.sparql_url, params={"query": other}).status_code == 400


# -- row cap --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
    with running_service(tmp_path_factory.mktemp("capped") / "store", data=[DATA], max_rows=3) as running:
        yield running


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_results_are_cut_at_the_row_cap_and_say_so(capped: RunningService, client: httpx.Client,
                                                   fmt: str) -> None:
    response = client.get(capped.sparql_url, params={"query": LEVEL_QUERY, "format": fmt})
    assert response.headers["x-sparql-maxrows"] == "3"
    if fmt == "json":
        assert len(response.json()["results"]["bindings"]) == 3
    elif fmt == "xml":
        results = ET.fromstring(response.content).findall(".//{http://www.w3.org/2005/sparql-results#}result")
        assert len(results) == 3
    else:
        assert len(response.text.strip().splitlines()) == 4  # header and three rows


def test_a_result_within_the_row_cap_is_whole_and_unmarked(capped: RunningService, client: httpx.Client) -> None:
    response = client.get(capped.sparql_url, params={"query": LEVEL_QUERY + " LIMIT 3"})
    assert "x-sparql-maxrows" not in response.headers
    assert len(response.json()["results"]["bindings"]) == 3


def test_graph_results_are_cut_at_the_row_cap(capped: RunningService, client: httpx.Client) -> None:
    response = client.get(capped.sparql_url, params={"query": LEVELS_CONSTRUCT},
                          headers={"Accept": "text/turtle"})
    assert response.headers["x-sparql-maxrows"] == "3"
    assert len(Graph().parse(data=response.text, format="turtle")) == 3


# -- CORS -----------------------------------------------------------------------------------------------
def test_read_responses_carry_cors_headers(service: RunningService, client: httpx.Client) -> None:
    response = client.get(service.sparql_url, params={"query": "ASK {}"},
                          headers={"Origin": "https://agency.example.org"})
    assert response.headers["access-control-allow-origin"] == "*"


def test_cors_preflight_allows_post_of_a_query(service: RunningService, client: httpx.Client) -> None:
    response = client.options(service.sparql_url, headers={
        "Origin": "https://agency.example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert response.status_code == 200
    assert "POST" in response.headers["access-control-allow-methods"]


# -- service description and query page -----------------------------------------------------------------
@pytest.mark.parametrize(("accept", "syntax"), [("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
                                                ("application/ld+json", "json-ld"), ("*/*", "turtle")])
def test_get_without_query_returns_the_service_description(service: RunningService, client: httpx.Client,
                                                           accept: str, syntax: str) -> None:
    response = client.get(service.sparql_url, headers={"Accept": accept})
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format=syntax)
    endpoint = URIRef(service.sparql_url)
    assert (endpoint, RDF.type, SD.Service) in graph
    assert (endpoint, SD.endpoint, endpoint) in graph
    assert (endpoint, SD.feature, SD.UnionDefaultGraph) in graph
    assert (endpoint, SD.resultFormat, URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")) in graph
    names = set(graph.objects(None, SD.name))
    assert URIRef(NFQ_GRAPH) in names and URIRef(EQF_GRAPH) in names


def test_a_browser_gets_the_query_page(service: RunningService, client: httpx.Client) -> None:
    response = client.get(service.sparql_url, headers={
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert 'id="yasgui"' in page  # the SPARQL editor (tests/test_query_editor.py)
    scripts = re.findall(r'<script src="([^"]*)"', page)
    assert scripts and all(src.startswith("/static/") for src in scripts)  # served from the package, no CDN
    plain = client.get(service.url + "/sparql/plain").text  # the plain page, our own inlined script
    assert "<textarea" in plain and 'id="run"' in plain and 'id="download"' in plain
    assert "<script src=" not in plain


# -- real clients ---------------------------------------------------------------------------------------
def _wrapper(service: RunningService, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(service.sparql_url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def test_sparqlwrapper_json(service: RunningService) -> None:
    result = _wrapper(service, LEVEL_QUERY, JSON).queryAndConvert()
    assert sorted(r["notation"]["value"] for r in result["results"]["bindings"]) == ["6", "7", "8", "9"]


def test_sparqlwrapper_xml(service: RunningService) -> None:
    document = _wrapper(service, LEVEL_QUERY, XML).queryAndConvert()
    assert len(document.getElementsByTagName("result")) == 4


def test_sparqlwrapper_csv(service: RunningService) -> None:
    text = _wrapper(service, LEVEL_QUERY, CSV).queryAndConvert().decode()
    assert text.splitlines()[0] == "level,notation"


def test_sparqlwrapper_tsv(service: RunningService) -> None:
    text = _wrapper(service, LEVEL_QUERY, TSV).queryAndConvert().decode()
    assert text.splitlines()[0] == "?level\t?notation"


def test_sparqlwrapper_ask(service: RunningService) -> None:
    assert _wrapper(service, "ASK { ?l a <https://w3id.org/qualgraph/ontology#Level> }", JSON) \
        .queryAndConvert()["boolean"] is True


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD, XML])
def test_sparqlwrapper_construct(service: RunningService, fmt: str) -> None:
    result = _wrapper(service, LEVELS_CONSTRUCT, fmt).queryAndConvert()
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
    assert len(graph) == 4


def test_sparqlwrapper_construct_as_n_triples(service: RunningService) -> None:
    sparql = _wrapper(service, LEVELS_CONSTRUCT, N3)
    sparql.setOnlyConneg(True)
    sparql.addCustomHttpHeader("Accept", "application/n-triples")
    response = sparql.query()
    assert response.response.headers["Content-Type"].startswith("application/n-triples")
    assert len(Graph().parse(data=response.response.read().decode(), format="nt")) == 4


def test_sparqlwrapper_reports_a_malformed_query(service: RunningService) -> None:
    with pytest.raises(QueryBadFormed, match="1:"):
        _wrapper(service, "SELECT * WHERE { ?s ?p }", JSON).queryAndConvert()


def test_rdflib_sparqlstore_select_and_construct(service: RunningService) -> None:
    store = SPARQLStore(service.sparql_url)  # asks for XML: SPARQL results XML or RDF/XML
    graph = Graph(store=store)
    rows = list(graph.query(LEVEL_QUERY))
    assert [str(r.notation) for r in rows] == ["6", "7", "8", "9"]
    constructed = graph.query(LEVELS_CONSTRUCT).graph
    assert len(constructed) == 4
    assert graph.query("ASK { ?s a <https://w3id.org/qualgraph/ontology#Level> }").askAnswer is True
    store.close()


def test_rdflib_sparqlstore_select_as_json(service: RunningService) -> None:
    graph = Graph(store=SPARQLStore(service.sparql_url, returnFormat="json", method="POST"))
    assert [str(r.notation) for r in graph.query(LEVEL_QUERY)] == ["6", "7", "8", "9"]


def test_rdflib_sparqlstore_reads_triples_by_pattern(service: RunningService) -> None:
    graph = Graph(store=SPARQLStore(service.sparql_url))
    labels = set(graph.objects(URIRef("https://w3id.org/qualgraph/id/framework/ie-nfq"), SKOS.prefLabel))
    assert Literal("Creat Náisiúnta Cáilíochtaí", lang="ga") in labels


# -- Accept parsing (the negotiation module's own table) ------------------------------------------------
OFFERS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
          "text/tab-separated-values"]
ACCEPT_CASES = [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv, */*", "text/csv"),
    ("text/html, application/xhtml+xml, */*;q=0.8", "application/sparql-results+json"),
    ("text/csv;q=0.3, text/tab-separated-values;q=0.9", "text/tab-separated-values"),
    ('text/csv;q=0.9;profile="urn:example:1", text/tab-separated-values;q=0.7', "text/csv"),
    ("text/*;q=0.5, text/tab-separated-values;q=0.6", "text/tab-separated-values"),
    ("*/*, text/csv;q=0", "application/sparql-results+json"),
    ("TEXT/CSV", "text/csv"),
    ("text/csv, text/tab-separated-values", "text/csv"),
    ("text/tab-separated-values, text/csv", "text/tab-separated-values"),
    ("text/csv;q=abc", "text/csv"),
    ("garbage, text/csv", "text/csv"),
    ("", "application/sparql-results+json"),
    ("image/png", None),
    ("text/csv;q=0", None),
]


@pytest.mark.parametrize(("accept", "expected"), ACCEPT_CASES)
def test_accept_header_choice(accept: str, expected: str | None) -> None:
    assert choose(accept, OFFERS) == expected


def test_accept_aliases_match_only_when_named() -> None:
    aliases = {"application/json": "application/sparql-results+json"}
    assert choose("application/json", OFFERS, aliases) == "application/sparql-results+json"
    assert choose("application/*", ["text/csv"], {"application/json": "text/csv"}) is None


def test_accept_ranges_sort_best_first() -> None:
    ranges = parse_accept("text/*;q=0.5, text/csv, */*;q=0.1")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [("text", "csv", 1.0), ("text", "*", 0.5),
                                                          ("*", "*", 0.1)]


def test_json_answers_parse_as_sparql_results(service: RunningService, client: httpx.Client) -> None:
    data = json.loads(client.get(service.sparql_url, params={"query": LEVEL_QUERY}).content)
    assert data["head"]["vars"] == ["level", "notation"]


# -- on an external SPARQL server -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def on_oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
    """The same service on a RemoteStore talking to ``oxigraph serve`` (loaded through our Graph Store)."""
    from external_servers import ServerDidNotStart, start_oxigraph

    from qualgraph.store.remote import RemoteStore

    try:
        server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-server"))
    except ServerDidNotStart as e:
        pytest.skip(str(e))
    store = RemoteStore(**server.store_arguments())
    try:
        with running_service(store=store, admin_token=ADMIN) as running:
            dataset = Dataset().parse(DATA, format="trig")
            for g in dataset.graphs():
                if len(g) and str(g.identifier).startswith("https://w3id.org/qualgraph/graph/"):
                    response = httpx.put(running.store_url, params={"graph": str(g.identifier)},
                                         content=g.serialize(format="nt", encoding="utf-8"),
                                         headers={"Content-Type": "application/n-triples",
                                                  "Authorization": f"Bearer {ADMIN}"})
                    assert response.status_code in (201, 204), response.text
            yield running
    finally:
        store.close()
        server.stop()


def test_the_endpoint_runs_unchanged_on_an_external_sparql_server(on_oxigraph_server: RunningService,
                                                                  client: httpx.Client) -> None:
    url = on_oxigraph_server.sparql_url
    assert levels_of(client.get(url, params={"query": LEVEL_QUERY})) == ALL_LEVELS
    assert levels_of(client.post(url, data={"query": LEVEL_QUERY, "default-graph-uri": EQF_GRAPH})) == \
        ["eqf/level/6", "eqf/level/7"]
    as_tsv = client.get(url, params={"query": LEVEL_QUERY}, headers={"Accept": "text/tab-separated-values"})
    assert as_tsv.text.splitlines()[0] == "?level\t?notation"
    turtle = client.get(url, params={"query": LEVELS_CONSTRUCT}, headers={"Accept": "text/turtle"})
    assert len(Graph().parse(data=turtle.text, format="turtle")) == 4
    assert client.get(url, params={"query": "SELECT * WHERE { ?s ?p }"}).status_code == 400
    graph = client.get(on_oxigraph_server.store_url, params={"graph": EQF_GRAPH})
    assert (URIRef("https://w3id.org/qualgraph/id/framework/eqf/level/7"), SKOS.notation, Literal("7")) in \
        Graph().parse(data=graph.text, format="turtle")


def test_updates_reach_the_external_sparql_server(on_oxigraph_server: RunningService, client: httpx.Client) -> None:
    url = on_oxigraph_server.sparql_url
    insert = "INSERT DATA { GRAPH <https://w3id.org/qualgraph/graph/notes> { <urn:x:n> <urn:x:p> 1 } }"
    assert client.post(url, data={"update": insert}, headers={"Authorization": f"Bearer {ADMIN}"}).status_code == 204
    assert client.get(url, params={"query": "ASK { <urn:x:n> ?p ?o }"}).json()["boolean"] is True
    assert client.post(url, data={"update": insert}).status_code == 401


def test_the_app_serves_an_in_memory_store_through_testclient() -> None:
    """Other tests may skip uvicorn: ``create_app`` takes any store, and an in-memory one runs queries in a
    thread (see ``test_sparql_timeout.py`` for what that means for the time limit)."""
    from fastapi.testclient import TestClient

    from qualgraph.store import EmbeddedStore
    from qualgraph.web.app import create_app
    from qualgraph.config import Settings

    store = EmbeddedStore(None)
    store.oxigraph.load(path=str(DATA))
    with TestClient(create_app(Settings(), store)) as test_client:
        assert levels_of(test_client.get("/sparql", params={"query": LEVEL_QUERY})) == ALL_LEVELS
    assert len(store) > 0  # a store passed in stays open: whoever opened it closes it
    store.close()
