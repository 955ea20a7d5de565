"""After a write, the comparability and benchmarking indexes are brought up to date from what the write changed,
and they are then exactly what reading the whole store again would give.

As a secretariat I expect a decision, a level, a unit or a qualification we write to show in the very next
answer; as the operator of a large register I expect that answer without a stall of seconds while everything
is read again. The indexes read again only the graphs a write changed (``GraphStore.changes_since``) and derive
again only what depends on the changed statements. These tests write each kind of record (new, changed,
removed) and compare the index the next answer uses with one built from scratch, field by field, and check that
no write here made the index be read again as a whole.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from conftest import PROJECT
from rdflib import URIRef

from qualgraph import comparability, ids
from qualgraph.comparability import (
    ComparabilityIndex,
    comparability_index,
    comparable_levels,
)
from qualgraph.loading import load_paths
from qualgraph.recognition import index as recognition_index
from qualgraph.recognition.comparable import comparable_qualifications
from qualgraph.recognition.index import BenchmarkingIndex, benchmarking_index
from qualgraph.store import EmbeddedStore
from qualgraph.vocab import DCTERMS, QG, QGS, RDF, SKOS

COMPARABLE = PROJECT / "tests" / "fixtures" / "recognition" / "comparable"


def n(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def graph(name: str) -> ox.NamedNode:
    return n(ids.graph_iri(f"test/after-writes/{name}"))


def comparability_snapshot(index: ComparabilityIndex) -> dict[str, object]:
    return {
        "paths": {level: sorted(map(tuple, rows)) for level, rows in index._path_rows.items() if rows},
        "edges": {level: sorted(edges, key=repr) for level, edges in index.edges.items() if edges},
        "sources": {x: sorted(v) for x, v in index.sources.items() if v},
        "dates": dict(index.dates), "labels": dict(index.labels), "levels": index.levels,
        "triples": index.triples, "path_count": index.path_count, "graphs": index.graphs,
    }


def benchmarking_snapshot(index: BenchmarkingIndex) -> dict[str, object]:
    def sets(d: dict) -> dict:
        return {k: frozenset(v) for k, v in d.items() if v}

    return {
        "edges": {unit: sorted(edges, key=repr) for unit, edges in index.edges.items() if edges},
        "units_of": sets(index.units_of), "qualifications_of": sets(index.qualifications_of),
        "qualifications": {q: (f.title, frozenset(f.levels), frozenset(f.occupations), frozenset(f.fields))
                           for q, f in index.qualifications.items()},
        "at_level": sets(index.at_level), "by_occupation": sets(index.by_occupation),
        "decisions": index.decisions, "part_of": sets(index._part_of), "units_in": sets(index._units_in),
        "based_on": sets(index._based_on), "on_standard": sets(index._on_standard), "regional": index._regional,
    }


@pytest.fixture
def store() -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(None)
    load_paths(store, [PROJECT / "data", PROJECT / "examples" / "illustrative-aqrf", COMPARABLE], root=PROJECT)
    yield store
    store.close()


@pytest.fixture
def full_builds(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times each index is read as a whole through the per-store cache."""
    counts = {"comparability": 0, "benchmarking": 0}
    for name, per_store, cls in (("comparability", comparability._INDEXES, ComparabilityIndex),
                                 ("benchmarking", recognition_index._INDEXES, BenchmarkingIndex)):
        def build(store, name=name, cls=cls):
            counts[name] += 1
            return cls(store)
        monkeypatch.setattr(per_store, "_build", build)
    return counts


def assert_as_if_built_again(store: EmbeddedStore) -> None:
    assert comparability_snapshot(comparability_index(store)) == comparability_snapshot(ComparabilityIndex(store))
    assert benchmarking_snapshot(benchmarking_index(store)) == benchmarking_snapshot(BenchmarkingIndex(store))


def a_referenced_level(store: EmbeddedStore) -> tuple[str, str, str]:
    """A national level referenced to a reference level (accepted), its decision and that reference level."""
    index = comparability_index(store)
    for level, edges in sorted(index.edges.items()):
        for e in edges:
            if e.src == level and e.tgt and e.status == "accepted" and "/eqf/" in e.tgt and "/eqf/" not in level:
                return level, e.decision, e.tgt
    raise AssertionError("no referenced level in the fixtures")


def test_a_write_of_a_referencing_decision(store, full_builds):
    level, decision, reference = a_referenced_level(store)
    other = next(lv for lv in sorted(comparability_index(store).levels)
                 if "/eqf/" not in lv and "/aqrf/" not in lv and lv.split("/level/")[0] != level.split("/level/")[0])
    before = {a.level for a in comparable_levels(store, ids.LevelId.parse(ids.level_id_of(other)))}
    benchmarking_index(store)
    first = comparability_index(store)
    new_decision = n("https://w3id.org/qualgraph/id/correspondence/test/after-writes/1")
    store.add_quads([ox.Quad(new_decision, n(p), o, graph("decision")) for p, o in (
        (RDF.type, n(QG.ReferencingDecision)), (QG.sourceLevel, n(other)), (QG.targetLevel, n(reference)),
        (QG.targetFramework, n(reference.split("/level/")[0])), (QG.status, n(QGS.accepted)),
        (DCTERMS.source, n("https://example.org/after-writes")))])
    assert comparability_index(store) is not first
    assert_as_if_built_again(store)
    after = {a.level for a in comparable_levels(store, ids.LevelId.parse(ids.level_id_of(other)))}
    assert ids.level_id_of(level) in after - before
    # the status of an existing decision, changed in its own graph by SPARQL Update
    store.update(f"""PREFIX qg: <{QG}>
DELETE {{ GRAPH ?g {{ <{decision}> qg:status ?s }} }} INSERT {{ GRAPH ?g {{ <{decision}> qg:status <{QGS.superseded}> }} }}
WHERE {{ GRAPH ?g {{ <{decision}> qg:status ?s }} }}""")
    assert_as_if_built_again(store)
    store.remove_graphs([URIRef(graph("decision").value)])
    assert_as_if_built_again(store)
    assert full_builds == {"comparability": 1, "benchmarking": 2}


def test_a_write_of_a_level(store, full_builds):
    level, _, reference = a_referenced_level(store)
    framework = level.split("/level/")[0]
    assert_as_if_built_again(store)
    new_level = n(f"{framework}/level/99")
    decision = n("https://w3id.org/qualgraph/id/correspondence/test/after-writes/99")
    quads = [ox.Quad(new_level, n(p), o, graph("level")) for p, o in (
        (RDF.type, n(QG.Level)), (SKOS.inScheme, n(framework)), (SKOS.notation, ox.Literal("99")),
        (SKOS.prefLabel, ox.Literal("Level 99", language="en")), (SKOS.topConceptOf, n(framework)))]
    quads.append(ox.Quad(n(framework), n(SKOS.hasTopConcept), new_level, graph("level")))
    quads += [ox.Quad(decision, n(p), o, graph("level")) for p, o in (
        (RDF.type, n(QG.ReferencingDecision)), (QG.sourceLevel, new_level), (QG.targetLevel, n(reference)),
        (QG.status, n(QGS.accepted)))]
    store.add_quads(quads)
    assert_as_if_built_again(store)
    assert str(new_level.value) in comparability_index(store).levels
    # a new label for an existing level, in a graph of its own, then that graph replaced
    store.write_graph(URIRef(graph("labels").value), f'<{level}> <{SKOS.prefLabel}> "Niveau"@fr .'.encode(),
                      ox.RdfFormat.N_TRIPLES)
    assert_as_if_built_again(store)
    store.write_graph(URIRef(graph("level").value), f'<{new_level.value}> <{SKOS.inScheme}> <{framework}> .'.encode(),
                      ox.RdfFormat.N_TRIPLES)
    assert_as_if_built_again(store)
    # a label written before its level exists, in a graph of its own: read once the level is written elsewhere,
    # and gone with the level
    later = n(f"{framework}/level/98")
    store.write_graph(URIRef(graph("early-label").value), f'<{later.value}> <{SKOS.prefLabel}> "Early"@en .'.encode(),
                      ox.RdfFormat.N_TRIPLES)
    assert_as_if_built_again(store)
    store.add_quads([ox.Quad(later, n(SKOS.inScheme), n(framework), graph("later-level"))])
    assert_as_if_built_again(store)
    assert comparability_index(store).labels[later.value] == "Early"
    store.remove_graphs([URIRef(graph("later-level").value)])
    assert_as_if_built_again(store)
    assert later.value not in comparability_index(store).labels
    assert full_builds == {"comparability": 1, "benchmarking": 1}


def a_standard_with_units(index: BenchmarkingIndex) -> tuple[str, str]:
    """A standard with units, one of whose units is benchmarked, and a unit of another standard."""
    for unit, edges in sorted(index.edges.items()):
        for e in edges:
            standard = e.unit_standard
            if e.other and standard and e.other_standard != standard and standard in index._units_in:
                return standard, e.other
    raise AssertionError("no benchmarked unit in the fixtures")


def test_a_write_of_a_unit(store, full_builds):
    index = benchmarking_index(store)
    comparability_index(store)
    standard, other_unit = a_standard_with_units(index)
    other_standard = next(iter(index._part_of[other_unit]))
    unit = n(f"{standard}/unit/AFTER-WRITES-1")
    decision = n("https://w3id.org/qualgraph/id/benchmarking/test/after-writes/1")
    store.add_quads([ox.Quad(unit, n(p), o, graph("unit")) for p, o in (
        (RDF.type, n(QG.UnitOfCompetency)), (DCTERMS.isPartOf, n(standard)), (DCTERMS.title, ox.Literal("A new unit")))]
        + [ox.Quad(decision, n(p), o, graph("unit")) for p, o in (
            (RDF.type, n(QG.BenchmarkingDecision)), (QG.sourceUnit, unit), (QG.targetUnit, n(other_unit)),
            (QG.targetStandard, n(other_standard)), (QG.outcome, n(QG["outcome-equivalent"])),
            (QG.status, n(QGS.accepted)))])
    assert_as_if_built_again(store)
    assert [e.other for e in benchmarking_index(store).edges[unit.value]] == [other_unit]
    # the unit moved to no standard: the decision's edges lose the unit's standard
    store.write_graph(URIRef(graph("unit").value), f'<{unit.value}> <{DCTERMS.title}> "A new unit" .'.encode(),
                      ox.RdfFormat.N_TRIPLES)
    assert_as_if_built_again(store)
    assert full_builds == {"comparability": 1, "benchmarking": 1}


def test_a_write_of_a_qualification(store, full_builds):
    index = benchmarking_index(store)
    comparability_index(store)
    standard, _ = a_standard_with_units(index)
    known = next(q for q, facts in sorted(index.qualifications.items()) if facts.occupations)
    level = min(index.qualifications[known].levels)
    occupation = min(index.qualifications[known].occupations)
    framework = ids.level_id_of(level).split(":")[0]
    q = n(ids.qualification_iri(framework, "AFTER-WRITES-1"))
    quads = [ox.Quad(q, n(p), o, graph("qualification")) for p, o in (
        (RDF.type, n(QG.Qualification)), (DCTERMS.title, ox.Literal("A new qualification", language="en")),
        (QG.atLevel, n(level)), (QG.occupation, n(occupation)), (QG.basedOnStandard, n(standard)))]
    store.add_quads(quads)
    assert_as_if_built_again(store)
    assert benchmarking_index(store).units_of[q.value] == set(index._units_in[standard])
    answer = comparable_qualifications(store, ids.record_id_of(known), include=["illustrative"])
    assert answer is not None
    # a unit added to the standard it is based on reaches it; then it lists its own units; then it is withdrawn
    unit = n(f"{standard}/unit/AFTER-WRITES-2")
    store.add_quads([ox.Quad(unit, n(DCTERMS.isPartOf), n(standard), graph("unit-2"))])
    assert_as_if_built_again(store)
    assert unit.value in benchmarking_index(store).units_of[q.value]
    store.write_graph(URIRef(graph("qualification").value),
                      "\n".join(f"<{q.value}> <{p}> <{o}> ." for p, o in (
                          (RDF.type, QG.Qualification), (QG.atLevel, level), (QG.hasUnit, unit.value))).encode(),
                      ox.RdfFormat.N_TRIPLES)
    assert_as_if_built_again(store)
    assert benchmarking_index(store).units_of[q.value] == {unit.value}
    store.remove_graphs([URIRef(graph("qualification").value)])
    assert_as_if_built_again(store)
    assert q.value not in benchmarking_index(store).qualifications
    # a title written before the qualification is placed at a level, in another graph: read once it is placed,
    # and changed and withdrawn with the graph that holds it
    q2 = n(ids.qualification_iri(framework, "AFTER-WRITES-2"))
    def title(text: str) -> bytes:
        return f'<{q2.value}> <{DCTERMS.title}> "{text}"@en .'.encode()
    store.write_graph(URIRef(graph("early-title").value), title("Early"), ox.RdfFormat.N_TRIPLES)
    assert_as_if_built_again(store)
    store.add_quads([ox.Quad(q2, n(RDF.type), n(QG.Qualification), graph("q2")),
                     ox.Quad(q2, n(QG.atLevel), n(level), graph("q2"))])
    assert_as_if_built_again(store)
    assert benchmarking_index(store).qualifications[q2.value].title == "Early"
    store.write_graph(URIRef(graph("early-title").value), title("Changed"), ox.RdfFormat.N_TRIPLES)
    assert_as_if_built_again(store)
    assert benchmarking_index(store).qualifications[q2.value].title == "Changed"
    store.remove_graphs([URIRef(graph("early-title").value)])
    assert_as_if_built_again(store)
    assert benchmarking_index(store).qualifications[q2.value].title is None
    assert full_builds == {"comparability": 1, "benchmarking": 1}


def test_a_write_of_nothing_either_index_reads_keeps_both(store, full_builds):
    first = (comparability_index(store), benchmarking_index(store))
    store.write_graph(URIRef(graph("notes").value),
                      b'<urn:x-test:provider> <http://www.w3.org/2000/01/rdf-schema#comment> "a note" .',
                      ox.RdfFormat.N_TRIPLES)
    assert (comparability_index(store), benchmarking_index(store)) == first
    assert comparability_index(store) is first[0] and benchmarking_index(store) is first[1]


def test_a_write_into_a_graph_that_holds_most_of_the_index_reads_only_what_it_changed(store, full_builds,
                                                                                        monkeypatch):
    """A national register submitted as one file is one graph; a correction to one of its qualifications, added
    or resubmitted, reads again that qualification's statements, not the graph's (4-5 s at a million triples)."""
    monkeypatch.setattr(recognition_index, "_MIN_PARTIAL", 3)  # every graph of the fixtures is "most of it"
    monkeypatch.setattr(recognition_index, "_PARTIAL_SHARE", 0.0)
    index = benchmarking_index(store)
    comparability_index(store)
    known = next(q for q, facts in sorted(index.qualifications.items()) if facts.occupations)
    register = next(g for g, held in index._held.items() if known in held)
    assert len(index._held[register]) > 3
    occupation = "http://data.europa.eu/esco/isco/C7112"
    store.add_quads([ox.Quad(n(known), n(QG.occupation), n(occupation), n(register))])
    assert_as_if_built_again(store)
    assert known in benchmarking_index(store).by_occupation[occupation]
    # the register resubmitted with that statement taken out again: the changed lines only
    current = store.dump(ox.RdfFormat.N_TRIPLES, URIRef(register))
    line = f"<{known}> <{QG.occupation}> <{occupation}> .".encode()
    store.write_changes(URIRef(register), current, b"\n".join(x for x in current.split(b"\n") if x != line))
    assert_as_if_built_again(store)
    assert known not in benchmarking_index(store).by_occupation.get(occupation, set())
    assert store.subjects_since(store.generation - 1) == [frozenset({known})]
    assert full_builds == {"comparability": 1, "benchmarking": 1}


def test_a_write_of_too_many_subjects_is_journalled_without_them(store, monkeypatch):
    from qualgraph.store import base
    monkeypatch.setattr(base, "SUBJECTS_NOTED", 2)
    from qualgraph.store import embedded
    monkeypatch.setattr(embedded, "SUBJECTS_NOTED", 2)
    store.add_quads([ox.Quad(n(f"urn:x-test:s{i}"), n(RDF.type), n(QG.Qualification), graph("many"))
                     for i in range(3)])
    assert store.subjects_since(store.generation - 1) == [None]
    assert store.changes_since(store.generation - 1) == [frozenset({graph("many").value})]
