"""The dataset described for harvesters (VoID and DCAT) and the dumps it lists.

A data portal or a crawler that finds qualgraph reads ``/.well-known/void`` (or ``/dataset``): what the data is,
under which licence, who publishes it, where the SPARQL endpoint is, where to start (example resources), which
vocabularies it uses, how many triples each named graph holds, when it last changed, and the downloads — the
whole store as gzipped N-Quads (with its named graphs), Turtle (their union) and JSON-LD (with its named graphs,
compacted with the context published at ``/context.jsonld``, so it reads as plain JSON), each a
``dcat:Distribution``. The dumps are written on first request after each change, graph by graph into a file in
the store's directory, and sent from there as a stream, so a dump and the description always describe the same
content (:func:`content_version`) and no dump is held in memory whole; tests compare a downloaded dump with the
store quad by quad.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, FOAF, VOID

from ..queries import load_query
from ..store import GraphStore
from ..vocab import DCTERMS, PREFIXES, QGID, RDF, XSD
from .jsonld import NodeCompactor, context, write_nodes

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
    """A text that changes with every write: the store's persistent change marker where it keeps one (an on-disk
    embedded store: the same after a restart, :attr:`~qualgraph.store.GraphStore.state_marker`), else the writes
    made through this process (and, on an external server that others write to, every ``derived_max_age``
    seconds). What dumps, the description and HTTP validators are keyed by."""
    marker = store.state_marker
    if marker is not None:
        return marker[0]
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


class DumpTooLarge(RuntimeError):
    """The store holds more quads than a dump may be made of (``max_dump_quads``)."""


DUMPS_FOLDER = "qualgraph-dumps"
"""Where the dumps are written: a folder in the store's directory (Oxigraph ignores it), else a temporary one."""


class _Dumps:
    """The dump files of one store at one content version, made on first request (one at a time)."""

    def __init__(self, folder: Path, keep: Any = None) -> None:
        self.lock = threading.Lock()
        self.folder = folder
        self.keep = keep  # a TemporaryDirectory to remove with this object, for a store with no directory

    def path(self, version: str, name: str, context_url: str | None) -> Path:
        key = hashlib.sha256(f"{version}\n{context_url or ''}".encode()).hexdigest()[:16]
        return self.folder / f"{key}-{name}"


_DUMPS: weakref.WeakKeyDictionary[GraphStore, _Dumps] = weakref.WeakKeyDictionary()
_DUMPS_LOCK = threading.Lock()


def _dumps_of(store: GraphStore) -> _Dumps:
    with _DUMPS_LOCK:
        known = _DUMPS.get(store)
        if known is None:
            if store.local_path is not None and not getattr(store, "read_only", False):
                folder = Path(store.local_path) / DUMPS_FOLDER
                folder.mkdir(exist_ok=True)
                known = _Dumps(folder)
            else:
                temporary = tempfile.TemporaryDirectory(prefix="qualgraph-dumps-")
                known = _Dumps(Path(temporary.name), temporary)
            _DUMPS[store] = known
        return known


def dump_file(store: GraphStore, name: str, max_quads: int | None = None,
              context_url: str | None = None) -> tuple[Path, str]:
    """The gzipped dump ``name`` (a key of :data:`DUMPS`) of the store as it is now, as a file, and its content
    version. The JSON-LD dump is compacted with the context published at ``context_url`` (``/context.jsonld``;
    without one, the context is written into the dump).

    Raises KeyError for an unknown name, :class:`DumpTooLarge` past ``max_quads``. A dump is written once per
    content version, graph by graph (never the whole store in memory: at most one named graph), into a file in
    the store's directory (``qualgraph-dumps/``, or a temporary folder for a store with none); the files of
    older versions are removed. Read it as a stream: it may be large."""
    spec = DUMPS[name]
    if max_quads is not None and statistics(store).triples > max_quads:
        raise DumpTooLarge(f"the store holds {statistics(store).triples} quads, more than the {max_quads} a dump is "
                           "made of here; read its named graphs one by one from /store (listed in /dataset)")
    dumps = _dumps_of(store)
    with dumps.lock:
        version = content_version(store)
        path = dumps.path(version, name, context_url if spec.format == ox.RdfFormat.JSON_LD else None)
        if not path.exists():
            temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            try:
                with open(temporary, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb",
                                                                 compresslevel=6, mtime=0) as out:
                    _write(store, spec, out, context_url)
                os.replace(temporary, path)
            finally:
                temporary.unlink(missing_ok=True)
            for old in dumps.folder.iterdir():  # the other versions' dumps: nobody is sent them any more
                if old.name.endswith(f"-{name}") and old != path:
                    old.unlink(missing_ok=True)
        return path, version


def dump(store: GraphStore, name: str, max_quads: int | None = None,
         context_url: str | None = None) -> tuple[bytes, str]:
    """:func:`dump_file`'s content in memory (for small stores and tests)."""
    path, version = dump_file(store, name, max_quads, context_url)
    return path.read_bytes(), version


def _graphs(store: GraphStore) -> Iterator[tuple[str | None, bytes]]:
    """Each graph's triples as canonical N-Triples, one graph at a time: the default graph first where the store
    keeps one of its own (None), then the named graphs by IRI."""
    if store.separate_default_graph:
        yield None, store.dump(ox.RdfFormat.N_TRIPLES, ox.DefaultGraph())
    for graph in sorted(store.named_graphs()):
        yield str(graph), store.dump(ox.RdfFormat.N_TRIPLES, graph)


def _write(store: GraphStore, spec: Dump, out: IO[bytes], context_url: str | None) -> None:
    if spec.format == ox.RdfFormat.N_QUADS:
        for graph, lines in _graphs(store):
            if graph is None:
                out.write(lines)
                continue
            name = f" <{graph}> .\n".encode()
            for line in lines.splitlines():
                if line.strip():
                    out.write(line.rstrip()[:-1].rstrip() + name)  # "<s> <p> <o> ." -> "<s> <p> <o> <g> ."
    elif spec.format == ox.RdfFormat.TURTLE:  # the union: a triple in several graphs may be written twice
        for _, lines in _graphs(store):
            if lines.strip():
                out.write(ox.serialize(ox.parse(lines, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                                       prefixes=PREFIXES))
                out.write(b"\n")
    else:
        _write_jsonld(store, out, context_url)


def _write_jsonld(store: GraphStore, out: IO[bytes], context_url: str | None) -> None:
    """The dataset as compacted JSON-LD: ``{"@context": URL, "@graph": [default graph's nodes..., {"id": GRAPH,
    "@graph": [nodes...]}...]}``, each node compacted with the published context (:class:`NodeCompactor`)."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=True)
    compactor = NodeCompactor()
    text.write('{"@context": ' + json.dumps(context_url if context_url else context(), ensure_ascii=False) +
               ',\n "@graph": [')
    first = True
    for graph, lines in _graphs(store):
        if not lines.strip():
            continue
        triples = ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)
        if graph is None:
            first = not write_nodes(text, triples, compactor, "  ") and first
            continue
        text.write(("" if first else ",") + "\n  {\"id\": " + json.dumps(graph) + ', "@graph": [')
        write_nodes(text, triples, compactor, "    ")
        text.write("\n  ]}")
        first = False
    text.write("\n]}\n")
    text.detach()


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
