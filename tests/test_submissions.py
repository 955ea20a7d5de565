"""Validated submissions.

As an officer of a national qualifications agency (here the Philippine PQF-NCC), I submit our referencing
decisions — as Turtle or as the spreadsheet templates — with the token the secretariat gave us. Within
seconds I am told either "accepted", with the address of the submission, or what to fix, in words I can act on
and at the row and column of my spreadsheet; nothing invalid enters the graph. A resubmission replaces my
previous version as a whole, and I can withdraw it. The secretariat sees every submission, its versions, who
made them and when, and the comparable levels follow the accepted data at once.

What is stored, its versions, provenance and report are shown on :class:`qualgraph.submissions.Submissions`,
the workflow the service runs, on an in-memory store holding the bundled data, submitting as the PQF-NCC's
token lets it (for ``ph-pqf``). What HTTP adds — status codes, ``Location``, tokens, the report as ``Accept``
asks — is shown on the service running for real (uvicorn on a loopback port) on such a store; and the command
line on a store on disk. The decisions submitted here are made-up test data with status ``qgs:illustrative``.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import httpx
import pytest
from rdflib import Graph
from rdflib.namespace import SH

from conftest import ADMIN_TOKEN, FIXTURES, PROJECT, agency_service, bundled_data_store, snapshot
from qualgraph.comparability import comparable_levels
from qualgraph.store import EmbeddedStore
from qualgraph.submissions import PROVENANCE_GRAPH, Outcome, SubmissionError, SubmissionId, Submissions, SubmittedFile

SUBMISSIONS = FIXTURES / "submissions"
AGENCY = "ph-pqf-ncc"
AGENCY_FRAMEWORKS = ["ph-pqf"]  # what the agency's token below lets it submit for
AGENCY_TOKEN = "pqf-ncc-token"
OTHER_AGENCY_TOKEN = "nzqa-token"
TOKENS = f"""
[agencies.ph-pqf-ncc]
token = "{AGENCY_TOKEN}"
frameworks = ["ph-pqf"]

[agencies.nz-nzqa]
token = "{OTHER_AGENCY_TOKEN}"
frameworks = ["nz-nzqcf"]
"""
SID = SubmissionId.of(AGENCY, "ph-pqf-aqrf")
SUBMISSION = "/api/submissions/ph-pqf-ncc/ph-pqf-aqrf"


@pytest.fixture
def service(tmp_path):
    """The service on an in-memory store with the bundled data, and two agencies' tokens."""
    with agency_service(TOKENS, tmp_path) as running:
        yield running


def auth(token: str | None = AGENCY_TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


def turtle(name: str) -> bytes:
    return (SUBMISSIONS / name).read_bytes()


def body(data: bytes, media_type: str = "text/turtle", name: str = "request body") -> list[SubmittedFile]:
    """Data sent as a request's body (a file name only if the request gives one), as the service reads it."""
    return [SubmittedFile(name, data, media_type)]


def submit(submissions: Submissions, name: str, submission: str = "ph-pqf-aqrf", **kwargs) -> Outcome:
    """Submit a fixture file as the PQF-NCC (as its token lets it), under ``submission``."""
    return submissions.submit(body(turtle(name), name=name), agency=AGENCY, name=submission,
                              frameworks=AGENCY_FRAMEWORKS, **kwargs)


def submit_turtle(service, name: str, *, token: str = AGENCY_TOKEN, submission: str = "ph-pqf-aqrf",
                  accept: str = "application/json", **params: str) -> httpx.Response:
    headers = {"Content-Type": "text/turtle", "Content-Disposition": f'attachment; filename="{name}"', "Accept": accept}
    return service.client.post("/api/submissions", content=turtle(name), params={"name": submission, **params},
                                headers={**headers, **auth(token)})


def upload(service, url: str, paths: list[Path], *, token: str | None = AGENCY_TOKEN, **params: str) -> httpx.Response:
    files = [("file", (p.name, p.read_bytes())) for p in paths]
    return service.client.post(url, files=files, params=params, headers=auth(token) if token else {})


def decisions_in(store, graph: str) -> set[str]:
    """The decisions in one named graph, as the tail of their IRIs (``ph-pqf/4/aqrf/4/illustrative``)."""
    rows = store.select_values("PREFIX qg: <https://w3id.org/qualgraph/ontology#> "
                               f"SELECT ?d WHERE {{ GRAPH <{graph}> {{ ?d a qg:ReferencingDecision }} }}")
    return {r["d"].rsplit("/correspondence/", 1)[-1] for r in rows}


def problems(outcome: Outcome) -> list[dict]:
    """The report's problems as the service sends them in JSON."""
    return outcome.report.to_json()["problems"]


# -- what is stored: the workflow, on Submissions --------------------------------------------------------------
def test_the_data_is_validated_together_with_what_it_refers_to_in_the_store(submissions):
    """PQF level 8 has rank 8 in the bundled data: a new level 9 with rank 8 breaks a rule across records."""
    outcome = submit(submissions, "rank-already-used-in-the-store.ttl", "ph-pqf-level-9")
    assert not outcome.accepted  # 422
    [problem] = problems(outcome)
    assert problem["shape"] == "qgsh:UniqueRankInFramework"
    assert "rank 8" in problem["message"] and "ph-pqf:8" in problem["message"] and "ph-pqf:9" in problem["message"]


def test_warnings_do_not_block_acceptance(submissions):
    outcome = submit(submissions, "level-name-without-language.ttl", "ph-pqf-names")
    assert outcome.accepted  # 201
    [warning] = problems(outcome)
    assert (warning["severity"], warning["focus_label"], warning["value"]) == ("Warning", "ph-pqf:5", "Antas 5")
    kept = submissions.get(SubmissionId.of(AGENCY, "ph-pqf-names")).report.to_json()["problems"]
    assert [(w["severity"], w["focus_label"], w["path"]) for w in kept] == [("Warning", "ph-pqf:5", "skos:prefLabel")]


def test_a_resubmission_replaces_the_previous_version_as_a_whole(submissions):
    assert submit(submissions, "ph-pqf--aqrf.ttl").accepted
    second = submit(submissions, "ph-pqf--aqrf-level-4-only.ttl")
    assert second.accepted and second.version == 2
    assert decisions_in(submissions.store, str(second.submission.graph)) == {"ph-pqf/4/aqrf/4/illustrative"}
    versions = submissions.get(SID).to_json()["versions"]
    assert [(v["number"], v["status"], v["previous"]) for v in versions] == [
        (1, "superseded", None), (2, "accepted", 1)]


def test_a_resubmission_is_not_judged_against_its_own_previous_version(submissions):
    """Version 2 moves the made-up PQF level 9 from rank 9 to rank 10: checked against version 1 too, level 9
    would have two ranks; version 1 is left out because version 2 replaces it."""
    rank_9 = (SUBMISSIONS / "duplicate-level-in-two-files" / "level-9-rank-9.ttl").read_bytes()
    rank_10 = rank_9.replace(b"qg:rank 9", b"qg:rank 10")
    as_agency = {"agency": AGENCY, "name": "ph-pqf-level-9", "frameworks": AGENCY_FRAMEWORKS}
    first = submissions.submit(body(rank_9), **as_agency)
    assert first.accepted, first.report.text()
    _, alone = submissions.check(body(rank_10))
    assert not alone.conforms  # "invalid"
    assert [p["path"] for p in alone.to_json()["problems"]] == ["qg:rank"]
    _, as_version_2 = submissions.check(body(rank_10), replacing=SubmissionId.parse("ph-pqf-ncc/ph-pqf-level-9"))
    assert as_version_2.conforms  # "valid"
    second = submissions.submit(body(rank_10), **as_agency)
    assert (second.accepted, second.version) == (True, 2)


def test_each_version_keeps_its_provenance_in_prov_o(submissions):
    submit(submissions, "ph-pqf--aqrf.ttl")
    submit(submissions, "ph-pqf--aqrf-level-4-only.ttl")
    asked = f"""
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX spdx: <http://spdx.org/rdf/terms#>
        ASK {{ GRAPH <{PROVENANCE_GRAPH}> {{
            ?v2 a prov:Entity ;
                prov:specializationOf <https://w3id.org/qualgraph/id/submission/ph-pqf-ncc/ph-pqf-aqrf> ;
                prov:wasAttributedTo <https://w3id.org/qualgraph/id/organisation/ph-pqf-ncc> ;
                prov:generatedAtTime ?when ;
                prov:wasRevisionOf ?v1 ;
                spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha256 ; spdx:checksumValue ?sum ] ;
                prov:wasDerivedFrom [ rdfs:label "ph-pqf--aqrf-level-4-only.ttl" ] .
            ?v1 prov:invalidatedAtTime ?replaced .
        }} }}"""
    assert submissions.store.query(asked).boolean is True
    listed = [info.to_json() for info in submissions.list()]
    [entry] = [s for s in listed if s["id"] == "ph-pqf-ncc/ph-pqf-aqrf"]
    sent = hashlib.sha256(turtle("ph-pqf--aqrf-level-4-only.ttl")).hexdigest()
    assert entry["versions"][1]["files"] == [{"name": "ph-pqf--aqrf-level-4-only.ttl", "sha256": sent}]
    assert submissions.list("nz-nzqa") == []


def test_template_input_reports_the_file_row_and_column_of_each_problem(submissions):
    path = SUBMISSIONS / "templates-broken" / "referencing-to-a-national-framework" / "referencing.csv"
    outcome = submissions.submit([SubmittedFile.from_path(path)], agency=AGENCY, name="ph-pqf-referencing",
                                 frameworks=AGENCY_FRAMEWORKS)
    assert not outcome.accepted  # 422
    found = problems(outcome)
    assert {(p["file"], p["row"], p["column"], p["shape"]) for p in found} == {
        ("referencing.csv", 3, "reference_framework", "qgsh:ReferencingToReferenceLevel"),
        ("referencing.csv", 3, "reference_framework", "qgsh:ReferencingReportToReferenceFramework"),
    }
    for p in found:
        assert set(p) >= {"severity", "focus", "focus_label", "path", "value", "message", "shape",
                          "file", "row", "column"}


def test_a_record_described_in_another_submission_is_validated_with_that_description(submissions):
    """One qualification in two submissions is one record: a second code for it is refused."""
    assert submit(submissions, "qualification-ph-pqf-bookkeeping.ttl", "ph-pqf-quals").accepted
    outcome = submit(submissions, "qualification-with-a-second-code-in-another-submission.ttl", "ph-pqf-quals-2")
    assert not outcome.accepted  # 422
    [problem] = problems(outcome)
    assert (problem["shape"], problem["path"]) == ("qgsh:Qualification-identifier", "dcterms:identifier")
    # a new version of the same submission replaces the old description: no conflict
    assert submit(submissions, "qualification-with-a-second-code-in-another-submission.ttl", "ph-pqf-quals").accepted


def test_a_unit_described_in_another_submission_is_validated_with_that_description(submissions):
    """A unit of competency belongs to no framework, yet in two submissions it is still one record."""
    assert submit(submissions, "unit-ph-journalize-transactions.ttl", "ph-bk-units").accepted
    outcome = submit(submissions, "unit-with-a-second-code-in-another-submission.ttl", "ph-bk-units-2")
    assert not outcome.accepted, outcome.report.text()  # 422
    [problem] = problems(outcome)
    assert (problem["shape"], problem["path"]) == ("qgsh:Unit-identifier", "dcterms:identifier")
    # as a new version of its own submission, it replaces the old description: no conflict
    assert submit(submissions, "unit-with-a-second-code-in-another-submission.ttl", "ph-bk-units").accepted


# -- nothing is fetched ------------------------------------------------------------------------------------------
@pytest.fixture
def watched_server():
    """A loopback HTTP server that records every request, to prove nothing is fetched."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/turtle")
            self.end_headers()
            self.wfile.write(b"")

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    server.requests = requests
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def test_owl_imports_in_a_submission_are_never_fetched(submissions, watched_server):
    data = turtle("ph-pqf--aqrf.ttl") + (
        f"\n<https://example.org/our-submission> <http://www.w3.org/2002/07/owl#imports> "
        f"<{watched_server.url}/more-shapes.ttl> .\n").encode()
    outcome = submissions.submit(body(data), agency=AGENCY, name="ph-pqf-aqrf", frameworks=AGENCY_FRAMEWORKS)
    assert outcome.accepted  # 201
    assert watched_server.requests == []


def test_a_remote_json_ld_context_is_never_fetched(submissions, watched_server):
    data = json.dumps({"@context": f"{watched_server.url}/context.jsonld",
                       "@id": "https://w3id.org/qualgraph/id/framework/ph-pqf/level/5", "name": "Antas 5"})
    with pytest.raises(SubmissionError) as refused:
        submissions.check(body(data.encode(), "application/ld+json"))
    assert refused.value.status == 400
    assert watched_server.requests == []


# -- over HTTP: status codes, Location, tokens, the report as Accept asks ------------------------------------------
def test_an_accepted_submission_answers_201_with_its_url_and_enters_its_own_graph(service):
    response = submit_turtle(service, "ph-pqf--aqrf.ttl")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "accepted" and body["version"] == 1
    assert response.headers["location"] == body["url"] == f"{service.url}{SUBMISSION}"
    assert body["graph"] == "https://w3id.org/qualgraph/graph/submission/ph-pqf-ncc/ph-pqf-aqrf"
    assert decisions_in(service.store, body["graph"]) == {
        "ph-pqf/4/aqrf/4/illustrative", "ph-pqf/5/aqrf/5/illustrative", "ph-pqf/6/aqrf/6/illustrative"}
    assert service.client.get(body["url"]).json()["status"] == "accepted"


def test_a_rejected_submission_answers_422_with_the_report_and_changes_nothing(service):
    before = snapshot(service.store)
    response = submit_turtle(service, "decision-without-source.ttl")
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == "rejected"
    [problem] = body["report"]["problems"]
    assert problem["severity"] == "Violation" and problem["focus_label"] == "ph-pqf:5 → aqrf:5"
    assert problem["path"] == "dcterms:source"
    assert snapshot(service.store) == before
    assert service.client.get(SUBMISSION).status_code == 404  # not even a record of the attempt


def test_withdrawing_removes_the_data_and_keeps_the_record(service):
    created = submit_turtle(service, "ph-pqf--aqrf.ttl").json()
    assert service.client.delete(SUBMISSION).status_code == 401
    assert service.client.delete(SUBMISSION, headers=auth(OTHER_AGENCY_TOKEN)).status_code == 403
    withdrawn = service.client.delete(SUBMISSION, headers=auth())
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert decisions_in(service.store, created["graph"]) == set()
    versions = service.client.get(SUBMISSION).json()["versions"]
    assert [(v["number"], v["status"]) for v in versions] == [(1, "withdrawn")]
    assert versions[0]["withdrawn_by"] == "https://w3id.org/qualgraph/id/organisation/ph-pqf-ncc"
    assert service.client.delete(SUBMISSION, headers=auth()).status_code == 409


def test_derived_comparability_reflects_an_accepted_submission_immediately(service):
    asked = {"from": "ph-pqf:5", "include": "illustrative"}
    assert service.client.get("/api/equivalences", params=asked).json() == []
    assert submit_turtle(service, "ph-pqf--aqrf.ttl").status_code == 201
    answers = service.client.get("/api/equivalences", params=asked).json()
    assert [(a["level"], a["route"]) for a in answers] == [("aqrf:5", "direct")]
    assert comparable_levels(service.store, "ph-pqf:5", include=["illustrative"])[0].level == "aqrf:5"
    service.client.delete(SUBMISSION, headers=auth())
    assert service.client.get("/api/equivalences", params=asked).json() == []


def test_submitting_needs_a_token_and_a_valid_one(service):
    before = snapshot(service.store)
    assert submit_turtle(service, "ph-pqf--aqrf.ttl", token="").status_code == 401
    assert submit_turtle(service, "ph-pqf--aqrf.ttl", token="not-a-token").status_code == 403
    assert snapshot(service.store) == before


def test_an_agency_submits_only_for_its_own_frameworks(service):
    before = snapshot(service.store)
    response = submit_turtle(service, "ph-pqf--aqrf.ttl", token=OTHER_AGENCY_TOKEN)
    assert response.status_code == 403
    assert "ph-pqf" in response.json()["error"]
    assert snapshot(service.store) == before


def test_the_administrator_submits_on_behalf_of_a_named_agency(service):
    assert submit_turtle(service, "ph-pqf--aqrf.ttl", token=ADMIN_TOKEN).status_code == 400
    response = submit_turtle(service, "ph-pqf--aqrf.ttl", token=ADMIN_TOKEN, agency="ph-pqf-ncc")
    assert response.status_code == 201
    assert response.json()["id"] == "ph-pqf-ncc/ph-pqf-aqrf"


def test_files_of_a_multipart_submission_are_recorded_by_name(service):
    paths = [SUBMISSIONS / "ph-pqf--aqrf.ttl", SUBMISSIONS / "templates-valid" / "referencing.csv"]
    response = upload(service, "/api/submissions", paths)
    assert response.status_code == 201, response.text
    assert response.json()["id"] == "ph-pqf-ncc/ph-pqf-aqrf"  # named after the first file
    [version] = service.client.get(SUBMISSION).json()["versions"]
    assert sorted(f["name"] for f in version["files"]) == ["ph-pqf--aqrf.ttl", "referencing.csv"]


def test_the_report_is_a_shacl_validation_report_in_turtle_or_json_ld(service):
    for accept, fmt in (("text/turtle", "turtle"), ("application/ld+json", "json-ld")):
        response = submit_turtle(service, "decision-without-source.ttl", accept=accept)
        assert response.status_code == 422
        assert response.headers["content-type"].startswith(accept)
        report = Graph().parse(data=response.text, format=fmt)
        [node] = report.subjects(predicate=SH.conforms)
        assert report.value(node, SH.conforms).toPython() is False
        [result] = report.objects(node, SH.result)
        assert str(report.value(result, SH.resultPath)) == "http://purl.org/dc/terms/source"


def test_the_html_report_groups_problems_by_framework_and_level_in_plain_words(service):
    path = SUBMISSIONS / "templates-broken" / "referencing-to-a-national-framework" / "referencing.csv"
    files = [("file", (path.name, path.read_bytes()))]
    response = service.client.post("/api/validate", files=files, headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<h2>Framework ph-pqf</h2>" in page
    assert page.index("<h3>The framework and its referencing</h3>") < page.index("<h3>Level 6</h3>")
    assert "<code>my-mqf:6</code>" in page  # the value as people write it, not its IRI
    assert "Must be fixed:" in page and "referencing.csv, row 3, column &#39;reference_framework&#39;" in page


def test_validate_is_public_and_writes_nothing(service):
    before = snapshot(service.store)
    good = service.client.post("/api/validate", content=turtle("ph-pqf--aqrf.ttl"),
                               headers={"Content-Type": "text/turtle"})
    bad = service.client.post("/api/validate", content=turtle("decision-without-source.ttl"),
                              headers={"Content-Type": "text/turtle"})
    assert (good.status_code, good.json()["status"]) == (200, "valid")
    assert (bad.status_code, bad.json()["status"], bad.json()["report"]["conforms"]) == (200, "invalid", False)
    assert snapshot(service.store) == before


# -- the command line ------------------------------------------------------------------------------------------
def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "qualgraph.cli", *args], capture_output=True, text=True,
                          cwd=PROJECT, timeout=120)


def test_qualgraph_submit_accepts_with_exit_0_and_rejects_with_exit_1_and_a_readable_report(tmp_path):
    store_dir = tmp_path / "store"
    bundled_data_store(store_dir).close()
    rejected = _cli("--store", str(store_dir), "submit", str(SUBMISSIONS / "decision-without-source.ttl"),
                    "--as", "ph-pqf-ncc", "--name", "ph-pqf-aqrf")
    assert rejected.returncode == 1
    assert "rejected: ph-pqf-ncc/ph-pqf-aqrf; nothing was stored." in rejected.stdout
    assert "ph-pqf:5 → aqrf:5" in rejected.stdout and "A decision needs at least one source" in rejected.stdout
    accepted = _cli("--store", str(store_dir), "submit", str(SUBMISSIONS / "ph-pqf--aqrf.ttl"), "--as", "ph-pqf-ncc")
    assert accepted.returncode == 0, accepted.stderr
    assert accepted.stdout.startswith("accepted: ph-pqf-ncc/ph-pqf-aqrf version 1")  # named after the file
    with EmbeddedStore(store_dir) as store:
        assert comparable_levels(store, "ph-pqf:5", include=["illustrative"])[0].level == "aqrf:5"
