"""The embedded store: Oxigraph on disk (pyoxigraph).

Two traps measured in ../shared/reference/engine-bench.md shape this module: ``Store.load()`` into an on-disk
store is pathological for large files (use ``bulk_load``), and rdflib's ``prepareQuery`` would make rdflib
evaluate the query itself (so queries go to Oxigraph as strings with ``substitutions``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from .base import GraphStore, PlainRow, QueryResult, QuerySyntaxError, Row, StoreError, Triple
from .terms import from_ox, to_ox

log = logging.getLogger(__name__)

BULK_LEFTOVER = re.compile(r"^bulk-\d+\.sst$")
"""The temporary files of Oxigraph's ``bulk_load``, written into the store directory and moved into the database
at the end of the load; a load that was killed leaves them behind (tens of MB each)."""


def remove_bulk_leftovers(path: Path) -> int:
    """Delete the temporary files of killed bulk loads from a store directory; the bytes freed.

    Only call it holding the store's write lock (an open read-write ``ox.Store``): RocksDB's LOCK file admits
    one writer process, and only a writer bulk-loads, so no file found then belongs to a load still running.
    """
    freed = 0
    try:
        entries = list(path.iterdir())
    except OSError:
        return 0
    for leftover in entries:
        if BULK_LEFTOVER.match(leftover.name) and leftover.is_file():
            try:
                size = leftover.stat().st_size
                leftover.unlink()
            except OSError as e:
                log.warning("cannot remove %s, left by a bulk load that did not finish: %s", leftover, e)
                continue
            freed += size
    if freed:
        log.warning("removed %.1f MB of temporary files left in %s by bulk loads that did not finish",
                    freed / 1e6, path)
    return freed


def syntax_error(error: SyntaxError) -> QuerySyntaxError:
    """pyoxigraph's parser error as the store-independent QuerySyntaxError, keeping line and column."""
    message = str(error.msg if getattr(error, "msg", None) else error)
    return QuerySyntaxError(f"the query is not valid SPARQL: {message}", message, error.lineno, error.offset)


class EmbeddedStore(GraphStore):
    """Oxigraph on disk (or in memory with ``path=None``). The default graph is the union of all named graphs."""

    def __init__(self, path: Path | str | None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not (self.path / "CURRENT").exists():
                    raise StoreError(f"no store at {self.path}: load data first (`qualgraph load data/`)")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
                remove_bulk_leftovers(self.path)  # we hold the write lock now: no other load can be running
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.path}: {e}") from e

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for reading (serialising results, dumps) and benchmarks. Write
        through this class's methods instead: they mark the store changed for the derived indexes."""
        return self._store

    # -- queries -------------------------------------------------------------------------------
    def _run(self, query: str, bindings: Mapping[str, Identifier] | None) -> object:
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        from ..sparql_text import has_dataset_clause  # FROM / FROM NAMED: the query picks its own dataset

        try:
            return self._store.query(query, substitutions=subs or None,
                                     use_default_graph_as_union=not has_dataset_clause(query))
        except SyntaxError as e:
            raise syntax_error(e) from e

    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        result = self._run(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError("select() needs a SELECT query")
        names = [v.value for v in result.variables]
        rows: list[Row] = []
        for solution in result:
            row: Row = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = from_ox(value)
            rows.append(row)
        return rows

    def select_values(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> list[PlainRow]:
        result = self._run(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError("select_values() needs a SELECT query")
        names = [v.value for v in result.variables]
        return [{n: v.value for n, v in zip(names, solution) if v is not None} for solution in result]

    def query(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        result = self._run(query, bindings)
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = [{n: from_ox(s[n]) for n in names if s[n] is not None} for s in result]
            return QueryResult("select", names, rows)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        graph = Graph()
        for t in result:
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return QueryResult("graph", graph=graph)

    def construct_triples(self, query: str) -> list[ox.Triple]:
        result = self._run(query, None)
        if not isinstance(result, ox.QueryTriples):
            raise StoreError("construct_triples() needs a CONSTRUCT query")
        return list(result)

    def raw_query(self, query: str, **kwargs: object) -> object:
        """pyoxigraph's own result object (for serialising SPARQL results without conversion)."""
        from ..sparql_text import has_dataset_clause

        kwargs.setdefault("use_default_graph_as_union", not has_dataset_clause(query))
        return self._store.query(query, **kwargs)

    # -- writes: each one goes through a method here, which marks the store changed ----------------------
    def update(self, update: str, *, base_iri: str | None = None) -> None:
        try:
            self._store.update(update, base_iri=base_iri)
        except SyntaxError as e:
            raise syntax_error(e) from e
        finally:
            self.mark_changed()

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads in one transaction."""
        try:
            self._store.extend(quads)
        finally:
            self.mark_changed()

    def add_graph(self, graph: ox.NamedNode) -> None:
        """Create an empty named graph (a Graph Store PUT of nothing still creates its graph)."""
        self._store.add_graph(graph)
        self.mark_changed()

    def bulk_load(self, **kwargs: object) -> None:
        """pyoxigraph's ``bulk_load``: fast, not transactional (callers compensate on failure)."""
        try:
            self._store.bulk_load(**kwargs)
        finally:
            self.mark_changed()

    # -- graphs --------------------------------------------------------------------------------
    def named_graphs(self) -> list[URIRef]:
        return [URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]

    def has_graph(self, graph: URIRef) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(str(graph)))

    def graph_triples(self, graph: URIRef) -> Iterable[Triple]:
        for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))):
            yield (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))

    def replace_graphs(self, graphs: Mapping[URIRef, list[Triple]]) -> None:
        """One SPARQL Update (one transaction): every graph is dropped and refilled, or nothing changes."""
        parts: list[str] = []
        for g, triples in graphs.items():
            gname = f"<{g}>"
            parts.append(f"DROP SILENT GRAPH {gname}")
            if triples:
                body = " .\n".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)}" for s, p, o in triples)
                parts.append(f"INSERT DATA {{ GRAPH {gname} {{\n{body} .\n}} }}")
        if parts:
            self.update(" ;\n".join(parts))

    def replace_quads(self, graphs: Iterable[URIRef], quads: list[ox.Quad]) -> None:
        """Replace the given graphs by pyoxigraph quads, in one transaction (used by the loader)."""
        graphs = list(graphs)
        parts = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
        if quads:
            # Quad.__str__ is N-Quads syntax, which is what INSERT DATA's GRAPH blocks need, per graph.
            by_graph: dict[str, list[str]] = {}
            for q in quads:
                by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object}")
            for g, lines in by_graph.items():
                parts.append(f"INSERT DATA {{ GRAPH {g} {{\n" + " .\n".join(lines) + " .\n} }")
        if parts:
            self.update(" ;\n".join(parts))

    def bulk_extend(self, quads: Iterable[ox.Quad]) -> None:
        """Fast, not transactional: only for graphs that did not exist before (the loader compensates)."""
        try:
            self._store.bulk_extend(quads)
        finally:
            self.mark_changed()

    def remove_graphs(self, graphs: Iterable[URIRef]) -> None:
        parts = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
        if parts:
            self.update(" ;\n".join(parts))

    def flush(self) -> None:
        self._store.flush()

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        # pyoxigraph closes the database when the object is dropped.
        if not hasattr(self, "_store"):
            return
        if not self.read_only and self.path is not None:
            self._store.flush()
        del self._store
