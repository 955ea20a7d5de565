"""Withdrawing a submission that other data depends on.

As an officer of the Philippine PQF-NCC, I withdraw a submission I no longer stand by. If other accepted data
still refers to a level or framework that only my submission defines — a qualification placed at that level,
say — withdrawing it would leave that data pointing to nothing, which the shapes forbid. Then I am told 409
Conflict, with a report naming each record that depends on mine, the level it points to and the submission
that holds it; nothing changes in the store. Once nothing depends on it (or the level is also defined
elsewhere), the withdrawal goes through.

What withdrawing does to the store is shown on :class:`qualgraph.submissions.Submissions`, the workflow the
service runs, on an in-memory store holding the bundled data; the answer over HTTP (409 as JSON or an HTML
report) on the service running for real (uvicorn on a loopback port). The level 9 and the qualification are
made-up test data.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, agency_service, snapshot
from qualgraph.submissions import DependedUpon, SubmissionId, Submissions, SubmittedFile

SUBMISSIONS = FIXTURES / "submissions"
LEVEL_9 = SUBMISSIONS / "duplicate-level-in-two-files" / "level-9-rank-9.ttl"
QUALIFICATION = SUBMISSIONS / "qualification-at-ph-pqf-level-9.ttl"
AGENCY = "ph-pqf-ncc"
TOKEN = "pqf-ncc-token"
HEADERS = {"Authorization": f"Bearer {TOKEN}"}
LEVELS = SubmissionId.of(AGENCY, "ph-pqf-level-9")
DOCTORATE = SubmissionId.of(AGENCY, "ph-pqf-doctorate")


def submit(submissions: Submissions, path, name: str) -> None:
    outcome = submissions.submit([SubmittedFile(path.name, path.read_bytes(), "text/turtle")], agency=AGENCY,
                                 name=name, frameworks=["ph-pqf"])
    assert outcome.accepted, outcome.report.text()


def withdraw(submissions: Submissions, sid: SubmissionId):
    """Withdraw as the PQF-NCC does: its own submission."""
    return submissions.withdraw(sid, by=AGENCY)


def test_a_submission_nothing_depends_on_is_withdrawn(submissions):
    submit(submissions, LEVEL_9, "ph-pqf-level-9")

    withdrawn = withdraw(submissions, LEVELS)  # 200

    assert withdrawn.to_json()["status"] == "withdrawn"


def test_a_submission_other_data_depends_on_is_refused_naming_the_records_and_nothing_changes(submissions):
    submit(submissions, LEVEL_9, "ph-pqf-level-9")
    submit(submissions, QUALIFICATION, "ph-pqf-doctorate")
    before = snapshot(submissions.store)

    with pytest.raises(DependedUpon) as refused:
        withdraw(submissions, LEVELS)

    assert refused.value.status == 409
    assert "ph-pqf-ncc/ph-pqf-level-9 cannot be withdrawn" in str(refused.value).splitlines()[0]
    [problem] = refused.value.report.to_json()["problems"]
    assert problem["focus"] == "https://w3id.org/qualgraph/id/qualification/ph-pqf/test-doctorate"
    assert problem["focus_label"] == "Doctorate (test data)"
    assert (problem["path"], problem["value"]) == (
        "qg:atLevel", "https://w3id.org/qualgraph/id/framework/ph-pqf/level/9")
    assert problem["submission"] == "ph-pqf-ncc/ph-pqf-doctorate"
    assert problem["graph"] == "https://w3id.org/qualgraph/graph/submission/ph-pqf-ncc/ph-pqf-doctorate"
    assert "ph-pqf:9" in problem["message"] and "submission ph-pqf-ncc/ph-pqf-doctorate" in problem["message"]
    assert snapshot(submissions.store) == before
    assert submissions.get(LEVELS).to_json()["status"] == "accepted"


def test_once_the_dependent_data_is_withdrawn_the_submission_can_be_withdrawn(submissions):
    submit(submissions, LEVEL_9, "ph-pqf-level-9")
    submit(submissions, QUALIFICATION, "ph-pqf-doctorate")

    assert withdraw(submissions, DOCTORATE).status == "withdrawn"
    assert withdraw(submissions, LEVELS).status == "withdrawn"


def test_a_level_that_other_data_also_defines_does_not_stop_the_withdrawal(submissions):
    """The check validates the store as it would be after the withdrawal: level 9 stays defined by the copy."""
    submit(submissions, LEVEL_9, "ph-pqf-level-9")
    submit(submissions, LEVEL_9, "ph-pqf-level-9-copy")
    submit(submissions, QUALIFICATION, "ph-pqf-doctorate")

    assert withdraw(submissions, LEVELS).status == "withdrawn"
    with pytest.raises(DependedUpon) as refused:
        withdraw(submissions, SubmissionId.of(AGENCY, "ph-pqf-level-9-copy"))
    assert refused.value.status == 409


# -- over HTTP ---------------------------------------------------------------------------------------------------
def test_the_refusal_is_409_conflict_in_json_and_a_report_in_html(tmp_path):
    tokens = f'[agencies.ph-pqf-ncc]\ntoken = "{TOKEN}"\nframeworks = ["ph-pqf"]\n'
    with agency_service(tokens, tmp_path) as service:
        submit(Submissions(service.store), LEVEL_9, "ph-pqf-level-9")
        submit(Submissions(service.store), QUALIFICATION, "ph-pqf-doctorate")
        url = "/api/submissions/ph-pqf-ncc/ph-pqf-level-9"

        as_json = service.client.delete(url, headers=HEADERS)
        as_html = service.client.delete(url, headers={**HEADERS, "Accept": "text/html"})

    assert as_json.status_code == 409
    body = as_json.json()
    assert body["status"] == "conflict" and "ph-pqf-ncc/ph-pqf-level-9 cannot be withdrawn" in body["message"]
    assert body["report"]["problems"][0]["submission"] == "ph-pqf-ncc/ph-pqf-doctorate"
    assert as_html.status_code == 409 and as_html.headers["content-type"].startswith("text/html")
    assert "<h2>Framework ph-pqf</h2>" in as_html.text
    assert "Doctorate (test data)" in as_html.text and "submission ph-pqf-ncc/ph-pqf-doctorate" in as_html.text
