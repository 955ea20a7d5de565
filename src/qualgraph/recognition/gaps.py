"""Gap analysis between two competency standards: for each unit of one, whether and how a unit of the other
matches it — the "gap pillars" of the Mutual Recognition of Skills roadmap.

Each unit of ``from`` gets one outcome: ``equivalent``, ``partial``, ``no-counterpart`` (a decision says ``to``
has no such unit) or ``not-benchmarked`` (no usable decision relates it to ``to``: nobody has looked, which is a
different answer from "there is none"). The composition rules are in :mod:`.matching`. Then the units of ``to``
that no unit of ``from`` matches, and the counts per outcome.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from .. import ids
from ..queries import load_query, with_values
from ..store import GraphStore
from .matching import (
    OUTCOMES,
    Match,
    add_evidence,
    allowed_statuses,
    best_matches,
    overall_outcome,
    unit_id,
    unit_matches,
)


@dataclass
class UnitGap:
    unit: str
    title: str | None
    kind: str | None
    outcome: str
    matches: list[Match] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"unit": self.unit, "title": self.title, "kind": self.kind, "outcome": self.outcome,
                "matches": [m.to_json() for m in self.matches]}


@dataclass
class GapAnalysis:
    """The answer to "which units of ``from`` match, partly match or are missing in ``to``?"."""

    from_: str
    to: str
    from_title: str | None
    to_title: str | None
    units: list[UnitGap]
    unmatched: list[str]
    unmatched_titles: dict[str, str | None]
    statuses: list[str]

    @property
    def counts(self) -> dict[str, int]:
        return {o: sum(1 for u in self.units if u.outcome == o) for o in OUTCOMES}

    def to_json(self) -> dict[str, object]:
        return {"from": self.from_, "to": self.to, "from_title": self.from_title, "to_title": self.to_title,
                "statuses": self.statuses, "units": [u.to_json() for u in self.units], "unmatched": self.unmatched,
                "counts": self.counts}


@dataclass
class StandardUnits:
    title: str | None
    units: dict[str, tuple[str | None, str | None, str | None]]  # unit IRI -> (code, title, kind)


def standard_units(store: GraphStore, slugs: Iterable[str]) -> dict[str, StandardUnits]:
    """The standards that exist among ``slugs``, with their units (one query)."""
    iris = {str(ids.standard_iri(s)): s for s in slugs}
    found: dict[str, StandardUnits] = {}
    for r in store.select_values(with_values(load_query("standard-units"), "standard", [URIRef(i) for i in iris])):
        slug = iris[r["standard"]]
        entry = found.setdefault(slug, StandardUnits(r.get("standardTitle"), {}))
        if r.get("unit") and r["unit"] not in entry.units:
            entry.units[r["unit"]] = (r.get("code"), r.get("title"), r.get("kind"))
    return found


def unknown_standard(store: GraphStore, slug: str) -> ids.UnknownId:
    """The error for a standard id that names nothing, with the closest ids."""
    known = sorted(ids.record_id_of(r["standard"]) or r["standard"] for r in store.select_values(load_query("standards")))
    close = difflib.get_close_matches(slug, known, n=5, cutoff=0.4)
    return ids.UnknownId(f"no competency standard {slug!r}", close or known)


def gap_analysis(store: GraphStore, from_: str, to: str, *, include: Iterable[str] = ()) -> GapAnalysis:
    """How each unit of the standard ``from_`` is matched in the standard ``to`` (ids such as
    ``ph-tesda-masonry-nc2``), with route, path, statuses and sources; only accepted decisions unless
    ``include`` adds draft, superseded or illustrative ones."""
    from_, to = ids.check_slug(from_.strip().lower()), ids.check_slug(to.strip().lower())
    allowed = allowed_statuses(include)
    standards = standard_units(store, [from_, to])
    for slug in (from_, to):
        if slug not in standards:
            raise unknown_standard(store, slug)
    matches = unit_matches(store, standards[from_].units, allowed, to=str(ids.standard_iri(to)),
                           candidates=standards[to].units)
    to_units = standards[to].units
    units: list[UnitGap] = []
    for iri, (code, title, kind) in standards[from_].units.items():
        kept = best_matches(matches.get(iri, []))
        for m in kept:
            if m.unit is not None:
                target = str(ids.RecordId.parse(m.unit, "unit").unit_iri) if ":" in m.unit else None
                m.title = to_units.get(target, (None, None, None))[1] if target else None
        units.append(UnitGap(unit_id(iri), title, kind, overall_outcome(kept), kept))
    units.sort(key=lambda u: ids.natural_key(u.unit))
    add_evidence(store, [m for u in units for m in u.matches])
    matched = {m.unit for u in units for m in u.matches if m.unit is not None}
    unmatched = sorted((unit_id(i) for i in to_units if unit_id(i) not in matched), key=ids.natural_key)
    titles = {unit_id(i): t for i, (_, t, _) in to_units.items()}
    return GapAnalysis(from_, to, standards[from_].title, standards[to].title, units, unmatched,
                       {u: titles.get(u) for u in unmatched}, sorted(allowed))
