"""A dump that broke off is resumed from where it stopped, and never stitched from two versions.

As a harvester on a slow line I download ``/dumps/qualgraph.nq.gz``; when the connection drops I ask for the
rest with ``Range: bytes=N-`` and ``If-Range`` set to the ``ETag`` I was given, and get ``206`` with exactly
the missing bytes. If the dataset changed meanwhile, ``If-Range`` no longer matches and I get the new dump
whole (``200``), never the tail of a different file. A range past the end is ``416`` and names the size.
Real uvicorn on loopback, an on-disk store, httpx as the client.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import httpx
import pytest
from service_support import running_service

DATA = Path(__file__).parent / "fixtures" / "sparql" / "ie-nfq-eqf.trig"
ADMIN = "range-admin"
DUMP = "/dumps/qualgraph.nq.gz"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    with running_service(tmp_path_factory.mktemp("ranges") / "store", data=[DATA], admin_token=ADMIN) as service:
        yield service


def test_the_whole_dump_says_it_can_be_resumed_and_has_a_strong_validator(service):
    whole = httpx.get(service.url + DUMP)
    assert whole.status_code == 200 and whole.headers["accept-ranges"] == "bytes"
    assert whole.headers["etag"].startswith('"')  # strong: the same bytes while the store is unchanged
    assert int(whole.headers["content-length"]) == len(whole.content) > 200
    assert gzip.decompress(whole.content)


def test_a_broken_download_is_resumed_with_the_missing_bytes(service):
    whole = httpx.get(service.url + DUMP)
    first = httpx.get(service.url + DUMP, headers={"Range": "bytes=0-99"})
    assert first.status_code == 206 and first.content == whole.content[:100]
    assert first.headers["content-range"] == f"bytes 0-99/{len(whole.content)}"
    rest = httpx.get(service.url + DUMP, headers={"Range": "bytes=100-", "If-Range": first.headers["etag"]})
    assert rest.status_code == 206 and int(rest.headers["content-length"]) == len(whole.content) - 100
    assert first.content + rest.content == whole.content
    tail = httpx.get(service.url + DUMP, headers={"Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.content == whole.content[-10:]


def test_a_range_past_the_end_is_416_and_names_the_size(service):
    size = len(httpx.get(service.url + DUMP).content)
    past = httpx.get(service.url + DUMP, headers={"Range": f"bytes={size}-"})
    assert past.status_code == 416 and past.headers["content-range"] == f"bytes */{size}"
    assert httpx.get(service.url + DUMP).status_code == 200  # and the service goes on answering


@pytest.mark.parametrize("asked", ["bytes=0-1,5-6", "items=0-10", "bytes=9-3", "bytes=x-", "bytes=" + "9" * 5000 + "-"])
def test_several_ranges_another_unit_or_a_malformed_range_get_the_whole_dump(service, asked):
    answer = httpx.get(service.url + DUMP, headers={"Range": asked})
    assert answer.status_code == 200 and answer.content == httpx.get(service.url + DUMP).content


def test_an_unchanged_dump_revalidates_with_its_strong_tag(service):
    tag = httpx.get(service.url + DUMP).headers["etag"]
    again = httpx.get(service.url + DUMP, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""


def test_after_a_write_the_old_tag_resumes_nothing_and_the_new_dump_comes_whole(tmp_path):
    with running_service(tmp_path / "store", data=[DATA], admin_token=ADMIN) as service:
        old = httpx.get(service.url + DUMP)
        written = httpx.put(f"{service.url}/store", params={"graph": "https://example.org/graph/note"},
                            content=b'<https://example.org/a> <https://example.org/b> "c" .',
                            headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {ADMIN}"})
        assert written.status_code == 201
        resumed = httpx.get(service.url + DUMP, headers={"Range": "bytes=100-", "If-Range": old.headers["etag"]})
        assert resumed.status_code == 200 and resumed.headers["etag"] != old.headers["etag"]
        assert b"https://example.org/graph/note" in gzip.decompress(resumed.content)
        weak = httpx.get(service.url + DUMP, headers={"Range": "bytes=100-",
                                                       "If-Range": "W/" + resumed.headers["etag"]})
        assert weak.status_code == 200  # a weak tag never vouches for the bytes
