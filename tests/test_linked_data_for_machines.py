"""Linked data a harvester can crawl without special cases.

As the developer of a harvester for a national credentials registry I point standard RDF tools at qualgraph:
rdflib's ``Graph().parse(url, format="nt")`` asks for ``text/plain`` and gets N-Triples; JSON-LD comes compacted
with a context published at ``/context.jsonld``, so my JSON code reads ``prefLabel`` and ``inScheme`` while a
JSON-LD processor reads the same triples as the Turtle; each page names its other formats with ``<link
rel="alternate" type=...>`` and embeds its resource as schema.org JSON-LD for search engines. Starting from one
level and following only the IRIs in the answers, I reach the decisions about it, the levels they lead to and
the reports they belong to. A browser that mistypes a path gets an HTML page, a program the JSON it expects.
"""

from __future__ import annotations

import json

import httpx
import pytest
from browser_support import Elements
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from qualgraph.vocab import DCTERMS, QG, SKOS

LEVEL = "https://w3id.org/qualgraph/id/framework/ie-nfq/level/8"


@pytest.fixture
def service(bundled_service):
    """The service on the bundled data (conftest.py; every test here only reads)."""
    return bundled_service


def page(service, iri: str) -> str:
    return service.url + iri[len("https://w3id.org/qualgraph"):]


def test_text_plain_is_n_triples_so_rdflib_reads_it_by_url(service):
    answer = httpx.get(page(service, LEVEL), headers={"Accept": "text/plain"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/n-triples")
    graph = Graph().parse(page(service, LEVEL), format="nt")
    assert (URIRef(LEVEL), SKOS.notation, None) in graph


def test_json_ld_is_compacted_with_the_published_context_and_holds_the_same_triples(service):
    context = httpx.get(f"{service.url}/context.jsonld")
    assert context.headers["content-type"].startswith("application/ld+json")
    terms = context.json()["@context"]
    assert terms["inScheme"] == {"@id": str(SKOS.inScheme), "@type": "@id"}
    assert terms["sourceLevel"] == {"@id": str(QG.sourceLevel), "@type": "@id"}
    document = httpx.get(page(service, LEVEL), headers={"Accept": "application/ld+json"}).json()
    assert document["@context"] == f"{service.url}/context.jsonld"
    level = next(n for n in document["@graph"] if n["id"] == LEVEL)
    assert level["prefLabel"] == {"en": "Level 8"}
    assert level["inScheme"] == "https://w3id.org/qualgraph/id/framework/ie-nfq"
    from_json_ld = Graph().parse(page(service, LEVEL), format="json-ld")  # fetches the context by its URL
    from_turtle = Graph().parse(data=httpx.get(page(service, LEVEL), headers={"Accept": "text/turtle"}).text,
                                format="turtle")
    assert len(from_turtle) > 10 and isomorphic(from_json_ld, from_turtle)


def test_a_page_names_its_formats_with_their_types_and_embeds_schema_org(service):
    html = httpx.get(page(service, LEVEL), headers={"Accept": "text/html"}).text
    elements = Elements(html)
    alternates = {a["type"]: a["href"] for a, _ in elements.all("link", rel="alternate")}
    assert set(alternates) == {"text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"}
    turtle = httpx.get(service.url + alternates["text/turtle"])
    assert turtle.headers["content-type"].startswith("text/turtle")
    embedded = [json.loads(text) for _, text in elements.all("script", type="application/ld+json")]
    assert embedded and embedded[0]["@context"] == "https://schema.org"
    assert embedded[0]["@type"] == "DefinedTerm" and embedded[0]["@id"] == LEVEL
    assert embedded[0]["inDefinedTermSet"]["@id"] == "https://w3id.org/qualgraph/id/framework/ie-nfq"
    framework = Elements(httpx.get(f"{service.url}/id/framework/ie-nfq", headers={"Accept": "text/html"}).text)
    assert json.loads(framework.all("script", type="application/ld+json")[0][1])["@type"] == "DefinedTermSet"


def test_the_rdf_of_a_level_names_the_decisions_about_it_and_of_a_framework_its_reports(service):
    level = Graph().parse(page(service, LEVEL), format="nt")
    decisions = set(level.subjects(QG.sourceLevel, URIRef(LEVEL)))
    assert any("correspondence/ie-nfq/8/eqf/6" in str(d) for d in decisions)
    framework_iri = "https://w3id.org/qualgraph/id/framework/ie-nfq"
    framework = Graph().parse(page(service, framework_iri), format="nt")
    assert set(framework.subjects(QG.sourceFramework, URIRef(framework_iri))) == {  # its EQF report, NZQA's table
        URIRef("https://w3id.org/qualgraph/id/alignment/ie-nfq/eqf"),
        URIRef("https://w3id.org/qualgraph/id/alignment/ie-nfq/nz-nzqcf")}
    assert (None, SKOS.inScheme, URIRef(framework_iri)) in framework


def test_a_crawler_following_iris_from_one_level_reaches_a_comparable_level_and_its_sources(service):
    seen: set[str] = set()
    frontier = [LEVEL]
    sources: set[str] = set()
    for _ in range(4):  # the level -> its decision -> the EQF level -> its decisions -> the Scottish level
        found = []
        for iri in frontier:
            if iri in seen:
                continue
            seen.add(iri)
            graph = Graph().parse(page(service, iri), format="nt")
            sources |= {str(o) for o in graph.objects(None, DCTERMS.source)}
            for term in set(graph.subjects()) | set(graph.objects()):
                if isinstance(term, URIRef) and str(term).startswith("https://w3id.org/qualgraph/id/") \
                        and ("/level/" in str(term) or "/correspondence/" in str(term)):
                    found.append(str(term))
        frontier = found
    assert "https://w3id.org/qualgraph/id/framework/uk-scqf/level/9" in seen | set(frontier)
    assert sources


def test_a_browser_asking_for_a_missing_path_gets_an_html_page_and_a_program_json(service):
    browser = httpx.get(f"{service.url}/no/such/page", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.status_code == 404 and browser.headers["content-type"].startswith("text/html")
    assert "There is no page at /no/such/page" in browser.text and 'action="/search"' in browser.text
    program = httpx.get(f"{service.url}/no/such/page")
    assert program.status_code == 404 and program.json() == {"detail": "Not Found"}
    api = httpx.get(f"{service.url}/api/frameworks/no-such", headers={"Accept": "text/html"})
    assert api.status_code == 404 and api.json()["detail"]["suggestions"]
