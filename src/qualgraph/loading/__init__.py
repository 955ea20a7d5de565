"""Loading sources into the store, all or nothing.

Every file is read and checked before anything is written; then each file's named graph is replaced as a
whole. Large triple files going to new graphs take the store's bulk path (Oxigraph's ``bulk_load``, the fast
path measured in bench/; a Graph Store ``PUT`` on an external server); if anything fails afterwards, the graphs
created by this load are dropped again, so a failed load leaves the store as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from ..input_limits import InputLimits, InputRefused, check_rdf_file
from ..store import GraphStore
from .catalogue import Catalogue
from .errors import LoadError, Problem
from .rdf_files import ProgressFn, bulk_load_file, parse_quads, syntax_problem
from .sources import find_sources
from .templates import Sheet, build_all, read_sheets

__all__ = ["LoadError", "LoadResult", "Problem", "load_paths", "BULK_THRESHOLD_BYTES"]

BULK_THRESHOLD_BYTES = 1024 * 1024
"""Triple files at least this large, going to a graph that does not exist yet, are bulk-loaded."""

_BULK_FORMATS = {ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML}


@dataclass
class LoadedGraph:
    graph: URIRef
    source: str
    replaced: bool


@dataclass
class LoadResult:
    graphs: list[LoadedGraph] = field(default_factory=list)
    quads_before: int = 0
    quads_after: int = 0
    seconds: float = 0.0

    @property
    def quads_added(self) -> int:
        return self.quads_after - self.quads_before


def load_paths(
    store: GraphStore,
    paths: list[Path],
    *,
    root: Path | None = None,
    graph: str | None = None,
    progress: ProgressFn | None = None,
    bulk_threshold: int = BULK_THRESHOLD_BYTES,
    input_limits: InputLimits = InputLimits(),
) -> LoadResult:
    """Load files and folders (RDF and spreadsheet templates) into the store, one named graph per file.

    Each RDF file is first checked against ``input_limits`` (:mod:`qualgraph.input_limits`: nesting depth,
    entity expansion, external entities), so a hostile file is refused before Oxigraph's parser reads it.
    """
    started = time.perf_counter()
    sources = find_sources(paths, root=root, graph=graph)
    existing = set(store.named_graphs())
    result = LoadResult(quads_before=len(store))

    bulk = [
        s for s in sources
        if not s.is_template and s.rdf_format in _BULK_FORMATS
        and s.graph not in existing and s.path.stat().st_size >= bulk_threshold
    ]
    parsed: dict[URIRef, list[ox.Quad]] = {}
    problems: list[Problem] = []
    sheets: list[Sheet] = []
    for s in sources:
        if not s.is_template:
            try:
                check_rdf_file(s.path, s.rdf_format, place=s.display, limits=input_limits)
            except InputRefused as e:
                problems.append(Problem(s.display, e.problem, line=e.line, column=e.column))
                continue
            except OSError as e:
                problems.append(Problem(s.display, f"cannot read: {e}"))
                continue
        if s in bulk:
            continue
        if s.is_template:
            got, probs = read_sheets(s)
            sheets += got
            problems += probs
            continue
        try:
            parsed[s.graph] = parse_quads(s, progress)
        except SyntaxError as e:
            problems.append(syntax_problem(s, e))
        except (OSError, ValueError) as e:
            problems.append(Problem(s.display, f"cannot read: {e}"))

    if sheets:  # built even when other files have problems, so one run reports every problem it can find
        catalogue = Catalogue.from_store(store)
        for quads in parsed.values():
            catalogue.add_quads(quads)
        by_graph: dict[URIRef, list[ox.Quad]] = {}
        built, found = build_all(sheets, catalogue)
        problems += found
        for sheet, quads in built:
            by_graph.setdefault(sheet.source.graph, []).extend(quads)
        parsed.update(by_graph)
    if problems:
        raise LoadError(problems)

    created: list[URIRef] = []
    try:
        for s in bulk:
            created.append(s.graph)
            try:
                bulk_load_file(store, s, progress)
            except SyntaxError as e:
                raise LoadError([syntax_problem(s, e)]) from e
        _commit(store, parsed, existing)
    except BaseException:
        if created:
            store.remove_graphs(created)
        raise

    for s in sources:
        result.graphs.append(LoadedGraph(s.graph, s.display, s.graph in existing))
    result.quads_after = len(store)
    result.seconds = time.perf_counter() - started
    return result


def _commit(store: GraphStore, parsed: dict[URIRef, list[ox.Quad]], existing: set[URIRef]) -> None:
    """Write every parsed graph in one transaction."""
    if not parsed:
        return
    quads = [q for qs in parsed.values() for q in qs]
    named = {q.graph_name for q in quads}  # pyoxigraph terms hash cheaply; convert only the few distinct graphs
    targets = set(parsed) | {URIRef(g.value) for g in named if isinstance(g, ox.NamedNode)}
    store.replace_quads(sorted(targets), quads)  # new graphs only: Store.extend on the embedded store


def describe_progress(echo: Callable[[str], None]) -> ProgressFn:
    """A progress callback that prints one line per ~2% of a large file."""
    def progress(name: str, done: int, total: int) -> None:
        if total >= 5 * 1024 * 1024:
            echo(f"  {name}: {done / 1e6:.0f} / {total / 1e6:.0f} MB ({100 * done / max(total, 1):.0f}%)")
    return progress


def ensure_bundled_data(store: GraphStore, data_dir: Path | None = None) -> LoadResult | None:
    """Load the bundled data into an empty store (first start of the service); leave a store with content alone.

    ``data_dir``: default ``QUALGRAPH_DATA``, else the data shipped with qualgraph (:mod:`qualgraph.resources`).
    Graphs are named by the paths relative to the folder's parent (``.../graph/data/frameworks/ie-nfq.ttl``), as
    ``qualgraph load data/`` names them in a checkout, so a later load of a corrected file replaces its graph.
    """
    from ..resources import bundled_data_dir

    if not store.is_empty():
        return None
    folder = data_dir or bundled_data_dir()
    return load_paths(store, [folder], root=folder.parent)
