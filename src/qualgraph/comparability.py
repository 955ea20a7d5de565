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
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import URIRef

from . import ids
from .queries import load_query, with_values
from .store import GraphStore
from .vocab import QGS, STATUSES

ROUTES = ("direct", "via-reference", "via-reference-comparison")
_ROUTE_RANK = {r: i for i, r in enumerate(ROUTES)}
_QGS = str(QGS)


class UnknownLevel(LookupError):
    """The asked framework or level is not in the graph; ``suggestions`` holds the closest ids."""

    def __init__(self, message: str, suggestions: list[str]) -> None:
        super().__init__(message)
        self.suggestions = suggestions


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


def _paths(store: GraphStore, level: URIRef) -> list[_Path]:
    paths = []
    # ?level is bound by VALUES in each branch, not by substitution: Oxigraph plans a VALUES-bound variable
    # as known, and a substituted one as unknown (3x slower here, see bench/README.md)
    for r in store.select_values(with_values(load_query("comparable-levels"), "level", [level])):
        hops = [k for k in ("c1", "c2", "c3") if k in r]
        levels = tuple(str(r[k]) for k in ("level", "r1", "r2", "target") if k in r)
        paths.append(_Path(
            route=r["route"], levels=levels, target=r.get("target"), target_framework=r["targetFw"],
            decisions=tuple(r[k] for k in hops), statuses=tuple(_status(r.get("s" + k[1])) for k in hops),
        ))
    return paths


def _partial_decisions(store: GraphStore, levels: set[str], allowed: set[str]) -> set[str]:
    """Decisions (among usable ones) whose one end meets several levels of the other end's framework."""
    if not levels:
        return set()
    rows = store.select_values(with_values(load_query("level-edges"), "lvl", [URIRef(x) for x in sorted(levels)]))
    partners: dict[tuple[str, str], set[str]] = defaultdict(set)  # (level, other framework) -> other levels
    edges: dict[str, tuple[str, str]] = {}
    for r in rows:
        if _status(r["status"]) not in allowed or "tgt" not in r:
            continue
        src, tgt = r["src"], r["tgt"]
        edges[r["c"]] = (src, tgt)
        partners[(src, _framework_of_level(tgt))].add(tgt)
        partners[(tgt, _framework_of_level(src))].add(src)
    return {
        c for c, (src, tgt) in edges.items()
        if len(partners[(src, _framework_of_level(tgt))]) > 1 or len(partners[(tgt, _framework_of_level(src))]) > 1
    }


@lru_cache(maxsize=65536)
def _framework_of_level(iri: str) -> str:
    lid = ids.level_id_of(iri)
    return lid.split(":", 1)[0] if lid else iri


def _evidence(store: GraphStore, things: set[str]) -> tuple[dict[str, set[str]], dict[str, str], dict[str, str]]:
    """Sources and dates of decisions, labels (English preferred) of levels."""
    sources: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, str] = {}
    labels: dict[str, str] = {}
    english: set[str] = set()
    if not things:
        return sources, dates, labels
    for r in store.select_values(with_values(load_query("evidence"), "x", [URIRef(x) for x in sorted(things)])):
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
    """Raise UnknownLevel with the closest ids when no framework has this id."""
    from .loading.catalogue import Catalogue

    cat = Catalogue.from_store(store)
    if slug not in cat.frameworks:
        close = difflib.get_close_matches(slug, list(cat.frameworks), n=3, cutoff=0.4)
        raise UnknownLevel(f"no framework {slug!r}", close or sorted(cat.frameworks))


def _unknown_level(store: GraphStore, level: ids.LevelId) -> UnknownLevel:
    from .loading.catalogue import Catalogue

    cat = Catalogue.from_store(store)
    if level.framework not in cat.frameworks:
        close = difflib.get_close_matches(level.framework, list(cat.frameworks), n=3, cutoff=0.4)
        return UnknownLevel(f"no framework {level.framework!r}", [f"{c}:{level.notation}" for c in close] or sorted(cat.frameworks))
    known = sorted(f"{level.framework}:{n}" for n in cat.levels.get(level.framework, set()))
    close = difflib.get_close_matches(str(level), known, n=3, cutoff=0.4)
    return UnknownLevel(f"{level.framework} has no level {level.notation!r}", close or known)


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

    paths = [p for p in _paths(store, level.iri) if all(s in allowed for s in p.statuses)]
    if not paths and not store.select_values(load_query("level"), {"level": level.iri}):
        raise _unknown_level(store, level)
    if to is not None:
        paths = [p for p in paths if _framework_id(p.target_framework) == to]
        if not paths:
            check_framework(store, to)
    paths = _most_direct(paths)

    partial = _partial_decisions(store, {lv for p in paths for lv in p.levels}, allowed)
    sources, dates, labels = _evidence(store, {d for p in paths for d in p.decisions} | {p.target for p in paths if p.target})

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
    return sorted(answers, key=lambda a: (_ROUTE_RANK[a.route], a.framework, _natural(a.level)))


def _most_direct(paths: list[_Path]) -> list[_Path]:
    """Per target framework, only the paths of the most direct route found."""
    best: dict[str, int] = {}
    for p in paths:
        best[p.target_framework] = min(best.get(p.target_framework, 99), _ROUTE_RANK[p.route])
    return [p for p in paths if _ROUTE_RANK[p.route] == best[p.target_framework]]


def _preference(a: Comparable) -> tuple[int, int, tuple[str, ...]]:
    return (0 if a.strength == "one-to-one" else 1, len(a.via), tuple(a.decisions))


def _natural(level: str | None) -> tuple[int, str]:
    if level is None:
        return (10**6, "")
    notation = level.split(":", 1)[1]
    return (int(notation), "") if notation.isdigit() else (10**5, notation)
