"""Namespaces used across qualgraph, defined once so that code, queries and data agree."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, ORG, FOAF, SH

QG = Namespace("https://w3id.org/qualgraph/ontology#")
QGS = Namespace("https://w3id.org/qualgraph/status/")
QGR = Namespace("https://w3id.org/qualgraph/role/")
QGID = Namespace("https://w3id.org/qualgraph/id/")
GRAPH_BASE = "https://w3id.org/qualgraph/graph/"
SCHEMA = Namespace("https://schema.org/")
ELM = Namespace("http://data.europa.eu/snb/model/elm/")
ESCO = Namespace("http://data.europa.eu/esco/model#")
CETERMS = Namespace("https://purl.org/ctdl/terms/")

STATUSES = ("accepted", "draft", "superseded", "illustrative")
#: Statuses recorded for the record only: not in STATUSES, so derivation cannot be asked to use them.
RECORD_ONLY_STATUSES = ("notEndorsed",)

PREFIXES: dict[str, str] = {
    "qg": str(QG),
    "qgs": str(QGS),
    "qgr": str(QGR),
    "qgid": str(QGID),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "sh": str(SH),
    "elm": str(ELM),
    "esco": str(ESCO),
    "ceterms": str(CETERMS),
}


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, for queries that use them."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
