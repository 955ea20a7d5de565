"""Benchmarking decisions composed into unit matches: the rules that gap analysis and comparable qualifications
share, so the two answers never disagree.

* A decision is usable when its status is allowed (``accepted``, plus what ``include`` asks for).
* A ``direct`` decision relates the two units; ``equivalent`` and ``partial`` read both ways, ``no-counterpart``
  only from the unit it is about.
* A ``via-reference`` match goes through a unit of a regional model standard both units are benchmarked to
  (A ~ R ~ B). It is ``equivalent`` only when both hops are; any ``partial`` hop makes it ``partial``.
* For one unit and one other standard, a direct decision ranks above any derived match: when one exists, the
  derived ones are not used (a body decided it).

The decisions come from the in-memory index of :mod:`.index` (``queries/benchmarking-statements.rq``), so
following them costs dictionary lookups, not reads from the store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .. import ids
from ..queries import load_query, with_values
from ..store import GraphStore
from ..vocab import QG, QGS, STATUSES
from .index import Edge, benchmarking_index
from .records import iris

OUTCOMES = ("equivalent", "partial", "no-counterpart", "not-benchmarked")
_OUTCOME_RANK = {o: i for i, o in enumerate(OUTCOMES)}
_QG_OUTCOME = str(QG) + "outcome-"
_QGS = str(QGS)
_EQUIVALENT = str(QG["outcome-equivalent"])
_NO_COUNTERPART = str(QG["outcome-no-counterpart"])


def allowed_statuses(include: Iterable[str]) -> set[str]:
    """``accepted`` and the statuses ``include`` asks for; an unknown status is an error, as for levels."""
    allowed = {"accepted", *include}
    unknown = allowed - set(STATUSES)
    if unknown:
        raise ValueError(f"unknown status {', '.join(sorted(unknown))}; use {', '.join(STATUSES)}")
    return allowed


def outcome_name(iri: str | None) -> str:
    return iri[len(_QG_OUTCOME):] if iri and iri.startswith(_QG_OUTCOME) else "unknown"


def status_name(iri: str | None) -> str:
    return iri[len(_QGS):] if iri and iri.startswith(_QGS) else "unknown"


@lru_cache(maxsize=65536)
def unit_id(iri: str) -> str:
    """``STANDARD:CODE`` for a unit IRI (any record's id for its IRI); pure, and called for every row of a
    large answer, so cached."""
    return ids.record_id_of(iri) or iri


@dataclass
class Match:
    """One way a unit matches a unit of another standard (or a decision that it has no counterpart there)."""

    unit: str | None  # the matched unit's id (STANDARD:CODE); None for no-counterpart
    standard: str  # the id of the standard it was matched in
    outcome: str
    route: str
    via: list[str]
    decisions: list[str]
    statuses: list[str]
    sources: list[str] = field(default_factory=list)
    dates: list[str | None] = field(default_factory=list)
    title: str | None = None
    unit_iri: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"unit": self.unit, "standard": self.standard, "title": self.title, "outcome": self.outcome,
                "route": self.route, "via": self.via, "decisions": self.decisions, "statuses": self.statuses,
                "dates": self.dates, "sources": self.sources}


def unit_edges(store: GraphStore, units: Iterable[str], allowed: set[str]) -> dict[str, list[Edge]]:
    """The usable decisions of each unit (IRI), from its side (:mod:`.index`, in memory)."""
    index = benchmarking_index(store)
    found: dict[str, list[Edge]] = {}
    for unit in units:
        usable = [e for e in index.edges.get(unit, ()) if status_name(e.status) in allowed]
        if usable:
            found[unit] = usable
    return found


def unit_matches(store: GraphStore, units: Iterable[str], allowed: set[str], *, to: str | None = None,
                 candidates: Iterable[str] | None = None) -> dict[str, list[Match]]:
    """Every match of each unit (IRI): direct decisions and paths through a regional unit, before ranking.

    ``candidates`` (unit IRIs): only matches with these units, found from their decisions, joined with the
    units' own on the regional units; without them, from every unit benchmarked to the same regional units.
    ``to`` (a standard IRI): only matches in that standard (and decisions that it has no counterpart)."""
    units = list(units)
    edges = unit_edges(store, units, allowed)
    wanted = set(candidates) if candidates is not None else None
    # regional unit -> (unit on the other side, the decision seen from that side)
    through: dict[str, list[tuple[str, str, Edge]]] = defaultdict(list)  # + the other unit's standard
    if wanted is not None:
        for other, es in unit_edges(store, wanted, allowed).items():
            for e in es:
                if e.regional and e.other and e.outcome != _NO_COUNTERPART:
                    through[e.other].append((other, e.unit_standard or "", e))
    else:
        mids = {e.other for es in edges.values() for e in es
                if e.regional and e.other and e.outcome != _NO_COUNTERPART}
        for mid, es in (unit_edges(store, mids, allowed) if mids else {}).items():
            for e in es:
                if e.other and not e.regional and e.outcome != _NO_COUNTERPART:
                    through[mid].append((e.other, e.other_standard, e))
    found: dict[str, list[Match]] = defaultdict(list)
    for unit in units:
        for e in edges.get(unit, ()):
            in_scope = e.other_standard == to if to is not None else True
            if in_scope and (wanted is None or e.other is None or e.other in wanted):
                if e.other is None and to is None:
                    continue  # "no counterpart" answers a question about one standard only
                found[unit].append(Match(
                    unit_id(e.other) if e.other else None, unit_id(e.other_standard), outcome_name(e.outcome), "direct",
                    [unit_id(unit)] + ([unit_id(e.other)] if e.other else []), [e.decision], [status_name(e.status)],
                    unit_iri=e.other))
            if not (e.regional and e.other) or e.outcome == _NO_COUNTERPART:
                continue
            for other, standard, e2 in through.get(e.other, ()):
                if other == unit:
                    continue
                if to is not None and standard != to:
                    continue
                outcome = "equivalent" if e.outcome == e2.outcome == _EQUIVALENT else "partial"
                found[unit].append(Match(
                    unit_id(other), unit_id(standard), outcome, "via-reference",
                    [unit_id(unit), unit_id(e.other), unit_id(other)], [e.decision, e2.decision],
                    [status_name(e.status), status_name(e2.status)], unit_iri=other))
    return found


def best_matches(matches: list[Match]) -> list[Match]:
    """Per other standard: direct decisions if there are any, else the derived matches; best outcome first."""
    direct_to = {m.standard for m in matches if m.route == "direct"}
    kept = [m for m in matches if m.route == "direct" or m.standard not in direct_to]
    return sorted(kept, key=lambda m: (m.route != "direct", _OUTCOME_RANK[m.outcome], m.unit or ""))


def overall_outcome(matches: list[Match]) -> str:
    """The unit's outcome: the best of its matches, ``not-benchmarked`` when none."""
    return min((m.outcome for m in matches), key=_OUTCOME_RANK.__getitem__, default="not-benchmarked")


def add_evidence(store: GraphStore, matches: Iterable[Match]) -> None:
    """Fill in the sources and dates of the decisions behind the matches (one query)."""
    matches = list(matches)
    decisions = sorted({d for m in matches for d in m.decisions})
    if not decisions:
        return
    sources: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, str] = {}
    query = with_values(load_query("benchmarking-evidence"), "decision", iris(decisions))
    for r in store.select_values(query):
        if r.get("source"):
            sources[r["decision"]].add(r["source"])
        if r.get("date"):
            dates[r["decision"]] = r["date"]
    for m in matches:
        m.sources = sorted({s for d in m.decisions for s in sources.get(d, ())})
        m.dates = [dates.get(d) for d in m.decisions]
