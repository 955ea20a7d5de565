"""The report kept with an accepted submission still says where in my files each point is.

As an officer, I submitted our level 9 as a spreadsheet template with an extra column, and a Turtle file
adding its Filipino name without a language tag: accepted, with two warnings. A week later I open the
submission again (``GET /api/submissions/{agency}/{name}``) and the report still tells me the file, row and
column of each warning — in JSON, in the standard SHACL report as Turtle (``qg:inputFile``, ``qg:inputRow``,
``qg:inputColumn``, terms of the qualgraph ontology) and on the HTML page — as the first answer did.

The submission is made once, with :class:`qualgraph.submissions.Submissions` on an in-memory store holding the
bundled data; the report kept with it is read back there, and as ``Accept`` asks from the service running for
real (uvicorn on a loopback port) on that store.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH, SKOS

from conftest import FIXTURES, agency_service, bundled_data_store
from qualgraph.submissions import SubmissionId, Submissions, SubmittedFile
from qualgraph.vocab import QG

FOLDER = FIXTURES / "submissions" / "level-9-from-a-template-with-a-name-without-language"
TOKEN = "pqf-ncc-token"
SID = SubmissionId.of("ph-pqf-ncc", "ph-pqf-level-9")
URL = "/api/submissions/ph-pqf-ncc/ph-pqf-level-9"
LABEL_CELL = ("levels.csv", 2, "label")  # the row that defines level 9, the column of its name
UNKNOWN_COLUMN = ("levels.csv", 1, "remarks")  # the header cell of a column the template does not know


@pytest.fixture(scope="module")
def submissions():
    """The bundled data, with the template submission accepted once (as the PQF-NCC's token lets it)."""
    store = bundled_data_store()
    submissions = Submissions(store)
    files = [SubmittedFile.from_path(p) for p in sorted(FOLDER.iterdir())]
    submissions.accepted = submissions.submit(files, agency=SID.agency, name=SID.name, frameworks=["ph-pqf"])
    yield submissions
    store.close()


@pytest.fixture(scope="module")
def service(submissions, tmp_path_factory):
    """The service on that store, with the PQF-NCC's token."""
    tokens = f'[agencies.ph-pqf-ncc]\ntoken = "{TOKEN}"\nframeworks = ["ph-pqf"]\n'
    with agency_service(tokens, tmp_path_factory.mktemp("tokens"), submissions.store) as running:
        yield running


def places(problems: list[dict]) -> set[tuple]:
    return {(p["file"], p["row"], p["column"]) for p in problems}


def test_the_first_answer_names_the_cells(submissions):
    assert submissions.accepted.accepted, submissions.accepted.report.text()  # 201
    assert places(submissions.accepted.report.to_json()["problems"]) == {LABEL_CELL, UNKNOWN_COLUMN}


def test_the_report_fetched_later_as_json_keeps_file_row_and_column(submissions):
    problems = submissions.get(SID).to_json(with_report=True)["report"]["problems"]

    assert places(problems) == {LABEL_CELL, UNKNOWN_COLUMN}
    [warning] = [p for p in problems if p["shape"]]
    assert (warning["focus_label"], warning["path"], warning["place"]) == (
        "ph-pqf:9", "skos:prefLabel", "levels.csv, row 2, column 'label'")
    [note] = [p for p in problems if not p["shape"]]
    assert "no column 'remarks'" in note["message"] and not note["message"].startswith("levels.csv")


def test_the_report_fetched_later_as_turtle_keeps_the_cell_on_each_result(service):
    response = service.client.get(URL, headers={"Accept": "text/turtle"})

    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    report = Graph().parse(data=response.text, format="turtle")
    [result] = report.subjects(RDF.type, SH.ValidationResult)
    assert (report.value(result, QG.inputFile), report.value(result, QG.inputRow),
            report.value(result, QG.inputColumn)) == (Literal("levels.csv"), Literal(2), Literal("label"))
    [note] = report.objects(None, SKOS.note)
    assert (report.value(note, QG.inputRow), report.value(note, QG.inputColumn)) == (Literal(1), Literal("remarks"))


def test_the_report_fetched_later_as_html_shows_the_cells(service):
    response = service.client.get(URL, headers={"Accept": "text/html"})

    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "levels.csv, row 2, column &#39;label&#39;" in page
    assert "levels.csv, row 1, column &#39;remarks&#39;" in page
    assert "<h2>Framework ph-pqf</h2>" in page


def test_the_submission_itself_is_still_json_by_default(service):
    body = service.client.get(URL).json()
    assert (body["id"], body["status"], body["version"]) == ("ph-pqf-ncc/ph-pqf-level-9", "accepted", 1)
