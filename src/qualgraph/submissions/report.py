"""What checking a submission found: each finding with the place in the submitted files it came from.

Kept apart from the workflow so that the errors, the web layer and the provenance graph all speak of findings
the same way, and say *where* (file, sheet, row, column) in the same terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal
from rdflib.term import Node

from ..loading.errors import Problem
from ..validation import ValidationReport, Violation
from ..vocab import QG, QGID

_ID = str(QGID)

_PLACE_TERMS = ((QG.inputFile, "file"), (QG.inputSheet, "sheet"), (QG.inputRow, "row"), (QG.inputColumn, "column"))
"""Where a finding was found in the input, as kept in a report graph (terms of ontology/qualgraph.ttl)."""


@dataclass
class Finding:
    """One entry of a report: a SHACL result or a problem with the input, and the place it came from."""

    severity: str
    """"Violation" (blocks acceptance), "Warning" or "Info"."""
    message: str
    focus: str | None = None
    """IRI of the record concerned (``_:id`` for a blank node)."""
    focus_label: str | None = None
    """The record as qualgraph writes it: ``ie-nfq:8``, ``ie-nfq``, ``ie-nfq:8 → eqf:6``."""
    path: str | None = None
    value: str | None = None
    shape: str | None = None
    constraint: str | None = None
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | int | None = None
    line: int | None = None
    graph: str | None = None
    """The named graph holding the record (said when other data is concerned: a withdrawal refused)."""
    submission: str | None = None
    """The submission (``agency/name``) whose graph that is, if it is one."""

    @classmethod
    def from_problem(cls, problem: Problem, severity: str = "Violation") -> "Finding":
        return cls(severity, problem.message, file=problem.file or None, sheet=problem.sheet, row=problem.row,
                   column=problem.column, line=problem.line)

    @classmethod
    def from_violation(cls, v: Violation, origin: Problem | None = None) -> "Finding":
        found = cls(v.severity, v.message, v.focus, v.focus_label, v.path, v.value, v.shape, v.constraint)
        if origin is not None:
            found.file, found.sheet, found.row, found.column = origin.file, origin.sheet, origin.row, origin.column
        return found

    def describe_place(self, graph: Graph, node: Node) -> None:
        """Say in ``graph`` where in the submitted files ``node`` (this finding's SHACL result, or a note kept on
        a file) comes from: ``qg:inputFile``, ``qg:inputSheet``, ``qg:inputRow``, ``qg:inputColumn``."""
        for prop, value in _PLACE_TERMS:
            found = getattr(self, value)
            if found is not None and found != "":
                graph.add((node, prop, Literal(found)))

    def take_place(self, graph: Graph, node: Node) -> "Finding":
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
    """What checking a submission found, worst first; ``conforms`` when nothing of severity Violation."""

    findings: list[Finding] = field(default_factory=list)
    shacl: ValidationReport | None = None
    """The SHACL report when validation ran (its ``report_graph`` is the standard ``sh:ValidationReport``)."""
    rdf: Graph | None = None
    """The report as kept in the provenance graph, for a report read back (its SHACL results and notes)."""

    @property
    def conforms(self) -> bool:
        return not any(f.severity == "Violation" for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def to_json(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "violations": self.count("Violation"),
            "warnings": self.count("Warning"),
            "problems": [f.to_json() for f in self.findings],
        }

    def graph(self) -> Graph | None:
        """The standard SHACL report (with the places of template input), or None when the input was refused
        before validation."""
        return self.rdf if self.shacl is None else self.shacl.report_graph

    def text(self) -> str:
        """The report for the command line: a summary, then each problem with its record and place."""
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


# -- grouping for people -----------------------------------------------------------------------------------------
_FRAMEWORK_PART = re.compile(re.escape(_ID) + r"(?:framework|qualification|alignment)/([a-z0-9-]+)(?:/level/([^/]+))?")
_CORRESPONDENCE = re.compile(re.escape(_ID) + r"correspondence/([a-z0-9-]+)/([^/]+)/")


def framework_and_level(finding: Finding) -> tuple[str | None, str | None]:
    """The framework slug and level notation a finding is about, from its record's IRI (None where it has none)."""
    from urllib.parse import unquote

    focus = finding.focus or ""
    if m := _CORRESPONDENCE.match(focus):
        return m.group(1), unquote(m.group(2))
    if m := _FRAMEWORK_PART.match(focus):
        return m.group(1), unquote(m.group(2)) if m.group(2) else None
    return None, None
