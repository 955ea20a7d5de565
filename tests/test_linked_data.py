"""Linked-data publishing: every qualgraph IRI dereferences.

As a developer of another knowledge graph I link to qualgraph's IRIs, and I follow them: my RDF client asks
for Turtle, N-Triples, JSON-LD or RDF/XML and gets the resource's statements with the names of what it links
to; a colleague opening the same IRI in a browser gets a page with the level's name. Both answers say which
other formats exist (``Link``) and that they depend on ``Accept`` (``Vary``). An IRI nobody described is a 404,
and a client that accepts nothing we can write gets a 406.
"""

from __future__ import annotations

import httpx
import pytest
from rdflib import Graph, Literal, URIRef

from qualgraph.config import PROJECT_ROOT
from qualgraph.vocab import QG, QGS, SKOS

LEVEL = "https://w3id.org/qualgraph/id/framework/ie-nfq/level/8"
LEVEL_PATH = "/id/framework/ie-nfq/level/8"
RDFLIB = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
          "application/rdf+xml": "xml"}


@pytest.fixture
def service(bundled_service):
    """The service on the bundled data (conftest.py; every test here only reads)."""
    return bundled_service


def get(service, path: str, accept: str | None = None, **params) -> httpx.Response:
    headers = {"Accept": accept} if accept is not None else {}
    return httpx.get(service.url + path, headers=headers, params=params or None, timeout=30)


def media_type(response: httpx.Response) -> str:
    return response.headers["content-type"].split(";")[0].strip()


@pytest.mark.parametrize("accept, expected", [
    ("text/turtle", "text/turtle"),
    ("application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("text/html", "text/html"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),  # a browser
    ("*/*", "text/turtle"),  # curl
    (None, "text/turtle"),
    ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
    ("application/rdf+xml;q=0.9, text/html;q=0.1", "application/rdf+xml"),
    ("text/html;q=0, */*", "text/turtle"),
    ("text/*", "text/turtle"),
    ("application/json", "application/ld+json"),
    ("text/n3", "text/turtle"),
])
def test_accept_chooses_the_format_by_q_values(service, accept, expected):
    response = get(service, LEVEL_PATH, accept)
    assert response.status_code == 200
    assert media_type(response) == expected


@pytest.mark.parametrize("accept", list(RDFLIB))
def test_the_rdf_description_holds_the_resources_statements_and_names_of_its_neighbours(service, accept):
    response = get(service, LEVEL_PATH, accept)
    graph = Graph().parse(data=response.content, format=RDFLIB[accept], publicID=service.url)
    level = URIRef(LEVEL)
    assert (level, SKOS.notation, Literal("8")) in graph
    assert (level, QG.rank, Literal(8)) in graph
    framework = URIRef("https://w3id.org/qualgraph/id/framework/ie-nfq")
    assert (level, SKOS.inScheme, framework) in graph
    assert graph.value(framework, SKOS.prefLabel) is not None  # the neighbour is named
    names = {SKOS.prefLabel, SKOS.notation, URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
             URIRef("http://purl.org/dc/terms/title")}
    # named, and what it says about this level (follow your nose, issue 13); not described: that is its own IRI's job
    assert {p for p, o in graph.predicate_objects(framework) if o != level} <= names
    assert (framework, SKOS.hasTopConcept, level) in graph


def test_the_html_page_shows_the_levels_name(service):
    response = get(service, LEVEL_PATH, "text/html")
    assert "Level 8" in response.text
    assert "ie-nfq:8" in response.text


@pytest.mark.parametrize("fmt, expected", [("ttl", "text/turtle"), ("nt", "application/n-triples"),
                                           ("jsonld", "application/ld+json"), ("rdf", "application/rdf+xml"),
                                           ("html", "text/html")])
def test_the_format_parameter_overrides_accept(service, fmt, expected):
    response = get(service, LEVEL_PATH, "text/html", format=fmt)
    assert response.status_code == 200
    assert media_type(response) == expected


def test_every_answer_varies_on_accept_and_links_to_the_other_formats(service):
    response = get(service, LEVEL_PATH, "text/turtle")
    assert "accept" in response.headers["vary"].lower()
    link = response.headers["link"]
    for fmt in ("ttl", "nt", "jsonld", "rdf", "html"):
        assert f'{LEVEL_PATH}?format={fmt}>; rel="alternate"' in link
    assert f'<{LEVEL}>; rel="canonical"' in link


def test_an_iri_without_statements_is_404_with_a_search_hint_for_people(service):
    page = get(service, "/id/framework/ie-nfq/level/88", "text/html")
    assert page.status_code == 404
    assert "search the names in the graph" in page.text
    assert "ie-nfq:8" in page.text  # the closest levels are suggested
    data = get(service, "/id/framework/ie-nfq/level/88", "text/turtle")
    assert data.status_code == 404


def test_nothing_acceptable_is_406(service):
    response = get(service, LEVEL_PATH, "image/png")
    assert response.status_code == 406
    assert "text/turtle" in response.text
    assert get(service, LEVEL_PATH, format="pdf").status_code == 406


def test_a_decision_dereferences_with_its_status(service):
    rows = httpx.get(service.sparql_url, params={"query": (
        "SELECT ?c WHERE { ?c <https://w3id.org/qualgraph/ontology#sourceLevel> <%s> } LIMIT 1" % LEVEL)},
        headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"]
    decision = rows[0]["c"]["value"]
    path = decision[len("https://w3id.org/qualgraph"):]
    graph = Graph().parse(data=get(service, path, "text/turtle").content, format="turtle")
    assert (URIRef(decision), QG.status, QGS.accepted) in graph
    page = get(service, path, "text/html")
    assert "Referencing decision" in page.text and "accepted" in page.text


def test_the_ontology_is_served_as_written_and_converted(service):
    turtle = get(service, "/ontology", "text/turtle")
    assert turtle.content == (PROJECT_ROOT / "ontology" / "qualgraph.ttl").read_bytes()
    graph = Graph().parse(data=get(service, "/ontology", "application/ld+json").content, format="json-ld")
    assert (QG.Level, None, None) in graph
    page = get(service, "/ontology", "text/html")
    assert 'id="Level"' in page.text  # https://w3id.org/qualgraph/ontology#Level lands on its definition


@pytest.mark.parametrize("path, iri", [("/status/accepted", QGS.accepted),
                                       ("/role/awarding-body", URIRef("https://w3id.org/qualgraph/role/awarding-body"))])
def test_status_and_role_concepts_dereference(service, path, iri):
    graph = Graph().parse(data=get(service, path, "text/turtle").content, format="turtle")
    assert (iri, SKOS.prefLabel, None) in graph
    assert get(service, path, "text/html").status_code == 200
    assert get(service, path.rsplit("/", 1)[0] + "/no-such-thing", "text/turtle").status_code == 404


def test_a_framework_page_lists_its_levels_and_an_organisation_page_what_links_to_it(service):
    framework = get(service, "/id/framework/ie-nfq", "text/html").text
    assert "Irish National Framework of Qualifications" in framework
    assert 'href="/id/framework/ie-nfq/level/10"' in framework
    assert "(EU/EEA) with\n8 levels" in get(service, "/id/framework/eqf", "text/html").text  # words kept apart
    organisation = get(service, "/id/organisation/ie-qqi", "text/html")
    assert organisation.status_code == 200
    assert "Referred to by" in organisation.text
