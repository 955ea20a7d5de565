"""``/api/validate`` and ``/api/submissions``: agencies send data, get "accepted" or a report they can act on.

Both take the same bodies: one RDF document with its media type (``text/turtle``, ``application/ld+json`` ...)
or a zip (``application/zip``), or ``multipart/form-data`` with one or more files in the field ``file`` (RDF,
template CSV/XLSX, zips). ``POST /api/validate`` is public and writes nothing; ``POST /api/submissions`` needs a
bearer token (an agency's, or the administrator's naming the agency in ``agency``) and answers 201 with the
submission's URL, or 422 with the report. The report comes as ``Accept`` asks: JSON (default), the standard
``sh:ValidationReport`` as Turtle or JSON-LD, or an HTML page grouped by framework and level.

Statuses for input that cannot be taken: 400 (unreadable: syntax with line and column, empty, not UTF-8, a
broken zip), 413 (more bytes or files than ``max_submission_bytes`` / ``max_submission_files``, sent or
unpacked), 415 (a syntax qualgraph does not read), 422 (a template problem, an unknown framework or level, an
id defined twice, or a SHACL violation). ``GET /api/submissions/{agency}/{name}`` answers JSON, or the report
kept with the current version in the form ``Accept`` asks, with the file, row and column of template input.
``DELETE`` answers 409 with a report when other data refers to levels or frameworks the submission defines.
Routes are thin: the work is :class:`qualgraph.submissions.Submissions`,
run in a thread.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from ..ids import InvalidId
from ..submissions import (
    DependedUpon,
    Limits,
    MalformedInput,
    NotAllowed,
    Outcome,
    Report,
    SubmissionError,
    SubmissionId,
    Submissions,
    SubmittedFile,
    TooLarge,
    UnsupportedInput,
    XLSX_MEDIA_TYPE,
    default_name,
)
from ..config import Settings
from ..media_types import JSON_LD, TURTLE, by_media_type, choose
from ..report import SEVERITY_WORDS, plain_path, plain_value
from .auth import Principal, authenticate
from .deps import get_app_settings, get_submissions
from .templating import templates

router = APIRouter(prefix="/api", tags=["submissions"])

MULTIPART_SLACK = 64 * 1024
"""Bytes a multipart body may carry beyond the files themselves (boundaries, headers, form fields)."""

REPORT_TYPES = ["application/json", "text/html", TURTLE.media_type, JSON_LD.media_type, "text/plain"]
_RDF_REPORTS = (TURTLE, JSON_LD)


# -- dependencies ------------------------------------------------------------------------------------------------
async def get_limits(settings: Settings = Depends(get_app_settings)) -> Limits:
    """The limits of the running app's settings (tests override this dependency)."""
    return Limits.from_settings(settings)


# -- reading the request -----------------------------------------------------------------------------------------
async def _body(request: Request, limits: Limits) -> bytes:
    """The request body, refused (413) as soon as it is longer than the limit allows."""
    allowed = limits.max_bytes + MULTIPART_SLACK
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > allowed:
        raise TooLarge(f"the request body is {int(declared):,} bytes; a submission may hold at most "
                       f"{limits.max_bytes:,} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > allowed:
            raise TooLarge(f"the request body is longer than the {limits.max_bytes:,} bytes a submission may hold")
        chunks.append(chunk)
    return b"".join(chunks)


_FILENAME = re.compile(r"""filename\*?=(?:UTF-8'')?"?([^";]+)"?""", re.I)


async def read_upload(request: Request, limits: Limits) -> tuple[list[SubmittedFile], dict[str, str], bool]:
    """The submitted files, the plain form fields, and whether the files came with names."""
    body = await _body(request, limits)
    content_type = request.headers.get("content-type", "")
    media = content_type.split(";", 1)[0].strip().lower()
    if media == "multipart/form-data":
        async def once() -> AsyncIterator[bytes]:
            yield body

        try:
            form = await MultiPartParser(request.headers, once(), max_files=limits.max_files + 1,
                                         max_fields=20).parse()
        except MultiPartException as e:
            raise MalformedInput(f"the multipart body cannot be read: {e.message}") from None
        files: list[SubmittedFile] = []
        fields: dict[str, str] = {}
        try:
            for key, value in form.multi_items():
                if isinstance(value, UploadFile):
                    if key != "file":
                        raise MalformedInput(f"files go in the form field 'file', not {key!r}")
                    files.append(SubmittedFile(value.filename or f"file {len(files) + 1}", await value.read(),
                                               value.content_type))
                else:
                    fields[key] = value
        finally:
            await form.close()
        if not files:
            raise MalformedInput("the form holds no file: put the files in the field 'file'")
        return files, fields, all(f.filename for f in form.getlist("file") if isinstance(f, UploadFile))
    if not media:
        raise UnsupportedInput("say what the body is with Content-Type: an RDF media type (text/turtle, "
                               "application/ld+json ...), application/zip, or multipart/form-data with files")
    if media == "application/x-www-form-urlencoded":
        raise UnsupportedInput("send the data itself (text/turtle ...) or multipart/form-data with files in 'file'")
    found = _FILENAME.search(request.headers.get("content-disposition", ""))
    name = Path(found.group(1)).name if found else ""
    file = SubmittedFile(name or "request body", body, content_type)
    if not name and media in ("text/csv", XLSX_MEDIA_TYPE):
        raise MalformedInput("a spreadsheet template is known by its file name (levels.csv ...): send it as "
                             "multipart/form-data, or name it in Content-Disposition")
    return [file], {}, bool(name)


def _submission_name(given: str | None, files: list[SubmittedFile], named: bool) -> str:
    name = given or (default_name(files) if named else None)
    if not name:
        raise MalformedInput("name the submission with ?name=NAME (short lower-case words joined by '-', "
                             "e.g. levels); resubmitting under the same name replaces it")
    return name


# -- answering ---------------------------------------------------------------------------------------------------
def _media_type(request: Request) -> str:
    return choose(request.headers.get("accept"), REPORT_TYPES) or "application/json"


def render_report(request: Request, status_code: int, report: Report, summary: dict[str, Any],
                  headers: dict[str, str] | None = None) -> Response:
    """The report in the form ``Accept`` asks for; JSON when the report has no RDF form (input refused)."""
    media = _media_type(request)
    headers = {"Vary": "Accept", **(headers or {})}
    fmt = by_media_type(media)
    if fmt in _RDF_REPORTS and (body := report.serialize(fmt)) is not None:
        return Response(body, status_code=status_code, media_type=media, headers=headers)
    if media == "text/html":
        html = templates().get_template("validation_report.html").render(
            summary=summary, report=report, groups=report.groups(), plain=plain_path,
            plain_value=plain_value, severity_words=SEVERITY_WORDS)
        return Response(html, status_code=status_code, media_type="text/html; charset=utf-8", headers=headers)
    if media == "text/plain":
        lines = [summary.get("message", ""), "", report.text()]
        return Response("\n".join(lines).strip() + "\n", status_code=status_code,
                        media_type="text/plain; charset=utf-8", headers=headers)
    return JSONResponse({**summary, "report": report.to_json()}, status_code=status_code, headers=headers)


def _problems(report: Report) -> str:
    n = report.count("Violation")
    return f"{n} problem{'s' if n != 1 else ''}"


def _refused(request: Request, error: SubmissionError) -> Response:
    summary = {"status": "rejected", "message": str(error).splitlines()[0], "error": str(error).splitlines()[0]}
    return render_report(request, error.status, error.report, summary)


def _outcome(request: Request, outcome: Outcome) -> Response:
    sid = outcome.submission
    assert sid is not None
    url = str(request.url_for("get_submission", agency=sid.agency, name=sid.name))
    summary: dict[str, Any] = {"status": outcome.status, "id": str(sid), "url": url, "graph": str(sid.graph),
                               "triples": outcome.triples}
    if outcome.accepted:
        summary["version"] = outcome.version
        summary["message"] = (f"Submission {sid} accepted as version {outcome.version} "
                              f"({outcome.triples} triples); it is now part of the graph.")
        return render_report(request, 201, outcome.report, summary, {"Location": url})
    summary["message"] = (f"Submission {sid} rejected: {_problems(outcome.report)} must be fixed; "
                          "nothing was stored.")
    return render_report(request, 422, outcome.report, summary)


# -- routes ------------------------------------------------------------------------------------------------------
def _upload_body(fields: dict[str, str]) -> dict[str, object]:
    """The OpenAPI ``requestBody`` of an upload: the routes read the body themselves (within the limits), so
    FastAPI cannot describe it from their parameters."""
    rdf = {t: {"schema": {"type": "string", "format": "binary"}} for t in (
        "text/turtle", "application/trig", "application/n-triples", "application/n-quads", "application/ld+json",
        "application/rdf+xml", "text/csv", "application/zip", XLSX_MEDIA_TYPE)}
    form = {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "array", "items": {"type": "string", "format": "binary"},
                 "description": "RDF files, spreadsheet templates (CSV/XLSX) or zips of them"},
        **{k: {"type": "string", "description": v} for k, v in fields.items()}}}
    return {"requestBody": {"required": True, "description": "one RDF document or template with its media type, "
                            "or several files as multipart/form-data in the field `file`",
                            "content": {"multipart/form-data": {"schema": form}, **rdf}}}


@router.post("/validate", summary="Validate data without storing it (public)",
             openapi_extra=_upload_body({"replaces": "validate as a new version of this submission (agency/name)"}))
async def validate(
    request: Request,
    replaces: Annotated[str | None, Query(description="validate as a new version of this submission "
                                                      "(agency/name): its current data is left out")] = None,
    limits: Limits = Depends(get_limits),
    submissions: Submissions = Depends(get_submissions),
) -> Response:
    """The same checks as a submission, against the store's current content; 200 with the report."""
    try:
        files, fields, _ = await read_upload(request, limits)
        target = replaces or fields.get("replaces")
        sid = SubmissionId.parse(target) if target else None
        _, report = await run_in_threadpool(submissions.check, files, replacing=sid, limits=limits)
    except SubmissionError as e:
        return _refused(request, e)
    verdict = "valid" if report.conforms else "invalid"
    message = ("The data conforms: it would be accepted." if report.conforms else
               f"The data does not conform: {_problems(report)} must be fixed before it can be accepted.")
    return render_report(request, 200, report, {"status": verdict, "message": message})


@router.post("/submissions", summary="Submit data (bearer token: an agency, or the administrator)",
             status_code=201, openapi_extra=_upload_body({
                 "name": "the submission's name (default: the first file's name)",
                 "agency": "the agency (administrator's token only)"}))
async def submit(
    request: Request,
    name: Annotated[str | None, Query(description="the submission's name (default: the first file's name); "
                                                  "the same name again replaces it")] = None,
    agency: Annotated[str | None, Query(description="the agency (administrator's token only)")] = None,
    principal: Principal = Depends(authenticate),
    limits: Limits = Depends(get_limits),
    submissions: Submissions = Depends(get_submissions),
) -> Response:
    """Validate and, if nothing must be fixed, store as the submission's new version: 201, else 422."""
    try:
        files, fields, named = await read_upload(request, limits)
        agency = agency or fields.get("agency")
        if principal.is_admin:
            if not agency:
                raise MalformedInput("the administrator submits on behalf of an agency: add ?agency=SLUG")
        elif agency and agency != principal.name:
            raise NotAllowed(f"the token of {principal.name} cannot submit for {agency}")
        who = agency or principal.name
        submission_name = _submission_name(name or fields.get("name"), files, named)
        outcome = await run_in_threadpool(submissions.submit, files, agency=who, name=submission_name,
                                          frameworks=principal.submits_for, limits=limits)
    except SubmissionError as e:
        return _refused(request, e)
    return _outcome(request, outcome)


@router.get("/submissions", summary="Every submission with its versions (public)")
def list_submissions(
    agency: Annotated[str | None, Query(description="only this agency's")] = None,
    submissions: Submissions = Depends(get_submissions),
) -> list[dict[str, Any]]:
    return [info.to_json() for info in submissions.list(agency)]


@router.get("/submissions/{agency}/{name}", summary="One submission: status, versions and current report")
def get_submission(request: Request, agency: str, name: str,
                   submissions: Submissions = Depends(get_submissions)) -> Response:
    """JSON (default): status, versions and the report kept with the current version. The report alone as
    ``Accept`` asks: the ``sh:ValidationReport`` in Turtle or JSON-LD, an HTML page, or plain text; each keeps
    the file, row and column of template input."""
    try:
        info = submissions.get(_sid(agency, name))
    except SubmissionError as e:
        raise HTTPException(e.status, {"error": str(e)}) from e
    if _media_type(request) == "application/json":
        return JSONResponse(info.to_json(with_report=True), headers={"Vary": "Accept"})
    current = info.current
    summary = {"status": info.status, "id": str(info.id), "url": str(request.url_for("get_submission", agency=agency,
                                                                                    name=name)),
               "version": current.number,
               "message": f"Submission {info.id}, version {current.number} ({current.status}, accepted "
                          f"{current.generated}): the report kept with it."}
    assert info.report is not None
    return render_report(request, 200, info.report, summary)


@router.delete("/submissions/{agency}/{name}", summary="Withdraw a submission (its agency, or the administrator)")
def withdraw_submission(
    request: Request,
    agency: str,
    name: str,
    principal: Principal = Depends(authenticate),
    submissions: Submissions = Depends(get_submissions),
) -> Response:
    """Its data leaves the graph at once; its versions stay on record, the last one marked withdrawn.

    409 with a report naming the records (and their submission or graph) when other data refers to levels
    or frameworks it defines: withdrawn, they would point to nothing. Nothing changes then.
    """
    if not principal.is_admin and principal.name != agency:
        raise HTTPException(403, {"error": f"the token of {principal.name} cannot withdraw a submission of {agency}"})
    try:
        return JSONResponse(submissions.withdraw(_sid(agency, name), by=principal.name).to_json())
    except DependedUpon as e:
        message = str(e).splitlines()[0]
        return render_report(request, e.status, e.report, {"status": "conflict", "message": message, "error": message})
    except SubmissionError as e:
        raise HTTPException(e.status, {"error": str(e)}) from e


def _sid(agency: str, name: str) -> SubmissionId:
    try:
        return SubmissionId.of(agency, name)
    except (MalformedInput, InvalidId) as e:
        raise HTTPException(404, {"error": f"there is no submission {agency}/{name}: {e}"}) from e


__all__ = ["router", "get_limits", "render_report"]
