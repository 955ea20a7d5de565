"""Withdrawing a submission that other data depends on.

As an officer of the Philippine PQF-NCC, I withdraw a submission I no longer stand by. If other accepted data
still refers to a level or framework that only my submission defines — a qualification placed at that level,
say — withdrawing it would leave that data pointing to nothing, which the shapes forbid. Then I am told 409
Conflict, with a report naming each record that depends on mine, the level it points to and the submission
that holds it; nothing changes in the store. Once nothing depends on it (or the level is also defined
elsewhere), the withdrawal goes through.

The service runs for real (uvicorn on a loopback port) on a store holding the bundled data; the level 9 and
the qualification are made-up test data.
"""

from __future__ import annotations

import httpx
import pytest

from conftest import FIXTURES, snapshot
from qualgraph.config import PROJECT_ROOT
from qualgraph.loading import load_paths
from qualgraph.store import EmbeddedStore
from service_support import running_service

SUBMISSIONS = FIXTURES / "submissions"
LEVEL_9 = SUBMISSIONS / "duplicate-level-in-two-files" / "level-9-rank-9.ttl"
QUALIFICATION = SUBMISSIONS / "qualification-at-ph-pqf-level-9.ttl"
TOKEN = "pqf-ncc-token"
HEADERS = {"Authorization": f"Bearer {TOKEN}"}
LEVELS = "/api/submissions/ph-pqf-ncc/ph-pqf-level-9"
DOCTORATE = "/api/submissions/ph-pqf-ncc/ph-pqf-doctorate"


@pytest.fixture
def service(tmp_path):
    """The service on an in-memory store with the bundled data, and the PQF-NCC's token."""
    store = EmbeddedStore(None)
    load_paths(store, [PROJECT_ROOT / "data"], root=PROJECT_ROOT)
    tokens = tmp_path / "tokens.toml"
    tokens.write_text(f'[agencies.ph-pqf-ncc]\ntoken = "{TOKEN}"\nframeworks = ["ph-pqf"]\n', encoding="utf-8")
    with running_service(store=store, admin_token="admin-token", tokens_file=tokens, query_workers=0) as running:
        from qualgraph.web import submissions

        if "/api/submissions" not in {getattr(r, "path", None) for r in running.app.routes}:
            running.app.include_router(submissions.router)
        running.store = store
        with httpx.Client(base_url=running.url, timeout=60) as client:
            running.client = client
            yield running


def submit(service, path, name: str) -> None:
    response = service.client.post("/api/submissions", content=path.read_bytes(), params={"name": name},
                                   headers={"Content-Type": "text/turtle", **HEADERS})
    assert response.status_code == 201, response.text


def test_a_submission_nothing_depends_on_is_withdrawn(service):
    submit(service, LEVEL_9, "ph-pqf-level-9")

    response = service.client.delete(LEVELS, headers=HEADERS)

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "withdrawn"


def test_a_submission_other_data_depends_on_is_refused_with_409_naming_the_records_and_nothing_changes(service):
    submit(service, LEVEL_9, "ph-pqf-level-9")
    submit(service, QUALIFICATION, "ph-pqf-doctorate")
    before = snapshot(service.store)

    response = service.client.delete(LEVELS, headers=HEADERS)

    assert response.status_code == 409
    body = response.json()
    assert body["status"] == "conflict" and "ph-pqf-ncc/ph-pqf-level-9 cannot be withdrawn" in body["message"]
    [problem] = body["report"]["problems"]
    assert problem["focus"] == "https://w3id.org/qualgraph/id/qualification/ph-pqf/test-doctorate"
    assert problem["focus_label"] == "Doctorate (test data)"
    assert (problem["path"], problem["value"]) == (
        "qg:atLevel", "https://w3id.org/qualgraph/id/framework/ph-pqf/level/9")
    assert problem["submission"] == "ph-pqf-ncc/ph-pqf-doctorate"
    assert problem["graph"] == "https://w3id.org/qualgraph/graph/submission/ph-pqf-ncc/ph-pqf-doctorate"
    assert "ph-pqf:9" in problem["message"] and "submission ph-pqf-ncc/ph-pqf-doctorate" in problem["message"]
    assert snapshot(service.store) == before
    assert service.client.get(LEVELS).json()["status"] == "accepted"


def test_the_refusal_is_a_report_in_html_too(service):
    submit(service, LEVEL_9, "ph-pqf-level-9")
    submit(service, QUALIFICATION, "ph-pqf-doctorate")

    response = service.client.delete(LEVELS, headers={**HEADERS, "Accept": "text/html"})

    assert response.status_code == 409 and response.headers["content-type"].startswith("text/html")
    assert "<h2>Framework ph-pqf</h2>" in response.text
    assert "Doctorate (test data)" in response.text and "submission ph-pqf-ncc/ph-pqf-doctorate" in response.text


def test_once_the_dependent_data_is_withdrawn_the_submission_can_be_withdrawn(service):
    submit(service, LEVEL_9, "ph-pqf-level-9")
    submit(service, QUALIFICATION, "ph-pqf-doctorate")

    assert service.client.delete(DOCTORATE, headers=HEADERS).status_code == 200
    assert service.client.delete(LEVELS, headers=HEADERS).status_code == 200


def test_a_level_that_other_data_also_defines_does_not_stop_the_withdrawal(service):
    """The check validates the store as it would be after the withdrawal: level 9 stays defined by the copy."""
    submit(service, LEVEL_9, "ph-pqf-level-9")
    submit(service, LEVEL_9, "ph-pqf-level-9-copy")
    submit(service, QUALIFICATION, "ph-pqf-doctorate")

    assert service.client.delete(LEVELS, headers=HEADERS).status_code == 200
    assert service.client.delete("/api/submissions/ph-pqf-ncc/ph-pqf-level-9-copy", headers=HEADERS).status_code == 409
