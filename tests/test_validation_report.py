"""As an officer of a national qualifications agency, when my framework data breaks a rule, I want to be told
which framework and level and what to fix.

This is the report side: problems grouped by record and named the qualgraph way, in the same order every
time; the same report as JSON (for the API) and as SHACL RDF (for Turtle output); and a submission checked
against data already trusted, where references resolve in the trusted data but only the submission's own
problems are reported.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH

from qualgraph.loading.errors import LoadError
from qualgraph.report import Report, Result
from qualgraph.validation import load_shapes, validate_files, validate_graph
from qualgraph.vocab import QG

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
SUBMISSIONS = FIXTURES / "submissions"
VALID = FIXTURES / "valid-small-framework.ttl"
NFQ_LEVEL = "https://w3id.org/qualgraph/id/framework/ie-nfq/level/{}"


def _mixed_report() -> Report:
    """Three problems in three frameworks, and a warning."""
    return validate_files(
        [FIXTURES / name for name in (
            "duplicate-rank-in-framework.ttl",  # uk-rqf: a cross-record rule
            "decision-without-source.ttl",  # ie-nfq:9 → eqf:7
            "level-name-without-language.ttl",  # ph-pqf:2, a warning
        )]
    )


def test_the_text_report_groups_problems_by_record_and_names_each_record() -> None:
    text = _mixed_report().text()

    assert text.splitlines()[0] == "2 violations, 1 warning in 3 records; the data does not conform."
    blocks = text.split("\n\n")[1:]
    assert [block.splitlines()[0] for block in blocks] == [
        "ie-nfq:9 → eqf:7  <https://w3id.org/qualgraph/id/correspondence/ie-nfq/9/eqf/7/2009-06>",
        "ph-pqf:2  <https://w3id.org/qualgraph/id/framework/ph-pqf/level/2>",
        "uk-rqf  <https://w3id.org/qualgraph/id/framework/uk-rqf>",
    ]
    assert "  Violation: A decision needs at least one source" in blocks[0]
    assert "(dcterms:source; sh:MinCountConstraintComponent)" in blocks[0]
    assert "  Warning: The level name should say its language" in blocks[1]
    assert "value Level 2" in blocks[1]
    assert "Framework uk-rqf has 2 levels with rank 3" in blocks[2]


def test_warnings_alone_do_not_stop_the_data_from_conforming() -> None:
    report = validate_files([FIXTURES / "level-name-without-language.ttl"])

    assert report.conforms
    assert report.text().splitlines()[0] == "1 warning in 1 record; the data conforms."


def test_conforming_data_says_so_in_one_line() -> None:
    assert validate_files([VALID]).text() == "The data conforms: no problems found."


def test_the_json_report_carries_every_field_of_each_violation() -> None:
    report = _mixed_report()

    document = json.loads(json.dumps(report.to_json()))

    assert document["conforms"] is False
    assert [v["focus_label"] for v in document["violations"]] == ["ie-nfq:9 → eqf:7", "ph-pqf:2", "uk-rqf"]
    assert set(document["violations"][0]) == set(Result.__dataclass_fields__)
    assert document["violations"][0] == {
        "message": report.findings[0].message,
        "severity": "Violation",
        "focus": "https://w3id.org/qualgraph/id/correspondence/ie-nfq/9/eqf/7/2009-06",
        "focus_label": "ie-nfq:9 → eqf:7",
        "path": "dcterms:source",
        "value": None,
        "constraint": "sh:MinCountConstraintComponent",
        "shape": "qgsh:Correspondence-source",
    }


def test_the_report_graph_is_a_shacl_report_with_the_messages() -> None:
    report = _mixed_report()

    turtle = report.report_graph.serialize(format="turtle")
    graph = Graph().parse(data=turtle, format="turtle")

    (node,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(node, SH.conforms).toPython() is False
    results = list(graph.objects(node, SH.result))
    assert len(results) == 3
    messages = sorted(str(graph.value(r, SH.resultMessage)) for r in results)
    assert messages == sorted(v.message for v in report.findings)


def test_violations_come_in_the_order_of_the_levels_every_time() -> None:
    data = Graph().parse(VALID)
    for notation in ("10", "9", "2"):
        data.remove((URIRef(NFQ_LEVEL.format(notation)), QG.rank, None))

    first, second = validate_graph(data), validate_graph(data)

    assert [v.focus_label for v in first.findings] == ["ie-nfq:2", "ie-nfq:9", "ie-nfq:10"]
    assert first.to_json() == second.to_json()


def test_a_record_written_as_a_blank_node_is_still_named() -> None:
    data = Graph().parse(
        format="turtle",
        data="""
            @prefix qg: <https://w3id.org/qualgraph/ontology#> .
            @prefix dcterms: <http://purl.org/dc/terms/> .
            [] a qg:Qualification ;
                dcterms:title "Diploma of Nursing (example)"@en ;
                qg:atLevel <https://w3id.org/qualgraph/id/framework/au-aqf/level/15> .
        """,
    )

    (violation,) = validate_graph(data).findings

    assert violation.focus.startswith("_:")
    assert violation.focus_label == "Diploma of Nursing (example)"
    assert "points to level au-aqf:15" in violation.message


# --- a submission checked against trusted data ------------------------------------------------------------


def test_references_resolve_in_the_trusted_context() -> None:
    submission = SUBMISSIONS / "qualification-at-ie-nfq-5.ttl"

    alone = validate_files([submission])
    against_store = validate_files([submission], context=Graph().parse(VALID))

    assert [(v.focus_label, v.path) for v in alone.findings] == [("Certificate in Payroll (example)", "qg:atLevel")]
    assert against_store.conforms and against_store.findings == []


def test_a_second_accepted_decision_reports_the_trusted_level_it_touches() -> None:
    report = validate_files([SUBMISSIONS / "second-accepted-decision-for-ie-nfq-8.ttl"], context=Graph().parse(VALID))

    assert [(v.focus, v.shape) for v in report.findings] == [
        (NFQ_LEVEL.format("8"), "qgsh:AtMostOneAcceptedDecisionPerLevel")
    ], report.text()
    message = report.findings[0].message
    assert "Level ie-nfq:8 of framework ie-nfq has 2 accepted referencing decisions to eqf" in message


def test_problems_of_the_trusted_data_alone_are_not_reported() -> None:
    trusted = Graph().parse(FIXTURES / "level-without-rank.ttl")  # ph-pqf:2 has no rank
    submission = SUBMISSIONS / "qualification-at-ph-pqf-3.ttl"

    together = validate_graph(trusted + Graph().parse(submission))
    against_store = validate_files([submission], context=trusted)

    assert [v.focus_label for v in together.findings] == ["ph-pqf:2"]
    assert against_store.conforms and against_store.findings == []
    assert (None, SH.result, None) not in against_store.report_graph


# --- reading files --------------------------------------------------------------------------------------------


def test_a_folder_stands_for_the_rdf_files_under_it(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "level-without-rank.ttl", tmp_path)
    (tmp_path / "nested").mkdir()
    shutil.copy(FIXTURES / "duplicate-rank-in-framework.ttl", tmp_path / "nested")
    (tmp_path / "levels.csv").write_text("framework,notation\nph-pqf,2\n")  # a template, not RDF: skipped

    report = validate_files([tmp_path])

    assert [v.focus_label for v in report.findings] == ["ph-pqf:2", "uk-rqf"]


def test_named_graphs_are_validated_as_one_graph(tmp_path: Path) -> None:
    dataset = Dataset()
    dataset.graph(URIRef("https://w3id.org/qualgraph/graph/fixtures/valid")).parse(VALID)
    path = tmp_path / "valid.nq"
    dataset.serialize(path, format="nquads")

    assert validate_files([path]).conforms
    assert validate_graph(dataset).conforms


def test_unreadable_files_stop_validation_and_are_all_named(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://w3id.org/qualgraph/id/framework/ph-pqf> a \n")
    missing = tmp_path / "missing.ttl"

    with pytest.raises(LoadError) as caught:
        validate_files([broken, missing, VALID])

    assert [p.file for p in caught.value.problems] == [str(missing), str(broken)]
    assert "nothing was loaded" in str(caught.value)


def test_the_shapes_are_read_once() -> None:
    shapes = load_shapes()

    assert shapes is load_shapes()
    assert (URIRef("https://w3id.org/qualgraph/shapes#LevelShape"), RDF.type, SH.NodeShape) in shapes
    assert (URIRef("https://w3id.org/qualgraph/shapes#MonotoneReferencing"), RDF.type, SH.NodeShape) in shapes
