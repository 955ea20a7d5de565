"""The SPARQL 1.1 Graph Store HTTP Protocol's operations on a store: GET, PUT, POST and DELETE of one graph.

https://www.w3.org/TR/sparql11-http-rdf-update/
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import URIRef

from ..input_limits import ExpandsTooMuch, InputLimits, InputRefused, check_rdf
from ..store.base import StoreError
from .errors import GraphNotFound, MalformedQuery, ProtocolError, RequestTooLarge, StoreFailure, UnsupportedMediaType
from .execution import rdf_format as _rdf_format

if TYPE_CHECKING:
    from ..store import GraphStore

# -- Graph Store HTTP Protocol --------------------------------------------------------------------------
DEFAULT_GRAPH = "default"
"""Stands for the store's default graph in the graph-store functions below (``?default``)."""


@dataclass
class GraphStoreResult:
    """What a write did: ``created`` answers 201, otherwise 204."""

    created: bool
    graph: str


def parse_graph_body(data: bytes, content_type: str | None, base_iri: str | None,
                     limits: InputLimits = InputLimits()) -> list[ox.Triple]:
    """The triples of a request body in any RDF graph syntax pyoxigraph reads (by its Content-Type); a body
    that would crash or swamp the parser (:mod:`qualgraph.input_limits`) is refused first."""
    if not content_type:
        raise UnsupportedMediaType("a Content-Type naming an RDF syntax (text/turtle, application/n-triples, "
                                   "application/rdf+xml, application/ld+json ...) is required")
    try:
        fmt = ox.RdfFormat.from_media_type(content_type)
    except ValueError:
        fmt = None
    if fmt is None:
        raise UnsupportedMediaType(f"{content_type} is not an RDF syntax this store reads")
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        raise UnsupportedMediaType(f"{fmt.name} holds several graphs; send one graph (Turtle, N-Triples, "
                                   "RDF/XML, JSON-LD) to a graph")
    try:
        check_rdf(data, fmt, place=f"the {fmt.name} body", limits=limits)
    except ExpandsTooMuch as e:
        raise RequestTooLarge(str(e)) from None
    except InputRefused as e:
        raise MalformedQuery(str(e)) from None
    try:
        return [q.triple for q in ox.parse(data, format=fmt, base_iri=base_iri, without_named_graphs=True)]
    except SyntaxError as e:
        raise MalformedQuery(f"the {fmt.name} body does not parse: {e.msg if hasattr(e, 'msg') else e}") from None


class GraphStoreService:
    """The Graph Store HTTP Protocol's operations on a store (GET, PUT, POST, DELETE of one graph).

    The store's interface does the writing (:meth:`GraphStore.replace_quads`, :meth:`GraphStore.add_quads`):
    on the embedded store a new graph is written with ``Store.extend`` (one transaction, ~3x faster than the same
    triples as ``INSERT DATA``) and an existing one replaced by one update; on an external server a graph goes
    by one Graph Store ``PUT``. ``?default`` is a graph of its own only where the store has one
    (:attr:`GraphStore.separate_default_graph`); elsewhere the default graph is the union, and is refused.
    Writes share the SPARQL service's lock.
    """

    def __init__(self, store: "GraphStore", write_lock: threading.Lock | None = None) -> None:
        self.store = store
        self.write_lock = write_lock or threading.Lock()

    # -- reading
    def exists(self, graph: str) -> bool:
        if graph == DEFAULT_GRAPH:
            return True
        return self.store.has_graph(URIRef(graph))

    def read(self, graph: str | None, media_type: str) -> bytes:
        """The graph (or, with ``graph=None``, the whole dataset) serialised as ``media_type``."""
        if graph is not None and not self.exists(graph):
            raise GraphNotFound(f"there is no graph <{graph}> in this store")
        fmt = _rdf_format(media_type)
        if graph == DEFAULT_GRAPH:
            self._default_graph("ask for a graph")
            return self.store.dump(fmt, ox.DefaultGraph())
        return self.store.dump(fmt, None if graph is None else URIRef(graph))

    # -- writing
    def put(self, graph: str, triples: list[ox.Triple]) -> GraphStoreResult:
        """Make the graph hold exactly these triples, atomically."""
        with self.write_lock:
            existed = self.exists(graph)
            if graph == DEFAULT_GRAPH:
                self._default_graph("write a named graph")
                body = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)
                self._write(self.store.update, f"CLEAR DEFAULT ;\nINSERT DATA {{ {body} }}")
            else:
                name = ox.NamedNode(graph)
                quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples]
                self._write(self.store.replace_quads, [URIRef(graph)], quads)
                if not quads:
                    self._write(self.store.add_graph, URIRef(graph))  # an empty PUT still creates the graph
            return GraphStoreResult(created=not existed, graph=graph)

    def post(self, graph: str, triples: list[ox.Triple]) -> GraphStoreResult:
        """Add the triples to the graph (creating it), atomically."""
        with self.write_lock:
            existed = self.exists(graph)
            if graph == DEFAULT_GRAPH:
                self._default_graph("write a named graph")
            name = ox.DefaultGraph() if graph == DEFAULT_GRAPH else ox.NamedNode(graph)
            quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples]
            if quads:
                # One transaction creates the graph with its content: a write killed half-way leaves no empty graph.
                self._write(self.store.add_quads, quads)
            elif graph != DEFAULT_GRAPH:
                self._write(self.store.add_graph, URIRef(graph))
            return GraphStoreResult(created=not existed, graph=graph)

    def delete(self, graph: str) -> None:
        """Drop the graph (clear the default graph); :class:`GraphNotFound` if there is none."""
        with self.write_lock:
            if not self.exists(graph):
                raise GraphNotFound(f"there is no graph <{graph}> in this store")
            if graph == DEFAULT_GRAPH:
                self._default_graph("delete a named graph")
                self._write(self.store.update, "CLEAR DEFAULT")
            else:
                self._write(self.store.remove_graphs, [URIRef(graph)])

    def _default_graph(self, instead: str) -> None:
        if not self.store.separate_default_graph:
            raise ProtocolError(f"this store's default graph is the union of its named graphs: {instead}")

    @staticmethod
    def _write(write: Callable[..., None], *args: Any) -> None:
        try:
            write(*args)
        except (OSError, StoreError) as e:
            raise StoreFailure(f"the graph could not be written: {e}") from None
