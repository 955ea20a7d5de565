"""The report kept with an accepted submission still says where in my files each point is.

As an officer, I submitted our level 9 as a spreadsheet template with an extra column, and a Turtle file
adding its Filipino name without a language tag: accepted, with two warnings. A week later I open the
submission again (``GET /api/submissions/{agency}/{name}``) and the report still tells me the file, row and
column of each warning — in JSON, in the standard SHACL report as Turtle (``qg:inputFile``, ``qg:inputRow``,
``qg:inputColumn``, terms of the qualgraph ontology) and on the HTML page — as the first answer did.
"""

from __future__ import annotations

import httpx
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH, SKOS

from conftest import FIXTURES
from qualgraph.config import PROJECT_ROOT
from qualgraph.loading import load_paths
from qualgraph.store import EmbeddedStore
from qualgraph.vocab import QG
from service_support import running_service

FOLDER = FIXTURES / "submissions" / "level-9-from-a-template-with-a-name-without-language"
TOKEN = "pqf-ncc-token"
URL = "/api/submissions/ph-pqf-ncc/ph-pqf-level-9"
LABEL_CELL = ("levels.csv", 2, "label")  # the row that defines level 9, the column of its name
UNKNOWN_COLUMN = ("levels.csv", 1, "remarks")  # the header cell of a column the template does not know


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """The service on the bundled data, with the template submission accepted once."""
    store = EmbeddedStore(None)
    load_paths(store, [PROJECT_ROOT / "data"], root=PROJECT_ROOT)
    tokens = tmp_path_factory.mktemp("tokens") / "tokens.toml"
    tokens.write_text(f'[agencies.ph-pqf-ncc]\ntoken = "{TOKEN}"\nframeworks = ["ph-pqf"]\n', encoding="utf-8")
    with running_service(store=store, admin_token="admin-token", tokens_file=tokens, query_workers=0) as running:
        from qualgraph.web import submissions

        if "/api/submissions" not in {getattr(r, "path", None) for r in running.app.routes}:
            running.app.include_router(submissions.router)
        with httpx.Client(base_url=running.url, timeout=60) as client:
            files = [("file", (p.name, p.read_bytes())) for p in sorted(FOLDER.iterdir())]
            running.accepted = client.post("/api/submissions", files=files, params={"name": "ph-pqf-level-9"},
                                           headers={"Authorization": f"Bearer {TOKEN}"})
            running.client = client
            yield running


def places(problems: list[dict]) -> set[tuple]:
    return {(p["file"], p["row"], p["column"]) for p in problems}


def test_the_first_answer_names_the_cells(service):
    assert service.accepted.status_code == 201, service.accepted.text
    assert places(service.accepted.json()["report"]["problems"]) == {LABEL_CELL, UNKNOWN_COLUMN}


def test_the_report_fetched_later_as_json_keeps_file_row_and_column(service):
    problems = service.client.get(URL).json()["report"]["problems"]

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
