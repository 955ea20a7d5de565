"""As an agency, my submission works the same whether qualgraph runs on its embedded store or on our Virtuoso.

The submission workflow (:class:`qualgraph.submissions.Submissions`, which the service runs; HTTP adds nothing
here) on every back end of ``test_remote_store``: the embedded Oxigraph store, ``oxigraph serve`` with the
Graph Store Protocol and with SPARQL alone, and Virtuoso Open Source. A first version is accepted and stored; a
second one writes only the triples that changed and leaves the graph equal to the new version, blank nodes
included (Virtuoso refuses blank nodes in ``INSERT DATA``, and the provenance of every version has some); a
withdrawal drops the data and keeps the record; a submission that fails validation (422) changes nothing.
The level 9 is made-up test data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from qualgraph.config import PROJECT_ROOT
from qualgraph.loading import load_paths
from qualgraph.store import GraphStore
from qualgraph.submissions import SubmissionId, Submissions, SubmittedFile
from service_support import level_9_turtle
from test_remote_store import BACKENDS, open_backend, oxigraph_server, virtuoso_server  # noqa: F401 (fixtures)

AGENCY = "ph-pqf-ncc"
LEVEL_9 = SubmissionId.of(AGENCY, "ph-pqf-level-9")


def level_9(rank: int, note: str) -> bytes:
    return level_9_turtle(rank, note)


@pytest.fixture(params=BACKENDS)
def submissions(request: pytest.FixtureRequest) -> Iterator[Submissions]:
    """The workflow on a store of the back end holding ``data/``, loaded as ``qualgraph load data/`` does."""
    store = open_backend(request, request.param)
    load_paths(store, [PROJECT_ROOT / "data"], root=PROJECT_ROOT)
    yield Submissions(store)
    store.remove_graphs(store.named_graphs())
    store.close()


def submit(submissions: Submissions, data: bytes):
    return submissions.submit([SubmittedFile("level-9.ttl", data, "text/turtle")], agency=AGENCY,
                              name=LEVEL_9.name, frameworks=["ph-pqf"])


def graph_of(store: GraphStore, sid: SubmissionId) -> Graph:
    graph = Graph()
    for triple in store.graph_triples(sid.graph):
        graph.add(triple)
    return graph


def as_graph(data: bytes) -> Graph:
    return Graph().parse(data=data, format="turtle", publicID="https://w3id.org/qualgraph/id/")


def snapshot(store: GraphStore) -> dict[str, list[str]]:
    """Every graph's triples as sorted N-Triples lines, blank node labels left out (a server's dump names them
    afresh each time)."""
    return {str(g): sorted(re.sub(r"_:\S+", "_:", line) for line in
                           store.dump(ox.RdfFormat.N_TRIPLES, g).decode("utf-8").splitlines())
            for g in store.named_graphs()}


def test_a_first_version_is_stored_with_its_provenance(submissions: Submissions) -> None:
    outcome = submit(submissions, level_9(9, "first look"))

    assert (outcome.accepted, outcome.version) == (True, 1), outcome.report.text()
    assert isomorphic(graph_of(submissions.store, LEVEL_9), as_graph(level_9(9, "first look")))
    info = submissions.get(LEVEL_9)
    assert (info.status, [v.number for v in info.versions]) == ("accepted", [1])


def test_a_second_version_writes_only_what_changed_and_the_graph_is_the_new_version(
    submissions: Submissions, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = submissions.store
    submit(submissions, level_9(9, "first look"))
    written: list[tuple[list[str], list[str], bool]] = []
    apply_delta = store.apply_delta

    def spy(graph, delete, insert, *, delete_blank=False, also=()):
        if graph == LEVEL_9.graph:
            written.append((delete, insert, delete_blank))
        return apply_delta(graph, delete, insert, delete_blank=delete_blank, also=also)

    monkeypatch.setattr(store, "apply_delta", spy)

    outcome = submit(submissions, level_9(10, "checked again"))

    assert (outcome.accepted, outcome.version) == (True, 2), outcome.report.text()
    assert isomorphic(graph_of(store, LEVEL_9), as_graph(level_9(10, "checked again")))
    [(deleted, inserted, blank)] = written
    assert [line for line in deleted] == ['<https://w3id.org/qualgraph/id/framework/ph-pqf/level/9> '
                                          '<https://w3id.org/qualgraph/ontology#rank> '
                                          '"9"^^<http://www.w3.org/2001/XMLSchema#integer> .']
    assert blank, "the triples with a blank node are deleted by pattern"
    assert len(inserted) == 3  # the new rank, and the note's two triples (its blank node made afresh)
    assert [v.number for v in submissions.get(LEVEL_9).versions] == [1, 2]


def test_a_withdrawal_drops_the_data_and_keeps_the_record(submissions: Submissions) -> None:
    submit(submissions, level_9(9, "first look"))

    withdrawn = submissions.withdraw(LEVEL_9, by=AGENCY)

    assert withdrawn.status == "withdrawn"
    assert not submissions.store.has_graph(LEVEL_9.graph)
    assert len(graph_of(submissions.store, LEVEL_9)) == 0


def test_a_submission_that_fails_validation_changes_nothing(submissions: Submissions) -> None:
    submit(submissions, level_9(9, "first look"))
    before = snapshot(submissions.store)

    outcome = submit(submissions, level_9(9, "first look").replace(b'qg:rank 9', b'qg:rank "nine"'))

    assert not outcome.accepted  # answered 422 by the service
    assert outcome.report.findings
    assert snapshot(submissions.store) == before
