"""The JSON API.

As a developer of a recognition portal I call qualgraph over HTTP: the list of frameworks, one framework
with its levels, one level with the decisions that involve it, and the comparable levels of a level — the
same JSON as `qualgraph equivalences --format json` — with 404 and the closest ids when I mistype.
"""

from __future__ import annotations


import httpx
import pytest

from qualgraph.comparability import comparable_levels


@pytest.fixture
def service(bundled_service):
    """The service on the bundled data (conftest.py; every test here only reads)."""
    return bundled_service


def test_frameworks_lists_every_framework_with_its_referencing(service):
    frameworks = {f["id"]: f for f in httpx.get(f"{service.url}/api/frameworks").json()}
    assert frameworks["ie-nfq"]["levels"] == 10
    # referenced to the EQF, and compared with New Zealand's NZQCF (NZQA's table)
    assert [a["target"] for a in frameworks["ie-nfq"]["referencing"]] == ["eqf", "nz-nzqcf"]
    assert frameworks["ph-pqf"]["referencing"][0]["status"] == "accepted"


def test_one_framework_has_its_levels_in_rank_order(service):
    rqf = httpx.get(f"{service.url}/api/frameworks/uk-rqf").json()
    assert [lv["id"] for lv in rqf["levels"]][:4] == ["uk-rqf:E1", "uk-rqf:E2", "uk-rqf:E3", "uk-rqf:1"]
    assert rqf["sources"]


def test_one_level_lists_the_decisions_that_involve_it(service):
    level = httpx.get(f"{service.url}/api/levels/ie-nfq:8").json()
    assert level["rank"] == 8
    assert level["labels"] == {"en": "Level 8"}
    assert [(d["target_level"], d["status"]) for d in level["decisions"]] == [("eqf:6", "accepted")]


def test_equivalences_are_the_same_json_as_the_command_line(service, bundled_store):
    over_http = httpx.get(f"{service.url}/api/equivalences", params={"from": "ie-nfq:8", "to": "uk-scqf"}).json()
    # the domain code the CLI calls, on the service's store opened read-only (as `qualgraph equivalences` does)
    assert over_http == [a.to_json() for a in comparable_levels(bundled_store, "ie-nfq:8", to="uk-scqf")]
    assert {a["level"] for a in over_http} == {"uk-scqf:9", "uk-scqf:10"}


def test_illustrative_decisions_are_used_only_when_asked(service):
    url = f"{service.url}/api/equivalences"
    assert httpx.get(url, params={"from": "ph-pqf:5", "to": "my-mqf"}).json() == []
    [answer] = httpx.get(url, params={"from": "ph-pqf:5", "to": "my-mqf", "include": "illustrative"}).json()
    assert answer["statuses"] == ["illustrative", "illustrative"]


def test_an_unknown_level_is_404_with_the_closest_ids(service):
    response = httpx.get(f"{service.url}/api/equivalences", params={"from": "ie-nfq:11"})
    assert response.status_code == 404
    assert "ie-nfq:10" in response.json()["detail"]["suggestions"]
    assert httpx.get(f"{service.url}/api/frameworks/ie-nqf").status_code == 404


def test_a_malformed_level_id_is_400(service):
    assert httpx.get(f"{service.url}/api/equivalences", params={"from": "level 8"}).status_code == 400


def test_the_api_is_documented_with_openapi(service):
    spec = httpx.get(f"{service.url}/openapi.json").json()
    assert {"/api/frameworks", "/api/frameworks/{framework}", "/api/levels/{level}", "/api/equivalences"} <= set(spec["paths"])
    assert httpx.get(f"{service.url}/docs").status_code == 200
