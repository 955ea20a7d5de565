"""An agency's token lets it write its own frameworks and records, and nothing else.

As the secretariat, I hand each qualifications agency a token. With it, the agency may write statements about
(triples whose subject is) what it owns: the frameworks its token lists, its own organisation, and the records
it created itself (a unit, a standard, an awarding body first described in its own submissions). Everything
else — another agency's organisation, units, standards, qualifications, levels, decisions, qualgraph's own
submission records, the data I loaded — is refused with 403 naming the record, and the store is left exactly as
it was. A token entry without a ``frameworks`` list submits for no framework, not for every one. Referring to
another agency's record (a decision from our level to the EQF's) is not a statement about it, and stays allowed.
I, the administrator, may write anything.

The attacker's checklist below drives ``Submissions`` directly, with the principals read from a real tokens file
(as the service reads them), on a store holding the bundled data and NZQA's own submission of a qualification, a
standard and a unit; two tests go through the running service for the answer an agency sees. Fixtures are
under tests/fixtures/security/, each named after the rule it breaks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from conftest import agency_service, bundled_data_store
from qualgraph.store import EmbeddedStore
from qualgraph.submissions import NotAllowed, Submissions, SubmittedFile
from qualgraph.web.auth import Principal, load_agency_tokens

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "security"
QGID = "https://w3id.org/qualgraph/id/"
TOKENS = """
[agencies.ph-pqf-ncc]
token = "pqf-ncc-token"
frameworks = ["ph-pqf"]

[agencies.nz-nzqa]
token = "nzqa-token"
frameworks = ["nz-nzqcf"]

[agencies.ie-qqi]
token = "qqi-token"
frameworks = ["ie-nfq"]

[agencies.ws-sqa]
token = "sqa-token"
"""
ADMIN = Principal("admin", "admin")


def snapshot(store: EmbeddedStore) -> set[str]:
    """Every quad of the store as text, to prove a refused submission changed nothing."""
    return {str(q) for q in store.oxigraph}


def fixture(name: str) -> list[SubmittedFile]:
    return [SubmittedFile(name, (FIXTURES / name).read_bytes())]


@pytest.fixture(scope="module")
def principals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Principal]:
    path = tmp_path_factory.mktemp("tokens") / "tokens.toml"
    path.write_text(TOKENS, encoding="utf-8")
    return {p.name: p for _, p in load_agency_tokens(path)}


@pytest.fixture(scope="module")
def store(principals: dict[str, Principal]) -> Iterator[EmbeddedStore]:
    """The bundled data, and NZQA's submission creating a qualification, a standard and a unit."""
    store = bundled_data_store()
    nzqa = principals["nz-nzqa"]
    outcome = Submissions(store).submit(fixture("nz-nzqa-creates-a-qualification-a-standard-and-a-unit.ttl"),
                                        agency=nzqa.name, name="carpentry", frameworks=nzqa.submits_for)
    assert outcome.accepted, outcome.report.text()
    yield store


def submit_as(store: EmbeddedStore, who: Principal, name: str, *, agency: str | None = None):
    """Submit a fixture the way the service does for ``who`` (the administrator names the agency)."""
    return Submissions(store).submit(fixture(name), agency=agency or who.name, name=name.removesuffix(".ttl"),
                                     frameworks=who.submits_for)


def refused(store: EmbeddedStore, who: Principal, name: str) -> NotAllowed:
    """Submit, expect 403, and check that nothing at all was written."""
    before = snapshot(store)
    with pytest.raises(NotAllowed) as caught:
        submit_as(store, who, name)
    assert caught.value.status == 403
    assert snapshot(store) == before, "a refused submission changed the store"
    return caught.value


# -- what an agency may not write ---------------------------------------------------------------------------------
def test_a_statement_about_another_agencys_organisation_is_refused_naming_it(store, principals):
    error = refused(store, principals["ph-pqf-ncc"], "statement-about-another-agencys-organisation.ttl")
    assert str(error).startswith(f"The organisation {QGID}organisation/nz-nzqa belongs to another agency")
    assert [f.focus for f in error.findings] == [f"{QGID}organisation/nz-nzqa"]


def test_a_statement_about_a_unit_another_agency_created_is_refused(store, principals):
    error = refused(store, principals["ph-pqf-ncc"], "statement-about-another-agencys-unit.ttl")
    assert f"the unit of competency {QGID}unit/TEST-NZ-CARP-401 belongs to another agency" in str(error)
    assert "nz-nzqa/carpentry" in str(error)  # the submission that created it


def test_a_statement_about_a_standard_another_agency_created_is_refused(store, principals):
    """Its new unit alone would be fine (the PQF-NCC creates it); the link into NZQA's standard is not."""
    error = refused(store, principals["ph-pqf-ncc"], "statement-about-another-agencys-standard.ttl")
    assert [f.focus for f in error.findings] == [f"{QGID}standard/test-nz-carpentry"]
    assert "the competency standard" in error.findings[0].message


def test_a_statement_about_a_qualification_another_agency_created_is_refused(store, principals):
    error = refused(store, principals["ph-pqf-ncc"], "statement-about-another-agencys-qualification.ttl")
    assert f"the qualification {QGID}qualification/nz-nzqcf/test-carpentry-4 belongs to the framework nz-nzqcf" \
        in error.findings[0].message


def test_a_statement_about_a_framework_not_in_the_token_is_refused(store, principals):
    error = refused(store, principals["ph-pqf-ncc"], "statement-about-a-framework-not-in-the-token.ttl")
    assert error.findings[0].message == (
        f"the level {QGID}framework/nz-nzqcf/level/4 belongs to the framework nz-nzqcf, which the agency "
        "ph-pqf-ncc may not submit for (its token lists ph-pqf)")


@pytest.mark.parametrize("name", ["decision-from-another-frameworks-level-under-an-own-iri.ttl",
                                  "blank-node-decision-from-another-frameworks-level.ttl"])
def test_a_decision_from_another_frameworks_level_is_refused_whatever_its_iri(store, principals, name):
    error = refused(store, principals["ph-pqf-ncc"], name)
    assert all("belongs to the framework nz-nzqcf" in f.message for f in error.findings)


def test_qualgraphs_own_submission_records_are_refused(store, principals):
    error = refused(store, principals["ph-pqf-ncc"], "statement-about-a-submission-record.ttl")
    assert "is kept by qualgraph itself" in str(error)


def test_a_token_without_a_frameworks_list_submits_for_no_framework(store, principals):
    sqa = principals["ws-sqa"]
    assert sqa.frameworks == () and sqa.submits_for == ()
    error = refused(store, sqa, "framework-record-from-a-token-without-frameworks.ttl")
    assert "belongs to the framework ws-sqf, which the agency ws-sqa may not submit for " \
           "(its token lists no framework)" in str(error)


def test_a_frameworks_entry_that_is_not_a_list_is_an_error_in_the_tokens_file(tmp_path):
    """``frameworks = "ph-pqf"`` must not become the frameworks p, h, -, q, f."""
    from qualgraph.web.auth import TokenFileError

    path = tmp_path / "tokens.toml"
    path.write_text('[agencies.ph-pqf-ncc]\ntoken = "t"\nframeworks = "ph-pqf"\n', encoding="utf-8")
    with pytest.raises(TokenFileError, match="agencies.ph-pqf-ncc.frameworks must be a list"):
        load_agency_tokens(path)


# -- what it may write ----------------------------------------------------------------------------------------------
def test_a_token_without_frameworks_still_writes_its_own_organisation(store, principals):
    outcome = submit_as(store, principals["ws-sqa"], "own-organisation-from-a-token-without-frameworks.ttl")
    assert outcome.accepted, outcome.report.text()


def test_referring_to_another_agencys_level_is_allowed(store, principals):
    """QQI's decision from NFQ level 6 to EQF level 5: the EQF's level is an object, not a subject."""
    outcome = submit_as(store, principals["ie-qqi"], "reference-to-the-eqf-from-its-own-level.ttl")
    assert outcome.accepted, outcome.report.text()


def test_an_agency_changes_the_records_it_created(store, principals):
    """NZQA itself may give its unit another title, in another of its submissions."""
    nzqa = principals["nz-nzqa"]
    data = (FIXTURES / "statement-about-another-agencys-unit.ttl").read_bytes()
    outcome = Submissions(store).submit([SubmittedFile("unit-title.ttl", data)], agency="nz-nzqa",
                                        name="unit-title", frameworks=nzqa.submits_for)
    assert outcome.accepted, outcome.report.text()


def test_the_administrator_may_write_anything(store):
    for name in ("statement-about-another-agencys-organisation.ttl", "statement-about-a-framework-not-in-the-token.ttl"):
        outcome = submit_as(store, ADMIN, name, agency="ph-pqf-ncc")
        assert outcome.accepted, outcome.report.text()


# -- what the agency sees, through the service ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, principals) -> Iterator[object]:
    """The running service on the bundled data and NZQA's submission, with the tokens above."""
    store = bundled_data_store()
    Submissions(store).submit(fixture("nz-nzqa-creates-a-qualification-a-standard-and-a-unit.ttl"),
                              agency="nz-nzqa", name="carpentry", frameworks=principals["nz-nzqa"].submits_for)
    with agency_service(TOKENS, tmp_path_factory.mktemp("service"), store) as running:
        yield running


def post(service, name: str, token: str) -> httpx.Response:
    return httpx.post(f"{service.url}/api/submissions", content=(FIXTURES / name).read_bytes(),
                      params={"name": "attempt"}, timeout=60,
                      headers={"Content-Type": "text/turtle", "Accept": "application/json",
                               "Authorization": f"Bearer {token}"})


def test_the_service_answers_403_naming_another_agencys_organisation(service):
    before = snapshot(service.store)
    response = post(service, "statement-about-another-agencys-organisation.ttl", "pqf-ncc-token")
    assert response.status_code == 403, response.text
    body = response.json()
    assert body["error"].startswith(f"The organisation {QGID}organisation/nz-nzqa belongs to another agency")
    assert [p["focus"] for p in body["report"]["problems"]] == [f"{QGID}organisation/nz-nzqa"]
    assert snapshot(service.store) == before


def test_the_service_answers_403_to_a_token_without_frameworks_and_201_for_its_own_organisation(service):
    before = snapshot(service.store)
    response = post(service, "framework-record-from-a-token-without-frameworks.ttl", "sqa-token")
    assert response.status_code == 403, response.text
    assert f"the level {QGID}framework/ws-sqf/level/4" in response.json()["error"].lower()
    assert snapshot(service.store) == before
    assert post(service, "own-organisation-from-a-token-without-frameworks.ttl", "sqa-token").status_code == 201
