"""Who may write: reads are public, writes need a bearer token, raw updates need the administrator's.

As the secretariat's administrator, I run qualgraph with ``QUALGRAPH_ADMIN_TOKEN`` set so that only I can
change the graph through SPARQL Update and the Graph Store Protocol; qualifications agencies get their own
tokens from a tokens file (for the submissions API to come), and those tokens never open raw updates.
Anyone may read, from any web page. A request without a token is answered 401 with
``WWW-Authenticate: Bearer``; a token that is wrong, or not allowed for the operation, 403.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import Unauthorized

from qualgraph.web.auth import TokenFileError, TokenRegistry, load_agency_tokens
from service_support import RunningService, running_service

DATA = Path(__file__).parent / "fixtures" / "sparql" / "ie-nfq-eqf.trig"
ADMIN = "admin-token-for-the-auth-tests"
AGENCY = "token-of-the-irish-agency"
INSERT = "INSERT DATA { GRAPH <https://w3id.org/qualgraph/graph/notes> { <urn:x:note> <urn:x:says> \"hello\" } }"
ASK_NOTE = "ASK { <urn:x:note> <urn:x:says> \"hello\" }"


@pytest.fixture(scope="module")
def tokens_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tokens") / "tokens.toml"
    digest = hashlib.sha256(AGENCY.encode()).hexdigest()
    path.write_text(f'[agencies.ie-qqi]\ntoken_sha256 = "{digest}"\nframeworks = ["ie-nfq"]\n', encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, tokens_file: Path) -> Iterator[RunningService]:
    with running_service(tmp_path_factory.mktemp("auth") / "store", data=[DATA], admin_token=ADMIN,
                         tokens_file=tokens_file) as running:
        yield running


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def ask(service: RunningService, query: str) -> bool:
    return bool(httpx.get(service.sparql_url, params={"query": query}).json()["boolean"])


# -- SPARQL Update --------------------------------------------------------------------------------------
def test_update_without_a_token_is_401_with_a_bearer_challenge(service: RunningService) -> None:
    response = httpx.post(service.sparql_url, data={"update": INSERT})
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert not ask(service, ASK_NOTE)


def test_update_with_a_wrong_token_is_403(service: RunningService) -> None:
    response = httpx.post(service.sparql_url, data={"update": INSERT}, headers=bearer("not-the-token"))
    assert response.status_code == 403
    assert not ask(service, ASK_NOTE)


def test_update_with_another_authorization_scheme_is_401(service: RunningService) -> None:
    response = httpx.post(service.sparql_url, data={"update": INSERT}, auth=("admin", ADMIN))
    assert response.status_code == 401


def test_an_agency_token_cannot_run_raw_updates(service: RunningService) -> None:
    response = httpx.post(service.sparql_url, content=INSERT, headers={
        **bearer(AGENCY), "Content-Type": "application/sparql-update"})
    assert response.status_code == 403
    assert "administrator" in response.json()["detail"]
    assert not ask(service, ASK_NOTE)


def test_the_admin_token_runs_an_update_by_form(service: RunningService) -> None:
    response = httpx.post(service.sparql_url, data={"update": INSERT}, headers=bearer(ADMIN))
    assert response.status_code == 204
    assert ask(service, ASK_NOTE)
    httpx.post(service.sparql_url, data={"update": "DROP GRAPH <https://w3id.org/qualgraph/graph/notes>"},
               headers=bearer(ADMIN))
    assert not ask(service, ASK_NOTE)


def test_the_admin_token_runs_an_update_posted_directly(service: RunningService) -> None:
    response = httpx.post(service.sparql_url, content=INSERT,
                          headers={**bearer(ADMIN), "Content-Type": "application/sparql-update"})
    assert response.status_code == 204
    assert ask(service, ASK_NOTE)
    httpx.post(service.sparql_url, data={"update": "DROP GRAPH <https://w3id.org/qualgraph/graph/notes>"},
               headers=bearer(ADMIN))


def test_a_malformed_update_is_400_and_changes_nothing(service: RunningService) -> None:
    response = httpx.post(service.sparql_url, content=INSERT + " ; DROP NONSENSE",
                          headers={**bearer(ADMIN), "Content-Type": "application/sparql-update"})
    assert response.status_code == 400
    assert "1:" in response.text
    assert not ask(service, ASK_NOTE)


def test_sparqlwrapper_update_with_the_token(service: RunningService) -> None:
    sparql = SPARQLWrapper(service.sparql_url)
    sparql.setMethod(POST)
    sparql.setReturnFormat(JSON)
    sparql.setQuery(INSERT)
    sparql.addCustomHttpHeader("Authorization", f"Bearer {ADMIN}")
    sparql.query()
    assert ask(service, ASK_NOTE)
    sparql.setQuery("DROP GRAPH <https://w3id.org/qualgraph/graph/notes>")
    sparql.query()
    assert not ask(service, ASK_NOTE)


def test_sparqlwrapper_update_without_the_token_is_unauthorized(service: RunningService) -> None:
    sparql = SPARQLWrapper(service.sparql_url)
    sparql.setMethod(POST)
    sparql.setQuery(INSERT)
    with pytest.raises(Unauthorized):
        sparql.query()


def test_queries_need_no_token(service: RunningService) -> None:
    assert ask(service, "ASK { ?level a <https://w3id.org/qualgraph/ontology#Level> }")


# -- Graph Store writes ---------------------------------------------------------------------------------
GRAPH = {"graph": "https://w3id.org/qualgraph/graph/auth-test"}
BODY = b"<urn:x:a> <urn:x:b> <urn:x:c> .\n"
NT = {"Content-Type": "application/n-triples"}


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_graph_store_write_without_a_token_is_401(service: RunningService, method: str) -> None:
    response = httpx.request(method, service.store_url, params=GRAPH, content=BODY, headers=NT)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize("token", ["wrong", AGENCY])
def test_graph_store_write_with_a_token_that_is_not_the_admins_is_403(service: RunningService,
                                                                     token: str) -> None:
    response = httpx.put(service.store_url, params=GRAPH, content=BODY, headers={**NT, **bearer(token)})
    assert response.status_code == 403


def test_graph_store_read_needs_no_token(service: RunningService) -> None:
    response = httpx.get(service.store_url, params={"graph": "https://w3id.org/qualgraph/graph/eqf"})
    assert response.status_code == 200


# -- configuration --------------------------------------------------------------------------------------
def test_without_an_admin_token_configured_nobody_can_update(tmp_path: Path) -> None:
    with running_service(tmp_path / "store") as svc:
        assert httpx.post(svc.sparql_url, data={"update": INSERT}).status_code == 401
        assert httpx.post(svc.sparql_url, data={"update": INSERT},
                          headers={"Authorization": "Bearer"}).status_code == 401
        assert httpx.post(svc.sparql_url, data={"update": INSERT}, headers=bearer("guess")).status_code == 403


def test_agency_tokens_are_read_from_toml_with_hashed_or_plain_tokens(tmp_path: Path) -> None:
    path = tmp_path / "tokens.toml"
    digest = hashlib.sha256(b"qqi-secret").hexdigest()
    path.write_text(f'[agencies.ie-qqi]\ntoken_sha256 = "{digest}"\nframeworks = ["ie-nfq"]\n\n'
                    '[agencies.nz-nzqa]\ntoken = "nzqa-secret"\n', encoding="utf-8")
    registry = TokenRegistry("admin-secret", path)
    qqi = registry.identify("qqi-secret")
    assert qqi is not None and (qqi.name, qqi.role, qqi.frameworks) == ("ie-qqi", "agency", ("ie-nfq",))
    nzqa = registry.identify("nzqa-secret")
    assert nzqa is not None and nzqa.name == "nz-nzqa"
    admin = registry.identify("admin-secret")
    assert admin is not None and admin.is_admin
    assert registry.identify("qqi-secret ") is None
    assert registry.identify(digest) is None  # the digest itself is not a token


def test_agency_tokens_are_read_from_json(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    path.write_text(json.dumps({"agencies": {"ph-tesda": {"token": "tesda-secret", "frameworks": ["ph-pqf"]}}}))
    principal = TokenRegistry(None, path).identify("tesda-secret")
    assert principal is not None and principal.frameworks == ("ph-pqf",)


def test_a_changed_tokens_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "tokens.toml"
    path.write_text('[agencies.ie-qqi]\ntoken = "first"\n', encoding="utf-8")
    registry = TokenRegistry(None, path)
    assert registry.identify("first") is not None
    path.write_text('[agencies.ie-qqi]\ntoken = "second-token"\n', encoding="utf-8")
    assert registry.identify("first") is None
    assert registry.identify("second-token") is not None


def test_a_tokens_file_entry_without_a_token_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "tokens.toml"
    path.write_text('[agencies.ie-qqi]\nframeworks = ["ie-nfq"]\n', encoding="utf-8")
    with pytest.raises(TokenFileError, match="agencies.ie-qqi"):
        load_agency_tokens(path)


def test_a_short_token_digest_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "tokens.toml"
    path.write_text('[agencies.ie-qqi]\ntoken_sha256 = "abcd"\n', encoding="utf-8")
    with pytest.raises(TokenFileError, match="64 hex digits"):
        load_agency_tokens(path)
