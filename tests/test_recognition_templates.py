"""The recognition templates.

As an officer of TESDA I keep our Training Regulations, their units, the qualifications built on them and the
results of our benchmarking with Thailand in spreadsheets. I fill in the organisations, standards,
qualifications, units, agreements, benchmarking and roadmap templates (CSV, or one XLSX workbook with the same
sheets) and load them, validate them or submit them; they may name what is already in the store. When a cell is
wrong I am told the file, the row and the column, and nothing is loaded.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from conftest import PROJECT, snapshot
from openpyxl import Workbook

from qualgraph.loading import LoadError, load_paths
from qualgraph.store import EmbeddedStore
from qualgraph.submissions import SubmissionError, Submissions, SubmittedFile

TEMPLATES = Path(__file__).parent / "fixtures" / "recognition" / "templates"
VALID = TEMPLATES / "valid"
BROKEN = TEMPLATES / "broken"
FRAMEWORKS = [PROJECT / "data" / "frameworks" / f"{slug}.ttl" for slug in ("ph-pqf", "au-aqf", "aqrf")]
ROADMAP = PROJECT / "data" / "recognition" / "mrs-roadmap.ttl"
PREFIXES = """
PREFIX qg: <https://w3id.org/qualgraph/ontology#>
PREFIX qgs: <https://w3id.org/qualgraph/status/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@pytest.fixture
def frameworks_store(store: EmbeddedStore) -> EmbeddedStore:
    """A store with the frameworks and the MRS roadmap the templates name, as the bundled data has them."""
    load_paths(store, [*FRAMEWORKS, ROADMAP], root=PROJECT)
    return store


@pytest.fixture
def loaded(frameworks_store: EmbeddedStore) -> EmbeddedStore:
    load_paths(frameworks_store, [VALID], root=TEMPLATES)
    return frameworks_store


def ask(store: EmbeddedStore, pattern: str) -> bool:
    """ASK a pattern written with ``qgid:`` names (their slashes are not allowed in SPARQL prefixed names)."""
    pattern = re.sub(r"qgid:([\w./-]*[\w-])", r"<https://w3id.org/qualgraph/id/\1>", pattern)
    result = store.query(PREFIXES + "ASK { " + pattern + " }")
    return bool(result.boolean)


def test_the_seven_templates_become_organisations_standards_qualifications_units_and_agreements(loaded):
    assert ask(loaded, """qgid:qualification/ph-pqf/masonry-nc2 a qg:Qualification ;
        qg:atLevel qgid:framework/ph-pqf/level/2 ; qg:awardedBy qgid:organisation/ph-tesda ;
        qg:occupation <http://data.europa.eu/esco/isco/C7112> ;
        qg:fieldOfEducation <http://data.europa.eu/esco/isced-f/0732> ;
        qg:basedOnStandard qgid:standard/ph-tesda-masonry-nc2 ;
        qg:hasUnit qgid:unit/ph-tesda-masonry-nc2/CON711318 ; qg:notionalLearningHours 181.0 .""")
    assert ask(loaded, """qgid:unit/ph-tesda-masonry-nc2/CON711318 a qg:UnitOfCompetency ;
        dcterms:identifier "CON711318" ; qg:unitKind "core" ;
        dcterms:isPartOf qgid:standard/ph-tesda-masonry-nc2 .
        qgid:standard/ph-tesda-masonry-nc2 qg:hasUnit qgid:unit/ph-tesda-masonry-nc2/CON711318 .""")
    assert ask(loaded, "qgid:standard/asean-rmcs-masonry a qg:RegionalModelStandard, qg:CompetencyStandard .")
    assert ask(loaded, """qgid:qualification/ph-pqf/masonry-nc2-2004 qg:status qgs:superseded ;
        dcterms:isReplacedBy qgid:qualification/ph-pqf/masonry-nc2 .""")
    assert ask(loaded, """qgid:agreement/mrs-ph-th-masonry a qg:MRSCorridor ; qg:partyCountry "PH", "TH" ;
        qg:hasRoadmap qgid:roadmap/mrs ; qg:targetsLevel qgid:framework/aqrf/level/1, qgid:framework/aqrf/level/2 .
        qgid:agreement/asean-mra-engineering qg:partyBody qgid:organisation/asean ; qg:signed "2005-12-09"^^<http://www.w3.org/2001/XMLSchema#date> .""")
    assert ask(loaded, """qgid:agreement/mrs-ph-th-masonry/progress/7b qg:roadmapStep qgid:roadmap/mrs/step/7b ;
        qg:progressStatus "planned" ; qg:progressOf qgid:agreement/mrs-ph-th-masonry .""")


def test_a_benchmarking_decision_is_a_node_with_outcome_status_date_corridor_and_source(loaded):
    decision = "qgid:benchmarking/ph-tesda-masonry-nc2/CON711318/au-cpc-training-package/CPCCBL3013/2023-06"
    assert ask(loaded, f"""{decision} a qg:BenchmarkingDecision ;
        qg:sourceUnit qgid:unit/ph-tesda-masonry-nc2/CON711318 ;
        qg:targetStandard qgid:standard/au-cpc-training-package ;
        qg:targetUnit qgid:unit/au-cpc-training-package/CPCCBL3013 ;
        qg:outcome qg:outcome-partial ; qg:status qgs:draft ; qg:corridor qgid:agreement/mrs-ph-th-masonry ;
        qg:decidedBy qgid:organisation/ph-tesda ; dcterms:source ?source .""")
    assert ask(loaded, """?d qg:sourceUnit qgid:unit/ph-tesda-masonry-nc2/CON711319 ; qg:outcome qg:outcome-no-counterpart .
        FILTER NOT EXISTS { ?d qg:targetUnit ?any }""")
    assert not ask(loaded, "?a <http://www.w3.org/2004/02/skos/core#exactMatch> ?b .")


def test_templates_may_name_records_already_in_the_store(frameworks_store, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    for name in ("organisations.csv", "standards.csv", "qualifications.csv", "units.csv", "agreements.csv"):
        shutil.copy(VALID / name, first)
    for name in ("benchmarking.csv", "roadmap.csv"):
        shutil.copy(VALID / name, second)
    load_paths(frameworks_store, [first], root=tmp_path)
    load_paths(frameworks_store, [second], root=tmp_path)
    assert ask(frameworks_store, "?d qg:outcome qg:outcome-equivalent ; qg:targetUnit qgid:unit/asean-rmcs-masonry/RMAS01 .")


def test_an_xlsx_workbook_with_the_same_sheets_loads_the_same(frameworks_store, store, tmp_path):
    book = Workbook()
    book.remove(book.active)
    for path in sorted(VALID.glob("*.csv")):
        sheet = book.create_sheet(path.stem)
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.reader(f):
                sheet.append(row)
    book.save(tmp_path / "tesda.xlsx")
    load_paths(frameworks_store, [tmp_path / "tesda.xlsx"], root=tmp_path)
    assert ask(frameworks_store, """qgid:qualification/au-aqf/CPC33020 qg:hasUnit qgid:unit/au-cpc-training-package/CPCCBL2001 .
        qgid:agreement/mrs-ph-th-masonry/progress/2 qg:progressStatus "in-progress" .""")


# fixture (named after the rule it breaks), row, column, a phrase of the problem
BROKEN_CASES = [
    ("qualification-level-not-in-its-framework-qualifications", 2, "level", "ph-pqf has no level '9'"),
    ("awarding-body-not-an-organisation-qualifications", 2, "awarding_body", "organisation 'tesda' is not in the store"),
    ("isco-code-not-a-code-qualifications", 2, "isco", "is not an ISCO-08 code"),
    ("qualification-code-with-spaces-qualifications", 2, "code", "letters, digits"),
    ("unit-of-unknown-standard-units", 2, "standard", "standard 'ph-tesda-carpentry-nc2' is not in the store"),
    ("unit-kind-not-in-list-units", 2, "kind", "is not one of core, common, basic, elective"),
    ("unit-of-unknown-qualification-units", 2, "qualification", "qualification ph-pqf:tile-setting-nc2 is not in"),
    ("benchmarked-against-its-own-standard-benchmarking", 2, "compared_standard", "not against its own"),
    ("no-counterpart-names-a-unit-benchmarking", 2, "compared_unit", "leave compared_unit empty"),
    ("equivalent-names-no-unit-benchmarking", 2, "compared_unit", "names the unit of au-cpc-training-package"),
    ("unit-benchmarked-twice-against-one-standard-benchmarking", 3, "status", "already has an accepted decision"),
    ("benchmarking-date-not-in-calendar-benchmarking", 2, "decided", "2023-13-45 is not a date"),
    ("compared-unit-not-in-compared-standard-benchmarking", 2, "compared_unit",
     "unit au-cpc-training-package:RMAS01 is not in the store"),
    ("agreement-kind-unknown-agreements", 2, "kind", "is not one of mra, mrs-corridor"),
    ("party-neither-country-code-nor-body-agreements", 2, "parties", "'philippines' is not in the store"),
    ("agreement-without-source-agreements", 2, "source", "give the URL of the document"),
    ("step-not-in-the-roadmap-roadmap", 2, "step", "its steps are 1, 2, 3, 4, 5, 6, 7a, 7b"),
    ("progress-of-an-agreement-without-roadmap-roadmap", 2, "agreement", "follows no roadmap"),
    ("progress-status-unknown-roadmap", 2, "status", "is not one of done, in-progress, planned"),
    ("standard-kind-unknown-standards", 2, "kind", "is not one of national, sectoral, regional"),
    ("organisation-role-unknown-organisations", 2, "roles", "role 'ministry' is not one of"),
]


def test_every_broken_fixture_is_in_the_table():
    assert {p.stem for p in BROKEN.glob("*.csv")} == {case[0] for case in BROKEN_CASES}


@pytest.mark.parametrize("name,row,column,phrase", BROKEN_CASES, ids=[c[0] for c in BROKEN_CASES])
def test_a_broken_row_is_reported_at_its_cell_and_nothing_is_loaded(loaded, name, row, column, phrase):
    before = snapshot(loaded)
    with pytest.raises(LoadError) as raised:
        load_paths(loaded, [BROKEN / f"{name}.csv"], root=TEMPLATES)
    problems = raised.value.problems
    assert any(p.row == row and p.column == column and phrase in p.message for p in problems), \
        "\n".join(str(p) for p in problems)
    assert snapshot(loaded) == before


def test_every_problem_of_every_file_is_reported_in_one_run(loaded):
    with pytest.raises(LoadError) as raised:
        load_paths(loaded, sorted(BROKEN.glob("*-benchmarking.csv")), root=TEMPLATES)
    files = {Path(p.file).stem for p in raised.value.problems}
    assert files == {p.stem for p in BROKEN.glob("*-benchmarking.csv")}


def test_a_unit_benchmarked_twice_in_two_files_is_reported_at_the_second_row(loaded):
    folder = TEMPLATES / "broken-across-files"
    with pytest.raises(LoadError) as raised:
        load_paths(loaded, sorted(folder.glob("*.csv")), root=TEMPLATES)
    (problem,) = raised.value.problems
    assert (Path(problem.file).name, problem.row, problem.column) == ("2024-benchmarking.csv", 2, "status")
    assert "2023-benchmarking.csv, row 2" in problem.message


def _files(folder: Path, *names: str) -> list[SubmittedFile]:
    return [SubmittedFile(f"{folder.name}/{n}", (folder / n).read_bytes(), "text/csv") for n in names]


def test_validation_checks_the_templates_with_the_shapes_and_finds_them_conforming(frameworks_store):
    names = [p.name for p in sorted(VALID.glob("*.csv"))]
    _, report = Submissions(frameworks_store).check(_files(VALID, *names))
    assert report.conforms, report.text()


def test_validation_reports_a_broken_template_at_its_file_row_and_column(loaded):
    with pytest.raises(SubmissionError) as refused:
        Submissions(loaded).check(_files(BROKEN, "step-not-in-the-roadmap-roadmap.csv"))
    report = refused.value.report
    assert not report.conforms
    finding = next(f for f in report.findings if "step" in f.message)
    assert (finding.file, finding.row, finding.column) == ("broken/step-not-in-the-roadmap-roadmap.csv", 2, "step")


def test_the_bundled_recognition_data_loads_and_conforms(store):
    load_paths(store, [PROJECT / "data"], root=PROJECT)
    folder = PROJECT / "data" / "recognition"
    names = [p.name for p in sorted(folder.glob("*.csv"))]
    files = [SubmittedFile(f"recognition/{n}", (folder / n).read_bytes(), "text/csv") for n in names]
    _, report = Submissions(store).check(files)
    assert report.conforms, report.text()
    assert ask(store, """qgid:agreement/mrs-th-clm-construction/progress/5 qg:progressStatus "done" ;
        dcterms:date "2019-09"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> .""")


def _upload(paths: list[Path]) -> list[tuple[str, tuple[str, bytes]]]:
    return [("file", (p.name, p.read_bytes())) for p in paths]


def test_the_templates_are_validated_over_http_with_row_and_column(bundled_service):
    import httpx

    good = httpx.post(f"{bundled_service.url}/api/validate", files=_upload(sorted(VALID.glob("*.csv"))), timeout=60)
    assert (good.status_code, good.json()["status"]) == (200, "valid"), good.text
    bad = httpx.post(f"{bundled_service.url}/api/validate",
                     files=_upload([BROKEN / "qualification-level-not-in-its-framework-qualifications.csv"]), timeout=60)
    findings = bad.json()["report"]["problems"]
    assert any(f.get("row") == 2 and f.get("column") == "level" and "ph-pqf has no level '9'" in f["message"]
               for f in findings), bad.text


def test_the_templates_are_submitted_and_stored_by_an_agency(tmp_path):
    from conftest import ADMIN_TOKEN, agency_service

    store = EmbeddedStore(None)  # the frameworks and the roadmap, without the bundled recognition records
    load_paths(store, [*FRAMEWORKS, ROADMAP], root=PROJECT)
    tokens = '[agencies.ph-tesda]\ntoken = "tesda-token"\nframeworks = ["ph-pqf", "au-aqf"]\n'
    with agency_service(tokens, tmp_path, store) as service:
        response = service.client.post("/api/submissions", params={"name": "tesda-masonry"},
                                       files=_upload(sorted(VALID.glob("*.csv"))),
                                       headers={"Authorization": "Bearer tesda-token"})
        assert response.status_code == 201, response.text
        assert ask(service.store, """GRAPH ?g { qgid:benchmarking/ph-tesda-masonry-nc2/CON711318/asean-rmcs-masonry/RMAS01/2023
            qg:outcome qg:outcome-equivalent }""")
        refused = service.client.post("/api/submissions", params={"name": "broken", "agency": "ph-tesda"},
                                      files=_upload([BROKEN / "step-not-in-the-roadmap-roadmap.csv"]),
                                      headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
        assert refused.status_code in (400, 422), refused.text
        assert "row 2" in refused.text and "step" in refused.text
