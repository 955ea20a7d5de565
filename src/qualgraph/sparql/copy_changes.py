"""Changing a worker's in-memory copy (of the whole store, or of its small predicates) while its lanes read it.

Oxigraph's in-memory store gives each query the state of one transaction, and each ``extend`` or ``remove`` is a
transaction of its own: a graph refreshed by adding its new quads and then removing its old ones was seen half
done by a query in another lane (a graph of 2,000 quads replaced 20 times: 22 different counts seen, 2,000 to
4,000). One SPARQL update is one transaction, so the change goes as ``DELETE DATA`` and ``INSERT DATA`` in one
(the same reader saw only 2,000). It costs more than ``extend``: 100,000 new quads took 1.1 s against 0.27 s, paid
once by the lane that brings the copy up to date; a graph of 20 quads replaced by 20 others, 0.58 ms against 0.22 ms.
"""

from __future__ import annotations

from collections.abc import Set

import pyoxigraph as ox


def apply_changes(store: ox.Store, added: Set[ox.Quad], removed: Set[ox.Quad]) -> None:
    """Add ``added`` and remove ``removed`` in one transaction, where that keeps every term as it is.

    A blank node (or a triple term) is written in two steps, as before, and not isolated: ``INSERT DATA`` would give
    a blank node a new label, and a copy must answer with the labels the disk has."""
    if not added and not removed:
        return
    if not any(_not_data(quad) for quad in added) and not any(_not_data(quad) for quad in removed):
        parts = []
        if removed:
            parts.append("DELETE DATA { " + " ".join(_data(quad) for quad in removed) + " }")
        if added:
            parts.append("INSERT DATA { " + " ".join(_data(quad) for quad in added) + " }")
        try:
            store.update(" ;\n".join(parts))
            return
        except (SyntaxError, ValueError):  # a term SPARQL does not read as N-Triples writes it: never seen; as below
            pass
    store.extend(added)
    for quad in removed:
        store.remove(quad)


def _not_data(quad: ox.Quad) -> bool:
    """Whether the quad holds a term that ``DELETE DATA`` / ``INSERT DATA`` cannot carry as it is."""
    return (isinstance(quad.subject, (ox.BlankNode, ox.Triple)) or isinstance(quad.object, (ox.BlankNode, ox.Triple))
            or isinstance(quad.graph_name, ox.BlankNode))


def _data(quad: ox.Quad) -> str:
    """The quad in a SPARQL data block: the terms as N-Triples writes them, which SPARQL reads."""
    triple = f"{quad.subject} {quad.predicate} {quad.object} ."
    return triple if isinstance(quad.graph_name, ox.DefaultGraph) else f"GRAPH {quad.graph_name} {{ {triple} }}"
