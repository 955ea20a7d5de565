"""Every bundled fact can be traced to a document, and every decision to an official one, not to a copy.

User story: as a recognition officer I cite qualgraph's answer in a letter. Before I do, I follow the decision's
``dcterms:source`` and expect to land on the page or report of the body that made it (or of another public
authority), not on a document mirror such as yumpu or scribd, a law blog or an encyclopaedia. Where qualgraph
could read a document only through such a copy, the copy is named separately (``prov:wasDerivedFrom``), so I can
tell the authority from the mirror — for a decision, and for a framework, level, domain, organisation or report too,
unless the fact says its document's official address was not established. A secondary page alone never carries a
decision, and a fact resting on copies or secondary pages alone says so (unconfirmed). And nothing in ``data/`` —
framework, level, descriptor domain, organisation, report or decision, in Turtle or in a spreadsheet template —
cites nothing.

User story, the recognition records (issue 12): as the same officer, with a Philippine *Masonry NC II* in front of
me and qualgraph's recognition pathway on screen, I follow the ``dcterms:source`` of every record the answer shows —
the qualification, the competency standard and its units, the agreement that applies and how far along its roadmap
is, the body that awards or coordinates — and land on a document that states it. An agreement, or a benchmarking
decision between two units, never rests on a document copy or a secondary page alone: at least one of its sources
is the text's own address or a page that is neither (the copies the records were read from are named apart, in
``data/recognition/sources.ttl``, as ``prov:wasDerivedFrom``; pages that only corroborate, as ``rdfs:seeAlso``). These
checks run on the graph as ``qualgraph load`` builds it from ``data/`` — the spreadsheet templates
(``data/recognition/*.csv``) and the Turtle next to them together — not on the files one by one.

Which hosts are copies, secondary or official is listed once, in :mod:`qualgraph.coverage` (and explained in
``data/README.md``). Each rule is a check that returns the problems it finds; the bundled data has none, and a
small broken graph shows that each check finds what it looks for.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, SKOS

from qualgraph.coverage import COPY_HOSTS, OFFICIAL_HOSTS, SECONDARY_HOSTS, source_kind
from qualgraph.ids import graph_iri
from qualgraph.loading.recognition_templates import AGREEMENT_KINDS, ISCED_F, ISCO
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

#: Every kind of agreement the agreements template writes (an agreement is typed with its kind only).
AGREEMENT_CLASSES = tuple(AGREEMENT_KINDS.values())
#: The recognition records that rest on a text: an agreement or a unit-by-unit benchmarking decision.
RECOGNITION_DECISION_CLASSES = (QG.BenchmarkingDecision, *AGREEMENT_CLASSES)
#: Every recognition record: what the templates of data/recognition/ and the roadmap beside them define.
RECOGNITION_RECORD_CLASSES = (QG.Qualification, QG.CompetencyStandard, QG.UnitOfCompetency, QG.RoadmapProgress,
                              QG.Roadmap, QG.RoadmapStep, ORG.Organization, *RECOGNITION_DECISION_CLASSES)


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


def rests_on_copies_or_secondary_pages(g: Graph, s: URIRef) -> bool:
    """Whether every source of ``s`` (it has some) is a document copy or a secondary page."""
    return bool(sources(g, s)) and all(source_kind(u) in ("copy", "secondary") for u in sources(g, s))


def resting_on_copies_or_secondary_pages(g: Graph) -> list[str]:
    """Decisions whose every source is a document copy or a secondary page."""
    return sorted(f"{d}: {sources(g, d)}" for d in of_classes(g, DECISION_CLASSES)
                  if rests_on_copies_or_secondary_pages(g, d))


def accepted_without_an_official_source(g: Graph) -> list[str]:
    """Accepted decisions none of whose sources is an official page (a qualifications body or public authority)."""
    return sorted(f"{d}: {sources(g, d)}" for d in of_classes(g, DECISION_CLASSES)
                  if (d, QG.status, QGS.accepted) in g and not any(source_kind(u) == "official" for u in sources(g, d)))


def copies_cited_as_sources(g: Graph) -> list[str]:
    """Decisions that name a document copy as their dcterms:source: the copy belongs in prov:wasDerivedFrom."""
    return sorted(f"{d} dcterms:source {u}" for d in of_classes(g, DECISION_CLASSES) for u in sources(g, d)
                  if source_kind(u) == "copy")


#: What a note says, on a fact or on the framework it belongs to, when the fact may name a copy as its source: the
#: document was read only in copies and its own address was not established (data/README.md, "Sources").
COPY_ONLY_NOTE = "official address was not established"
#: What a note says when a fact rests on copies or secondary pages alone: it is unconfirmed (or from a secondary source).
UNCONFIRMED_NOTES = ("unconfirmed", "secondary source", COPY_ONLY_NOTE)


def notes_on_fact_or_framework(g: Graph, s: URIRef) -> list[str]:
    """The notes of a fact and of what it belongs to: a level's or a descriptor domain's framework."""
    owners = [s, *g.objects(s, SKOS.inScheme), *g.subjects(QG.hasDescriptorDomain, s)]
    return [str(n) for o in owners for n in g.objects(o, SKOS.note)]


def copies_cited_without_saying_why(g: Graph) -> list[str]:
    """Facts of any kind — framework, level, domain, organisation, report — that name a document copy as their
    dcterms:source although neither they nor their framework say the document's official address was not
    established: a copy belongs in prov:wasDerivedFrom, beside the official address (or the official pages that state
    the fact)."""
    return sorted(f"{s} dcterms:source {u}" for s in of_classes(g, FACT_CLASSES) for u in sources(g, s)
                  if source_kind(u) == "copy"
                  and not any(COPY_ONLY_NOTE in n for n in notes_on_fact_or_framework(g, s)))


def facts_on_copies_or_secondary_pages_unmarked(g: Graph) -> list[str]:
    """Facts whose every source is a document copy or a secondary page and that are not marked as such — unconfirmed,
    from a secondary source, or read only in a copy whose official address was not established — on themselves or on
    their framework."""
    return sorted(f"{s}: {sources(g, s)}" for s in of_classes(g, FACT_CLASSES)
                  if rests_on_copies_or_secondary_pages(g, s)
                  and not any(mark in n for n in notes_on_fact_or_framework(g, s) for mark in UNCONFIRMED_NOTES))


def derived_from_unknown_hosts(g: Graph) -> list[str]:
    """prov:wasDerivedFrom must name a copy on a listed mirror host, or the split official / copy means nothing."""
    return sorted(f"{s} prov:wasDerivedFrom {o}" for s, o in g.subject_objects(PROV.wasDerivedFrom)
                  if source_kind(str(o)) != "copy")


def recognition_records_citing_nothing(g: Graph) -> list[str]:
    """Recognition records — qualifications, competency standards, units, benchmarking decisions, agreements,
    roadmaps and their steps, roadmap progress, organisations — and the ISCO-08 / ISCED-F names they show, without a
    dcterms:source that is an http(s) URL."""
    named_codes = {s for s in g.subjects(SKOS.notation, None) if str(s).startswith((ISCO, ISCED_F))}
    return sorted(str(s) for s in of_classes(g, RECOGNITION_RECORD_CLASSES) | named_codes
                  if not any(HTTP_URL.match(u) for u in sources(g, s)))


def agreements_and_benchmarking_without_a_source_beyond_copies(g: Graph) -> list[str]:
    """Agreements and benchmarking decisions none of whose sources is anything but a document copy or a secondary
    page (no source at all included)."""
    return sorted(f"{r}: {sources(g, r)}" for r in of_classes(g, RECOGNITION_DECISION_CLASSES)
                  if not any(source_kind(u) not in ("copy", "secondary") for u in sources(g, r)))


def copies_cited_as_sources_of_agreements_or_benchmarking(g: Graph) -> list[str]:
    """Agreements and benchmarking decisions that name a document copy as their dcterms:source: the copy belongs
    in prov:wasDerivedFrom (data/recognition/sources.ttl)."""
    return sorted(f"{r} dcterms:source {u}" for r in of_classes(g, RECOGNITION_DECISION_CLASSES)
                  for u in sources(g, r) if source_kind(u) == "copy")


def australian_units_without_their_training_gov_au_page(g: Graph) -> list[str]:
    """Units of an Australian training package (a standard whose id starts ``au-``) none of whose sources is their
    own training.gov.au page (``…/Training/Details/CODE``, an official page): a provider's course page or a copy
    never stands alone for a unit that has a page on the national register."""
    out = []
    for unit in of_classes(g, (QG.UnitOfCompetency,)):
        standard = g.value(unit, DCTERMS.isPartOf)
        code = g.value(unit, DCTERMS.identifier)
        if standard is None or code is None or not str(standard).rsplit("/", 1)[-1].startswith("au-"):
            continue
        own_page = f"training/details/{code}".lower()
        if not any(source_kind(u) == "official" and urlsplit(u).path.lower().rstrip("/").endswith(own_page)
                   for u in sources(g, unit)):
            out.append(f"{unit}: {sources(g, unit)}")
    return sorted(out)


def template_rows_without_official_source(name: str) -> list[str]:
    """Spreadsheet rows with no source, or (for referencing rows, rows that give level descriptors and rows that place
    a qualification type at a level) no official one."""
    with open(TEMPLATES / name, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = []
    for n, row in enumerate(rows, start=2):
        urls = [u.strip() for u in row.get("source", "").split(" | ") if u.strip()]
        if not urls or not all(HTTP_URL.match(u) for u in urls):
            out.append(f"{name} line {n}: source {row.get('source')!r}")
        elif name.endswith(("referencing.csv", "qualification-types.csv")) and \
                not any(source_kind(u) == "official" for u in urls):
            out.append(f"{name} line {n}: no official source in {urls}")
        elif (any(column.startswith("descriptor:") and text for column, text in row.items())
              and not any(source_kind(u) == "official" for u in urls)):
            out.append(f"{name} line {n}: level descriptors with no official source in {urls}")
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


def test_a_fact_names_a_copy_as_its_source_only_where_the_official_address_is_unknown(data: Graph) -> None:
    """Frameworks, levels, domains, organisations and reports too: the officer following a level's source lands on
    the agency's page, with the copy it was read in named apart; where no official address was found, the fact (or
    its framework) says so."""
    assert copies_cited_without_saying_why(data) == []


def test_a_fact_resting_on_copies_or_secondary_pages_alone_is_marked(data: Graph) -> None:
    assert facts_on_copies_or_secondary_pages_unmarked(data) == []


@pytest.mark.parametrize("name", sorted(p.name for p in TEMPLATES.glob("*.csv")))
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


# ---- the recognition records, as loaded ---------------------------------------------------------------


@pytest.fixture(scope="module")
def loaded(bundled_store) -> Graph:
    """Everything ``qualgraph load`` makes of data/, every named graph together: a record defined by a template row
    and the copies sources.ttl names for it are in two graphs."""
    g = Graph()
    for graph in bundled_store.named_graphs():
        for triple in bundled_store.graph_triples(graph):
            g.add(triple)
    return g


#: What each spreadsheet of data/recognition/ defines, one record a row.
RECORDS_OF_TEMPLATE = {
    "organisations.csv": (ORG.Organization,), "standards.csv": (QG.CompetencyStandard,),
    "qualifications.csv": (QG.Qualification,), "units.csv": (QG.UnitOfCompetency,),
    "agreements.csv": AGREEMENT_CLASSES, "roadmap.csv": (QG.RoadmapProgress,),
}


@pytest.mark.parametrize("name", sorted(RECORDS_OF_TEMPLATE))
def test_every_row_of_a_recognition_template_is_a_record_the_checks_see(bundled_store, name: str) -> None:
    """The checks below look at every record: each row of the file is one record of its kind in the file's graph.
    (No benchmarking decision is bundled — no public source states a unit-by-unit result — so that kind is checked
    on the broken graphs below.)"""
    with open(DATA / "recognition" / name, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    graph = Graph()
    for triple in bundled_store.graph_triples(graph_iri(f"data/recognition/{name}")):
        graph.add(triple)
    assert rows and len(of_classes(graph, RECORDS_OF_TEMPLATE[name])) == len(rows)


def test_the_roadmap_and_its_steps_are_loaded(loaded: Graph) -> None:
    assert of_classes(loaded, (QG.Roadmap,)) and len(of_classes(loaded, (QG.RoadmapStep,))) == 8


def test_every_recognition_record_cites_a_document(loaded: Graph) -> None:
    assert recognition_records_citing_nothing(loaded) == []


def test_no_agreement_or_benchmarking_decision_rests_only_on_copies_or_secondary_pages(loaded: Graph) -> None:
    assert agreements_and_benchmarking_without_a_source_beyond_copies(loaded) == []


def test_agreements_name_the_copies_they_were_read_in_apart_from_their_sources(loaded: Graph) -> None:
    assert copies_cited_as_sources_of_agreements_or_benchmarking(loaded) == []
    assert derived_from_unknown_hosts(loaded) == []


def test_the_architecture_mra_cites_the_asean_text_and_names_the_copies_it_was_read_in(loaded: Graph) -> None:
    """The 2007 MRA on Architectural Services was read in copies (dokumen.tips, scribd): the agreement cites the
    text's address on the ASEAN Secretariat's site, and sources.ttl names the copies as prov:wasDerivedFrom."""
    mra = URIRef("https://w3id.org/qualgraph/id/agreement/asean-mra-architecture")
    assert {source_kind(u) for u in sources(loaded, mra)} == {"official"}
    assert {source_kind(str(o)) for o in loaded.objects(mra, PROV.wasDerivedFrom)} == {"copy"}


def test_every_australian_unit_cites_its_training_gov_au_page(loaded: Graph) -> None:
    """The CPC bricklaying units and the TLI forklift units are each cited by their page on training.gov.au."""
    assert australian_units_without_their_training_gov_au_page(loaded) == []
    units = {str(u).rsplit("/", 1)[-1] for u in of_classes(loaded, (QG.UnitOfCompetency,))
             if "/unit/au-" in str(u)}
    assert {"CPCCBL2001", "CPCCBL2002", "CPCCBL3002", "CPCCBL3006", "TLILIC0003"} <= units


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
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
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
    "a level citing a copy with no word on the official address": (copies_cited_without_saying_why, """
        <framework/xx-nqf> skos:note "levels read in a presentation"@en .
        <framework/xx-nqf/level/1> a qg:Level ; skos:inScheme <framework/xx-nqf> ;
            dcterms:source <https://www.gov.xx/nqf>, <https://vdocuments.mx/xx-nqf.html> ."""),
    "a framework's domain resting on a slide deck, unmarked": (facts_on_copies_or_secondary_pages_unmarked, """
        <framework/xx-nqf> qg:hasDescriptorDomain <framework/xx-nqf/domain/knowledge> .
        <framework/xx-nqf/domain/knowledge> a qg:DescriptorDomain ;
            dcterms:source <https://www.slideshare.net/x/nqf> ."""),
    "a level resting on the press, unmarked": (facts_on_copies_or_secondary_pages_unmarked, """
        <framework/xx-nqf/level/1> a qg:Level ; skos:inScheme <framework/xx-nqf> ;
            dcterms:source <https://en.nhandan.vn/x> ."""),
    "an official page named as a copy": (derived_from_unknown_hosts, """
        <correspondence/ie-nfq/8/eqf/6> prov:wasDerivedFrom <https://www.qqi.ie/report.pdf> ."""),
    "a unit of competency citing nothing": (recognition_records_citing_nothing, """
        <unit/ph-tesda-masonry-nc2/CON711318> a qg:UnitOfCompetency ."""),
    "roadmap progress citing a file name": (recognition_records_citing_nothing, """
        <agreement/mrs-th-clm-construction/progress/1> a qg:RoadmapProgress ;
            dcterms:source <file:///tmp/report.pdf> ."""),
    "an occupation's name citing nothing": (recognition_records_citing_nothing, """
        <http://data.europa.eu/esco/isco/C7112> skos:notation "7112" ."""),
    "an agreement read only in a copy": (agreements_and_benchmarking_without_a_source_beyond_copies, """
        <agreement/asean-mra-architecture> a qg:MutualRecognitionArrangement ;
            dcterms:source <https://de.scribd.com/document/228613807/x> ."""),
    "an agreement citing nothing": (agreements_and_benchmarking_without_a_source_beyond_copies, """
        <agreement/pacer-plus> a qg:TradeAgreement ."""),
    "a benchmarking decision resting on the press": (agreements_and_benchmarking_without_a_source_beyond_copies, """
        <benchmarking/x> a qg:BenchmarkingDecision ;
            dcterms:source <https://matangitonga.to/2020/10/19/x>, <https://en.wikipedia.org/wiki/x> ."""),
    "a copy cited as an agreement's source": (copies_cited_as_sources_of_agreements_or_benchmarking, """
        <agreement/asean-mra-nursing> a qg:MutualRecognitionArrangement ;
            dcterms:source <https://asean.org/x>, <https://ro.scribd.com/document/305057588/x> ."""),
    "an Australian unit cited by a course page only": (australian_units_without_their_training_gov_au_page, """
        <unit/au-cpc-training-package/CPCCBL2002> a qg:UnitOfCompetency ; dcterms:identifier "CPCCBL2002" ;
            dcterms:isPartOf <standard/au-cpc-training-package> ;
            dcterms:source <https://www.vu.edu.au/units/CPCCBL2002> ."""),
    "an Australian unit cited by another unit's page": (australian_units_without_their_training_gov_au_page, """
        <unit/au-cpc-training-package/CPCCBL3006> a qg:UnitOfCompetency ; dcterms:identifier "CPCCBL3006" ;
            dcterms:isPartOf <standard/au-cpc-training-package> ;
            dcterms:source <https://training.gov.au/Training/Details/CPCCBL3013> ."""),
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
