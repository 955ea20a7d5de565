"""Who owns what: an agency writes its frameworks, its organisation and what it created, nothing else.

A record's framework is read from its IRI and from the links that make it part of one, so the same rules serve
authorising a submission and finding the store context it is validated with.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from .. import ids
from ..queries import load_query, with_values
from ..report import Finding
from ..store import GraphStore
from ..validation import label_of
from ..vocab import DCTERMS, QG, QGID, SKOS
from .model import ReadSubmission, SubmissionId

_ID = str(QGID)


# -- what a submission touches ---------------------------------------------------------------------------------
def frameworks_of(iri: str) -> list[str]:
    """The framework slugs a qualgraph IRI belongs to or joins (a correspondence joins two)."""
    if not iri.startswith(_ID):
        return []
    parts = iri[len(_ID):].split("/")
    picks = {"framework": (1,), "qualification": (1,), "alignment": (1, 2), "correspondence": (1, 3)}.get(parts[0], ())
    return [parts[i] for i in picks if i < len(parts) and ids.SLUG_RE.match(parts[i])]


def owner_framework(iri: str) -> str | None:
    """The framework a record is about, whose agency may submit it (the source framework of a decision)."""
    found = frameworks_of(iri)
    return found[0] if found else None


# -- who owns what -----------------------------------------------------------------------------------------------
_RECORD_KINDS = (("correspondence/", "referencing decision"), ("alignment/", "referencing report"),
                 ("organisation/", "organisation"), ("qualification/", "qualification"),
                 ("standard/", "competency standard"), ("unit/", "unit of competency"),
                 ("accreditation/", "accreditation"), ("submission/", "submission record"))
_MEMBERSHIP = tuple(ox.NamedNode(str(p)) for p in (SKOS.inScheme, SKOS.topConceptOf, QG.sourceFramework,
                                                   QG.sourceLevel, DCTERMS.isPartOf))
"""Links that make a node part of a framework whatever its IRI: a level in its scheme, a decision from its source
level, a decision in its report. A node linked so to another agency's framework is a statement about that
framework (linking *to* a reference level, ``qg:targetLevel``, is only a reference)."""
_QUALGRAPH = "https://w3id.org/qualgraph/"
_SUBMISSION_GRAPHS = str(ids.graph_iri("submission")) + "/"


def record_kind(iri: str) -> str:
    """What a record is, in an agency officer's words, from its IRI (docs/model.md): ``level``, ``organisation``."""
    if not iri.startswith(_ID):
        return "vocabulary term" if iri.startswith(_QUALGRAPH) else "record"
    rest = iri[len(_ID):]
    if rest.startswith("framework/"):
        parts = rest.split("/")
        if len(parts) == 2:
            return "framework"
        if "descriptor" in parts[4:5]:
            return "level descriptor"
        return {"level": "level", "domain": "descriptor domain"}.get(parts[2], "record of a framework")
    return next((kind for prefix, kind in _RECORD_KINDS if rest.startswith(prefix)), "record")


def submission_of_graph(graph: str) -> SubmissionId | None:
    """The submission whose named graph ``graph`` is (``SubmissionId.graph``), or None for any other graph."""
    if not graph.startswith(_SUBMISSION_GRAPHS):
        return None
    agency, sep, name = graph[len(_SUBMISSION_GRAPHS):].partition("/")
    return SubmissionId(agency, name) if sep and ids.SLUG_RE.match(agency) and ids.SLUG_RE.match(name) else None


def ownership_problems(store: GraphStore, read: ReadSubmission, agency: str,
                       frameworks: Sequence[str]) -> list[Finding]:
    """One violation per record the submission makes statements about (triples with it as subject) that the
    agency does not own; nothing is written. An agency owns:

    * the records of its ``frameworks`` (its token's list; empty: none): the framework, its levels, domains and
      descriptors, its qualifications, and the referencing reports and decisions *from* it — by IRI
      (``frameworks_of``) and by :data:`_MEMBERSHIP` link, so another IRI or a blank node does not get round it;
    * its organisation (``SubmissionId.organisation``);
    * what it created: any other record (a unit, a standard, another organisation, an IRI outside qualgraph)
      that no graph describes but its own submissions' (``queries/submission-record-holders.rq``).

    The administrator owns the rest: records in data it loaded, and qualgraph's own (vocabulary, submission
    records). A blank node hanging off a record is part of it: the triple that links it is about that record.
    """
    allowed = set(frameworks)
    own_organisation = ids.organisation_iri(agency)
    bound: dict[Any, set[str]] = {}
    for s in read.described.subjects:
        if isinstance(s, ox.NamedNode) and (fw := owner_framework(s.value)):
            bound[s] = {fw}
    for predicate in _MEMBERSHIP:
        for q in read.quads(predicate):
            if isinstance(q.object, ox.NamedNode) and (fw := owner_framework(q.object.value)):
                bound.setdefault(q.subject, set()).add(fw)
    found: list[Finding] = []

    def refuse(iri: str, message: str) -> None:
        found.append(Finding("Violation", message, focus=iri, focus_label=label_of(Graph(), URIRef(iri)) or iri))

    for node, fws in sorted(bound.items(), key=lambda item: str(item[0])):
        for fw in sorted(fws - allowed):
            what = f"the {record_kind(node.value)} {node.value}" if isinstance(node, ox.NamedNode) else \
                "a node without a name (a blank node)"
            refuse(node.value if isinstance(node, ox.NamedNode) else f"_:{node.value}",
                   f"{what} belongs to the framework {fw}, which the agency {agency} may not submit for "
                   f"({'its token lists ' + ', '.join(sorted(allowed)) if allowed else 'its token lists no framework'})")
    loose: list[URIRef] = []
    for s in sorted(read.described.subjects, key=str):
        if not isinstance(s, ox.NamedNode) or s in bound or s.value == str(own_organisation):
            continue
        kind = record_kind(s.value)
        if s.value.startswith(_ID + "submission/") or (s.value.startswith(_QUALGRAPH) and not s.value.startswith(_ID)):
            refuse(s.value, f"the {kind} {s.value} is kept by qualgraph itself; no submission may describe it")
        else:
            loose.append(URIRef(s.value))
    if loose:
        query = with_values(load_query("submission-record-holders"), "record", loose)
        holders: dict[str, list[str]] = {}
        for row in store.select_values(with_values(query, "exclude", [read.graph])):
            holders.setdefault(row["record"], []).append(row["g"])
        for iri, graphs in sorted(holders.items()):
            others = sorted({str(sid) for g in graphs if (sid := submission_of_graph(g)) and sid.agency != agency})
            loaded = sorted(g for g in graphs if submission_of_graph(g) is None)
            kind = record_kind(iri)
            if kind == "organisation":
                refuse(iri, f"the organisation {iri} belongs to another agency; an agency describes its own "
                            f"organisation ({own_organisation}) and the ones it creates")
            elif others:
                refuse(iri, f"the {kind} {iri} belongs to another agency (it was created in the submission "
                            f"{others[0]}); only that agency, or the administrator, may change it")
            elif loaded:
                refuse(iri, f"the {kind} {iri} is part of the data the administrator loaded (graph {loaded[0]}); "
                            "only the administrator may change it")
    return found
