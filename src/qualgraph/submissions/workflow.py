"""The workflow on one store: check, submit, list and withdraw submissions (:class:`Submissions`).

It ties reading, ownership, the validation context, provenance and writing together, and owns the one thing
none of them can: the write lock, held so that a check and its write are one step.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ..queries import load_query, with_values
from ..report import SEVERITY_ORDER, Finding, Report
from ..store import GraphStore
from ..validation import CONTEXT_GRAPH, label_of, validate_dataset
from .cells import DECISION_SHAPES, origin, place_at_decisions
from .context import construct_triples, context_digest, context_triples
from .model import (
    AlreadyWithdrawn,
    DependedUpon,
    Limits,
    MalformedInput,
    NotAllowed,
    Outcome,
    ReadSubmission,
    SubmissionError,
    SubmissionId,
    SubmissionInfo,
    SubmissionNotFound,
    SubmittedFile,
    VersionInfo,
    default_name,
)
from .ownership import ownership_problems
from .provenance import (
    PROVENANCE_GRAPH,
    read_submissions,
    stored_report,
    utc_now,
    version_record,
    withdrawal_record,
)
from .reading import VALIDATION_GRAPH, read_submission
from .writing import current_ntriples, write_version, write_withdrawal

_DANGLING_SHAPES = {"qgsh:NoDanglingLevel", "qgsh:NoDanglingFramework"}


@dataclass
class _Checked:
    """One check of a submission against the store as it was at ``generation`` (:attr:`GraphStore.generation`),
    with what writing it needs: the current version's N-Triples and the versions so far."""

    read: ReadSubmission
    report: Report
    context: str
    """:func:`context_digest` of the context it was validated with."""
    generation: int
    current: bytes | None = None
    versions: list[VersionInfo] = field(default_factory=list)


class Submissions:
    """Checking, accepting, listing and withdrawing submissions on one store.

    One instance per store (the web app keeps one): a lock makes check-and-write one step, so two submissions
    can never both pass against a store that neither has seen the other in. Give the SPARQL service's write
    lock so that raw updates wait too.
    """

    def __init__(self, store: GraphStore, *, limits: Limits = Limits(), lock: Any = None,
                 provenance_graph: URIRef = PROVENANCE_GRAPH) -> None:
        self.store = store
        self.limits = limits
        self.lock = lock or threading.RLock()
        self.provenance_graph = provenance_graph

    # -- checking
    def check(self, files: Sequence[SubmittedFile], *, replacing: SubmissionId | None = None,
              limits: Limits | None = None) -> tuple[ReadSubmission, Report]:
        """Read and validate without writing. With ``replacing``, that submission's current data is left out."""
        graph = replacing.graph if replacing else VALIDATION_GRAPH
        try:
            read = read_submission(self.store, files, graph=graph, limits=limits or self.limits)
        except SubmissionError as e:
            if e.read is not None:  # the shapes still check what could be read: every problem in one run
                e.findings += self._validate(e.read).findings
            raise
        return read, self._validate(read)

    def _validate(self, read: ReadSubmission) -> Report:
        """The shapes run on the submission where it was parsed, next to its context from the store."""
        read.data.update(f"DROP SILENT GRAPH <{CONTEXT_GRAPH.value}>")  # a second check starts afresh
        read.data.extend(ox.Quad(s, p, o, CONTEXT_GRAPH) for s, p, o in context_triples(self.store, read))
        shacl = validate_dataset(read.data, read.node, described=read.described)
        findings = []
        for v in shacl.findings:
            if read.broken and (v.focus in read.broken or v.value in read.broken):
                continue  # about a template row already reported as a problem (see cells.records_of_rows)
            found = Finding.found_at(v, origin(read, v))
            if v.shape in DECISION_SHAPES:
                place_at_decisions(read, v, found)
            found.describe_place(shacl.report_graph, v.result)  # the Turtle report and the stored one keep the cell
            findings.append(found)
        findings += read.warnings
        findings.sort(key=lambda f: SEVERITY_ORDER.get(f.severity, 3))  # stable: keeps the validator's order within each
        return Report(findings, shacl.report_graph)

    def authorise(self, read: ReadSubmission, agency: str, frameworks: Sequence[str] | None) -> None:
        """Refuse (:class:`NotAllowed`, 403, nothing written) statements about records the agency does not own
        (:func:`ownership_problems`). ``frameworks``: those its token lists (empty: none); None for the
        administrator, who owns everything."""
        if frameworks is None:
            return
        found = ownership_problems(self.store, read, agency, frameworks)
        if found:
            more = f" (and {_plural(len(found) - 1, 'other record')})" if len(found) > 1 else ""
            first = found[0].message
            raise NotAllowed(f"{first[:1].upper()}{first[1:]}{more}; nothing was stored", found[:50])

    # -- accepting
    CHECK_ATTEMPTS = 3
    """Checks outside the write lock before the last, made under it: each check is against the store as it
    was, and is written only if no write came in between (else it is made again)."""

    def submit(self, files: Sequence[SubmittedFile], *, agency: str, name: str | None = None,
               frameworks: Sequence[str] | None = None, now: datetime | None = None,
               limits: Limits | None = None) -> Outcome:
        """Validate and, only if nothing of severity Violation is found, make this the submission's new version.

        ``frameworks``: those the agency's token lists (empty: none), to refuse what it does not own
        (:meth:`authorise`); None (the administrator, the command line): no restriction.

        The write lock is held for the write only: the files are read, authorised and validated against the
        store as it is at :attr:`GraphStore.generation` ``g`` without it, and written under it if the store is
        still at ``g``. Else the check is made again, outside the lock while attempts remain (the validation
        only if the context it ran with changed), the last one under the lock; so two submissions can never
        both pass against a store that neither has seen the other in.
        """
        name = name or default_name(files)
        if not name:
            raise MalformedInput("name the submission (e.g. name=levels): its files' names do not make one")
        sid = SubmissionId.of(agency, name)
        checked: _Checked | None = None
        for attempt in range(1, self.CHECK_ATTEMPTS + 1):
            if attempt == self.CHECK_ATTEMPTS:
                with self.lock:  # writes keep coming between check and write: check and write as one step
                    checked = self._check_for_write(sid, files, agency, frameworks, limits, checked)
                    return self._accept(sid, checked, now)
            checked = self._check_for_write(sid, files, agency, frameworks, limits, checked)
            if not checked.report.conforms:
                return self._accept(sid, checked, now)
            with self.lock:
                if self.store.generation == checked.generation:
                    return self._accept(sid, checked, now)
        raise AssertionError("unreachable: the last attempt returns")

    def _check_for_write(self, sid: SubmissionId, files: Sequence[SubmittedFile], agency: str,
                         frameworks: Sequence[str] | None, limits: Limits | None,
                         before: _Checked | None) -> _Checked:
        """Read, authorise and validate against the store as it is now; ``before``: an earlier check, whose
        reading and report are kept when the store still gives the same context."""
        generation = self.store.generation
        # The current version, read from disk while the new one is checked: a new version is written as what
        # changed, which needs the old one (1 s at 100,000 triples).
        background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qualgraph-current-version")
        try:
            current = background.submit(current_ntriples, self.store, sid.graph)
            versions = background.submit(self._versions, sid)
            if before is None or before.read.origins:  # templates are read against the store: read them again
                read = read_submission(self.store, files, graph=sid.graph, limits=limits or self.limits)
                report, context = None, None
            else:
                read, report, context = before.read, before.report, before.context
            self.authorise(read, agency, frameworks)
            if report is None or context_digest(context_triples(self.store, read)) != context:
                report = self._validate(read)
                context = context_digest(
                    (q.subject, q.predicate, q.object) for q in read.data.quads_for_pattern(None, None, None,
                                                                                              CONTEXT_GRAPH))
            if not report.conforms:
                return _Checked(read, report, context, generation)
            previous = versions.result()
            return _Checked(read, report, context, generation, current.result(), previous)
        finally:
            background.shutdown(wait=False)  # a refused submission does not wait for a read it will not use

    def _accept(self, sid: SubmissionId, checked: _Checked, now: datetime | None) -> Outcome:
        """The outcome of a check; a conforming one is written (the caller holds the lock)."""
        read, report = checked.read, checked.report
        if not report.conforms:
            return Outcome(False, report, sid, triples=read.triples)
        previous = checked.versions
        number = (previous[-1].number + 1) if previous else 1
        self._write(sid, number, read, report, previous[-1] if previous else None, now or utc_now(), checked.current)
        return Outcome(True, report, sid, number, read.triples)

    def _write(self, sid: SubmissionId, number: int, read: ReadSubmission, report: Report,
               previous: VersionInfo | None, now: datetime, current: bytes | None) -> None:
        """The new version and its provenance; ``current``: the graph as it is (:func:`current_ntriples`)."""
        provenance = version_record(self.provenance_graph, sid, number, read, report, previous, now)
        write_version(self.store, sid.graph, read.ntriples(), current, self.provenance_graph, provenance)

    # -- listing
    def _versions(self, sid: SubmissionId | None = None) -> list[VersionInfo]:
        return [v for info in self._read(sid) for v in info.versions]

    def _read(self, sid: SubmissionId | None = None) -> list[SubmissionInfo]:
        return read_submissions(self.store, self.provenance_graph, sid)

    def list(self, agency: str | None = None) -> list[SubmissionInfo]:
        """Every submission (or one agency's) with its versions, in id order."""
        return [i for i in self._read() if agency is None or i.id.agency == agency]

    def get(self, sid: SubmissionId) -> SubmissionInfo:
        """One submission with its versions and the report kept with its current version."""
        found = self._read(sid)
        if not found:
            raise SubmissionNotFound(f"there is no submission {sid}")
        info = found[0]
        info.report = stored_report(self.store, self.provenance_graph, URIRef(info.current.iri))
        return info

    # -- withdrawing
    def withdraw(self, sid: SubmissionId, *, by: str, frameworks: Sequence[str] = (),
                 now: datetime | None = None) -> SubmissionInfo:
        """Remove the submission's data from the graph; its versions stay on record, the last one withdrawn.

        Refused (:class:`DependedUpon`, nothing changes) while other data refers to its levels or frameworks.
        """
        with self.lock:
            info = self.get(sid)
            if info.status == "withdrawn":
                raise AlreadyWithdrawn(f"{sid} was already withdrawn on {info.current.invalidated}")
            if dependents := self.dependents(sid):
                records = sorted({f.focus_label or f.focus or "" for f in dependents})
                verb = "refers" if len(records) == 1 else "refer"
                raise DependedUpon(
                    f"{sid} cannot be withdrawn: {_plural(len(records), 'record')} of other data "
                    f"({', '.join(records[:5])}{' ...' if len(records) > 5 else ''}) {verb} to what it defines; "
                    "withdraw or correct them first", dependents)
            provenance = withdrawal_record(self.provenance_graph, sid, URIRef(info.current.iri), by, now or utc_now())
            write_withdrawal(self.store, sid.graph, self.provenance_graph, provenance)
        return self.get(sid)

    def dependents(self, sid: SubmissionId) -> list[Finding]:
        """What withdrawing ``sid`` would leave pointing to nothing: one finding per dangling reference.

        The records of other graphs that refer to a level or framework of the submission's graph
        (``queries/submission-dependents.rq``) are validated with the shapes as the store would be without
        that graph; the references the no-dangling rules then find name the record, the level or framework,
        and the submission (or graph) holding the record. Nothing is written.
        """
        query = load_query("submission-dependents")
        query = with_values(query, "withdrawn", [sid.graph])
        query = with_values(query, "provenance", [self.provenance_graph])
        rows = self.store.select_values(query)
        if not rows:
            return []
        holders = {(r["record"], r["target"]): r["graph"] for r in rows}
        records = sorted({r["record"] for r in rows})
        # The referring records as the rest of the store describes them, next to their context without the graph.
        scratch = ReadSubmission(URIRef("urn:qualgraph:withdrawal:dependents"), ox.Store(), [])
        described = load_query("submission-context")
        described = with_values(described, "framework", [])
        described = with_values(described, "record", [URIRef(r) for r in records])
        described = with_values(described, "exclude", [sid.graph])
        scratch.data.extend(ox.Quad(s, p, o, scratch.node) for s, p, o in construct_triples(self.store, described))
        scratch.data.extend(ox.Quad(s, p, o, CONTEXT_GRAPH)
                            for s, p, o in context_triples(self.store, scratch, sid.graph))
        shacl = validate_dataset(scratch.data, scratch.node)
        submissions = {info.graph: str(info.id) for info in self._read()}
        found = []
        for v in shacl.findings:
            graph = holders.get((v.focus, v.value or ""))
            if v.shape not in _DANGLING_SHAPES or graph is None:
                continue  # a problem the record has anyway, not one the withdrawal makes
            target = label_of(Graph(), URIRef(v.value or "")) or v.value
            holder = f"submission {submissions[graph]}" if graph in submissions else f"graph <{graph}>"
            found.append(Finding(
                "Violation", f"{v.focus_label or v.focus} ({holder}) refers to {target} through {v.path}, which "
                f"{sid} defines: once it is withdrawn, the reference would point to nothing. Withdraw or correct "
                f"{v.focus_label or 'that record'} first, or define {target} in other data.",
                focus=v.focus, focus_label=v.focus_label, path=v.path, value=v.value, shape=v.shape,
                constraint=v.constraint, graph=graph, submission=submissions.get(graph)))
        return found


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
