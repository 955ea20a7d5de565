"""Pages for agencies: the upload form, and each submission with its versions, files and who submitted it.

Agencies used to need curl. ``/submit`` is a form: without a script it sends the files to ``POST /api/validate``
and the browser shows the report (file, row and column of each problem), which is all a check needs. With the
page's script (``static/submit.js``, our own), the report appears under the form, and with the agency's token,
typed each time and sent only as an ``Authorization`` header (never stored, never a cookie), the same files
are submitted to ``POST /api/submissions``. ``/submissions`` lists the submissions and
``/submissions/{agency}/{name}`` shows one. Thin routes: the data is :class:`~qualgraph.submissions.Submissions`'.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ..config import Settings
from ..submissions import SubmissionError, SubmissionId, Submissions
from .deps import get_app_settings, get_submissions
from .templating import render

router = APIRouter(include_in_schema=False)


@router.get("/submit", response_class=HTMLResponse)
def submit_page(settings: Settings = Depends(get_app_settings)) -> HTMLResponse:
    """The upload form: check files, and with a token submit them."""
    return render("submit.html", max_bytes=settings.max_submission_bytes, max_files=settings.max_submission_files)


@router.get("/submissions", response_class=HTMLResponse)
def submissions_page(request: Request, submissions: Submissions = Depends(get_submissions)) -> HTMLResponse:
    """Every submission, newest change first, with its agency, status and version."""
    agency = request.query_params.get("agency") or None
    found = sorted(submissions.list(agency), key=lambda s: s.current.invalidated or s.current.generated,
                   reverse=True)
    return render("submissions.html", submissions=found, agency=agency)


@router.get("/submissions/{agency}/{name}", response_class=HTMLResponse)
def submission_page(agency: str, name: str, submissions: Submissions = Depends(get_submissions)) -> HTMLResponse:
    """One submission: its versions (who submitted each, when, the files, the triples), and links to its report,
    its data and the other submissions of its agency."""
    try:
        info = submissions.get(SubmissionId.of(agency, name))
    except (SubmissionError, ValueError) as e:
        return render("not_found.html", status_code=404, suggestions=[], search_href="/search",
                      message=f"There is no submission {agency}/{name} ({e})")
    others = [s for s in submissions.list(agency) if str(s.id) != str(info.id)]
    return render("submission.html", info=info, others=others,
                  versions=list(reversed(info.versions)))
