"""Submissions: an agency sends its framework data, qualgraph checks it, and nothing invalid enters the graph.

A submission is one or more files — RDF in any syntax the loader reads, the CSV/XLSX spreadsheet templates, or
a zip of such files — sent by a qualifications agency under a name of its choice (``ph-pqf-ncc/levels``).
Every step that can fail happens before anything is written:

1. **Reading** (:func:`read_submission`): sizes and zip contents are checked against :class:`Limits` (declared
   sizes and entry count first, then the bytes actually unpacked), each file must be non-empty UTF-8 in a
   syntax we read; RDF is parsed with line and column on error (relative IRIs resolve against ``qgid:``;
   nothing is fetched: no ``owl:imports``, no remote JSON-LD context); templates are turned into RDF against
   the frameworks and levels of the store and of the submission itself; an id defined twice is refused.
2. **Validation** (:meth:`Submissions.check`): the data is validated with the qualgraph shapes together with
   what it refers to in the store (the frameworks it touches, their levels and decisions, the records it
   names without describing them — read with ``queries/submission-context.rq``), leaving out the
   submission's own previous version. Warnings do not block; violations do. The data never leaves Oxigraph
   on the way: parsed into an in-memory store, validated there (:func:`qualgraph.validation.validate_dataset`),
   written from its N-Triples — 100,000 triples end to end in seconds (bench/README.md).
3. **Acceptance** (:meth:`Submissions.submit`): the data replaces the submission's named graph as a whole and
   its provenance (PROV-O) is added to the provenance graph. A first version is bulk-loaded into its new
   graph (undone by dropping the graph if anything fails); a later one is one SPARQL Update — one
   transaction — that deletes the triples the new version no longer has and inserts those it adds. A rejected
   submission writes nothing at all, not even a record of the attempt: the caller gets the report.
4. **Withdrawal** (:meth:`Submissions.withdraw`): the graph is dropped, unless other data refers to a level
   or framework only it defines (checked with the shapes on the store as it would be): then nothing changes
   and the report names each dependent record (:class:`DependedUpon`, 409).

Provenance, per version (``qgid:submission/{agency}/{name}/version/{n}``): a ``prov:Entity`` that is
``prov:specializationOf`` the submission, ``prov:wasAttributedTo`` the agency's organisation, with
``prov:generatedAtTime``, ``prov:wasRevisionOf`` the previous version, an ``spdx:checksum`` (SHA-256 over the
submitted files' own checksums), ``void:triples``, and ``prov:wasDerivedFrom`` one entity per submitted file
(``rdfs:label`` its name, its own checksum, ``rdfs:comment`` for warnings about it, and the same warnings as
``skos:note`` nodes with their place: ``qg:inputFile``, ``qg:inputRow`` ...). Its validation report (warnings
only, since it was accepted) is kept as a ``sh:ValidationReport`` derived from it, each result with the place
of template input it came from. A version stops
being the data when it is replaced (``prov:invalidatedAtTime``; status *superseded*) or withdrawn (also
``prov:wasInvalidatedBy`` a withdrawal activity ``prov:wasAssociatedWith`` the agency; status *withdrawn*).
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from . import ids
from .input_limits import ExpandsTooMuch, InputLimits, InputRefused, check_rdf
from .loading.catalogue import Catalogue
from .loading.errors import Problem
from .loading.sources import RDF_FORMATS, TEMPLATE_SUFFIXES, Source
from .loading.templates import Sheet, build_all, read_sheets
from .queries import load_query, with_values
from .store import EmbeddedStore, GraphStore
from .store.terms import to_ox
from .validation import (
    CONTEXT_GRAPH,
    Described,
    SEVERITIES,
    ValidationReport,
    Violation,
    compact,
    label_of,
    validate_dataset,
)
from .vocab import DCTERMS, PROV, QG, QGID, QGS, RDFS, SKOS, XSD

# Vocabularies used only for provenance. They belong in vocab.py (asked of the lead).
SPDX = "http://spdx.org/rdf/terms#"
"""SPDX 2.3 RDF terms for checksums: https://spdx.github.io/spdx-spec/v2.3/RDF-object-model-and-identifier-syntax/"""
VOID = "http://rdfs.org/ns/void#"
"""VoID, for the number of triples of a version: https://www.w3.org/TR/void/#statistics"""

PROVENANCE_GRAPH = ids.graph_iri("provenance/submissions")
"""The named graph holding the provenance of every submission version."""
VALIDATION_GRAPH = ids.graph_iri("validation")
"""The graph a submission checked with no name goes to (it is never written)."""

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
DEFAULT_MAX_FILES = 100
XLSX_MAX_PARTS = 1000
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MEDIA_TYPES = {"application/zip", "application/x-zip-compressed", "application/x-zip"}
_CHUNK = 64 * 1024
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


# -- reading -----------------------------------------------------------------------------------------------------
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


def submission_files(paths: Sequence[Path]) -> list[Path]:
    """Files named on the command line, a folder standing for the files under it that qualgraph reads."""
    readable = set(RDF_FORMATS) | TEMPLATE_SUFFIXES | {".zip"}
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in readable
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            found.append(path)
        else:
            raise ValueError(f"{path}: no such file or folder")
    return found


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
    """Records of template rows with problems: validation does not report them again (see _records_of_rows)."""

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


_TYPE = ox.NamedNode(str(RDF.type))
_IN_SCHEME = ox.NamedNode(str(SKOS.inScheme))


def _media(media_type: str | None) -> str | None:
    return media_type.split(";", 1)[0].strip().lower() if media_type else None


def _is_zip(f: SubmittedFile) -> bool:
    return f.suffix == ".zip" or (not f.suffix and _media(f.media_type) in ZIP_MEDIA_TYPES)


def _rdf_format(f: SubmittedFile) -> ox.RdfFormat | None:
    if f.suffix in RDF_FORMATS:
        return RDF_FORMATS[f.suffix]
    if f.suffix in TEMPLATE_SUFFIXES:
        return None
    media = _media(f.media_type)
    return ox.RdfFormat.from_media_type(media) if media else None


def _is_template(f: SubmittedFile) -> bool:
    return f.suffix in TEMPLATE_SUFFIXES


def _refuse(kind: type[SubmissionError], file: str, message: str) -> SubmissionError:
    """An error about one file: the message names it, and the report holds it as its one problem."""
    return kind(f"{file}: {message}", [Finding("Violation", message, file=file)])


def _unsupported(f: SubmittedFile) -> SubmissionError:
    known = ", ".join(sorted(set(RDF_FORMATS) | TEMPLATE_SUFFIXES | {".zip"}))
    what = f"type {f.suffix!r}" if f.suffix else f"media type {_media(f.media_type) or '(none)'}"
    return _refuse(UnsupportedInput, f.name, f"qualgraph does not read files of {what}; it reads {known} "
                                             "(or an RDF media type such as text/turtle)")


def expand(files: Sequence[SubmittedFile], limits: Limits) -> list[SubmittedFile]:
    """The files of a submission with zips unpacked, refusing more bytes or files than the limits allow.

    A zip is checked twice: its directory (entry count, declared sizes) before anything is unpacked, then the
    bytes actually unpacked, counted while reading, so a zip that lies about its sizes is stopped as well.
    """
    sent = sum(len(f.data) for f in files)
    if sent > limits.max_bytes:
        raise TooLarge(f"the submission is {sent:,} bytes; at most {limits.max_bytes:,} are accepted")
    budget = limits.max_bytes - sum(len(f.data) for f in files if not _is_zip(f))
    out: list[SubmittedFile] = []
    for f in files:
        if not _is_zip(f):
            out.append(f)
            continue
        unpacked = _unzip(f, limits, budget, len(out))
        budget -= sum(len(u.data) for u in unpacked)
        out += unpacked
    if len(out) > limits.max_files:
        raise TooLarge(f"the submission holds {len(out)} files; at most {limits.max_files} are accepted")
    return out


def _ignored_entry(name: str) -> bool:
    """Folders' metadata that archivers add (``__MACOSX/``, ``.DS_Store``): not part of the submission."""
    parts = PurePosixPath(name).parts
    return not parts or parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts)


def _unzip(f: SubmittedFile, limits: Limits, budget: int, files_before: int) -> list[SubmittedFile]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(f.data))
        entries = [i for i in archive.infolist() if not i.is_dir() and not _ignored_entry(i.filename)]
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise _refuse(MalformedInput, f.name, f"not a readable zip file ({e})") from None
    if files_before + len(entries) > limits.max_files:
        raise _refuse(TooLarge, f.name, f"the zip holds {len(entries)} files; a submission takes at most "
                                        f"{limits.max_files} files")
    declared = sum(i.file_size for i in entries)
    if declared > budget:
        raise _refuse(TooLarge, f.name, f"the zip unpacks to {declared:,} bytes; a submission may hold at most "
                                        f"{limits.max_bytes:,}")
    out = []
    used = 0
    for info in entries:
        name = f"{f.name}/{info.filename}"
        if info.filename.lower().endswith(".zip"):
            raise _refuse(UnsupportedInput, name, "a zip inside a zip is not read; put all the files in one zip")
        chunks = []
        try:
            with archive.open(info) as entry:
                while chunk := entry.read(_CHUNK):
                    used += len(chunk)
                    if used > budget:  # more than the directory declared
                        raise _refuse(TooLarge, name, f"unpacks to more than the {limits.max_bytes:,} bytes "
                                                      "a submission may hold")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError, OSError) as e:
            raise _refuse(MalformedInput, name, f"cannot be unpacked ({e})") from None
        out.append(SubmittedFile(name, b"".join(chunks)))
    return out


def _check_xlsx(f: SubmittedFile, limits: Limits) -> None:
    """An XLSX workbook is itself a zip: refuse one that would unpack to more than the limits before opening it."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(f.data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refuse(MalformedInput, f.name, "not a readable XLSX workbook (save it again from the "
                                              "spreadsheet program)") from None
    declared = sum(p.file_size for p in parts)
    if len(parts) > XLSX_MAX_PARTS or declared > limits.max_bytes:
        raise _refuse(TooLarge, f.name, f"the workbook unpacks to {declared:,} bytes in {len(parts)} parts; "
                                        f"at most {limits.max_bytes:,} bytes are accepted")


def _text_problem(f: SubmittedFile) -> Finding | None:
    """Empty, or not UTF-8: said with the line and column of the first bad byte."""
    data = f.data[3:] if f.data.startswith(b"\xef\xbb\xbf") else f.data
    if not data.strip():
        return Finding("Violation", "the file is empty", file=f.name)
    if f.suffix == ".xlsx":
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        return Finding("Violation", f"not UTF-8 text (byte 0x{data[e.start]:02X}); save the file as UTF-8",
                       file=f.name, line=line, column=column)
    return None


def _load_rdf(f: SubmittedFile, fmt: ox.RdfFormat, data: ox.Store, graph: ox.NamedNode,
              limits: InputLimits = InputLimits()) -> Finding | None:
    """Parse one RDF file into ``graph`` of the in-memory ``data``, or say where it cannot be read.

    Oxigraph parses straight into the store (blank nodes renamed apart, so that two files' ``_:b`` stay two
    nodes; nothing fetched: no remote JSON-LD context). The named graphs of a TriG, N-Quads or JSON-LD file
    are merged into ``graph`` too: a submission is one graph. A file that would crash or swamp the parser
    (nested too deep, entity bombs, external entities: :mod:`qualgraph.input_limits`) is refused first.
    """
    try:
        check_rdf(f.data, fmt, place=f.name, limits=limits)
    except ExpandsTooMuch as e:
        raise TooLarge(str(e), [Finding("Violation", e.problem, file=f.name, line=e.line, column=e.column)]
                       ) from None
    except InputRefused as e:
        return Finding("Violation", e.problem, file=f.name, line=e.line, column=e.column)
    try:
        if fmt.supports_datasets:
            scratch = ox.Store()
            scratch.load(f.data, format=fmt, base_iri=_ID)
            data.extend(ox.Quad(q.subject, q.predicate, q.object, graph)
                        for q in scratch.quads_for_pattern(None, None, None, None))
        else:
            data.load(f.data, format=fmt, base_iri=_ID, to_graph=graph)
    except SyntaxError as e:
        message = str(e.msg if getattr(e, "msg", None) else e)
        message = re.sub(r"^Parser error at line \d+ (?:between )?columns? \d+(?: and \d+)?: ", "", message)
        return Finding("Violation", f"not valid {fmt.name}: {message}", file=f.name,
                       line=getattr(e, "lineno", None), column=getattr(e, "offset", None))
    if next(data.quads_for_pattern(None, None, None, graph), None) is None:
        return Finding("Violation", f"the file holds no triples (read as {fmt.name})", file=f.name)
    return None


def read_submission(store: GraphStore, files: Sequence[SubmittedFile], *, graph: URIRef = VALIDATION_GRAPH,
                    limits: Limits = Limits()) -> ReadSubmission:
    """Turn the files into the triples of ``graph``, or raise a :class:`SubmissionError` naming every place at fault.

    Templates may refer to frameworks and levels in the store or in the submission's other files.
    """
    if not files:
        raise MalformedInput("the submission holds no file: send an RDF document, or files in the field 'file'")
    expanded = expand(files, limits)
    result = ReadSubmission(graph, ox.Store(), list(files))
    target = result.node
    unreadable: list[Finding] = []
    rdf: list[tuple[SubmittedFile, ox.NamedNode]] = []
    templates: list[SubmittedFile] = []
    for i, f in enumerate(expanded):
        fmt = _rdf_format(f)
        if fmt is None and not _is_template(f):
            raise _unsupported(f)
        if problem := _text_problem(f):
            unreadable.append(problem)
            continue
        if fmt is None:
            if f.suffix == ".xlsx":
                _check_xlsx(f, limits)
            templates.append(f)
            continue
        # One file goes straight into the submission's graph; of several, each is read into a graph of its own
        # first, to find a record defined in two files.
        into = target if len(expanded) == 1 else ox.NamedNode(f"urn:qualgraph:submission:file:{i}")
        if problem := _load_rdf(f, fmt, result.data, into, limits.input):
            unreadable.append(problem)
            if into != target:
                result.data.update(f"DROP SILENT GRAPH <{into.value}>")  # nothing half-read is checked
        else:
            rdf.append((f, into))
    if unreadable and not rdf and not templates:
        raise MalformedInput(_summary(unreadable, "cannot be read"), unreadable)

    # Every file is read even when another cannot be: one run reports every problem it can find.
    defined: dict[str, str] = {}  # record IRI -> the file (and sheet) that defines it
    duplicates: list[Finding] = []
    for f, into in rdf:
        if into == target:
            continue
        typed = {q.subject.value for q in result.data.quads_for_pattern(None, _TYPE, None, into)
                 if isinstance(q.subject, ox.NamedNode)}
        for iri in sorted(typed):
            _define(defined, iri, f.name, None, duplicates)
            result.files_of.setdefault(iri, f.name)
        result.data.update(f"ADD <{into.value}> TO <{target.value}> ; DROP GRAPH <{into.value}>")
    problems: list[Finding] = []
    if templates:
        with tempfile.TemporaryDirectory(prefix="qualgraph-submission-") as tmp:
            quads, problems = _read_templates(store, templates, Path(tmp), graph, result, defined, duplicates)
            result.data.extend(quads)
    found = unreadable + duplicates + problems
    if unreadable:
        raise MalformedInput(_summary(found, "cannot be read"), found, read=result)
    if found:
        what = "defines a record twice" if not problems else "cannot become data"
        raise InvalidInput(_summary(found, what), found, read=result)
    return result


def _read_templates(store: GraphStore, templates: list[SubmittedFile], tmp: Path, graph: URIRef,
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
    result.broken |= _records_of_rows(sheets, found_problems)
    quads: list[ox.Quad] = [q for _, got in built for q in got]
    return quads, [Finding.from_problem(p) for p in problems + found_problems]


def _records_of_rows(sheets: list[Sheet], problems: list[Problem]) -> set[str]:
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


# The triples that tell the catalogue which frameworks, levels and reports a submission defines.
_CATALOGUE_PREDICATES = (_TYPE, _IN_SCHEME, ox.NamedNode(str(QG.sourceFramework)),
                         ox.NamedNode(str(QG.targetFramework)))

# Which template column holds which property of the record a row defines, to report a SHACL result at its cell.
_COLUMNS: dict[str, dict[str, str]] = {
    "frameworks": {"dcterms:identifier": "framework", "skos:prefLabel": "title", "rdf:type": "kind",
                   "qg:jurisdiction": "jurisdiction", "dcterms:source": "source", "skos:altLabel": "acronym",
                   "dcterms:publisher": "publisher", "dcterms:description": "description"},
    "levels": {"skos:inScheme": "framework", "skos:topConceptOf": "framework", "skos:notation": "level",
               "qg:rank": "rank", "skos:prefLabel": "label", "dcterms:source": "source"},
    "referencing": {"qg:sourceLevel": "level", "qg:targetFramework": "reference_framework",
                    "qg:targetLevel": "reference_level", "qg:noCounterpart": "reference_level",
                    "qg:status": "status", "dcterms:date": "decided", "dcterms:source": "source",
                    "skos:note": "note", "qg:decidedBy": "decided_by", "rdf:type": "kind"},
}
_ID_COLUMN = {"frameworks": "framework", "levels": "level", "referencing": "level"}
_SHAPE_COLUMNS = {"qgsh:UniqueRankInFramework": "rank", "qgsh:ReferencingToReferenceLevel": "reference_framework",
                  "qgsh:ReferencingReportToReferenceFramework": "reference_framework",
                  "qgsh:MonotoneReferencing": "reference_level",
                  "qgsh:TargetLevelInTargetFramework": "reference_level"}


def _row_id(kind: str, v: dict[str, str]) -> str | None:
    """The IRI of the record a template row defines (None when the row is too broken to name one)."""
    try:
        slug = v["framework"].lower()
        if kind == "frameworks":
            return str(ids.framework_iri(slug))
        if kind == "levels":
            return str(ids.level_iri(slug, v["level"]))
        return str(ids.correspondence_iri(slug, v["level"], v["reference_framework"].lower(),
                                          v["reference_level"] or None, v["decided"] or None))
    except (ids.InvalidId, KeyError):
        return None


def _row_label(kind: str, v: dict[str, str]) -> str:
    """The record of a template row as people write it: ``ph-pqf``, ``ph-pqf:5``, ``ph-pqf:5 → aqrf:5``."""
    level = f"{v['framework'].lower()}:{v.get('level', '')}"
    if kind == "frameworks":
        return v["framework"].lower()
    if kind == "levels":
        return level
    target = (f"{v['reference_framework'].lower()}:{v['reference_level']}" if v["reference_level"]
              else f"no counterpart in {v['reference_framework'].lower()}")
    return f"the decision {level} → {target}" + (f" of {v['decided']}" if v["decided"] else "")


def _sheet_ids(sheet: Sheet, result: ReadSubmission, defined: dict[str, str], duplicates: list[Finding]) -> None:
    where = sheet.source.display + (f", sheet {sheet.sheet!r}" if sheet.sheet else "")
    rows: dict[str, int] = {}
    for row, values in sheet.rows:
        iri = _row_id(sheet.kind, values)
        if iri is None:
            continue
        column = _ID_COLUMN[sheet.kind]
        if iri in rows:
            label = _row_label(sheet.kind, values)
            duplicates.append(Finding.from_problem(sheet.problem(
                f"{label} is already defined in row {rows[iri]}; each record appears once in a submission "
                "(merge the two rows)", row, column)))
            continue
        rows[iri] = row
        result.origins[iri] = (sheet, row)
        if sheet.kind == "referencing":  # the first row of a pair also makes the report it is part of
            try:
                report = str(ids.alignment_iri(values["framework"].lower(), values["reference_framework"].lower()))
                result.origins.setdefault(report, (sheet, row))
            except ids.InvalidId:
                pass
        _define(defined, iri, where, sheet.problem("", row, column), duplicates)


def _define(defined: dict[str, str], iri: str, where: str, origin: Problem | None, duplicates: list[Finding]) -> None:
    """Remember which file defines a record; a second file defining it is a duplicate id."""
    first = defined.setdefault(iri, where)
    if first == where:
        return
    label = label_of(Graph(), URIRef(iri)) or iri
    message = (f"{label} is defined both in {first} and in {where}; a record is defined once in a submission "
               "(keep one definition)")
    finding = Finding.from_problem(origin) if origin is not None else Finding("Violation", "", file=where)
    finding.message, finding.focus, finding.focus_label = message, iri, label
    duplicates.append(finding)


def _summary(findings: list[Finding], what: str) -> str:
    files = sorted({f.file for f in findings if f.file})
    n = len(findings)
    subject = ", ".join(files[:3]) + (" ..." if len(files) > 3 else "") if files else "the submission"
    return f"{subject} {what}: {n} problem{'s' if n != 1 else ''}; nothing was stored"


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


# -- who owns what: an agency writes its frameworks, its organisation and what it created, nothing else ----------
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


def _context(store: GraphStore, read: ReadSubmission, exclude: URIRef | None = None) -> Iterator[tuple[Any, Any, Any]]:
    """What the store says about what the submission touches (read-only, one query): the frameworks of the
    records it describes or names, with their levels, descriptors, alignments and decisions, and the other
    qualgraph records it names without describing them (an awarding body, a qualification ...).

    The submission's own graph (or ``exclude``) is left out: a new version replaces it as a whole. So is a
    triple the submission itself holds: the shapes see the merge of both, where it is one triple, but in both
    graphs it doubles the solutions of every pattern matching it in the rules across records (the union default
    graph) — MonotoneReferencing joins eight: 23 s instead of 0.01 s at 10,000 triples described elsewhere too.
    """
    described = read.described
    frameworks: set[str] = set()
    records: set[str] = set()
    loose: list[URIRef] = []  # records of no framework that the submission describes: units, standards ...
    for term in described.named:
        if isinstance(term, ox.NamedNode) and term.value.startswith(_ID):
            named = frameworks_of(term.value)
            frameworks.update(named)
            if term in described.subjects:
                if not named:
                    loose.append(URIRef(term.value))
            elif not named or term.value.startswith(_ID + "qualification/"):
                records.add(term.value)
    records.update(q.object.value for q in read.quads(_IN_SCHEME)
                   if isinstance(q.object, ox.NamedNode) and q.object not in described.subjects)
    # a qualification described here and in another graph is one record: its other description joins too
    elsewhere = with_values(load_query("submission-qualifications-elsewhere"), "framework",
                            [ids.framework_iri(s) for s in sorted(frameworks)])
    for row in store.select_values(with_values(elsewhere, "exclude", [exclude or read.graph])):
        if ox.NamedNode(row["record"]) in described.subjects:
            records.add(row["record"])
    # and so is a unit, a standard or an organisation described here and elsewhere
    if loose:
        records.update(str(r) for r in store.described_elsewhere(loose, exclude or read.graph))
    query = load_query("submission-context")
    query = with_values(query, "framework", [ids.framework_iri(s) for s in sorted(frameworks)])
    query = with_values(query, "record", [URIRef(r) for r in sorted(records)])
    query = with_values(query, "exclude", [exclude or read.graph])
    own = read.node
    return ((s, p, o) for s, p, o in _construct(store, query) if ox.Quad(s, p, o, own) not in read.data)


def _construct(store: GraphStore, query: str) -> Iterator[tuple[Any, Any, Any]]:
    """The triples a CONSTRUCT query gives, as pyoxigraph terms (straight from Oxigraph when the store is ours)."""
    if isinstance(store, EmbeddedStore):
        for t in store.raw_query(query):
            yield t.subject, t.predicate, t.object
        return
    for s, p, o in store.query(query).graph or Graph():
        yield to_ox(s), to_ox(p), to_ox(o)


def _context_digest(triples: Iterable[tuple[Any, Any, Any]]) -> str:
    """SHA-256 of a context's distinct triples in canonical N-Triples, in order: the same context, the same
    digest, so a check made again need not validate again when what it is validated with did not change."""
    lines = sorted({f"{s} {p} {o}" for s, p, o in triples})
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


@dataclass
class _Checked:
    """One check of a submission against the store as it was at ``generation`` (:attr:`GraphStore.generation`),
    with what writing it needs: the current version's N-Triples and the versions so far."""

    read: ReadSubmission
    report: Report
    context: str
    """:func:`_context_digest` of the context it was validated with."""
    generation: int
    current: bytes | None = None
    versions: list["VersionInfo"] = field(default_factory=list)


# -- the workflow ------------------------------------------------------------------------------------------------
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
        read.data.extend(ox.Quad(s, p, o, CONTEXT_GRAPH) for s, p, o in _context(self.store, read))
        shacl = validate_dataset(read.data, read.node, described=read.described)
        findings = []
        for v, node in zip(shacl.violations, shacl.results):
            if read.broken and (v.focus in read.broken or v.value in read.broken):
                continue  # about a template row already reported as a problem (see _records_of_rows)
            found = Finding.from_violation(v, self._origin(read, v))
            if v.shape in _DECISION_SHAPES:
                _place_at_decisions(read, v, found)
            found.describe_place(shacl.report_graph, node)  # the Turtle report and the stored one keep the cell
            findings.append(found)
        findings += read.warnings
        order = {"Violation": 0, "Warning": 1, "Info": 2}
        findings.sort(key=lambda f: order.get(f.severity, 3))  # stable: keeps the validator's order within each
        return Report(findings, shacl)

    @staticmethod
    def _origin(read: ReadSubmission, v: Violation) -> Problem | None:
        """The template cell a SHACL result is about: the row of its record, the column of its property."""
        found = read.origins.get(v.focus)
        if found is None:
            return Problem(read.files_of[v.focus], "") if v.focus in read.files_of else None
        sheet, row = found
        columns = _COLUMNS[sheet.kind]
        column = columns.get(v.path or "") or _SHAPE_COLUMNS.get(v.shape or "") or _ID_COLUMN[sheet.kind]
        return sheet.problem("", row, column)

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
                         before: "_Checked | None") -> "_Checked":
        """Read, authorise and validate against the store as it is now; ``before``: an earlier check, whose
        reading and report are kept when the store still gives the same context."""
        generation = self.store.generation
        # The current version, read from disk while the new one is checked: a new version is written as what
        # changed, which needs the old one (1 s at 100,000 triples).
        background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qualgraph-current-version")
        try:
            current = background.submit(self._current, sid)
            # A store that answers one query at a time (thread_safe False) is asked after validation.
            versions = background.submit(self._versions, sid) if self.store.thread_safe else None
            if before is None or before.read.origins:  # templates are read against the store: read them again
                read = read_submission(self.store, files, graph=sid.graph, limits=limits or self.limits)
                report, context = None, None
            else:
                read, report, context = before.read, before.report, before.context
            self.authorise(read, agency, frameworks)
            if report is None or _context_digest(_context(self.store, read)) != context:
                report = self._validate(read)
                context = _context_digest(
                    (q.subject, q.predicate, q.object) for q in read.data.quads_for_pattern(None, None, None,
                                                                                              CONTEXT_GRAPH))
            if not report.conforms:
                return _Checked(read, report, context, generation)
            previous = versions.result() if versions is not None else self._versions(sid)
            return _Checked(read, report, context, generation, current.result(), previous)
        finally:
            background.shutdown(wait=False)  # a refused submission does not wait for a read it will not use

    def _accept(self, sid: SubmissionId, checked: "_Checked", now: datetime | None) -> Outcome:
        """The outcome of a check; a conforming one is written (the caller holds the lock)."""
        read, report = checked.read, checked.report
        if not report.conforms:
            return Outcome(False, report, sid, triples=read.triples)
        previous = checked.versions
        number = (previous[-1].number + 1) if previous else 1
        self._write(sid, number, read, report, previous[-1] if previous else None, now or _now(), checked.current)
        return Outcome(True, report, sid, number, read.triples)

    def _current(self, sid: SubmissionId) -> bytes | None:
        """The submission's graph as N-Triples (None when it has none: a first version, or after a withdrawal)."""
        if not isinstance(self.store, EmbeddedStore) or not self.store.has_graph(sid.graph):
            return None
        return self.store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(sid.graph)))

    def _write(self, sid: SubmissionId, number: int, read: ReadSubmission, report: Report,
               previous: VersionInfo | None, now: datetime, current: bytes | None) -> None:
        """The new version and its provenance; ``current``: the graph as it is (:meth:`_current`)."""
        prov = _Provenance(self.provenance_graph)
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
        if report.shacl is not None:
            prov.report(URIRef(f"{version}/report"), version, report.shacl.report_graph)
        new = read.ntriples()
        if not isinstance(self.store, EmbeddedStore):
            self.store.update(f"DROP SILENT GRAPH <{sid.graph}> ;\nINSERT DATA {{\n"
                              f"GRAPH <{sid.graph}> {{\n{new.decode('utf-8')}}}\n"
                              f"GRAPH <{self.provenance_graph}> {{\n{_triples_text(prov.quads)}}}\n}}")
            return
        graph = ox.NamedNode(str(sid.graph))
        if current is None:
            # A first version goes to a graph nobody else writes: Oxigraph's bulk loader, from the N-Triples
            # Oxigraph wrote (not transactional, but undone by dropping the graph), then the provenance in one
            # small transaction.
            try:
                self.store.bulk_load(input=new, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
                self.store.extend(prov.quads)
            except BaseException:
                self.store.remove_graphs([sid.graph])
                raise
            return
        # A later version: one SPARQL Update (one transaction) writes only what changed. Dropping and refilling
        # the graph would rewrite every index entry of every triple twice (9 s at 100,000 triples).
        self.store.update(_replacement(sid.graph, current, new, inserted={self.provenance_graph: prov.quads}))

    # -- listing
    def _versions(self, sid: SubmissionId | None = None) -> list[VersionInfo]:
        return [v for info in self._read(sid) for v in info.versions]

    def _read(self, sid: SubmissionId | None = None) -> list[SubmissionInfo]:
        query = with_values(load_query("submission-versions"), "provenance", [self.provenance_graph])
        if sid is not None:
            query = with_values(query, "submission", [sid.iri])
        rows = self.store.select_values(query)
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

    def list(self, agency: str | None = None) -> list[SubmissionInfo]:
        """Every submission (or one agency's) with its versions, in id order."""
        return [i for i in self._read() if agency is None or i.id.agency == agency]

    def get(self, sid: SubmissionId) -> SubmissionInfo:
        """One submission with its versions and the report kept with its current version."""
        found = self._read(sid)
        if not found:
            raise SubmissionNotFound(f"there is no submission {sid}")
        info = found[0]
        info.report = self._stored_report(URIRef(info.current.iri))
        return info

    def _stored_report(self, version: URIRef) -> Report:
        query = load_query("submission-report")
        query = with_values(query, "provenance", [self.provenance_graph])
        query = with_values(query, "version", [version])
        graph = self.store.query(query).graph or Graph()
        for prefix, namespace in _REPORT_PREFIXES:
            graph.bind(prefix, namespace)
        labels = self._labels({o for o in graph.objects(None, SH.focusNode)})
        findings = [_finding_of_result(graph, r, labels) for r in graph.objects(None, SH.result)]
        findings.sort(key=lambda f: (f.severity != "Warning", f.focus_label or f.focus or "", f.message))
        notes: list[Finding] = []
        for file_node, note in graph.subject_objects(SKOS.note):
            name = str(graph.value(file_node, RDFS.label) or "")
            notes.append(Finding("Warning", str(graph.value(note, RDF.value) or ""), file=name).take_place(graph, note))
        described = set(graph.subjects(SKOS.note, None))
        for file_node in graph.subjects(RDFS.comment, None):
            if file_node in described:
                continue  # versions kept before places were: the note in words only
            name = str(graph.value(file_node, RDFS.label) or "")
            notes += [Finding("Warning", str(c), file=name) for c in graph.objects(file_node, RDFS.comment)]
        notes.sort(key=lambda f: (f.file or "", f.sheet or "", f.row or 0, str(f.column or ""), f.message))
        return Report(findings + notes, rdf=graph)

    def _labels(self, nodes: set[Node]) -> Graph:
        """Enough of the store to name the records of a stored report."""
        iris = [n for n in nodes if isinstance(n, URIRef)]
        if not iris:
            return Graph()
        query = load_query("submission-context")
        query = with_values(query, "framework", [])
        query = with_values(query, "record", iris)
        query = with_values(query, "exclude", [self.provenance_graph])
        return self.store.query(query).graph or Graph()

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
            stamp = ox.Literal((now or _now()).isoformat(), datatype=ox.NamedNode(str(XSD.dateTime)))
            version = URIRef(info.current.iri)
            activity = URIRef(f"{version}/withdrawal")
            prov = _Provenance(self.provenance_graph)
            prov.add(version, PROV.invalidatedAtTime, stamp)
            prov.add(version, PROV.wasInvalidatedBy, activity)
            prov.add(activity, RDF.type, PROV.Activity)
            prov.add(activity, PROV.wasAssociatedWith, ids.organisation_iri(by) if by != "admin" else sid.organisation)
            prov.add(activity, PROV.endedAtTime, stamp)
            prov.add(activity, RDFS.label, ox.Literal(f"withdrawal of {sid} by {by}"))
            self.store.update(f"DROP SILENT GRAPH <{sid.graph}> ;\nINSERT DATA {{ GRAPH <{self.provenance_graph}> {{\n"
                              f"{_triples_text(prov.quads)}}} }}")
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
        scratch.data.extend(ox.Quad(s, p, o, scratch.node) for s, p, o in _construct(self.store, described))
        scratch.data.extend(ox.Quad(s, p, o, CONTEXT_GRAPH) for s, p, o in _context(self.store, scratch, sid.graph))
        shacl = validate_dataset(scratch.data, scratch.node)
        submissions = {info.graph: str(info.id) for info in self._read()}
        found = []
        for v in shacl.violations:
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


_DANGLING_SHAPES = {"qgsh:NoDanglingLevel", "qgsh:NoDanglingFramework"}
_DECISION_SHAPES = {"qgsh:AtMostOneAcceptedDecisionPerLevel"}
"""Shapes whose focus is a level but whose fault lies in its decisions: reported at the decisions' rows."""
_SOURCE_LEVEL = ox.NamedNode(str(QG.sourceLevel))
_STATUS = ox.NamedNode(str(QG.status))
_ACCEPTED = ox.NamedNode(str(QGS.accepted))


def _place_at_decisions(read: ReadSubmission, v: Violation, found: Finding) -> None:
    """Point a finding about a level's decisions at the template rows of those decisions (all of them, in the
    message), not at the level's row: the rows to fix are in referencing.csv, not levels.csv."""
    if v.focus is None:
        return
    rows: list[tuple[Sheet, int]] = []
    for q in read.data.quads_for_pattern(None, _SOURCE_LEVEL, ox.NamedNode(v.focus), read.node):
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


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _version_number(iri: str) -> int:
    return int(iri.rstrip("/").rsplit("/", 1)[-1])


def _replacement(graph: URIRef, old: bytes, new: bytes, *, inserted: dict[URIRef, list[ox.Quad]]) -> str:
    """A SPARQL Update that turns ``graph`` from the N-Triples ``old`` into ``new`` and adds ``inserted``.

    Both texts are Oxigraph's own N-Triples (one triple a line, terms in one canonical form), so a triple is
    kept when its line is in both; lines are compared as bytes, only the changed ones decoded. Blank nodes
    cannot be matched across versions: every triple with one is deleted by pattern and the new ones inserted
    afresh.
    """
    before, after = set(old.split(b"\n")), set(new.split(b"\n"))
    before.discard(b"")
    after.discard(b"")
    blank_before, blank_after = b"_:" in old, b"_:" in new  # rare: most submissions name every node
    removed = [line for line in before - after if not (blank_before and _has_blank(line))]
    added = sorted(after - before | ({line for line in after if _has_blank(line)} if blank_after else set()))
    parts = []
    if blank_before and any(_has_blank(line) for line in before):
        parts.append(f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o "
                     "FILTER (isBlank(?s) || isBlank(?o)) } }")
    if removed:
        parts.append(f"DELETE DATA {{ GRAPH <{graph}> {{\n{_lines(removed)}\n}} }}")
    blocks = [f"GRAPH <{graph}> {{\n{_lines(added)}\n}}"] if added else []
    blocks += [f"GRAPH <{g}> {{\n{_triples_text(quads)}}}" for g, quads in inserted.items() if quads]
    if blocks:
        parts.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
    return " ;\n".join(parts)


def _lines(lines: list[bytes]) -> str:
    return b"\n".join(lines).decode("utf-8")


def _has_blank(line: bytes) -> bool:
    """Whether an N-Triples line has a blank node (as subject, or as object: a predicate never is one)."""
    return line.startswith(b"_:") or line.split(b" ", 2)[-1].startswith(b"_:")


def _triples_text(quads: Iterable[ox.Quad]) -> str:
    """The quads' triples in N-Triples syntax, for an INSERT DATA block (pyoxigraph writes each term escaped)."""
    return "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)


class _Provenance:
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


def _finding_of_result(graph: Graph, result: Node, labels: Graph) -> Finding:
    """A stored sh:ValidationResult as a Finding, with the place in the submitted files it was kept with."""
    focus = graph.value(result, SH.focusNode)
    value = graph.value(result, SH.value)
    path = graph.value(result, SH.resultPath)
    shape = graph.value(result, SH.sourceShape)
    return Finding(
        severity=SEVERITIES.get(graph.value(result, SH.resultSeverity), "Violation"),
        message=" ".join(sorted(str(m) for m in graph.objects(result, SH.resultMessage))),
        focus=None if focus is None else str(focus),
        focus_label=label_of(labels, focus),
        path=compact(path) if isinstance(path, URIRef) else None,
        value=None if value is None or value == focus else
        str(value) if isinstance(value, Literal) else compact(value),
        shape=compact(shape) if isinstance(shape, URIRef) else None,
        constraint=compact(graph.value(result, SH.sourceConstraintComponent)),
    ).take_place(graph, result)


_REPORT_PREFIXES = (("sh", str(SH)), ("qg", str(QG)), ("prov", str(PROV)), ("rdfs", str(RDFS)), ("skos", str(SKOS)),
                    ("spdx", SPDX), ("qgsh", "https://w3id.org/qualgraph/shapes#"))


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
