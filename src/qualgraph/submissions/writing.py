"""Writing a version, or a withdrawal, into the store: as few index entries touched as the store allows.

A first version is written with the store's bulk path into its new graph (Oxigraph's bulk loader; a Graph Store
``PUT`` on an external server), dropped again if anything fails; a later one is one transaction writing only the
triples that changed, compared as canonical N-Triples lines (:meth:`GraphStore.write_changes`). Apart from the
workflow because it is the one place that knows how a version is written, not what is written; how each store
writes fast and safely (blank nodes included: Virtuoso refuses them in ``INSERT DATA``) is the store's business.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import URIRef

from ..store import GraphStore


def current_ntriples(store: GraphStore, graph: URIRef) -> bytes | None:
    """The graph as canonical N-Triples (None when it has none: a first version, or after a withdrawal)."""
    if not store.has_graph(graph):
        return None
    return store.dump(ox.RdfFormat.N_TRIPLES, graph)


def write_version(store: GraphStore, graph: URIRef, new: bytes, current: bytes | None,
                  provenance_graph: URIRef, provenance: list[ox.Quad]) -> None:
    """Make the N-Triples ``new`` the content of ``graph`` and add ``provenance`` (quads of ``provenance_graph``);
    ``current``: the graph as it is (:func:`current_ntriples`)."""
    if current is None:
        store.write_graph(graph, new, ox.RdfFormat.N_TRIPLES, also=provenance)
    else:
        store.write_changes(graph, current, new, also=provenance)


def write_withdrawal(store: GraphStore, graph: URIRef, provenance_graph: URIRef,
                     provenance: list[ox.Quad]) -> None:
    """Drop ``graph`` and add ``provenance`` (quads of ``provenance_graph``), in one transaction."""
    store.replace_quads([graph], provenance)
