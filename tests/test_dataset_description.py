"""The dataset described for harvesters, and its dumps.

As the maintainer of a regional data portal I register qualgraph by its VoID/DCAT description: I read
``/.well-known/void`` (Turtle) or ``/dataset`` (a page for people), and find the title, the data licence (also
stated in ``data/README.md``), the publisher, the SPARQL endpoint, example resources to start from, the
vocabularies, the triples of each named graph and the last change, and the downloads as ``dcat:Distribution``s;
the home page and ``/dataset`` embed the same as a schema.org ``Dataset`` for search engines.
Each dump (N-Quads, Turtle, JSON-LD; gzip) parses and holds exactly what the store holds, and after the
administrator writes, the description and the dumps say so. Real service on loopback; rdflib and pyoxigraph read
what it sends.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from conftest import ADMIN_TOKEN, agency_service
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, VOID

from qualgraph.publishing.dataset import DATA_LICENCE, SD

PROJECT = Path(__file__).resolve().parents[1]
DCAT = Namespace("http://www.w3.org/ns/dcat#")  # an open namespace: pytest's collection probes module attributes


@pytest.fixture
def service(bundled_service):
    """The service on the bundled data (conftest.py; the tests that use it only read)."""
    return bundled_service


def description(url: str) -> tuple[Graph, URIRef]:
    graph = Graph().parse(f"{url}/.well-known/void", format="turtle")
    return graph, URIRef(f"{url}/dataset")


def test_the_description_says_what_the_data_is_who_publishes_it_and_under_which_licence(service):
    graph, dataset = description(service.url)
    assert (dataset, DCTERMS.license, URIRef(DATA_LICENCE)) in graph
    assert "qualifications frameworks" in str(graph.value(dataset, DCTERMS.title))
    publisher = graph.value(dataset, DCTERMS.publisher)
    assert graph.value(publisher, FOAF.name) is not None
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef(f"{service.url}/sparql")
    assert graph.value(dataset, DCTERMS.modified) is not None
    vocabularies = {str(v) for v in graph.objects(dataset, VOID.vocabulary)}
    assert {"http://www.w3.org/2004/02/skos/core#", "https://w3id.org/qualgraph/ontology#"} <= vocabularies
    examples = list(graph.objects(dataset, VOID.exampleResource))
    assert examples
    for example in examples:
        page = httpx.get(service.url + str(example)[len("https://w3id.org/qualgraph"):], headers={"Accept": "text/turtle"})
        assert page.status_code == 200
    assert DATA_LICENCE in (PROJECT / "data" / "README.md").read_text(encoding="utf-8")


def test_the_description_counts_the_triples_of_each_named_graph_as_the_store_holds_them(service, bundled_store):
    graph, dataset = description(service.url)
    counted = {str(graph.value(s, SD.name)): int(graph.value(s, VOID.triples))
               for s in graph.objects(dataset, VOID.subset)}
    held = {str(g): bundled_store.count_triples(g) for g in bundled_store.named_graphs()}
    assert counted == held
    assert int(graph.value(dataset, VOID.triples)) == len(bundled_store)


def test_browsers_get_a_page_and_programs_the_format_they_ask_for(service):
    page = httpx.get(f"{service.url}/dataset", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and "qualgraph.nq.gz" in page.text
    for html in (page.text, httpx.get(f"{service.url}/").text):  # search engines read schema.org, not VoID
        embedded = json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
        assert embedded["@type"] == "Dataset" and embedded["license"] == DATA_LICENCE
        assert f"{service.url}/dumps/qualgraph.nq.gz" in [d["contentUrl"] for d in embedded["distribution"]]
    json_ld = httpx.get(f"{service.url}/dataset", headers={"Accept": "application/ld+json"})
    assert json_ld.headers["content-type"].startswith("application/ld+json")
    assert json_ld.json()["@context"] == f"{service.url}/context.jsonld"
    assert httpx.get(f"{service.url}/dataset", headers={"Accept": "image/png"}).status_code == 406


def _quads(body: bytes, fmt: ox.RdfFormat) -> set[str]:
    """Quads as text with blank nodes written alike: the dumps name blank nodes afresh."""
    out = set()
    for q in ox.parse(gzip.decompress(body), format=fmt):
        terms = [("_:b" if isinstance(t, ox.BlankNode) else str(t)) for t in (q.subject, q.predicate, q.object)]
        out.add(" ".join(terms) + (f" {q.graph_name}" if not isinstance(q.graph_name, ox.DefaultGraph) else ""))
    return out


def _store_quads(store, union: bool) -> set[str]:
    out = set()
    for q in ox.parse(store.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS):
        terms = [("_:b" if isinstance(t, ox.BlankNode) else str(t)) for t in (q.subject, q.predicate, q.object)]
        out.add(" ".join(terms) + ("" if union else f" {q.graph_name}"))
    return out


@pytest.mark.parametrize(("name", "fmt", "union"), [("qualgraph.nq.gz", ox.RdfFormat.N_QUADS, False),
                                                    ("qualgraph.ttl.gz", ox.RdfFormat.TURTLE, True),
                                                    ("qualgraph.jsonld.gz", ox.RdfFormat.JSON_LD, False)])
def test_each_dump_is_a_listed_distribution_and_holds_what_the_store_holds(service, bundled_store, name, fmt, union):
    graph, dataset = description(service.url)
    url = URIRef(f"{service.url}/dumps/{name}")
    assert (dataset, DCAT.distribution, url) in graph and (dataset, VOID.dataDump, url) in graph
    assert graph.value(url, DCAT.downloadURL) == url
    assert str(graph.value(url, DCAT.compressFormat)).endswith("application/gzip")
    assert graph.value(url, DCAT.mediaType) is not None and graph.value(url, DCTERMS.license) == URIRef(DATA_LICENCE)
    answer = httpx.get(str(url))
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/gzip"
    body = answer.content
    if fmt == ox.RdfFormat.JSON_LD:  # compacted with the published context, which a reader loads from its URL
        document = json.loads(gzip.decompress(body))
        assert document["@context"] == f"{service.url}/context.jsonld"
        document["@context"] = httpx.get(document["@context"]).json()["@context"]  # pyoxigraph loads no URLs
        body = gzip.compress(json.dumps(document).encode())
    assert _quads(body, fmt) == _store_quads(bundled_store, union)
    assert httpx.get(f"{service.url}/dumps/qualgraph.zip").status_code == 404


def test_after_a_write_the_dumps_and_the_counts_are_made_again(tmp_path):
    with agency_service("", tmp_path) as running:
        before = running.client.get("/dumps/qualgraph.nq.gz")
        counted = Graph().parse(data=running.client.get("/.well-known/void").text, format="turtle")
        triples = int(counted.value(URIRef(f"{running.url}/dataset"), VOID.triples))
        written = running.client.put("/store", params={"graph": "https://example.org/graph/extra"},
                                     content=b"<https://example.org/a> <https://example.org/b> \"c\" .",
                                     headers={"Content-Type": "application/n-triples",
                                              "Authorization": f"Bearer {ADMIN_TOKEN}"})
        assert written.status_code == 201
        after = running.client.get("/dumps/qualgraph.nq.gz", headers={"If-None-Match": before.headers["etag"]})
        assert after.status_code == 200
        assert '<https://example.org/a> <https://example.org/b> "c" <https://example.org/graph/extra>' in \
            _quads(after.content, ox.RdfFormat.N_QUADS)
        recounted = Graph().parse(data=running.client.get("/.well-known/void").text, format="turtle")
        assert recounted.value(URIRef(f"{running.url}/dataset"), VOID.triples) == Literal(triples + 1)


def test_a_store_past_the_dump_limit_is_not_dumped_and_the_service_still_answers(tmp_path):
    from conftest import bundled_data_store
    from service_support import running_service

    store = bundled_data_store()
    try:
        with running_service(store=store, query_workers=0, max_dump_quads=100) as running:
            refused = httpx.get(f"{running.url}/dumps/qualgraph.nq.gz")
            assert refused.status_code == 503 and "more than the 100" in refused.json()["detail"]["error"]
            assert httpx.get(f"{running.url}/.well-known/void").status_code == 200
            assert httpx.get(f"{running.url}/id/framework/ie-nfq", headers={"Accept": "text/turtle"}).status_code == 200
    finally:
        store.close()
