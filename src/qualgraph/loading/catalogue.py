"""What frameworks, levels and descriptor domains exist, in the store and in the files of the current load.

Templates may refer to frameworks, levels and descriptor domains that are already in the store or that come in the
same load, so they are checked against this catalogue instead of against their own file only.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import pyoxigraph as ox

from .. import ids
from ..queries import load_query
from ..store import GraphStore
from ..vocab import ORG, QG, RDF, SKOS

_TYPE = str(RDF.type)
_IN_SCHEME = str(SKOS.inScheme)
_REFERENCE = str(QG.ReferenceFramework)
_SOURCE_FW = str(QG.sourceFramework)
_TARGET_FW = str(QG.targetFramework)
_FRAMEWORK_TYPES = {str(QG.QualificationsFramework), str(QG.NationalFramework), _REFERENCE, str(QG.SectoralFramework)}
_HAS_ROADMAP = str(QG.hasRoadmap)
_DOMAIN = str(QG.DescriptorDomain)
RECORD_KINDS: dict[str, str] = {
    str(ORG.Organization): "organisation", str(QG.CompetencyStandard): "standard",
    str(QG.NationalStandard): "standard", str(QG.SectoralStandard): "standard",
    str(QG.RegionalModelStandard): "standard", str(QG.UnitOfCompetency): "unit", str(QG.Qualification): "qualification",
    str(QG.Agreement): "agreement", str(QG.MutualRecognitionArrangement): "agreement", str(QG.MRSCorridor): "agreement",
    str(QG.GuidingPrinciples): "agreement", str(QG.TradeAgreement): "agreement",
    str(QG.LabourMobilityScheme): "agreement", str(QG.FrameworkArrangement): "agreement",
    str(QG.RoadmapStep): "step",
}
"""The classes of the records the recognition templates name (queries/recognition-catalogue.rq lists the same)."""


@dataclass
class Catalogue:
    frameworks: dict[str, bool] = field(default_factory=dict)  # slug -> is a reference framework
    levels: dict[str, set[str]] = field(default_factory=dict)  # slug -> notations
    domains: set[str] = field(default_factory=set)  # IRIs of declared descriptor domains: framework/{slug}/domain/{d}
    domain_labels: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    """(domain IRI, language) -> the file (or sheet) and row of this load that name it: one name per language (SKOS)."""
    alignments: set[tuple[str, str]] = field(default_factory=set)  # (source slug, target slug) with a report node
    records: dict[str, str] = field(default_factory=dict)  # IRI -> kind: organisation, standard, unit, qualification ...
    roadmaps: dict[str, str] = field(default_factory=dict)  # agreement IRI -> the roadmap IRI it follows
    benchmarked: dict[tuple[str, str], str] = field(default_factory=dict)
    """(unit IRI, compared standard slug) -> where this load already has its accepted decision ("file, row 3")."""

    @classmethod
    def from_store(cls, store: GraphStore) -> "Catalogue":
        cat = cls()
        for row in store.select_values(load_query("catalogue")):
            slug = ids.framework_slug_of(str(row["framework"]))
            if slug is None:
                continue
            cat.frameworks[slug] = cat.frameworks.get(slug, False) or row.get("isReference") == "true"
            level = row.get("level")
            if level is not None:
                lid = ids.level_id_of(str(level))
                if lid:
                    cat.levels.setdefault(slug, set()).add(lid.split(":", 1)[1])
        for row in store.select_values(load_query("alignments")):
            pair = ids.framework_slug_of(str(row["source"])), ids.framework_slug_of(str(row["target"]))
            if pair[0] and pair[1]:
                cat.alignments.add(pair)  # type: ignore[arg-type]
        cat.domains.update(str(row["domain"]) for row in store.select_values(load_query("descriptor-domains")))
        for row in store.select_values(load_query("recognition-catalogue")):
            cat.records[row["record"]] = row["kind"]
            if row.get("roadmap"):
                cat.roadmaps[row["record"]] = row["roadmap"]
        return cat

    def add_quads(self, quads: list[ox.Quad]) -> None:
        """Frameworks, levels, descriptor domains and alignment reports defined by quads about to be loaded."""
        sources: dict[str, str] = {}
        targets: dict[str, str] = {}
        for q in quads:
            p = q.predicate.value
            if p == _TYPE and q.object.value in _FRAMEWORK_TYPES:
                slug = ids.framework_slug_of(q.subject.value)
                if slug:
                    self.frameworks[slug] = self.frameworks.get(slug, False) or q.object.value == _REFERENCE
            elif p == _IN_SCHEME:
                lid = ids.level_id_of(q.subject.value)
                if lid:
                    slug, notation = lid.split(":", 1)
                    self.levels.setdefault(slug, set()).add(notation)
            elif p == _SOURCE_FW:
                sources[q.subject.value] = q.object.value
            elif p == _TARGET_FW and "/alignment/" in q.subject.value:
                targets[q.subject.value] = q.object.value
            elif p == _HAS_ROADMAP:
                self.roadmaps[q.subject.value] = q.object.value
            if p == _TYPE and q.object.value == _DOMAIN:
                self.domains.add(q.subject.value)
            if p == _TYPE and q.object.value in RECORD_KINDS:
                self.records[q.subject.value] = RECORD_KINDS[q.object.value]
        for report, src in sources.items():
            pair = ids.framework_slug_of(src), ids.framework_slug_of(targets.get(report, ""))
            if pair[0] and pair[1]:
                self.alignments.add(pair)  # type: ignore[arg-type]

    def add_framework(self, slug: str, is_reference: bool) -> None:
        self.frameworks[slug] = is_reference

    def add_level(self, slug: str, notation: str) -> None:
        self.levels.setdefault(slug, set()).add(notation)

    def has_level(self, slug: str, notation: str) -> bool:
        return notation in self.levels.get(slug, set())

    def add_domain(self, slug: str, domain: str) -> None:
        self.domains.add(str(ids.domain_iri(slug, domain)))

    def has_domain(self, slug: str, domain: str) -> bool:
        return str(ids.domain_iri(slug, domain)) in self.domains

    def suggest_domain(self, slug: str, domain: str) -> str:
        """The domains the framework declares, the closest first: an officer sees a typo ('knowlege') at once."""
        prefix = f"{ids.framework_iri(slug)}/domain/"
        known = sorted(d[len(prefix):] for d in self.domains if d.startswith(prefix))
        if not known:
            return f" ({slug} declares no descriptor domains yet)"
        close = difflib.get_close_matches(ids.slugify(domain), known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]}? " if close else ""
        return f" ({hint}{slug} declares {', '.join(known)})"

    def suggest_framework(self, slug: str) -> str:
        close = difflib.get_close_matches(slug, list(self.frameworks), n=3, cutoff=0.5)
        return f" (did you mean {', '.join(close)}?)" if close else ""

    def suggest_level(self, slug: str, notation: str) -> str:
        known = sorted(self.levels.get(slug, set()), key=ids.natural_key)
        if not known:
            return f"; {slug} has no levels yet"
        return f"; {slug} has levels {', '.join(known)}"
