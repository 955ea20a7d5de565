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
