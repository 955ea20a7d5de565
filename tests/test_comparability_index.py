"""Comparability answers are fast and never stale after a change made through qualgraph.

As a recognition officer I ask the same kind of question many times a day, and I expect an answer at once;
as a secretariat I expect that a referencing decision we change, load or withdraw shows in the very next
answer. qualgraph answers from a comparability index (the correspondences copied into memory and derived
for all levels at once) that is rebuilt after every write made through qualgraph that may change it. On an external SPARQL
server, which other clients may write to directly, the index is also rebuilt when older than
``derived_max_age`` seconds.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from external_servers import RunningServer, start_oxigraph
from qualgraph.comparability import comparability_index, comparable_levels
from qualgraph.ids import level_iri
from qualgraph.loading import load_paths
from qualgraph.store import GraphStore
from qualgraph.store.remote import RemoteStore

MQF_5_DECISION = "https://w3id.org/qualgraph/id/correspondence/my-mqf/5/aqrf/5/2019"
SUPERSEDE_MQF_5 = f"""PREFIX qg: <https://w3id.org/qualgraph/ontology#>
PREFIX qgs: <https://w3id.org/qualgraph/status/>
DELETE {{ GRAPH ?g {{ <{MQF_5_DECISION}> qg:status qgs:accepted }} }}
INSERT {{ GRAPH ?g {{ <{MQF_5_DECISION}> qg:status qgs:superseded }} }}
WHERE {{ GRAPH ?g {{ <{MQF_5_DECISION}> qg:status qgs:accepted }} }}"""


def mqf_answers(store: GraphStore) -> list[str | None]:
    return [a.level for a in comparable_levels(store, "ph-pqf:5", to="my-mqf")]


@pytest.fixture
def graph(store, fixtures):
    load_paths(store, [fixtures / "comparability"], root=fixtures)
    return store


def test_repeated_questions_are_answered_from_one_index(graph):
    first = comparability_index(graph)
    mqf_answers(graph)
    comparable_levels(graph, "ie-nfq:8")
    assert comparability_index(graph) is first
    assert first.triples > 0 and first.seconds > 0


def test_a_decision_changed_by_sparql_update_changes_the_next_answer(graph):
    assert mqf_answers(graph) == ["my-mqf:5"]
    graph.update(SUPERSEDE_MQF_5)
    assert mqf_answers(graph) == []
    assert [a.level for a in comparable_levels(graph, "ph-pqf:5", to="my-mqf", include=["superseded"])] == ["my-mqf:5"]


def test_a_write_to_graphs_that_hold_no_levels_or_decisions_keeps_the_index(graph):
    """Agencies write qualifications, providers and notes far more often than levels: such a write leaves
    the index as it was (rebuilding it took up to 2 s at a million triples), and the next answer is instant."""
    first = comparability_index(graph)
    other = "https://w3id.org/qualgraph/graph/test/notes"
    graph.add_quads([ox.Quad(ox.NamedNode("urn:x-test:note"), ox.NamedNode(str(RDFS.comment)),
                             ox.Literal("a provider note"), ox.NamedNode(other))])
    graph.write_graph(URIRef(other), b"<urn:x-test:note> <http://www.w3.org/2000/01/rdf-schema#comment> \"v2\" .",
                      ox.RdfFormat.N_TRIPLES)
    assert comparability_index(graph) is first
    assert mqf_answers(graph) == ["my-mqf:5"]


def test_a_write_that_brings_a_level_triple_into_another_graph_rebuilds_the_index(graph):
    """The same kind of write, but one of its triples is about a level (a label, here): the next answer has it."""
    first = comparability_index(graph)
    level = str(level_iri("my-mqf", "5"))
    graph.add_quads([ox.Quad(ox.NamedNode(level), ox.NamedNode(str(SKOS.prefLabel)), ox.Literal("Tahap 5", language="ms"),
                             ox.NamedNode("https://w3id.org/qualgraph/graph/test/labels"))])
    rebuilt = comparability_index(graph)
    assert rebuilt is not first and rebuilt.triples == first.triples + 1


def test_a_withdrawn_source_is_gone_from_the_next_answer(graph):
    assert mqf_answers(graph) == ["my-mqf:5"]
    graph.remove_graphs(graph.named_graphs())
    with pytest.raises(LookupError):
        comparable_levels(graph, "ph-pqf:5")


def test_a_load_after_a_question_is_in_the_next_answer(store, fixtures, tmp_path):
    load_paths(store, [fixtures / "comparability"], root=fixtures)
    assert "xx-nqf" not in {a.framework for a in comparable_levels(store, "ph-pqf:5")}
    extra = tmp_path / "xx-nqf.ttl"
    extra.write_text(XX_NQF_REFERENCED_TO_AQRF, encoding="utf-8")
    load_paths(store, [extra], root=tmp_path)
    assert [a.level for a in comparable_levels(store, "ph-pqf:5", to="xx-nqf")] == ["xx-nqf:4"]


# A small national framework (ISO 3166 user-assigned code XX: no real country) referenced to the AQRF.
XX_NQF_REFERENCED_TO_AQRF = """\
@prefix qg: <https://w3id.org/qualgraph/ontology#> .
@prefix qgs: <https://w3id.org/qualgraph/status/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix fw: <https://w3id.org/qualgraph/id/framework/> .

fw:xx-nqf a qg:QualificationsFramework, qg:NationalFramework, skos:ConceptScheme ;
  dcterms:identifier "xx-nqf" ; skos:prefLabel "Test framework XX"@en ; qg:jurisdiction "XX" ;
  dcterms:source <https://example.org/xx-nqf> .
<https://w3id.org/qualgraph/id/framework/xx-nqf/level/4> a qg:Level, skos:Concept ; skos:inScheme fw:xx-nqf ;
  skos:notation "4" ; qg:rank 4 ; skos:prefLabel "Level 4"@en ; dcterms:source <https://example.org/xx-nqf> .
<https://w3id.org/qualgraph/id/correspondence/xx-nqf/4/aqrf/5/2024> a qg:ReferencingDecision ;
  qg:sourceLevel <https://w3id.org/qualgraph/id/framework/xx-nqf/level/4> ; qg:targetFramework fw:aqrf ;
  qg:targetLevel <https://w3id.org/qualgraph/id/framework/aqrf/level/5> ; qg:status qgs:accepted ;
  dcterms:date "2024"^^xsd:gYear ; dcterms:source <https://example.org/xx-nqf-aqrf> .
"""


# -- on an external server ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-index"))
    yield server
    server.stop()


@pytest.fixture
def remote_graph(oxigraph_server: RunningServer, fixtures: Path) -> Iterator[RemoteStore]:
    store = RemoteStore(**oxigraph_server.store_arguments(), derived_max_age=0.5)
    store.remove_graphs(store.named_graphs())
    load_paths(store, [fixtures / "comparability"], root=fixtures)
    yield store
    store.close()


def write_directly(server: RunningServer, update: str) -> None:
    """Another client writes to the server, bypassing qualgraph."""
    response = httpx.post(server.update_endpoint, content=update,
                          headers={"Content-Type": "application/sparql-update"})
    response.raise_for_status()


@pytest.mark.slow
def test_on_an_external_server_writes_through_qualgraph_show_at_once(remote_graph):
    remote_graph.derived_max_age = 3600.0
    assert mqf_answers(remote_graph) == ["my-mqf:5"]
    remote_graph.update(SUPERSEDE_MQF_5)
    assert mqf_answers(remote_graph) == []


@pytest.mark.slow
def test_on_an_external_server_direct_writes_show_after_derived_max_age(remote_graph, oxigraph_server):
    assert mqf_answers(remote_graph) == ["my-mqf:5"]
    write_directly(oxigraph_server, SUPERSEDE_MQF_5)
    time.sleep(remote_graph.derived_max_age + 0.1)
    assert mqf_answers(remote_graph) == []

