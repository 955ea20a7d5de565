"""The benchmarking decisions, as edges between units, the units of each qualification and the qualifications by
level and occupation, kept in memory: the part of the graph that gap analysis and comparable qualifications walk.

Why: each answer follows the decisions of a few dozen units, and of the regional units they meet at. Read from
the store, unit by unit, that is hundreds of index lookups on disk (~40 ms for 230 units at 50,000 units in
``bench/bench_recognition.py``); from this index it is a few dictionary lookups. Like the comparability index
(:mod:`qualgraph.comparability`), it is read with one query on first use, and again once the store was written
through qualgraph in a way that may change it (``GraphStore.writes_may_change``: a write to graphs that hold none
of what it reads, such as a framework's levels, leaves it as it is) or, on an external server, once older than
``derived_max_age``.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from ..queries import load_query
from ..store import GraphStore
from ..store.derived import PerStore
from ..vocab import DCTERMS, QG, RDF
from .records import select_rows


@dataclass(frozen=True)
class Edge:
    """One decision seen from one of its units."""

    decision: str
    other: str | None  # the unit at the other end; None for a no-counterpart decision
    other_standard: str  # the standard of ``other``, or the standard compared with
    outcome: str  # outcome IRI
    status: str  # status IRI
    regional: bool  # ``other_standard`` is a regional model standard
    unit_standard: str | None  # the standard of the unit the decision is seen from


@dataclass
class QualificationFacts:
    """What ranking reads of a candidate qualification (IRIs)."""

    title: str | None
    levels: set[str]
    occupations: set[str]
    fields: set[str]


class BenchmarkingIndex:
    """Every benchmarking decision, by unit, both ways round (a no-counterpart decision only from its own unit),
    which units make up which qualifications, and the qualifications by level and by occupation."""

    def __init__(self, store: GraphStore) -> None:
        started = time.perf_counter()
        self.generation = store.generation
        self.built_at = time.monotonic()
        self.max_age = store.derived_max_age
        props: dict[str, dict[str, str]] = defaultdict(dict)  # property -> decision -> value
        regional: set[str] = set()  # the regional model standards
        for r in select_rows(store, load_query("benchmarking-decisions")):
            if r["p"] == "regional":
                regional.add(r["s"])
            else:
                props[r["p"]][r["s"]] = r["o"]
        standard_of = props[str(DCTERMS.isPartOf)]
        source_units, target_units = props[str(QG.sourceUnit)], props[str(QG.targetUnit)]
        target_standards, outcomes, statuses = (props[str(QG.targetStandard)], props[str(QG.outcome)],
                                                props[str(QG.status)])
        self.edges: dict[str, list[Edge]] = defaultdict(list)
        seen: set[str] = set()
        for decision, source in source_units.items():
            if decision not in statuses or decision not in outcomes or decision not in target_standards:
                continue  # not a complete decision: the shapes say what is missing
            seen.add(decision)
            target, target_standard = target_units.get(decision), target_standards[decision]
            source_standard = standard_of.get(source)
            self.edges[source].append(Edge(decision, target, target_standard, outcomes[decision], statuses[decision],
                                           target_standard in regional, source_standard))
            if target is not None:
                self.edges[target].append(Edge(decision, source, source_standard or "", outcomes[decision],
                                               statuses[decision], source_standard in regional, target_standard))
        self.decisions = len(seen)
        # the units of every qualification (listed, or those of the standard it is based on), both ways round:
        # queries/qualification-units.rq with its VALUES line left a comment, so for every qualification
        self.units_of: dict[str, set[str]] = defaultdict(set)
        self.qualifications_of: dict[str, set[str]] = defaultdict(set)
        for r in select_rows(store, load_query("qualification-units")):
            self.units_of[r["qualification"]].add(r["unit"])
            self.qualifications_of[r["unit"]].add(r["qualification"])
        # every qualification with a level: queries/qualifications-at-levels.rq, its VALUES line left a comment
        self.qualifications: dict[str, QualificationFacts] = {}
        self.at_level: dict[str, set[str]] = defaultdict(set)
        self.by_occupation: dict[str, set[str]] = defaultdict(set)
        for r in select_rows(store, load_query("qualifications-at-levels")):
            iri = r["qualification"]
            facts = self.qualifications.get(iri)
            if facts is None:
                facts = self.qualifications[iri] = QualificationFacts(r.get("title"), set(), set(), set())
            facts.levels.add(r["level"])
            self.at_level[r["level"]].add(iri)
            if r.get("occupation"):
                facts.occupations.add(r["occupation"])
                self.by_occupation[r["occupation"]].add(iri)
            if r.get("field"):
                facts.fields.add(r["field"])
        self.subjects = frozenset([*seen, *self.qualifications])
        """The decisions and qualifications read: their status or title, written anywhere, changes the index."""
        self.graphs = frozenset(r["g"] for r in select_rows(store, load_query("benchmarking-graphs")))
        """The named graphs the index was read from."""
        self.seconds = time.perf_counter() - started

    def is_current(self, store: GraphStore) -> bool:
        """False once the store was written in a way that may change the index, or it outlived
        ``derived_max_age``."""
        if self.generation != store.generation:
            generation = store.generation
            if store.writes_may_change(self.generation, self.graphs, self._reads):
                return False
            self.generation = generation
        return self.max_age is None or time.monotonic() - self.built_at <= self.max_age

    def _reads(self, quad: ox.Quad) -> bool:
        """Whether the index reads ``quad`` (or would, once it is in the store)."""
        p = quad.predicate.value
        if p in _READ_PREDICATES:
            return True
        if p == _RDF_TYPE:
            return quad.object.value in _READ_TYPES
        return p in _READ_OF_SUBJECTS and getattr(quad.subject, "value", None) in self.subjects


_READ_PREDICATES = frozenset(str(p) for p in (QG.sourceUnit, QG.targetUnit, QG.targetStandard, QG.outcome,
                                              DCTERMS.isPartOf, QG.hasUnit, QG.basedOnStandard, QG.atLevel,
                                              QG.occupation, QG.fieldOfEducation))
_READ_TYPES = frozenset(str(c) for c in (QG.BenchmarkingDecision, QG.RegionalModelStandard, QG.Qualification))
_READ_OF_SUBJECTS = frozenset(str(p) for p in (QG.status, DCTERMS.title))
_RDF_TYPE = str(RDF.type)


_INDEXES: PerStore[BenchmarkingIndex] = PerStore(BenchmarkingIndex)


def benchmarking_index(store: GraphStore) -> BenchmarkingIndex:
    """The store's current index, built on first use and after each write (one build at a time)."""
    return _INDEXES.get(store)
