"""A store too big to copy whole still answers the comparability questions from memory, with the same answers.

As the operator of an endpoint holding national registers (10M triples, read from disk), I want the questions
officers ask most (what does this level compare to, through which decisions) answered at the speed of memory:
they read a few thousand quads of frameworks, levels and decisions. Each query worker copies the quads of the
predicates such queries read (``QUALGRAPH_QUERY_PREDICATE_COPY_MAX_QUADS``) and answers a query from that copy
only when the query's text shows it can read no other quad. As a recognition officer, I must get exactly the
answer the whole store gives, and never one that misses a write.
"""

from __future__ import annotations

import glob
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import URIRef

from qualgraph import ids
from qualgraph.queries import load_query, with_values
from qualgraph.sparql.predicate_copy import PredicateCopies
from qualgraph.sparql.predicates_read import RDF_TYPE, predicates_read
from qualgraph.store import EmbeddedStore
from service_support import counts_seen_while, eventually, running_service

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "fixtures" / "sparql" / "ie-nfq-eqf.trig"
ADMIN = "predicate-copy-admin"
QG = "https://w3id.org/qualgraph/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PREFIXES = f"PREFIX qg: <{QG}> PREFIX skos: <{SKOS}> PREFIX dcterms: <http://purl.org/dc/terms/> "


def comparable_levels_query(level: str) -> str:
    return with_values(load_query("comparable-levels"), "level", [ids.LevelId.parse(level).iri])


# -- which predicates a query reads ---------------------------------------------------------------------
def test_the_comparability_query_reads_the_correspondences_and_two_classes() -> None:
    keys = predicates_read(comparable_levels_query("ie-nfq:8"))
    assert keys == {(SKOS + "inScheme", None), (QG + "sourceLevel", None), (QG + "targetLevel", None),
                    (QG + "status", None), (QG + "noCounterpart", None), (QG + "targetFramework", None),
                    (RDF_TYPE, QG + "ReferenceFramework"), (RDF_TYPE, QG + "LevelComparison")}


@pytest.mark.parametrize(("query", "keys"), [
    ("ASK { ?s a qg:Level }", {(RDF_TYPE, QG + "Level")}),
    ("ASK { ?s a ?class }", {(RDF_TYPE, None)}),
    ("ASK { ?s qg:rank 8 ; a qg:Level, ?k . }", {(QG + "rank", None), (RDF_TYPE, QG + "Level"), (RDF_TYPE, None)}),
    ("SELECT ?x { ?x ^skos:inScheme/qg:rank 8 }", {(SKOS + "inScheme", None), (QG + "rank", None)}),
    ("SELECT ?x { ?x skos:prefLabel|skos:altLabel 'NFQ'@en }", {(SKOS + "prefLabel", None), (SKOS + "altLabel", None)}),
    ("SELECT ?x { ?x qg:rank ?r FILTER NOT EXISTS { ?x qg:status ?s } }", {(QG + "rank", None), (QG + "status", None)}),
    ("SELECT ?x { ?x qg:rank ?r FILTER(?r > 5 && !EXISTS { ?x skos:notation ?n }) }",
     {(QG + "rank", None), (SKOS + "notation", None)}),
    ("SELECT ?x { ?x qg:rank ?r MINUS { ?x skos:notation '8' } OPTIONAL { ?x skos:prefLabel ?l } }",
     {(QG + "rank", None), (SKOS + "notation", None), (SKOS + "prefLabel", None)}),
    ("SELECT ?n { { SELECT (COUNT(*) AS ?n) { ?x qg:rank ?r } GROUP BY ?x } }", {(QG + "rank", None)}),
    ("CONSTRUCT { ?x ?anything ?r } WHERE { ?x qg:rank ?r }", {(QG + "rank", None)}),
    ("SELECT ?x { [ qg:rank ?x ; skos:inScheme [ a qg:QualificationsFramework ] ] }",
     {(QG + "rank", None), (SKOS + "inScheme", None), (RDF_TYPE, QG + "QualificationsFramework")}),
    ("SELECT ?x { ?x qg:rank 8. ?x qg:status qg:accepted. }", {(QG + "rank", None), (QG + "status", None)}),
    ('SELECT ?x { ?x skos:notation "8"^^<http://www.w3.org/2001/XMLSchema#string> VALUES ?x { <urn:x:a> } }',
     {(SKOS + "notation", None)}),
])
def test_a_query_whose_predicates_are_all_constant_reads_just_those(query: str, keys: set) -> None:
    assert predicates_read(PREFIXES + query) == keys


@pytest.mark.parametrize("query", [
    pytest.param("SELECT * { <urn:x:a> ?p ?o }", id="a-variable-predicate-reads-everything"),
    pytest.param("SELECT * { ?s qg:rank ?r ; ?p ?o }", id="a-variable-predicate-after-a-semicolon"),
    pytest.param("SELECT * { ?s skos:broader* ?o }", id="a-zero-length-path-matches-every-term"),
    pytest.param("SELECT * { ?s skos:broader? ?o }", id="a-zero-or-one-path-matches-every-term"),
    pytest.param("SELECT * { ?s skos:broader+ ?o }", id="a-one-or-more-path"),
    pytest.param("SELECT * { ?s !skos:broader ?o }", id="a-negated-property-set-reads-every-other-predicate"),
    pytest.param("SELECT * { ?s (skos:broader) ?o }", id="a-bracketed-path"),
    pytest.param("SELECT * { GRAPH ?g { ?s qg:rank ?o } }", id="graph-patterns-see-graphs-not-in-the-copy"),
    pytest.param("SELECT * FROM <urn:x:g> { ?s qg:rank ?o }", id="a-dataset-of-the-querys-own"),
    pytest.param("SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s qg:rank ?o } }", id="federation"),
    pytest.param("DESCRIBE <urn:x:a>", id="describe-reads-everything-about-a-resource"),
    pytest.param("SELECT * { ?s qg:rank (1 2) }", id="a-collection-reads-rdf-first-and-rest"),
    pytest.param("SELECT * { << ?s qg:rank ?o >> qg:status ?x }", id="a-quoted-triple"),
    pytest.param("SELECT * { ?s qg:rank ?o FILTER(?o<?b)?c:q?d.FILTER(?e>?f) }",
                 id="a-comparison-that-looks-like-an-iri-hides-a-triple"),
    pytest.param("SELECT * { ?s <rank> ?o }", id="a-relative-iri"),
    pytest.param("SELECT * { ?s qg:r\\u0061nk ?o }", id="a-codepoint-escape-read-before-the-grammar"),
    pytest.param("SELECT * { ?s undeclared:rank ?o }", id="an-undeclared-prefix"),
    pytest.param("SELECT * { ?s qg:rank ?o } ORDER BY ?o HAVING (EXISTS { ?s ?p ?o })",
                 id="a-pattern-in-a-solution-modifier"),
    pytest.param("SELECT * { ?s qg:rank ?o ", id="unfinished"),
    pytest.param("SELECT * " + "{ " * 5000 + "?s qg:rank ?o" + " }" * 5000, id="nested-deeper-than-the-stack"),
])
def test_a_query_that_may_read_other_predicates_is_answered_from_the_whole_store(query: str) -> None:
    assert predicates_read(PREFIXES + query) is None


# -- the same answers from the copy as from the whole store ---------------------------------------------
def solutions(store: ox.Store, query: str) -> object:
    """A query's answer as a comparable value: the multiset of its rows (or triples), or its boolean."""
    result = store.query(query, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        return sorted(str(triple) for triple in result)
    names = [v.value for v in result.variables]
    return sorted(tuple(_unordered(row[name]) for name in names) for row in result)


def _unordered(term: object) -> str:
    """A term as text; a literal's space-separated parts sorted, since ``GROUP_CONCAT`` (coverage.rq) joins them
    in the order the rows come, which SPARQL leaves open (and memory and disk give different orders)."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return " ".join(sorted(term.value.split(" "))) + f"^^{term.datatype.value}@{term.language}"
    return str(term)


def questions() -> list[tuple[str, str]]:
    """The service's own queries and the examples it offers, with markers unbound (every level, every framework),
    and the comparability query bound to levels that have paths; only those whose predicates can be read."""
    texts = [(Path(f).name, Path(f).read_text(encoding="utf-8"))
             for f in sorted(glob.glob(str(ROOT / "queries" / "*.rq")) + glob.glob(str(ROOT / "queries" / "examples" / "*.rq")))]
    texts += [(f"comparable-levels {level}", comparable_levels_query(level)) for level in ("ie-nfq:8", "uk-scqf:10", "eqf:5")]
    texts += [(f"tricky {i}", PREFIXES + q) for i, q in enumerate([
        "SELECT ?x ?r { ?x ^skos:inScheme/qg:rank ?r }",
        "SELECT ?c ?l { ?c qg:sourceLevel/skos:inScheme|qg:targetFramework ?l }",
        "SELECT ?x { ?x a qg:Level FILTER NOT EXISTS { ?x qg:rank ?r } }",
        "SELECT ?x { ?x a qg:Level FILTER(!EXISTS { ?x skos:notation '8' }) }",
        "SELECT ?x ?class { ?x skos:inScheme ?f ; a ?class }",
        "SELECT ?f (COUNT(?x) AS ?n) { ?x skos:inScheme ?f } GROUP BY ?f HAVING (COUNT(?x) > 3)",
        "CONSTRUCT { ?x qg:comparableTo ?y } WHERE { ?c qg:sourceLevel ?x ; qg:targetLevel ?y }",
        "ASK { ?x a qg:ReferenceFramework ; skos:prefLabel ?l }",
    ])]
    return [(name, text) for name, text in texts if predicates_read(text)]


def test_every_query_it_covers_gets_from_the_copy_the_answer_of_the_whole_store(bundled_store: EmbeddedStore) -> None:
    whole = bundled_store.oxigraph
    copies = PredicateCopies(max_quads=1_000_000)
    asked = questions()
    assert len(asked) >= 30, [name for name, _ in asked]
    answered = 0
    for name, text in asked:
        keys = predicates_read(text)
        copy = copies.make(whole, keys)
        assert copy.keys == keys, f"{name}: not every predicate was copied"
        expected = solutions(whole, text)
        assert solutions(copy.store, text) == expected, name
        answered += bool(expected)
    assert answered >= 25, "too few of the questions have answers for the comparison to mean much"


def test_a_predicate_too_big_for_the_room_left_is_not_copied_and_is_remembered(bundled_store: EmbeddedStore) -> None:
    whole = bundled_store.oxigraph
    copies = PredicateCopies(max_quads=50)
    small, big = (RDF_TYPE, QG + "ReferenceFramework"), (SKOS + "prefLabel", None)
    copy = copies.make(whole, frozenset({small, big}))
    assert copy.keys == {small} and copies.too_big == {big}
    assert copy.quads == len(list(whole.quads_for_pattern(None, ox.NamedNode(RDF_TYPE),
                                                          ox.NamedNode(QG + "ReferenceFramework"), None)))
    assert copies.store_for(PREFIXES + "SELECT ?x { ?x skos:prefLabel ?l }", whole) is None


def test_remembering_what_a_query_reads_costs_a_digest_not_the_text() -> None:
    copies = PredicateCopies(max_quads=10)
    text = PREFIXES + "ASK { ?s qg:rank ?r }" + " " * 500_000
    assert copies._keys(text) == {(QG + "rank", None)}
    assert all(len(digest) <= 64 for digest in copies._keys_of)


def test_a_worker_reading_the_disk_keeps_the_journal_only_as_far_back_as_its_copy_needs(tmp_path: Path) -> None:
    """The server tells each worker which graphs every write changed; a worker reading the disk kept each entry
    for ever (memory growing with the number of writes). Now it forgets what no copy needs."""
    from qualgraph.sparql.worker import _Snapshot

    EmbeddedStore(tmp_path / "store").close()
    snapshot = _Snapshot(tmp_path / "store", replica_max_quads=0, generation=0)
    snapshot.learn(0, 100, [frozenset({"urn:x-test:g"})] * 100)
    snapshot.forget_changes(60)  # a copy of small predicates holds the writes up to 60
    assert snapshot._graphs_changed(60, 100) == {"urn:x-test:g"} and snapshot._graphs_changed(59, 100) is None
    snapshot.forget_changes(100)
    assert not snapshot._changes


DECISION = ("<urn:x-test:decision> <https://w3id.org/qualgraph/ontology#sourceLevel> "
            "<https://w3id.org/qualgraph/id/framework/ie-nfq/level/8> .\n"
            "<urn:x-test:decision> <https://w3id.org/qualgraph/ontology#targetLevel> "
            "<https://w3id.org/qualgraph/id/framework/eqf/level/7> .\n"
            "<urn:x-test:decision> <https://w3id.org/qualgraph/ontology#status> "
            "<https://w3id.org/qualgraph/status/draft> .\n")
"""A referencing decision of the Irish NFQ's level 8, recorded as a draft: the comparability query then finds it."""


def _record_decision(primary: EmbeddedStore, graph: str) -> None:
    name = ox.NamedNode(graph)
    primary.replace_quads([URIRef(graph)], [ox.Quad(t.subject, t.predicate, t.object, name)
                                            for t in ox.parse(DECISION.encode(), format=ox.RdfFormat.N_TRIPLES)])


def test_after_a_small_write_the_copy_answers_without_the_store_reopened(tmp_path: Path) -> None:
    """At 10M a worker reading the disk reopened its snapshot at the first query after every write (20-50 ms of the
    lane's time) only to refresh a few quads in this copy. The server sends a small write's graphs with it; the
    copy now takes them from there, and the snapshot is reopened only when a query needs the disk."""
    from qualgraph.sparql.execution import QueryRequest
    from qualgraph.sparql.worker import _Snapshot, store_to_answer

    primary = EmbeddedStore(tmp_path / "store")
    primary.extend(ox.parse(DATA.read_bytes(), format=ox.RdfFormat.TRIG))
    snapshot = _Snapshot(tmp_path / "store", replica_max_quads=0, generation=primary.generation)
    copies = PredicateCopies(max_quads=10_000)
    request = QueryRequest(comparable_levels_query("ie-nfq:8"))
    expected = solutions(snapshot.store, request.query)
    assert store_to_answer(request, snapshot, copies)[1] == "disk"
    assert eventually(lambda: store_to_answer(request, snapshot, copies)[1] == "predicates"), "no copy was made"

    told = primary.generation
    _record_decision(primary, "urn:x-test:new")
    key = "urn:x-test:new"
    snapshot.learn(told, primary.generation, primary.changes_since(told), {key: primary.graph_content(key, 2_000)})
    reopens = snapshot.reopens
    store, source = store_to_answer(request, snapshot, copies)
    assert source == "predicates" and snapshot.reopens == reopens, "the store was reopened for a write it was sent"
    answer = solutions(store, request.query)
    assert answer != expected and "urn:x-test:decision" in str(answer), "the write was missed"
    # the store's own answer, from the writer's handle: a read-only open of the directory beside a live writer can
    # race its background compaction (a table file gone between reading the manifest and opening it)
    assert answer == solutions(primary.oxigraph, request.query)

    # a write whose content was not sent (a big one): the snapshot is reopened, and the copy still has the write
    told = primary.generation
    _record_decision(primary, "urn:x-test:big")
    snapshot.learn(told, primary.generation, primary.changes_since(told), None)
    store, source = store_to_answer(request, snapshot, copies)
    assert source == "predicates" and snapshot.reopens == reopens + 1
    assert solutions(store, request.query) == solutions(primary.oxigraph, request.query)
    assert not snapshot._shipped, "what the server sent is kept only until the copy has it"
    primary.close()


def test_a_query_beside_the_copys_refresh_sees_a_write_whole_or_not_at_all(tmp_path: Path) -> None:
    """Two lanes of a worker read one copy: while one brings it up to a write, a query in the other must see the
    decisions of a graph as they were or as they are, never half replaced (each ``extend`` and ``remove`` was a
    transaction of its own)."""
    from qualgraph.sparql.execution import QueryRequest
    from qualgraph.sparql.worker import _Snapshot, store_to_answer

    primary = EmbeddedStore(tmp_path / "store")
    primary.extend(ox.parse(DATA.read_bytes(), format=ox.RdfFormat.TRIG))
    snapshot = _Snapshot(tmp_path / "store", replica_max_quads=0, generation=primary.generation)
    copies = PredicateCopies(max_quads=10_000)
    request = QueryRequest(comparable_levels_query("ie-nfq:8"))
    assert eventually(lambda: store_to_answer(request, snapshot, copies)[1] == "predicates"), "no copy was made"
    graph = "urn:x-test:roll"

    def roll(revision: int) -> None:
        told = primary.generation
        name = ox.NamedNode(graph)
        primary.replace_quads([URIRef(graph)], [
            ox.Quad(ox.NamedNode(f"urn:x-test:r{revision}-d{i}"), ox.NamedNode(QG + "status"),
                    ox.NamedNode("https://w3id.org/qualgraph/status/draft"), name) for i in range(300)])
        snapshot.learn(told, primary.generation, primary.changes_since(told), {graph: primary.graph_content(graph, 2_000)})
        assert store_to_answer(request, snapshot, copies)[1] == "predicates"

    roll(0)
    counts = counts_seen_while(lambda: copies.copy.store, graph, lambda: [roll(r) for r in range(1, 30)])
    assert counts == {300}, f"a query saw the graph half replaced: {sorted(counts)[:8]}"
    primary.close()


# -- through the endpoint ---------------------------------------------------------------------------------
def ask(client: httpx.Client, query: str) -> tuple[list[dict], str]:
    answer = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query",
                                                            "Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]["bindings"], answer.headers["Server-Timing"]


def rows(bindings: list[dict]) -> list[tuple]:
    return sorted(tuple(sorted((k, v["value"]) for k, v in b.items())) for b in bindings)


READ_FROM_DISK = {"query_workers": 1, "query_replica_max_quads": 0, "sparql_cache_bytes": 0}
"""A store read from disk (no whole copy), and no answers kept by the server: every query reaches a worker."""


def test_the_endpoint_answers_the_comparability_query_from_the_copy_and_sees_every_write(tmp_path: Path) -> None:
    query = comparable_levels_query("ie-nfq:8")
    with running_service(tmp_path / "store", data=[DATA], admin_token=ADMIN, query_predicate_copy_max_quads=10_000,
                         **READ_FROM_DISK) as svc, httpx.Client(base_url=svc.url, timeout=30) as client:
        from_disk, timing = ask(client, query)
        assert 'desc="disk"' in timing and from_disk
        assert eventually(lambda: 'desc="predicates"' in ask(client, query)[1]), "the copy was never made"
        assert rows(ask(client, query)[0]) == rows(from_disk)

        # a decision recorded now: the very next answer has it, from the copy (its changed graph refreshed there)
        decision = ("<urn:x-test:decision> <https://w3id.org/qualgraph/ontology#sourceLevel> "
                    "<https://w3id.org/qualgraph/id/framework/ie-nfq/level/8> .\n"
                    "<urn:x-test:decision> <https://w3id.org/qualgraph/ontology#targetLevel> "
                    "<https://w3id.org/qualgraph/id/framework/eqf/level/7> .\n"
                    "<urn:x-test:decision> <https://w3id.org/qualgraph/ontology#status> "
                    "<https://w3id.org/qualgraph/status/draft> .\n")
        written = client.put("/store", params={"graph": "urn:x-test:new"}, content=decision,
                             headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {ADMIN}"})
        assert written.status_code in (201, 204), written.text
        after, timing = ask(client, query)
        assert any(b.get("c1", {}).get("value") == "urn:x-test:decision" for b in after), "the write was missed"
        assert 'desc="predicates"' in timing, "the copy was not refreshed with the write's graph"

        # a SPARQL Update may change any graph: the disk answers, with the change, until the copy is made again
        update = ("DELETE WHERE { GRAPH <urn:x-test:new> { <urn:x-test:decision> "
                  "<https://w3id.org/qualgraph/ontology#status> ?status } }")
        updated = client.post("/sparql", data={"update": update}, headers={"Authorization": f"Bearer {ADMIN}"})
        assert updated.status_code == 204, updated.text
        answer, timing = ask(client, query)
        assert 'desc="disk"' in timing
        assert not any(b.get("c1", {}).get("value") == "urn:x-test:decision" for b in answer), "the update was missed"
        assert eventually(lambda: 'desc="predicates"' in ask(client, query)[1]), "no new copy after the update"
        assert rows(ask(client, query)[0]) == rows(from_disk)


def test_a_query_the_copy_does_not_cover_is_answered_from_disk(tmp_path: Path) -> None:
    with running_service(tmp_path / "store", data=[DATA], query_predicate_copy_max_quads=10_000,
                         **READ_FROM_DISK) as svc, httpx.Client(base_url=svc.url, timeout=30) as client:
        level = "<https://w3id.org/qualgraph/id/framework/ie-nfq/level/8>"
        # joins: a single pattern is a lookup, which the server answers itself (tests/test_sparql_inline.py)
        covered = f"SELECT ?f ?label {{ {level} <{SKOS}inScheme> ?f . ?f <{SKOS}prefLabel> ?label }}"
        assert eventually(lambda: 'desc="predicates"' in ask(client, covered)[1])
        for _ in range(3):
            answer, timing = ask(client, f"SELECT ?p ?label {{ {level} ?p ?f . ?f <{SKOS}prefLabel> ?label }}")
            assert 'desc="disk"' in timing and answer


def test_a_query_nested_too_deep_is_refused_and_the_service_answers(tmp_path: Path) -> None:
    """Its predicates are read first (the recognizer gives up where Python's stack ends: "may read anything"), then
    the depth check refuses it as for any query."""
    with running_service(tmp_path / "store", data=[DATA], query_predicate_copy_max_quads=10_000,
                         **READ_FROM_DISK) as svc, httpx.Client(base_url=svc.url, timeout=30) as client:
        deep = PREFIXES + "SELECT * " + "{ " * 5000 + "?s qg:rank ?o . ?o qg:rank ?x" + " }" * 5000
        refused = client.post("/sparql", content=deep, headers={"Content-Type": "application/sparql-query"})
        assert refused.status_code == 400 and "nest" in refused.text.lower(), refused.text
        assert ask(client, comparable_levels_query("ie-nfq:8"))[0], "the service stopped answering"


def test_with_no_room_every_query_is_answered_from_disk(tmp_path: Path) -> None:
    with running_service(tmp_path / "store", data=[DATA], query_predicate_copy_max_quads=2,
                         **READ_FROM_DISK) as svc, httpx.Client(base_url=svc.url, timeout=30) as client:
        query = comparable_levels_query("ie-nfq:8")
        for _ in range(5):
            answer, timing = ask(client, query)
            assert 'desc="disk"' in timing and answer
            time.sleep(0.1)  # time enough to copy a few quads, had they fitted
