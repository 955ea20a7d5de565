"""SHACL validation of qualgraph data, reported so that an officer can find the record and fix it.

The shapes live in ``shapes/*.ttl`` (per-record constraints in ``core.ttl``, rules across records in
``rules.ttl``). pySHACL runs them without inference, with SHACL-SPARQL enabled; each result keeps the
shape's ``sh:message`` and is named after its record (``ie-nfq:8``, ``ie-nfq``, ``ie-nfq:8 → eqf:6``).

A submission is often validated against data already trusted (the store content it refers to): give that as
``context`` (or, when both are graphs of one store, use :func:`validate_dataset`). References are then
resolved in the union, but only problems of the submission are reported:

* a per-record problem (shapes/core.ttl) only for the records the submission describes (subjects in it);
* a problem found by a rule across records (shapes/rules.ttl) when the submission names its record or its
  value (as subject or object), or the framework of either — so adding a second accepted decision for a
  trusted level reports that level, while an old problem elsewhere in the store stays out of the report.

Two engines run the shapes and report the same results (see validation_engines.py): "fast", the default
(pyshacl-turbo for the per-record shapes, the SPARQL rules on Oxigraph: 100,000 triples in about 2 s from an
rdflib graph, 0.7 s from a pyoxigraph store, where pySHACL alone takes two minutes; bench/bench_validation.py),
and "pyshacl", the reference. ``QUALGRAPH_SHACL_ENGINE`` or the ``engine`` argument chooses. Nothing is fetched
while validating: ``owl:imports`` in data or shapes are never resolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Protocol

import pyoxigraph
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SH, SKOS
from rdflib.term import Node

from . import media_types
from .ids import framework_slug_of, level_id_of, natural_key
from .loading.errors import LoadError, Problem
from .media_types import suffixes
from .queries import load_query
from .report import SEVERITY_ORDER, Finding, Report
from .resources import shape_files
from .store.terms import from_ox, quads_to_graph, to_ox

if TYPE_CHECKING:
    from .validation_engines import FastEngine, ListedItems, PyshaclEngine


def _engines():  # noqa: ANN202 - the module
    """:mod:`.validation_engines`, imported when a validation first needs it: pySHACL takes ~0.25 s to import,
    which the web service would otherwise spend before it answers its first request."""
    from . import validation_engines

    return validation_engines
from .vocab import PREFIXES, QG, QGID

SHAPES_NS = "https://w3id.org/qualgraph/shapes#"

SEVERITIES: dict[Node, str] = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}

_FRAMEWORK_CLASSES = {QG.QualificationsFramework, QG.NationalFramework, QG.ReferenceFramework, QG.SectoralFramework}
_CORRESPONDENCE_CLASSES = {QG.LevelCorrespondence, QG.ReferencingDecision, QG.LevelComparison}
_ALIGNMENT_CLASSES = {QG.FrameworkAlignment, QG.ReferencingReport, QG.ComparisonReport}

# Prefixes used to shorten paths, constraint components and shape names in reports (longest IRI first, so
# that a namespace nested in another wins). qgid: stays out: record IRIs are reported whole.
_COMPACT = sorted(
    [(p, iri) for p, iri in PREFIXES.items() if p != "qgid"] + [("qgsh", SHAPES_NS)],
    key=lambda pi: -len(pi[1]),
)

_RDF_SUFFIXES = set(suffixes()) | {".n3", ".trix"}
"""The files of a folder given to :func:`validate_files` that are read: RDF (:mod:`qualgraph.media_types`),
N3 and TriX."""




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

    Each set runs on the part of an engine that suits it (see validation_engines.py).
    """
    core, sparql = Graph(), Graph()
    for path in shape_files():
        part = Graph().parse(path, format="turtle")
        uses_sparql = any(part.triples((None, SH.sparql, None))) or any(part.triples((None, SH.target, None)))
        if uses_sparql:
            sparql += part
        else:
            core += part
    return core, sparql


@lru_cache(maxsize=1)
def _fast_engine() -> FastEngine:
    return _engines().FastEngine(*_shape_sets())


@lru_cache(maxsize=1)
def _pyshacl_engine() -> PyshaclEngine:
    return _engines().PyshaclEngine(*_shape_sets())


@lru_cache(maxsize=1)
def _listed_items() -> ListedItems:
    return _engines().ListedItems(load_shapes())


RDFData = Graph | pyoxigraph.Store
"""Data to validate: an rdflib graph or dataset, or a pyoxigraph store (named graphs are merged)."""


def validate_graph(data: RDFData, *, context: RDFData | None = None, engine: str | None = None) -> Report:
    """Validate ``data`` against the qualgraph shapes, resolving references also in the trusted ``context``.

    ``engine``: "fast" or "pyshacl" (default: ``QUALGRAPH_SHACL_ENGINE``, else "fast"); both report the same.
    A pyoxigraph store is validated as it is (its named graphs merged), without converting it to rdflib first.
    """
    if context is None:
        store = data if isinstance(data, pyoxigraph.Store) else _engines().to_store([data])
        return _validate(store, None, _engines().engine_name(engine))
    dataset = pyoxigraph.Store()
    dataset.bulk_extend(_engines().quads_in(data, DATA_GRAPH))
    dataset.bulk_extend(_engines().quads_in(context, CONTEXT_GRAPH))
    return validate_dataset(dataset, DATA_GRAPH, engine=engine)


DATA_GRAPH = pyoxigraph.NamedNode("urn:qualgraph:validation:data")
"""Where :func:`validate_graph` puts the data it is given, in the store it validates (never written anywhere)."""
CONTEXT_GRAPH = pyoxigraph.NamedNode("urn:qualgraph:validation:context")
"""Where :func:`validate_graph` (and the submissions) put the trusted context next to the data."""


def validate_dataset(store: pyoxigraph.Store, data: pyoxigraph.NamedNode, *, engine: str | None = None,
                     described: Described | None = None) -> Report:
    """Validate the triples of the named graph ``data`` of ``store``, its other graphs being the trusted context.

    References resolve in the union of all the graphs; only problems of the data are reported (see the module
    docstring). The store is read, never written, and nothing is copied on the fast engine: a submission of
    100,000 triples is validated where it was parsed. ``described``: the nodes of ``data``, if the caller
    already has them (:meth:`Described.of_graph`).
    """
    return _validate(store, described or Described.of_graph(store, data), _engines().engine_name(engine))


def _validate(store: pyoxigraph.Store, submitted: Described | None, engine: str) -> Report:
    """The shapes run on every graph of ``store`` merged; results kept for ``submitted`` (all when None)."""
    if engine == "fast":
        results = _fast_engine().run(store)
    else:
        union = _rdflib_graph(store)
        # Per-record constraints read only the record's own triples: with a context, check just the records of
        # the submission (their descriptions in the union), not the whole trusted store again.
        records = union if submitted is None else _descriptions(union, {from_ox(s) for s in submitted.subjects})
        # pySHACL's SPARQL reads the default graph of the store: put every triple there.
        merged = store if next(store.named_graphs(), None) is None else _engines().to_store([store])
        results = _pyshacl_engine().run(records, merged)
    _listed_items().apply(results)  # "(to eqf:6 and eqf:7)" every time, whatever the engine's order
    lookup = StoreTriples(store)
    relevant = None if submitted is None else _Relevance(submitted, store)
    kept = [finding_of_result(results, result, lookup) for result in results.subjects(RDF.type, SH.ValidationResult)
            if relevant is None or relevant(results, result)]
    kept.sort(key=_sort_key)
    conforms = not any(f.severity == "Violation" for f in kept)
    return Report(kept, _report_graph(results, [f.result for f in kept if f.result is not None], conforms), of_data=True)


def _rdflib_graph(store: pyoxigraph.Store) -> Graph:
    """Every graph of ``store``, merged, as an rdflib graph (for pySHACL's core constraints)."""
    return quads_to_graph(store.quads_for_pattern(None, None, None, None))


class Triples(Protocol):
    """What naming a record needs of a graph: an rdflib ``Graph`` or a ``StoreTriples`` view both do."""

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]: ...

    def value(self, subject: Node | None = None, predicate: Node | None = None,
              object: Node | None = None) -> Node | None: ...  # noqa: A002 (rdflib's name)


class StoreTriples:
    """Every graph of a pyoxigraph store, merged, seen with rdflib terms, for the few look-ups a report needs."""

    def __init__(self, store: pyoxigraph.Store) -> None:
        self.store = store

    def _match(self, s: Node | None, p: Node | None, o: Node | None) -> Iterator[pyoxigraph.Quad]:
        if isinstance(s, Literal):
            return iter(())
        return self.store.quads_for_pattern(
            None if s is None else to_ox(s), None if p is None else to_ox(p), None if o is None else to_ox(o), None,
        )

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        for q in self._match(subject, predicate, None):
            yield from_ox(q.object)

    def value(self, subject: Node | None = None, predicate: Node | None = None,
              object: Node | None = None) -> Node | None:  # noqa: A002 (rdflib's name)
        for q in self._match(subject, predicate, object):
            if subject is None:
                return from_ox(q.subject)
            if predicate is None:
                return from_ox(q.predicate)
            return from_ox(q.object)
        return None


def validate_files(paths: Iterable[Path], *, context: RDFData | None = None,
                   engine: str | None = None) -> Report:
    """Validate RDF files (a folder stands for the RDF files under it) as one graph.

    Raises LoadError, listing every file that cannot be read, before validating anything. Files are read
    with Oxigraph's parsers (ten times faster than rdflib's), which never fetch a remote JSON-LD context.
    """
    data = pyoxigraph.Store()
    problems: list[Problem] = []
    for path in _rdf_files(paths, problems):
        try:
            _read(path, data)
        except Exception as exc:  # the parsers raise several kinds; all mean the same to the officer
            name = _FORMAT_NAMES.get(path.suffix.lower(), "Turtle")
            problems.append(Problem(file=str(path), message=f"not readable as {name}: {exc}"))
    if problems:
        raise LoadError(problems)
    return validate_graph(data, context=context, engine=engine)


# The suffixes of qualgraph.media_types, and two more a file to validate may have: N3, and JSON-LD as .json.
_FORMATS = {suffix: f.pyoxigraph for suffix, f in
            (suffixes() | {".n3": media_types.N3, ".json": media_types.JSON_LD}).items()}
_FORMAT_NAMES = {suffix: fmt.name for suffix, fmt in _FORMATS.items()} | {".trix": "TriX"}


def _read(path: Path, store: pyoxigraph.Store) -> None:
    """Add the file's quads to ``store`` (its relative IRIs resolved against the file, as rdflib does)."""
    suffix = path.suffix.lower()
    if suffix == ".trix":  # the one syntax only rdflib reads
        dataset = Dataset()
        dataset.parse(path, format="trix")
        store.bulk_extend(pyoxigraph.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o, _ in dataset.quads())
        return
    fmt = _FORMATS.get(suffix, pyoxigraph.RdfFormat.TURTLE)
    # A broken file may leave part of it in the store: validate_files then validates nothing anyway.
    store.bulk_load(path=str(path), format=fmt, base_iri=path.resolve().as_uri())


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


def _descriptions(graph: Graph, subjects: set[Node]) -> Graph:
    """The triples of ``subjects`` in ``graph``, with those of the blank nodes they lead to."""
    described = Graph()
    for subject in subjects:
        _copy_description(graph, subject, described)
    return described


_IN_SCHEME = pyoxigraph.NamedNode(str(SKOS.inScheme))


@dataclass
class Described:
    """The nodes a submission describes (its subjects) and names (subjects and IRIs in object position).

    Held as pyoxigraph terms: a submission of 100,000 triples describes some 22,000 records, which are
    listed by Oxigraph (``queries/submission-subjects.rq``, ``submission-named.rq``) rather than by a loop
    over every triple in Python.
    """

    subjects: set[object]
    named: set[object]

    @classmethod
    def of_graph(cls, store: pyoxigraph.Store, graph: pyoxigraph.NamedNode) -> Described:
        bound = {pyoxigraph.Variable("data"): graph}
        subjects = {row[1] for row in store.query(load_query("submission-subjects"), substitutions=bound)}
        named = {row[1] for row in store.query(load_query("submission-named"), substitutions=bound)}
        return cls(subjects, subjects | named)


class _Relevance:
    """Decides whether a result found in data ∪ context concerns the submitted data (see module docstring)."""

    def __init__(self, submitted: Described, store: pyoxigraph.Store) -> None:
        self.submitted = submitted
        self.store = store
        self.union = StoreTriples(store)

    def _touched(self, node: object) -> bool:
        """Whether the submission names ``node``, or a level of ``node`` (a framework) — asked per result, so
        that the frameworks of every named record need not be looked up beforehand."""
        named = self.submitted.named
        if node in named:
            return True
        if isinstance(node, pyoxigraph.Literal):
            return False
        return any(q.subject in named for q in self.store.quads_for_pattern(None, _IN_SCHEME, node, None))

    def __call__(self, results: Graph, result: Node) -> bool:
        focus = results.value(result, SH.focusNode)
        if focus is not None and to_ox(focus) in self.submitted.subjects:
            return True
        if results.value(result, SH.sourceConstraintComponent) != SH.SPARQLConstraintComponent:
            return False
        nodes = {focus, results.value(result, SH.value)} - {None}
        nodes |= {f for n in nodes for f in self.union.objects(n, SKOS.inScheme)}
        return any(self._touched(to_ox(n)) for n in nodes)


def finding_of_result(results: Graph, result: Node, graph: Graph | Triples) -> Finding:
    """The ``sh:ValidationResult`` ``result`` of the report ``results`` as a finding, its record named from ``graph``
    (the validated data, or enough of the store): the one place a SHACL result becomes a finding."""
    focus = results.value(result, SH.focusNode)
    value = results.value(result, SH.value)
    path = results.value(result, SH.resultPath)
    shape = results.value(result, SH.sourceShape)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    if value == focus:  # pySHACL gives a node-level SPARQL result its focus as value; that says nothing more
        value = None
    return Finding(
        message=" ".join(messages) or "This record does not satisfy a qualgraph rule.",
        severity=SEVERITIES.get(results.value(result, SH.resultSeverity), "Violation"),
        focus=None if focus is None else f"_:{focus}" if isinstance(focus, BNode) else str(focus),
        focus_label=label_of(graph, focus),
        path=compact(path) if isinstance(path, URIRef) else None,
        value=None if value is None else (str(value) if isinstance(value, Literal) else compact(value)),
        constraint=compact(results.value(result, SH.sourceConstraintComponent)) or "",
        shape=compact(shape) if isinstance(shape, URIRef) else None,
        result=result,
    )


def compact(node: Node | None) -> str | None:
    """An IRI as prefix:name where a qualgraph or standard prefix fits (how reports name shapes and paths)."""
    if node is None:
        return None
    text = str(node)
    if isinstance(node, URIRef):
        for prefix, iri in _COMPACT:
            if text.startswith(iri) and len(text) > len(iri):
                return f"{prefix}:{text[len(iri):]}"
    return text




def _sort_key(v: Finding) -> tuple[object, ...]:
    return (
        natural_key(v.focus_label or v.focus or ""),
        v.focus or "",
        SEVERITY_ORDER.get(v.severity, 9),
        v.path or "",
        v.constraint or "",
        v.message,
        v.value or "",
    )


def label_of(graph: Graph | Triples, node: Node | None) -> str | None:
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


def _title(graph: Graph | Triples, node: Node) -> str | None:
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
