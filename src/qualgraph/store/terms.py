"""Conversion between rdflib terms (the interface of qualgraph) and pyoxigraph terms (the embedded engine)."""

from __future__ import annotations

import pyoxigraph as ox
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r} ({type(term).__name__}) as an RDF term")


def from_ox(term: object) -> Identifier:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == _XSD_STRING else URIRef(dt))
    raise TypeError(f"unexpected term {term!r}")


def quads_to_graph(quads: Iterable[ox.Quad]) -> Graph:
    """The quads' triples as one rdflib graph (graph names dropped); each distinct term is converted once,
    which matters for validating large submissions."""
    terms: dict[object, Identifier] = {}

    def term(t: object) -> Identifier:
        found = terms.get(t)
        if found is None:
            found = terms[t] = from_ox(t)
        return found

    graph = Graph()
    for q in quads:
        graph.add((term(q.subject), term(q.predicate), term(q.object)))
    return graph
