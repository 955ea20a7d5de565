"""Writing a version, or a withdrawal, into the store: as few index entries touched as the store allows.

A first version is bulk-loaded into its new graph; a later one is one SPARQL Update writing only the triples
that changed, compared as Oxigraph's own N-Triples lines. Apart from the workflow because it is the one place
that knows how the store is written fast and safely, not what is written.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import URIRef

from ..store import EmbeddedStore, GraphStore


def current_ntriples(store: GraphStore, graph: URIRef) -> bytes | None:
    """The graph as N-Triples (None when it has none: a first version, or after a withdrawal)."""
    if not isinstance(store, EmbeddedStore) or not store.has_graph(graph):
        return None
    return store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(graph)))


def write_version(store: GraphStore, graph: URIRef, new: bytes, current: bytes | None,
                  provenance_graph: URIRef, provenance: list[ox.Quad]) -> None:
    """Make the N-Triples ``new`` the content of ``graph`` and add ``provenance`` to ``provenance_graph``;
    ``current``: the graph as it is (:func:`current_ntriples`)."""
    if not isinstance(store, EmbeddedStore):
        store.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{\n"
                     f"GRAPH <{graph}> {{\n{new.decode('utf-8')}}}\n"
                     f"GRAPH <{provenance_graph}> {{\n{triples_text(provenance)}}}\n}}")
        return
    node = ox.NamedNode(str(graph))
    if current is None:
        # A first version goes to a graph nobody else writes: Oxigraph's bulk loader, from the N-Triples
        # Oxigraph wrote (not transactional, but undone by dropping the graph), then the provenance in one
        # small transaction.
        try:
            store.bulk_load(input=new, format=ox.RdfFormat.N_TRIPLES, to_graph=node)
            store.extend(provenance)
        except BaseException:
            store.remove_graphs([graph])
            raise
        return
    # A later version: one SPARQL Update (one transaction) writes only what changed. Dropping and refilling
    # the graph would rewrite every index entry of every triple twice (9 s at 100,000 triples).
    store.update(replacement(graph, current, new, inserted={provenance_graph: provenance}))


def write_withdrawal(store: GraphStore, graph: URIRef, provenance_graph: URIRef,
                     provenance: list[ox.Quad]) -> None:
    """Drop ``graph`` and add ``provenance`` to ``provenance_graph``, in one SPARQL Update."""
    store.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{provenance_graph}> {{\n"
                 f"{triples_text(provenance)}}} }}")


def replacement(graph: URIRef, old: bytes, new: bytes, *, inserted: dict[URIRef, list[ox.Quad]]) -> str:
    """A SPARQL Update that turns ``graph`` from the N-Triples ``old`` into ``new`` and adds ``inserted``.

    Both texts are Oxigraph's own N-Triples (one triple a line, terms in one canonical form), so a triple is
    kept when its line is in both; lines are compared as bytes, only the changed ones decoded. Blank nodes
    cannot be matched across versions: every triple with one is deleted by pattern and the new ones inserted
    afresh.
    """
    before, after = set(old.split(b"\n")), set(new.split(b"\n"))
    before.discard(b"")
    after.discard(b"")
    blank_before, blank_after = b"_:" in old, b"_:" in new  # rare: most submissions name every node
    removed = [line for line in before - after if not (blank_before and _has_blank(line))]
    added = sorted(after - before | ({line for line in after if _has_blank(line)} if blank_after else set()))
    parts = []
    if blank_before and any(_has_blank(line) for line in before):
        parts.append(f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o "
                     "FILTER (isBlank(?s) || isBlank(?o)) } }")
    if removed:
        parts.append(f"DELETE DATA {{ GRAPH <{graph}> {{\n{_lines(removed)}\n}} }}")
    blocks = [f"GRAPH <{graph}> {{\n{_lines(added)}\n}}"] if added else []
    blocks += [f"GRAPH <{g}> {{\n{triples_text(quads)}}}" for g, quads in inserted.items() if quads]
    if blocks:
        parts.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
    return " ;\n".join(parts)


def _lines(lines: list[bytes]) -> str:
    return b"\n".join(lines).decode("utf-8")


def _has_blank(line: bytes) -> bool:
    """Whether an N-Triples line has a blank node (as subject, or as object: a predicate never is one)."""
    return line.startswith(b"_:") or line.split(b" ", 2)[-1].startswith(b"_:")


def triples_text(quads: Iterable[ox.Quad]) -> str:
    """The quads' triples in N-Triples syntax, for an INSERT DATA block (pyoxigraph writes each term escaped)."""
    return "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
