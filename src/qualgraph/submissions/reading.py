"""Reading a submission's files into RDF, refusing what is too large, unreadable or defined twice.

Everything that can be wrong with the input itself is found here, before the store is written or even asked
for more than the frameworks templates refer to; each problem is said at its file, line and column (or cell).
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF

from .. import ids
from ..input_limits import ExpandsTooMuch, InputLimits, InputRefused, check_rdf
from ..loading.sources import RDF_FORMATS, TEMPLATE_SUFFIXES
from ..report import Finding
from ..store import GraphStore
from ..vocab import QGID
from .cells import define, read_templates
from .model import (
    InvalidInput,
    Limits,
    MalformedInput,
    ReadSubmission,
    SubmissionError,
    SubmittedFile,
    TooLarge,
    UnsupportedInput,
)

VALIDATION_GRAPH = ids.graph_iri("validation")
"""The graph a submission checked with no name goes to (it is never written)."""

XLSX_MAX_PARTS = 1000
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MEDIA_TYPES = {"application/zip", "application/x-zip-compressed", "application/x-zip"}
_CHUNK = 64 * 1024
_ID = str(QGID)
_TYPE = ox.NamedNode(str(RDF.type))


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


# -- what a file is ----------------------------------------------------------------------------------------------
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


# -- sizes and zips ----------------------------------------------------------------------------------------------
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


# -- text and RDF ------------------------------------------------------------------------------------------------
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


# -- a submission ------------------------------------------------------------------------------------------------
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
            define(defined, iri, f.name, None, duplicates)
            result.files_of.setdefault(iri, f.name)
        result.data.update(f"ADD <{into.value}> TO <{target.value}> ; DROP GRAPH <{into.value}>")
    problems: list[Finding] = []
    if templates:
        with tempfile.TemporaryDirectory(prefix="qualgraph-submission-") as tmp:
            quads, problems = read_templates(store, templates, Path(tmp), graph, result, defined, duplicates)
            result.data.extend(quads)
    found = unreadable + duplicates + problems
    if unreadable:
        raise MalformedInput(_summary(found, "cannot be read"), found, read=result)
    if found:
        what = "defines a record twice" if not problems else "cannot become data"
        raise InvalidInput(_summary(found, what), found, read=result)
    return result


def _summary(findings: list[Finding], what: str) -> str:
    files = sorted({f.file for f in findings if f.file})
    n = len(findings)
    subject = ", ".join(files[:3]) + (" ..." if len(files) > 3 else "") if files else "the submission"
    return f"{subject} {what}: {n} problem{'s' if n != 1 else ''}; nothing was stored"
