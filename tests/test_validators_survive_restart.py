"""ETag and Last-Modified come from the store on disk: the same after a restart, changed by every write.

As the operator of a harvester that revisits qualgraph every night I keep each answer's ``ETag`` and
``Last-Modified`` and send them back. When the service is restarted (an upgrade of the host, a redeploy) on the
same store, nothing changed, so I still get ``304``s; once the administrator writes, the validators change, and
they stay what they became over the next restart. The version is kept in the store directory
(``qualgraph-state.json``), bumped by every write the store layer makes; a store left open by a process that was
killed counts as changed, since a write may have committed after the marker was last written. Real uvicorn on
loopback, started again on the same store directory; httpx as the client.
"""

from __future__ import annotations

import gc
import time
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx
from service_support import running_service

from qualgraph.store import EmbeddedStore

DATA = Path(__file__).parent / "fixtures" / "sparql" / "ie-nfq-eqf.trig"
ADMIN = "restart-admin"
PATHS = ["/api/frameworks", "/dataset?format=ttl", "/.well-known/void", "/id/framework/ie-nfq"]


def _validators(url: str) -> dict[str, tuple[str, str]]:
    found = {}
    for path in PATHS:
        answer = httpx.get(url + path)
        assert answer.status_code == 200, (path, answer.text)
        found[path] = (answer.headers["etag"], answer.headers["last-modified"])
    return found


def test_an_unchanged_store_keeps_its_validators_over_a_restart_and_a_write_changes_them(tmp_path):
    store = tmp_path / "store"
    with running_service(store, data=[DATA], admin_token=ADMIN) as first:
        before = _validators(first.url)
    time.sleep(1.1)  # Last-Modified has whole seconds: a date made at start-up would differ
    with running_service(store, admin_token=ADMIN) as second:
        assert _validators(second.url) == before
        for path, (etag, modified) in before.items():
            assert httpx.get(second.url + path, headers={"If-None-Match": etag}).status_code == 304
            assert httpx.get(second.url + path, headers={"If-Modified-Since": modified}).status_code == 304
        written = httpx.put(f"{second.url}/store", params={"graph": "https://example.org/graph/note"},
                            content=b'<https://w3id.org/qualgraph/id/framework/ie-nfq> '
                                    b'<http://www.w3.org/2004/02/skos/core#note> "a note" .',
                            headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {ADMIN}"})
        assert written.status_code == 201, written.text
        after = _validators(second.url)
    for path in PATHS:
        assert after[path][0] != before[path][0], path
        assert parsedate_to_datetime(after[path][1]) > parsedate_to_datetime(before[path][1]), path
    with running_service(store, admin_token=ADMIN) as third:
        assert _validators(third.url) == after


def test_every_write_through_the_store_changes_its_marker_and_closing_keeps_it(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    first = store.state_marker
    assert first is not None
    store.update("INSERT DATA { GRAPH <https://example.org/g> { <urn:a> <urn:b> <urn:c> } }")
    second = store.state_marker
    assert second is not None and second[0] != first[0] and second[1] >= first[1]
    store.remove_graphs(["https://example.org/g"])
    third = store.state_marker
    assert third is not None and third[0] not in (first[0], second[0])
    store.close()
    again = EmbeddedStore(tmp_path / "store")
    assert again.state_marker == third
    again.close()
    # memory and read-only stores keep none: their readers fall back to the writes this process saw
    assert EmbeddedStore(None).state_marker is None
    reader = EmbeddedStore(tmp_path / "store", read_only=True)
    assert reader.state_marker is None
    reader.close()


def test_a_store_that_was_not_closed_counts_as_changed(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    marker = store.state_marker
    del store  # dropped without close(), as when the process is killed: the marker still says "open"
    gc.collect()
    reopened = EmbeddedStore(tmp_path / "store")
    assert reopened.state_marker is not None and reopened.state_marker[0] != marker[0]  # type: ignore[index]
    reopened.close()
