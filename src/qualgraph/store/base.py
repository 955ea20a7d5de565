"""The store interface that the domain code, the CLI and the web app depend on."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier, Node

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

    #: True where queries may run in parallel threads (the embedded store); the web app uses it.
    thread_safe: bool = True

    #: How many seconds answers derived from this store (the comparability index) may be reused; None:
    #: until the next write made through this object. An embedded store has one writer, this process; an
    #: external server may also be written by other clients, which qualgraph cannot see.
    derived_max_age: float | None = None

    @property
    def generation(self) -> int:
        """How many writes this object has made; derived answers are rebuilt when it changes."""
        return getattr(self, "_generation", 0)

    def mark_changed(self) -> None:
        """Every write calls this, so that nothing derived from the old content is answered again."""
        self._generation = self.generation + 1

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
    def update(self, update: str) -> None:
        """Run a SPARQL Update atomically."""

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

    @abstractmethod
    def __len__(self) -> int:
        """Number of quads in the store."""

    def close(self) -> None:
        """Release files or connections."""

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def literal_value(term: Identifier | None) -> object:
    """The Python value of a literal (int for xsd:integer ...), the string of anything else."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.toPython()
    return str(term)
