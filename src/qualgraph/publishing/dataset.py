"""The dataset described for harvesters (VoID and DCAT) and the dumps it lists.

A data portal or a crawler that finds qualgraph reads ``/.well-known/void`` (or ``/dataset``): what the data is,
under which licence, who publishes it, where the SPARQL endpoint is, where to start (example resources), which
vocabularies it uses, how many triples each named graph holds, when it last changed, and the downloads — the
whole store as gzipped N-Quads (with its named graphs), Turtle (their union) and JSON-LD (with its named graphs),
each a ``dcat:Distribution``. The dumps are made from the store on first request after each change, so a dump
and the description always describe the same content (:func:`content_version`); tests compare a downloaded
dump with the store quad by quad.
"""

from __future__ import annotations

import gzip
import threading
import time
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, FOAF, VOID

from ..queries import load_query
from ..store import GraphStore
from ..vocab import DCTERMS, PREFIXES, QGID, RDF, XSD

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
MEDIA = "https://www.iana.org/assignments/media-types/"

TITLE = "qualgraph: qualifications frameworks, their levels and the decisions that relate them"
DESCRIPTION = ("National and regional qualifications frameworks (the ASEAN AQRF, the EQF, the Pacific QF and the "
               "national frameworks referenced to them), their levels, and the referencing decisions and "
               "comparisons that relate levels, each with its status, date and sources.")
DATA_LICENCE = "https://creativecommons.org/licenses/by/4.0/"
"""The licence of the bundled data (stated in ``data/README.md``): facts compiled from the public referencing
reports and framework documents named in each record's ``dcterms:source``."""
PUBLISHER = "qualgraph"


def content_version(store: GraphStore) -> str:
    """A text that changes with every write made through this process (and, on an external server that others
    write to, every ``derived_max_age`` seconds): what dumps, the description and HTTP validators are keyed by."""
    version = str(store.generation)
    if store.derived_max_age:
        version += f".{int(time.time() // store.derived_max_age)}"
    return version


# -- the dumps ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Dump:
    """One download of the whole store."""

    name: str
    label: str
    media_type: str
    format: ox.RdfFormat
    union: bool  # the union of the named graphs as triples (Turtle), or the quads with their graphs


DUMPS: dict[str, Dump] = {d.name: d for d in (
    Dump("qualgraph.nq.gz", "N-Quads, gzip", "application/n-quads", ox.RdfFormat.N_QUADS, union=False),
    Dump("qualgraph.ttl.gz", "Turtle (the union of the named graphs), gzip", "text/turtle", ox.RdfFormat.TURTLE,
         union=True),
    Dump("qualgraph.jsonld.gz", "JSON-LD (with the named graphs), gzip", "application/ld+json",
         ox.RdfFormat.JSON_LD, union=False),
)}
"""Every dump, by its file name under ``/dumps/``."""


class _Dumps:
    """The dumps of one store at one content version, made on first request (one at a time)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version: str | None = None
        self.made: dict[str, bytes] = {}


_DUMPS: weakref.WeakKeyDictionary[GraphStore, _Dumps] = weakref.WeakKeyDictionary()
_DUMPS_LOCK = threading.Lock()


class DumpTooLarge(RuntimeError):
    """The store holds more quads than a dump may be made of (``max_dump_quads``)."""


def dump(store: GraphStore, name: str, max_quads: int | None = None) -> tuple[bytes, str]:
    """The gzipped dump ``name`` (a key of :data:`DUMPS`) of the store as it is now, and its content version.

    Raises KeyError for an unknown name, :class:`DumpTooLarge` past ``max_quads``. A dump is made once per
    content version and kept (only the current version's)."""
    spec = DUMPS[name]
    if max_quads is not None and statistics(store).triples > max_quads:
        raise DumpTooLarge(f"the store holds {statistics(store).triples} quads, more than the {max_quads} a dump is "
                           "made of here; read its named graphs one by one from /store (listed in /dataset)")
    with _DUMPS_LOCK:
        cache = _DUMPS.setdefault(store, _Dumps())
    with cache.lock:
        version = content_version(store)
        if cache.version != version:
            cache.version, cache.made = version, {}
        if name not in cache.made:
            cache.made[name] = gzip.compress(_serialise(store, spec), compresslevel=6, mtime=0)
        return cache.made[name], version


def _serialise(store: GraphStore, spec: Dump) -> bytes:
    quads = store.dump(ox.RdfFormat.N_QUADS)
    if spec.format == ox.RdfFormat.N_QUADS:
        return quads
    parsed = ox.parse(quads, format=ox.RdfFormat.N_QUADS)
    if spec.union:
        triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in parsed))
        return ox.serialize(triples, format=spec.format, prefixes=PREFIXES)
    return ox.serialize(parsed, format=spec.format)


# -- the description ---------------------------------------------------------------------------------------------
@dataclass
class Statistics:
    """What the description counts, read from the store once per content version."""

    version: str
    graphs: list[tuple[str, int]]
    properties: list[str]
    classes: list[str]
    examples: list[str]

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)

    @property
    def vocabularies(self) -> list[str]:
        """The namespaces of the properties and classes used, known ones by their prefix's IRI."""
        found = set()
        for term in self.properties + self.classes:
            known = next((ns for ns in PREFIXES.values() if term.startswith(ns)), None)
            if known:
                found.add(known)
        return sorted(found)


_STATS: weakref.WeakKeyDictionary[GraphStore, Statistics] = weakref.WeakKeyDictionary()


def statistics(store: GraphStore) -> Statistics:
    """The named graphs with their sizes, the properties, classes and example resources of the store now."""
    version = content_version(store)
    known = _STATS.get(store)
    if known is not None and known.version == version:
        return known
    graphs = [(r["g"], int(r["triples"])) for r in store.select_values(load_query("void-graphs"))]
    terms = store.select_values(load_query("void-vocabularies"))
    examples = []
    for r in store.select_values(load_query("void-examples")):
        examples += [r[k] for k in ("framework", "level") if k in r]
    stats = Statistics(version, graphs, sorted(r["term"] for r in terms if r["kind"] == "property"),
                       sorted(r["term"] for r in terms if r["kind"] == "class"), examples)
    _STATS[store] = stats
    return stats


def description(store: GraphStore, base: str, modified: float) -> Graph:
    """The VoID and DCAT description of the dataset served at ``base`` (the service's public URL, no trailing
    slash), last changed at Unix time ``modified``."""
    stats = statistics(store)
    g = Graph()
    for prefix, namespace in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("sd", SD),
                              ("xsd", XSD)):
        g.bind(prefix, namespace)
    dataset = URIRef(f"{base}/dataset")
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal(TITLE, lang="en")))
    g.add((dataset, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    g.add((dataset, DCTERMS.license, URIRef(DATA_LICENCE)))
    publisher = URIRef(f"{base}/")
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((publisher, RDF.type, FOAF.Organization))
    g.add((publisher, FOAF.name, Literal(PUBLISHER)))
    g.add((dataset, DCTERMS.modified, Literal(datetime.fromtimestamp(modified, UTC).isoformat(timespec="seconds"),
                                              datatype=XSD.dateTime)))
    g.add((dataset, FOAF.homepage, URIRef(f"{base}/")))
    g.add((dataset, VOID.uriSpace, Literal(str(QGID))))
    g.add((dataset, VOID.sparqlEndpoint, URIRef(f"{base}/sparql")))
    g.add((dataset, VOID.triples, Literal(stats.triples)))
    g.add((dataset, VOID.properties, Literal(len(stats.properties))))
    g.add((dataset, VOID.classes, Literal(len(stats.classes))))
    for example in stats.examples:
        g.add((dataset, VOID.exampleResource, URIRef(example)))
    for vocabulary in stats.vocabularies:
        g.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    for graph, triples in stats.graphs:
        subset = BNode()
        g.add((dataset, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, SD.name, URIRef(graph)))
        g.add((subset, VOID.triples, Literal(triples)))
    service = URIRef(f"{base}/sparql")
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCAT.endpointURL, service))
    g.add((service, DCAT.servesDataset, dataset))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    for spec in DUMPS.values():
        url = URIRef(f"{base}/dumps/{spec.name}")
        g.add((dataset, VOID.dataDump, url))
        g.add((dataset, DCAT.distribution, url))
        g.add((url, RDF.type, DCAT.Distribution))
        g.add((url, DCTERMS.title, Literal(spec.label, lang="en")))
        g.add((url, DCAT.downloadURL, url))
        g.add((url, DCAT.mediaType, URIRef(MEDIA + spec.media_type)))
        g.add((url, DCAT.compressFormat, URIRef(MEDIA + "application/gzip")))
        g.add((url, DCTERMS.license, URIRef(DATA_LICENCE)))
    return g


def schema_org(base: str) -> dict[str, Any]:
    """The dataset in schema.org terms (``Dataset`` with its downloads), which the home page and ``/dataset``
    embed for search engines (dataset search reads this, not VoID)."""
    return {"@context": "https://schema.org", "@type": "Dataset", "@id": f"{base}/dataset", "name": TITLE,
            "description": DESCRIPTION, "license": DATA_LICENCE, "url": f"{base}/",
            "isAccessibleForFree": True, "creator": {"@type": "Organization", "name": PUBLISHER},
            "distribution": [{"@type": "DataDownload", "contentUrl": f"{base}/dumps/{d.name}",
                              "encodingFormat": d.media_type, "name": d.label} for d in DUMPS.values()]}


def page(store: GraphStore, base: str, modified: float) -> dict[str, Any]:
    """What the HTML page of the description shows."""
    stats = statistics(store)
    return {"title": TITLE, "description": DESCRIPTION, "licence": DATA_LICENCE, "stats": stats,
            "modified": datetime.fromtimestamp(modified, UTC).isoformat(timespec="seconds"),
            "dumps": list(DUMPS.values()), "base": base}
