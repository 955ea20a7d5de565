"""The two engines that run the qualgraph shapes; both write the same SHACL results.

``fast`` (the default) runs the per-record shapes (``shapes/core.ttl``) with pyshacl-turbo, a SHACL engine in
Rust, and evaluates the rules across records (``shapes/rules.ttl``: SHACL-SPARQL constraints with SPARQL
targets) itself, as plain SPARQL SELECTs on an in-memory Oxigraph store, the way pySHACL evaluates them:

* a rule's focus nodes are the ``?this`` of its SPARQL targets
  (https://www.w3.org/TR/shacl-af/#SPARQLTarget);
* its constraint query runs once per focus node, with ``$this`` pre-bound
  (https://www.w3.org/TR/shacl/#pre-binding, here by SEP-0007 substitution);
* each solution is one result: ``$this`` its focus, ``?path`` its path, ``?value`` its value (for a node
  shape, the focus when unbound), ``{?var}`` in ``sh:message`` replaced by the solution's binding
  (https://www.w3.org/TR/shacl/#sparql-constraints-variables), duplicate solutions reported once.

``pyshacl`` runs everything with pySHACL: the reference, kept so that tests can show that ``fast`` reports
exactly what pySHACL reports (tests/test_validation_engines.py). Choose with ``QUALGRAPH_SHACL_ENGINE``.

Neither engine fetches anything: ``owl:imports`` in data or shapes are never resolved. Both can serve
concurrent validations: the fast engine's shapes are compiled once into immutable objects, and pySHACL, which
adds triples to the shapes graph it is given, gets its own copy each time.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
import pyshacl
import pyshacl_turbo
from pyshacl.graph_abstraction import OxigraphDataGraph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from .ids import natural_key
from .store.terms import from_ox, to_ox

try:  # pyshacl-turbo's input of N-Quads text: how the parts of a large data set are handed over
    from pyshacl_turbo.rdf import Input as _Input
except ImportError:  # another version: the data is checked whole, which gives the same results
    _Input = None

ENGINE_VARIABLE = "QUALGRAPH_SHACL_ENGINE"
ENGINES = ("fast", "pyshacl")
DEFAULT_ENGINE = "fast"


def engine_name(name: str | None = None) -> str:
    """The engine asked for (argument, else ``QUALGRAPH_SHACL_ENGINE``, else "fast"); unknown names are refused."""
    chosen = (name or os.environ.get(ENGINE_VARIABLE) or DEFAULT_ENGINE).strip().lower()
    if chosen not in ENGINES:
        raise ValueError(f"unknown SHACL engine {chosen!r}: use one of {', '.join(ENGINES)} ({ENGINE_VARIABLE})")
    return chosen


# --- the rules across records, on Oxigraph --------------------------------------------------------------------

# What a rule may say for the fast engine to evaluate it; any other shape runs on pyshacl-turbo.
_RULE_SHAPE_KEYS = {RDF.type, RDFS.label, RDFS.comment, SH.target, SH.sparql, SH.severity, SH.deactivated}
_TARGET_KEYS = {RDF.type, SH.select, SH.prefixes}
_CONSTRAINT_KEYS = {RDF.type, SH.select, SH.prefixes, SH.message, SH.deactivated}
# pySHACL declares these prefixes for every SPARQL query before the shapes' own.
_DEFAULT_PREFIXES = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}
# pySHACL pre-binds a variable when the query names it after a space, brace or parenthesis.
_MENTIONS_THIS = re.compile(r"([\s{}()])[\$\?]this", flags=re.M)
_MENTIONS_SHAPE = re.compile(r"([\s{}()])[\$\?]currentShape", flags=re.M)
_UNSUPPORTED_VARIABLES = re.compile(r"([\s{}()])[\$\?](PATH|shapesGraph)\b", flags=re.M)
_THIS, _CURRENT_SHAPE = ox.Variable("this"), ox.Variable("currentShape")


@dataclass(frozen=True)
class SparqlConstraint:
    """One ``sh:sparql`` of a rule: its SELECT (with its prefixes) and its ``sh:message`` templates."""

    node: Node
    query: str
    binds_this: bool
    binds_shape: bool
    messages: tuple[Literal, ...]


@dataclass(frozen=True)
class SparqlRule:
    """A node shape whose focus nodes come from SPARQL targets and whose constraints are SPARQL SELECTs."""

    shape: Node
    severity: URIRef
    targets: tuple[str, ...]
    constraints: tuple[SparqlConstraint, ...]

    def results(self, store: ox.Store, report: Graph) -> None:
        """Evaluate the rule on ``store`` and add one SHACL result per problem to ``report``."""
        focus_nodes: dict[object, None] = {}
        for target in self.targets:
            solutions = store.query(target, use_default_graph_as_union=True)
            for solution in solutions:
                node = solution[_THIS]
                if node is not None:
                    focus_nodes.setdefault(node, None)
        for constraint in self.constraints:
            for focus in focus_nodes:
                self._check(store, constraint, focus, report)

    def _check(self, store: ox.Store, constraint: SparqlConstraint, focus: object, report: Graph) -> None:
        bindings: dict[ox.Variable, object] = {}
        if constraint.binds_this:
            bindings[_THIS] = focus
        if constraint.binds_shape:
            bindings[_CURRENT_SHAPE] = to_ox(self.shape)
        solutions = store.query(constraint.query, substitutions=bindings, use_default_graph_as_union=True)
        variables = [v.value for v in solutions.variables]
        seen: list[tuple[object, ...]] = []
        failed = False
        for solution in solutions:
            row = {name: from_ox(term) for name in variables if (term := solution[name]) is not None}
            if row.pop("failure", None) is not None:
                if not failed:  # pySHACL reports a failing query once
                    failed = True
                    self._add(report, constraint, from_ox(focus), None, from_ox(focus), row)
                continue
            path, value, this = row.pop("path", None), row.pop("value", None), row.pop("this", None)
            if path is None and value is None and this is None:
                continue
            key = (this, path, value, row)
            if key in seen:
                continue
            seen.append(key)
            focus_node = this if this is not None else from_ox(focus)
            value = value if value is not None else from_ox(focus)  # a node shape's result has its focus as value
            fill = {**row, "this": this, "path": path, "value": value}
            self._add(report, constraint, focus_node, path, value, {k: v for k, v in fill.items() if v is not None})

    def _add(self, report: Graph, constraint: SparqlConstraint, focus: Node, path: Node | None,
             value: Node | None, fill: dict[str, Node]) -> None:
        result = BNode()
        report.add((result, RDF.type, SH.ValidationResult))
        report.add((result, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
        report.add((result, SH.sourceShape, self.shape))
        report.add((result, SH.resultSeverity, self.severity))
        report.add((result, SH.focusNode, focus))
        if value is not None:
            report.add((result, SH.value, value))
        if path is not None:
            report.add((result, SH.resultPath, path))
        report.add((result, SH.sourceConstraint, constraint.node))
        for message in constraint.messages:
            report.add((result, SH.resultMessage, Literal(_fill(str(message), fill))))


def _fill(message: str, bindings: dict[str, Node]) -> str:
    """``{?var}`` and ``{$var}`` replaced as pySHACL replaces them (a regular expression per variable)."""
    for name, term in bindings.items():
        message = re.sub("{{[?$]{}}}".format(name), str(term), message)
    return message


def _keys(shapes: Graph, node: Node) -> set[Node]:
    return set(shapes.predicates(node, None))


def _prefixes(shapes: Graph, node: Node) -> str:
    """The PREFIX lines pySHACL puts before a query: rdf, rdfs, owl, then the ``sh:declare`` of its ``sh:prefixes``."""
    prefixes = dict(_DEFAULT_PREFIXES)
    ontologies = set(shapes.subjects(RDF.type, OWL.Ontology))
    everywhere = {d for o in ontologies for d in shapes.objects(o, SH.declare)}
    for holder in shapes.objects(node, SH.prefixes):
        own = set(shapes.objects(holder, SH.declare))
        for declaration in own if (own and holder in ontologies) else own | everywhere:
            prefixes[str(shapes.value(declaration, SH.prefix))] = str(shapes.value(declaration, SH.namespace))
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())


def _as_rule(shapes: Graph, shape: Node) -> SparqlRule | None:
    """The shape as a rule the fast engine evaluates, or None if it says more than the engine understands."""
    if not _keys(shapes, shape) <= _RULE_SHAPE_KEYS or (shape, SH.deactivated, Literal(True)) in shapes:
        return None
    targets, constraints = [], []
    for target in shapes.objects(shape, SH.target):
        select = shapes.value(target, SH.select)
        if not _keys(shapes, target) <= _TARGET_KEYS or select is None:
            return None
        if (target, RDF.type, SH.SPARQLTarget) not in shapes:
            return None
        targets.append(f"{_prefixes(shapes, target)}\n{select}")
    for node in shapes.objects(shape, SH.sparql):
        select = shapes.value(node, SH.select)
        messages = tuple(m for m in shapes.objects(node, SH.message) if isinstance(m, Literal))
        if not _keys(shapes, node) <= _CONSTRAINT_KEYS or select is None or not messages:
            return None
        if _UNSUPPORTED_VARIABLES.search(str(select)):
            return None
        if (node, SH.deactivated, Literal(True)) in shapes:
            continue
        constraints.append(SparqlConstraint(
            node=node,
            query=f"{_prefixes(shapes, node)}\n{select}",
            binds_this=bool(_MENTIONS_THIS.search(str(select))),
            binds_shape=bool(_MENTIONS_SHAPE.search(str(select))),
            messages=messages,
        ))
    if not targets or not constraints:
        return None
    severity = shapes.value(shape, SH.severity)
    return SparqlRule(shape, severity if isinstance(severity, URIRef) else SH.Violation, tuple(targets),
                      tuple(constraints))


# --- the engines -------------------------------------------------------------------------------------------------


class FastEngine:
    """pyshacl-turbo for per-record shapes, the SPARQL rules on Oxigraph. Immutable once built; share it freely.

    pyshacl-turbo works without Python's lock: when the per-record shapes read only their focus node's own
    triples (:func:`per_record`), a large data set is cut in parts by subject and the parts are checked in
    threads at once, while the rules run on Oxigraph. Each result depends on its record alone, so the parts
    give exactly the results of the whole (tests/test_validation_engines.py shows it).
    """

    PART_LINES = 20_000
    """Triples per part at least: below that, one part (threads cost more than they save)."""

    def __init__(self, core: Graph, rules: Graph, *, parts: int | None = None) -> None:
        self._core = pyshacl_turbo.compile_shapes(core, advanced=True)
        self._splittable = per_record(core)
        self.parts = parts or min(4, os.cpu_count() or 1)
        shapes = {*rules.subjects(RDF.type, SH.NodeShape), *rules.subjects(SH.target), *rules.subjects(SH.sparql)}
        found = {s: _as_rule(rules, s) for s in shapes}
        self.rules: tuple[SparqlRule, ...] = tuple(r for r in found.values() if r is not None)
        # A rule the engine cannot evaluate itself still runs, on pyshacl-turbo (which speaks SHACL-SPARQL too).
        self._other: tuple[Node, ...] = tuple(s for s, r in found.items() if r is None)
        self._other_rules = pyshacl_turbo.compile_shapes(rules, advanced=True) if self._other else None

    def run(self, store: ox.Store) -> Graph:
        """The SHACL results for the data in ``store``, all its graphs merged (pyshacl-turbo merges them too)."""
        parts = self._parts(store)
        with ThreadPoolExecutor(max_workers=len(parts)) as pool:
            checking = [pool.submit(self._turbo, self._core, part) for part in parts]
            report = Graph()
            if self._other_rules is not None:
                report += self._turbo(self._other_rules, store, use_shapes=list(self._other))
            for rule in self.rules:
                rule.results(store, report)
            for found in checking:
                report += found.result()
        return report

    def _parts(self, store: ox.Store) -> list[Any]:
        """The data as pyshacl-turbo reads it: the store itself, or N-Quads parts holding whole subjects."""
        if not self._splittable or self.parts < 2 or _Input is None:
            return [store]
        # N-Triples of each graph (shorter than N-Quads: no graph name on every line); pyshacl-turbo merges them.
        graphs: list[ox.NamedNode | ox.DefaultGraph] = [ox.DefaultGraph(), *store.named_graphs()]
        text = "".join(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g).decode("utf-8") for g in graphs)
        lines = text.split("\n")
        count = min(self.parts, len(lines) // self.PART_LINES)
        # rdfs:subClassOf in the data widens sh:targetClass to the subclasses' instances: keep the data whole.
        if count < 2 or f"<{RDFS.subClassOf}>" in text:
            return [store]
        # Sorted, the lines of one subject are next to each other (they share the prefix "subject "): cut
        # between two subjects, near equal sizes.
        lines.sort()
        cuts = [0]
        for i in range(1, count):
            cut = max(cuts[-1], len(lines) * i // count)
            subject = lines[cut][:lines[cut].find(" ") + 1]
            while cut < len(lines) and lines[cut].startswith(subject):
                cut += 1
            cuts.append(cut)
        cuts.append(len(lines))
        parts = ["\n".join(lines[a:b]) for a, b in zip(cuts, cuts[1:]) if b > a]
        return [_Input(part, "oxigraph-nquads", None, {}, preserve_ids=True) for part in parts]

    @staticmethod
    def _turbo(program: pyshacl_turbo.CompiledShapes, data: object, **options: object) -> Graph:
        conforms, report, text = program.validate(data, allow_warnings=True, allow_infos=True, **options)
        if not isinstance(report, Graph):
            raise RuntimeError(f"the qualgraph shapes could not be run: {text}")
        # Oxigraph writes a plain literal as an xsd:string one (the same term in RDF 1.1); rdflib, and so pySHACL,
        # keeps it plain. Report it plain, as pySHACL does.
        for s, p, o in list(report.triples((None, None, None))):
            if isinstance(o, Literal) and o.datatype == XSD.string:
                report.remove((s, p, o))
                report.add((s, p, Literal(str(o))))
        return report


# What a per-record shape may say: constraints on the focus node's own values, targets by class or node.
_PER_RECORD_KEYS = {
    RDF.type, RDF.first, RDF.rest, RDFS.label, RDFS.comment,
    *(SH[k] for k in (
        "targetClass", "targetNode", "property", "path", "datatype", "nodeKind", "minCount", "maxCount", "in",
        "hasValue", "pattern", "flags", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive",
        "minLength", "maxLength", "languageIn", "uniqueLang", "equals", "disjoint", "lessThan", "lessThanOrEquals",
        "or", "and", "xone", "not", "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount",
        "qualifiedValueShapesDisjoint", "message", "severity", "name", "description", "order", "group",
        "deactivated")),
}


def per_record(shapes: Graph) -> bool:
    """Whether every shape reads only the triples of its focus node: targets by class or node, paths that are
    single properties, and constraints on the values themselves (never on the values' own triples: no
    ``sh:class``, ``sh:node``, nor a path inside a value's shape). Data checked by such shapes can be cut in
    parts by subject without changing a result."""
    if any(p not in _PER_RECORD_KEYS for p in shapes.predicates()):
        return False
    if any(not isinstance(o, URIRef) for o in shapes.objects(None, SH.path)):
        return False
    roots = {*shapes.subjects(SH.targetClass), *shapes.subjects(SH.targetNode)}
    return not any(_reads_other_nodes(shapes, root, on_focus=True, seen=set()) for root in roots)


def _reads_other_nodes(shapes: Graph, shape: Node, *, on_focus: bool, seen: set[Node]) -> bool:
    """Whether ``shape``, checked on a node (the focus itself when ``on_focus``), reads another node's triples."""
    if shape in seen:
        return False
    seen.add(shape)
    has_path = shapes.value(shape, SH.path) is not None
    if has_path and not on_focus:
        return True  # a path from a value node: that node's triples are elsewhere
    members_on_focus = on_focus and not has_path  # a property shape's members are checked on its values
    members = [*shapes.objects(shape, SH["not"]), *shapes.objects(shape, SH.qualifiedValueShape),
               *shapes.objects(shape, SH.property)]
    for logical in (SH["or"], SH["and"], SH.xone):
        for head in shapes.objects(shape, logical):
            members += list(Collection(shapes, head))
    return any(_reads_other_nodes(shapes, m, on_focus=members_on_focus, seen=seen) for m in members)


class _OxigraphData(OxigraphDataGraph):
    """pySHACL's view of an Oxigraph store, true without counting its triples.

    pySHACL tests the data graph for truth once per result it writes (``datagraph or shapes_graph``); on
    Oxigraph that counts every triple, so 500 results on 5,000 triples took 13 s instead of 3 s.
    """

    def __bool__(self) -> bool:
        return True


class PyshaclEngine:
    """pySHACL for everything: core shapes on an rdflib graph, SPARQL rules on Oxigraph (the reference engine).

    pySHACL checks core constraints fastest on an rdflib graph (1 s on 5,000 triples, 9 s on Oxigraph), while
    its SPARQL runs on Oxigraph in milliseconds where rdflib re-parses each query each time (0.4 s a query).
    """

    def __init__(self, core: Graph, rules: Graph) -> None:
        self._core, self._rules = core, rules

    def run(self, records: Graph, store: ox.Store) -> Graph:
        """The SHACL results: core shapes on ``records``, rules on ``store`` (both the caller's own copies)."""
        report = Graph()
        for data, shapes in ((records, self._core), (_OxigraphData(store), self._rules)):
            _, found, _ = pyshacl.validate(
                data,
                shacl_graph=_copy(shapes),  # pySHACL adds its system triples to the shapes graph it is given
                inference="none",
                advanced=True,
                inplace=True,  # the data graphs are the caller's own copies: no need for pySHACL to copy them
                do_owl_imports=False,
                allow_warnings=True,
                allow_infos=True,
            )
            if not isinstance(found, Graph):  # a pyshacl ValidationFailure: the shapes, not the data, are wrong
                raise RuntimeError(f"the qualgraph shapes could not be run: {found}")
            report += found
        return report


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace)
    copy += graph
    return copy


def pyshacl_reference(data: Graph, shapes: Graph) -> Graph:
    """pySHACL run directly, on an rdflib graph, with all the shapes: what the benchmark and the tests compare to."""
    _, found, _ = pyshacl.validate(
        data, shacl_graph=_copy(shapes), inference="none", advanced=True, do_owl_imports=False,
        allow_warnings=True, allow_infos=True,
    )
    if not isinstance(found, Graph):
        raise RuntimeError(f"the shapes could not be run: {found}")
    return found


def to_store(graphs: Iterable[Graph | ox.Store]) -> ox.Store:
    """A new in-memory store holding every triple of ``graphs`` in its default graph (named graphs merged)."""
    store = ox.Store()
    for graph in graphs:
        store.bulk_extend(quads_in(graph))
    return store


def quads_in(graph: Graph | ox.Store, target: ox.NamedNode | ox.DefaultGraph | None = None) -> Iterator[ox.Quad]:
    """The triples of an rdflib graph or dataset, or of every graph of a pyoxigraph store, as quads of ``target``
    (default: the default graph)."""
    target = target or ox.DefaultGraph()
    if isinstance(graph, ox.Store):
        for q in graph.quads_for_pattern(None, None, None, None):
            yield ox.Quad(q.subject, q.predicate, q.object, target)
        return
    triples = ((s, p, o) for s, p, o, _ in graph.quads()) if graph.context_aware else iter(graph)
    # URIs repeat (types, predicates, levels): convert each once. Literals are mostly distinct, and costly to hash.
    iris: dict[URIRef, ox.NamedNode] = {}
    for s, p, o in triples:
        yield ox.Quad(
            (iris.get(s) or iris.setdefault(s, ox.NamedNode(s))) if type(s) is URIRef else to_ox(s),
            iris.get(p) or iris.setdefault(p, ox.NamedNode(p)),
            (iris.get(o) or iris.setdefault(o, ox.NamedNode(o))) if type(o) is URIRef else to_ox(o),
            target,
        )


# --- lists in messages --------------------------------------------------------------------------------------------


_GROUP_CONCAT = re.compile(
    r'GROUP_CONCAT\s*\(\s*(?:DISTINCT\s+)?\?\w+\s*;\s*separator\s*=\s*"([^"]*)"\s*\)\s*AS\s+\?(\w+)', re.IGNORECASE
)
_PLACEHOLDER = re.compile(r"\\\{\\[?$](\w+)\\\}")  # {?var} once escaped by re.escape



class ListedItems:
    """Puts the items of GROUP_CONCAT lists in rule messages in order: "(to eqf:6 and eqf:7)", every time.

    SPARQL leaves the order of GROUP_CONCAT open (https://www.w3.org/TR/sparql11-query/#defn_aggGroupConcat):
    rdflib follows the data, Oxigraph a hash set that changes from one process to the next. Without this, the
    same data could give "(uk-rqf:E3, uk-rqf:1)" in one report and "(uk-rqf:1, uk-rqf:E3)" in the next.
    """

    def __init__(self, shapes: Graph) -> None:
        # shape -> [(message pattern, placeholder names in order, {list variable: separator})]
        self._templates: dict[Node, list[tuple[re.Pattern[str], list[str], dict[str, str]]]] = {}
        for shape, constraint in shapes.subject_objects(SH.sparql):
            lists = {var: sep for sep, var in _GROUP_CONCAT.findall(str(shapes.value(constraint, SH.select)))}
            for template in shapes.objects(constraint, SH.message) if lists else ():
                names: list[str] = []

                def group(match: re.Match[str]) -> str:
                    names.append(match.group(1))
                    return "(.*?)" if names.count(match.group(1)) == 1 else ".*?"

                pattern = re.compile(_PLACEHOLDER.sub(group, re.escape(str(template))), flags=re.S)
                self._templates.setdefault(shape, []).append((pattern, list(dict.fromkeys(names)), lists))

    def message(self, shape: Node | None, message: str) -> str:
        """``message`` (found by ``shape``) with the items of its lists in natural order."""
        for pattern, names, lists in self._templates.get(shape, ()):  # type: ignore[arg-type]
            found = pattern.fullmatch(message)
            if found is None:
                continue
            for i in reversed(range(len(names))):  # from the end backwards, so that earlier spans stay valid
                if names[i] in lists:
                    start, end = found.span(i + 1)
                    separator = lists[names[i]]
                    items = sorted(message[start:end].split(separator), key=natural_key)
                    message = message[:start] + separator.join(items) + message[end:]
            return message
        return message

    def apply(self, report: Graph) -> Graph:
        """Order the lists in every result message of ``report``, in place; returns ``report``."""
        if not self._templates:
            return report
        for result, shape in list(report.subject_objects(SH.sourceShape)):
            if shape not in self._templates:
                continue
            for m in list(report.objects(result, SH.resultMessage)):
                ordered = self.message(shape, str(m))
                if ordered != str(m):
                    report.remove((result, SH.resultMessage, m))
                    report.add((result, SH.resultMessage,
                                Literal(ordered, lang=m.language, datatype=m.datatype) if isinstance(m, Literal)
                                else Literal(ordered)))
        return report


# --- comparing two reports ---------------------------------------------------------------------------------------


def comparable_results(report: Graph, shapes: Graph) -> Counter[tuple[Node | None, ...]]:
    """Each result of a SHACL report as (focus, path, constraint component, severity, messages, value), counted.

    Two engines agree when these counters are equal. Lists in messages are compared in order (``ListedItems``):
    pySHACL run directly leaves them in rdflib's order.
    """
    lists = ListedItems(shapes)
    found: Counter[tuple[Node | None, ...]] = Counter()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(r, SH.sourceShape)
        messages = tuple(sorted(lists.message(shape, str(m)) for m in report.objects(r, SH.resultMessage)))
        found[(
            report.value(r, SH.focusNode),
            report.value(r, SH.resultPath),
            report.value(r, SH.sourceConstraintComponent),
            report.value(r, SH.resultSeverity),
            messages,  # type: ignore[dict-item]
            report.value(r, SH.value),
        )] += 1
    return found
