"""The recognition pathway: everything that acts on one qualification for a destination country, on one page —
the "accessible one-stop shop" that ASEAN's employers' and workers' organisations asked for.

It gathers the destination's comparable levels and qualifications (:mod:`qualgraph.comparability`,
:mod:`.comparable`), the agreements that apply with their roadmap progress (:mod:`.agreements`), and says plainly
what is missing: a referencing without a level table, a destination framework without levels, units that nobody
has benchmarked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import ids
from ..comparability import Comparable, comparable_levels
from ..frameworks import framework_overview
from ..store import GraphStore
from .agreements import AgreementAnswer, applicable_agreements
from .comparable import ComparableQualification, comparable_qualifications
from .records import COUNTRY_RE, QualificationRecord, framework_jurisdictions


@dataclass
class Pathway:
    qualification: QualificationRecord
    origin: str | None
    to: str
    statuses: list[str]
    frameworks: list[str]
    levels: list[Comparable]
    qualifications: list[ComparableQualification]
    other_levels: list[ComparableQualification]
    agreements: list[AgreementAnswer]
    missing: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"qualification": self.qualification.id, "title": self.qualification.title,
                "record": self.qualification.to_json(), "from": self.origin, "to": self.to,
                "statuses": self.statuses, "frameworks": self.frameworks,
                "levels": [lv.to_json() for lv in self.levels],
                "qualifications": [c.to_json() for c in self.qualifications],
                "same_occupation_other_level": [c.to_json() for c in self.other_levels],
                "agreements": [a.to_json() for a in self.agreements], "missing": self.missing}


def recognition_pathway(store: GraphStore, qualification: str, to: str, *,
                        include: Iterable[str] = ()) -> Pathway:
    """The pathway of ``qualification`` (``FRAMEWORK:CODE``) to the country ``to`` (ISO 3166-1 alpha-2)."""
    include = list(include)
    if not COUNTRY_RE.match(to.strip()):
        raise ids.InvalidId(f"{to!r} is not a country: write its ISO 3166-1 alpha-2 code, e.g. TH or AU")
    to = to.strip().upper()
    answer = comparable_qualifications(store, qualification, in_=to, include=include)
    q = answer.qualification
    jurisdictions = framework_jurisdictions(store)
    origin = jurisdictions.get(q.framework, (None, None))[0]
    destination = sorted(s for s, (j, _) in jurisdictions.items() if j == to)
    agreements = applicable_agreements(store, q, origin, to, q.skills_areas)
    missing = _missing(store, q, origin, to, destination, answer.levels, answer.comparable, agreements,
                       answer.statuses, jurisdictions)
    return Pathway(q, origin, to, answer.statuses, destination, answer.levels, answer.comparable,
                   answer.other_levels, agreements, missing)


def _name(slug: str, jurisdictions: dict[str, tuple[str | None, str | None]]) -> str:
    title = jurisdictions.get(slug, (None, None))[1]
    return f"{title} ({slug})" if title else slug


def _linked(store: GraphStore, levels: list[str], target: str, statuses: list[str]) -> bool:
    """Whether a decision of a usable status links one of ``levels`` to a level of ``target``."""
    include = [s for s in statuses if s != "accepted"]
    return any(a.level is not None for lv in levels for a in comparable_levels(store, lv, to=target, include=include))


def _missing(store: GraphStore, q: QualificationRecord, origin: str | None, to: str, destination: list[str],
             levels: list[Comparable], comparable: list[ComparableQualification], agreements: list[AgreementAnswer],
             statuses: list[str], jurisdictions: dict[str, tuple[str | None, str | None]]) -> list[str]:
    """What the pathway cannot answer, said plainly."""
    missing: list[str] = []
    overview = {f.id: f for f in framework_overview(store)}
    if q.superseded:
        by = f", replaced by {', '.join(q.replaced_by)}" if q.replaced_by else ""
        missing.append(f"{q.id} is superseded{by}")
    if not destination:
        missing.append(f"no qualifications framework of {to} is recorded here")
    for slug in destination:
        if overview.get(slug) is not None and overview[slug].levels == 0:
            missing.append(f"{_name(slug, jurisdictions)} has no levels recorded here, so no level of it can be "
                           "compared")
    if not levels:
        own = overview.get(q.framework)
        for a in (own.alignments if own else []):
            if a.type == "referencing" and not _linked(store, q.levels, a.target, statuses):
                when = f" ({a.status} {a.date})" if a.date else f" ({a.status})"
                table = "level table" if statuses == ["accepted"] else f"level table ({', '.join(statuses)})"
                missing.append(f"{_name(q.framework, jurisdictions)} was referenced to {_name(a.target, jurisdictions)}"
                               f"{when} but no {table} is recorded here")
        kinds = " or ".join(statuses)
        missing.append(f"no {kinds} decision links {' or '.join(q.levels) or q.id} to a level of a framework of {to}")
    elif not comparable:
        missing.append(f"no qualification of {to} is recorded at the comparable level"
                       f"{'s' if len(levels) > 1 else ''} ({', '.join(a.level or '' for a in levels)})")
    if comparable and not any(c.units_matched for c in comparable):
        missing.append("no benchmarking of these units is recorded against the comparable qualifications' units")
    elif not comparable:
        missing.append(f"no benchmarking of {q.id}'s units against a standard of {to} is recorded")
    if not agreements:
        missing.append(f"no agreement recorded here names both {origin or q.framework} and {to} for this qualification")
    for a in agreements:
        if a.kind == "mrs-corridor":
            undone = [s.step for s in a.progress if s.status != "done"]
            if undone:
                missing.append(f"{a.agreement}: steps {', '.join(undone)} of the MRS roadmap are not recorded as done")
    return missing
