"""The framework overview: what is in the graph, and how far each framework is referenced."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import ids
from .queries import load_query
from .store import GraphStore
from .vocab import QG, QGS

_KIND = {str(QG.NationalFramework): "national", str(QG.ReferenceFramework): "reference", str(QG.SectoralFramework): "sectoral"}


@dataclass
class Alignment:
    target: str
    type: str  # "referencing" or "comparison"
    status: str
    date: str | None
    decisions: int

    def summary(self) -> str:
        text = f"{self.target} {self.status}"
        if self.date:
            text += f" {self.date}"
        if self.type == "comparison":
            text = "compared with " + text
        if self.decisions == 0:
            text += " (no level table)"
        return text


@dataclass
class FrameworkSummary:
    id: str
    title: str | None
    kind: str
    jurisdiction: str | None
    levels: int
    alignments: list[Alignment] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "title": self.title, "kind": self.kind, "jurisdiction": self.jurisdiction,
            "levels": self.levels,
            "referencing": [a.__dict__ for a in self.alignments],
        }


def framework_overview(store: GraphStore) -> list[FrameworkSummary]:
    """Every framework with its level count and its referencing / comparison reports."""
    summaries: dict[str, FrameworkSummary] = {}
    for r in store.select_values(load_query("frameworks")):
        fid = str(r["id"])
        summaries[str(r["framework"])] = FrameworkSummary(
            id=fid, title=r["title"] if "title" in r else None, kind=_KIND.get(str(r.get("kind")), "other"),
            jurisdiction=r["jurisdiction"] if "jurisdiction" in r else None, levels=int(r["levels"]),
        )
    for r in store.select_values(load_query("framework-alignments")):
        summary = summaries.get(str(r["source"]))
        if summary is None:
            continue
        status = str(r.get("status", ""))
        summary.alignments.append(Alignment(
            target=ids.framework_slug_of(str(r["target"])) or str(r["target"]),
            type="referencing" if str(r["type"]) == str(QG.ReferencingReport) else "comparison",
            status=status[len(str(QGS)):] if status.startswith(str(QGS)) else (status or "unknown"),
            date=str(r["date"]) if "date" in r else None,
            decisions=int(r["decisions"]),
        ))
    return sorted(summaries.values(), key=lambda s: (s.kind != "reference", s.id))




def _properties(store: GraphStore, iri: str) -> dict[str, list[str]]:
    from rdflib import URIRef

    props: dict[str, list[str]] = {}
    for r in store.select_values(load_query("describe-resource"), {"s": URIRef(iri)}):
        props.setdefault(r["p"], []).append(r["o"])
    return props


def _strip(iri: str | None) -> str | None:
    return iri[len(str(QGS)):] if iri and iri.startswith(str(QGS)) else iri


def framework_detail(store: GraphStore, slug: str) -> dict[str, object]:
    """One framework: its overview line, its levels in rank order, and its sources."""
    from rdflib import URIRef

    from .vocab import DCTERMS, SKOS

    summary = next((f for f in framework_overview(store) if f.id == slug), None)
    if summary is None:
        import difflib

        known = [f.id for f in framework_overview(store)]
        raise ids.UnknownId(f"no framework {slug!r}", difflib.get_close_matches(slug, known, n=3, cutoff=0.4) or known)
    iri = ids.framework_iri(slug)
    levels: dict[str, dict[str, object]] = {}
    for r in store.select_values(load_query("framework-levels"), {"framework": URIRef(iri)}):
        entry = levels.setdefault(r["level"], {
            "id": ids.level_id_of(r["level"]) or r["level"], "iri": r["level"], "notation": r.get("notation"),
            "rank": int(r["rank"]) if "rank" in r else None, "labels": {},
        })
        if "label" in r:
            entry["labels"][r.get("lang") or ""] = r["label"]  # type: ignore[index]
    props = _properties(store, str(iri))
    return summary.to_json() | {
        "level_count": summary.levels,
        "iri": str(iri),
        "alt_labels": props.get(str(SKOS.altLabel), []),
        "publisher": props.get(str(DCTERMS.publisher), []),
        "sources": sorted(props.get(str(DCTERMS.source), [])),
        "notes": props.get(str(SKOS.note), []) + props.get(str(SKOS.scopeNote), []),
        "levels": list(levels.values()),
    }


def level_detail(store: GraphStore, level: "ids.LevelId | str") -> dict[str, object]:
    """One level: framework, notation, rank, labels, descriptors, sources, and the decisions that involve it."""
    from .comparability import _unknown_level  # one place decides what "closest ids" are
    from .vocab import DCTERMS, QG, RDF, SKOS

    level = ids.LevelId.parse(level) if isinstance(level, str) else level
    props = _properties(store, str(level.iri))
    if str(SKOS.inScheme) not in props:
        raise _unknown_level(store, level)
    labels: dict[str, str] = {}
    for r in store.select_values(load_query("level"), {"level": level.iri}):
        if "label" in r:
            labels[r.get("lang") or ""] = r["label"]
    descriptors = []
    for d in props.get(str(QG.hasDescriptor), []):
        dp = _properties(store, d)
        descriptors.append({
            "domain": (dp.get(str(QG.descriptorDomain)) or [None])[0],
            "text": (dp.get(str(RDF.value)) or [None])[0],
        })
    decisions = []
    for r in store.select_values(load_query("level-decisions"), {"level": level.iri}):
        decisions.append({
            "decision": r["c"],
            "type": "referencing" if r["type"] == str(QG.ReferencingDecision) else "comparison",
            "source_level": ids.level_id_of(r["src"]) or r["src"],
            "target_level": (ids.level_id_of(r["tgt"]) or r["tgt"]) if "tgt" in r else None,
            "target_framework": ids.framework_slug_of(r["tgtFw"]) or r["tgtFw"],
            "status": _strip(r.get("status")),
            "date": r.get("date"),
        })
    return {
        "id": str(level),
        "iri": str(level.iri),
        "framework": level.framework,
        "notation": (props.get(str(SKOS.notation)) or [level.notation])[0],
        "rank": int(props[str(QG.rank)][0]) if str(QG.rank) in props else None,
        "labels": labels,
        "descriptors": descriptors,
        "sources": sorted(props.get(str(DCTERMS.source), [])),
        "decisions": decisions,
    }
