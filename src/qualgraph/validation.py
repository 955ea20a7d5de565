"""SHACL validation of qualgraph data, reported so that an officer can find the record and fix it.

The shapes live in ``shapes/*.ttl`` (per-record constraints in ``core.ttl``, rules across records in
``rules.ttl``). pySHACL runs them without inference, with SHACL-SPARQL enabled; each result keeps the
shape's ``sh:message`` and is named after its record (``ie-nfq:8``, ``ie-nfq``, ``ie-nfq:8 → eqf:6``).

A submission is often validated against data already trusted (the store content it refers to): give that as
``context``. References are then resolved in the union, but only problems of the submission are reported:

* a per-record problem (shapes/core.ttl) only for the records the submission describes (subjects in it);
* a problem found by a rule across records (shapes/rules.ttl) when the submission names its record or its
  value (as subject or object), or the framework of either — so adding a second accepted decision for a
  trusted level reports that level, while an old problem elsewhere in the store stays out of the report.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pyoxigraph
import pyshacl
from pyshacl.graph_abstraction import OxigraphDataGraph
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import DCTERMS, RDF, SH, SKOS
from rdflib.term import Node
from rdflib.util import guess_format

from .config import resource_dir
from .ids import framework_slug_of, level_id_of
from .loading.errors import LoadError, Problem
from .vocab import PREFIXES, QG, QGID

SHAPES_NS = "https://w3id.org/qualgraph/shapes#"

SEVERITIES: dict[Node, str] = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}

_FRAMEWORK_CLASSES = {QG.QualificationsFramework, QG.NationalFramework, QG.ReferenceFramework, QG.SectoralFramework}
_CORRESPONDENCE_CLASSES = {QG.LevelCorrespondence, QG.ReferencingDecision, QG.LevelComparison}
_ALIGNMENT_CLASSES = {QG.FrameworkAlignment, QG.ReferencingReport, QG.ComparisonReport}

# Prefixes used to shorten paths, constraint components and shape names in reports (longest IRI first, so
# that a namespace nested in another wins). qgid: stays out: record IRIs are reported whole.
_COMPACT = sorted(
    [(p, iri) for p, iri in PREFIXES.items() if p != "qgid"] + [("qgsh", SHAPES_NS)],
    key=lambda pi: -len(pi[1]),
)

_RDF_SUFFIXES = {".ttl", ".nt", ".n3", ".nq", ".trig", ".rdf", ".owl", ".xml", ".jsonld", ".json-ld", ".trix"}


@dataclass
class Violation:
    """One problem with one record, in words an officer can act on."""

    message: str
    severity: str
    """"Violation" (the data is wrong), "Warning" (it should be improved) or "Info"."""
    focus: str
    """IRI of the record with the problem (``_:id`` for a blank node)."""
    focus_label: str | None
    """How qualgraph writes the record: "ie-nfq:8" for a level, "ie-nfq" for a framework, a title otherwise."""
    path: str | None
    """The property concerned, e.g. "skos:prefLabel", if the problem is about one property."""
    value: str | None
    """The offending value, if there is one."""
    constraint: str
    """The SHACL constraint component, e.g. "sh:MinCountConstraintComponent"."""
    shape: str | None
    """The shape that found it, e.g. "qgsh:Level-rank"."""

    def to_json(self) -> dict[str, str | None]:
        return asdict(self)


@dataclass
class ValidationReport:
    """What validation found. ``conforms`` is true when nothing of severity Violation was found."""

    conforms: bool
    violations: list[Violation]
    report_graph: Graph = field(default_factory=Graph, repr=False, compare=False)
    """The SHACL validation report as RDF (only the results listed in ``violations``)."""

    def count(self, severity: str) -> int:
        return sum(1 for v in self.violations if v.severity == severity)

    def text(self) -> str:
        """A readable report for the command line: a summary line, then the problems grouped by record."""
        if not self.violations:
            return "The data conforms: no problems found."
        records: dict[str, list[Violation]] = {}
        for v in self.violations:
            records.setdefault(v.focus, []).append(v)
        counts = ", ".join(
            _plural(n, severity.lower())
            for severity in _SEVERITY_ORDER
            if (n := self.count(severity))
        )
        verdict = "the data conforms" if self.conforms else "the data does not conform"
        lines = [f"{counts} in {_plural(len(records), 'record')}; {verdict}."]
        for focus, problems in records.items():
            label = problems[0].focus_label
            lines.append("")
            where = focus if focus.startswith("_:") else f"<{focus}>"
            lines.append(f"{label}  {where}" if label else where)
            for v in problems:
                lines.append(f"  {v.severity}: {v.message}")
                detail = [d for d in (v.path, f"value {v.value}" if v.value is not None else None) if d]
                detail.append(v.constraint)
                lines.append(f"    ({'; '.join(detail)})")
        return "\n".join(lines)

    def to_json(self) -> dict[str, object]:
        return {"conforms": self.conforms, "violations": [v.to_json() for v in self.violations]}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@lru_cache(maxsize=1)
def load_shapes() -> Graph:
    """All of ``shapes/*.ttl`` in one graph, parsed once per process. Do not modify the graph returned."""
    shapes = Graph()
    for part in _shape_sets():
        shapes += part
    return shapes


@lru_cache(maxsize=1)
def _shape_sets() -> tuple[Graph, Graph]:
    """The shape files split in two: per-record shapes, and the files that use SPARQL (rules across records).

    Each set runs on the engine that suits it: pySHACL checks core constraints fastest on an rdflib graph
    (1 s on 5,000 triples, 9 s on Oxigraph), while SPARQL runs on Oxigraph in milliseconds where rdflib
    re-parses each query each time (0.4 s a query).
    """
    core, sparql = Graph(), Graph()
    for path in sorted(resource_dir("shapes").glob("*.ttl")):
        part = Graph().parse(path, format="turtle")
        uses_sparql = any(part.triples((None, SH.sparql, None))) or any(part.triples((None, SH.target, None)))
        if uses_sparql:
            sparql += part
        else:
            core += part
    return core, sparql


def validate_graph(data: Graph, *, context: Graph | None = None) -> ValidationReport:
    """Validate ``data`` against the qualgraph shapes, resolving references also in the trusted ``context``."""
    submitted = _merge([data])
    union = submitted if context is None else _merge([context, submitted])
    core_shapes, sparql_shapes = _shape_sets()
    # Per-record constraints read only the record's own triples: with a context, check just the records of
    # the submission (their descriptions in the union), not the whole trusted store again.
    records = union if context is None else _descriptions(union, set(submitted.subjects()))
    store = pyoxigraph.Store()
    store.extend(pyoxigraph.Quad(_ox(s), _ox(p), _ox(o)) for s, p, o in union)
    results = Graph()
    # All data graphs here are our own copies, so pySHACL may work in place (no inference, no sh:rule shapes).
    for data_graph, shapes in ((records, core_shapes), (_OxigraphData(store), sparql_shapes)):
        _, found, _ = pyshacl.validate(
            data_graph,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            inplace=True,
            allow_warnings=True,
            allow_infos=True,
        )
        if not isinstance(found, Graph):  # a pyshacl ValidationFailure: the shapes, not the data, are wrong
            raise RuntimeError(f"the qualgraph shapes could not be run: {found}")
        results += found
    relevant = None if context is None else _Relevance(submitted, union)
    kept: list[tuple[Violation, Node]] = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if relevant is None or relevant(results, result):
            kept.append((_violation(results, result, union), result))
    kept.sort(key=lambda vr: _sort_key(vr[0]))
    violations = [v for v, _ in kept]
    conforms = not any(v.severity == "Violation" for v in violations)
    return ValidationReport(conforms, violations, _report_graph(results, [r for _, r in kept], conforms))


class _OxigraphData(OxigraphDataGraph):
    """pySHACL's view of an Oxigraph store, true without counting its triples.

    pySHACL tests the data graph for truth once per result it writes (``datagraph or shapes_graph``); on
    Oxigraph that counts every triple, so 500 results on 5,000 triples took 13 s instead of 3 s.
    """

    def __bool__(self) -> bool:
        return True


def _ox(term: Node) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
    """The same term for Oxigraph; blank nodes keep their ids, so that results name the nodes of ``union``."""
    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def validate_files(paths: Iterable[Path], *, context: Graph | None = None) -> ValidationReport:
    """Validate RDF files (a folder stands for the RDF files under it) as one graph.

    Raises LoadError, listing every file that cannot be read, before validating anything.
    """
    data = Graph()
    problems: list[Problem] = []
    for path in _rdf_files(paths, problems):
        fmt = guess_format(str(path)) or "turtle"
        try:
            if fmt in ("nquads", "trig", "trix"):
                dataset = Dataset()
                dataset.parse(path, format=fmt)
                for s, p, o, _ in dataset.quads():
                    data.add((s, p, o))
            else:
                data.parse(path, format=fmt)
        except Exception as exc:  # rdflib raises many kinds; all mean the same to the officer
            problems.append(Problem(file=str(path), message=f"not readable as {fmt}: {exc}"))
    if problems:
        raise LoadError(problems)
    return validate_graph(data, context=context)


def _rdf_files(paths: Iterable[Path], problems: list[Problem]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _RDF_SUFFIXES)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(file=str(path), message="no such file or folder"))
    return files


def _merge(graphs: list[Graph]) -> Graph:
    """One plain graph with every triple (the default and named graphs of a dataset alike)."""
    merged = Graph()
    for g in graphs:
        if isinstance(g, (Dataset, ConjunctiveGraph)):
            for s, p, o, _ in g.quads():
                merged.add((s, p, o))
        else:
            merged += g
    return merged


def _descriptions(graph: Graph, subjects: set[Node]) -> Graph:
    """The triples of ``subjects`` in ``graph``, with those of the blank nodes they lead to."""
    described = Graph()
    for subject in subjects:
        _copy_description(graph, subject, described)
    return described


class _Relevance:
    """Decides whether a result found in data ∪ context concerns the submitted data (see module docstring)."""

    def __init__(self, data: Graph, union: Graph) -> None:
        self.subjects = set(data.subjects())
        named = self.subjects | {o for o in data.objects() if isinstance(o, URIRef)}
        # A level named by the submission brings in its framework.
        frameworks = {f for n in named for f in union.objects(n, SKOS.inScheme)}
        self.touched = named | frameworks
        self.union = union

    def __call__(self, results: Graph, result: Node) -> bool:
        focus = results.value(result, SH.focusNode)
        if focus in self.subjects:
            return True
        if results.value(result, SH.sourceConstraintComponent) != SH.SPARQLConstraintComponent:
            return False
        nodes = {focus, results.value(result, SH.value)} - {None}
        nodes |= {f for n in nodes for f in self.union.objects(n, SKOS.inScheme)}
        return bool(nodes & self.touched)


def _violation(results: Graph, result: Node, graph: Graph) -> Violation:
    focus = results.value(result, SH.focusNode)
    value = results.value(result, SH.value)
    path = results.value(result, SH.resultPath)
    shape = results.value(result, SH.sourceShape)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    if value == focus:  # pySHACL gives a node-level SPARQL result its focus as value; that says nothing more
        value = None
    return Violation(
        message=" ".join(messages) or "This record does not satisfy a qualgraph rule.",
        severity=SEVERITIES.get(results.value(result, SH.resultSeverity), "Violation"),
        focus=f"_:{focus}" if isinstance(focus, BNode) else str(focus),
        focus_label=label_of(graph, focus),
        path=_compact(path) if isinstance(path, URIRef) else None,
        value=None if value is None else (str(value) if isinstance(value, Literal) else _compact(value)),
        constraint=_compact(results.value(result, SH.sourceConstraintComponent)) or "",
        shape=_compact(shape) if isinstance(shape, URIRef) else None,
    )


def _compact(node: Node | None) -> str | None:
    if node is None:
        return None
    text = str(node)
    if isinstance(node, URIRef):
        for prefix, iri in _COMPACT:
            if text.startswith(iri) and len(text) > len(iri):
                return f"{prefix}:{text[len(iri):]}"
    return text


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts "ie-nfq:9" before "ie-nfq:10"."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part)


def _sort_key(v: Violation) -> tuple[object, ...]:
    return (
        _natural(v.focus_label or v.focus),
        v.focus,
        _SEVERITY_ORDER.get(v.severity, 9),
        v.path or "",
        v.constraint,
        v.message,
        v.value or "",
    )


def label_of(graph: Graph, node: Node | None) -> str | None:
    """How qualgraph writes a record: ``ie-nfq:8``, ``ie-nfq``, ``ie-nfq:8 → eqf:6``, or its title."""
    if node is None or isinstance(node, Literal):
        return None
    if level := level_id_of(node):
        return level
    if slug := framework_slug_of(node):
        return slug
    types = set(graph.objects(node, RDF.type))
    if QG.Level in types:
        framework = label_of(graph, graph.value(node, SKOS.inScheme)) or "?"
        return f"{framework}:{graph.value(node, SKOS.notation) or '?'}"
    if types & _FRAMEWORK_CLASSES and (identifier := graph.value(node, DCTERMS.identifier)):
        return str(identifier)
    if types & _CORRESPONDENCE_CLASSES:
        source = label_of(graph, graph.value(node, QG.sourceLevel)) or "?"
        target = graph.value(node, QG.targetLevel)
        if target is None:
            framework = label_of(graph, graph.value(node, QG.targetFramework)) or "?"
            return f"{source} → no counterpart in {framework}"
        return f"{source} → {label_of(graph, target) or '?'}"
    if types & _ALIGNMENT_CLASSES:
        source = label_of(graph, graph.value(node, QG.sourceFramework)) or "?"
        return f"{source} → {label_of(graph, graph.value(node, QG.targetFramework)) or '?'}"
    if QG.LevelDescriptor in types:
        level = graph.value(None, QG.hasDescriptor, node)
        domain = graph.value(node, QG.descriptorDomain)
        domain_label = _title(graph, domain) if domain is not None else str(node).rsplit("/", 1)[-1]
        if level is not None:
            return f"{label_of(graph, level)} descriptor ({domain_label})"
    if title := _title(graph, node):
        return title
    # Any other qualgraph record: its IRI path, e.g. "accreditation/ph-example-institute-bookkeeping".
    return str(node)[len(str(QGID)):] if str(node).startswith(str(QGID)) else None


def _title(graph: Graph, node: Node) -> str | None:
    """The record's name, English first: skos:prefLabel, dcterms:title or dcterms:identifier."""
    for prop in (SKOS.prefLabel, DCTERMS.title, DCTERMS.identifier):
        values = sorted(graph.objects(node, prop), key=lambda lit: (getattr(lit, "language", None) != "en", str(lit)))
        if values:
            return str(values[0])
    return None


def _report_graph(results: Graph, kept: list[Node], conforms: bool) -> Graph:
    """The SHACL report as RDF, holding only the results that were kept."""
    report = Graph()
    report.bind("sh", SH)
    report.bind("qgsh", SHAPES_NS)
    for prefix, iri in PREFIXES.items():
        report.bind(prefix, iri)
    node = BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    report.add((node, SH.conforms, Literal(conforms)))
    for result in kept:
        report.add((node, SH.result, result))
        _copy_description(results, result, report)
    return report


def _copy_description(source: Graph, node: Node, target: Graph) -> None:
    """Copy the triples of ``node`` and, recursively, of the blank nodes it leads to (not into the shapes)."""
    todo, seen = [node], set()
    while todo:
        subject = todo.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for p, o in source.predicate_objects(subject):
            if p == SH.sourceConstraint and isinstance(o, BNode):
                continue  # a blank node of the shapes graph: nothing to point to from here
            target.add((subject, p, o))
            if isinstance(o, BNode) and p not in (SH.sourceShape, SH.sourceConstraint):
                todo.append(o)
