"""The things a submission is made of, as plain data: its limits, errors, names, files, the RDF it was read into,
and the answers about it (outcome, versions).

Every other module of the package speaks in these terms; none of them here touches the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from .. import ids
from ..input_limits import InputLimits
from ..loading.templates import Sheet
from ..queries import load_query
from ..report import Finding, Report
from ..validation import Described
from ..vocab import QGID

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
DEFAULT_MAX_FILES = 100
_ID = str(QGID)


# -- limits and errors -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Limits:
    """How much one submission may hold, so a request cannot exhaust the server's memory or disk."""

    max_bytes: int = DEFAULT_MAX_BYTES
    """Bytes sent, and also bytes once zips are unpacked (setting ``max_submission_bytes``)."""
    max_files: int = DEFAULT_MAX_FILES
    """Files in one submission, counting the entries of its zips (setting ``max_submission_files``)."""
    input: InputLimits = InputLimits()
    """Nesting depth and entity expansion of each RDF file, checked before it is parsed."""

    @classmethod
    def from_settings(cls, settings: object) -> "Limits":
        """Limits from the settings, with defaults until the settings declare the fields."""
        return cls(
            int(getattr(settings, "max_submission_bytes", None) or DEFAULT_MAX_BYTES),
            int(getattr(settings, "max_submission_files", None) or DEFAULT_MAX_FILES),
            InputLimits.from_settings(settings),
        )


class SubmissionError(Exception):
    """A submission that cannot be taken; ``status`` is the HTTP status the web layer answers with."""

    status = 400

    def __init__(self, message: str, findings: Sequence[Finding] = (), *,
                 read: "ReadSubmission | None" = None) -> None:
        super().__init__(message)
        self.findings = list(findings)
        self.read = read
        """What could be read of the files despite the problems (validation checks it too), if anything."""

    @property
    def report(self) -> Report:
        """The findings; a refusal with none of its own (too large ...) says why as its one violation, so the
        report never reads as conforming: the input was not checked, and a reader of ``conforms`` must not
        take that for "valid"."""
        if self.findings:
            return Report(self.findings)
        return Report([Finding("Violation", f"refused, not checked: {super().__str__()}")])

    def __str__(self) -> str:
        lines = [super().__str__()]
        lines += [f"  {f.place() or ''}{': ' if f.place() else ''}{f.message}" for f in self.findings[:50]]
        if len(self.findings) > 50:
            lines.append(f"  ... and {len(self.findings) - 50} more")
        return "\n".join(lines)


class MalformedInput(SubmissionError):
    """A file that cannot be read: bad syntax (with line and column), empty, not UTF-8, a broken zip."""

    status = 400


class NotAllowed(SubmissionError):
    """The agency may not submit for a framework the submission describes."""

    status = 403


class SubmissionNotFound(SubmissionError):
    status = 404


class AlreadyWithdrawn(SubmissionError):
    status = 409


class DependedUpon(SubmissionError):
    """Other data refers to levels or frameworks of the submission: withdrawn, it would point to nothing."""

    status = 409


class TooLarge(SubmissionError):
    """More bytes or files than :class:`Limits` allow, sent or once unpacked."""

    status = 413


class UnsupportedInput(SubmissionError):
    """A file in a syntax qualgraph does not read."""

    status = 415


class InvalidInput(SubmissionError):
    """Readable files whose content cannot become data: a template problem, an unknown framework, a duplicate id."""

    status = 422


# -- names -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SubmissionId:
    """A submission: the agency (its organisation slug) and a name the agency chose, written ``agency/name``."""

    agency: str
    name: str

    @classmethod
    def of(cls, agency: str, name: str) -> "SubmissionId":
        try:
            return cls(ids.check_slug(agency), ids.check_slug(name))
        except ids.InvalidId as e:
            raise MalformedInput(f"cannot name a submission {agency}/{name}: {e}") from None

    @classmethod
    def parse(cls, text: str) -> "SubmissionId":
        agency, sep, name = text.strip().strip("/").partition("/")
        if not sep:
            raise MalformedInput(f"{text!r} is not a submission id: write AGENCY/NAME, e.g. 'ph-pqf-ncc/levels'")
        return cls.of(agency, name)

    # IRIs of submissions are built here until ids.py has builders for them (asked of the lead).
    @property
    def graph(self) -> URIRef:
        """The named graph holding the accepted data of this submission."""
        return ids.graph_iri(f"submission/{self.agency}/{self.name}")

    @property
    def iri(self) -> URIRef:
        """The submission as a whole, of which each version is a specialisation."""
        return URIRef(f"{_ID}submission/{self.agency}/{self.name}")

    def version_iri(self, number: int) -> URIRef:
        return URIRef(f"{self.iri}/version/{number}")

    @property
    def organisation(self) -> URIRef:
        return ids.organisation_iri(self.agency)

    def __str__(self) -> str:
        return f"{self.agency}/{self.name}"


def default_name(files: Sequence["SubmittedFile"]) -> str | None:
    """A submission named after its first file ('ph-pqf-levels.ttl' -> 'ph-pqf-levels'), if that makes a slug."""
    for f in files:
        stem = ids.slugify(PurePosixPath(f.name).stem) if f.name else ""
        if stem and ids.SLUG_RE.match(stem):
            return stem
    return None


# -- files, and the RDF they were read into ----------------------------------------------------------------------
@dataclass(frozen=True)
class SubmittedFile:
    """One file as it arrived: its name (zip entries: ``bundle.zip/levels.csv``), bytes and declared media type."""

    name: str
    data: bytes
    media_type: str | None = None

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @classmethod
    def from_path(cls, path: Path) -> "SubmittedFile":
        return cls(path.name, path.read_bytes())


@dataclass
class ReadSubmission:
    """A submission turned into RDF, with what is needed to report on it.

    The triples stay in Oxigraph: ``data`` is an in-memory store holding them in the named graph ``graph``,
    from which they are validated and written without ever becoming Python objects one by one (at 100,000
    triples that alone took 2 s). Validation adds the trusted context in a graph of its own
    (:data:`qualgraph.validation.CONTEXT_GRAPH`); only ``graph`` is the submission.
    """

    graph: URIRef
    data: ox.Store
    files: list[SubmittedFile]
    """The files as sent (a zip stays one file), for checksums and provenance."""
    warnings: list[Finding] = field(default_factory=list)
    origins: dict[str, tuple[Sheet, int]] = field(default_factory=dict)
    """Record IRI -> the template sheet and row that defined it, to report a SHACL result at its cell."""
    files_of: dict[str, str] = field(default_factory=dict)
    """Record IRI -> the RDF file that defined it, in a submission of several files, to name it in a result."""
    broken: set[str] = field(default_factory=set)
    """Records of template rows with problems: validation does not report them again (see records_of_rows)."""

    @property
    def node(self) -> ox.NamedNode:
        return ox.NamedNode(str(self.graph))

    @property
    def checksum(self) -> str:
        """SHA-256 over the sorted ``name sha256`` lines of the files: the same files give the same checksum."""
        lines = sorted(f"{f.name}\t{f.sha256}\n" for f in self.files)
        return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()

    @cached_property
    def triples(self) -> int:
        """How many distinct triples the submission holds."""
        rows = list(self.data.query(load_query("submission-size"), substitutions={ox.Variable("g"): self.node}))
        return int(rows[0][1].value) if rows else 0

    def quads(self, predicate: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        """The submission's quads (only those of ``predicate`` if given)."""
        return self.data.quads_for_pattern(None, predicate, None, self.node)

    @cached_property
    def described(self) -> Described:
        """The records the submission describes (its subjects) and the IRIs it names, listed by Oxigraph."""
        return Described.of_graph(self.data, self.node)

    def ntriples(self) -> bytes:
        """The submission as N-Triples, written by Oxigraph (one triple a line, each term in canonical form)."""
        return self.data.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=self.node)


# -- answers -----------------------------------------------------------------------------------------------------
@dataclass
class Outcome:
    """The answer to a submission: accepted (with its version) or rejected (with the report)."""

    accepted: bool
    report: Report
    submission: SubmissionId | None = None
    version: int | None = None
    triples: int = 0

    @property
    def status(self) -> str:
        return "accepted" if self.accepted else "rejected"


@dataclass
class VersionInfo:
    number: int
    iri: str
    status: str
    """"accepted" (the data in the graph now), "superseded" (replaced by a later version) or "withdrawn"."""
    generated: str
    agency: str
    checksum: str | None
    triples: int | None
    files: list[dict[str, str | None]]
    previous: int | None
    invalidated: str | None
    withdrawn_by: str | None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class SubmissionInfo:
    id: SubmissionId
    graph: str
    agency: str
    """IRI of the organisation the submission is attributed to."""
    versions: list[VersionInfo]
    report: Report | None = None

    @property
    def current(self) -> VersionInfo:
        return self.versions[-1]

    @property
    def status(self) -> str:
        return self.current.status

    def to_json(self, *, with_report: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id), "agency": self.id.agency, "name": self.id.name, "organisation": self.agency,
            "graph": self.graph, "status": self.status, "version": self.current.number,
            "updated": self.current.invalidated or self.current.generated,
            "versions": [v.to_json() for v in self.versions],
        }
        if with_report and self.report is not None:
            data["report"] = self.report.to_json()
        return data
