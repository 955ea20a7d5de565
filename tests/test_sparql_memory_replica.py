"""The endpoint answers from memory, and never from a copy older than the last write.

As the operator of a secretariat's endpoint, I want queries answered as fast as the engine allows: each query
worker keeps an in-memory copy of the store (Oxigraph's memory store is 2-3 times faster than RocksDB) when
the store is small enough (``QUALGRAPH_QUERY_REPLICA_MAX_QUADS``). As a recognition officer, I must never get
an answer that misses a decision the secretariat has just recorded: a write the service can account for graph
by graph is refreshed in the copy before the next query; after any other change, a worker answers from the
disk again until its new copy is complete.
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pyoxigraph as ox
from rdflib import URIRef

from qualgraph.loading import load_paths
from qualgraph.store import EmbeddedStore
from qualgraph.sparql.worker import _Snapshot
from service_support import counts_seen_while, eventually, running_service

DATA = Path(__file__).parent / "fixtures" / "sparql" / "ie-nfq-eqf.trig"
ADMIN = "replica-admin"
LEVEL = "https://w3id.org/qualgraph/id/framework/ie-nfq/level/8"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

WORKERS_ANSWER = {"sparql_cache_bytes": 0}
"""These tests watch the query workers answer a query asked again and again: the server keeps no answers for them
(its kept answers are tests/test_sparql_result_cache.py's)."""


def copied(snapshot: _Snapshot, old: object = None) -> bool:
    """Whether the worker answers from a complete in-memory copy (other than ``old``), asked as a query asks:
    through ``current()``, which first reopens a snapshot that the primary's background work made stale (the
    copy of a stale snapshot is never started, since it would be thrown away)."""
    answering = snapshot.current()
    return answering is snapshot.replica and answering is not None and answering is not old


def store_with_data(path: Path) -> EmbeddedStore:
    store = EmbeddedStore(path)
    load_paths(store, [DATA])
    store.oxigraph.flush()
    return store


def all_quads(store: ox.Store) -> set[ox.Quad]:
    return set(store.quads_for_pattern(None, None, None, None))


def test_a_worker_answers_from_a_complete_copy_in_memory(tmp_path: Path) -> None:
    primary = store_with_data(tmp_path / "store")
    snapshot = _Snapshot(tmp_path / "store", replica_max_quads=10_000)
    assert eventually(lambda: copied(snapshot)), "the copy in memory was never made"
    answering = snapshot.current()
    assert answering is snapshot.replica
    # the same quads, blank nodes with the same labels: the copy answers as the disk would
    assert all_quads(answering) == all_quads(snapshot.store) == all_quads(primary.oxigraph)
    primary.close()


def test_a_write_sends_the_worker_back_to_the_disk_until_a_new_copy_is_made(tmp_path: Path) -> None:
    primary = store_with_data(tmp_path / "store")
    snapshot = _Snapshot(tmp_path / "store", replica_max_quads=10_000)
    assert eventually(lambda: copied(snapshot))
    old_copy = snapshot.replica

    primary.update(f'INSERT DATA {{ GRAPH <urn:x-test:g> {{ <{LEVEL}> <{RDFS_LABEL}> "just recorded" }} }}')
    answering = snapshot.current()
    assert answering is not old_copy
    label = ox.Literal("just recorded")
    assert list(answering.quads_for_pattern(ox.NamedNode(LEVEL), None, label, None)), "the write is not seen"
    assert eventually(lambda: copied(snapshot, old_copy))
    assert list(snapshot.current().quads_for_pattern(ox.NamedNode(LEVEL), None, label, None))
    primary.close()


def test_a_store_bigger_than_the_limit_is_read_from_disk(tmp_path: Path) -> None:
    primary = store_with_data(tmp_path / "store")
    size = len(primary.oxigraph)
    snapshot = _Snapshot(tmp_path / "store", replica_max_quads=size - 1)
    time.sleep(0.5)  # time enough to copy a store this small
    assert snapshot.replica is None
    assert snapshot.current() is snapshot.store
    at_limit = _Snapshot(tmp_path / "store", replica_max_quads=size)
    assert eventually(lambda: copied(at_limit))
    primary.close()


def test_every_query_through_the_endpoint_sees_the_last_update(tmp_path: Path) -> None:
    with running_service(tmp_path / "store", data=[DATA], admin_token=ADMIN, query_workers=1,
                         query_replica_max_quads=100_000, **WORKERS_ANSWER) as svc, httpx.Client(base_url=svc.url, timeout=30) as client:
        sources = []
        for round_ in range(6):
            label = f"revision {round_}"
            update = (f'DELETE {{ GRAPH <urn:x-test:g> {{ <{LEVEL}> <{RDFS_LABEL}> ?old }} }} '
                      f'INSERT {{ GRAPH <urn:x-test:g> {{ <{LEVEL}> <{RDFS_LABEL}> "{label}" }} }} '
                      f'WHERE {{ OPTIONAL {{ GRAPH <urn:x-test:g> {{ <{LEVEL}> <{RDFS_LABEL}> ?old }} }} }}')
            written = client.post("/sparql", data={"update": update}, headers={"Authorization": f"Bearer {ADMIN}"})
            assert written.status_code == 204, written.text
            ask = f'ASK {{ GRAPH <urn:x-test:g> {{ <{LEVEL}> <{RDFS_LABEL}> "{label}" }} }}'

            def answered_from_memory() -> bool:
                answer = client.get("/sparql", params={"query": ask},
                                    headers={"Accept": "application/sparql-results+json"})
                assert answer.json()["boolean"] is True, f"{label} was not seen"
                sources.append(answer.headers["Server-Timing"])
                return 'desc="memory"' in answer.headers["Server-Timing"]

            # at once (from the disk while the copy is being made), and then from the new copy in memory
            assert eventually(answered_from_memory), f"no answer came from memory: {sources[-3:]}"
        assert any('desc="disk"' in s for s in sources)  # right after a write, the disk answered


def test_a_graph_written_through_the_service_is_refreshed_in_the_copy_which_keeps_answering(tmp_path: Path) -> None:
    """A write whose graphs the service knows (Graph Store Protocol, submissions, loads) does not throw the copy
    away: the worker is told which graphs changed before its next query, refreshes just those in its copy from
    the disk, and answers from memory at once, the write included. A write that may change any graph (a SPARQL
    Update) makes the worker read the disk until a new copy is ready (the test above)."""
    with running_service(tmp_path / "store", data=[DATA], admin_token=ADMIN, query_workers=1,
                         query_replica_max_quads=100_000, **WORKERS_ANSWER) as svc, httpx.Client(base_url=svc.url, timeout=30) as client:
        def source(query: str) -> tuple[dict, str]:
            answer = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
            return answer.json(), answer.headers["Server-Timing"]

        assert eventually(lambda: 'desc="memory"' in source("ASK {}")[1]), "the copy was never made"
        for round_ in range(5):
            body = f'<{LEVEL}> <{RDFS_LABEL}> "revision {round_}" .\n'
            written = client.put("/store", params={"graph": "urn:x-test:labels"}, content=body,
                                 headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {ADMIN}"})
            assert written.status_code in (201, 204), written.text
            answer, timing = source(f"SELECT ?label {{ GRAPH <urn:x-test:labels> {{ <{LEVEL}> <{RDFS_LABEL}> ?label }} }}")
            assert [b["label"]["value"] for b in answer["results"]["bindings"]] == [f"revision {round_}"]
            assert 'desc="memory"' in timing, f"write {round_}: answered from the disk ({timing})"
        deleted = client.delete("/store", params={"graph": "urn:x-test:labels"},
                                headers={"Authorization": f"Bearer {ADMIN}"})
        assert deleted.status_code == 204
        answer, timing = source("ASK { GRAPH <urn:x-test:labels> { ?s ?p ?o } }")
        assert answer["boolean"] is False and 'desc="memory"' in timing


def test_no_copy_is_started_when_the_stores_files_prove_it_too_big(tmp_path: Path) -> None:
    """A copy that would be thrown away at the limit is never started: the table files' size is a lower bound
    of the number of quads. Started nonetheless, it would cost a worker the memory and CPU of the copy."""
    primary = ox.Store(str(tmp_path / "store"))
    primary.bulk_extend(ox.Quad(ox.NamedNode(f"urn:x-replica:s{i}"), ox.NamedNode("urn:x-replica:p"),
                                ox.Literal(f"value {i}"), ox.NamedNode("urn:x-replica:g")) for i in range(50_000))
    primary.flush()
    too_small_a_limit = _Snapshot(tmp_path / "store", replica_max_quads=1_000)
    assert too_small_a_limit.surely_too_big()
    time.sleep(0.5)
    assert too_small_a_limit.copies_started == 0 and too_small_a_limit.current() is too_small_a_limit.store
    room_enough = _Snapshot(tmp_path / "store", replica_max_quads=100_000)
    assert not room_enough.surely_too_big()
    assert eventually(lambda: copied(room_enough))
    del primary


def _journaled_copy(tmp_path: Path) -> tuple[EmbeddedStore, _Snapshot]:
    """The primary (as the server holds it) and a worker's snapshot that the server tells of its writes."""
    primary = store_with_data(tmp_path / "store")
    snapshot = _Snapshot(tmp_path / "store", replica_max_quads=10_000, generation=primary.generation)
    assert eventually(lambda: copied(snapshot)), "the copy in memory was never made"
    return primary, snapshot


def _write_label(primary: EmbeddedStore, text: str) -> None:
    primary.oxigraph.add(ox.Quad(ox.NamedNode(LEVEL), ox.NamedNode(RDFS_LABEL), ox.Literal(text),
                                 ox.NamedNode("urn:x-test:labels")))
    primary.mark_changed(["urn:x-test:labels"])


def test_a_small_write_reaches_the_copy_with_the_servers_word_without_reopening_the_store(tmp_path: Path) -> None:
    """The server sends the new content of the graphs a small write changed, with the write's number: the
    worker puts it in its copy and answers from memory at once, without reopening the store (10-40 ms at a
    million quads, the tail of the latency during writes)."""
    primary, snapshot = _journaled_copy(tmp_path)
    reopens = snapshot.reopens
    for n in range(3):
        told = primary.generation
        _write_label(primary, f"revision {n}")
        content = primary.graph_content("urn:x-test:labels", 2_000)
        snapshot.learn(told, primary.generation, primary.changes_since(told), {"urn:x-test:labels": content})
        answering = snapshot.current()
        assert answering is snapshot.replica
        labels = {q.object.value for q in answering.quads_for_pattern(ox.NamedNode(LEVEL), ox.NamedNode(RDFS_LABEL),
                                                                        None, ox.NamedNode("urn:x-test:labels"))}
        assert labels == {f"revision {i}" for i in range(n + 1)}
    assert snapshot.reopens == reopens
    assert all_quads(snapshot.replica) == all_quads(primary.oxigraph)
    primary.close()


def test_without_the_content_the_worker_reads_the_written_graphs_from_a_reopened_store(tmp_path: Path) -> None:
    """A write too big to send (or a store that cannot send it) is told of by its graphs only: the worker reopens
    the store and refreshes those graphs from it, and still answers from memory."""
    primary, snapshot = _journaled_copy(tmp_path)
    reopens = snapshot.reopens
    told = primary.generation
    _write_label(primary, "too big to send")
    snapshot.learn(told, primary.generation, primary.changes_since(told), None)
    answering = snapshot.current()
    assert answering is snapshot.replica and snapshot.reopens == reopens + 1
    assert all_quads(answering) == all_quads(primary.oxigraph)
    primary.close()


def test_a_graph_emptied_and_dropped_is_gone_from_the_copy(tmp_path: Path) -> None:
    primary, snapshot = _journaled_copy(tmp_path)
    told = primary.generation
    _write_label(primary, "short-lived")
    snapshot.learn(told, primary.generation, primary.changes_since(told),
                   {"urn:x-test:labels": primary.graph_content("urn:x-test:labels", 2_000)})
    assert snapshot.current().contains_named_graph(ox.NamedNode("urn:x-test:labels"))
    told = primary.generation
    primary.oxigraph.remove_graph(ox.NamedNode("urn:x-test:labels"))
    primary.mark_changed(["urn:x-test:labels"])
    snapshot.learn(told, primary.generation, primary.changes_since(told),
                   {"urn:x-test:labels": primary.graph_content("urn:x-test:labels", 2_000)})
    answering = snapshot.current()
    assert answering is snapshot.replica
    assert not answering.contains_named_graph(ox.NamedNode("urn:x-test:labels"))
    assert all_quads(answering) == all_quads(primary.oxigraph)
    primary.close()


def test_a_query_beside_the_refresh_sees_a_write_whole_or_not_at_all(tmp_path: Path) -> None:
    """A worker's lanes read one copy: while one refreshes a written graph in it, another's query must see the graph
    as it was or as it is, never half replaced. A replaced graph of 500 quads was added first and cleared after, in
    separate transactions, and a query between them counted up to twice as many."""
    primary, snapshot = _journaled_copy(tmp_path)
    graph = ox.NamedNode("urn:x-test:roll")

    def roll(revision: int) -> None:
        told = primary.generation
        primary.replace_quads([URIRef(graph.value)], [
            ox.Quad(ox.NamedNode(f"urn:x-test:q{i}"), ox.NamedNode(RDFS_LABEL), ox.Literal(f"r{revision} q{i}"), graph)
            for i in range(500)])
        snapshot.learn(told, primary.generation, primary.changes_since(told),
                       {graph.value: primary.graph_content(graph.value, 2_000)})
        snapshot.current()

    roll(0)
    counts = counts_seen_while(lambda: snapshot.replica, graph.value, lambda: [roll(r) for r in range(1, 30)])
    assert counts == {500}, f"a query saw the graph half replaced: {sorted(counts)[:8]}"
    assert all_quads(snapshot.replica) == all_quads(primary.oxigraph)
    primary.close()


def test_a_written_blank_node_keeps_its_label_in_the_copy(tmp_path: Path) -> None:
    """A refresh goes in one SPARQL update only where that keeps every term: ``INSERT DATA`` would give a blank
    node a new label, and the copy must answer with the disk's labels. A graph with a blank node is changed in two
    steps, as before."""
    primary, snapshot = _journaled_copy(tmp_path)
    told = primary.generation
    primary.oxigraph.add(ox.Quad(ox.BlankNode("note1"), ox.NamedNode(RDFS_LABEL), ox.Literal("a note"),
                                 ox.NamedNode("urn:x-test:labels")))
    primary.mark_changed(["urn:x-test:labels"])
    snapshot.learn(told, primary.generation, primary.changes_since(told),
                   {"urn:x-test:labels": primary.graph_content("urn:x-test:labels", 2_000)})
    answering = snapshot.current()
    assert answering is snapshot.replica
    assert ox.BlankNode("note1") in {q.subject for q in answering.quads_for_pattern(None, None, None, None)}
    assert all_quads(answering) == all_quads(primary.oxigraph)
    primary.close()


def test_a_copy_finishing_while_the_old_one_is_refreshed_never_hides_the_write(tmp_path: Path) -> None:
    """A worker's copying thread may finish a copy of an older snapshot while a lane brings the current copy up to a
    write. Whichever copy stays, it must be known for the writes it holds: CI once saw an answer one write old, the
    older copy having been put in place with the refreshed copy's generation (tests/test_memory_budget.py)."""
    primary, snapshot = _journaled_copy(tmp_path)
    older, signature, generation = snapshot.store, snapshot.signature, snapshot.store_generation
    told = primary.generation
    _write_label(primary, "written while a copy was being made")
    snapshot.learn(told, primary.generation, primary.changes_since(told),
                   {"urn:x-test:labels": primary.graph_content("urn:x-test:labels", 2_000)})
    refresh = snapshot._replace_graphs

    def refresh_while_the_older_copy_finishes(replica: ox.Store, graphs: dict) -> None:
        refresh(replica, graphs)
        snapshot._copy_to_memory(older, signature, generation)  # the copying thread, done just now

    snapshot._replace_graphs = refresh_while_the_older_copy_finishes
    snapshot.current()
    snapshot._replace_graphs = refresh
    for _ in range(2):  # the query after: whichever copy answers holds the write
        assert all_quads(snapshot.current()) == all_quads(primary.oxigraph)
    primary.close()
