"""Bad input to submissions and validation.

As an officer whose file is wrong — a typo in the Turtle, a spreadsheet saved in the wrong encoding, a column
missing, a level that does not exist, a zip far too big — I get a clear 4xx answer that names the file and the
place (line and column, or row and column), and the store is exactly as it was. Each rule has its test.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import httpx
import pytest
from openpyxl import Workbook

from conftest import FIXTURES, snapshot
from qualgraph.submissions import Limits
from qualgraph.web.submissions import get_limits
from test_submissions import auth, service, upload  # noqa: F401 - the service fixture

SUBMISSIONS = FIXTURES / "submissions"
BROKEN = SUBMISSIONS / "templates-broken"


def refused(service, response: httpx.Response, status: int) -> dict:
    """The response has this status and a JSON body, and the store holds no submission."""
    assert response.status_code == status, response.text
    assert service.client.get("/api/submissions").json() == []
    return response.json()


def only_problem(service, template: Path, status: int) -> dict:
    """Submit one template file; the answer has this status and reports exactly one problem."""
    response = upload(service, "/api/submissions", [template], name="bad-input")
    [problem] = refused(service, response, status)["report"]["problems"]
    return problem


def post_turtle(service, data: bytes, content_type: str = "text/turtle", **headers: str) -> httpx.Response:
    return service.client.post("/api/submissions", content=data, params={"name": "bad-input"},
                               headers={"Content-Type": content_type, **auth(), **headers})


def post_files(service, files: list[tuple[str, bytes]], **params: str) -> httpx.Response:
    return service.client.post("/api/submissions", files=[("file", f) for f in files],
                               params={"name": "bad-input", **params}, headers=auth())


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def small_limits(service):
    """2,000 bytes and 3 files per submission, so the limits can be crossed with small test data."""
    service.app.dependency_overrides[get_limits] = lambda: Limits(max_bytes=2000, max_files=3)
    yield service
    service.app.dependency_overrides.pop(get_limits, None)


# -- syntax and encoding: 400 -----------------------------------------------------------------------------------
def test_malformed_syntax_is_400_with_line_and_column(service):
    before = snapshot(service.store)
    body = refused(service, post_turtle(service, (SUBMISSIONS / "turtle-syntax-error-on-line-9.ttl").read_bytes()), 400)
    [problem] = body["report"]["problems"]
    assert (problem["line"], problem["column"]) == (9, 7)
    assert "not valid Turtle" in problem["message"]
    assert snapshot(service.store) == before


def test_a_syntax_error_names_the_file_it_is_in(service):
    paths = (SUBMISSIONS / "ph-pqf--aqrf.ttl", SUBMISSIONS / "turtle-syntax-error-on-line-9.ttl")
    files = [(p.name, p.read_bytes()) for p in paths]
    [problem] = refused(service, post_files(service, files), 400)["report"]["problems"]
    assert problem["place"] == "turtle-syntax-error-on-line-9.ttl, line 9, column 7"


def test_an_empty_file_is_400_naming_it(service):
    files = [("ph-pqf--aqrf.ttl", (SUBMISSIONS / "ph-pqf--aqrf.ttl").read_bytes()), ("empty.ttl", b"")]
    [problem] = refused(service, post_files(service, files), 400)["report"]["problems"]
    assert (problem["file"], problem["message"]) == ("empty.ttl", "the file is empty")


def test_an_rdf_file_without_triples_is_400(service):
    body = refused(service, post_turtle(service, b"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"), 400)
    assert "holds no triples" in body["report"]["problems"][0]["message"]


def test_a_file_that_is_not_utf8_is_400_with_line_and_column(service):
    body = refused(service, post_turtle(service, (SUBMISSIONS / "not-utf-8.ttl").read_bytes()), 400)
    [problem] = body["report"]["problems"]
    assert (problem["line"], problem["column"]) == (7, 24)
    assert "not UTF-8" in problem["message"] and "0xF4" in problem["message"]


def test_a_template_that_is_not_utf8_is_400_naming_the_file(service):
    path = BROKEN / "not-utf-8" / "referencing.csv"
    problem = only_problem(service, path, 400)
    assert (problem["file"], problem["line"]) == ("referencing.csv", 2)
    assert "save the file as UTF-8" in problem["message"]


def test_a_template_body_without_a_file_name_is_400(service):
    data = (SUBMISSIONS / "templates-valid" / "referencing.csv").read_bytes()
    body = refused(service, post_turtle(service, data, "text/csv"), 400)
    assert "file name" in body["error"]


def test_a_submission_without_a_name_is_400(service):
    response = service.client.post("/api/submissions", content=(SUBMISSIONS / "ph-pqf--aqrf.ttl").read_bytes(),
                                   headers={"Content-Type": "text/turtle", **auth()})
    assert "?name=" in refused(service, response, 400)["error"]


def test_a_form_without_the_file_field_is_400(service):
    response = service.client.post("/api/submissions", files=[("upload", ("a.ttl", b"<a:b> <a:c> <a:d> ."))],
                                   params={"name": "bad-input"}, headers=auth())
    assert "'file'" in refused(service, response, 400)["error"]


# -- media types: 415 -------------------------------------------------------------------------------------------
def test_an_unsupported_media_type_is_415(service):
    body = refused(service, post_turtle(service, b"%PDF-1.7 not data", "application/pdf"), 415)
    assert "application/pdf" in body["error"]


def test_an_unsupported_file_type_in_a_form_is_415_naming_the_file(service):
    body = refused(service, post_files(service, [("decisions.docx", b"PK not a template")]), 415)
    assert body["error"].startswith("decisions.docx:")


def test_a_zip_inside_a_zip_is_415(service):
    inner = zipped({"levels.ttl": (SUBMISSIONS / "ph-pqf--aqrf.ttl").read_bytes()})
    body = refused(service, post_files(service, [("outer.zip", zipped({"inner.zip": inner}))]), 415)
    assert "zip inside a zip" in body["error"]


# -- sizes: 413 -------------------------------------------------------------------------------------------------
def test_a_body_over_the_configured_size_is_413(small_limits):
    service = small_limits
    data = (SUBMISSIONS / "ph-pqf--aqrf.ttl").read_bytes() + b"\n" + b"#" * 1000
    assert 2000 < len(data) < 2000 + 64 * 1024
    refused(service, post_turtle(service, data), 413)  # the file itself is too large
    refused(service, post_turtle(service, b"#" * 100_000), 413)  # refused from Content-Length, unread


def test_a_zip_with_too_many_entries_is_413(small_limits):
    service = small_limits
    entries = {f"part-{i}.ttl": f"<https://example.org/{i}> <https://example.org/p> {i} .".encode() for i in range(5)}
    body = refused(service, post_files(service, [("bundle.zip", zipped(entries))]), 413)
    assert "the zip holds 5 files" in body["error"] and "at most 3" in body["error"]


def test_a_zip_too_large_when_unpacked_is_413(small_limits):
    service = small_limits
    bomb = zipped({"levels.ttl": b"#" * 1_000_000})
    assert len(bomb) < 2000  # small when sent, a megabyte once unpacked
    body = refused(service, post_files(service, [("bundle.zip", bomb)]), 413)
    assert "the zip unpacks to 1,000,000 bytes" in body["error"]


def test_a_zip_that_understates_its_sizes_is_stopped_while_unpacking(small_limits):
    """The directory says 100 bytes; the data inflates to a megabyte. Reading stops at the declared size."""
    service = small_limits
    bomb = bytearray(zipped({"levels.ttl": b"#" * 1_000_000}))
    local = bomb.index(b"PK\x03\x04")
    central = bomb.index(b"PK\x01\x02")
    struct.pack_into("<I", bomb, local + 22, 100)  # uncompressed size in the local header
    struct.pack_into("<I", bomb, central + 24, 100)  # ... and in the central directory
    body = refused(service, post_files(service, [("bundle.zip", bytes(bomb))]), 400)
    assert "cannot be unpacked" in body["error"]


def test_an_xlsx_workbook_too_large_when_unpacked_is_413(small_limits, tmp_path):
    service = small_limits
    book = Workbook()
    sheet = book.active
    sheet.title = "referencing"
    sheet.append(["framework", "level", "reference_framework", "reference_level", "status", "decided", "source"])
    for _ in range(300):
        sheet.append(["ph-pqf", "4", "aqrf", "4", "illustrative", "2019-05", "https://pqf.gov.ph"])
    book.save(tmp_path / "ph-pqf.xlsx")
    data = (tmp_path / "ph-pqf.xlsx").read_bytes()  # sent: the limit allows it; unpacked: ten times more
    service.app.dependency_overrides[get_limits] = lambda: Limits(max_bytes=len(data) + 10, max_files=3)
    body = refused(service, post_files(service, [("ph-pqf.xlsx", data)]), 413)
    assert "the workbook unpacks to" in body["error"]


# -- content that cannot become data: 422 -------------------------------------------------------------------------
def test_a_template_missing_a_required_column_is_422_naming_it(service):
    path = BROKEN / "missing-column" / "referencing.csv"
    problem = only_problem(service, path, 422)
    assert (problem["file"], problem["row"]) == ("referencing.csv", 1)
    assert problem["message"].startswith("missing column status")


def test_a_row_naming_an_unknown_framework_is_422_with_file_row_and_column(service):
    path = BROKEN / "unknown-framework" / "referencing.csv"
    problem = only_problem(service, path, 422)
    assert (problem["file"], problem["row"], problem["column"]) == ("referencing.csv", 3, "framework")
    assert "'ph-pqq'" in problem["message"] and "did you mean ph-pqf" in problem["message"]


def test_a_row_naming_an_unknown_level_is_422_with_file_row_and_column(service):
    path = BROKEN / "unknown-level" / "referencing.csv"
    problem = only_problem(service, path, 422)
    assert (problem["file"], problem["row"], problem["column"]) == ("referencing.csv", 2, "level")
    assert "ph-pqf has no level '11'" in problem["message"]


def test_a_column_the_template_does_not_know_is_a_warning_never_dropped_silently(service):
    path = SUBMISSIONS / "template-with-an-unknown-column" / "referencing.csv"
    response = upload(service, "/api/submissions", [path], name="ph-pqf-referencing")
    assert response.status_code == 201, response.text
    [warning] = response.json()["report"]["problems"]
    assert (warning["severity"], warning["file"], warning["row"], warning["column"]) == (
        "Warning", "referencing.csv", 1, "remarks")
    kept = service.client.get("/api/submissions/ph-pqf-ncc/ph-pqf-referencing").json()["report"]["problems"]
    assert [(w["severity"], w["file"]) for w in kept] == [("Warning", "referencing.csv")]
    assert "no column 'remarks'" in kept[0]["message"]


def test_the_same_level_defined_in_two_files_is_a_duplicate_id(service):
    folder = SUBMISSIONS / "duplicate-level-in-two-files"
    files = [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.ttl"))]
    [problem] = refused(service, post_files(service, files), 422)["report"]["problems"]
    assert problem["focus_label"] == "ph-pqf:9"
    assert "defined both in level-9-rank-8.ttl and in level-9-rank-9.ttl" in problem["message"]


def test_the_same_row_twice_in_a_template_is_a_duplicate_id(service):
    path = BROKEN / "same-decision-twice" / "referencing.csv"
    problem = only_problem(service, path, 422)
    assert (problem["file"], problem["row"], problem["column"]) == ("referencing.csv", 4, "level")
    assert "already defined in row 2" in problem["message"]


def test_a_zip_of_valid_files_is_read_like_the_files(service):
    bundle = zipped({
        "decisions/ph-pqf--aqrf.ttl": (SUBMISSIONS / "ph-pqf--aqrf.ttl").read_bytes(),
        "decisions/referencing.csv": (SUBMISSIONS / "templates-valid" / "referencing.csv").read_bytes(),
        "__MACOSX/._referencing.csv": b"\x00\x05\x16\x07",
    })
    response = service.client.post("/api/submissions", content=bundle, params={"name": "ph-pqf-bundle"},
                                   headers={"Content-Type": "application/zip", **auth()})
    assert response.status_code == 201, response.text
    assert response.json()["triples"] > 0
