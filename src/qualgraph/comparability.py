"""Level comparability: what a level of one framework compares to in other frameworks, and why.

The derivation is SPARQL (``queries/comparable-levels.rq``): referencing decisions and level comparisons
are edges between levels, usable in both directions (a referencing decision is not an identity: two national
levels that share a reference level are comparable, not equal). A path is

* ``direct``: one decision or comparison links the two levels (a bilateral study; a national level and
  its reference level);
* ``via-reference``: through one level of a reference framework (PQF 5 — AQRF 5 — MQF 5);
* ``via-reference-comparison``: through two compared reference frameworks (NQF — AQRF — EQF — NQF).

This module keeps the paths whose decisions all have a usable status, judges their strength, and ranks:
where a direct answer exists for a framework, derived answers for that framework are dropped (a bilateral
study decided it). Strength: ``one-to-one`` when no hop is shared, ``partial`` when several levels of one
framework meet at a hop, ``no-counterpart`` when a decision says there is none.
"""

from __future__ import annotations

import difflib
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox

from . import ids
from .queries import load_query
from .store import GraphStore
from .store.derived import PerStore
from .vocab import QG, QGS, RDF, SKOS, STATUSES

ROUTES = ("direct", "via-reference", "via-reference-comparison")
_ROUTE_RANK = {r: i for i, r in enumerate(ROUTES)}
_QGS = str(QGS)


@dataclass
class Comparable:
    """One answer: a comparable level (or none) in another framework, with the path and its evidence."""

    framework: str
    level: str | None
    strength: str
    route: str
    via: list[str]
    decisions: list[str]
    statuses: list[str]
    sources: list[str] = field(default_factory=list)
    dates: list[str | None] = field(default_factory=list)
    label: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "framework": self.framework,
            "level": self.level,
            "label": self.label,
            "strength": self.strength,
            "route": self.route,
            "via": self.via,
            "decisions": self.decisions,
            "statuses": self.statuses,
            "dates": self.dates,
            "sources": self.sources,
        }


@dataclass(frozen=True)
class _Path:
    route: str
    levels: tuple[str, ...]  # level IRIs from the asked level to the target (target absent if none)
    target: str | None
    target_framework: str
    decisions: tuple[str, ...]
    statuses: tuple[str, ...]


def _status(iri: str | None) -> str:
    return iri[len(_QGS):] if iri and iri.startswith(_QGS) else "unknown"


# The IRI -> id helpers below are pure and run for every row of every path: cached (about 1 ms of a call
# with ~100 paths, see bench/README.md).
@lru_cache(maxsize=65536)
def _framework_id(iri: str) -> str:
    return ids.framework_slug_of(iri) or iri


@lru_cache(maxsize=65536)
def _level_id(iri: str) -> str:
    return ids.level_id_of(iri) or iri


class ComparabilityIndex:
    """Every path, edge and piece of evidence that :func:`comparable_levels` reads, for all levels at once.

    Why: answering one level with three queries on the store took ~20 ms at a million triples, most of it
    parsing, planning and reading a large on-disk store. The correspondences are a small part of the graph
    (~12k of 1M triples in ``bench/``): ``queries/comparability-subgraph.rq`` copies them into an in-memory
    Oxigraph store and the same three queries run there once, unbound, for every level. An answer is then a
    few dictionary lookups. The index is rebuilt when the store has been written through qualgraph since
    (``GraphStore.generation``) or, on an external server, when older than ``derived_max_age``; but a write
    whose graphs the store names (``GraphStore.changes_since``) and that touched none of the graphs the index
    was read from and brought no framework, level or correspondence triple in leaves it as it is (checking
    reads just the written graphs: rebuilding took 0.75-1.9 s at a million triples).
    """

    def __init__(self, store: GraphStore) -> None:
        from .store import memory_store

        started = time.perf_counter()
        self.generation = store.generation
        self.built_at = time.monotonic()
        self.max_age = store.derived_max_age
        replica = memory_store()
        graph = ox.NamedNode(str(ids.graph_iri("derived/comparability-index")))
        triples = store.construct_triples(load_query("comparability-subgraph"))
        self.subjects = frozenset(t.subject for t in triples)
        """Every subject the index was read from: a triple about one of them, written anywhere, changes it."""
        self.graphs = frozenset(row["g"] for row in store.select_values(load_query("comparability-graphs")))
        """The named graphs the index was read from."""
        replica.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        # the queries' "#VALUES ?var" marker lines are comments: left as they are, every level is answered.
        # Tens of thousands of paths at a million triples: kept as rows per level, made into _Path objects
        # when the level is first asked about.
        self._path_rows: dict[str, list[list[str]]] = defaultdict(list)  # "<level IRI>" -> TSV cells
        for cells in _tsv_rows(replica, load_query("comparable-levels"), _PATH_COLUMNS):
            self._path_rows[cells[0]].append(cells)
        self._paths: dict[str, list[_Path]] = {}
        self.path_count = sum(len(rows) for rows in self._path_rows.values())
        self.edges: dict[str, list[_Edge]] = defaultdict(list)
        for r in replica.select_values(load_query("level-edges")):
            edge = _Edge(r["c"], r["src"], r.get("tgt"), _status(r["status"]))
            self.edges[edge.src].append(edge)
            if edge.tgt is not None:
                self.edges[edge.tgt].append(edge)
        self.sources, self.dates, self.labels = _evidence(replica.select_values(load_query("evidence")))
        in_scheme = ox.NamedNode(str(SKOS.inScheme))
        self.levels = frozenset(q.subject.value for q in replica.quads_matching(None, in_scheme, None))
        self.triples = len(triples)
        self.seconds = time.perf_counter() - started

    def paths(self, level: str) -> list[_Path]:
        """Every path from ``level`` (IRI), whatever the statuses of its decisions."""
        found = self._paths.get(level)
        if found is None:
            found = self._paths[level] = [_path(cells) for cells in self._path_rows.get(f"<{level}>", ())]
        return found

    def is_current(self, store: GraphStore) -> bool:
        """False once the store was written through qualgraph in a way that may change the index, or the index
        outlived ``derived_max_age``."""
        if self.generation != store.generation and not self._unchanged_by_writes(store):
            return False
        return self.max_age is None or time.monotonic() - self.built_at <= self.max_age

    def _unchanged_by_writes(self, store: GraphStore) -> bool:
        """Whether the writes since the index was built leave it as it is (then it is current for them)."""
        generation = store.generation
        if store.writes_may_change(self.generation, self.graphs, self._reads):
            return False
        self.generation = generation
        return True

    def _reads(self, quad: ox.Quad) -> bool:
        """Whether the index reads ``quad``: about a subject it has, or making its subject a framework, a level
        or a correspondence."""
        return quad.subject in self.subjects or quad.predicate in _MAKES_RELEVANT or (
            quad.predicate == _RDF_TYPE and quad.object == _FRAMEWORK_CLASS)


_MAKES_RELEVANT = frozenset(ox.NamedNode(str(p)) for p in (QG.sourceLevel, QG.targetLevel, SKOS.inScheme))
_RDF_TYPE = ox.NamedNode(str(RDF.type))
_FRAMEWORK_CLASS = ox.NamedNode(str(QG.QualificationsFramework))

_PATH_COLUMNS = ("level", "route", "r1", "r2", "target", "targetFw", "c1", "c2", "c3", "s1", "s2", "s3")


def _tsv_rows(replica: GraphStore, query: str, columns: tuple[str, ...]) -> list[list[str]]:
    """A SELECT's rows as SPARQL TSV cells in ``columns`` order. One serialisation in Rust and ``str.split``
    take about a third of the time of reading every term of every solution from Python."""
    head, *lines = replica.select_tsv(query).split("\n")
    at = [head.split("\t").index("?" + c) for c in columns]
    rows = []
    for line in lines:
        if line:
            cells = line.split("\t")
            rows.append([cells[i] for i in at])
    return rows


def _tsv_value(cell: str) -> str | None:
    if not cell:
        return None
    if cell[0] == "<":
        return cell[1:-1]
    if cell[0] == '"' and cell[-1] == '"' and "\\" not in cell:
        return cell[1:-1]
    raise ValueError(f"only IRIs and plain literals are read from TSV here, not {cell!r}")


def _path(cells: list[str]) -> _Path:
    level, route, r1, r2, target, target_fw, c1, c2, c3, s1, s2, s3 = (_tsv_value(c) for c in cells)
    decisions = tuple(c for c in (c1, c2, c3) if c is not None)
    return _Path(
        route=route, levels=tuple(x for x in (level, r1, r2, target) if x is not None),  # type: ignore[arg-type]
        target=target, target_framework=target_fw,  # type: ignore[arg-type]
        decisions=decisions, statuses=tuple(_status(x) for x in (s1, s2, s3)[:len(decisions)]),  # type: ignore[misc]
    )


_INDEXES: PerStore[ComparabilityIndex] = PerStore(ComparabilityIndex)


def comparability_index(store: GraphStore) -> ComparabilityIndex:
    """The store's current index, built on first use and after each write that may change it."""
    return _INDEXES.get(store)


@dataclass(frozen=True)
class _Edge:
    decision: str
    src: str
    tgt: str | None  # None: a "no counterpart" decision
    status: str


def _partial_decisions(index: ComparabilityIndex, levels: set[str], allowed: set[str]) -> set[str]:
    """Decisions (among usable ones) whose one end meets several levels of the other end's framework."""
    partners: dict[tuple[str, str], set[str]] = defaultdict(set)  # (level, other framework) -> other levels
    edges: dict[str, tuple[str, str]] = {}
    for level in levels:
        for e in index.edges.get(level, ()):
            if e.status not in allowed or e.tgt is None or e.decision in edges:
                continue
            edges[e.decision] = (e.src, e.tgt)
            partners[(e.src, _framework_of_level(e.tgt))].add(e.tgt)
            partners[(e.tgt, _framework_of_level(e.src))].add(e.src)
    return {
        c for c, (src, tgt) in edges.items()
        if len(partners[(src, _framework_of_level(tgt))]) > 1 or len(partners[(tgt, _framework_of_level(src))]) > 1
    }


@lru_cache(maxsize=65536)
def _framework_of_level(iri: str) -> str:
    lid = ids.level_id_of(iri)
    return lid.split(":", 1)[0] if lid else iri


def _evidence(rows: list[dict[str, str]]) -> tuple[dict[str, set[str]], dict[str, str], dict[str, str]]:
    """Sources and dates of decisions, labels (English preferred) of levels, from evidence.rq's rows."""
    sources: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, str] = {}
    labels: dict[str, str] = {}
    english: set[str] = set()
    for r in rows:
        x, what, value = r["x"], r["what"], r["value"]
        if what == "source":
            sources[x].add(value)
        elif what == "date":
            dates[x] = value
        elif x not in english:
            labels[x] = value
            if r.get("lang", "").startswith("en"):
                english.add(x)
    return sources, dates, labels


def check_framework(store: GraphStore, slug: str) -> None:
    """Raise ids.UnknownId with the closest ids when no framework has this id."""
    from .loading.catalogue import Catalogue

    cat = Catalogue.from_store(store)
    if slug not in cat.frameworks:
        close = difflib.get_close_matches(slug, list(cat.frameworks), n=3, cutoff=0.4)
        raise ids.UnknownId(f"no framework {slug!r}", close or sorted(cat.frameworks))


def _unknown_level(store: GraphStore, level: ids.LevelId) -> ids.UnknownId:
    from .loading.catalogue import Catalogue

    cat = Catalogue.from_store(store)
    if level.framework not in cat.frameworks:
        close = difflib.get_close_matches(level.framework, list(cat.frameworks), n=3, cutoff=0.4)
        return ids.UnknownId(f"no framework {level.framework!r}", [f"{c}:{level.notation}" for c in close] or sorted(cat.frameworks))
    known = sorted(f"{level.framework}:{n}" for n in cat.levels.get(level.framework, set()))
    close = difflib.get_close_matches(str(level), known, n=3, cutoff=0.4)
    return ids.UnknownId(f"{level.framework} has no level {level.notation!r}", close or known)


def comparable_levels(
    store: GraphStore,
    level: ids.LevelId | str,
    *,
    to: str | None = None,
    include: Iterable[str] = (),
) -> list[Comparable]:
    """Comparable levels of ``level`` in other frameworks (only in ``to`` when given), most direct first.

    ``include`` adds statuses besides ``accepted``: draft, superseded, illustrative.
    """
    level = ids.LevelId.parse(level) if isinstance(level, str) else level
    allowed = {"accepted", *include}
    unknown = allowed - set(STATUSES)
    if unknown:
        raise ValueError(f"unknown status {', '.join(sorted(unknown))}; use {', '.join(STATUSES)}")

    index = comparability_index(store)
    paths = [p for p in index.paths(str(level.iri)) if all(s in allowed for s in p.statuses)]
    if not paths and str(level.iri) not in index.levels:
        raise _unknown_level(store, level)
    if to is not None:
        paths = [p for p in paths if _framework_id(p.target_framework) == to]
        if not paths:
            check_framework(store, to)
    paths = _most_direct(paths)

    partial = _partial_decisions(index, {lv for p in paths for lv in p.levels}, allowed)
    sources, dates, labels = index.sources, index.dates, index.labels

    best: dict[tuple[str, str | None], Comparable] = {}
    for p in paths:
        strength = "no-counterpart" if p.target is None else ("partial" if partial & set(p.decisions) else "one-to-one")
        answer = Comparable(
            framework=_framework_id(p.target_framework),
            level=_level_id(p.target) if p.target else None,
            strength=strength, route=p.route,
            via=[_level_id(x) for x in p.levels],
            decisions=list(p.decisions), statuses=list(p.statuses),
            sources=sorted({s for d in p.decisions for s in sources.get(d, ())}),
            dates=[dates.get(d) for d in p.decisions],
            label=labels.get(p.target) if p.target else None,
        )
        key = (answer.framework, answer.level)
        if key not in best or _preference(answer) < _preference(best[key]):
            best[key] = answer
    # a framework with real counterparts does not also get a no-counterpart answer on the same route
    with_level = {a.framework for a in best.values() if a.level is not None}
    answers = [a for a in best.values() if a.level is not None or a.framework not in with_level]
    return sorted(answers, key=lambda a: (_ROUTE_RANK[a.route], a.framework, a.level is None, ids.natural_key(a.level or "")))


def _most_direct(paths: list[_Path]) -> list[_Path]:
    """Per target framework, only the paths of the most direct route found."""
    best: dict[str, int] = {}
    for p in paths:
        best[p.target_framework] = min(best.get(p.target_framework, 99), _ROUTE_RANK[p.route])
    return [p for p in paths if _ROUTE_RANK[p.route] == best[p.target_framework]]


def _preference(a: Comparable) -> tuple[int, int, tuple[str, ...]]:
    return (0 if a.strength == "one-to-one" else 1, len(a.via), tuple(a.decisions))
