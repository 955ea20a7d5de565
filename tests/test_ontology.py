"""As a data steward I want the ontology and the bundled data to be logically consistent, so that no tool
that reasons over them derives nonsense (a level that is also a framework, a level with two ranks, a decision
that is both accepted and a draft), and every term a user meets in the graph is labelled and defined.

The reasoner tests run HermiT (shipped with owlready2) and need Java; without it they are skipped.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import owlready2
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from qualgraph.config import PROJECT_ROOT
from qualgraph.ids import level_id_of
from qualgraph.ontology import (
    ConsistencyResult,
    ReasonerUnavailable,
    bundled_data_files,
    check_consistency,
    load_ontology_graph,
    ontology_path,
    read_rdf,
)
from qualgraph.resources import resource_dir
from qualgraph.vocab import QG, QGR, QGS

FIXTURES = Path(__file__).parent / "fixtures" / "ontology"
ONTOLOGY_IRI = URIRef("https://w3id.org/qualgraph/ontology")
OUR_NAMESPACES = (str(QG), str(QGS), str(QGR))

needs_java = pytest.mark.skipif(
    shutil.which("java") is None,
    reason="the HermiT reasoner needs Java: install a Java runtime (e.g. default-jre-headless) to run this test",
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology_graph()


def our_terms(graph: Graph) -> set[URIRef]:
    """Every qg:, qgs: and qgr: IRI in ``graph``, wherever it appears in a triple."""
    return {t for triple in graph for t in triple if isinstance(t, URIRef) and str(t).startswith(OUR_NAMESPACES)}


# --- the file itself ---------------------------------------------------------------------------------------


def test_the_ontology_parses_and_has_a_header_saying_what_it_is(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    for prop in (DCTERMS.title, DCTERMS.description, OWL.versionIRI, OWL.versionInfo, DCTERMS.license):
        assert ontology.value(ONTOLOGY_IRI, prop) is not None, f"the ontology header lacks {prop}"
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.creator) == Literal("qualgraph contributors")
    assert all(isinstance(s, URIRef) for s in ontology.objects(ONTOLOGY_IRI, DCTERMS.source))
    assert len(list(ontology.objects(ONTOLOGY_IRI, DCTERMS.source))) >= 3


def test_every_qualgraph_term_has_an_english_label_and_definition(ontology: Graph) -> None:
    def has_english(term: URIRef, *props: URIRef) -> bool:
        return any(o.language == "en" for p in props for o in ontology.objects(term, p) if isinstance(o, Literal))

    missing = sorted(
        f"{t}: {what}"
        for t in our_terms(ontology)
        for what, ok in (
            ("no label", has_english(t, RDFS.label, SKOS.prefLabel)),
            ("no skos:definition", has_english(t, SKOS.definition)),
        )
        if not ok
    )
    assert not missing, "terms without an English label or skos:definition:\n" + "\n".join(missing)


def test_every_term_named_in_the_data_model_is_declared_in_the_ontology(ontology: Graph) -> None:
    model = (PROJECT_ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    prefixes = {"qg": str(QG), "qgs": str(QGS), "qgr": str(QGR)}
    named = {URIRef(prefixes[p] + local) for p, local in re.findall(r"\b(qg[sr]?):([A-Za-z][\w-]*)", model)}
    assert named, "docs/model.md names no qg: terms; has the contract moved?"
    undeclared = sorted(str(t) for t in named if (t, RDF.type, None) not in ontology)
    assert not undeclared, "docs/model.md names terms the ontology does not declare:\n" + "\n".join(undeclared)


def test_the_ontology_says_why_levels_are_not_related_with_skos_exact_match(ontology: Graph) -> None:
    correspondence = QG.LevelCorrespondence
    notes = " ".join(str(o) for p in (RDFS.comment, SKOS.definition) for o in ontology.objects(correspondence, p))
    assert "skos:exactMatch" in notes and "transitive" in notes


def test_owlready2_reads_the_classes_and_property_characteristics(ontology: Graph, tmp_path: Path) -> None:
    # owlready2 parses RDF/XML and N-Triples, not Turtle: convert first, as check_consistency does.
    converted = tmp_path / "qualgraph.owl"
    ontology.serialize(converted, format="xml")
    world = owlready2.World()
    try:
        world.get_ontology(converted.as_uri()).load()
        reference, scheme = world[str(QG.ReferenceFramework)], world[str(SKOS.ConceptScheme)]
        assert scheme in reference.ancestors()
        assert owlready2.FunctionalProperty in world[str(QG.rank)].is_a
        assert owlready2.FunctionalProperty in world[str(QG.sourceLevel)].is_a
        level, framework = world[str(QG.Level)], world[str(QG.QualificationsFramework)]
        assert any(level in axiom.entities for axiom in framework.disjoints())
    finally:
        world.close()


def test_a_trig_file_is_read_as_the_union_of_its_named_graphs(tmp_path: Path) -> None:
    trig = tmp_path / "levels.trig"
    trig.write_text(
        "@prefix qg: <https://w3id.org/qualgraph/ontology#> .\n"
        "@prefix eqf: <https://w3id.org/qualgraph/id/framework/eqf/level/> .\n"
        "<https://w3id.org/qualgraph/graph/a> { eqf:6 qg:rank 6 . }\n"
        "<https://w3id.org/qualgraph/graph/b> { eqf:7 qg:rank 7 . }\n",
        encoding="utf-8",
    )
    assert sorted(int(o) for o in read_rdf(trig).objects(None, QG.rank)) == [6, 7]


# --- the reasoner ------------------------------------------------------------------------------------------


def test_without_java_the_check_refuses_instead_of_passing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no java on the PATH
    with pytest.raises(ReasonerUnavailable, match="needs Java"):
        check_consistency([])


@needs_java
def test_hermit_finds_the_ontology_consistent_and_every_class_satisfiable() -> None:
    result = check_consistency([])
    assert result.files == (ontology_path(),)
    assert result.ok, result.explanation


@needs_java
@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("consistent-*.ttl")), ids=lambda p: p.stem)
def test_sound_data_of_every_kind_is_not_over_constrained_by_domains_and_ranges(fixture: Path) -> None:
    result = check_consistency([fixture])
    assert result.ok, result.explanation


BROKEN = {
    # fixture: what the explanation must point at
    "inconsistent-level-is-also-framework": ["qgid:framework/ie-nfq/level/8", "qg:QualificationsFramework"],
    "inconsistent-framework-of-two-kinds": ["qgid:framework/pacific-pqf", "qg:NationalFramework"],
    "inconsistent-level-with-two-ranks": ["qgid:framework/ie-nfq/level/8", "qg:rank"],
    "inconsistent-no-counterpart-with-target-level": [
        "qgid:correspondence/nz-nzqf/8/eqf/none",
        "qg:noCounterpart",
    ],
    "inconsistent-decision-with-two-statuses": ["qgid:correspondence/ie-nfq/8/eqf/6/2009-06", "qg:status"],
}


def test_every_broken_fixture_is_listed_with_what_its_explanation_must_name() -> None:
    assert {p.stem for p in FIXTURES.glob("inconsistent-*.ttl")} == set(BROKEN)


@needs_java
@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_contradiction_is_found_and_explained_with_full_names(name: str) -> None:
    result = check_consistency([FIXTURES / f"{name}.ttl"])
    assert not result.consistent, f"{name}.ttl should contradict the ontology, but HermiT accepted it"
    for mention in BROKEN[name]:
        assert mention in result.explanation, result.explanation


# --- the bundled data --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_files() -> list[Path]:
    files = bundled_data_files()
    assert files, "data/ holds no .ttl or .trig files: the bundled data is missing, so nothing would be checked"
    return files


@pytest.fixture(scope="module")
def bundled_result(bundled_files: list[Path]) -> ConsistencyResult:
    """One reasoner run over the ontology and every bundled file together (it takes a few seconds)."""
    if shutil.which("java") is None:
        pytest.skip("the HermiT reasoner needs Java: install a Java runtime to check the bundled data")
    return check_consistency(bundled_files)


def test_the_bundled_data_is_every_turtle_and_trig_file_but_not_the_spreadsheet_templates(tmp_path: Path) -> None:
    for name in ("eqf.ttl", "referencing/ie-nfq.trig", "templates/levels.csv", "templates/levels.xlsx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    assert bundled_data_files(tmp_path) == [tmp_path / "eqf.ttl", tmp_path / "referencing" / "ie-nfq.trig"]


def test_the_ontology_and_all_bundled_data_are_consistent_together(
    bundled_result: ConsistencyResult, bundled_files: list[Path]
) -> None:
    assert set(bundled_files) <= set(bundled_result.files)
    assert bundled_result.ok, bundled_result.explanation


def test_bundled_data_never_relates_two_levels_with_skos_exact_match(bundled_files: list[Path]) -> None:
    # exactMatch is transitive: NFQ 7 = EQF 6 and NFQ 8 = EQF 6 would make NFQ 7 = NFQ 8
    # (see the comment on qg:LevelCorrespondence).
    offending = [
        f"{path.name}: {level_id_of(s)} skos:exactMatch {level_id_of(o)}"
        for path in bundled_files
        for s, o in read_rdf(path).subject_objects(SKOS.exactMatch)
        if level_id_of(s) and level_id_of(o)
    ]
    assert not offending, "state level correspondences as qg:LevelCorrespondence nodes:\n" + "\n".join(offending)


def test_bundled_data_uses_only_terms_the_ontology_defines(ontology: Graph, bundled_files: list[Path]) -> None:
    # OWL tools accept an unknown property silently, so a typo such as qg:targetlevel would go unnoticed.
    unknown = sorted(
        f"{path.relative_to(resource_dir('data'))}: {term}"
        for path in bundled_files
        for term in our_terms(read_rdf(path))
        if (term, RDF.type, None) not in ontology
    )
    assert not unknown, "terms used in data/ but not defined in ontology/qualgraph.ttl:\n" + "\n".join(unknown)
