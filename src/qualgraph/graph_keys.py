"""How the journal of writes names a graph, in text that crosses processes: its IRI, ``_:id`` for a blank node,
``""`` for the default graph.

A module of its own, with pyoxigraph and nothing else: a query worker turns these keys back into graphs at its first
query after a write, and importing the store package there (rdflib with it) cost that query ~110 ms.
"""

from __future__ import annotations

import pyoxigraph as ox


def graph_key(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    """The key of ``graph`` (what :meth:`qualgraph.store.GraphStore.mark_changed` is given)."""
    if isinstance(graph, ox.NamedNode):
        return graph.value
    return f"_:{graph.value}" if isinstance(graph, ox.BlankNode) else ""


def graph_named(key: str) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
    """The graph a key names."""
    if key == "":
        return ox.DefaultGraph()
    return ox.BlankNode(key[2:]) if key.startswith("_:") else ox.NamedNode(key)
