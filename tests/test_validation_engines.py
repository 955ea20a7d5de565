"""As the operator of qualgraph, I want an agency's submission validated within seconds, and I want to trust that
the fast engine reports exactly what pySHACL, the reference implementation of SHACL, reports.

The fast engine (pyshacl-turbo for the per-record shapes, the SHACL-SPARQL rules as SPARQL on Oxigraph) is
compared with pySHACL run directly on an rdflib graph with all the shapes: on every fixture of
tests/fixtures/shapes/ and on a generated submission with seeded violations, the two find the same results —
the same focus node, property path, constraint component, severity, message and value. (Two things differ
only in form: SPARQL leaves the order of a GROUP_CONCAT list open, so list items are compared in sorted order;
and where rdflib's SPARQL breaks the SPARQL rules, comparing a rank in quotes with numbers, a test shows the
spurious results pySHACL then reports and the fast engine does not.) Through ``validate_graph`` the two engines
give the same report, also for a submission checked against trusted data.

Validation runs in several threads at once without one request disturbing another (pySHACL writes into the
shapes graph it is given), and it never reaches the network: ``owl:imports`` in the data or the shapes, and a
remote JSON-LD context, are not fetched.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from qualgraph.loading.errors import LoadError
from qualgraph.resources import resource_dir
from qualgraph.validation import _shape_sets, load_shapes, validate_files, validate_graph
from qualgraph.validation_engines import (
    ENGINE_VARIABLE,
    FastEngine,
    comparable_results,
    PyshaclEngine,
    engine_name,
    per_record,
    pyshacl_reference,
    to_store,
)
from qualgraph.vocab import QG

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
VALID = FIXTURES / "valid-small-framework.ttl"
NFQ_LEVEL = "https://w3id.org/qualgraph/id/framework/ie-nfq/level/{}"
BENCH = Path(__file__).resolve().parents[1] / "bench"
ALL_FIXTURES = sorted(FIXTURES.rglob("*.ttl"))


def _results(report: Graph) -> Counter[tuple[object, ...]]:
    return comparable_results(report, load_shapes())


def _fast(data: Graph) -> Graph:
    return FastEngine(*_shape_sets()).run(to_store([data]))


# --- the fast engine reports what pySHACL reports ---------------------------------------------------------------


@pytest.mark.parametrize("fixture", ALL_FIXTURES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_the_fast_engine_finds_exactly_the_results_pyshacl_finds(fixture: Path) -> None:
    data = Graph().parse(fixture)

    reference = _results(pyshacl_reference(data, load_shapes()))

    assert _results(_fast(data)) == reference
    assert fixture == VALID or reference, "a broken fixture that pySHACL accepts proves nothing"


@pytest.mark.parametrize("fixture", ALL_FIXTURES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_both_engines_give_the_same_report(fixture: Path) -> None:
    fast = validate_files([fixture], engine="fast")
    reference = validate_files([fixture], engine="pyshacl")

    assert fast.to_json() == reference.to_json()


@pytest.mark.parametrize("fixture", sorted((FIXTURES / "submissions").glob("*.ttl")), ids=lambda p: p.stem)
def test_both_engines_give_the_same_report_against_trusted_data(fixture: Path) -> None:
    context = Graph().parse(VALID)

    fast = validate_files([fixture], context=context, engine="fast")
    reference = validate_files([fixture], context=context, engine="pyshacl")

    assert fast.to_json() == reference.to_json()


def _bench_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate_submission", BENCH / "generate_submission.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    """The benchmark's generated submission, small (about 4,000 triples), with two of every seeded problem."""
    path = tmp_path_factory.mktemp("generated") / "submission.nt"
    return _bench_module().generate_submission(path, 4000, seed_value=11, per_kind=2, frameworks=10)


@pytest.fixture(scope="module")
def generated_for_rdflib(tmp_path_factory: pytest.TempPathFactory):
    """The same, without the rank written as text that rdflib's SPARQL misjudges (see the test after next)."""
    module = _bench_module()
    path = tmp_path_factory.mktemp("generated") / "submission.nt"
    return module.generate_submission(path, 4000, seed_value=11, per_kind=2, frameworks=10,
                                      kinds=module.RDFLIB_SAFE_KINDS)


def test_on_a_generated_submission_the_fast_engine_finds_what_pyshacl_finds(generated_for_rdflib) -> None:
    data = Graph().parse(generated_for_rdflib.path, format="nt")

    reference = _results(pyshacl_reference(data, load_shapes()))

    assert _results(_fast(data)) == reference
    found = {(str(focus), component) for focus, _, component, *_ in reference}
    seeded = {(s.focus, SH[s.constraint.removeprefix("sh:")]) for s in generated_for_rdflib.seeded}
    assert seeded <= found, "a seeded violation was not found"


def test_on_a_generated_submission_both_engines_give_the_same_report(generated) -> None:
    fast = validate_files([generated.path], engine="fast")
    reference = validate_files([generated.path], engine="pyshacl")

    assert fast.to_json() == reference.to_json()
    found = {(v.focus, v.constraint) for v in fast.findings}
    assert {(s.focus, s.constraint) for s in generated.seeded} <= found, "a seeded violation was not found"


def test_a_rank_written_as_text_is_not_compared_with_numbers_as_rdflib_does() -> None:
    # SPARQL makes "7" < 9 a type error (https://www.w3.org/TR/sparql11-query/#OperatorMapping): the FILTER
    # fails. rdflib compares the two as text instead ("10" < "7"), so pySHACL on rdflib says that ie-nfq:9 and
    # ie-nfq:10 are below ie-nfq:7 and reports referencing that goes down. Oxigraph, and so both qualgraph
    # engines, report only what is wrong: the rank in quotes.
    data = Graph().parse(VALID)
    data.set((URIRef(NFQ_LEVEL.format("7")), QG.rank, Literal("7")))

    fast = _results(_fast(data))
    on_rdflib = _results(pyshacl_reference(data, load_shapes()))

    (only,) = fast
    assert only[0] == URIRef(NFQ_LEVEL.format("7")) and only[2] == SH.DatatypeConstraintComponent
    spurious = on_rdflib - fast
    assert fast <= on_rdflib and len(spurious) == 2
    assert all("the level given to the lower level ie-nfq:" in m for _, _, _, _, (m,), _ in spurious)
    assert validate_graph(data, engine="pyshacl").to_json() == validate_graph(data, engine="fast").to_json()


def test_a_rule_the_fast_engine_cannot_read_itself_still_runs_on_pyshacl_turbo() -> None:
    core, rules = (Graph() + g for g in _shape_sets())
    unique_rank = URIRef("https://w3id.org/qualgraph/shapes#UniqueRankInFramework")
    rules.add((unique_rank, SH.targetClass, QG.NationalFramework))  # beyond SPARQL targets: not the engine's own
    data = Graph().parse(FIXTURES / "duplicate-rank-in-framework.ttl")

    engine = FastEngine(core, rules)
    found = _results(engine.run(to_store([data])))

    assert unique_rank not in {rule.shape for rule in engine.rules}
    assert found == _results(pyshacl_reference(data, core + rules))
    assert [component for _, _, component, *_ in found] == [SH.SPARQLConstraintComponent]


def test_a_store_is_validated_as_the_same_data_in_rdflib() -> None:
    store = ox.Store()
    store.bulk_load(path=str(FIXTURES / "duplicate-rank-in-framework.ttl"), format=ox.RdfFormat.TURTLE)

    from_store = validate_graph(store)
    from_rdflib = validate_graph(Graph().parse(FIXTURES / "duplicate-rank-in-framework.ttl"))

    assert from_store.to_json() == from_rdflib.to_json()
    assert [v.focus_label for v in from_store.findings] == ["uk-rqf"]


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_a_list_in_a_message_comes_in_the_order_of_the_levels_every_time(engine: str) -> None:
    # SPARQL leaves the order of GROUP_CONCAT open, and Oxigraph's changes from one process to the next.
    ranks = validate_files([FIXTURES / "duplicate-rank-in-framework.ttl"], engine=engine)
    decisions = validate_files([FIXTURES / "two-accepted-decisions-for-one-level.ttl"], engine=engine)

    assert "has 2 levels with rank 3 (uk-rqf:1, uk-rqf:E3);" in ranks.findings[0].message
    assert "accepted referencing decisions to eqf (to eqf:6 and eqf:7);" in decisions.findings[0].message
    assert [str(m) for m in ranks.report_graph.objects(None, SH.resultMessage)] == [ranks.findings[0].message]


# --- a large data set is checked in parts at once --------------------------------------------------------------


def test_data_cut_in_parts_by_subject_gives_exactly_what_pyshacl_finds(generated_for_rdflib) -> None:
    data = Graph().parse(generated_for_rdflib.path, format="nt")
    engine = FastEngine(*_shape_sets(), parts=3)
    engine.PART_LINES = 100  # cut even this small data set in three

    assert len(engine._parts(to_store([data]))) == 3
    assert _results(engine.run(to_store([data]))) == _results(pyshacl_reference(data, load_shapes()))


def test_the_qualgraph_per_record_shapes_read_only_their_records_own_triples() -> None:
    core, rules = _shape_sets()
    assert per_record(core)
    assert not per_record(rules)  # SPARQL reads the whole graph


SHAPE_PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix qg: <https://w3id.org/qualgraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


@pytest.mark.parametrize("shape", [
    "[] sh:targetClass qg:Qualification ; sh:property [ sh:path qg:atLevel ; sh:class qg:Level ] .",
    "[] sh:targetClass qg:Qualification ; sh:property [ sh:path qg:atLevel ; sh:node [ sh:property "
    "[ sh:path skos:inScheme ; sh:minCount 1 ] ] ] .",
    "[] sh:targetClass qg:Level ; sh:property [ sh:path [ sh:inversePath qg:atLevel ] ; sh:minCount 1 ] .",
    "[] sh:targetClass qg:Qualification ; sh:property [ sh:path qg:atLevel ; sh:or ( [ sh:path skos:notation ; "
    "sh:minCount 1 ] ) ] .",
    "[] sh:targetObjectsOf qg:atLevel ; sh:property [ sh:path skos:notation ; sh:minCount 1 ] .",
], ids=["class of a value", "shape of a value", "inverse path", "path from a value", "target by reference"])
def test_shapes_that_read_other_nodes_triples_keep_the_data_whole(shape: str) -> None:
    assert not per_record(Graph().parse(data=SHAPE_PREFIXES + shape, format="turtle"))


def test_data_with_subclasses_is_checked_whole() -> None:
    data = Graph().parse(VALID)
    data.add((URIRef("https://example.org/Diploma"), RDFS.subClassOf, QG.Qualification))
    engine = FastEngine(*_shape_sets(), parts=2)
    engine.PART_LINES = 10

    assert len(engine._parts(to_store([data]))) == 1


# --- choosing the engine ---------------------------------------------------------------------------------------


def test_the_fast_engine_is_the_default_and_the_environment_chooses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENGINE_VARIABLE, raising=False)
    assert engine_name() == "fast"
    monkeypatch.setenv(ENGINE_VARIABLE, "pyshacl")
    assert engine_name() == "pyshacl"
    assert engine_name("fast") == "fast", "an explicit choice wins over the environment"


def test_an_unknown_engine_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENGINE_VARIABLE, "turbo")

    with pytest.raises(ValueError, match="QUALGRAPH_SHACL_ENGINE"):
        validate_files([VALID])


# --- concurrent requests ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_validations_in_several_threads_at_once_each_get_their_own_answer(engine: str) -> None:
    fixtures = [FIXTURES / f"{name}.ttl" for name in (
        "duplicate-rank-in-framework", "level-without-rank", "referencing-not-monotone",
        "qualification-at-unknown-level", "valid-small-framework", "framework-with-two-kinds",
    )]
    expected = {f: validate_files([f], engine=engine).to_json() for f in fixtures}

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda f: (f, validate_files([f], engine=engine).to_json()), fixtures * 4))

    assert all(answer == expected[f] for f, answer in answers)
    as_written = sum(len(Graph().parse(path)) for path in resource_dir("shapes").glob("*.ttl"))
    assert sum(len(g) for g in _shape_sets()) == as_written, "the shared shapes were written to"


# --- nothing is fetched ----------------------------------------------------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.requests.append(self.path)
        body = b"@prefix owl: <http://www.w3.org/2002/07/owl#> . <urn:x:fetched> a owl:Class ."
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web() -> str:
    """A local web server that records every request: whatever validation fetches shows up in its log."""
    _Recorder.requests = []
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


UNREACHABLE = "http://unreachable.invalid/qualgraph/shapes.ttl"


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_owl_imports_in_submitted_data_are_not_fetched(web: str, engine: str) -> None:
    data = Graph().parse(VALID)
    ontology = URIRef("https://example.org/agency/submission")
    data.add((ontology, RDF.type, OWL.Ontology))
    data.add((ontology, OWL.imports, URIRef(f"{web}/vocab.ttl")))
    data.add((ontology, OWL.imports, URIRef(UNREACHABLE)))

    report = validate_graph(data, engine=engine)

    assert report.conforms, report.text()
    assert _Recorder.requests == []


def test_owl_imports_in_shapes_are_not_fetched(web: str) -> None:
    core, rules = (Graph() + g for g in _shape_sets())
    for shapes in (core, rules):
        shapes.add((URIRef("https://w3id.org/qualgraph/shapes"), OWL.imports, URIRef(f"{web}/more-shapes.ttl")))
        shapes.add((URIRef("https://w3id.org/qualgraph/shapes"), OWL.imports, URIRef(UNREACHABLE)))
    data = Graph().parse(FIXTURES / "level-without-rank.ttl")
    store = to_store([data])

    fast = _results(FastEngine(core, rules).run(store))
    reference = _results(PyshaclEngine(core, rules).run(data, store))

    assert fast == reference and len(fast) == 1
    assert _Recorder.requests == []


def test_a_remote_json_ld_context_is_not_fetched(web: str, tmp_path: Path) -> None:
    document = tmp_path / "framework.jsonld"
    document.write_text(
        '{"@context": "%s/context.jsonld", "@id": "https://w3id.org/qualgraph/id/framework/ph-pqf",'
        ' "prefLabel": "Philippine Qualifications Framework"}' % web
    )

    with pytest.raises(LoadError) as caught:
        validate_files([document])

    assert caught.value.problems[0].file == str(document)
    assert _Recorder.requests == []


def test_only_the_order_of_a_listed_item_is_forgiven_when_reports_are_compared() -> None:
    report = _fast(Graph().parse(FIXTURES / "duplicate-rank-in-framework.ttl"))
    (result,) = report.subjects(RDF.type, SH.ValidationResult)
    message = str(report.value(result, SH.resultMessage))
    assert "(uk-rqf:E3, uk-rqf:1)" in message or "(uk-rqf:1, uk-rqf:E3)" in message

    def with_message(text: str) -> Graph:
        changed = Graph() + report
        changed.set((result, SH.resultMessage, Literal(text)))
        return changed

    swapped = message.replace("uk-rqf:E3, uk-rqf:1", "X").replace("uk-rqf:1, uk-rqf:E3", "uk-rqf:E3, uk-rqf:1")
    swapped = swapped.replace("X", "uk-rqf:1, uk-rqf:E3")
    assert _results(with_message(swapped)) == _results(report)
    assert _results(with_message(message.replace("rank 3", "rank 4"))) != _results(report)
