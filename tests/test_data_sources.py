"""Every bundled fact can be traced to a document, and every decision to an official one, not to a copy.

User story: as a recognition officer I cite qualgraph's answer in a letter. Before I do, I follow the decision's
``dcterms:source`` and expect to land on the page or report of the body that made it (or of another public
authority), not on a document mirror such as yumpu or scribd, a law blog or an encyclopaedia. Where qualgraph
could read a document only through such a copy, the copy is named separately (``prov:wasDerivedFrom``), so I can
tell the authority from the mirror. A secondary page alone never carries a decision. And nothing in ``data/`` —
framework, level, descriptor domain, organisation, report or decision, in Turtle or in a spreadsheet template —
cites nothing.

Which hosts are copies, secondary or official is listed once, in :mod:`qualgraph.coverage` (and explained in
``data/README.md``). Each rule is a check that returns the problems it finds; the bundled data has none, and a
small broken graph shows that each check finds what it looks for.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF

from qualgraph.coverage import COPY_HOSTS, OFFICIAL_HOSTS, SECONDARY_HOSTS, source_kind
from qualgraph.vocab import QG, QGS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BUNDLED_FRAMEWORK_DATA = [DATA / "frameworks", DATA / "referencing"]
TEMPLATES = DATA / "templates"
HTTP_URL = re.compile(r"^https?://\S+$")

DECISION_CLASSES = (QG.LevelCorrespondence, QG.ReferencingDecision, QG.LevelComparison)
FACT_CLASSES = (QG.QualificationsFramework, QG.NationalFramework, QG.ReferenceFramework, QG.Level,
                QG.DescriptorDomain, QG.LevelDescriptor, QG.FrameworkAlignment, QG.ReferencingReport,
                QG.ComparisonReport, ORG.Organization, *DECISION_CLASSES)


def read_graph(*roots: Path) -> Graph:
    g = Graph()
    for root in roots:
        for path in sorted(root.rglob("*.ttl")):
            g.parse(path, format="turtle")
    return g


def of_classes(g: Graph, classes: tuple[URIRef, ...]) -> set[URIRef]:
    return {s for c in classes for s in g.subjects(RDF.type, c)}


def sources(g: Graph, s: URIRef) -> list[str]:
    return sorted(str(o) for o in g.objects(s, DCTERMS.source))


# ---- the checks -------------------------------------------------------------------------------------


def citing_nothing(g: Graph) -> list[str]:
    """Facts of any kind without a dcterms:source that is an http(s) URL."""
    return sorted(str(s) for s in of_classes(g, FACT_CLASSES)
                  if not any(HTTP_URL.match(u) for u in sources(g, s)))


def resting_on_copies_or_secondary_pages(g: Graph) -> list[str]:
    """Decisions whose every source is a document copy or a secondary page."""
    return sorted(f"{d}: {sources(g, d)}" for d in of_classes(g, DECISION_CLASSES)
                  if sources(g, d) and all(source_kind(u) in ("copy", "secondary") for u in sources(g, d)))


def accepted_without_an_official_source(g: Graph) -> list[str]:
    """Accepted decisions none of whose sources is an official page (a qualifications body or public authority)."""
    return sorted(f"{d}: {sources(g, d)}" for d in of_classes(g, DECISION_CLASSES)
                  if (d, QG.status, QGS.accepted) in g and not any(source_kind(u) == "official" for u in sources(g, d)))


def copies_cited_as_sources(g: Graph) -> list[str]:
    """Decisions that name a document copy as their dcterms:source: the copy belongs in prov:wasDerivedFrom."""
    return sorted(f"{d} dcterms:source {u}" for d in of_classes(g, DECISION_CLASSES) for u in sources(g, d)
                  if source_kind(u) == "copy")


def derived_from_unknown_hosts(g: Graph) -> list[str]:
    """prov:wasDerivedFrom must name a copy on a listed mirror host, or the split official / copy means nothing."""
    return sorted(f"{s} prov:wasDerivedFrom {o}" for s, o in g.subject_objects(PROV.wasDerivedFrom)
                  if source_kind(str(o)) != "copy")


def template_rows_without_official_source(name: str) -> list[str]:
    """Spreadsheet rows with no source, or (for referencing rows) no official one."""
    with open(TEMPLATES / name, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = []
    for n, row in enumerate(rows, start=2):
        urls = [u.strip() for u in row.get("source", "").split(" | ") if u.strip()]
        if not urls or not all(HTTP_URL.match(u) for u in urls):
            out.append(f"{name} line {n}: source {row.get('source')!r}")
        elif name == "referencing.csv" and not any(source_kind(u) == "official" for u in urls):
            out.append(f"{name} line {n}: no official source in {urls}")
    return out


# ---- the bundled data -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data() -> Graph:
    return read_graph(*BUNDLED_FRAMEWORK_DATA)


def test_every_fact_cites_a_document(data: Graph) -> None:
    assert citing_nothing(data) == []


def test_no_decision_rests_only_on_copies_or_secondary_pages(data: Graph) -> None:
    assert resting_on_copies_or_secondary_pages(data) == []


def test_every_accepted_decision_cites_an_official_page(data: Graph) -> None:
    assert accepted_without_an_official_source(data) == []


def test_copies_are_named_as_what_was_read_not_as_the_source(data: Graph) -> None:
    assert copies_cited_as_sources(data) == []
    assert derived_from_unknown_hosts(data) == []


@pytest.mark.parametrize("name", ["frameworks.csv", "levels.csv", "referencing.csv"])
def test_template_rows_cite_a_document_and_decisions_an_official_one(name: str) -> None:
    assert template_rows_without_official_source(name) == []


def test_the_uk_leaflet_decisions_cite_its_official_pages_and_keep_the_copies_apart(data: Graph) -> None:
    """RQF 4 -> EQF 5 was read in a yumpu copy of 'Qualifications can cross boundaries': the decision cites the
    Welsh Government's and the SCQF Partnership's pages for the leaflet, and names the copies it was read from."""
    decision = URIRef("https://w3id.org/qualgraph/id/correspondence/uk-rqf/4/eqf/5")
    kinds = {source_kind(u) for u in sources(data, decision)}
    copies = {str(o) for o in data.objects(decision, PROV.wasDerivedFrom)}
    assert kinds == {"official"}
    assert any("yumpu.com" in u for u in copies)


# ---- the host lists ---------------------------------------------------------------------------------


def test_a_host_is_in_one_list_only() -> None:
    lists = [set(COPY_HOSTS), set(SECONDARY_HOSTS), set(OFFICIAL_HOSTS)]
    assert all(not (a & b) for i, a in enumerate(lists) for b in lists[i + 1:])


@pytest.mark.parametrize("url, kind", [
    ("https://www.yumpu.com/en/document/view/26544243/qualifications-can-cross-boundaries", "copy"),
    ("https://pt.scribd.com/document/358627882/ED16-0165-693040-Joint-Technical-Report-ACC", "copy"),
    ("https://en.wikipedia.org/wiki/Scottish_Credit_and_Qualifications_Framework", "secondary"),
    ("https://total.law/blog/national-framework-of-qualifications/", "secondary"),
    ("https://www2.nzqa.govt.nz/international/recognition-arrangements/ireland-nz", "official"),
    ("https://scqf.org.uk/news-blog/posts/2019/june/update-of-the-referencing-of-the-scqf-to-the-eqf/", "official"),
    ("https://github.com/european-commission-empl/European-Learning-Model/blob/x/xsd/loq/cv/nqf.xsd", "official"),
    ("https://github.com/CredentialEngine/Schema-Development/blob/x/QualificationsFramework/Examples/EQF.json", "other"),
    ("https://www.notyumpu.com/doc", "other"),
])
def test_hosts_are_sorted_by_the_lists(url: str, kind: str) -> None:
    assert source_kind(url) == kind


# ---- each check finds what it looks for -------------------------------------------------------------

PREFIXES = """
@base <https://w3id.org/qualgraph/id/> .
@prefix qg: <https://w3id.org/qualgraph/ontology#> .
@prefix qgs: <https://w3id.org/qualgraph/status/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""

BROKEN = {
    "a descriptor domain citing nothing": (citing_nothing, """
        <framework/xx-nqf/domain/knowledge> a qg:DescriptorDomain ."""),
    "a decision read only in copies": (resting_on_copies_or_secondary_pages, """
        <correspondence/uk-rqf/4/eqf/5> a qg:ReferencingDecision ;
            dcterms:source <https://www.yumpu.com/en/document/view/1/x>, <https://docslib.org/doc/2/x> ."""),
    "a decision resting on a law blog": (resting_on_copies_or_secondary_pages, """
        <correspondence/ie-nfq/8/eqf/6> a qg:ReferencingDecision ;
            dcterms:source <https://total.law/blog/national-framework-of-qualifications/> ."""),
    "an accepted decision from an awarding body's page only": (accepted_without_an_official_source, """
        <correspondence/uk-scqf/7/eqf/5> a qg:ReferencingDecision ; qg:status qgs:accepted ;
            dcterms:source <http://qualifications.pearson.com/en/support/frameworks-scqf.html> ."""),
    "a copy cited as the source": (copies_cited_as_sources, """
        <correspondence/ie-nfq/8/eqf/6> a qg:ReferencingDecision ;
            dcterms:source <https://www2.nzqa.govt.nz/x>, <https://vdocument.in/nfq-report.html> ."""),
    "an official page named as a copy": (derived_from_unknown_hosts, """
        <correspondence/ie-nfq/8/eqf/6> prov:wasDerivedFrom <https://www.qqi.ie/report.pdf> ."""),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_check_reports_the_problem_it_is_for(case: str) -> None:
    check, body = BROKEN[case]
    assert check(Graph().parse(data=PREFIXES + body, format="turtle")) != []


# ---- a mapping that was not endorsed is on record, and never used ------------------------------------


@pytest.fixture(scope="module")
def bundled_store():
    from qualgraph.loading import load_paths
    from qualgraph.store import EmbeddedStore

    store = EmbeddedStore(None)
    load_paths(store, [DATA], root=ROOT)
    yield store
    store.close()


def test_the_uae_nz_mapping_is_recorded_as_not_endorsed(data: Graph) -> None:
    """NZQA's page gives the UAE NQF <-> NZQCF table (1-1 ... 10-10) and says that stakeholders and experts did not
    endorse it, so every row and the report carry qgs:notEndorsed and cite that page."""
    rows = [d for d in data.subjects(RDF.type, QG.LevelComparison)
            if str(d).startswith("https://w3id.org/qualgraph/id/correspondence/ae-nqf/")]
    assert len(rows) == 10
    assert all((d, QG.status, QGS.notEndorsed) in data for d in rows)
    assert {u for d in rows for u in sources(data, d)} == {
        "https://www2.nzqa.govt.nz/international/recognition-arrangements/uae-nz"}


def test_derivation_never_uses_a_mapping_that_was_not_endorsed(bundled_store) -> None:
    """Even asking for every other status, no UAE level is comparable to anything, nor anything to a UAE level;
    and the status cannot be asked for."""
    from qualgraph.comparability import comparable_levels
    from qualgraph.vocab import STATUSES

    every_other = [s for s in STATUSES if s != "accepted"]
    assert comparable_levels(bundled_store, "ae-nqf:5", include=every_other) == []
    reached = comparable_levels(bundled_store, "nz-nzqcf:5", include=every_other)
    assert reached, "NZQCF 5 is comparable to EQF 5, and through it to other frameworks"
    assert not [c for c in reached if "ae-nqf" in c.framework]
    assert comparable_levels(bundled_store, "nz-nzqcf:5", to="ae-nqf", include=every_other) == []
    with pytest.raises(ValueError):
        comparable_levels(bundled_store, "ae-nqf:5", include=["notEndorsed"])


# ---- bilateral comparisons, each from the agencies' own pages ---------------------------------------


def targets(g: Graph, source_level: str, target_framework: str) -> dict[str, list[str]]:
    """For each decision from ``source_level`` towards ``target_framework``: its target level(s) or 'none'."""
    base = "https://w3id.org/qualgraph/id/"
    out: dict[str, list[str]] = {}
    for d in g.subjects(QG.sourceLevel, URIRef(f"{base}framework/{source_level}")):
        if g.value(d, QG.targetFramework) == URIRef(f"{base}framework/{target_framework}"):
            target = g.value(d, QG.targetLevel)
            out.setdefault(str(d), []).append(str(target).rsplit("/", 1)[-1] if target else "none")
    return out


def test_aqf_and_nzqcf_are_compared_one_to_one_from_level_1_to_10(data: Graph) -> None:
    for k in range(1, 11):
        [found] = targets(data, f"au-aqf/level/{k}", "nz-nzqcf").values()
        assert found == [str(k)]


def status_of(g: Graph, decision: str) -> str:
    return str(g.value(URIRef(decision), QG.status)).rsplit("/", 1)[-1]


def test_nzqcf_8_has_no_hkqf_counterpart_and_merged_cells_stay_draft(data: Graph) -> None:
    """NZQA's table says 'No agreement on a comparable level' at NZQCF 8: recorded as no counterpart. NZQCF 5 and 3
    have empty HKQF cells there (merged with the row above): they are recorded, but as draft, so that derivation
    does not use a reading of the layout unless asked to."""
    [eight] = targets(data, "nz-nzqcf/level/8", "hk-hkqf").values()
    assert eight == ["none"]
    [(six, to_six)] = targets(data, "nz-nzqcf/level/6", "hk-hkqf").items()
    [(five, to_five)] = targets(data, "nz-nzqcf/level/5", "hk-hkqf").items()
    assert (to_six, status_of(data, six)) == (["4"], "accepted")
    assert (to_five, status_of(data, five)) == (["4"], "draft")


def test_ireland_and_new_zealand_are_compared_directly_where_the_table_says_so(data: Graph) -> None:
    """NFQ 1-2 are 'Unlevelled' on the NZ side, NFQ 5 meets NZQCF 3 and 4, NZQCF 8 is 'Unlevelled' on the Irish
    side, NFQ 8 has no NZQCF cell (nothing recorded) and NFQ 6 -> NZQCF 6 comes from a merged cell (draft)."""
    [one] = targets(data, "ie-nfq/level/1", "nz-nzqcf").values()
    assert one == ["none"]
    assert sorted(t for ts in targets(data, "ie-nfq/level/5", "nz-nzqcf").values() for t in ts) == ["3", "4"]
    assert targets(data, "ie-nfq/level/8", "nz-nzqcf") == {}
    [nz_eight] = targets(data, "nz-nzqcf/level/8", "ie-nfq").values()
    assert nz_eight == ["none"]
    six = {t[0]: status_of(data, d) for d, t in targets(data, "ie-nfq/level/6", "nz-nzqcf").items()}
    assert six == {"5": "accepted", "6": "draft"}
    assert all(source_kind(u) == "official" for d in targets(data, "ie-nfq/level/6", "nz-nzqcf")
               for u in sources(data, URIRef(d)))
