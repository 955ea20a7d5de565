"""Template rows and cells: the records the rows of the spreadsheet templates define (each once in a submission),
and the cell a finding about one of them points at.

People fix spreadsheets, not IRIs: every problem with data that came from a template is reported at its file,
sheet, row and column. Reading the rows and placing findings back at them share the same column maps, so they
live together.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from .. import ids
from ..loading.catalogue import Catalogue
from ..loading.errors import Problem
from ..loading.sources import Source
from ..loading.templates import Sheet, build_all, read_sheets
from ..report import Finding
from ..store import GraphStore
from ..validation import label_of
from ..vocab import QG, QGS, SKOS
from .model import ReadSubmission, SubmittedFile

_TYPE = ox.NamedNode(str(RDF.type))
_IN_SCHEME = ox.NamedNode(str(SKOS.inScheme))

# The triples that tell the catalogue which frameworks, levels, reports and recognition records (with the roadmap
# a corridor follows) a submission defines.
_CATALOGUE_PREDICATES = (_TYPE, _IN_SCHEME, ox.NamedNode(str(QG.sourceFramework)),
                         ox.NamedNode(str(QG.targetFramework)), ox.NamedNode(str(QG.hasRoadmap)))

# Which template column holds which property of the record a row defines, to report a SHACL result at its cell.
_COLUMNS: dict[str, dict[str, str]] = {
    "frameworks": {"dcterms:identifier": "framework", "skos:prefLabel": "title", "rdf:type": "kind",
                   "qg:jurisdiction": "jurisdiction", "dcterms:source": "source", "skos:altLabel": "acronym",
                   "dcterms:publisher": "publisher", "dcterms:description": "description"},
    "levels": {"skos:inScheme": "framework", "skos:topConceptOf": "framework", "skos:notation": "level",
               "qg:rank": "rank", "skos:prefLabel": "label", "dcterms:source": "source"},
    "qualification-types": {"skos:prefLabel": "type", "dcterms:source": "source"},
    "referencing": {"qg:sourceLevel": "level", "qg:targetFramework": "reference_framework",
                    "qg:targetLevel": "reference_level", "qg:noCounterpart": "reference_level",
                    "qg:status": "status", "dcterms:date": "decided", "dcterms:source": "source",
                    "skos:note": "note", "qg:decidedBy": "decided_by", "rdf:type": "kind"},
    # the recognition templates (issue 12): how loading.recognition_templates writes each column
    "organisations": {"rdf:type": "organisation", "dcterms:identifier": "organisation", "skos:prefLabel": "name",
                      "qg:jurisdiction": "jurisdiction", "dcterms:source": "source", "skos:altLabel": "acronym",
                      "org:classification": "roles", "foaf:homepage": "homepage"},
    "standards": {"rdf:type": "kind", "dcterms:identifier": "standard", "dcterms:title": "title",
                  "qg:jurisdiction": "jurisdiction", "dcterms:source": "source", "dcterms:publisher": "owner",
                  "qg:skillsArea": "skills_area", "qg:occupation": "isco"},
    "qualifications": {"dcterms:identifier": "code", "dcterms:title": "title", "qg:atLevel": "level",
                       "qg:awardedBy": "awarding_body", "dcterms:source": "source", "qg:fieldOfEducation": "isced_f",
                       "qg:occupation": "isco", "qg:notionalLearningHours": "hours", "qg:credits": "credits",
                       "qg:basedOnStandard": "standard", "qg:status": "status", "dcterms:isReplacedBy": "replaced_by",
                       "foaf:page": "url"},
    "units": {"dcterms:identifier": "unit", "dcterms:title": "title", "dcterms:isPartOf": "standard",
              "dcterms:source": "source", "qg:notionalLearningHours": "hours", "qg:unitKind": "kind"},
    "agreements": {"rdf:type": "kind", "qg:hasRoadmap": "kind", "dcterms:identifier": "agreement",
                   "dcterms:title": "title", "qg:partyCountry": "parties", "qg:partyBody": "parties",
                   "dcterms:source": "source", "qg:signed": "signed", "qg:inForce": "in_force", "qg:signedAt": "place",
                   "qg:status": "status", "qg:occupation": "occupations", "qg:skillsArea": "skills_areas",
                   "qg:referenceFramework": "reference_framework", "qg:targetsLevel": "levels",
                   "qg:coordinatingBody": "body", "qg:register": "register", "dcterms:description": "description"},
    "benchmarking": {"qg:sourceUnit": "unit", "qg:targetStandard": "compared_standard",
                     "qg:targetUnit": "compared_unit", "qg:outcome": "outcome", "qg:status": "status",
                     "dcterms:date": "decided", "dcterms:source": "source", "qg:corridor": "corridor",
                     "qg:decidedBy": "decided_by", "skos:note": "note"},
    "roadmap": {"qg:progressOf": "agreement", "qg:roadmapStep": "step", "qg:progressStatus": "status",
                "dcterms:date": "date", "dcterms:source": "source", "skos:note": "note"},
}
_ID_COLUMN = {"frameworks": "framework", "domains": "domain", "levels": "level", "qualification-types": "type",
              "referencing": "level",
              "organisations": "organisation",
              "standards": "standard", "qualifications": "code", "units": "unit", "agreements": "agreement",
              "benchmarking": "unit", "roadmap": "step"}
"""The cell that names the record a row defines: where a second row defining it is reported."""
_ROW_COLUMN = {"frameworks": "framework", "domains": "domain", "levels": "level", "qualification-types": "type",
               "referencing": "level"}
"""Where a finding whose property no column holds is placed: the framework templates point at the id cell;
the recognition templates, whose records have ids of several cells (a unit: standard and unit), at the row."""
_SHAPE_COLUMNS = {"qgsh:UniqueRankInFramework": "rank", "qgsh:ReferencingToReferenceLevel": "reference_framework",
                  "qgsh:ReferencingReportToReferenceFramework": "reference_framework",
                  "qgsh:MonotoneReferencing": "reference_level",
                  "qgsh:TargetLevelInTargetFramework": "reference_level",
                  "qgsh:AgreementShape": "parties", "qgsh:QualificationLevelInItsFramework": "level",
                  "qgsh:BenchmarkingBetweenTwoStandards": "compared_standard",
                  "qgsh:BenchmarkingOutcomeMatchesUnit": "compared_unit",
                  "qgsh:ProgressStepInAgreementsRoadmap": "step"}


# -- reading the rows --------------------------------------------------------------------------------------------
def read_templates(store: GraphStore, templates: list[SubmittedFile], tmp: Path, graph: URIRef,
                   result: ReadSubmission, defined: dict[str, str],
                   duplicates: list[Finding]) -> tuple[list[ox.Quad], list[Finding]]:
    """The quads of every template row that could become data, and the problems of every other row and file
    (all of them: a file or row with a problem does not stop the others being read)."""
    sheets: list[Sheet] = []
    problems: list[Problem] = []
    for i, f in enumerate(templates):
        folder = tmp / str(i)
        folder.mkdir()
        path = folder / PurePosixPath(f.name).name
        path.write_bytes(f.data)
        got, probs = read_sheets(Source(path, graph, f.name))
        sheets += got
        problems += probs
    for sheet in sheets:
        result.warnings += [Finding.from_problem(w, "Warning") for w in sheet.warnings]
    for sheet in sheets:
        _sheet_ids(sheet, result, defined, duplicates)
    catalogue = Catalogue.from_store(store)
    catalogue.add_quads([q for p in _CATALOGUE_PREDICATES for q in result.quads(p)])
    built, found_problems = build_all(sheets, catalogue)
    result.broken |= records_of_rows(sheets, found_problems)
    quads: list[ox.Quad] = [q for _, got in built for q in got]
    return quads, [Finding.from_problem(p) for p in problems + found_problems]


def records_of_rows(sheets: list[Sheet], problems: list[Problem]) -> set[str]:
    """The records that template rows with problems define or name (a decision: also its two levels).

    Validation leaves out what the shapes say about them: it would repeat the row's problem, or follow from
    the row missing (a level "without an accepted decision" because its decision's date was wrong)."""
    rows = {(s.source.display, s.sheet, row): (s.kind, values) for s in sheets for row, values in s.rows}
    records: set[str] = set()
    for p in problems:
        found = rows.get((p.file, p.sheet, p.row))
        if found is None:
            continue
        kind, values = found
        named = [_row_id(kind, values)]
        if kind == "referencing":
            for framework, level in (("framework", "level"), ("reference_framework", "reference_level")):
                try:
                    named.append(str(ids.level_iri(values[framework].lower(), values[level])))
                except (ids.InvalidId, KeyError):
                    pass
        records.update(n for n in named if n)
    return records


def _row_id(kind: str, v: dict[str, str]) -> str | None:
    """The IRI of the record a template row defines (None when the row is too broken to name one)."""
    try:
        if kind in _RECOGNITION_IDS:
            return str(_RECOGNITION_IDS[kind](v))
        slug = v["framework"].lower()
        if kind == "frameworks":
            return str(ids.framework_iri(slug))
        if kind == "levels":
            return str(ids.level_iri(slug, v["level"]))
        if kind == "domains":
            return str(ids.domain_iri(slug, v["domain"]))
        if kind == "qualification-types":
            return str(ids.qualification_type_iri(slug, v["level"], v["type"]))
        return str(ids.correspondence_iri(slug, v["level"], v["reference_framework"].lower(),
                                          v["reference_level"] or None, v["decided"] or None))
    except (ids.InvalidId, KeyError):
        return None


# The IRI of the record a recognition template row defines, as loading.recognition_templates names it.
_RECOGNITION_IDS: dict[str, Callable[[dict[str, str]], URIRef]] = {
    "organisations": lambda v: ids.organisation_iri(v["organisation"].strip().lower()),
    "standards": lambda v: ids.standard_iri(ids.check_slug(v["standard"].strip().lower())),
    "qualifications": lambda v: ids.qualification_iri(v["framework"].strip().lower(),
                                                      ids.check_code(v["code"], "qualification code")),
    "units": lambda v: ids.standard_unit_iri(v["standard"].strip().lower(), v["unit"]),
    "agreements": lambda v: ids.agreement_iri(v["agreement"].strip().lower()),
    "benchmarking": lambda v: ids.benchmarking_iri(
        v["standard"].strip().lower(), ids.check_code(v["unit"], "unit code"), v["compared_standard"].strip().lower(),
        v["compared_unit"] or None, v["decided"] or None),
    "roadmap": lambda v: ids.progress_iri(v["agreement"].strip().lower(), v["step"]),
}


def _row_label(kind: str, v: dict[str, str]) -> str:
    """The record of a template row as people write it: ``ph-pqf``, ``ph-pqf:5``, ``ph-pqf:5 → aqrf:5``."""
    if kind in _RECOGNITION_LABELS:
        return _RECOGNITION_LABELS[kind](v)
    level = f"{v['framework'].lower()}:{v.get('level', '')}"
    if kind == "frameworks":
        return v["framework"].lower()
    if kind == "levels":
        return level
    if kind == "domains":
        return f"the descriptor domain {v['domain']} of {v['framework'].lower()}"
    if kind == "qualification-types":
        return f"the qualification type {v['type']!r} at {level}"
    target = (f"{v['reference_framework'].lower()}:{v['reference_level']}" if v["reference_level"]
              else f"no counterpart in {v['reference_framework'].lower()}")
    return f"the decision {level} → {target}" + (f" of {v['decided']}" if v["decided"] else "")


_RECOGNITION_LABELS: dict[str, Callable[[dict[str, str]], str]] = {
    "organisations": lambda v: f"organisation {v['organisation'].lower()}",
    "standards": lambda v: f"standard {v['standard'].lower()}",
    "qualifications": lambda v: f"qualification {v['framework'].lower()}:{v['code']}",
    "units": lambda v: f"unit {v['standard'].lower()}:{v['unit']}",
    "agreements": lambda v: f"agreement {v['agreement'].lower()}",
    "benchmarking": lambda v: (f"the benchmarking of {v['standard'].lower()}:{v['unit']} against "
                               f"{v['compared_standard'].lower()}:{v['compared_unit'] or 'no counterpart'}"
                               + (f" of {v['decided']}" if v["decided"] else "")),
    "roadmap": lambda v: f"the progress of {v['agreement'].lower()} on step {v['step']}",
}


def _sheet_ids(sheet: Sheet, result: ReadSubmission, defined: dict[str, str], duplicates: list[Finding]) -> None:
    where = sheet.source.display + (f", sheet {sheet.sheet!r}" if sheet.sheet else "")
    rows: dict[tuple[str, str], int] = {}
    for row, values in sheet.rows:
        iri = _row_id(sheet.kind, values)
        if iri is None:
            continue
        column = _ID_COLUMN[sheet.kind]
        language = (values.get("language") or "").strip().lower()
        if (iri, language) in rows:  # a record has a row per language: its labels (and descriptors) in that language
            label = _row_label(sheet.kind, values)
            in_language = f" in {language!r}" if language else ""
            duplicates.append(Finding.from_problem(sheet.problem(
                f"{label} is already defined{in_language} in row {rows[(iri, language)]}; each record appears once "
                "in a submission, a row per language (merge the two rows)", row, column)))
            continue
        rows[(iri, language)] = row
        result.origins.setdefault(iri, (sheet, row))
        if sheet.kind == "referencing":  # the first row of a pair also makes the report it is part of
            try:
                report = str(ids.alignment_iri(values["framework"].lower(), values["reference_framework"].lower()))
                result.origins.setdefault(report, (sheet, row))
            except ids.InvalidId:
                pass
        define(defined, iri, where, sheet.problem("", row, column), duplicates)


def define(defined: dict[str, str], iri: str, where: str, origin: Problem | None, duplicates: list[Finding]) -> None:
    """Remember which file (or sheet) defines a record; a second one defining it is a duplicate id. Used for the
    records of RDF files too: a record is defined once in a submission, whatever its files' syntax."""
    first = defined.setdefault(iri, where)
    if first == where:
        return
    label = label_of(Graph(), URIRef(iri)) or iri
    message = (f"{label} is defined both in {first} and in {where}; a record is defined once in a submission "
               "(keep one definition)")
    finding = Finding.from_problem(origin) if origin is not None else Finding("Violation", "", file=where)
    finding.message, finding.focus, finding.focus_label = message, iri, label
    duplicates.append(finding)


# -- placing findings at their cells -----------------------------------------------------------------------------
DECISION_SHAPES = {"qgsh:AtMostOneAcceptedDecisionPerLevel": ox.NamedNode(str(QG.sourceLevel)),
                   "qgsh:OneAcceptedBenchmarkingPerUnitAndStandard": ox.NamedNode(str(QG.sourceUnit))}
"""Shapes whose focus is a level (or a unit) but whose fault lies in its decisions: reported at the decisions'
rows, found through the property that ties a decision to its focus."""
_STATUS = ox.NamedNode(str(QG.status))
_ACCEPTED = ox.NamedNode(str(QGS.accepted))


def origin(read: ReadSubmission, v: Finding) -> Problem | None:
    """The template cell a SHACL result is about: the row of its record, the column of its property."""
    found = read.origins.get(v.focus)
    if found is None:
        return Problem(read.files_of[v.focus], "") if v.focus in read.files_of else None
    sheet, row = found
    columns = _COLUMNS[sheet.kind]
    column = columns.get(v.path or "") or _SHAPE_COLUMNS.get(v.shape or "") or _ROW_COLUMN.get(sheet.kind)
    return sheet.problem("", row, column)


def place_at_decisions(read: ReadSubmission, v: Finding, found: Finding) -> None:
    """Point a finding about a level's (or a unit's) decisions at the template rows of those decisions (all of
    them, in the message), not at the level's row: the rows to fix are in referencing.csv (benchmarking.csv),
    not levels.csv (units.csv, or the store)."""
    if v.focus is None:
        return
    rows: list[tuple[Sheet, int]] = []
    for q in read.data.quads_for_pattern(None, DECISION_SHAPES[v.shape or ""], ox.NamedNode(v.focus), read.node):
        decision = q.subject
        if isinstance(decision, ox.NamedNode) and decision.value in read.origins and \
                next(read.data.quads_for_pattern(decision, _STATUS, _ACCEPTED, read.node), None) is not None:
            rows.append(read.origins[decision.value])
    if not rows:
        return
    rows.sort(key=lambda r: (r[0].source.display, r[0].sheet or "", r[1]))
    sheet, row = rows[0]
    place = sheet.problem("", row, "status")
    found.file, found.sheet, found.row, found.column = place.file, place.sheet, place.row, place.column
    numbers = [str(r) for s, r in rows if s is sheet]
    where = f"row {numbers[0]}" if len(numbers) == 1 else f"rows {', '.join(numbers[:-1])} and {numbers[-1]}"
    found.message += f" (the accepted decisions: {place.file}{f', sheet {sheet.sheet!r}' if sheet.sheet else ''}, {where})"
