"""As an officer of a national qualifications agency, when my framework data breaks a rule, I want to be told
which framework and level and what to fix.

Each broken fixture in tests/fixtures/shapes/ breaks one rule of the shapes (shapes/core.ttl, shapes/rules.ttl)
and is named after it. Validating it alone gives exactly one problem: on the record that breaks the rule,
named the qualgraph way ("ie-nfq:8", "ie-nfq", "ie-nfq:8 → eqf:6"), found by the constraint that states the
rule, with a message that says what is wrong and what to do.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import ORG, RDF, SH

from qualgraph.resources import resource_dir
from qualgraph.validation import load_shapes, validate_files, validate_graph
from qualgraph.vocab import QG

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
VALID = FIXTURES / "valid-small-framework.ttl"

SPARQL = "sh:SPARQLConstraintComponent"

# fixture, the record it names, the constraint that finds it, a phrase of its message
BROKEN = [
    # frameworks
    ("framework-identifier-not-a-slug", "ph-pqf", "sh:PatternConstraintComponent",
     "short lower-case words joined by '-'"),
    ("framework-without-kind", "ph-pqf", "sh:QualifiedMinCountConstraintComponent",
     "A framework must be exactly one kind"),
    ("framework-with-two-kinds", "ph-pqf", "sh:QualifiedMaxCountConstraintComponent",
     "Keep the one that fits and remove the others"),
    ("framework-without-source", "ph-pqf", "sh:MinCountConstraintComponent",
     "A framework needs at least one source"),
    ("framework-without-jurisdiction", "ph-pqf", "sh:MinCountConstraintComponent",
     "A framework needs exactly one jurisdiction"),
    ("duplicate-rank-in-framework", "uk-rqf", SPARQL,
     "Framework uk-rqf has 2 levels with rank 3"),
    # levels and descriptors
    ("level-without-rank", "ph-pqf:2", "sh:MinCountConstraintComponent",
     "A level needs exactly one rank"),
    ("level-rank-as-text", "ph-pqf:2", "sh:DatatypeConstraintComponent",
     "a whole number without quotes"),
    ("level-without-framework", "ph-pqf:2", "sh:MinCountConstraintComponent",
     "A level belongs to exactly one framework"),
    ("level-without-source", "ph-pqf:2", "sh:MinCountConstraintComponent",
     "A level needs at least one source"),
    ("level-name-without-language", "ph-pqf:2", "sh:DatatypeConstraintComponent",
     "add the language tag"),
    ("descriptor-without-domain", "ph-pqf:3 descriptor (application)", "sh:MinCountConstraintComponent",
     "which one domain it describes"),
    ("dangling-framework-reference", "ie-nfq:3", SPARQL,
     "points to framework ie-nqf, which is not loaded"),
    # referencing decisions and reports
    ("two-accepted-decisions-for-one-level", "ie-nfq:8", SPARQL,
     "Level ie-nfq:8 of framework ie-nfq has 2 accepted referencing decisions to eqf"),
    ("level-without-accepted-decision", "ie-nfq:8", SPARQL,
     "Level ie-nfq:8 of framework ie-nfq has no accepted referencing decision to eqf"),
    ("referencing-not-monotone", "ie-nfq:7 → eqf:5", SPARQL,
     "Level ie-nfq:7 of framework ie-nfq is referenced to eqf:5, which is lower than eqf:6"),
    ("reference-level-not-in-reference-framework", "ie-nfq:8 → uk-scqf:10", SPARQL,
     "points to uk-scqf:10, a level of uk-scqf, which is not a reference framework"),
    ("target-level-not-in-target-framework", "ie-nfq:8 → aqrf:6", SPARQL,
     "names eqf as its target framework, but its target level aqrf:6 belongs to aqrf"),
    ("referencing-report-to-national-framework", "ie-nfq → uk-scqf", SPARQL,
     "The referencing report of ie-nfq targets uk-scqf, which is not a reference framework"),
    ("dangling-level-reference", "ie-nfq:11 → eqf:8", SPARQL,
     "points to level ie-nfq:11, which is not a level of any loaded framework"),
    ("target-level-and-no-counterpart-both", "ie-nfq:1 → eqf:1", "sh:XoneConstraintComponent",
     "exactly one of the two"),
    ("decision-without-source", "ie-nfq:9 → eqf:7", "sh:MinCountConstraintComponent",
     "A decision needs at least one source"),
    ("decision-status-not-in-scheme", "ie-nfq:9 → eqf:7", "sh:InConstraintComponent",
     "A decision needs exactly one status"),
    ("decision-date-as-text", "ie-nfq:9 → eqf:7", "sh:OrConstraintComponent",
     "The date of a decision (dcterms:date) is one date"),
    # qualifications, standards, units, organisations, accreditations
    ("qualification-at-unknown-level", "Bookkeeping NC III", SPARQL,
     "points to level ph-pqf:9, which is not a level of any loaded framework"),
    ("qualification-field-not-isced", "Bookkeeping NC III", "sh:PatternConstraintComponent",
     "ISCED-F 2013 field"),
    ("qualification-negative-credits", "Bookkeeping NC III", "sh:MinInclusiveConstraintComponent",
     "zero or more"),
    ("qualification-without-title", "bookkeeping-nc-iii", "sh:MinCountConstraintComponent",
     "A qualification needs its title"),
    ("competency-standard-without-title", "TR-BK-NCIII", "sh:MinCountConstraintComponent",
     "A competency standard needs its title"),
    ("unit-without-identifier", "Journalize transactions", "sh:MinCountConstraintComponent",
     "A unit of competency needs exactly one code"),
    ("organisation-role-not-in-scheme", "Technical Education and Skills Development Authority",
     "sh:InConstraintComponent", "qgr:quality-assurance-body"),
    ("accreditation-ends-before-it-starts", "accreditation/ph-example-institute-bookkeeping",
     "sh:LessThanOrEqualsConstraintComponent", "ends (qg:validUntil) before it starts (qg:validFrom)"),
]

WARNINGS = {"level-name-without-language"}


def test_a_valid_small_framework_conforms_without_any_remark() -> None:
    report = validate_files([VALID])
    assert report.conforms, report.text()
    assert report.findings == []


@pytest.mark.parametrize(("fixture", "label", "constraint", "phrase"), BROKEN, ids=[row[0] for row in BROKEN])
def test_a_broken_record_is_named_with_the_rule_it_breaks(
    fixture: str, label: str, constraint: str, phrase: str
) -> None:
    report = validate_files([FIXTURES / f"{fixture}.ttl"])

    assert [(v.focus_label, v.constraint) for v in report.findings] == [(label, constraint)], report.text()
    (violation,) = report.findings
    assert phrase in violation.message
    assert "{?" not in violation.message and "{$" not in violation.message, "a message placeholder was left unfilled"
    if fixture in WARNINGS:
        assert violation.severity == "Warning" and report.conforms
    else:
        assert violation.severity == "Violation" and not report.conforms


def test_every_broken_fixture_is_in_the_table() -> None:
    on_disk = {p.stem for p in FIXTURES.glob("*.ttl")} - {VALID.stem}
    assert on_disk == {row[0] for row in BROKEN}


MODEL_CLASSES = [
    QG.QualificationsFramework, QG.NationalFramework, QG.ReferenceFramework, QG.SectoralFramework,
    QG.Level, QG.DescriptorDomain, QG.LevelDescriptor,
    QG.FrameworkAlignment, QG.ReferencingReport, QG.ComparisonReport,
    QG.LevelCorrespondence, QG.ReferencingDecision, QG.LevelComparison,
    QG.Qualification, QG.CompetencyStandard, QG.UnitOfCompetency, ORG.Organization, QG.Accreditation,
]


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: str(c).rsplit("#", 1)[-1])
def test_every_class_of_the_model_is_targeted_explicitly(cls: URIRef) -> None:
    # Validation runs without RDFS inference, so a subclass is only checked if a shape names it.
    assert (None, SH.targetClass, cls) in load_shapes()


def test_every_property_shape_and_rule_speaks_to_the_officer() -> None:
    shapes = load_shapes()
    silent = [
        str(s)
        for kind in (SH.PropertyShape, SH.SPARQLConstraint)
        for s in shapes.subjects(RDF.type, kind)
        if shapes.value(s, SH.message) is None
    ]
    silent += [str(s) for s in shapes.subjects(SH.xone, None) if shapes.value(s, SH.message) is None]
    assert silent == []


def _bundled_turtle() -> list[Path]:
    data = resource_dir("data")
    return sorted(p for p in data.rglob("*.ttl") if "templates" not in p.relative_to(data).parts)


def test_the_bundled_data_conforms_when_validated_all_together() -> None:
    files = _bundled_turtle()
    assert files, "data/ has no Turtle files: the bundled data is missing, so nothing would be checked"
    report = validate_files(files)
    assert report.conforms, report.text()


def test_the_bundled_data_is_really_checked() -> None:
    files = _bundled_turtle()
    assert files, "data/ has no Turtle files: the bundled data is missing, so nothing would be checked"
    data = Graph()
    for path in files:
        data.parse(path)
    level = min(data.subjects(RDF.type, QG.Level))
    data.remove((level, QG.rank, None))

    report = validate_graph(data)

    assert [(v.focus, v.shape) for v in report.findings] == [(str(level), "qgsh:Level-rank")], report.text()
