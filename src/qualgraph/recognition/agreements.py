"""The agreements that act on a qualification between two countries, and how far along they are.

An agreement applies when

* an MRA: both countries are parties, and its occupations include the qualification's (ISCO-08 codes compared
  by group: the MRA's ``214`` includes a civil engineer's ``2142``);
* an MRS corridor: both countries are parties, for the qualification's occupation or for a skills area of the
  standard it is based on; its roadmap progress comes with it;
* guiding principles, a trade agreement, a labour-mobility scheme or a framework arrangement: both countries
  are parties.

Each answer says why in a sentence (``why``), so a worker or an officer can check it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef

from .. import ids
from ..queries import load_query, with_values
from ..store import GraphStore
from ..vocab import DCTERMS, QG
from .matching import status_name
from .records import ISCO, QualificationRecord, code_of, concept_labels

KINDS = {str(QG.MutualRecognitionArrangement): "mra", str(QG.MRSCorridor): "mrs-corridor",
         str(QG.GuidingPrinciples): "guiding-principles", str(QG.TradeAgreement): "trade-agreement",
         str(QG.LabourMobilityScheme): "labour-mobility-scheme", str(QG.FrameworkArrangement): "framework-arrangement"}
_KIND_ORDER = ["mra", "mrs-corridor", "guiding-principles", "trade-agreement", "labour-mobility-scheme",
               "framework-arrangement"]
_PROPS = {str(DCTERMS.title): "title", str(QG.partyCountry): "countries", str(QG.partyBody): "bodies",
          str(QG.occupation): "occupations", str(QG.skillsArea): "skills_areas", str(QG.signed): "signed",
          str(QG.inForce): "in_force", str(QG.status): "status", str(QG.register): "register",
          str(QG.hasRoadmap): "roadmap", str(DCTERMS.source): "sources", str(DCTERMS.description): "description",
          str(QG.signedAt): "place"}


@dataclass
class Agreement:
    iri: str
    kind: str
    values: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def one(self, key: str) -> str | None:
        return self.values[key][0] if self.values.get(key) else None

    @property
    def id(self) -> str:
        return ids.record_id_of(self.iri) or self.iri


@dataclass
class StepProgress:
    step: str
    label: str | None
    status: str  # done, in-progress, planned, or "not recorded"
    date: str | None = None
    note: str | None = None
    sources: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"step": self.step, "label": self.label, "status": self.status, "date": self.date, "note": self.note,
                "sources": self.sources}


@dataclass
class AgreementAnswer:
    agreement: str
    kind: str
    title: str | None
    parties: list[str]
    why: str
    status: str | None
    signed: str | None
    in_force: str | None
    register: str | None
    description: str | None
    progress: list[StepProgress]
    sources: list[str]

    def to_json(self) -> dict[str, object]:
        return {"agreement": self.agreement, "kind": self.kind, "title": self.title, "parties": self.parties,
                "why": self.why, "status": self.status, "signed": self.signed, "in_force": self.in_force,
                "register": self.register, "description": self.description,
                "progress": [p.to_json() for p in self.progress], "sources": self.sources}


def all_agreements(store: GraphStore) -> list[Agreement]:
    """Every agreement in the store, with the properties the pathway reads."""
    found: dict[str, Agreement] = {}
    for r in store.select_values(load_query("agreements")):
        a = found.setdefault(r["agreement"], Agreement(r["agreement"], KINDS[r["kind"]]))
        key = _PROPS[r["p"]]
        if r["o"] not in a.values[key]:
            a.values[key].append(r["o"])
    return sorted(found.values(), key=lambda a: (_KIND_ORDER.index(a.kind), a.id))


def roadmap_progress(store: GraphStore, agreements: list[str]) -> dict[str, list[StepProgress]]:
    """Each agreement's roadmap steps in order, with what is recorded of its progress on each."""
    steps: dict[str, dict[str, StepProgress]] = defaultdict(dict)
    if not agreements:
        return {}
    query = with_values(load_query("roadmap-progress"), "agreement", [URIRef(a) for a in agreements])
    for r in store.select_values(query):
        notation = r.get("notation") or r["step"].rsplit("/", 1)[-1]
        s = steps[r["agreement"]].setdefault(notation, StepProgress(notation, r.get("label"), "not recorded"))
        if r.get("status"):
            s.status, s.date, s.note = r["status"], r.get("date"), r.get("note")
            if r.get("source") and r["source"] not in s.sources:
                s.sources.append(r["source"])
    return {a: sorted(by_step.values(), key=lambda s: ids.natural_key(s.step)) for a, by_step in steps.items()}


def _isco_overlap(mine: list[str], theirs: list[str]) -> list[tuple[str, str]]:
    """Pairs (mine, theirs) where one ISCO-08 code is the other or a group containing it."""
    return [(m, t) for m in mine for t in theirs if m.startswith(t) or t.startswith(m)]


def applicable_agreements(store: GraphStore, q: QualificationRecord, origin: str | None, to: str,
                          skills_areas: list[str] | None = None) -> list[AgreementAnswer]:
    """The agreements that apply to ``q``'s holder going from ``origin`` to ``to`` (ISO 3166-1 alpha-2 codes)."""
    answers: list[tuple[Agreement, str]] = []
    areas = {a.lower() for a in (skills_areas or [])}
    agreements = all_agreements(store)
    codes = set(q.occupations) | {code_of(o, ISCO) for a in agreements for o in a.values.get("occupations", [])}
    names = concept_labels(store, [ISCO + c for c in codes])

    def named(code: str) -> str:
        return f"{names[ISCO + code]} (ISCO {code})" if ISCO + code in names else f"ISCO {code}"

    for a in agreements:
        countries = set(a.values.get("countries", []))
        both = {to} | ({origin} if origin else set())
        if not both <= countries:
            continue
        pair = f"{origin} and {to} are both parties" if origin else f"{to} is a party"
        occupations = [code_of(o, ISCO) for o in a.values.get("occupations", [])]
        overlap = _isco_overlap(q.occupations, occupations)
        if a.kind == "mra":
            if not overlap:
                continue
            mine, theirs = overlap[0]
            inside = f"{named(mine)} in {named(theirs)}" if mine != theirs else named(mine)
            why = f"its occupations include the qualification's ({inside}); {pair}"
        elif a.kind == "mrs-corridor":
            shared = sorted(areas & {s.lower() for s in a.values.get("skills_areas", [])})
            if overlap:
                mine, theirs = overlap[0]
                why = f"a corridor for the qualification's occupation ({named(mine)}); {pair}"
            elif shared:
                why = f"a corridor for its skills area ({', '.join(shared)}); {pair}"
            else:
                continue
        else:
            why = f"{pair}"
        answers.append((a, why))
    progress = roadmap_progress(store, [a.iri for a, _ in answers if a.values.get("roadmap")])
    return [AgreementAnswer(
        agreement=a.id, kind=a.kind, title=a.one("title"),
        parties=sorted(a.values.get("countries", [])) + sorted(ids.record_id_of(b) or b for b in a.values.get("bodies", [])),
        why=why, status=status_name(a.one("status")) if a.one("status") else None, signed=a.one("signed"),
        in_force=a.one("in_force"), register=a.one("register"), description=a.one("description"),
        progress=progress.get(a.iri, []), sources=sorted(a.values.get("sources", [])),
    ) for a, why in answers]
