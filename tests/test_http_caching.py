"""Caches and crawlers: HEAD wherever GET is answered, validators from the store's state, and 304.

As the operator of a harvester that revisits qualgraph every night I send ``HEAD`` to see what changed, and
``If-None-Match`` / ``If-Modified-Since`` with what I stored last time: unchanged pages and data come back as
``304`` with no body, so a night's crawl costs little. A cache in front of the service may keep every answer
(``Cache-Control: public, no-cache``) but asks again before reusing it. Once the administrator writes to the
store, the same validators get the new answer. Real service on loopback: the bundled one for reads, a writable
one with the administrator's token for the change.
"""

from __future__ import annotations

import time
from email.utils import formatdate, parsedate_to_datetime

import httpx
import pytest
from conftest import ADMIN_TOKEN, agency_service

PAGES = ["/", "/id/framework/ie-nfq", "/id/framework/ie-nfq/level/8", "/ontology", "/api/frameworks",
         "/api/levels/ie-nfq:8", "/api/equivalences?from=ie-nfq:8", "/ladder?frameworks=ie-nfq,uk-scqf",
         "/api/ladder?frameworks=ie-nfq,uk-scqf", "/search?q=NFQ+8", "/api/search?q=NFQ+8", "/context.jsonld",
         "/compare?from=ie-nfq:8"]


@pytest.fixture
def service(bundled_service):
    """The service on the bundled data (conftest.py; the tests that use it only read)."""
    return bundled_service


@pytest.mark.parametrize("path", PAGES + ["/sparql", "/docs", "/openapi.json"])
def test_head_answers_wherever_get_does_with_the_same_headers_and_no_body(service, path):
    get = httpx.get(service.url + path)
    head = httpx.head(service.url + path)
    assert get.status_code == head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers.get("content-length") == get.headers.get("content-length")


@pytest.mark.parametrize("path", PAGES)
def test_an_unchanged_answer_is_304_on_its_etag_or_its_date(service, path):
    first = httpx.get(service.url + path)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert first.headers["cache-control"] == "public, no-cache"
    assert parsedate_to_datetime(modified).timestamp() <= time.time()
    again = httpx.get(service.url + path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert httpx.head(service.url + path, headers={"If-None-Match": etag}).status_code == 304
    assert httpx.get(service.url + path, headers={"If-Modified-Since": modified}).status_code == 304
    older = formatdate(parsedate_to_datetime(modified).timestamp() - 3600, usegmt=True)
    assert httpx.get(service.url + path, headers={"If-Modified-Since": older}).status_code == 200
    assert httpx.get(service.url + path, headers={"If-None-Match": 'W/"something-else"'}).status_code == 200


def test_two_formats_of_one_resource_never_share_an_etag(service):
    url = service.url + "/id/framework/ie-nfq/level/8"
    tags = {httpx.get(url, headers={"Accept": accept}).headers["etag"]
            for accept in ("text/turtle", "application/ld+json", "text/html", "application/n-triples")}
    assert len(tags) == 4
    turtle = httpx.get(url, headers={"Accept": "text/turtle"}).headers["etag"]
    assert httpx.get(url, headers={"Accept": "application/ld+json", "If-None-Match": turtle}).status_code == 200


def test_a_write_to_the_store_changes_the_validators(tmp_path):
    with agency_service("", tmp_path) as running:
        url = "/id/framework/ie-nfq"
        before = running.client.get(url)
        time.sleep(1.1)  # Last-Modified has whole seconds
        written = running.client.put("/store", params={"graph": "https://example.org/graph/note"},
                                     content=b'<https://w3id.org/qualgraph/id/framework/ie-nfq> '
                                             b'<http://www.w3.org/2004/02/skos/core#note> "a new note"@en .',
                                     headers={"Content-Type": "application/n-triples",
                                              "Authorization": f"Bearer {ADMIN_TOKEN}"})
        assert written.status_code == 201, written.text
        after = running.client.get(url, headers={"If-None-Match": before.headers["etag"]})
        assert after.status_code == 200 and "a new note" in after.text
        assert after.headers["etag"] != before.headers["etag"]
        assert parsedate_to_datetime(after.headers["last-modified"]) > parsedate_to_datetime(before.headers["last-modified"])
        since = running.client.get(url, headers={"If-Modified-Since": before.headers["last-modified"]})
        assert since.status_code == 200


def test_writes_and_queries_carry_no_validators(service):
    sparql = httpx.get(f"{service.url}/sparql", params={"query": "ASK {}"},
                       headers={"Accept": "application/sparql-results+json"})
    assert sparql.status_code == 200 and "etag" not in sparql.headers
