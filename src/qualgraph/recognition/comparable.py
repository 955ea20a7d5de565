"""Comparable qualifications: which qualifications elsewhere compare to this one, ranked, and why.

Candidates are the qualifications at a level comparable to one of the qualification's levels (the level
derivation of :mod:`qualgraph.comparability`, accepted decisions only unless ``include`` asks for more). They are
ranked by, in this order:

1. the same ISCO-08 unit group (4-digit code);
2. the share of the qualification's units that the candidate's units match (gap analysis rules, :mod:`.matching`:
   equivalent counts 1, partial ½);
3. the same ISCED-F detailed field (4-digit code);
4. the level answer's strength: ``one-to-one`` before ``partial``.

``score`` is that key, component by component, so a reader sees exactly why one candidate ranks above another;
``reasons`` says the same in sentences. Qualifications of the same occupation at a level that is not comparable
are listed apart ("same occupation, other level"), never dropped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .. import ids
from ..comparability import Comparable, comparable_levels
from ..store import GraphStore
from .index import QualificationFacts, benchmarking_index
from .matching import Match, allowed_statuses, unit_id, unit_matches
from .records import (
    ISCED_F,
    ISCO,
    QualificationRecord,
    Scope,
    concept_labels,
    read_qualification,
    read_scope,
)

_OUTCOME_VALUE = {"equivalent": 1.0, "partial": 0.5}
FEW_CANDIDATES = 100
"""Up to this many candidates their units are read (a few rows each); beyond, the matches of the
qualification's own units are read and traced back to their qualifications. Both give the same answer."""


@dataclass
class ComparableQualification:
    qualification: str
    title: str | None
    level: str
    score: list[float]
    reasons: list[str]
    same_occupation: bool
    units_matched: float
    units_total: int
    strength: str | None = None
    route: str | None = None
    via: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"qualification": self.qualification, "title": self.title, "level": self.level, "score": self.score,
                "reasons": self.reasons, "strength": self.strength, "route": self.route, "via": self.via,
                "units_matched": self.units_matched, "units_total": self.units_total, "sources": self.sources}


@dataclass
class ComparableAnswer:
    qualification: QualificationRecord
    scope: str | None
    statuses: list[str]
    comparable: list[ComparableQualification]
    other_levels: list[ComparableQualification]
    levels: list[Comparable]

    def to_json(self) -> dict[str, object]:
        return {"qualification": self.qualification.id, "title": self.qualification.title, "in": self.scope,
                "statuses": self.statuses, "levels": [lv.to_json() for lv in self.levels],
                "comparable": [c.to_json() for c in self.comparable],
                "same_occupation_other_level": [c.to_json() for c in self.other_levels]}


def _levels_in_scope(store: GraphStore, q: QualificationRecord, scope: Scope, include: Iterable[str]) -> list[Comparable]:
    answers: list[Comparable] = []
    for level in q.levels:
        for a in comparable_levels(store, level, include=include):
            if a.level is not None and a.framework != q.framework and a.framework in scope:
                answers.append(a)
    return answers


@lru_cache(maxsize=65536)
def _level_id(iri: str) -> str:
    return ids.level_id_of(iri) or iri


def _facts(facts: QualificationFacts) -> dict[str, object]:
    """A candidate as ``describe`` reads it: its title, ISCO-08 and ISCED-F codes (its levels added by the caller)."""
    return {"levels": set(), "title": facts.title, "isco": facts.codes(ISCO, "occupations"),
            "isced": facts.codes(ISCED_F, "fields")}


def _units(store: GraphStore, qualifications: list[str]) -> dict[str, set[str]]:
    """Qualification IRI -> its units (:mod:`.index`, in memory)."""
    index = benchmarking_index(store)
    return {q: index.units_of[q] for q in qualifications if q in index.units_of}


def _qualifications_of(store: GraphStore, units: set[str]) -> dict[str, set[str]]:
    """Qualification IRI -> those of ``units`` that belong to it (:mod:`.index`, in memory)."""
    index = benchmarking_index(store)
    found: dict[str, set[str]] = defaultdict(set)
    for unit in units:
        for q in index.qualifications_of.get(unit, ()):
            found[q].add(unit)
    return found


@lru_cache(maxsize=65536)
def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    return ids.natural_key(text)


def _targets(matches: dict[str, list[Match]]) -> dict[str, dict[str, list[tuple[str, bool, float]]]]:
    """Own unit -> matched unit IRI -> (standard, direct?, value) for each way it matches: the matches turned
    round, so that a candidate's share is a few lookups per unit of the candidate."""
    found: dict[str, dict[str, list[tuple[str, bool, float]]]] = {}
    for unit, ms in matches.items():
        by_target: dict[str, list[tuple[str, bool, float]]] = defaultdict(list)
        for m in ms:
            if m.unit_iri:
                by_target[m.unit_iri].append((m.standard, m.route == "direct", _OUTCOME_VALUE.get(m.outcome, 0.0)))
        found[unit] = by_target
    return found


def _unit_share(own: set[str], targets: dict[str, dict[str, list[tuple[str, bool, float]]]],
                candidate: set[str]) -> tuple[float, int, int]:
    """(score, equivalent, partial): how the candidate's units cover the qualification's units. Per unit, the
    best match among the candidate's units, a direct decision ranking above derived matches in the same
    standard (the rule of :func:`.matching.best_matches`)."""
    score, eq, part = 0.0, 0, 0
    if not candidate:
        return score, eq, part
    for u in own:
        by_target = targets.get(u)
        if not by_target:
            continue
        direct: dict[str, float] = {}
        derived: dict[str, float] = {}
        for c in candidate:
            for standard, is_direct, value in by_target.get(c, ()):
                into = direct if is_direct else derived
                into[standard] = max(into.get(standard, 0.0), value)
        best = max([*direct.values(), *(v for s, v in derived.items() if s not in direct), 0.0])
        score += best
        eq += best == 1.0
        part += best == 0.5
    return score, eq, part


_NONE: frozenset[str] = frozenset()


def _rank(c: ComparableQualification) -> tuple[float, float, float, float, tuple[tuple[int, int | str], ...]]:
    """Highest score first, then by id."""
    s = c.score
    return (-s[0], -s[1], -s[2], -s[3], _natural(c.qualification))


def _level_reason(a: Comparable) -> str:
    status = sorted(set(a.statuses) - {"accepted"})
    note = f" ({', '.join(status)})" if status else ""
    return f"level: {' ≡ '.join(a.via)}, {a.strength}{note}"


def comparable_qualifications(store: GraphStore, qualification: str, *, in_: str | None = None,
                              include: Iterable[str] = ()) -> ComparableAnswer:
    """Qualifications comparable to ``qualification`` (``FRAMEWORK:CODE``), in ``in_`` (a framework id or a country
    code) or anywhere else, ranked with their reasons."""
    include = list(include)
    allowed = allowed_statuses(include)
    q = read_qualification(store, qualification)
    scope = read_scope(store, in_)
    levels = _levels_in_scope(store, q, scope, include)
    by_level: dict[str, Comparable] = {}
    for a in levels:
        lid = a.level  # already written framework:notation
        if lid not in by_level or (a.strength == "one-to-one" and by_level[lid].strength != "one-to-one"):
            by_level[lid] = a
    index = benchmarking_index(store)
    candidates: dict[str, dict[str, object]] = {}
    for lid in by_level:
        for iri in index.at_level.get(str(ids.LevelId.parse(lid).iri), ()):
            facts = index.qualifications[iri]
            c = candidates.setdefault(iri, _facts(facts))
            c["levels"].add(lid)  # type: ignore[union-attr]
    candidates.pop(q.iri, None)
    # same occupation, other level
    others: dict[str, dict[str, object]] = {}
    for occupation in q.occupations:
        for iri in index.by_occupation.get(ISCO + occupation, ()):
            if iri == q.iri or iri in candidates or iri in others:
                continue
            facts = index.qualifications[iri]
            levels = {_level_id(lv) for lv in facts.levels}
            levels = {lv for lv in levels if lv.split(":", 1)[0] in scope
                      and not (scope.frameworks is None and lv.split(":", 1)[0] == q.framework)}
            if levels:
                o = others[iri] = _facts(facts)
                o["levels"] = levels
    own = _units(store, [q.iri]).get(q.iri, set())
    matches: dict[str, list] = {}
    units: dict[str, set[str]] = {}
    if own and len(candidates) + len(others) <= FEW_CANDIDATES:
        # few candidates: read their units and the decisions on both sides, joined on the regional units
        units = _units(store, [*candidates, *others])
        matches = unit_matches(store, own, allowed, candidates={u for us in units.values() for u in us})
    elif own:
        # many (every framework): read what the qualification's units match, then whose units those are
        matches = unit_matches(store, own, allowed)
        units = _qualifications_of(store, {m.unit_iri for ms in matches.values() for m in ms if m.unit_iri})

    targets = _targets(matches)
    names = concept_labels(store, [ISCO + c for c in q.occupations] + [ISCED_F + f for f in q.fields])

    def _named(base: str, code: str, scheme: str) -> str:
        name = names.get(base + code)
        return f"{name} ({scheme} {code})" if name else f"{scheme} {code}"

    level_reasons: dict[int, str] = {}  # one sentence per level answer, shared by its many candidates
    own_occupations = frozenset(q.occupations)
    own_fields = frozenset(f for f in q.fields if len(f) == 4)  # ISCED-F detailed fields

    def describe(iri: str, c: dict[str, object], level_answer: Comparable | None) -> ComparableQualification:
        isco = own_occupations.intersection(c["isco"])  # type: ignore[arg-type]
        isced = own_fields.intersection(c["isced"])  # type: ignore[arg-type]
        share, eq, part = _unit_share(own, targets, units.get(iri, _NONE))
        levels_of: set[str] = c["levels"]  # type: ignore[assignment]
        level = next(iter(levels_of)) if len(levels_of) == 1 else min(levels_of, key=_natural)
        reasons = []
        if isco:
            reasons.append("same occupation: " + ", ".join(_named(ISCO, code, "ISCO") for code in sorted(isco)))
        if level_answer is not None:
            reason = level_reasons.get(id(level_answer))
            if reason is None:
                reason = level_reasons[id(level_answer)] = _level_reason(level_answer)
            reasons.append(reason)
        if own:
            matched = eq + part
            detail = f" ({eq} equivalent, {part} partial)" if part else ""
            reasons.append(f"{matched} of {len(own)} units matched{detail}" if matched
                           else f"0 of {len(own)} units matched: no benchmarking that relates {q.id}'s units to "
                                "its units is recorded")
        if isced:
            reasons.append("same field of education: "
                           + ", ".join(_named(ISCED_F, code, "ISCED-F") for code in sorted(isced)))
        strength = level_answer.strength if level_answer is not None else None
        return ComparableQualification(
            qualification=unit_id(iri), title=c["title"], level=level,  # type: ignore[arg-type]
            score=[1.0 if isco else 0.0, round(share / len(own), 3) if own else 0.0, 1.0 if isced else 0.0,
                   1.0 if strength == "one-to-one" else 0.5 if strength == "partial" else 0.0],
            reasons=reasons, same_occupation=bool(isco), units_matched=share, units_total=len(own),
            strength=strength, route=level_answer.route if level_answer else None,
            via=level_answer.via if level_answer else [],
            sources=level_answer.sources if level_answer else [])

    ranked = []
    for iri, c in candidates.items():
        levels_of = c["levels"]
        if len(levels_of) == 1:  # type: ignore[arg-type]
            answer = by_level[next(iter(levels_of))]  # type: ignore[call-overload]
        else:
            answer = min((by_level[lv] for lv in levels_of), key=lambda a: a.strength != "one-to-one")  # type: ignore[union-attr]
        ranked.append(describe(iri, c, answer))
    ranked.sort(key=_rank)
    apart = [describe(iri, o, None) for iri, o in others.items()]
    for a in apart:
        a.reasons.insert(1, f"same occupation, other level: {a.level} is not comparable to "
                            f"{' or '.join(q.levels) or 'its level'} here")
    apart.sort(key=_rank)
    return ComparableAnswer(q, in_, sorted(allowed), ranked, apart, sorted(by_level.values(), key=lambda a: (a.framework, ids.natural_key(a.level or ""))))
