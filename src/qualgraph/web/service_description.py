"""The SPARQL 1.1 Service Description of ``/sparql`` (https://www.w3.org/TR/sparql11-service-description/).

What a client can learn without reading our documentation: the endpoint, the languages (Query, and Update
with a token), the result formats (named with the W3C format IRIs, https://www.w3.org/ns/formats/), that the
default graph is the union of the named graphs (``sd:UnionDefaultGraph``), whether federated queries are
allowed (``sd:BasicFederatedQuery``), and the named graphs the store holds (one per loaded source).
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from .. import __version__
from ..config import Settings
from ..media_types import Format, by_media_type
from ..sparql import GRAPH_FORMATS, SOLUTION_FORMATS
from ..store import GraphStore

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
ENT = Namespace("http://www.w3.org/ns/entailment/")

SD_FORMATS: tuple[Format, ...] = GRAPH_FORMATS
"""The syntaxes the description is offered in (Turtle first, for ``*/*``)."""

_RESULT_FORMATS: tuple[Format, ...] = SOLUTION_FORMATS + GRAPH_FORMATS


def service_graph(endpoint: str, store: GraphStore, settings: Settings) -> Graph:
    """The description as an rdflib graph."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    g.bind("dcterms", DCTERMS)
    service = URIRef(endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, DCTERMS.title, Literal("qualgraph SPARQL endpoint", lang="en")))
    g.add((service, DCTERMS.description, Literal(
        f"Qualifications frameworks, their levels and the decisions that relate them (qualgraph {__version__}). "
        "The default graph is the union of the named graphs, one per loaded source. Updates need the "
        "administrator's bearer token.", lang="en")))
    for language in ("SPARQL11Query", "SPARQL11Update"):
        g.add((service, SD.supportedLanguage, SD[language]))
    for fmt in _RESULT_FORMATS:
        g.add((service, SD.resultFormat, FORMATS[fmt.w3c]))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    if getattr(settings, "allow_service", ""):
        g.add((service, SD.feature, SD.BasicFederatedQuery))
    g.add((service, SD.defaultEntailmentRegime, ENT.Simple))
    dataset = BNode()
    default_graph = BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default_graph))
    g.add((default_graph, RDF.type, SD.Graph))
    for name in sorted(store.named_graphs()):
        node = BNode()
        g.add((dataset, SD.namedGraph, node))
        g.add((node, RDF.type, SD.NamedGraph))
        g.add((node, SD.name, URIRef(str(name))))
    return g


def describe_service(endpoint: str, store: GraphStore, settings: Settings, media_type: str) -> bytes:
    """The description serialised as ``media_type`` (one of :data:`SD_FORMATS`)."""
    fmt = by_media_type(media_type)
    assert fmt is not None
    return service_graph(endpoint, store, settings).serialize(format=fmt.rdflib, encoding="utf-8")
