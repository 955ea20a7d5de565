"""The embedded store: Oxigraph on disk (pyoxigraph).

Two traps measured in ../shared/reference/engine-bench.md shape this module: ``Store.load()`` into an on-disk
store is pathological for large files (use ``bulk_load``), and rdflib's ``prepareQuery`` would make rdflib
evaluate the query itself (so queries go to Oxigraph as strings with ``substitutions``).
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from ..graph_keys import graph_key, graph_named
from .base import (
    SUBJECTS_NOTED, GraphStore, PlainRow, QueryResult, QuerySyntaxError, Row, StoreError, Triple, subject_key,
    subject_of_line,
)
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


STATE_FILE = "qualgraph-state.json"
"""Kept in the store directory beside Oxigraph's files (which it ignores): the store's persistent change marker,
``{"store": random id, "writes": count, "modified": Unix time, "open": bool}``."""


def _read_state(path: Path) -> dict[str, Any] | None:
    try:
        state = json.loads((path / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (isinstance(state, dict) and isinstance(state.get("store"), str) and isinstance(state.get("writes"), int)
            and isinstance(state.get("modified"), (int, float))):
        return None
    return state


def _write_state(path: Path, state: dict[str, Any], *, sync: bool = False) -> None:
    """Replace the marker file atomically (a reader sees the old one or the new one, never half of one)."""
    temporary = path / f".{STATE_FILE}.{os.getpid()}.tmp"
    try:
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump(state, out)
            if sync:
                out.flush()
                os.fsync(out.fileno())
        os.replace(temporary, path / STATE_FILE)
    except OSError as e:
        log.warning("cannot write the store's change marker %s: %s", path / STATE_FILE, e)


def syntax_error(error: SyntaxError) -> QuerySyntaxError:
    """pyoxigraph's parser error as the store-independent QuerySyntaxError, keeping line and column."""
    message = str(error.msg if getattr(error, "msg", None) else error)
    return QuerySyntaxError(f"the query is not valid SPARQL: {message}", message, error.lineno, error.offset)


class EmbeddedStore(GraphStore):
    """Oxigraph on disk (or in memory with ``path=None``). The default graph is the union of all named graphs."""

    native_results = True
    separate_default_graph = True

    def __init__(self, path: Path | str | None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._state: dict[str, Any] | None = None
        self._state_lock = threading.Lock()
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
                self._open_state(self.path)
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.path}: {e}") from e

    # -- the persistent change marker ----------------------------------------------------------
    def _open_state(self, path: Path) -> None:
        """Read the change marker (or start one); a store left open by a process that did not close it (killed)
        counts as changed, since a write may have committed after the marker was last written."""
        state = _read_state(path)
        if state is None:
            state = {"store": secrets.token_hex(8), "writes": 0, "modified": time.time()}
        elif state.get("open"):
            state = dict(state, writes=state["writes"] + 1, modified=time.time())
        self._state = dict(state, open=True)
        _write_state(path, self._state, sync=True)

    @property
    def state_marker(self) -> tuple[str, float] | None:  # type: ignore[override]
        state = self._state
        return (f"{state['store']}.{state['writes']}", float(state["modified"])) if state is not None else None

    def mark_changed(self, graphs: Iterable[str] | None = None, subjects: Iterable[str] | None = None) -> None:
        super().mark_changed(graphs, subjects)
        if self._state is not None and self.path is not None:
            with self._state_lock:
                self._state = dict(self._state, writes=self._state["writes"] + 1, modified=time.time())
                _write_state(self.path, self._state)

    def graph_content(self, key: str, max_quads: int) -> tuple[bool, bytes] | None:
        from itertools import islice

        graph = graph_named(key)
        quads = list(islice(self._store.quads_for_pattern(None, None, None, graph), max_quads + 1))
        if len(quads) > max_quads:
            return None
        exists = isinstance(graph, ox.DefaultGraph) or self._store.contains_named_graph(graph)
        return exists, ox.serialize(quads, format=ox.RdfFormat.N_QUADS) if quads else b""

    @property
    def local_path(self) -> Path | None:  # type: ignore[override]
        """The store directory (worker processes open it read-only); None in memory."""
        return self.path

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

    def raw_query(self, query: str, **kwargs: Any) -> Any:
        """pyoxigraph's own result object (for serialising SPARQL results without conversion)."""
        from ..sparql_text import has_dataset_clause

        if "default_graph" not in kwargs and "named_graphs" not in kwargs:
            kwargs.setdefault("use_default_graph_as_union", not has_dataset_clause(query))
        return self._store.query(query, **kwargs)

    def select_tsv(self, query: str) -> str:
        """Serialised in Rust: about a third of the time of reading every term of every solution from Python."""
        result = self._run(query, None)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError("select_tsv() needs a SELECT query")
        return result.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8")

    def quads_matching(self, subject: Any = None, predicate: Any = None, object: Any = None,
                       graph: Any = None) -> Iterator[ox.Quad]:
        for quad in self._store.quads_for_pattern(subject, predicate, object, graph):
            if graph is not None or isinstance(quad.graph_name, ox.NamedNode):
                yield quad

    # -- writes: each one goes through a method here, which marks the store changed ----------------------
    def update(self, update: str, *, base_iri: str | None = None, graphs: Iterable[URIRef] | None = None,
               subjects: Iterable[str] | None = None) -> None:
        """Run a SPARQL Update; ``graphs`` (and ``subjects``): the graphs it writes (and the subjects of the
        statements it changes), when the caller knows (this class's own updates), for :meth:`changes_since`."""
        try:
            self._store.update(update, base_iri=base_iri)
        except SyntaxError as e:
            raise syntax_error(e) from e
        finally:
            self.mark_changed(None if graphs is None else [str(g) for g in graphs], subjects)

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads in one transaction."""
        noted = _Noted()
        try:
            self._store.extend(noted.passing(quads))
        finally:
            self.mark_changed(noted.graphs, noted.subjects)

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        """``Store.extend``: one transaction, ~3x faster than the same quads as ``INSERT DATA``."""
        self.extend(quads)

    def add_graph(self, graph: URIRef | ox.NamedNode) -> None:
        """Create an empty named graph (a Graph Store PUT of nothing still creates its graph)."""
        self._store.add_graph(graph if isinstance(graph, ox.NamedNode) else ox.NamedNode(str(graph)))
        self.mark_changed([str(graph.value if isinstance(graph, ox.NamedNode) else graph)])

    def bulk_load(self, **kwargs: object) -> None:
        """pyoxigraph's ``bulk_load``: fast, not transactional (callers compensate on failure)."""
        to_graph = kwargs.get("to_graph")
        try:
            self._store.bulk_load(**kwargs)
        finally:
            self.mark_changed([to_graph.value] if isinstance(to_graph, ox.NamedNode) else None)

    # -- graphs --------------------------------------------------------------------------------
    def named_graphs(self) -> list[URIRef]:
        return [URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]

    def has_graph(self, graph: URIRef) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(str(graph)))

    def count_triples(self, graph: URIRef) -> int:
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))))

    def dump(self, format: ox.RdfFormat, graph: URIRef | ox.DefaultGraph | None = None) -> bytes:
        if graph is None:
            return self._store.dump(format=format)
        source = graph if isinstance(graph, ox.DefaultGraph) else ox.NamedNode(str(graph))
        if isinstance(source, ox.NamedNode) and not self._store.contains_named_graph(source):
            return b""
        return self._store.dump(format=format, from_graph=source)

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
            self.update(" ;\n".join(parts), graphs=graphs)

    def replace_quads(self, graphs: Iterable[URIRef], quads: Iterable[ox.Quad]) -> None:
        """Graphs that do not exist yet are written with ``Store.extend`` (one transaction, ~3x faster than the
        same quads as ``INSERT DATA``); otherwise one update drops and refills them, the only way pyoxigraph
        offers to do that in one transaction."""
        graphs = list(graphs)
        if not any(self.has_graph(g) for g in graphs):
            self.extend(quads)
            return
        quads = list(quads)
        parts = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
        if quads:
            # Quad.__str__ is N-Quads syntax, which is what INSERT DATA's GRAPH blocks need, per graph.
            by_graph: dict[str, list[str]] = {}
            for q in quads:
                by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object}")
            for g, lines in by_graph.items():
                parts.append(f"INSERT DATA {{ GRAPH {g} {{\n" + " .\n".join(lines) + " .\n} }")
        if parts:
            self.update(" ;\n".join(parts), graphs=[*graphs, *(graph_key(q.graph_name) for q in quads)])

    def write_graph(self, graph: URIRef, data: bytes | IO[bytes], format: ox.RdfFormat, *,
                    base_iri: str | None = None, also: Iterable[ox.Quad] = ()) -> None:
        node = ox.NamedNode(str(graph))
        if self.has_graph(graph):  # replacing: parsed, then one transaction
            parsed = ox.parse(data, format=format, base_iri=base_iri, rename_blank_nodes=True,
                              without_named_graphs=True)
            quads = [ox.Quad(q.subject, q.predicate, q.object, node) for q in parsed]
            self.replace_quads([graph], [*quads, *also])  # ``also`` goes to other graphs, in the same update
            return
        # A new graph, which nobody else writes: Oxigraph's bulk loader (not transactional, undone by dropping
        # the graph), then ``also`` in one small transaction.
        try:
            self.bulk_load(input=data, format=format, base_iri=base_iri, to_graph=node)
            self.extend(also)
        except BaseException:
            self.remove_graphs([graph])
            raise

    def apply_delta(self, graph: URIRef, delete: list[str], insert: list[str], *, delete_blank: bool = False,
                    also: Iterable[ox.Quad] = ()) -> None:
        """One SPARQL Update, one transaction."""
        parts = []
        if delete_blank:
            parts.append(f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o "
                         "FILTER (isBlank(?s) || isBlank(?o)) } }")
        if delete:
            parts.append(f"DELETE DATA {{ GRAPH <{graph}> {{\n" + "\n".join(delete) + "\n} }")
        blocks = [f"GRAPH <{graph}> {{\n" + "\n".join(insert) + "\n}"] if insert else []
        by_graph: dict[str, list[str]] = {}
        for q in also:
            by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
        blocks += [f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items()]
        if blocks:
            parts.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
        if parts:
            subjects = None if delete_blank else {
                *map(subject_of_line, delete), *map(subject_of_line, insert), *(subject_key(q.subject) for q in also)}
            self.update(" ;\n".join(parts), graphs=[graph, *(graph_key(q.graph_name) for q in also)],
                        subjects=subjects)

    def bulk_extend(self, quads: Iterable[ox.Quad]) -> None:
        """Fast, not transactional: only for graphs that did not exist before (the loader compensates)."""
        noted = _Noted()
        try:
            self._store.bulk_extend(noted.passing(quads))
        finally:
            self.mark_changed(noted.graphs, noted.subjects)

    def remove_graphs(self, graphs: Iterable[URIRef]) -> None:
        graphs = list(graphs)
        parts = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
        if parts:
            self.update(" ;\n".join(parts), graphs=graphs)

    def flush(self) -> None:
        self._store.flush()

    def __len__(self) -> int:
        return len(self._store)

    def is_empty(self) -> bool:
        return next(iter(self._store.quads_for_pattern(None, None, None, None)), None) is None

    def close(self) -> None:
        # pyoxigraph closes the database when the object is dropped.
        if not hasattr(self, "_store"):
            return
        if not self.read_only and self.path is not None:
            self._store.flush()
            if self._state is not None:
                with self._state_lock:
                    self._state = dict(self._state, open=False)
                    _write_state(self.path, self._state, sync=True)
        del self._store


class _Noted:
    """What a write's quads touched, noted as they pass (a write's quads are often a generator): their graphs,
    and their subjects up to :data:`SUBJECTS_NOTED` (None past it: see :meth:`GraphStore.subjects_since`)."""

    def __init__(self) -> None:
        self.graphs: set[str] = set()
        self.subjects: set[str] | None = set()

    def passing(self, quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        for quad in quads:
            self.graphs.add(graph_key(quad.graph_name))
            if self.subjects is not None:
                self.subjects.add(subject_key(quad.subject))
                if len(self.subjects) > SUBJECTS_NOTED:
                    self.subjects = None
            yield quad
