"""The bundled data can be trusted as evidence, and the illustrative example cannot be mistaken for it.

User story: as someone comparing qualifications across regions, I load qualgraph's bundled data
(``data/``) and expect every framework, level, report and level correspondence in it to say where it
comes from (``dcterms:source``, an http(s) URL), every correspondence to point at levels that exist,
no level to be equated with another by ``skos:exactMatch``, and nothing made-up among the decisions.
When I also load ``examples/illustrative-aqrf/`` to try the AQRF paths, its decisions are all marked
illustrative and never collide with the real ones.

Each rule is a small check that returns the problems it finds; the bundled files must have none, and
a small broken graph shows that each check does find what it looks for.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from qualgraph import ids
from qualgraph.vocab import QG, QGID, QGS, RECORD_ONLY_STATUSES, STATUSES

XSD = "http://www.w3.org/2001/XMLSchema#"  # a string: rdflib's XSD object warns when pytest inspects module names
ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
EXAMPLE = ROOT / "examples" / "illustrative-aqrf"
TEMPLATES = DATA / "templates"

FRAMEWORK_CLASSES = (QG.QualificationsFramework, QG.NationalFramework, QG.ReferenceFramework,
                     QG.SectoralFramework)
ALIGNMENT_CLASSES = (QG.FrameworkAlignment, QG.ReferencingReport, QG.ComparisonReport)
CORRESPONDENCE_CLASSES = (QG.LevelCorrespondence, QG.ReferencingDecision, QG.LevelComparison)
XSD_INTEGER, XSD_GYEARMONTH = (URIRef(f"{XSD}integer"), URIRef(f"{XSD}gYearMonth"))
DATE_TYPES = (URIRef(f"{XSD}date"), XSD_GYEARMONTH, URIRef(f"{XSD}gYear"))
HTTP_URL = re.compile(r"^https?://\S+$")


def turtle_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.ttl"))


def read_graph(*roots: Path) -> Graph:
    g = Graph()
    for root in roots:
        for path in turtle_files(root):
            g.parse(path, format="turtle")
    return g


def read_template(name: str) -> list[dict[str, str]]:
    with open(TEMPLATES / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def template_levels() -> set[URIRef]:
    """Levels defined by the spreadsheet templates (Germany's DQR is bundled that way)."""
    return {ids.level_iri(r["framework"], r["level"]) for r in read_template("levels.csv")}


def sources_of(rows_source: str) -> list[str]:
    return [s.strip() for s in rows_source.split(" | ") if s.strip()]


def subjects_of(g: Graph, classes: tuple[URIRef, ...]) -> set[URIRef]:
    return {s for c in classes for s in g.subjects(RDF.type, c)}


# ---- the checks -------------------------------------------------------------------------------


def unsourced(g: Graph) -> list[str]:
    """Frameworks, levels, alignments and correspondences without an http(s) dcterms:source."""
    things = subjects_of(g, FRAMEWORK_CLASSES + ALIGNMENT_CLASSES + CORRESPONDENCE_CLASSES + (QG.Level,))
    return sorted(
        str(s) for s in things
        if not any(isinstance(o, URIRef) and HTTP_URL.match(str(o)) for o in g.objects(s, DCTERMS.source))
    )


def exact_matches(g: Graph) -> list[str]:
    return sorted(f"{s} skos:exactMatch {o}" for s, o in g.subject_objects(SKOS.exactMatch))


def with_status(g: Graph, status: URIRef) -> list[str]:
    return sorted(str(c) for c in subjects_of(g, CORRESPONDENCE_CLASSES) if (c, QG.status, status) in g)


def bad_statuses(g: Graph) -> list[str]:
    allowed = {QGS[s] for s in (*STATUSES, *RECORD_ONLY_STATUSES)}
    return sorted(f"{s} qg:status {o}" for s, o in g.subject_objects(QG.status) if o not in allowed)


def dangling_levels(g: Graph, known: set[URIRef]) -> list[str]:
    """Correspondences whose source or target level is not a defined level."""
    levels = set(g.subjects(RDF.type, QG.Level)) | known
    out = []
    for c in subjects_of(g, CORRESPONDENCE_CLASSES):
        for p in (QG.sourceLevel, QG.targetLevel):
            out += [f"{c} {p.n3(g.namespace_manager)} {lv}" for lv in g.objects(c, p) if lv not in levels]
    return sorted(out)


def bad_targets(g: Graph) -> list[str]:
    """A correspondence has one source level, one target framework, and exactly one of a target level
    (in that framework) or qg:noCounterpart true."""
    out = []
    for c in subjects_of(g, CORRESPONDENCE_CLASSES):
        sources = list(g.objects(c, QG.sourceLevel))
        frameworks = list(g.objects(c, QG.targetFramework))
        targets = list(g.objects(c, QG.targetLevel))
        none = (c, QG.noCounterpart, Literal(True)) in g
        if len(sources) != 1 or len(frameworks) != 1:
            out.append(f"{c}: {len(sources)} source levels, {len(frameworks)} target frameworks")
        elif len(targets) + int(none) != 1:
            out.append(f"{c}: needs exactly one of qg:targetLevel or qg:noCounterpart true")
        elif targets and ids.framework_slug_of(frameworks[0]) != (ids.level_id_of(targets[0]) or ":").split(":")[0]:
            out.append(f"{c}: target level {targets[0]} is not in {frameworks[0]}")
    return sorted(out)


def bad_dates(g: Graph) -> list[str]:
    return sorted(f"{s} dcterms:date {o!r}" for s, o in g.subject_objects(DCTERMS.date)
                  if not (isinstance(o, Literal) and o.datatype in DATE_TYPES))


def bad_levels(g: Graph) -> list[str]:
    """Each level sits in one framework, under the IRI ids.level_iri builds from its notation,
    with an integer rank that is unique in its framework."""
    out, ranks = [], {}
    for lv in g.subjects(RDF.type, QG.Level):
        schemes = list(g.objects(lv, SKOS.inScheme))
        notations = list(g.objects(lv, SKOS.notation))
        rank = list(g.objects(lv, QG.rank))
        if len(schemes) != 1 or len(notations) != 1 or len(rank) != 1:
            out.append(f"{lv}: needs one skos:inScheme, one skos:notation and one qg:rank")
            continue
        slug = ids.framework_slug_of(schemes[0])
        if slug is None or lv != ids.level_iri(slug, str(notations[0])):
            out.append(f"{lv}: IRI does not follow its framework and notation {notations[0]!r}")
        if rank[0].datatype != XSD_INTEGER:
            out.append(f"{lv}: qg:rank {rank[0]!r} is not an xsd:integer")
        key = (schemes[0], int(rank[0]))
        if key in ranks:
            out.append(f"{lv}: rank {int(rank[0])} already used by {ranks[key]}")
        ranks[key] = lv
    return sorted(out)


def defined_frameworks_and_levels(g: Graph) -> list[str]:
    return sorted(str(s) for s in subjects_of(g, FRAMEWORK_CLASSES + (QG.Level,)))


# ---- the bundled files --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data() -> Graph:
    return read_graph(DATA)


@pytest.fixture(scope="module")
def example() -> Graph:
    return read_graph(EXAMPLE)


@pytest.mark.parametrize("path", turtle_files(DATA) + turtle_files(EXAMPLE), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_turtle_file_parses(path: Path) -> None:
    assert len(Graph().parse(path, format="turtle")) > 0


def test_every_framework_level_report_and_correspondence_names_its_source(data: Graph, example: Graph) -> None:
    assert unsourced(data) == []
    assert unsourced(example) == []


def test_nothing_anywhere_is_equated_with_skos_exact_match(data: Graph, example: Graph) -> None:
    assert exact_matches(data) == []
    assert exact_matches(example) == []


def test_the_bundled_data_holds_no_illustrative_decision(data: Graph) -> None:
    assert with_status(data, QGS.illustrative) == []


def test_statuses_are_the_four_of_the_model(data: Graph, example: Graph) -> None:
    assert bad_statuses(data + example) == []


def test_every_correspondence_points_at_levels_that_exist(data: Graph, example: Graph) -> None:
    assert dangling_levels(data + example, template_levels()) == []


def test_every_correspondence_has_one_target_level_in_its_target_framework_or_no_counterpart(
        data: Graph, example: Graph) -> None:
    assert bad_targets(data + example) == []


def test_levels_follow_the_iri_scheme_and_ranks_are_unique_per_framework(data: Graph) -> None:
    assert bad_levels(data) == []


def test_dates_are_a_year_a_month_or_a_day(data: Graph, example: Graph) -> None:
    assert bad_dates(data + example) == []


def test_data_and_example_never_share_a_correspondence_iri(data: Graph, example: Graph) -> None:
    shared = subjects_of(data, CORRESPONDENCE_CLASSES) & subjects_of(example, CORRESPONDENCE_CLASSES)
    assert shared == set()


# ---- what the sources say, as recorded -----------------------------------------------------------


def test_irish_nfq_levels_7_and_8_are_both_referenced_to_eqf_6_in_june_2009(data: Graph) -> None:
    for n in ("7", "8"):
        c = ids.correspondence_iri("ie-nfq", n, "eqf", "6", "2009-06")
        assert (c, RDF.type, QG.ReferencingDecision) in data
        assert (c, QG.targetLevel, ids.level_iri("eqf", "6")) in data
        assert (c, QG.status, QGS.accepted) in data
        assert (c, DCTERMS.date, Literal("2009-06", datatype=XSD_GYEARMONTH)) in data
        assert (c, DCTERMS.isPartOf, ids.alignment_iri("ie-nfq", "eqf")) in data


def test_levels_without_an_eqf_counterpart_are_recorded_as_such(data: Graph) -> None:
    no_counterpart = {
        ids.correspondence_iri("uk-scqf", "1", "eqf", None, "2009"),
        ids.correspondence_iri("uk-rqf", "E2", "eqf", None),
        ids.correspondence_iri("nz-nzqcf", "8", "eqf", None, "2016"),  # 'remain unlevelled to the EQF'
        ids.correspondence_iri("eqf", "1", "nz-nzqcf", None, "2016"),  # 'no NZQF level compares to EQF 1'
    }
    for c in no_counterpart:
        assert (c, QG.noCounterpart, Literal(True)) in data, c


def test_new_zealand_and_the_eqf_are_compared_not_referenced(data: Graph) -> None:
    assert (ids.alignment_iri("nz-nzqcf", "eqf"), RDF.type, QG.ComparisonReport) in data
    decisions = [c for c in data.subjects(RDF.type, QG.ReferencingDecision)
                 if str(c).startswith(str(QGID) + "correspondence/nz-nzqcf/")]
    assert decisions == []


def test_old_french_level_one_corresponds_to_two_new_levels(data: Graph) -> None:
    old_i = ids.level_iri("fr-1969", "I")
    targets = {t for c in data.subjects(QG.sourceLevel, old_i) if (c, RDF.type, QG.LevelComparison) in data
               for t in data.objects(c, QG.targetLevel)}
    assert targets == {ids.level_iri("fr-cncp", "7"), ids.level_iri("fr-cncp", "8")}


def test_asean_reports_are_recorded_without_level_decisions(data: Graph) -> None:
    aqrf = ids.framework_iri("aqrf")
    reports = set(data.subjects(QG.targetFramework, aqrf)) & set(data.subjects(RDF.type, QG.ReferencingReport))
    assert {ids.framework_slug_of(f) for r in reports for f in data.objects(r, QG.sourceFramework)} == {
        "ph-pqf", "my-mqf", "id-kkni", "vn-vqf", "th-nqf"}
    assert [c for c in subjects_of(data, CORRESPONDENCE_CLASSES) if (c, QG.targetFramework, aqrf) in data] == []
    for r in reports:
        notes = {str(n) for n in data.objects(r, SKOS.note)}
        assert any("no level-to-level table" in n for n in notes), r


def test_thailands_unconfirmed_endorsement_stays_draft(data: Graph) -> None:
    assert (ids.alignment_iri("th-nqf", "aqrf"), QG.status, QGS.draft) in data


def test_frameworks_with_an_unconfirmed_level_count_have_no_levels(data: Graph) -> None:
    for slug in ("pacific-pqf", "th-nqf", "pg-nqf", "kh-cqf"):
        f = ids.framework_iri(slug)
        assert (f, RDF.type, QG.QualificationsFramework) in data
        assert list(data.subjects(SKOS.inScheme, f)) == []
        assert any(str(n).startswith("unconfirmed:") for n in data.objects(f, SKOS.note)), slug


# ---- the illustrative example ----------------------------------------------------------------------


def test_the_example_adds_decisions_only(example: Graph) -> None:
    assert defined_frameworks_and_levels(example) == []


def test_every_example_decision_is_illustrative_and_says_so(example: Graph) -> None:
    decisions = subjects_of(example, CORRESPONDENCE_CLASSES)
    assert decisions
    assert set(with_status(example, QGS.illustrative)) == {str(c) for c in decisions}
    for c in decisions:
        assert any("ILLUSTRATIVE ONLY" in str(t) for t in example.objects(c, SKOS.prefLabel)), c


def test_the_example_shares_one_aqrf_level_between_two_kkni_levels(example: Graph) -> None:
    targets = [t for c in subjects_of(example, CORRESPONDENCE_CLASSES)
               for s in example.objects(c, QG.sourceLevel) if str(s).startswith(str(ids.framework_iri("id-kkni")))
               for t in example.objects(c, QG.targetLevel)]
    assert len(targets) == 9 and len(set(targets)) == 8


# ---- the spreadsheet templates (Germany's DQR) --------------------------------------------------------

TEMPLATE_HEADERS = {
    "dqr-domains.csv": ["framework", "domain", "label", "source", "language"],
    "frameworks.csv": ["framework", "title", "kind", "jurisdiction", "source", "acronym", "language", "publisher"],
    "levels.csv": ["framework", "level", "rank", "label", "source", "language", "descriptor:niveauindikator",
                   "descriptor:wissen", "descriptor:fertigkeiten", "descriptor:sozialkompetenz",
                   "descriptor:selbstaendigkeit"],
    "referencing.csv": ["framework", "level", "reference_framework", "reference_level", "status", "decided",
                        "source", "note"],
}


@pytest.mark.parametrize("name", sorted(TEMPLATE_HEADERS))
def test_templates_have_the_loader_header_and_sourced_rows(name: str) -> None:
    with open(TEMPLATES / name, newline="", encoding="utf-8") as f:
        assert next(csv.reader(f)) == TEMPLATE_HEADERS[name]
    rows = read_template(name)
    assert rows
    for row in rows:
        assert sources_of(row["source"]) and all(HTTP_URL.match(s) for s in sources_of(row["source"])), row


def test_template_referencing_rows_point_at_levels_that_exist(data: Graph) -> None:
    known = template_levels() | set(data.subjects(RDF.type, QG.Level))
    for row in read_template("referencing.csv"):
        assert ids.level_iri(row["framework"], row["level"]) in known
        if row["reference_level"]:
            assert ids.level_iri(row["reference_framework"], row["reference_level"]) in known
        assert row["status"] in ("", *STATUSES) and row["status"] != "illustrative"
        assert row["decided"] == "" or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", row["decided"])


def test_template_level_ranks_are_unique_per_framework() -> None:
    """A level comes on a row per language, always with its one rank; no two levels share a rank."""
    rank_of: dict[tuple[str, str], set[int]] = {}
    for r in read_template("levels.csv"):
        rank_of.setdefault((r["framework"], r["level"]), set()).add(int(r["rank"]))
    assert all(len(ranks) == 1 for ranks in rank_of.values())
    keys = [(fw, *ranks) for (fw, _), ranks in rank_of.items()]
    assert len(keys) == len(set(keys))


# ---- each check finds what it looks for ------------------------------------------------------------

PREFIXES = """
@base <https://w3id.org/qualgraph/id/> .
@prefix qg: <https://w3id.org/qualgraph/ontology#> .
@prefix qgs: <https://w3id.org/qualgraph/status/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

BROKEN = {
    "a level sourced by a non-URL": (unsourced, """
        <framework/xx-nqf/level/1> a qg:Level ; dcterms:source "the ministry website" ."""),
    "two levels equated by exactMatch": (exact_matches, """
        <framework/ie-nfq/level/8> skos:exactMatch <framework/uk-scqf/level/10> ."""),
    "an illustrative decision": (lambda g: with_status(g, QGS.illustrative), """
        <correspondence/ph-pqf/5/aqrf/5> a qg:ReferencingDecision ; qg:status qgs:illustrative ."""),
    "a status outside the model": (bad_statuses, """
        <correspondence/ph-pqf/5/aqrf/5> qg:status qgs:endorsed ."""),
    "a decision pointing at a missing level": (lambda g: dangling_levels(g, set()), """
        <correspondence/ie-nfq/11/eqf/8> a qg:ReferencingDecision ;
            qg:sourceLevel <framework/ie-nfq/level/11> ."""),
    "a decision with both a target level and no counterpart": (bad_targets, """
        <correspondence/uk-scqf/1/eqf/1> a qg:ReferencingDecision ; qg:sourceLevel <framework/uk-scqf/level/1> ;
            qg:targetFramework <framework/eqf> ; qg:targetLevel <framework/eqf/level/1> ; qg:noCounterpart true ."""),
    "a target level outside the target framework": (bad_targets, """
        <correspondence/ie-nfq/8/eqf/6> a qg:ReferencingDecision ; qg:sourceLevel <framework/ie-nfq/level/8> ;
            qg:targetFramework <framework/eqf> ; qg:targetLevel <framework/aqrf/level/6> ."""),
    "a date as a plain string": (bad_dates, """
        <correspondence/ie-nfq/8/eqf/6> dcterms:date "June 2009" ."""),
    "two levels with one rank": (bad_levels, """
        <framework/xx-nqf/level/1> a qg:Level ; skos:inScheme <framework/xx-nqf> ; skos:notation "1" ; qg:rank 1 .
        <framework/xx-nqf/level/1a> a qg:Level ; skos:inScheme <framework/xx-nqf> ; skos:notation "1a" ; qg:rank 1 ."""),
    "a level IRI that does not match its notation": (bad_levels, """
        <framework/xx-nqf/level/one> a qg:Level ; skos:inScheme <framework/xx-nqf> ; skos:notation "1" ; qg:rank 1 ."""),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_check_reports_the_problem_it_is_for(case: str) -> None:
    check, body = BROKEN[case]
    assert check(Graph().parse(data=PREFIXES + body, format="turtle")) != []


def test_the_bundled_data_passes_the_check_an_agencys_submission_passes() -> None:
    """``qualgraph validate data/``: the bundled files, checked as one submission, conform; a record is defined in one
    file, a row per language (the DQR's German name and descriptors are rows of ``frameworks.csv`` and ``levels.csv``)."""
    from qualgraph.store import memory_store
    from qualgraph.submissions import Submissions, SubmittedFile, submission_files

    files = [SubmittedFile.from_path(p) for p in submission_files([DATA])]
    with memory_store() as store:
        _, report = Submissions(store).check(files)
    assert report.conforms, report.text()
