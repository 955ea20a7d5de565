"""Bad input to submissions and validation.

As an officer whose file is wrong — a typo in the Turtle, a spreadsheet saved in the wrong encoding, a column
missing, a level that does not exist, a zip far too big — I get a clear 4xx answer that names the file and the
place (line and column, or row and column), and the store is exactly as it was. Each rule has its test.

What is wrong with the files is found by :class:`qualgraph.submissions.Submissions`, the workflow the service
runs: those rules are shown on it directly (the error's ``status`` is the service's answer), on an in-memory
store with the bundled data. What only HTTP has — a body too long to be read, a missing ``?name=`` or form
field, a ``Content-Type`` we do not read — is shown on the service running for real.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import httpx
import pytest
from openpyxl import Workbook

from conftest import FIXTURES, agency_service, snapshot
from qualgraph.submissions import Limits, SubmissionError, SubmissionId, Submissions, SubmittedFile
from qualgraph.web.submissions import get_limits
from test_submissions import AGENCY, AGENCY_FRAMEWORKS, TOKENS, auth

SUBMISSIONS = FIXTURES / "submissions"
BROKEN = SUBMISSIONS / "templates-broken"
SMALL = Limits(max_bytes=2000, max_files=3)
"""2,000 bytes and 3 files per submission, so the limits can be crossed with small test data."""


def refused(submissions: Submissions, files: list[SubmittedFile], status: int, limits: Limits | None = None) -> dict:
    """Submit as the PQF-NCC: refused with this status, and the store holds no submission. Returns what the
    service answers with: the error's first line and the report, in JSON."""
    with pytest.raises(SubmissionError) as caught:
        submissions.submit(files, agency=AGENCY, name="bad-input", frameworks=AGENCY_FRAMEWORKS, limits=limits)
    assert caught.value.status == status, str(caught.value)
    assert submissions.list() == []
    return {"error": str(caught.value).splitlines()[0], "report": caught.value.report.to_json()}


def only_problem(submissions: Submissions, template: Path, status: int) -> dict:
    """Submit one template file; refused with this status, reporting exactly one problem."""
    [problem] = refused(submissions, [SubmittedFile.from_path(template)], status)["report"]["problems"]
    return problem


def named(*files: tuple[str, bytes]) -> list[SubmittedFile]:
    """Files with their names, as a form sends them."""
    return [SubmittedFile(name, data) for name, data in files]


def turtle_body(data: bytes) -> list[SubmittedFile]:
    """A Turtle document sent as the request's body, without a file name."""
    return [SubmittedFile("request body", data, "text/turtle")]


def http_refused(service, response: httpx.Response, status: int) -> dict:
    """The response has this status and a JSON body, and the store holds no submission."""
    assert response.status_code == status, response.text
    assert service.client.get("/api/submissions").json() == []
    return response.json()


def post_turtle(service, data: bytes, content_type: str = "text/turtle", **headers: str) -> httpx.Response:
    return service.client.post("/api/submissions", content=data, params={"name": "bad-input"},
                               headers={"Content-Type": content_type, **auth(), **headers})


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def service(tmp_path):
    """The service on an in-memory store with the bundled data, and the agencies' tokens."""
    with agency_service(TOKENS, tmp_path) as running:
        yield running


@pytest.fixture
def small_limits(service):
    """The service with :data:`SMALL` limits."""
    service.app.dependency_overrides[get_limits] = lambda: SMALL
    yield service
    service.app.dependency_overrides.pop(get_limits, None)


# -- syntax and encoding: 400 -----------------------------------------------------------------------------------
def test_malformed_syntax_is_400_with_line_and_column(submissions):
    before = snapshot(submissions.store)
    body = refused(submissions, turtle_body((SUBMISSIONS / "turtle-syntax-error-on-line-9.ttl").read_bytes()), 400)
    [problem] = body["report"]["problems"]
    assert (problem["line"], problem["column"]) == (9, 7)
    assert "not valid Turtle" in problem["message"]
    assert snapshot(submissions.store) == before


def test_a_syntax_error_names_the_file_it_is_in(submissions):
    paths = (SUBMISSIONS / "ph-pqf--aqrf.ttl", SUBMISSIONS / "turtle-syntax-error-on-line-9.ttl")
    [problem] = refused(submissions, [SubmittedFile.from_path(p) for p in paths], 400)["report"]["problems"]
    assert problem["place"] == "turtle-syntax-error-on-line-9.ttl, line 9, column 7"


def test_an_empty_file_is_400_naming_it(submissions):
    files = named(("ph-pqf--aqrf.ttl", (SUBMISSIONS / "ph-pqf--aqrf.ttl").read_bytes()), ("empty.ttl", b""))
    [problem] = refused(submissions, files, 400)["report"]["problems"]
    assert (problem["file"], problem["message"]) == ("empty.ttl", "the file is empty")


def test_an_rdf_file_without_triples_is_400(submissions):
    body = refused(submissions, turtle_body(b"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"), 400)
    assert "holds no triples" in body["report"]["problems"][0]["message"]


def test_a_file_that_is_not_utf8_is_400_with_line_and_column(submissions):
    body = refused(submissions, turtle_body((SUBMISSIONS / "not-utf-8.ttl").read_bytes()), 400)
    [problem] = body["report"]["problems"]
    assert (problem["line"], problem["column"]) == (7, 24)
    assert "not UTF-8" in problem["message"] and "0xF4" in problem["message"]


def test_a_template_that_is_not_utf8_is_400_naming_the_file(submissions):
    path = BROKEN / "not-utf-8" / "referencing.csv"
    problem = only_problem(submissions, path, 400)
    assert (problem["file"], problem["line"]) == ("referencing.csv", 2)
    assert "save the file as UTF-8" in problem["message"]


# -- file types: 415 --------------------------------------------------------------------------------------------
def test_an_unsupported_file_type_in_a_form_is_415_naming_the_file(submissions):
    body = refused(submissions, named(("decisions.docx", b"PK not a template")), 415)
    assert body["error"].startswith("decisions.docx:")


def test_a_zip_inside_a_zip_is_415(submissions):
    inner = zipped({"levels.ttl": (SUBMISSIONS / "ph-pqf--aqrf.ttl").read_bytes()})
    body = refused(submissions, named(("outer.zip", zipped({"inner.zip": inner}))), 415)
    assert "zip inside a zip" in body["error"]


# -- sizes: 413 -------------------------------------------------------------------------------------------------
def test_a_zip_with_too_many_entries_is_413(submissions):
    entries = {f"part-{i}.ttl": f"<https://example.org/{i}> <https://example.org/p> {i} .".encode() for i in range(5)}
    body = refused(submissions, named(("bundle.zip", zipped(entries))), 413, SMALL)
    assert "the zip holds 5 files" in body["error"] and "at most 3" in body["error"]


def test_a_zip_too_large_when_unpacked_is_413(submissions):
    bomb = zipped({"levels.ttl": b"#" * 1_000_000})
    assert len(bomb) < 2000  # small when sent, a megabyte once unpacked
    body = refused(submissions, named(("bundle.zip", bomb)), 413, SMALL)
    assert "the zip unpacks to 1,000,000 bytes" in body["error"]


def test_a_zip_that_understates_its_sizes_is_stopped_while_unpacking(submissions):
    """The directory says 100 bytes; the data inflates to a megabyte. Reading stops at the declared size."""
    bomb = bytearray(zipped({"levels.ttl": b"#" * 1_000_000}))
    local = bomb.index(b"PK\x03\x04")
    central = bomb.index(b"PK\x01\x02")
    struct.pack_into("<I", bomb, local + 22, 100)  # uncompressed size in the local header
    struct.pack_into("<I", bomb, central + 24, 100)  # ... and in the central directory
    body = refused(submissions, named(("bundle.zip", bytes(bomb))), 400, SMALL)
    assert "cannot be unpacked" in body["error"]


def test_an_xlsx_workbook_too_large_when_unpacked_is_413(submissions, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "referencing"
    sheet.append(["framework", "level", "reference_framework", "reference_level", "status", "decided", "source"])
    for _ in range(300):
        sheet.append(["ph-pqf", "4", "aqrf", "4", "illustrative", "2019-05", "https://pqf.gov.ph"])
    book.save(tmp_path / "ph-pqf.xlsx")
    data = (tmp_path / "ph-pqf.xlsx").read_bytes()  # sent: the limit allows it; unpacked: ten times more
    body = refused(submissions, named(("ph-pqf.xlsx", data)), 413, Limits(max_bytes=len(data) + 10, max_files=3))
    assert "the workbook unpacks to" in body["error"]


# -- content that cannot become data: 422 -------------------------------------------------------------------------
def test_a_template_missing_a_required_column_is_422_naming_it(submissions):
    path = BROKEN / "missing-column" / "referencing.csv"
    problem = only_problem(submissions, path, 422)
    assert (problem["file"], problem["row"]) == ("referencing.csv", 1)
    assert problem["message"].startswith("missing column status")


def test_a_row_naming_an_unknown_framework_is_422_with_file_row_and_column(submissions):
    path = BROKEN / "unknown-framework" / "referencing.csv"
    problem = only_problem(submissions, path, 422)
    assert (problem["file"], problem["row"], problem["column"]) == ("referencing.csv", 3, "framework")
    assert "'ph-pqq'" in problem["message"] and "did you mean ph-pqf" in problem["message"]


def test_a_row_naming_an_unknown_level_is_422_with_file_row_and_column(submissions):
    path = BROKEN / "unknown-level" / "referencing.csv"
    problem = only_problem(submissions, path, 422)
    assert (problem["file"], problem["row"], problem["column"]) == ("referencing.csv", 2, "level")
    assert "ph-pqf has no level '11'" in problem["message"]


def test_a_column_the_template_does_not_know_is_a_warning_never_dropped_silently(submissions):
    path = SUBMISSIONS / "template-with-an-unknown-column" / "referencing.csv"
    outcome = submissions.submit([SubmittedFile.from_path(path)], agency=AGENCY, name="ph-pqf-referencing",
                                 frameworks=AGENCY_FRAMEWORKS)
    assert outcome.accepted, outcome.report.text()  # 201
    [warning] = outcome.report.to_json()["problems"]
    assert (warning["severity"], warning["file"], warning["row"], warning["column"]) == (
        "Warning", "referencing.csv", 1, "remarks")
    kept = submissions.get(SubmissionId.of(AGENCY, "ph-pqf-referencing")).report.to_json()["problems"]
    assert [(w["severity"], w["file"]) for w in kept] == [("Warning", "referencing.csv")]
    assert "no column 'remarks'" in kept[0]["message"]


def test_the_same_level_defined_in_two_files_is_a_duplicate_id(submissions):
    folder = SUBMISSIONS / "duplicate-level-in-two-files"
    files = [SubmittedFile.from_path(p) for p in sorted(folder.glob("*.ttl"))]
    [problem] = refused(submissions, files, 422)["report"]["problems"]
    assert problem["focus_label"] == "ph-pqf:9"
    assert "defined both in level-9-rank-8.ttl and in level-9-rank-9.ttl" in problem["message"]


def test_the_same_row_twice_in_a_template_is_a_duplicate_id(submissions):
    path = BROKEN / "same-decision-twice" / "referencing.csv"
    problem = only_problem(submissions, path, 422)
    assert (problem["file"], problem["row"], problem["column"]) == ("referencing.csv", 4, "level")
    assert "already defined in row 2" in problem["message"]


def test_a_zip_of_valid_files_is_read_like_the_files(submissions):
    bundle = zipped({
        "decisions/ph-pqf--aqrf.ttl": (SUBMISSIONS / "ph-pqf--aqrf.ttl").read_bytes(),
        "decisions/referencing.csv": (SUBMISSIONS / "templates-valid" / "referencing.csv").read_bytes(),
        "__MACOSX/._referencing.csv": b"\x00\x05\x16\x07",
    })
    outcome = submissions.submit([SubmittedFile("request body", bundle, "application/zip")], agency=AGENCY,
                                 name="ph-pqf-bundle", frameworks=AGENCY_FRAMEWORKS)
    assert outcome.accepted, outcome.report.text()  # 201
    assert outcome.triples > 0


# -- what only HTTP has: the body, the form, the name, the media type ----------------------------------------------
def test_a_body_over_the_configured_size_is_413(small_limits):
    service = small_limits
    data = (SUBMISSIONS / "ph-pqf--aqrf.ttl").read_bytes() + b"\n" + b"#" * 1000
    assert 2000 < len(data) < 2000 + 64 * 1024
    http_refused(service, post_turtle(service, data), 413)  # the file itself is too large
    http_refused(service, post_turtle(service, b"#" * 100_000), 413)  # refused from Content-Length, unread


def test_a_template_body_without_a_file_name_is_400(service):
    data = (SUBMISSIONS / "templates-valid" / "referencing.csv").read_bytes()
    body = http_refused(service, post_turtle(service, data, "text/csv"), 400)
    assert "file name" in body["error"]


def test_a_submission_without_a_name_is_400(service):
    response = service.client.post("/api/submissions", content=(SUBMISSIONS / "ph-pqf--aqrf.ttl").read_bytes(),
                                   headers={"Content-Type": "text/turtle", **auth()})
    assert "?name=" in http_refused(service, response, 400)["error"]


def test_a_form_without_the_file_field_is_400(service):
    response = service.client.post("/api/submissions", files=[("upload", ("a.ttl", b"<a:b> <a:c> <a:d> ."))],
                                   params={"name": "bad-input"}, headers=auth())
    assert "'file'" in http_refused(service, response, 400)["error"]


def test_an_unsupported_media_type_is_415(service):
    body = http_refused(service, post_turtle(service, b"%PDF-1.7 not data", "application/pdf"), 415)
    assert "application/pdf" in body["error"]
