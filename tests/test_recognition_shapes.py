"""Shapes for recognition records.

As an officer who submits our benchmarking results, agreements and roadmap progress as RDF, when a record breaks
a rule I want to be told which record and what to fix — including the rules that look across records: a
decision compares units of two different standards, a unit is benchmarked once (accepted) against a standard, a
qualification sits at a level of the framework its id names, and a corridor's progress names a step of its own
roadmap. Each broken fixture in tests/fixtures/recognition/shapes/ breaks one rule and is named after it;
validated alone it gives exactly that one problem.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qualgraph.validation import validate_files, validate_graph

FIXTURES = Path(__file__).parent / "fixtures" / "recognition" / "shapes"
VALID = FIXTURES / "valid-benchmarking.ttl"
SPARQL = "sh:SPARQLConstraintComponent"

# fixture, the record it names, the constraint that finds it, a phrase of its message
BROKEN = [
    ("benchmarking-against-its-own-standard", "benchmarking/a", SPARQL,
     "compares it with its own standard ph-tesda-masonry-nc2"),
    ("compared-unit-not-in-compared-standard", "benchmarking/a", SPARQL,
     "the compared unit ph-tesda-masonry-nc2:CON711319 is not a unit of au-cpc-training-package"),
    ("unit-benchmarked-twice-against-one-standard", "Lay concrete hollow block for structure", SPARQL,
     "has 2 accepted benchmarking decisions against au-cpc-training-package"),
    ("no-counterpart-names-a-unit", "benchmarking/a", SPARQL, "still names a compared unit"),
    ("benchmarking-without-source", "benchmarking/a", "sh:MinCountConstraintComponent",
     "A benchmarking decision needs at least one source"),
    ("qualification-level-in-another-framework", "Masonry NC II", SPARQL,
     "none of its levels (au-aqf:3) is a level of ph-pqf"),
    ("agreement-without-parties", "ASEAN Mutual Recognition Arrangement on Nursing Services",
     "sh:OrConstraintComponent", "An agreement needs its parties"),
    ("party-country-not-a-code", "ASEAN Mutual Recognition Arrangement on Nursing Services",
     "sh:PatternConstraintComponent", "ISO 3166-1 alpha-2 code in capitals"),
    ("progress-step-from-another-roadmap", "agreement/mrs-ph-th-vn-logistics/progress/1", SPARQL,
     "names step 1 of the roadmap pacific, which is not a step of the roadmap mrs"),
]


def test_sound_benchmarking_decisions_conform_without_any_remark() -> None:
    report = validate_files([VALID])
    assert report.conforms, report.text()
    assert report.findings == []


@pytest.mark.parametrize(("fixture", "label", "constraint", "phrase"), BROKEN, ids=[row[0] for row in BROKEN])
def test_a_broken_record_is_named_with_the_rule_it_breaks(fixture: str, label: str, constraint: str,
                                                          phrase: str) -> None:
    report = validate_files([FIXTURES / f"{fixture}.ttl"])
    assert [(v.focus_label, v.constraint) for v in report.findings] == [(label, constraint)], report.text()
    (violation,) = report.findings
    assert phrase in violation.message
    assert "{?" not in violation.message, "a message placeholder was left unfilled"
    assert violation.severity == "Violation" and not report.conforms


def test_every_broken_fixture_is_in_the_table() -> None:
    assert {p.stem for p in FIXTURES.glob("*.ttl")} - {VALID.stem} == {row[0] for row in BROKEN}


@pytest.mark.parametrize("fixture", [row[0] for row in BROKEN])
def test_the_reference_engine_finds_the_same(fixture: str) -> None:
    from rdflib import Graph

    data = Graph().parse(FIXTURES / f"{fixture}.ttl")
    fast = validate_graph(data, engine="fast")
    reference = validate_graph(data, engine="pyshacl")
    assert [(v.focus_label, v.constraint, v.message) for v in reference.findings] == \
        [(v.focus_label, v.constraint, v.message) for v in fast.findings]
