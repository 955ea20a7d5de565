"""The fast path of a submission gives the same answers as the reference, and writes exactly the new version.

As the maintainer, I want a submission of 100,000 triples checked and stored in about two seconds: it is
parsed into Oxigraph, validated there with the fast engine (pyshacl-turbo and SHACL-SPARQL on Oxigraph,
cut in parts checked at once when large), and a new version is written as what changed since the last one.
None of that may change an answer: the report is the one pySHACL, the reference, gives, and after a
resubmission the submission's graph holds exactly the new version — blank nodes included.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import FIXTURES, bundled_data_store
from qualgraph.store import EmbeddedStore
from qualgraph.submissions import SubmissionId, Submissions, SubmittedFile
from qualgraph.validation_engines import ENGINE_VARIABLE
from service_support import level_9_turtle

SUBMISSIONS = FIXTURES / "submissions"
CHECKED = [
    [SUBMISSIONS / "rank-already-used-in-the-store.ttl"],
    [SUBMISSIONS / "decision-without-source.ttl"],
    [SUBMISSIONS / "level-name-without-language.ttl"],
    [SUBMISSIONS / "ph-pqf--aqrf.ttl"],
    [SUBMISSIONS / "templates-broken" / "referencing-to-a-national-framework" / "referencing.csv"],
    sorted((SUBMISSIONS / "level-9-from-a-template-with-a-name-without-language").iterdir()),
]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> Iterator[EmbeddedStore]:
    """The bundled data on disk: only checked against here, never written."""
    store = bundled_data_store(tmp_path_factory.mktemp("store"))
    yield store
    store.close()


@pytest.mark.parametrize("paths", CHECKED, ids=lambda ps: ps[0].parent.name if len(ps) > 1 else ps[0].name)
def test_a_submission_gets_the_report_pyshacl_gives(paths: list[Path], bundled, monkeypatch) -> None:
    files = [SubmittedFile.from_path(p) for p in paths]
    reports = {}
    for engine in ("fast", "pyshacl"):
        monkeypatch.setenv(ENGINE_VARIABLE, engine)
        _, report = Submissions(bundled).check(files)
        reports[engine] = report.to_json()

    assert reports["fast"] == reports["pyshacl"]
    found = reports["fast"]["problems"]
    assert found or paths[0].name == "ph-pqf--aqrf.ttl", "a check that finds nothing proves little"


def level_9(rank: int, note: str) -> bytes:
    return level_9_turtle(rank, note)


def graph_of(store: EmbeddedStore, sid: SubmissionId) -> Graph:
    graph = Graph()
    for triple in store.graph_triples(sid.graph):
        graph.add(triple)
    return graph


def test_a_resubmission_leaves_exactly_the_new_version_in_the_graph_blank_nodes_included(tmp_path) -> None:
    store = bundled_data_store(tmp_path / "store")
    submissions = Submissions(store)
    sid = SubmissionId.of("ph-pqf-ncc", "ph-pqf-level-9")
    for version, (rank, note) in enumerate([(9, "first look"), (10, "checked again"), (10, "checked again")], 1):
        data = level_9(rank, note)

        outcome = submissions.submit([SubmittedFile("level-9.ttl", data)], agency=sid.agency, name=sid.name)

        assert (outcome.accepted, outcome.version) == (True, version)
        expected = Graph().parse(data=data, format="turtle", publicID="https://w3id.org/qualgraph/id/")
        assert isomorphic(graph_of(store, sid), expected), f"version {version} is not what the graph holds"
        assert outcome.triples == len(expected)


def test_a_first_version_after_a_withdrawal_is_written_whole(tmp_path) -> None:
    store = bundled_data_store(tmp_path / "store")
    submissions = Submissions(store)
    sid = SubmissionId.of("ph-pqf-ncc", "ph-pqf-level-9")
    submissions.submit([SubmittedFile("level-9.ttl", level_9(9, "first"))], agency=sid.agency, name=sid.name)
    submissions.withdraw(sid, by=sid.agency)
    assert not store.has_graph(sid.graph)

    outcome = submissions.submit([SubmittedFile("level-9.ttl", level_9(9, "back"))], agency=sid.agency, name=sid.name)

    assert (outcome.accepted, outcome.version) == (True, 2)
    expected = Graph().parse(data=level_9(9, "back"), format="turtle", publicID="https://w3id.org/qualgraph/id/")
    assert isomorphic(graph_of(store, sid), expected)
