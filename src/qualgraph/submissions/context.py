"""The validation context: what the store already says about what a submission touches.

A submission is validated together with the frameworks, levels, decisions and records it refers to — read from
the store in one query, never the whole store — and the digest of that context tells whether a check made again
can keep its earlier report.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from .. import ids
from ..queries import load_query, with_values
from ..store import GraphStore
from ..vocab import QG, QGID, SKOS
from .model import ReadSubmission
from .ownership import frameworks_of

_ID = str(QGID)
_IN_SCHEME = ox.NamedNode(str(SKOS.inScheme))
_DECISION_UNITS = (ox.NamedNode(str(QG.sourceUnit)), ox.NamedNode(str(QG.targetUnit)))


def context_triples(store: GraphStore, read: ReadSubmission,
                    exclude: URIRef | None = None) -> Iterator[tuple[Any, Any, Any]]:
    """What the store says about what the submission touches (read-only, one query): the frameworks of the
    records it describes or names, with their levels, descriptors, alignments and decisions, and the other
    qualgraph records it names without describing them (an awarding body, a qualification ...).

    The submission's own graph (or ``exclude``) is left out: a new version replaces it as a whole. So is a
    triple the submission itself holds: the shapes see the merge of both, where it is one triple, but in both
    graphs it doubles the solutions of every pattern matching it in the rules across records (the union default
    graph) — MonotoneReferencing joins eight: 23 s instead of 0.01 s at 10,000 triples described elsewhere too.
    """
    described = read.described
    frameworks: set[str] = set()
    records: set[str] = set()
    loose: list[URIRef] = []  # records of no framework that the submission describes: units, standards ...
    for term in described.named:
        if isinstance(term, ox.NamedNode) and term.value.startswith(_ID):
            named = frameworks_of(term.value)
            frameworks.update(named)
            if term in described.subjects:
                if not named:
                    loose.append(URIRef(term.value))
            elif not named or term.value.startswith(_ID + "qualification/"):
                records.add(term.value)
    records.update(q.object.value for q in read.quads(_IN_SCHEME)
                   if isinstance(q.object, ox.NamedNode) and q.object not in described.subjects)
    # a qualification described here and in another graph is one record: its other description joins too
    elsewhere = with_values(load_query("submission-qualifications-elsewhere"), "framework",
                            [ids.framework_iri(s) for s in sorted(frameworks)])
    for row in store.select_values(with_values(elsewhere, "exclude", [exclude or read.graph])):
        if ox.NamedNode(row["record"]) in described.subjects:
            records.add(row["record"])
    # and so is a unit, a standard or an organisation described here and elsewhere
    if loose:
        records.update(str(r) for r in store.described_elsewhere(loose, exclude or read.graph))
    query = load_query("submission-context")
    query = with_values(query, "framework", [ids.framework_iri(s) for s in sorted(frameworks)])
    query = with_values(query, "record", [URIRef(r) for r in sorted(records)])
    query = with_values(query, "exclude", [exclude or read.graph])
    units = sorted({q.object.value for p in _DECISION_UNITS for q in read.quads(p) if isinstance(q.object, ox.NamedNode)})
    query = with_values(query, "unit", [URIRef(u) for u in units])
    own = read.node
    return ((s, p, o) for s, p, o in construct_triples(store, query) if ox.Quad(s, p, o, own) not in read.data)


def construct_triples(store: GraphStore, query: str) -> Iterator[tuple[Any, Any, Any]]:
    """The triples a CONSTRUCT query gives, as pyoxigraph terms (straight from Oxigraph on the embedded store)."""
    for t in store.construct_triples(query):
        yield t.subject, t.predicate, t.object


def context_digest(triples: Iterable[tuple[Any, Any, Any]]) -> str:
    """SHA-256 of a context's distinct triples in canonical N-Triples, in order: the same context, the same
    digest, so a check made again need not validate again when what it is validated with did not change."""
    lines = sorted({f"{s} {p} {o}" for s, p, o in triples})
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
