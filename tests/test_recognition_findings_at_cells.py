"""What the shapes find in a recognition template is shown at its cell.

As an officer of TESDA I submit our organisations, qualifications and benchmarking decisions as spreadsheet
templates. The loader checks each cell; the shapes then check the records together with what the store already
holds about them. When the shapes find a problem with a record one of my rows defines (the hours of a
qualification disagree with those the store holds, our jurisdiction is written two ways, a unit ends up with two
accepted decisions against one standard) I am told the file, the row and the column to correct, as for the
framework templates: from ``qualgraph validate``, from ``POST /api/validate`` and from ``POST /api/submissions``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ADMIN_TOKEN, PROJECT, agency_service, snapshot

from qualgraph.cli import main
from qualgraph.loading import load_paths
from qualgraph.store import EmbeddedStore
from qualgraph.submissions import SubmissionError, Submissions, SubmittedFile

FINDINGS = Path(__file__).parent / "fixtures" / "recognition" / "findings"
TEMPLATES = Path(__file__).parent / "fixtures" / "recognition" / "templates"
FRAMEWORKS = [PROJECT / "data" / "frameworks" / f"{slug}.ttl" for slug in ("ph-pqf", "au-aqf", "aqrf")]
ROADMAP = PROJECT / "data" / "recognition" / "mrs-roadmap.ttl"

# Each broken fixture, redefining a record of the bundled data, and where its finding is placed.
AT_CELLS = [
    # fixture, row, column, what the finding says, the record's label
    ("qualification-with-two-hours-qualifications.csv", 2, "hours",
     "notional learning hours (qg:notionalLearningHours) are one number", "Masonry NC II"),
    ("organisation-with-two-jurisdictions-organisations.csv", 2, "jurisdiction",
     "jurisdiction of an organisation (qg:jurisdiction) is one", "Technical Education and Skills Development Authority"),
]


def test_every_fixture_is_in_the_table():
    assert sorted(p.name for p in FINDINGS.glob("*.csv")) == sorted(name for name, *_ in AT_CELLS)


def _upload(path: Path) -> list[tuple[str, tuple[str, bytes]]]:
    return [("file", (path.name, path.read_bytes()))]


@pytest.mark.parametrize(("name", "row", "column", "phrase", "label"), AT_CELLS)
def test_qualgraph_validate_names_the_file_row_and_column(bundled_store_path, capsys, name, row, column, phrase,
                                                          label):
    status = main(["--store", str(bundled_store_path), "validate", "--format", "json", str(FINDINGS / name)])
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert status != 0
    [problem] = [p for p in problems if phrase in p["message"]]
    assert (Path(problem["file"]).name, problem["row"], problem["column"]) == (name, row, column)
    assert problem["focus_label"] == label


@pytest.mark.parametrize(("name", "row", "column", "phrase", "label"), AT_CELLS)
def test_the_validation_service_names_the_file_row_and_column(bundled_service, name, row, column, phrase, label):
    import httpx

    response = httpx.post(f"{bundled_service.url}/api/validate", files=_upload(FINDINGS / name), timeout=60)
    body = response.json()
    assert body["status"] != "valid", response.text
    [problem] = [p for p in body["report"]["problems"] if phrase in p["message"]]
    assert (problem["file"], problem["row"], problem["column"]) == (name, row, column)
    assert problem["focus_label"] == label


def test_a_refused_submission_names_the_file_row_and_column_and_stores_nothing(tmp_path):
    name, row, column, phrase, _ = AT_CELLS[0]
    with agency_service("", tmp_path) as service:
        before = snapshot(service.store)
        response = service.client.post("/api/submissions", params={"name": "tesda-qualifications", "agency": "ph-tesda"},
                                       files=_upload(FINDINGS / name),
                                       headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
        assert response.status_code == 422, response.text
        [problem] = [p for p in response.json()["report"]["problems"] if phrase in p["message"]]
        assert (problem["file"], problem["row"], problem["column"]) == (name, row, column)
        assert snapshot(service.store) == before


def test_a_second_accepted_decision_is_shown_at_the_decision_row_not_at_the_unit(store: EmbeddedStore):
    """The unit is in the store, the earlier decision in an RDF file of the same submission: the row to correct
    is the template's decision row (its status), named in the message too."""
    load_paths(store, [*FRAMEWORKS, ROADMAP], root=PROJECT)
    load_paths(store, [TEMPLATES / "valid"], root=TEMPLATES)
    folder = FINDINGS / "unit-benchmarked-twice-against-one-standard"
    files = [SubmittedFile(f"{folder.name}/{p.name}", p.read_bytes(), "text/turtle" if p.suffix == ".ttl" else "text/csv")
             for p in sorted(folder.iterdir())]
    _, report = Submissions(store).check(files)
    [finding] = [f for f in report.findings if f.shape == "qgsh:OneAcceptedBenchmarkingPerUnitAndStandard"]
    where = f"{folder.name}/benchmarking.csv"
    assert (finding.file, finding.row, finding.column) == (where, 2, "status")
    assert finding.message.endswith(f"(the accepted decisions: {where}, row 2)")


def test_a_record_defined_in_two_rows_is_reported_at_the_second(store: EmbeddedStore):
    """Each record appears once in a submission, in the recognition templates as in the framework templates."""
    lines = (TEMPLATES / "valid" / "organisations.csv").read_text(encoding="utf-8").splitlines()
    data = "\n".join([lines[0], lines[1], lines[1]]) + "\n"
    files = [SubmittedFile("twice/organisations.csv", data.encode(), "text/csv")]
    with pytest.raises(SubmissionError) as refused:
        Submissions(store).check(files)
    [finding] = [f for f in refused.value.report.findings if "already defined" in f.message]
    assert (finding.file, finding.row, finding.column) == ("twice/organisations.csv", 3, "organisation")
    assert finding.message.startswith("organisation ph-tesda is already defined in row 2")


def test_an_accepted_decision_another_submission_made_counts_too(store: EmbeddedStore):
    """The earlier accepted decision about the unit was made by another submission and is in the store: the new
    one is still the second accepted decision against that standard, and is shown at its row."""
    load_paths(store, [*FRAMEWORKS, ROADMAP], root=PROJECT)
    load_paths(store, [TEMPLATES / "valid"], root=TEMPLATES)
    folder = FINDINGS / "unit-benchmarked-twice-against-one-standard"
    load_paths(store, [folder / "earlier-decision.ttl"], root=FINDINGS)
    files = [SubmittedFile(f"{folder.name}/benchmarking.csv", (folder / "benchmarking.csv").read_bytes(), "text/csv")]
    _, report = Submissions(store).check(files)
    [finding] = [f for f in report.findings if f.shape == "qgsh:OneAcceptedBenchmarkingPerUnitAndStandard"]
    assert (finding.file, finding.row, finding.column) == (f"{folder.name}/benchmarking.csv", 2, "status")
