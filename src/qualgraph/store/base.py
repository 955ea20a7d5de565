"""The store interface that the domain code, the CLI and the web app depend on."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier, Node

JOURNAL_ENTRIES = 10_000
"""Writes remembered by :meth:`GraphStore.changes_since` (a reader further behind copies everything again)."""

SUBJECTS_NOTED = 10_000
"""A write that changes statements of more subjects than this is journalled without them (see
:meth:`GraphStore.subjects_since`): the readers that use them read everything again past a few thousand anyway."""


def subject_key(term: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    """How a journal entry names a subject: its IRI, or ``_:id`` for a blank node (which a reader cannot bind)."""
    return term.value if isinstance(term, ox.NamedNode) else f"_:{getattr(term, 'value', '')}"


def subject_of_line(line: str) -> str:
    """The subject of an N-Triples line as :func:`subject_key` names it."""
    first = line.split(" ", 1)[0]
    return first[1:-1] if first.startswith("<") else first

Row = dict[str, Identifier]
"""One solution: variable name -> rdflib term (unbound variables are absent)."""

Triple = tuple[Node, Node, Node]

PlainRow = dict[str, str]
"""One solution as lexical values: IRIs and literals as their strings, booleans "true"/"false"."""


class StoreError(RuntimeError):
    """A store that cannot be opened, read or written; the message says which and why."""


class QuerySyntaxError(StoreError):
    """A query or update that the engine could not parse; ``server_message`` is what the parser said,
    ``line`` and ``column`` where (when the engine tells)."""

    def __init__(self, message: str, server_message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.server_message = server_message
        self.line = line
        self.column = column


@dataclass
class QueryResult:
    """A SPARQL result in one shape for every backend: rows for SELECT, a boolean for ASK, a graph otherwise."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


class GraphStore(ABC):
    """A quad store holding one named graph per loaded source; the default graph is the union of them."""

    #: How many seconds answers derived from this store (the comparability index) may be reused; None:
    #: until the next write made through this object. An embedded store has one writer, this process; an
    #: external server may also be written by other clients, which qualgraph cannot see.
    derived_max_age: float | None = None

    # -- capabilities: what a caller may do besides the methods below (asked instead of the class) -----------
    #: An on-disk location that other processes may open read-only (the query worker pool); None: there is none.
    local_path: Path | None = None

    #: A SPARQL 1.1 Protocol endpoint that queries may be forwarded to as they are; None: use :meth:`query`.
    query_endpoint: str | None = None

    #: True where :meth:`raw_query` gives pyoxigraph's own result objects (an engine in this process), so the
    #: SPARQL Protocol serialises them without converting every term.
    native_results: bool = False

    #: True where the default graph is a graph of its own (read and written as ``?default`` by the Graph Store
    #: Protocol); false where it is only the union of the named graphs.
    separate_default_graph: bool = False

    @property
    def generation(self) -> int:
        """How many writes this object has made; derived answers are rebuilt when it changes."""
        return getattr(self, "_generation", 0)

    @property
    def state_marker(self) -> tuple[str, float] | None:
        """``(version, modified)`` kept with the store where it persists (an on-disk embedded store): a text that
        every write through this class changes and a restart keeps, and the Unix time of the last write. What
        HTTP validators and dumps are keyed by, so an unchanged store has the same ``ETag`` after a restart.
        None where the store keeps none (in memory, read-only, an external server that others write to)."""
        return None

    def mark_changed(self, graphs: Iterable[str] | None = None, subjects: Iterable[str] | None = None) -> None:
        """Every write calls this once it has committed (or failed), so that nothing derived from the old content
        is answered again. ``graphs``: the graphs the write may have changed (IRIs, ``""`` for the default graph),
        when the writer knows them; None for any. ``subjects``: the subjects of every statement it added or
        removed (:func:`subject_key`), when the writer knows them and they are at most :data:`SUBJECTS_NOTED`.
        Kept in :meth:`changes_since` and :meth:`subjects_since`."""
        journal: deque[tuple[int, frozenset[str] | None, frozenset[str] | None]] | None = getattr(
            self, "_journal", None)
        if journal is None:
            journal = self._journal = deque(maxlen=JOURNAL_ENTRIES)
        number = self.generation + 1
        noted = frozenset(subjects) if subjects is not None and graphs is not None else None
        if noted is not None and len(noted) > SUBJECTS_NOTED:
            noted = None
        journal.append((number, frozenset(graphs) if graphs is not None else None, noted))
        self._generation = number  # after the entry: whoever sees the new generation finds its entry

    def changes_since(self, generation: int) -> list[frozenset[str] | None] | None:
        """The graphs each write after ``generation`` changed (None for a write that may have changed any), or
        None when the journal no longer reaches back that far. Readers that keep a copy of some of the store
        (the query workers' in-memory copies) refresh just those graphs instead of copying everything again."""
        entries = self._entries_since(generation)
        return None if entries is None else [graphs for _, graphs, _ in entries]

    def subjects_since(self, generation: int) -> list[frozenset[str] | None] | None:
        """The subjects of the statements each write after ``generation`` added or removed (None for a write that
        did not note them), or None when the journal no longer reaches back that far. A write of one statement
        into a graph of a million is one subject to read again here, where :meth:`changes_since` names the
        whole graph (the benchmarking index reads just these)."""
        entries = self._entries_since(generation)
        return None if entries is None else [subjects for _, _, subjects in entries]

    def _entries_since(self, generation: int) -> list[tuple[int, frozenset[str] | None, frozenset[str] | None]] | None:
        if generation >= self.generation:
            return []
        journal = list(getattr(self, "_journal", ()))  # one step under the GIL: writers may append meanwhile
        if not journal or journal[0][0] > generation + 1:
            return None
        return [entry for entry in journal if entry[0] > generation]

    def graph_content(self, key: str, max_quads: int) -> tuple[bool, bytes] | None:
        """One graph of a journal entry (``key`` as :meth:`mark_changed` names it) as it is now: whether it exists
        and its quads as N-Quads; None when it holds more than ``max_quads`` or the store cannot say. The query
        workers put it in their in-memory copies instead of reopening the store to read it (10-40 ms)."""
        return None

    @abstractmethod
    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        """Run a SELECT with variables pre-bound (never by pasting text into the query)."""

    def select_values(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> list[PlainRow]:
        """A SELECT as plain strings: the fast path for domain code, which needs no rdflib term objects."""
        return [{k: str(v) for k, v in row.items()} for row in self.select(query, bindings)]

    def construct_triples(self, query: str) -> list["ox.Triple"]:
        """A CONSTRUCT's triples as pyoxigraph terms (for building in-memory indexes with pyoxigraph)."""
        from .terms import to_ox

        result = self.query(query)
        if result.graph is None:
            raise StoreError("construct_triples() needs a CONSTRUCT query")
        return [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in result.graph]

    @abstractmethod
    def query(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run any SPARQL query form and return it in the common shape."""

    @abstractmethod
    def update(self, update: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL Update atomically (relative IRIs resolved against ``base_iri``)."""

    def raw_query(self, query: str, **dataset: Any) -> Any:
        """pyoxigraph's own result object for a query, with pyoxigraph's dataset keywords (``default_graph``,
        ``named_graphs``, ``use_default_graph_as_union``, ``base_iri``); only where :attr:`native_results`."""
        raise StoreError(f"{type(self).__name__} has no SPARQL engine in this process")

    def select_tsv(self, query: str) -> str:
        """A SELECT's results as SPARQL TSV (a head line of ``?names``, then one line per solution, terms in
        N-Triples syntax): the cheapest way to read many rows as text."""
        from rdflib import Literal

        from .terms import to_ox

        result = self.query(query)
        if result.kind != "select":
            raise StoreError("select_tsv() needs a SELECT query")
        def cell(term: Identifier) -> str:
            written = str(to_ox(term))
            if isinstance(term, Literal) and term.datatype is not None:
                bare = _TSV_BARE.get(str(term.datatype))
                if bare is not None and bare.fullmatch(str(term)):
                    return str(term)  # as Oxigraph writes numbers and booleans in TSV
            return written

        lines = ["\t".join(f"?{v}" for v in result.variables)]
        for row in result.rows:
            lines.append("\t".join(cell(row[v]) if v in row else "" for v in result.variables))
        return "\n".join(lines) + "\n"

    def quads_matching(self, subject: Any = None, predicate: Any = None, object: Any = None,
                       graph: Any = None) -> Iterator[ox.Quad]:
        """The quads of the named graphs matching a pattern of pyoxigraph terms (None: any)."""
        from .terms import from_ox, to_ox

        bindings = {k: from_ox(t) for k, t in (("s", subject), ("p", predicate), ("o", object), ("g", graph))
                    if t is not None}
        query = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        for row in self.select(query, bindings):
            yield ox.Quad(to_ox(row["s"]), to_ox(row["p"]), to_ox(row["o"]), to_ox(row["g"]))

    @abstractmethod
    def named_graphs(self) -> list[URIRef]:
        """Named graphs in the store (each one loaded source)."""

    @abstractmethod
    def graph_triples(self, graph: URIRef) -> Iterable[Triple]:
        """Triples of one named graph."""

    def described_elsewhere(self, subjects: Iterable[URIRef], exclude: URIRef) -> set[URIRef]:
        """Those of ``subjects`` that some named graph other than ``exclude`` describes (has triples about).

        One query (``queries/submission-records-elsewhere.rq``). Measured on the embedded store with the ~19,000
        units of a 100k-triple submission: 0.1-0.2 s for a first version, 0.45-0.5 s for a later one (its
        units are in the excluded graph, which the engine still reads); looking each one up with
        ``quads_for_pattern`` took 0.07-0.15 s and 0.6-1.0 s (every quad decoded to Python terms).
        """
        from ..queries import load_query, with_values

        query = with_values(load_query("submission-records-elsewhere"), "record", subjects)
        return {URIRef(row["record"]) for row in self.select_values(with_values(query, "exclude", [exclude]))}

    @abstractmethod
    def replace_graphs(self, graphs: Mapping[URIRef, list[Triple]]) -> None:
        """Make each named graph hold exactly the given triples, all graphs in one transaction."""

    @abstractmethod
    def remove_graphs(self, graphs: Iterable[URIRef]) -> None:
        """Drop named graphs, atomically."""

    def has_graph(self, graph: URIRef) -> bool:
        """Whether the named graph is in the store."""
        return graph in set(self.named_graphs())

    def count_triples(self, graph: URIRef) -> int:
        """Number of triples in one named graph."""
        rows = self.select_values("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
        return int(rows[0]["n"]) if rows and "n" in rows[0] else 0

    @abstractmethod
    def dump(self, format: ox.RdfFormat, graph: URIRef | ox.DefaultGraph | None = None) -> bytes:
        """One named graph (or the default graph, where :attr:`separate_default_graph`) serialised in ``format``;
        with ``graph=None`` every named graph, in a quad format (N-Quads, TriG). N-Triples and N-Quads come out
        canonical, one triple a line (what :meth:`write_changes` compares); a missing graph dumps empty."""

    @abstractmethod
    def replace_quads(self, graphs: Iterable[URIRef], quads: Iterable[ox.Quad]) -> None:
        """Drop the listed named graphs and write these quads, in one transaction: each listed graph then holds
        exactly its quads; quads of graphs not listed are added to them (the provenance of a withdrawal). The
        embedded store writes graphs that do not exist yet with ``Store.extend``."""

    @abstractmethod
    def write_graph(self, graph: URIRef, data: bytes | IO[bytes], format: ox.RdfFormat, *,
                    base_iri: str | None = None, also: Iterable[ox.Quad] = ()) -> None:
        """Make ``graph`` hold exactly the triples of the serialised RDF ``data``, then add the quads ``also``
        (to other graphs: the provenance of a submission). A graph that did not exist takes the backend's bulk
        path (Oxigraph's ``bulk_load``; a Graph Store ``PUT``), which is not transactional: if anything fails,
        the graph is dropped again. An existing graph is replaced in one transaction where the backend can.
        A malformed ``data`` raises ``SyntaxError`` (with pyoxigraph's line and column)."""

    @abstractmethod
    def apply_delta(self, graph: URIRef, delete: list[str], insert: list[str], *, delete_blank: bool = False,
                    also: Iterable[ox.Quad] = ()) -> None:
        """In one transaction: delete from ``graph`` the triples ``delete`` (N-Triples lines, no blank node),
        and with ``delete_blank`` every triple of it that has a blank node; then insert the triples ``insert``
        (N-Triples lines; blank nodes are fresh and shared within the call) and the quads ``also``."""

    def write_changes(self, graph: URIRef, current: bytes, new: bytes, *, also: Iterable[ox.Quad] = ()) -> None:
        """Turn ``graph`` from ``current`` (its canonical N-Triples, as :meth:`dump` gave them) into the
        canonical N-Triples ``new``, writing only the triples that changed (:meth:`apply_delta`); a triple is
        kept when its line is in both. Blank nodes cannot be matched across versions: every triple with one is
        deleted by pattern and the new ones inserted afresh. Dropping and refilling a graph would rewrite every
        index entry of every triple twice (9 s at 100,000 triples on the embedded store)."""
        before, after = set(current.split(b"\n")), set(new.split(b"\n"))
        before.discard(b"")
        after.discard(b"")
        blank_before, blank_after = b"_:" in current, b"_:" in new  # rare: most data names every node
        removed = [line for line in before - after if not (blank_before and _has_blank(line))]
        added = sorted(after - before | ({line for line in after if _has_blank(line)} if blank_after else set()))
        self.apply_delta(graph, _decoded(removed), _decoded(added),
                         delete_blank=blank_before and any(_has_blank(line) for line in before), also=also)

    @abstractmethod
    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads to their named graphs (creating them), in one transaction; blank nodes are fresh."""

    def add_graph(self, graph: URIRef) -> None:
        """Create an empty named graph where the backend keeps empty graphs (the embedded store); else nothing."""

    @abstractmethod
    def __len__(self) -> int:
        """Number of quads in the store (reads every quad on the embedded store: seconds at 10M)."""

    def is_empty(self) -> bool:
        """Whether the store holds no quad at all; what start-up asks, without counting every quad."""
        return len(self) == 0

    def close(self) -> None:
        """Release files or connections."""

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_XSD = "http://www.w3.org/2001/XMLSchema#"
_TSV_BARE = {_XSD + "integer": re.compile(r"[+-]?\d+"), _XSD + "decimal": re.compile(r"[+-]?\d*\.\d+"),
             _XSD + "double": re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+"),
             _XSD + "boolean": re.compile(r"true|false")}
"""Literals that SPARQL TSV writes bare (their lexical form alone), as Oxigraph does."""


def _decoded(lines: list[bytes]) -> list[str]:
    return b"\n".join(lines).decode("utf-8").split("\n") if lines else []


def _has_blank(line: bytes) -> bool:
    """Whether an N-Triples line has a blank node (as subject, or as object: a predicate never is one)."""
    return line.startswith(b"_:") or line.split(b" ", 2)[-1].startswith(b"_:")
