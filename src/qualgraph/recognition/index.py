"""The benchmarking decisions, as edges between units, the units of each qualification and the qualifications by
level and occupation, kept in memory: the part of the graph that gap analysis and comparable qualifications walk.

Why: each answer follows the decisions of a few dozen units, and of the regional units they meet at. Read from
the store, unit by unit, that is hundreds of index lookups on disk (~40 ms for 230 units at 50,000 units in
``bench/bench_recognition.py``); from this index it is a few dictionary lookups.

It is read once, statement by statement with the graph that holds each (``queries/benchmarking-statements.rq``),
and it remembers which subjects each named graph holds statements about. After a write made through qualgraph,
:meth:`BenchmarkingIndex.updated` reads the statements of the graphs the write changed
(``GraphStore.changes_since``), then reads again, from every graph, just the subjects those graphs held before
or hold now, and rebuilds the entries that depend on them: a decision's edges, a unit's standard, a
qualification's units (also through the standard it is based on), levels, occupations and fields. Where the
writes named the subjects they changed (``GraphStore.subjects_since``: additions, and a resubmission's changed
statements), it reads just those, so one statement written into a graph of a million costs the same. A write
about one unit or one qualification costs milliseconds where reading everything again took 5-8 s at a million
triples. The whole index is read again when the journal does not name the graphs, when a write changes which
standards are regional model standards, when it touches too many subjects, or on an external server once
older than ``derived_max_age``. The new index is a new object; the old one is not changed, so an answer being
computed from it stays consistent.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from ..queries import load_query, with_values
from ..store import GraphStore
from ..store.derived import PerStore
from ..vocab import DCTERMS, QG, RDF
from .records import _tsv_cell, iris

log = logging.getLogger(__name__)


class Edge(NamedTuple):
    """One decision seen from one of its units."""

    decision: str
    other: str | None  # the unit at the other end; None for a no-counterpart decision
    other_standard: str  # the standard of ``other``, or the standard compared with
    outcome: str  # outcome IRI
    status: str  # status IRI
    regional: bool  # ``other_standard`` is a regional model standard
    unit_standard: str | None  # the standard of the unit the decision is seen from


_RawEdge = tuple[str, str | None, str, str, str, bool, str | None]  # Edge's fields, as a plain tuple


class EdgesByUnit(Mapping[str, tuple[Edge, ...]]):
    """Unit IRI -> the edges seen from it, made into :class:`Edge` as they are read. The index keeps them as plain
    tuples of strings, which the garbage collector stops tracking: 100,000 tracked edges made every full
    collection take ~0.2 s, in the middle of whichever answer set it off (see bench/README.md)."""

    def __init__(self, raw: dict[str, tuple[_RawEdge, ...]]) -> None:
        self._raw = raw

    def __getitem__(self, unit: str) -> tuple[Edge, ...]:
        return tuple(Edge._make(e) for e in self._raw[unit])

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __contains__(self, unit: object) -> bool:
        return unit in self._raw


@dataclass(slots=True)
class QualificationFacts:
    """What ranking reads of a candidate qualification (IRIs, sorted). Tuples of strings, like most of the index:
    the garbage collector stops tracking them."""

    title: str | None
    levels: tuple[str, ...]
    occupations: tuple[str, ...]
    fields: tuple[str, ...]
    _codes: tuple[tuple[str, ...] | None, tuple[str, ...] | None] = field(default=(None, None), repr=False,
                                                                             compare=False)

    def codes(self, base: str, which: str) -> tuple[str, ...]:
        """The codes of ``occupations`` or ``fields`` (their IRIs less ``base``), worked out once: every answer
        that ranks this qualification as a candidate reads them (thousands of candidates an answer)."""
        at = 0 if which == "occupations" else 1
        found = self._codes[at]
        if found is None:
            found = tuple(iri.removeprefix(base) for iri in getattr(self, which))
            self._codes = (found, self._codes[1]) if at == 0 else (self._codes[0], found)
        return found


_TYPE = str(RDF.type)
_DECISION, _REGIONAL, _QUALIFICATION = (str(c) for c in (QG.BenchmarkingDecision, QG.RegionalModelStandard,
                                                         QG.Qualification))
_SOURCE, _TARGET, _TARGET_STANDARD, _OUTCOME, _STATUS = (str(p) for p in (QG.sourceUnit, QG.targetUnit,
                                                                          QG.targetStandard, QG.outcome, QG.status))
_PART_OF, _HAS_UNIT, _BASED_ON = str(DCTERMS.isPartOf), str(QG.hasUnit), str(QG.basedOnStandard)
_AT_LEVEL, _OCCUPATION, _FIELD, _TITLE = (str(p) for p in (QG.atLevel, QG.occupation, QG.fieldOfEducation,
                                                           DCTERMS.title))

#: Above this share of the index's subjects (and at least _MIN_PARTIAL of them), a write is followed by reading
#: everything again: one pass over the store costs less than that many subjects bound one by one.
_PARTIAL_SHARE = 0.2
_MIN_PARTIAL = 5000

Statements = dict[str, dict[str, set[str]]]  # predicate -> subject -> objects (over every graph)
_Decision = tuple[str, str | None, str, str, str]  # source unit, target unit, target standard, outcome, status


def _read(store: GraphStore, *, graphs: Iterable[str] | None = None,
          subjects: Iterable[str] | None = None) -> tuple[Statements, dict[str, set[str]]]:
    """The statements the index reads (of ``graphs`` or ``subjects`` only, when given), and the subjects each
    graph holds statements about."""
    query = load_query("benchmarking-statements")
    if graphs is not None:
        query = with_values(query, "g", iris(graphs))
    if subjects is not None:
        query = with_values(query, "s", iris(subjects))
    head, *lines = store.select_tsv(query).split("\n")
    if head.split("\t") != ["?s", "?p", "?o", "?g"]:
        raise ValueError(f"benchmarking-statements.rq answers {head!r}, not ?s ?p ?o ?g")
    statements: Statements = {}
    held: dict[str, set[str]] = {}
    last_g, in_g = "", set()  # one graph holds most rows, in runs
    for line in lines:
        if not line:
            continue
        s, p, o, g = line.split("\t")
        s = s[1:-1] if s[0] == "<" else s  # a blank node stays "_:b0"
        o = o[1:-1] if o[0] == "<" else _tsv_cell(o)  # type: ignore[assignment]
        by_subject = statements.get(p)
        if by_subject is None:
            by_subject = statements[p] = {}
        objects = by_subject.get(s)
        if objects is None:
            by_subject[s] = {o}
        else:
            objects.add(o)
        if g != last_g:
            last_g = g
            in_g = held.get(g)  # type: ignore[assignment]
            if in_g is None:
                in_g = held[g] = set()
        in_g.add(s)
    # predicates and graphs are IRIs: their brackets taken off once each
    return {p[1:-1]: v for p, v in statements.items()}, {g[1:-1]: v for g, v in held.items()}


def _one(values: set[str] | None) -> str | None:
    """One of several values, the same whichever way the store returned them."""
    return min(values) if values else None


class BenchmarkingIndex:
    """Every benchmarking decision, by unit, both ways round (a no-counterpart decision only from its own unit),
    which units make up which qualifications, and the qualifications by level and by occupation."""

    def __init__(self, store: GraphStore) -> None:
        started = time.perf_counter()
        self.generation = store.generation
        self.built_at = time.monotonic()
        self.max_age = store.derived_max_age
        self._edges: dict[str, tuple[_RawEdge, ...]] = {}
        self.units_of: dict[str, set[str]] = {}
        self.qualifications_of: dict[str, tuple[str, ...]] = {}
        self.qualifications: dict[str, QualificationFacts] = {}
        self.at_level: dict[str, tuple[str, ...]] = {}
        self.by_occupation: dict[str, tuple[str, ...]] = {}
        self._decisions: dict[str, _Decision] = {}  # the complete decisions
        self._part_of: dict[str, tuple[str, ...]] = {}  # subject -> what it is part of, sorted (a unit's standard)
        self._units_in: dict[str, tuple[str, ...]] = {}  # the reverse
        self._regional: frozenset[str] = frozenset()
        self._based_on: dict[str, frozenset[str]] = {}  # a qualification listing no units -> its standards
        self._on_standard: dict[str, tuple[str, ...]] = {}  # the reverse
        statements, self._held = _read(store)
        subjects = {s for by_subject in statements.values() for s in by_subject}
        self._apply(statements, subjects, full=True)
        self.seconds = time.perf_counter() - started

    @property
    def edges(self) -> EdgesByUnit:
        """Unit IRI -> every decision at it, seen from it (both ways round; a no-counterpart decision only from its
        own unit)."""
        return EdgesByUnit(self._edges)

    @property
    def decisions(self) -> int:
        """How many complete decisions the index holds."""
        return len(self._decisions)

    def is_current(self, store: GraphStore) -> bool:
        """False once the store was written through qualgraph since the index was read (:meth:`updated` then
        says whether the writes changed it), or it outlived ``derived_max_age``."""
        return self.generation == store.generation and not self._too_old()

    def _too_old(self) -> bool:
        return self.max_age is not None and time.monotonic() - self.built_at > self.max_age

    def updated(self, store: GraphStore) -> BenchmarkingIndex | None:
        """The index for the store as it is now, from this one and the writes since: this one when they changed
        nothing it reads, a new one with the changed subjects read again, or None when it must be read again as a
        whole (the journal does not name the graphs, too much changed, or it is too old)."""
        generation = store.generation
        changes = store.changes_since(self.generation)
        if changes is None or any(graphs is None for graphs in changes) or self._too_old():
            return None
        written: set[str] = set().union(*changes) if changes else set()
        if "" in written or any(g.startswith("_:") for g in written):
            return None  # the default graph of a server that keeps one apart: not read graph by graph
        noted = store.subjects_since(self.generation)
        if noted is not None and len(noted) == len(changes) and all(subjects is not None for subjects in noted):
            # the writers named the subjects they changed: every statement that changed is about one of them,
            # however large the graphs that hold them (one statement into a register of a million)
            touched: set[str] = set().union(*noted)
            held_now = None
        else:
            touched = {s for g in written for s in self._held.get(g, ())}
            if len(touched) > self._partial_limit():
                return None  # a write to the graph that holds most of it: reading that graph costs a whole read
            _, held_now = _read(store, graphs=written) if written else ({}, {})
            touched.update(s for g in written for s in held_now.get(g, ()))
        if not touched:
            if held_now is not None:
                for g in written:
                    self._held.pop(g, None)
            self.generation = generation
            return self
        if any(s.startswith("_:") for s in touched):
            return None  # a blank node cannot be bound to be read again
        if len(touched) > self._partial_limit():
            return None
        statements, held = _read(store, subjects=touched)
        if {s for s in statements.get(_TYPE, {}) if _REGIONAL in statements[_TYPE][s]} != self._regional & touched:
            return None  # which standards are regional changes edges anywhere: read everything again
        new = object.__new__(BenchmarkingIndex)
        new.__dict__.update(self.__dict__)
        for name in ("_edges", "units_of", "qualifications_of", "qualifications", "at_level", "by_occupation",
                     "_decisions", "_part_of", "_units_in", "_based_on", "_on_standard"):
            setattr(new, name, dict(getattr(self, name)))
        if held_now is None:  # where the touched subjects are held now is what was just read: the rest stays
            new._held = dict(self._held)
            for g in written | held.keys():
                before, now = self._held.get(g, set()), held.get(g, set())
                if not now <= before or any(s in before for s in touched - now):
                    new._held[g] = (before - touched) | now  # a new set (the old index keeps its own); else
                    # the same one: copying a register's ~100,000 subjects for one statement costs ~0.2 s
        else:
            new._held = {g: subjects for g, subjects in self._held.items() if g not in written}
            for g, subjects in held_now.items():
                new._held[g] = set(subjects)
            for g, subjects in held.items():
                new._held[g] = new._held.get(g, set()) | subjects  # a new set: the old index keeps its own
        started = time.perf_counter()
        new._apply(statements, touched, full=False)
        new.generation = generation
        log.debug("benchmarking index: %d subjects read again in %.3f s", len(touched), time.perf_counter() - started)
        return new

    def _partial_limit(self) -> float:
        return max(_MIN_PARTIAL, _PARTIAL_SHARE * sum(len(s) for s in self._held.values()))

    # -- building -------------------------------------------------------------------------------------------
    def _apply(self, statements: Statements, subjects: set[str], *, full: bool) -> None:
        """Make the entries that depend on ``subjects`` those of ``statements`` (every statement the index reads
        about each of them; ``full``: every subject, into an empty index). The containers held as values are
        replaced, never changed, so that an index this one was copied from keeps its own."""
        empty: dict[str, set[str]] = {}
        types, part_of_read = statements.get(_TYPE, empty), statements.get(_PART_OF, empty)
        sources, targets = statements.get(_SOURCE, empty), statements.get(_TARGET, empty)
        statuses, outcomes = statements.get(_STATUS, empty), statements.get(_OUTCOME, empty)
        target_standards = statements.get(_TARGET_STANDARD, empty)
        has_unit, based_on = statements.get(_HAS_UNIT, empty), statements.get(_BASED_ON, empty)
        at_level, titles = statements.get(_AT_LEVEL, empty), statements.get(_TITLE, empty)
        occupations, fields = statements.get(_OCCUPATION, empty), statements.get(_FIELD, empty)

        def among(*maps: dict) -> set[str]:
            """The subjects to look at that are keys of one of ``maps``."""
            if full:
                return set().union(*(m.keys() for m in maps))
            return {s for s in subjects if any(s in m for m in maps)}

        if full:
            self._regional = frozenset(s for s, t in types.items() if _REGIONAL in t)
        # what units are part of
        changed_units: set[str] = set()
        touched_standards: set[str] = set()
        no_parts: frozenset[str] = frozenset()
        for s in among(part_of_read, self._part_of):
            old, parts = frozenset(self._part_of.get(s, ())), frozenset(part_of_read.get(s, no_parts))
            if old == parts:
                continue
            changed_units.add(s)
            touched_standards |= old ^ parts
            _move(self._units_in, s, old, parts, in_place=full)
            if parts:
                self._part_of[s] = tuple(sorted(parts))  # a tuple of strings: untracked by the collector
            else:
                self._part_of.pop(s, None)
        # decisions: those read again, and those at a unit whose standard changed
        again = among(self._decisions, sources)
        if not full:
            again.update(e[0] for u in changed_units for e in self._edges.get(u, ()))
        dirty: set[str] = set()
        for d in again:
            old_decision = self._decisions.get(d)
            if full or d in subjects:
                source, status = _one(sources.get(d)), _one(statuses.get(d))
                outcome, target_standard = _one(outcomes.get(d)), _one(target_standards.get(d))
                decision: _Decision | None = None
                if source is not None and status is not None and outcome is not None and target_standard is not None:
                    decision = (source, _one(targets.get(d)), target_standard, outcome, status)
            else:
                decision = old_decision
            if old_decision is not None:
                dirty |= self._drop_edges(d, old_decision)
                del self._decisions[d]
            if decision is not None:
                self._decisions[d] = decision
                for unit, edge in self._edges_of(d, decision):
                    if full:
                        self._edges.setdefault(unit, []).append(edge)  # type: ignore[attr-defined]
                    else:
                        self._edges[unit] = (*self._edges.get(unit, ()), edge)
                    dirty.add(unit)
        for unit in dirty:
            if unit in self._edges:
                self._edges[unit] = tuple(sorted(self._edges[unit], key=_edge_key))
        # qualifications: those read again, and those based on a standard whose units changed
        quals = among(self.units_of, self._based_on, self.qualifications, has_unit, based_on, at_level)
        quals.update(s for s in (types if full else subjects) if _QUALIFICATION in types.get(s, ()))
        for st in touched_standards:
            quals.update(self._on_standard.get(st, ()))
        for q in quals:
            if full or q in subjects:
                typed = _QUALIFICATION in types.get(q, ())
                listed = has_unit.get(q) if typed else None
                based = frozenset(based_on.get(q, no_parts)) if typed and not listed else no_parts
            else:
                listed, based = None, self._based_on.get(q, no_parts)
            _move(self._on_standard, q, self._based_on.get(q, no_parts), based, in_place=full)
            if based:
                self._based_on[q] = based
            else:
                self._based_on.pop(q, None)
            units = set(listed) if listed else {u for st in based for u in self._units_in.get(st, ())}
            if full:
                for u in units:
                    self.qualifications_of.setdefault(u, []).append(q)  # type: ignore[arg-type]
            else:
                for u in self.units_of.get(q, set()) ^ units:
                    rest = tuple(sorted(set(self.qualifications_of.get(u, ())) ^ {q}))
                    if rest:
                        self.qualifications_of[u] = rest
                    else:
                        self.qualifications_of.pop(u, None)
            if units:
                self.units_of[q] = units
            else:
                self.units_of.pop(q, None)
            if not (full or q in subjects):
                continue
            old_facts = self.qualifications.pop(q, None)
            levels = at_level.get(q)
            facts = QualificationFacts(_one(titles.get(q)), tuple(sorted(levels)), tuple(sorted(occupations.get(q, ()))),
                                       tuple(sorted(fields.get(q, ())))) if levels else None
            _move(self.at_level, q, frozenset(old_facts.levels if old_facts else ()),
                  frozenset(facts.levels if facts else ()), in_place=full)
            _move(self.by_occupation, q, frozenset(old_facts.occupations if old_facts else ()),
                  frozenset(facts.occupations if facts else ()), in_place=full)
            if facts is not None:
                self.qualifications[q] = facts
        if full:  # tuples of strings, which the collector stops tracking (210,000 units at a million triples)
            for name in ("qualifications_of", "_units_in", "_on_standard", "at_level", "by_occupation"):
                setattr(self, name, {k: tuple(sorted(v)) for k, v in getattr(self, name).items()})

    def _edges_of(self, d: str, decision: _Decision) -> list[tuple[str, _RawEdge]]:
        """The decision's edges, by the unit each is seen from, in :class:`Edge`'s order of fields."""
        source, target, target_standard, outcome, status = decision
        parts = self._part_of.get(source)
        source_standard = parts[0] if parts else None
        found: list[tuple[str, _RawEdge]] = [(source, (d, target, target_standard, outcome, status,
                                                      target_standard in self._regional, source_standard))]
        if target is not None:
            found.append((target, (d, source, source_standard or "", outcome, status,
                                   source_standard in self._regional, target_standard)))
        return found

    def _drop_edges(self, d: str, decision: _Decision) -> set[str]:
        units = {u for u in (decision[0], decision[1]) if u is not None}
        for unit in units:
            kept = tuple(e for e in self._edges.get(unit, ()) if e[0] != d)
            if kept:
                self._edges[unit] = kept
            else:
                self._edges.pop(unit, None)
        return units


def _edge_key(e: _RawEdge) -> tuple[str, str]:
    return (e[0], e[1] or "")


def _move(reverse: dict, item: str, old: frozenset[str], new: frozenset[str], *, in_place: bool) -> None:
    """Keep a reverse map (key -> items) in step when ``item``'s keys go from ``old`` to ``new``: sets added to in
    place while a new index is read (``in_place``), else replaced by sorted tuples, never changed."""
    if old == new:
        return
    for key in old - new:
        rest = set(reverse.get(key, ())) - {item}
        if rest:
            reverse[key] = tuple(sorted(rest))
        else:
            reverse.pop(key, None)
    for key in new - old:
        if in_place:
            reverse.setdefault(key, set()).add(item)
        else:
            reverse[key] = tuple(sorted({*reverse.get(key, ()), item}))


_INDEXES: PerStore[BenchmarkingIndex] = PerStore(BenchmarkingIndex)


def benchmarking_index(store: GraphStore) -> BenchmarkingIndex:
    """The store's current index, built on first use and brought up to date after each write (one at a time)."""
    return _INDEXES.get(store)
