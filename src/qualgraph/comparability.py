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
from rdflib import URIRef

from . import ids
from .queries import load_query, with_values
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
    (~12k of 1M triples in ``bench/``): ``queries/comparability-statements.rq`` reads them, with the graph that
    holds each, into an in-memory Oxigraph store, and the same three queries run there once, unbound, for every
    level. An answer is then a few dictionary lookups.

    After a write made through qualgraph (``GraphStore.generation``), :meth:`updated` reads those statements
    again (0.2 s at a million triples; they do not grow with the qualifications) and compares them with what the
    index holds. When nothing changed (a write of qualifications, notes, units) the index stays as it is. Else
    only the levels whose paths a changed statement can be on (six hops or fewer along correspondences, in the
    graph before or after the write) are derived again, and the edges and evidence of the changed subjects: a
    new decision or level costs tens of milliseconds where the whole derivation took 0.75-1.9 s. A change of
    which frameworks are reference frameworks derives every level again. On an external server the index is
    read again as a whole once older than ``derived_max_age``.
    """

    def __init__(self, store: GraphStore) -> None:
        started = time.perf_counter()
        self.generation = store.generation
        self.built_at = time.monotonic()
        self.max_age = store.derived_max_age
        statements = _read_statements(store)
        self._holders: dict[ox.Triple, set[str]] = dict(statements)  # each statement read -> the graphs that hold it
        self._by_graph: dict[str, set[ox.Triple]] = defaultdict(set)
        for triple, graphs in statements.items():
            for g in graphs:
                self._by_graph[g].add(triple)
        self._subjects = frozenset(t.subject for t in statements)
        self.graphs = frozenset(self._by_graph)
        """The named graphs the index was read from."""
        self._replica = ox.Store()
        self._replica.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in statements)
        self._derive(None)
        self.seconds = time.perf_counter() - started

    def _derive(self, levels: set[str] | None, subjects: set[str] | None = None) -> None:
        """Derive the paths and edges of ``levels`` (IRIs; None: of every level) and the evidence of
        ``subjects`` from the replica, replacing what the index held for them (new containers: an index this one
        was copied from keeps its own)."""
        replica = self._replica
        def bound(name: str, variable: str, values: set[str] | None) -> str:
            query = load_query(name)
            return query if values is None else with_values(query, variable, [URIRef(v) for v in sorted(values)])

        if levels is None:
            self._path_rows: dict[str, list[tuple[str, ...]]] = defaultdict(list)  # "<level IRI>" -> TSV cells
            self._paths: dict[str, list[_Path]] = {}
            self.edges: dict[str, list[_Edge]] = defaultdict(list)
        else:
            for level in levels:
                self._path_rows.pop(f"<{level}>", None)
                self._paths.pop(level, None)
                self.edges.pop(level, None)
        if levels is None or levels:
            # the queries' "#VALUES ?var" marker lines are comments: left as they are, every level is answered.
            # Tens of thousands of paths at a million triples: kept as rows per level, made into _Path objects
            # when the level is first asked about.
            for cells in _tsv_rows(replica, bound("comparable-levels", "level", levels), _PATH_COLUMNS):
                self._path_rows[cells[0]].append(cells)
            new_edges: dict[str, list[_Edge]] = defaultdict(list)
            for r in _select_values(replica, bound("level-edges", "lvl", levels)):
                edge = _Edge(r["c"], r["src"], r.get("tgt"), _status(r["status"]))
                for end in (edge.src, edge.tgt):
                    if end is not None and (levels is None or end in levels):
                        new_edges[end].append(edge)
            for level, edges in new_edges.items():
                self.edges[level] = sorted(edges, key=_edge_key)
        self.path_count = sum(len(rows) for rows in self._path_rows.values())
        rows = _select_values(replica, bound("evidence", "x", subjects))
        if subjects is None:
            self.sources, self.dates, self.labels = _evidence(rows)
        else:
            sources, dates, labels = _evidence(rows)
            for name, new in (("sources", sources), ("dates", dates), ("labels", labels)):
                kept = {x: v for x, v in getattr(self, name).items() if x not in subjects}
                kept.update(new)
                setattr(self, name, kept)
        in_scheme = ox.NamedNode(str(SKOS.inScheme))
        self.levels = frozenset(q.subject.value for q in replica.quads_for_pattern(None, in_scheme, None))
        self.triples = len(self._holders)

    def paths(self, level: str) -> list[_Path]:
        """Every path from ``level`` (IRI), whatever the statuses of its decisions."""
        found = self._paths.get(level)
        if found is None:
            found = self._paths[level] = [_path(cells) for cells in self._path_rows.get(f"<{level}>", ())]
        return found

    def is_current(self, store: GraphStore) -> bool:
        """False once the store was written through qualgraph since the index was read (:meth:`updated` then
        says whether the writes changed it), or the index outlived ``derived_max_age``."""
        return self.generation == store.generation and not self._too_old()

    def _too_old(self) -> bool:
        return self.max_age is not None and time.monotonic() - self.built_at > self.max_age

    def _read_graphs(self, store: GraphStore, written: set[str]) -> tuple[set[ox.Triple] | None, set[ox.Triple],
                                                                          frozenset[ox.NamedNode | ox.BlankNode]]:
        """Read the statements of the ``written`` graphs and of the subjects they made relevant, and note which
        statements the union of the graphs lost and gained (None when a blank node would have to be bound)."""
        holders = self._holders
        removed: set[ox.Triple] = set()
        added: set[ox.Triple] = set()
        everything: dict[ox.Triple, set[str]] | None = None
        for g in written:
            old = self._by_graph.pop(g, set())
            if len(old) > _READ_WHOLE_ABOVE and store.native_results:
                # a graph holding much of the index (one file of everything): one read of every statement in the
                # engine's own terms costs less than this graph's statements converted one by one
                if everything is None:
                    everything = _read_statements(store)
                new_statements = {t for t, graphs in everything.items() if g in graphs}
            else:
                new_statements = set(_read_statements(store, graph=g))
            if new_statements:
                self._by_graph[g] = new_statements
            for t in old - new_statements:
                holders[t].discard(g)
                if not holders[t]:
                    del holders[t]
                    removed.add(t)
            for t in new_statements - old:
                if t not in holders:
                    added.add(t)
                holders.setdefault(t, set()).add(g)
        # subjects the write made relevant: their statements in every other graph too
        subjects_before = self._subjects
        fresh = {t.subject for t in added} - subjects_before
        if fresh:
            if any(isinstance(s, ox.BlankNode) for s in fresh):
                return None, added, subjects_before
            for t, graphs in _read_statements(store, subjects={s.value for s in fresh}).items():
                for g in graphs:
                    self._by_graph.setdefault(g, set()).add(t)
                    if t not in holders:
                        added.add(t)
                    holders.setdefault(t, set()).add(g)
        return removed, added, subjects_before

    def updated(self, store: GraphStore) -> ComparabilityIndex | None:
        """The index for the store as it is now: this one when the writes since changed none of what it reads, a
        new one with the affected levels derived again, or None to read it again as a whole (too old, or the
        journal does not name the graphs written)."""
        if self._too_old() or self._replica is None:
            return None
        started = time.perf_counter()
        generation = store.generation
        changes = store.changes_since(self.generation)
        written: set[str] | None = None
        if changes is not None and all(g is not None for g in changes):
            written = set().union(*changes) if changes else set()  # type: ignore[arg-type]
        if written is None or len(written) > _GRAPHS_READ_ONE_BY_ONE or "" in written:
            # the journal does not say which graphs (a SPARQL Update), or many of them (a folder loaded): every
            # statement the index reads, compared with what it holds (0.2 s at a million triples)
            now = _read_statements(store)
            removed, added = set(self._holders) - set(now), set(now) - set(self._holders)
            self._holders = dict(now)
            self._by_graph = defaultdict(set)
            for triple, graphs in now.items():
                for g in graphs:
                    self._by_graph[g].add(triple)
            subjects_before = frozenset()  # the statements read are exactly the relevant ones: nothing to drop
        else:
            removed, added, subjects_before = self._read_graphs(store, written)
            if removed is None:
                return None
        if not removed and not added:
            self.graphs = frozenset(g for g, statements in self._by_graph.items() if statements)
            self.generation = generation
            return self
        replica = self._replica
        before = _adjacency(replica)
        for t in removed:
            replica.remove(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))
        for t in added:
            replica.add(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))
        # subjects the write made irrelevant: their statements in every graph go
        for s in {t.subject for t in removed} & subjects_before:
            if not _relevant(replica, s):
                for q in list(replica.quads_for_pattern(s, None, None)):
                    t = ox.Triple(q.subject, q.predicate, q.object)
                    replica.remove(q)
                    for g in self._holders.pop(t, ()):
                        self._by_graph[g].discard(t)
                    removed.add(t)
        new = object.__new__(ComparabilityIndex)
        new.__dict__.update(self.__dict__)
        self._replica = None  # handed over: this index can no longer be brought up to date
        new.generation = generation
        new._subjects = frozenset(t.subject for t in self._holders)
        new.graphs = frozenset(g for g, statements in self._by_graph.items() if statements)
        new._path_rows = defaultdict(list, self._path_rows)
        new._paths = dict(self._paths)
        new.edges = defaultdict(list, self.edges)
        changed = removed | added
        subjects = {t.subject.value for t in changed if isinstance(t.subject, ox.NamedNode)}
        if any(isinstance(t.subject, ox.BlankNode) for t in changed) or any(
                t.predicate == _RDF_TYPE and t.object == _REFERENCE_FRAMEWORK for t in changed):
            new._derive(None)  # a reference framework more or less: every level's paths may change
        else:
            new._derive(_within(subjects, before, _adjacency(replica), _PATH_HOPS), subjects)
        new.seconds = time.perf_counter() - started
        return new


#: How far a changed statement can be from a level whose paths it is on: level — c1 — r1 — c2 — r2 — c3 —
#: target, along correspondences (comparable-levels.rq's longest route).
_PATH_HOPS = 6
_RDF_TYPE = ox.NamedNode(str(RDF.type))
_REFERENCE_FRAMEWORK = ox.NamedNode(str(QG.ReferenceFramework))
_LINKS = (ox.NamedNode(str(QG.sourceLevel)), ox.NamedNode(str(QG.targetLevel)))


#: Above this many graphs written since the index was read, it is read again as a whole (one query for all).
_GRAPHS_READ_ONE_BY_ONE = 16
#: A written graph that held more of the index's statements than this is read with every other graph.
_READ_WHOLE_ABOVE = 2000
_RELEVANT = (*_LINKS, ox.NamedNode(str(SKOS.inScheme)))
_FRAMEWORK_CLASS = ox.NamedNode(str(QG.QualificationsFramework))


def _relevant(replica: ox.Store, subject: ox.NamedNode | ox.BlankNode) -> bool:
    """Whether the index reads ``subject`` (comparability-statements.rq's choice of subjects)."""
    return any(next(iter(replica.quads_for_pattern(subject, p, None)), None) is not None for p in _RELEVANT) or (
        next(iter(replica.quads_for_pattern(subject, _RDF_TYPE, _FRAMEWORK_CLASS)), None) is not None)


def _read_statements(store: GraphStore, *, graph: str | None = None,
                     subjects: set[str] | None = None) -> dict[ox.Triple, set[str]]:
    """comparability-statements.rq: each statement the index reads (in ``graph``, or about ``subjects``, only),
    with the graphs that hold it."""
    query = load_query("comparability-statements")
    if subjects is not None:
        query = with_values(query, "s", [URIRef(s) for s in sorted(subjects)])
    found: dict[ox.Triple, set[str]] = defaultdict(set)
    if graph is not None:  # bound as a substitution: a VALUES block made Oxigraph read the whole graph first
        from .store.terms import to_ox

        for row in store.select(query, {"g": URIRef(graph)}):
            found[ox.Triple(to_ox(row["s"]), to_ox(row["p"]), to_ox(row["o"]))].add(graph)
    elif store.native_results:
        for s, p, o, g in store.raw_query(query):
            found[ox.Triple(s, p, o)].add(g.value)
    else:
        from .store.terms import to_ox

        for row in store.select(query):
            found[ox.Triple(to_ox(row["s"]), to_ox(row["p"]), to_ox(row["o"]))].add(str(row["g"]))
    return found


def _adjacency(replica: ox.Store) -> dict[str, set[str]]:
    """Correspondences and the levels they link, both ways round (IRIs)."""
    near: dict[str, set[str]] = defaultdict(set)
    for link in _LINKS:
        for q in replica.quads_for_pattern(None, link, None):
            near[q.subject.value].add(q.object.value)
            near[q.object.value].add(q.subject.value)
    return near


def _within(start: set[str], before: dict[str, set[str]], after: dict[str, set[str]], hops: int) -> set[str]:
    """Every node ``hops`` steps or fewer from ``start`` in either adjacency."""
    seen, frontier = set(start), set(start)
    for _ in range(hops):
        frontier = {n for x in frontier for near in (before, after) for n in near.get(x, ())} - seen
        if not frontier:
            break
        seen |= frontier
    return seen


def _edge_key(e: _Edge) -> tuple[str, str, str, str]:
    return (e.decision, e.src, e.tgt or "", e.status)


def _select_values(replica: ox.Store, query: str) -> list[dict[str, str]]:
    result = replica.query(query)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    return [{n: v.value for n, v in zip(names, solution) if v is not None} for solution in result]  # type: ignore[union-attr]


_PATH_COLUMNS = ("level", "route", "r1", "r2", "target", "targetFw", "c1", "c2", "c3", "s1", "s2", "s3")


def _tsv_rows(replica: ox.Store, query: str, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A SELECT's rows as SPARQL TSV cells in ``columns`` order. One serialisation in Rust and ``str.split``
    take about a third of the time of reading every term of every solution from Python."""
    result = replica.query(query)
    head, *lines = result.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8").split("\n")  # type: ignore[union-attr]
    at = [head.split("\t").index("?" + c) for c in columns]
    rows = []
    for line in lines:
        if line:
            cells = line.split("\t")
            rows.append(tuple([cells[i] for i in at]))  # tuples of strings: the collector stops tracking them
    return rows


def _tsv_value(cell: str) -> str | None:
    if not cell:
        return None
    if cell[0] == "<":
        return cell[1:-1]
    if cell[0] == '"' and cell[-1] == '"' and "\\" not in cell:
        return cell[1:-1]
    raise ValueError(f"only IRIs and plain literals are read from TSV here, not {cell!r}")


def _path(cells: tuple[str, ...]) -> _Path:
    level, route, r1, r2, target, target_fw, c1, c2, c3, s1, s2, s3 = (_tsv_value(c) for c in cells)
    decisions = tuple(c for c in (c1, c2, c3) if c is not None)
    return _Path(
        route=route, levels=tuple(x for x in (level, r1, r2, target) if x is not None),  # type: ignore[arg-type]
        target=target, target_framework=target_fw,  # type: ignore[arg-type]
        decisions=decisions, statuses=tuple(_status(x) for x in (s1, s2, s3)[:len(decisions)]),  # type: ignore[misc]
    )


_INDEXES: PerStore[ComparabilityIndex] = PerStore(ComparabilityIndex)


def comparability_index(store: GraphStore) -> ComparabilityIndex:
    """The store's current index, built on first use and brought up to date after each write."""
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
    """Sources and dates of decisions, labels (English preferred) of levels, from evidence.rq's rows. Where a
    subject has several dates or labels, the same one is kept whatever order the rows come in."""
    sources: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, str] = {}
    labels: dict[str, tuple[bool, str]] = {}
    for r in rows:
        x, what, value = r["x"], r["what"], r["value"]
        if what == "source":
            sources[x].add(value)
        elif what == "date":
            dates[x] = min(dates.get(x, value), value)
        else:
            key = (not r.get("lang", "").startswith("en"), value)
            labels[x] = min(labels.get(x, key), key)
    return dict(sources), dates, {x: value for x, (_, value) in labels.items()}


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
