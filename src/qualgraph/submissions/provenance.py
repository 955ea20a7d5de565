"""The provenance of submissions (PROV-O): the record of each version and withdrawal, and reading it back.

The provenance graph is the only history of a submission — the data graph holds just its current version — so
what is written here is all that listing a submission, or showing the report kept with a version, can know.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from .. import ids
from ..queries import load_query, with_values
from ..report import Finding, Report
from ..store import GraphStore
from ..store.terms import to_ox
from ..validation import finding_of_result
from ..vocab import DCTERMS, PROV, QG, RDFS, SKOS, XSD
from .model import ReadSubmission, SubmissionId, SubmissionInfo, VersionInfo

# Vocabularies used only for provenance. They belong in vocab.py (asked of the lead).
SPDX = "http://spdx.org/rdf/terms#"
"""SPDX 2.3 RDF terms for checksums: https://spdx.github.io/spdx-spec/v2.3/RDF-object-model-and-identifier-syntax/"""
VOID = "http://rdfs.org/ns/void#"
"""VoID, for the number of triples of a version: https://www.w3.org/TR/void/#statistics"""

PROVENANCE_GRAPH = ids.graph_iri("provenance/submissions")
"""The named graph holding the provenance of every submission version."""


def utc_now() -> datetime:
    """The time a version or withdrawal is stamped with, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0)


# -- writing the record ------------------------------------------------------------------------------------------
class Provenance:
    """Collects the provenance quads of one write."""

    def __init__(self, graph: URIRef) -> None:
        self.graph = ox.NamedNode(str(graph))
        self.quads: list[ox.Quad] = []

    def add(self, s: Node, p: Node, o: Node | ox.Literal | ox.BlankNode) -> None:
        """A triple of rdflib terms (the object may already be a pyoxigraph term)."""
        value = o if isinstance(o, (ox.Literal, ox.BlankNode, ox.NamedNode)) else to_ox(o)
        self.quads.append(ox.Quad(to_ox(s), to_ox(p), value, self.graph))

    def checksum(self, node: URIRef, sha256: str) -> None:
        value = ox.BlankNode()
        self.add(node, URIRef(SPDX + "checksum"), value)
        for p, o in ((str(RDF.type), ox.NamedNode(SPDX + "Checksum")),
                     (SPDX + "algorithm", ox.NamedNode(SPDX + "checksumAlgorithm_sha256")),
                     (SPDX + "checksumValue", ox.Literal(sha256))):
            self.quads.append(ox.Quad(value, ox.NamedNode(p), o, self.graph))

    def note(self, file: URIRef, warning: Finding) -> None:
        """A warning about a submitted file: in words (``rdfs:comment``), and as a ``skos:note`` whose
        ``rdf:value`` is the message, with the place it was found (``qg:inputRow`` ...)."""
        self.add(file, RDFS.comment, ox.Literal(f"{warning.place()}: {warning.message}"))
        node = ox.BlankNode()
        self.add(file, SKOS.note, node)
        place = Graph()
        warning.describe_place(place, BNode("note"))
        for p, o in [(RDF.value, Literal(warning.message)), *place.predicate_objects(BNode("note"))]:
            self.quads.append(ox.Quad(node, to_ox(p), to_ox(o), self.graph))

    def report(self, node: URIRef, version: URIRef, report: Graph) -> None:
        """The SHACL report of an accepted version (its warnings), with a name, derived from the version."""
        root = report.value(None, RDF.type, SH.ValidationReport)
        blanks: dict[Node, ox.BlankNode] = {}
        for s, p, o in report:
            subject, value = self._term(s, root, node, blanks), self._term(o, root, node, blanks)
            self.quads.append(ox.Quad(subject, to_ox(p), value, self.graph))
        self.add(node, PROV.wasDerivedFrom, version)

    @staticmethod
    def _term(term: Node, root: Node, node: URIRef, blanks: dict[Node, ox.BlankNode]) -> Any:
        if term == root:
            return ox.NamedNode(str(node))
        if isinstance(term, BNode):
            return blanks.setdefault(term, ox.BlankNode())
        return to_ox(term)


def version_record(graph: URIRef, sid: SubmissionId, number: int, read: ReadSubmission, report: Report,
                   previous: VersionInfo | None, now: datetime) -> list[ox.Quad]:
    """The provenance of version ``number`` of ``sid``, made of ``read`` and accepted with ``report``: the version
    and its files with their checksums and warnings, its kept report, and the end of ``previous``."""
    prov = Provenance(graph)
    version = sid.version_iri(number)
    stamp = ox.Literal(now.isoformat(), datatype=ox.NamedNode(str(XSD.dateTime)))
    prov.add(sid.iri, RDF.type, PROV.Entity)
    prov.add(sid.iri, DCTERMS.identifier, ox.Literal(str(sid)))
    prov.add(sid.iri, PROV.atLocation, sid.graph)
    prov.add(sid.iri, PROV.wasAttributedTo, sid.organisation)
    prov.add(version, RDF.type, PROV.Entity)
    prov.add(version, PROV.specializationOf, sid.iri)
    prov.add(version, PROV.wasAttributedTo, sid.organisation)
    prov.add(version, PROV.generatedAtTime, stamp)
    count = ox.Literal(str(read.triples), datatype=ox.NamedNode(str(XSD.integer)))
    prov.add(version, URIRef(VOID + "triples"), count)
    prov.checksum(version, read.checksum)
    if previous is not None:
        prov.add(version, PROV.wasRevisionOf, URIRef(previous.iri))
        if previous.invalidated is None:
            prov.add(URIRef(previous.iri), PROV.invalidatedAtTime, stamp)
    notes: dict[str, list[Finding]] = {}
    for w in read.warnings:
        top = (w.file or "").split(".zip/", 1)[0] + (".zip" if ".zip/" in (w.file or "") else "")
        notes.setdefault(top, []).append(w)
    for i, f in enumerate(read.files, start=1):
        node = URIRef(f"{version}/file/{i}")
        prov.add(version, PROV.wasDerivedFrom, node)
        prov.add(node, RDF.type, PROV.Entity)
        prov.add(node, RDFS.label, ox.Literal(f.name))
        prov.checksum(node, f.sha256)
        for note in notes.get(f.name, []):
            prov.note(node, note)
    if report.report_graph is not None:
        prov.report(URIRef(f"{version}/report"), version, report.report_graph)
    return prov.quads


def withdrawal_record(graph: URIRef, sid: SubmissionId, version: URIRef, by: str, now: datetime) -> list[ox.Quad]:
    """The provenance of withdrawing ``version`` (the current one of ``sid``) by ``by`` (an agency or "admin")."""
    stamp = ox.Literal(now.isoformat(), datatype=ox.NamedNode(str(XSD.dateTime)))
    activity = URIRef(f"{version}/withdrawal")
    prov = Provenance(graph)
    prov.add(version, PROV.invalidatedAtTime, stamp)
    prov.add(version, PROV.wasInvalidatedBy, activity)
    prov.add(activity, RDF.type, PROV.Activity)
    prov.add(activity, PROV.wasAssociatedWith, ids.organisation_iri(by) if by != "admin" else sid.organisation)
    prov.add(activity, PROV.endedAtTime, stamp)
    prov.add(activity, RDFS.label, ox.Literal(f"withdrawal of {sid} by {by}"))
    return prov.quads


# -- reading it back ---------------------------------------------------------------------------------------------
def read_submissions(store: GraphStore, graph: URIRef, sid: SubmissionId | None = None) -> list[SubmissionInfo]:
    """Every submission recorded in the provenance ``graph`` (or only ``sid``) with its versions, in id order."""
    query = with_values(load_query("submission-versions"), "provenance", [graph])
    if sid is not None:
        query = with_values(query, "submission", [sid.iri])
    rows = store.select_values(query)
    found: dict[str, SubmissionInfo] = {}
    versions: dict[str, VersionInfo] = {}
    for row in rows:
        info = found.get(row["submission"])
        if info is None:
            info = found[row["submission"]] = SubmissionInfo(SubmissionId.parse(row["id"]), row["graph"],
                                                             row["agency"], [])
        v = versions.get(row["version"])
        if v is None:
            v = versions[row["version"]] = VersionInfo(
                number=_version_number(row["version"]), iri=row["version"], status="accepted",
                generated=row["generated"], agency=row["agency"], checksum=row.get("checksum"),
                triples=int(row["triples"]) if row.get("triples") else None, files=[],
                previous=_version_number(row["previous"]) if row.get("previous") else None,
                invalidated=row.get("invalidated"), withdrawn_by=row.get("withdrawnBy"),
            )
            if row.get("withdrawal"):
                v.status = "withdrawn"
            elif v.invalidated:
                v.status = "superseded"
            info.versions.append(v)
        if row.get("fileName") and all(f["name"] != row["fileName"] for f in v.files):
            v.files.append({"name": row["fileName"], "sha256": row.get("fileChecksum")})
    for info in found.values():
        info.versions.sort(key=lambda v: v.number)
    return sorted(found.values(), key=lambda i: str(i.id))


def _version_number(iri: str) -> int:
    return int(iri.rstrip("/").rsplit("/", 1)[-1])


_REPORT_PREFIXES = (("sh", str(SH)), ("qg", str(QG)), ("prov", str(PROV)), ("rdfs", str(RDFS)), ("skos", str(SKOS)),
                    ("spdx", SPDX), ("qgsh", "https://w3id.org/qualgraph/shapes#"))


def stored_report(store: GraphStore, graph: URIRef, version: URIRef) -> Report:
    """The report kept with ``version`` in the provenance ``graph``: its SHACL results and the notes on its files,
    each with the place in the submitted files it was kept with."""
    query = load_query("submission-report")
    query = with_values(query, "provenance", [graph])
    query = with_values(query, "version", [version])
    report = store.query(query).graph or Graph()
    for prefix, namespace in _REPORT_PREFIXES:
        report.bind(prefix, namespace)
    labels = _labels(store, graph, {o for o in report.objects(None, SH.focusNode)})
    findings = [finding_of_result(report, r, labels).take_place(report, r) for r in report.objects(None, SH.result)]
    findings.sort(key=lambda f: (f.severity != "Warning", f.focus_label or f.focus or "", f.message))
    notes: list[Finding] = []
    for file_node, note in report.subject_objects(SKOS.note):
        name = str(report.value(file_node, RDFS.label) or "")
        notes.append(Finding("Warning", str(report.value(note, RDF.value) or ""), file=name).take_place(report, note))
    described = set(report.subjects(SKOS.note, None))
    for file_node in report.subjects(RDFS.comment, None):
        if file_node in described:
            continue  # versions kept before places were: the note in words only
        name = str(report.value(file_node, RDFS.label) or "")
        notes += [Finding("Warning", str(c), file=name) for c in report.objects(file_node, RDFS.comment)]
    notes.sort(key=lambda f: (f.file or "", f.sheet or "", f.row or 0, str(f.column or ""), f.message))
    return Report(findings + notes, report)


def _labels(store: GraphStore, graph: URIRef, nodes: set[Node]) -> Graph:
    """Enough of the store to name the records of a stored report (``graph``: the provenance, left out)."""
    iris = [n for n in nodes if isinstance(n, URIRef)]
    if not iris:
        return Graph()
    query = load_query("submission-context")
    query = with_values(query, "framework", [])
    query = with_values(query, "record", iris)
    query = with_values(query, "exclude", [graph])
    return store.query(query).graph or Graph()
