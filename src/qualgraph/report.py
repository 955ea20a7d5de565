"""What checking data found, in words an officer can act on: the one report model of qualgraph.

A :class:`Finding` is a SHACL validation result (:class:`Result`: the record, property, value, rule, severity
and message) or a problem with the input, with the place in the submitted files it came from (file, sheet,
row, column) when there is one. A :class:`Report` is the findings, worst first, with ``conforms`` (nothing of
severity Violation), their counts, the standard ``sh:ValidationReport`` as RDF, and its forms: JSON, Turtle or
JSON-LD, plain text, and the findings grouped by framework and level for people (:meth:`Report.groups`).

Validation (:mod:`qualgraph.validation`) builds a report of the data it is given; the submissions
(:mod:`qualgraph.submissions`) build theirs from it, with the places and the problems of the input; the web
layer only picks the form and the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote

from rdflib import Graph, Literal
from rdflib.term import Node

from .ids import framework_slug_of, level_id_of, natural_key
from .loading.errors import Problem
from .media_types import JSON_LD, TURTLE, Format
from .vocab import QG, QGID

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
"""The severities of SHACL, worst first: a Violation blocks acceptance, a Warning or an Info does not."""

_PLACE_TERMS = ((QG.inputFile, "file"), (QG.inputSheet, "sheet"), (QG.inputRow, "row"), (QG.inputColumn, "column"))
"""Where a finding was found in the input, as kept in a report graph (terms of ontology/qualgraph.ttl)."""


@dataclass
class Result:
    """What a shape found about one record: a SHACL validation result in words an officer can act on.

    The part of every :class:`Finding` that validation gives; its fields are what the JSON of a data check lists
    for each result (:meth:`result_json`).
    """

    severity: str
    """"Violation" (the data is wrong: blocks acceptance), "Warning" (it should be improved) or "Info"."""
    message: str
    focus: str | None = None
    """IRI of the record with the problem (``_:id`` for a blank node)."""
    focus_label: str | None = None
    """How qualgraph writes the record: "ie-nfq:8" for a level, "ie-nfq" for a framework, a title otherwise."""
    path: str | None = None
    """The property concerned, e.g. "skos:prefLabel", if the problem is about one property."""
    value: str | None = None
    """The offending value, if there is one."""
    shape: str | None = None
    """The shape that found it, e.g. "qgsh:Level-rank"."""
    constraint: str | None = None
    """The SHACL constraint component, e.g. "sh:MinCountConstraintComponent"."""

    def result_json(self) -> dict[str, str | None]:
        """The result alone, as the JSON of a data check lists it."""
        return {"message": self.message, "severity": self.severity, "focus": self.focus,
                "focus_label": self.focus_label, "path": self.path, "value": self.value,
                "constraint": self.constraint, "shape": self.shape}


@dataclass
class Finding(Result):
    """One entry of a report: a SHACL result or a problem with the input, and the place it came from."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | int | None = None
    line: int | None = None
    graph: str | None = None
    """The named graph holding the record (said when other data is concerned: a withdrawal refused)."""
    submission: str | None = None
    """The submission (``agency/name``) whose graph that is, if it is one."""
    result: Node | None = field(default=None, repr=False, compare=False)
    """The node of this finding's ``sh:ValidationResult`` in its report's graph (None for a problem with the
    input)."""

    @classmethod
    def from_problem(cls, problem: Problem, severity: str = "Violation") -> Finding:
        return cls(severity, problem.message, file=problem.file or None, sheet=problem.sheet, row=problem.row,
                   column=problem.column, line=problem.line)

    @classmethod
    def found_at(cls, v: Finding, origin: Problem | None = None) -> Finding:
        """A copy of ``v`` found at ``origin`` (the template cell it came from), if there is one."""
        if origin is None:
            return replace(v)
        return replace(v, file=origin.file, sheet=origin.sheet, row=origin.row, column=origin.column)

    def describe_place(self, graph: Graph, node: Node) -> None:
        """Say in ``graph`` where in the submitted files ``node`` (this finding's SHACL result, or a note kept on
        a file) comes from: ``qg:inputFile``, ``qg:inputSheet``, ``qg:inputRow``, ``qg:inputColumn``."""
        for prop, value in _PLACE_TERMS:
            found = getattr(self, value)
            if found is not None and found != "":
                graph.add((node, prop, Literal(found)))

    def take_place(self, graph: Graph, node: Node) -> Finding:
        """The place that :meth:`describe_place` wrote for ``node``, read back into this finding."""
        for prop, attribute in _PLACE_TERMS:
            found = graph.value(node, prop)
            if isinstance(found, Literal):
                setattr(self, attribute, found.toPython() if attribute == "row" else str(found))
        return self

    def place(self) -> str | None:
        """Where to look, in words: ``levels.csv, row 4, column 'rank'`` (None when the data has no place)."""
        if not self.file:
            return None
        return Problem(self.file, self.message, self.line, self.column, self.row, self.sheet).place()

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity, "message": self.message, "focus": self.focus, "focus_label": self.focus_label,
            "path": self.path, "value": self.value, "shape": self.shape, "constraint": self.constraint,
            "file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column, "line": self.line,
            "place": self.place(),
        } | ({"graph": self.graph, "submission": self.submission} if self.graph else {})


@dataclass
class Report:
    """What checking found, worst first; ``conforms`` when nothing of severity Violation was found.

    Two kinds, each with its own JSON and text: a submission's (the default: each finding with its place in
    the files, and the counts) and a data check's (``of_data``, :mod:`qualgraph.validation`: the results grouped
    by record, the JSON listing them as ``violations``). Both have the same RDF form, the ``sh:ValidationReport``.
    """

    findings: list[Finding] = field(default_factory=list)
    report_graph: Graph | None = field(default=None, repr=False, compare=False)
    """The SHACL validation report as RDF (``sh:ValidationReport``, with the places of template input), or None
    when the input was refused before validation."""
    of_data: bool = False
    """A report of data validated as it is (:func:`qualgraph.validation.validate_graph`), not of submitted files."""

    @property
    def conforms(self) -> bool:
        return not any(f.severity == "Violation" for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    # -- forms
    def to_json(self) -> dict[str, Any]:
        """A data check: ``conforms`` and each result (``violations``). A submission: ``conforms``, the counts of
        violations and warnings, and each finding with its place (``problems``)."""
        if self.of_data:
            return {"conforms": self.conforms, "violations": [f.result_json() for f in self.findings]}
        return {
            "conforms": self.conforms,
            "violations": self.count("Violation"),
            "warnings": self.count("Warning"),
            "problems": [f.to_json() for f in self.findings],
        }

    def serialize(self, fmt: Format = TURTLE) -> str | None:
        """The ``sh:ValidationReport`` in ``fmt`` (Turtle or JSON-LD), or None when there is none (the input was
        refused before validation)."""
        if self.report_graph is None:
            return None
        return self.report_graph.serialize(format=fmt.rdflib, **({"auto_compact": True} if fmt is JSON_LD else {}))

    def text(self) -> str:
        """The report for the command line: a summary line, then the problems (a data check's grouped by record,
        a submission's each with its record and place)."""
        return self._data_text() if self.of_data else self._submission_text()

    def _data_text(self) -> str:
        if not self.findings:
            return "The data conforms: no problems found."
        records: dict[str | None, list[Finding]] = {}
        for v in self.findings:
            records.setdefault(v.focus, []).append(v)
        counts = ", ".join(
            _plural(n, severity.lower())
            for severity in SEVERITY_ORDER
            if (n := self.count(severity))
        )
        verdict = "the data conforms" if self.conforms else "the data does not conform"
        lines = [f"{counts} in {_plural(len(records), 'record')}; {verdict}."]
        for focus, problems in records.items():
            label = problems[0].focus_label
            lines.append("")
            where = str(focus) if str(focus).startswith("_:") else f"<{focus}>"
            lines.append(f"{label}  {where}" if label else where)
            for v in problems:
                lines.append(f"  {v.severity}: {v.message}")
                detail = [d for d in (v.path, f"value {v.value}" if v.value is not None else None) if d]
                detail.append(v.constraint or "")
                lines.append(f"    ({'; '.join(detail)})")
        return "\n".join(lines)

    def _submission_text(self) -> str:
        if not self.findings:
            return "No problems found."
        counts = [f"{n} {word}{'s' if n != 1 else ''}" for word, n in
                  (("violation", self.count("Violation")), ("warning", self.count("Warning")),
                   ("note", self.count("Info"))) if n]
        lines = [", ".join(counts) + (" (warnings do not block acceptance)." if self.conforms else ".")]
        for f in self.findings:
            where = " — ".join(x for x in (f.focus_label or f.focus, f.place()) if x)
            lines.append(f"  {f.severity}: {where}" if where else f"  {f.severity}:")
            lines.append(f"    {f.message}")
            detail = [d for d in (f.path, f"value {f.value}" if f.value is not None else None, f.shape) if d]
            if detail:
                lines.append(f"    ({'; '.join(detail)})")
        return "\n".join(lines)

    def groups(self) -> list[dict[str, Any]]:
        """The findings grouped for people to read (:func:`group_findings`)."""
        return group_findings(self.findings)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# -- for people: findings grouped by framework and level, properties and values in words ---------------------------
SEVERITY_WORDS = {"Violation": "Must be fixed", "Warning": "Should be checked", "Info": "Note"}

PLAIN_PATHS = {
    "skos:prefLabel": "name", "skos:altLabel": "acronym", "skos:notation": "level code", "qg:rank": "rank",
    "skos:inScheme": "framework", "skos:topConceptOf": "framework", "dcterms:source": "source document",
    "qg:jurisdiction": "jurisdiction", "qg:status": "status", "dcterms:date": "date of the decision",
    "qg:sourceLevel": "level", "qg:targetLevel": "reference level", "qg:targetFramework": "reference framework",
    "qg:noCounterpart": "no counterpart", "dcterms:identifier": "identifier", "rdf:type": "kind of record",
    "dcterms:title": "title", "qg:sourceFramework": "framework", "qg:decidedBy": "decided by",
    "dcterms:isPartOf": "report it belongs to", "qg:hasDescriptor": "descriptor",
    "qg:descriptorDomain": "descriptor domain", "rdf:value": "text", "dcterms:publisher": "publisher",
    "qg:atLevel": "level", "qg:awardedBy": "awarding body",
}


def plain_path(path: str | None) -> str | None:
    """``rank (qg:rank)``: the property in words, with its name for those who know RDF."""
    if not path:
        return None
    words = PLAIN_PATHS.get(path)
    return f"{words} ({path})" if words else path


def plain_value(value: str | None) -> str | None:
    """A value as people write it: ``my-mqf:6`` for a level, ``my-mqf`` for a framework, else as it is."""
    if value is None:
        return None
    return level_id_of(value) or framework_slug_of(value) or value


_ID = str(QGID)
_FRAMEWORK_PART = re.compile(re.escape(_ID) + r"(?:framework|qualification|alignment)/([a-z0-9-]+)(?:/level/([^/]+))?")
_CORRESPONDENCE = re.compile(re.escape(_ID) + r"correspondence/([a-z0-9-]+)/([^/]+)/")


def framework_and_level(finding: Finding) -> tuple[str | None, str | None]:
    """The framework slug and level notation a finding is about, from its record's IRI (None where it has none)."""
    focus = finding.focus or ""
    if m := _CORRESPONDENCE.match(focus):
        return m.group(1), unquote(m.group(2))
    if m := _FRAMEWORK_PART.match(focus):
        return m.group(1), unquote(m.group(2)) if m.group(2) else None
    return None, None


def group_findings(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings grouped by framework, then level ("the framework itself" first), for people to read.

    Problems with the files come first, then frameworks in id order, then records outside any framework.
    """
    files: list[Finding] = []
    frameworks: dict[str, dict[str | None, list[Finding]]] = {}
    other: list[Finding] = []
    for f in findings:
        framework, level = framework_and_level(f)
        if framework is not None:
            frameworks.setdefault(framework, {}).setdefault(level, []).append(f)
        elif f.focus is None:
            files.append(f)
        else:
            other.append(f)
    groups: list[dict[str, Any]] = []
    if files:
        groups.append({"title": "The files", "sections": [{"title": None, "findings": files}]})
    for framework in sorted(frameworks):
        levels = frameworks[framework]
        sections = [{"title": "The framework and its referencing" if level is None else f"Level {level}",
                     "findings": levels[level]}
                    for level in sorted(levels, key=lambda lv: (lv is not None, natural_key(lv or "")))]
        groups.append({"title": f"Framework {framework}", "sections": sections})
    if other:
        groups.append({"title": "Other records", "sections": [{"title": None, "findings": other}]})
    return groups
