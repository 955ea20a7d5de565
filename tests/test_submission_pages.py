"""Agencies' pages: check and submit files in the browser, and see each submission.

As the data officer of the Philippine National Coordinating Council I do not use curl. I open ``/submit``, choose
my spreadsheet template and press "Check the files": the report appears under the form and names the row of the
problem (a PQF level 11 that does not exist). I fix my files, type my agency's token and submit: the answer says
the data was accepted, and ``/submissions/ph-pqf-ncc/ph-pqf-aqrf`` shows the version, when it was submitted, by
whom and with which files; that page passes the accessibility check (axe-core) on a desktop and a phone. Without the page's script the form still checks (it posts to ``/api/validate``). A real
service on loopback with the agency's token; the page in headless Chromium, files chosen over the DevTools
protocol.
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from browser_support import DevTools, Elements, axe_violations, needs_chromium
from conftest import agency_service

SUBMISSIONS = Path(__file__).parent / "fixtures" / "submissions"
BROKEN = SUBMISSIONS / "templates-broken" / "unknown-level" / "referencing.csv"
VALID = SUBMISSIONS / "ph-pqf--aqrf.ttl"
TOKEN = "ncc-secret-token-for-the-page-test"
TOKENS = f"""
[agencies.ph-pqf-ncc]
token = "{TOKEN}"
frameworks = ["ph-pqf"]
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    with agency_service(TOKENS, tmp_path_factory.mktemp("agency-pages")) as running:
        yield running


def test_the_form_checks_without_a_script_by_posting_to_validate(service):
    form = Elements(httpx.get(f"{service.url}/submit").text)
    (attrs, _), = form.all("form", id="upload")
    assert attrs["action"] == "/api/validate" and attrs["enctype"] == "multipart/form-data"
    assert form.all("input", type="file", name="file")
    # what the browser sends when the script does not run: the report as a page
    answer = httpx.post(f"{service.url}{attrs['action']}", headers={"Accept": "text/html"},
                        files={"file": (BROKEN.name, BROKEN.read_bytes(), "text/csv")})
    assert answer.status_code == 422 and answer.headers["content-type"].startswith("text/html")  # cannot become data
    assert "referencing.csv" in answer.text and "row 2" in answer.text


def wait_for(page, expression: str, seconds: float = 60) -> object:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = page.evaluate(expression)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"never true: {expression}")


def choose_files(page, selector: str, *paths: Path) -> None:
    root = page.call("DOM.getDocument")["root"]["nodeId"]
    node = page.call("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
    page.call("DOM.setFileInputFiles", nodeId=node, files=[str(p) for p in paths])
    page.evaluate(f"document.querySelector({selector!r}).dispatchEvent(new Event('change'))")


@needs_chromium
def test_in_a_browser_a_broken_template_is_checked_and_valid_data_submitted_with_a_token(service, tmp_path):
    with DevTools(tmp_path / "profile") as browser:
        page = browser.open(f"{service.url}/submit")
        choose_files(page, "#file", BROKEN)
        page.evaluate("document.getElementById('check').click()")
        report = wait_for(page, "(document.getElementById('outcome-body').innerText.includes('HTTP 422')"
                                " && document.getElementById('outcome-body').innerText)")
        assert "referencing.csv" in report and "row 2" in report
        assert page.evaluate("document.getElementById('submit').disabled") is True  # no token yet

        choose_files(page, "#file", VALID)
        page.evaluate(f"var t = document.getElementById('token'); t.value = {TOKEN!r};"
                      "t.dispatchEvent(new Event('input')); document.getElementById('name').value = 'ph-pqf-aqrf';"
                      "document.getElementById('submit').click()")
        accepted = wait_for(page, "(document.getElementById('outcome-body').innerText.includes('HTTP 201')"
                                  " && document.getElementById('outcome-body').innerText)")
        assert "accepted" in accepted
        page.close()
    listing = Elements(httpx.get(f"{service.url}/submissions").text)
    assert any(a.get("href") == "/submissions/ph-pqf-ncc/ph-pqf-aqrf" for a, _ in listing.all("a"))
    one = Elements(httpx.get(f"{service.url}/submissions/ph-pqf-ncc/ph-pqf-aqrf").text)
    rows = [text for _, text in one.all("tr")]
    assert any(row.startswith("1 accepted") and "ph-pqf-ncc" in row and VALID.name in row for row in rows), rows
    assert one.all("nav", **{"aria-label": "Breadcrumb"})
    assert httpx.get(f"{service.url}/submissions/ph-pqf-ncc/no-such").status_code == 404
    with DevTools(tmp_path / "profile") as browser:
        axe = httpx.get(f"{service.url}/static/vendor/axe-core/axe.min.js").text
        for width in (1280, 375):
            page = browser.open(f"{service.url}/submissions/ph-pqf-ncc/ph-pqf-aqrf", width=width)
            serious = [v for v in axe_violations(page, axe) if v["impact"] in ("serious", "critical")]
            assert serious == [], serious
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 1  # type: ignore[operator]
            page.close()
