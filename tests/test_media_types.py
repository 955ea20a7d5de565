"""The one table of formats (qualgraph.media_types) and the one IRI check (qualgraph.iris).

In the spirit of rdflib-endpoint's table of Accept headers and the media type each gets: every registry
entry round-trips a graph through pyoxigraph and rdflib under its own names, ``format=`` values stand for
the media types they always stood for, and a table of good and bad IRIs.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from qualgraph import media_types
from qualgraph.iris import is_iri
from qualgraph.media_types import FORMATS, by_media_type, by_suffix
from qualgraph.sparql.formats import format_accept, negotiate

RDF_FORMATS = [f for f in FORMATS if f.kind != "results"]
RESULTS_FORMATS = [f for f in FORMATS if f.kind == "results"]

S, P, G = URIRef("https://example.org/s"), URIRef("https://example.org/p"), URIRef("https://example.org/g")


@pytest.mark.parametrize("fmt", RDF_FORMATS, ids=lambda f: f.label)
def test_each_rdf_format_round_trips_through_pyoxigraph_and_rdflib(fmt: media_types.Format) -> None:
    triple = (S, P, Literal("Level 9", lang="en"))
    graph: Graph = Dataset() if fmt.kind == "dataset" else Graph()
    (graph.graph(G) if isinstance(graph, Dataset) else graph).add(triple)
    written = graph.serialize(format=fmt.rdflib, encoding="utf-8")
    quads = list(ox.parse(written, format=fmt.pyoxigraph, base_iri="https://example.org/"))
    assert [(q.subject.value, q.predicate.value, q.object.value) for q in quads] == [(str(S), str(P), "Level 9")]
    assert ox.RdfFormat.from_media_type(fmt.media_type) == fmt.pyoxigraph
    back = (Dataset() if fmt.kind == "dataset" else Graph()).parse(data=written.decode("utf-8"), format=fmt.rdflib)
    assert {(s, p, o) for s, p, o, *_ in (back.quads() if isinstance(back, Dataset) else back)} == {triple}


@pytest.mark.parametrize("fmt", RESULTS_FORMATS, ids=lambda f: f.label)
def test_each_results_format_is_pyoxigraphs(fmt: media_types.Format) -> None:
    assert ox.QueryResultsFormat.from_media_type(fmt.media_type) == fmt.pyoxigraph
    store = ox.Store()
    answer = store.query("SELECT ?x WHERE { VALUES ?x { 9 10 } }")
    written = answer.serialize(format=fmt.pyoxigraph)
    assert b"10" in written


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.label)
def test_each_entry_is_found_by_its_media_type_and_suffixes(fmt: media_types.Format) -> None:
    assert by_media_type(f"{fmt.media_type}; charset=utf-8") is fmt
    for suffix in fmt.suffixes:
        assert by_suffix(suffix.upper(), FORMATS) is fmt


@pytest.mark.parametrize("value, accept", [
    ("json", "application/sparql-results+json, application/ld+json"),
    ("xml", "application/sparql-results+xml, application/rdf+xml"),
    ("srj", "application/sparql-results+json"),
    ("csv", "text/csv"),
    ("tsv", "text/tab-separated-values"),
    ("turtle", "text/turtle"),
    ("ttl", "text/turtle"),
    ("n3", "text/turtle"),
    ("nt", "application/n-triples"),
    ("n-triples", "application/n-triples"),
    ("json-ld", "application/ld+json"),
    ("jsonld", "application/ld+json"),
    ("rdf+xml", "application/rdf+xml"),
    ("rdf/xml", "application/rdf+xml"),
    ("nquads", "application/n-quads"),
    ("trig", "application/trig"),
    ("  JSON ", "application/sparql-results+json, application/ld+json"),
    ("text/csv", "text/csv"),
    ("unknown", None),
    ("", None),
])
def test_format_names_stand_for_the_media_types_they_always_did(value: str, accept: str | None) -> None:
    assert format_accept(value) == accept


@pytest.mark.parametrize("accept, kind, chosen", [
    (None, "solutions", "application/sparql-results+json"),
    ("*/*", "graph", "text/turtle"),
    ("application/json", "solutions", "application/sparql-results+json"),
    ("application/json", "graph", "application/ld+json"),
    ("application/xml", "solutions", "application/sparql-results+xml"),
    ("application/xml", "graph", "application/rdf+xml"),
    ("text/n3", "graph", "text/turtle"),
    ("application/x-turtle", "graph", "text/turtle"),
    ("text/csv;q=0.5, application/sparql-results+xml", "solutions", "application/sparql-results+xml"),
    ("application/n-triples;q=0.9, text/turtle;q=0.8", "graph", "application/n-triples"),
    ("application/*", "dataset", "application/n-quads"),
    ("text/tab-separated-values", "boolean", "text/tab-separated-values"),
])
def test_accept_headers_choose_the_media_type(accept: str | None, kind: str, chosen: str) -> None:
    assert negotiate(accept, kind) == chosen


@pytest.mark.parametrize("text", [
    "https://w3id.org/qualgraph/id/framework/ie-nfq/level/8",
    "http://example.org/a%20b?x=1#frag",
    "urn:qualgraph:validation:data",
    "https://example.org/Niveau_é",  # RFC 3987: non-ASCII letters are fine
    "mailto:someone@example.org",
])
def test_good_iris(text: str) -> None:
    assert is_iri(text)


@pytest.mark.parametrize("text", [
    "",
    "no-scheme/path",
    "1http://example.org/",
    "https://example.org/a b",
    "https://example.org/\n",  # a final newline: "$" in a regular expression would let it through
    "https://example.org/a\tb",
    "https://example.org/\u00a0",
    "https://example.org/<x>",
    'https://example.org/"',
    "https://example.org/{x}",
    "https://example.org/a|b",
    "https://example.org/a^b",
    "https://example.org/a`b",
    "https://example.org/a\\b",
    "https://example.org/\x00",
])
def test_bad_iris(text: str) -> None:
    assert not is_iri(text)


def test_relative_iris_and_web_addresses() -> None:
    assert is_iri("level/8", absolute=False)
    assert not is_iri("level 8", absolute=False)
    assert is_iri("https://example.org/doc.pdf", schemes=("http", "https"))
    assert not is_iri("ftp://example.org/doc.pdf", schemes=("http", "https"))
    assert not is_iri("https:example.org", schemes=("http", "https"))
    assert not is_iri("https://", schemes=("http", "https"))
