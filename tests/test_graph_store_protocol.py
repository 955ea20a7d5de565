"""Graphs are read and written whole through the SPARQL 1.1 Graph Store HTTP Protocol at ``/store``.

As the administrator, I load a source's graph in one request (``PUT /store?graph=...`` with a Turtle, N-Triples,
RDF/XML or JSON-LD body), replace it when the source changes, add to it, and delete it; a body that does not
parse is refused whole, with the parser's line. Anyone can read a graph, in the RDF syntax they ask for.
Statuses follow https://www.w3.org/TR/sparql11-http-rdf-update/: 201 when a write creates the graph, 204
when it changes one, 404 for a graph that does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from service_support import RunningService, running_service

FIXTURES = Path(__file__).parent / "fixtures" / "sparql"
ADMIN = "graph-store-admin"
AUTH = {"Authorization": f"Bearer {ADMIN}"}
LEVEL_8 = URIRef("https://w3id.org/qualgraph/id/framework/eqf/level/8")
LEVEL_5 = URIRef("https://w3id.org/qualgraph/id/framework/eqf/level/5")
SYNTAXES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
            "application/ld+json": "json-ld"}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
    with running_service(tmp_path_factory.mktemp("gsp") / "store", data=[FIXTURES / "ie-nfq-eqf.trig"],
                         admin_token=ADMIN) as running:
        yield running


@pytest.fixture()
def graph(request: pytest.FixtureRequest) -> str:
    """A graph IRI of this test's own."""
    return f"https://w3id.org/qualgraph/graph/test/{request.node.name.replace('[', '-').rstrip(']')}"


def level_8_body(media_type: str) -> bytes:
    return Graph().parse(FIXTURES / "eqf-level-8.ttl").serialize(format=SYNTAXES[media_type], encoding="utf-8")


def put(service: RunningService, graph: str, body: bytes, media_type: str = "text/turtle") -> httpx.Response:
    return httpx.put(service.store_url, params={"graph": graph}, content=body,
                     headers={**AUTH, "Content-Type": media_type})


def get_graph(service: RunningService, graph: str, accept: str = "text/turtle") -> Graph:
    response = httpx.get(service.store_url, params={"graph": graph}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    return Graph().parse(data=response.content, format=SYNTAXES[accept])


@pytest.mark.parametrize("media_type", list(SYNTAXES))
def test_put_creates_a_graph_from_any_rdf_syntax_with_201(service: RunningService, graph: str,
                                                          media_type: str) -> None:
    response = put(service, graph, level_8_body(media_type), media_type)
    assert response.status_code == 201
    assert parse_qs(urlsplit(response.headers["location"]).query)["graph"] == [graph]
    assert (LEVEL_8, SKOS.prefLabel, Literal("EQR-Niveau 8", lang="de")) in get_graph(service, graph)


def test_put_on_an_existing_graph_replaces_it_with_204(service: RunningService, graph: str) -> None:
    assert put(service, graph, b"<urn:x:old> <urn:x:p> <urn:x:o> .").status_code == 201
    response = put(service, graph, (FIXTURES / "eqf-level-8.ttl").read_bytes())
    assert response.status_code == 204
    replaced = get_graph(service, graph)
    assert (URIRef("urn:x:old"), None, None) not in replaced
    assert len(replaced) == 6


def test_post_adds_to_a_graph_with_204(service: RunningService, graph: str) -> None:
    put(service, graph, b"<urn:x:old> <urn:x:p> <urn:x:o> .")
    response = httpx.post(service.store_url, params={"graph": graph}, content=(FIXTURES / "eqf-level-8.ttl").read_bytes(),
                          headers={**AUTH, "Content-Type": "text/turtle"})
    assert response.status_code == 204
    merged = get_graph(service, graph)
    assert (URIRef("urn:x:old"), URIRef("urn:x:p"), URIRef("urn:x:o")) in merged
    assert len(merged) == 7


def test_post_to_a_new_graph_creates_it_with_201(service: RunningService, graph: str) -> None:
    response = httpx.post(service.store_url, params={"graph": graph}, content=b"<urn:x:a> <urn:x:b> <urn:x:c> .",
                          headers={**AUTH, "Content-Type": "application/n-triples"})
    assert response.status_code == 201


def test_post_to_the_store_creates_a_new_named_graph(service: RunningService) -> None:
    response = httpx.post(service.store_url, content=b"<urn:x:a> <urn:x:b> <urn:x:c> .",
                          headers={**AUTH, "Content-Type": "application/n-triples"})
    assert response.status_code == 201
    new_graph = parse_qs(urlsplit(response.headers["location"]).query)["graph"][0]
    assert new_graph.startswith("https://w3id.org/qualgraph/graph/store/")
    assert len(get_graph(service, new_graph)) == 1


def test_delete_drops_a_graph_with_204_then_it_is_404(service: RunningService, graph: str) -> None:
    put(service, graph, b"<urn:x:a> <urn:x:b> <urn:x:c> .")
    assert httpx.delete(service.store_url, params={"graph": graph}, headers=AUTH).status_code == 204
    assert httpx.get(service.store_url, params={"graph": graph}).status_code == 404
    assert httpx.head(service.store_url, params={"graph": graph}).status_code == 404


def test_delete_of_a_missing_graph_is_404(service: RunningService, graph: str) -> None:
    assert httpx.delete(service.store_url, params={"graph": graph}, headers=AUTH).status_code == 404


def test_get_of_a_missing_graph_is_404(service: RunningService) -> None:
    response = httpx.get(service.store_url, params={"graph": "https://w3id.org/qualgraph/graph/no-such-source"})
    assert response.status_code == 404


@pytest.mark.parametrize("accept", list(SYNTAXES))
def test_get_returns_a_graph_in_the_negotiated_syntax(service: RunningService, accept: str) -> None:
    graph = get_graph(service, "https://w3id.org/qualgraph/graph/ie-nfq", accept)
    assert (URIRef("https://w3id.org/qualgraph/id/framework/ie-nfq"), SKOS.altLabel, Literal("NFQ", lang="en")) \
        in graph


def test_get_in_a_syntax_nobody_serves_is_406(service: RunningService) -> None:
    response = httpx.get(service.store_url, params={"graph": "https://w3id.org/qualgraph/graph/ie-nfq"},
                         headers={"Accept": "application/pdf"})
    assert response.status_code == 406


def test_head_has_the_headers_of_get_and_no_body(service: RunningService) -> None:
    params = {"graph": "https://w3id.org/qualgraph/graph/eqf"}
    got = httpx.get(service.store_url, params=params)
    head = httpx.head(service.store_url, params=params)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == str(len(got.content))


def test_the_default_graph_is_written_and_read_with_default(service: RunningService) -> None:
    body = b"<urn:x:in-default> <urn:x:p> <urn:x:o> ."
    response = httpx.put(service.store_url + "?default", content=body,
                         headers={**AUTH, "Content-Type": "application/n-triples"})
    assert response.status_code == 204  # the default graph always exists
    read = httpx.get(service.store_url + "?default", headers={"Accept": "application/n-triples"})
    assert read.text.strip() == body.decode()
    assert httpx.delete(service.store_url + "?default", headers=AUTH).status_code == 204
    assert httpx.get(service.store_url + "?default", headers={"Accept": "application/n-triples"}).text == ""


def test_naming_both_a_graph_and_the_default_graph_is_400(service: RunningService) -> None:
    response = httpx.get(service.store_url + "?default&graph=https%3A%2F%2Fexample.org%2Fg")
    assert response.status_code == 400


def test_a_graph_name_that_is_not_an_iri_is_400(service: RunningService) -> None:
    assert httpx.get(service.store_url, params={"graph": "eqf levels"}).status_code == 400


def test_a_body_that_does_not_parse_is_400_with_its_line_and_changes_nothing(service: RunningService,
                                                                           graph: str) -> None:
    put(service, graph, (FIXTURES / "eqf-level-8.ttl").read_bytes())
    response = put(service, graph, (FIXTURES / "turtle-syntax-error-on-line-8.ttl").read_bytes())
    assert response.status_code == 400
    assert re.search(r"line 8", response.text), response.text
    unchanged = get_graph(service, graph)
    assert len(unchanged) == 6 and (LEVEL_5, None, None) not in unchanged


def test_a_body_in_a_syntax_we_do_not_read_is_415(service: RunningService, graph: str) -> None:
    response = put(service, graph, b"%PDF-1.4", "application/pdf")
    assert response.status_code == 415


def test_a_dataset_syntax_is_refused_for_one_graph(service: RunningService, graph: str) -> None:
    response = put(service, graph, b"<urn:x:a> <urn:x:b> <urn:x:c> <urn:x:g> .", "application/n-quads")
    assert response.status_code == 415


def test_get_without_a_graph_returns_the_whole_store(service: RunningService) -> None:
    response = httpx.get(service.store_url, headers={"Accept": "application/n-quads"})
    assert response.status_code == 200
    dataset = Dataset().parse(data=response.text, format="nquads")
    names = {str(g.identifier) for g in dataset.graphs()}
    assert {"https://w3id.org/qualgraph/graph/ie-nfq", "https://w3id.org/qualgraph/graph/eqf"} <= names


def test_sparql_queries_see_graph_store_writes(service: RunningService, graph: str) -> None:
    put(service, graph, (FIXTURES / "eqf-level-8.ttl").read_bytes())
    ask = f"ASK {{ GRAPH <{graph}> {{ <{LEVEL_8}> ?p ?o }} }}"
    for _ in range(4):  # every query worker
        assert httpx.get(service.sparql_url, params={"query": ask}).json()["boolean"] is True
    httpx.delete(service.store_url, params={"graph": graph}, headers=AUTH)
    for _ in range(4):
        assert httpx.get(service.sparql_url, params={"query": ask}).json()["boolean"] is False


def test_an_empty_put_leaves_an_empty_graph_that_exists(service: RunningService, graph: str) -> None:
    assert put(service, graph, b"", "application/n-triples").status_code == 201
    response = httpx.get(service.store_url, params={"graph": graph}, headers={"Accept": "application/n-triples"})
    assert response.status_code == 200 and response.text == ""
