"""The SPARQL service: runs SPARQL queries, updates and Graph Store operations for the web app and the CLI.

The routes in :mod:`qualgraph.web.sparql` and :mod:`qualgraph.web.graph_store` only translate HTTP into the
calls below (and the errors below into HTTP statuses), so ``qualgraph query`` can call the same functions.

* :func:`run_query` is the whole pipeline of one query on a pyoxigraph store: refuse federation, choose the
  dataset, evaluate, negotiate the result format, serialise with pyoxigraph (the results never become
  Python objects), cap the rows. It runs inside the query worker processes (:mod:`qualgraph.web.query_worker`)
  and, for an in-memory store, in a thread; so this module imports nothing heavy at load time.
* :class:`SparqlService` is what the app holds: :class:`EmbeddedSparqlService` on the embedded store (a warm
  pool of worker processes that can be killed when a query runs past the timeout), and
  :class:`StoreSparqlService` on any other :class:`~qualgraph.store.GraphStore` (the remote store).

Specifications: SPARQL 1.1 Protocol https://www.w3.org/TR/sparql11-protocol/ and Graph Store HTTP Protocol
https://www.w3.org/TR/sparql11-http-rdf-update/.
"""

from __future__ import annotations

import io
import re
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .input_limits import SPARQL_TOKEN, ExpandsTooMuch, InputLimits, InputRefused, check_rdf, check_sparql
from .sandbox import is_network_refusal, network_refused
from .store.base import QuerySyntaxError as StoreSyntaxError
from .web.negotiation import choose

if TYPE_CHECKING:
    from .config import Settings
    from .store import GraphStore
    from .store.embedded import EmbeddedStore

DEFAULT_MAX_ROWS = 10_000
"""Rows (or triples) a query may return unless ``max_rows`` says otherwise; ``0`` means no cap."""

TRUNCATED_HEADER = "X-SPARQL-MaxRows"
"""Response header set to the cap when a result was cut at ``max_rows`` rows (the results stay valid)."""


# -- errors: each carries the HTTP status the web layer answers with ----------------------------------------
class SparqlError(Exception):
    """A request the service cannot answer; ``status`` is the HTTP status, the message is for the user."""

    status = 400
    code = "error"


class QuerySyntaxError(SparqlError):
    """The query or update does not parse; the message is the parser's, with line and column."""

    code = "syntax"


class ProtocolError(SparqlError):
    """A request that breaks the SPARQL Protocol (two queries, a bad graph IRI, USING with using-graph-uri...)."""

    code = "protocol"


class FederationRefused(SparqlError):
    """A ``SERVICE`` (or ``LOAD``) that would make this server fetch from another host."""

    code = "federation"


class NotAcceptable(SparqlError):
    """None of the formats the client accepts can carry this kind of result."""

    status = 406
    code = "accept"


class UnsupportedMediaType(SparqlError):
    """A request body in a syntax the service does not read."""

    status = 415
    code = "media"


class QueryTimeout(SparqlError):
    """The query ran past the timeout and was stopped."""

    status = 503
    code = "timeout"


class ServiceBusy(SparqlError):
    """Every query worker stayed busy for the whole timeout."""

    status = 503
    code = "busy"


class QueryOutOfMemory(SparqlError):
    """The query's worker grew past its memory budget and was stopped (and replaced)."""

    status = 503
    code = "memory"


class TooManyQueries(SparqlError):
    """One client already has as many queries running or waiting as it may; ``Retry-After`` says when to retry."""

    status = 429
    code = "too-many"

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(max(1, retry_after))}


class RequestTooLarge(SparqlError):
    """A request body (or query string) longer than the setting named in the message allows."""

    status = 413
    code = "too-large"


class StoreFailure(SparqlError):
    """The store failed (disk, a worker that died); not the client's fault."""

    status = 500
    code = "store"


class GraphNotFound(SparqlError):
    """The Graph Store Protocol's 404: no such named graph."""

    status = 404
    code = "not-found"


class PayloadTooLarge(SparqlError):
    """A body that would grow past a limit once read (RDF/XML entities: setting ``max_entity_expansion_bytes``)."""

    status = 413
    code = "too-large"


ERRORS: dict[str, type[SparqlError]] = {
    cls.code: cls
    for cls in (
        SparqlError, QuerySyntaxError, ProtocolError, FederationRefused, NotAcceptable, UnsupportedMediaType,
        QueryTimeout, ServiceBusy, StoreFailure, GraphNotFound, PayloadTooLarge,
    )
}
"""Error classes by code, so that worker processes can send errors back as plain data."""


# -- result formats ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ResultFormat:
    """A serialisation the endpoint offers, with the names clients also use for it."""

    media_type: str
    name: str
    extension: str
    aliases: tuple[str, ...] = ()


SOLUTION_FORMATS: tuple[ResultFormat, ...] = (
    ResultFormat("application/sparql-results+json", "json", "srj", ("application/json",)),
    ResultFormat("application/sparql-results+xml", "xml", "srx", ("application/xml", "text/xml")),
    ResultFormat("text/csv", "csv", "csv"),
    ResultFormat("text/tab-separated-values", "tsv", "tsv"),
)
"""SELECT results, the first being what ``*/*`` gets (https://www.w3.org/TR/sparql11-protocol/#query-success)."""

BOOLEAN_FORMATS = SOLUTION_FORMATS
"""ASK results: JSON and XML as the results specifications define, CSV/TSV as the bare word ``true``/``false``."""

GRAPH_FORMATS: tuple[ResultFormat, ...] = (
    # Turtle is valid N3, so clients asking for N3 (SPARQLWrapper's N3) get Turtle.
    ResultFormat("text/turtle", "turtle", "ttl",
                 ("application/turtle", "application/x-turtle", "text/n3", "text/rdf+n3", "application/n3")),
    ResultFormat("application/n-triples", "ntriples", "nt"),
    ResultFormat("application/ld+json", "jsonld", "jsonld", ("application/x-json+ld", "application/json")),
    ResultFormat("application/rdf+xml", "rdfxml", "rdf", ("application/xml", "text/xml")),
)
"""CONSTRUCT and DESCRIBE results, and graphs of the Graph Store Protocol."""

DATASET_FORMATS: tuple[ResultFormat, ...] = (
    ResultFormat("application/n-quads", "nquads", "nq"),
    ResultFormat("application/trig", "trig", "trig"),
)
"""The whole store (Graph Store Protocol GET without a graph)."""

_FORMAT_PARAMETER: dict[str, tuple[str, ...]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "srj": ("application/sparql-results+json",),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "srx": ("application/sparql-results+xml",),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "turtle": ("text/turtle",),
    "ttl": ("text/turtle",),
    "n3": ("text/turtle",),
    "nt": ("application/n-triples",),
    "ntriples": ("application/n-triples",),
    "n-triples": ("application/n-triples",),
    "json-ld": ("application/ld+json",),
    "jsonld": ("application/ld+json",),
    "rdf": ("application/rdf+xml",),
    "rdfxml": ("application/rdf+xml",),
    "rdf+xml": ("application/rdf+xml",),
    "rdf/xml": ("application/rdf+xml",),
    "nq": ("application/n-quads",),
    "nquads": ("application/n-quads",),
    "trig": ("application/trig",),
}


def format_accept(value: str | None) -> str | None:
    """The Accept header a ``format`` parameter stands for (``json``, ``turtle``, a media type ...), or None.

    SPARQLWrapper sends ``format=json`` / ``xml`` / ``turtle`` / ``n3`` / ``rdf+xml`` / ``json-ld`` / ``csv`` /
    ``tsv``; ``xml`` and ``json`` name both the results format and the RDF format of the same family, and
    the query form decides which one applies. Unknown values are ignored (None), as the protocol asks.
    """
    if not value:
        return None
    key = value.strip().lower()
    if key in _FORMAT_PARAMETER:
        return ", ".join(_FORMAT_PARAMETER[key])
    if "/" in key:
        return key
    return None


def offers_for(kind: str) -> tuple[ResultFormat, ...]:
    """The formats for a result kind: ``solutions``, ``boolean``, ``graph`` or ``dataset``."""
    return {"solutions": SOLUTION_FORMATS, "boolean": BOOLEAN_FORMATS, "graph": GRAPH_FORMATS,
            "dataset": DATASET_FORMATS}[kind]


@lru_cache(maxsize=512)
def negotiate(accept: str | None, kind: str) -> str:
    """The media type to answer with, or :class:`NotAcceptable` naming what could be produced.

    Cached: clients send the same few Accept headers over and over (errors are not cached).
    """
    formats = offers_for(kind)
    aliases = {a: f.media_type for f in formats for a in f.aliases}
    chosen = choose(accept, [f.media_type for f in formats], aliases)
    if chosen is None:
        names = {"solutions": "SELECT results", "boolean": "ASK results", "graph": "an RDF graph",
                 "dataset": "an RDF dataset"}[kind]
        raise NotAcceptable(
            f"{names} can be returned as {', '.join(f.media_type for f in formats)}; "
            f"the request accepts none of them (Accept: {accept})"
        )
    return chosen


# -- a small SPARQL lexer ---------------------------------------------------------------------------------
# It splits query text into the tokens that matter for the checks below (keywords, braces, ';') and skips
# strings, IRIs, comments, variables, prefixed names, blank nodes, language tags and numbers *as tokens*,
# so a keyword is found exactly where the SPARQL grammar has one (https://www.w3.org/TR/sparql11-query/#grammar):
# not in `ex:service`, `?from`, "FROM ..." or a comment, but in `5SERVICE` or `?o.SERVICE`. It is not a parser:
# whatever it lets through still goes to Oxigraph's parser.
_TOKEN = SPARQL_TOKEN  # the lexer lives in qualgraph.input_limits, whose depth check reads it too


@dataclass(frozen=True)
class _Tok:
    text: str  # upper-cased keyword, or the punctuation
    start: int
    end: int
    depth: int  # brace depth before the token


def _tokens(text: str) -> list[_Tok]:
    """Keywords and ``{``/``}``/``;`` of a query or update, with their brace depth."""
    out: list[_Tok] = []
    depth = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "word":
            out.append(_Tok(m.group().upper(), m.start(), m.end(), depth))
        elif kind == "punct":
            p = m.group()
            if p == "}":
                depth -= 1
            out.append(_Tok(p, m.start(), m.end(), depth))
            if p == "{":
                depth += 1
    return out


def has_dataset_clause(query: str) -> bool:
    """True when the query chooses its own dataset (``FROM`` / ``FROM NAMED``)."""
    # This runs for every query. A FROM clause is followed by an IRI: text without "FROM <" or "FROM prefix:"
    # needs no tokenizing (comments saying "from" are common); text with it is tokenized to be sure.
    if not _FROM_CLAUSE.search(query):
        return False
    return any(m.lastgroup == "word" and m.group().upper() == "FROM" for m in _TOKEN.finditer(query))


_FROM_CLAUSE = re.compile(r"(?i)\bfrom\s+(?:named\s+)?(?:<|[^\W\d][\w.\-]*:|:)")


# -- federation: SERVICE and LOAD make Oxigraph fetch a URL -------------------------------------------------
# Where no endpoint is allowed, the code that runs SPARQL on the embedded store has no route out at all
# (qualgraph.sandbox): that is the guarantee, whatever the spelling. The check below is the early refusal
# with a clear message. It reads the text with rdflib's SPARQL grammar (a real parser, which reads
# `SERVICE:x` as SERVICE + `:x` like Oxigraph does), and where nothing else stops a fetch (an allow list, the
# remote store, a platform without the sandbox) it fails closed: a text it cannot read is refused.
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape_codepoints(text: str) -> str:
    """The text with SPARQL's ``\\uXXXX`` / ``\\UXXXXXXXX`` escapes replaced. The spec replaces them before
    parsing (https://www.w3.org/TR/sparql11-query/#codepointEscape) and rdflib does; Oxigraph only inside
    IRIs and strings. The checks look at both readings."""
    if "\\u" not in text and "\\U" not in text:
        return text

    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group()

    return _CODEPOINT_ESCAPE.sub(char, text)


def may_fetch(text: str) -> bool:
    """False when the text cannot make the engine fetch anything: no ``service`` nor ``load`` in any letter
    case, escaped or not (the engine's keywords are ASCII, case-insensitive). The one test every query pays."""
    lower = _unescape_codepoints(text).lower()
    return "service" in lower or "load" in lower


def _fetching_keywords(text: str) -> tuple[list[str], bool]:
    """``SERVICE`` and ``LOAD`` keywords as ``_TOKEN`` reads them, and whether ``service`` / ``load`` occur
    anywhere but in string literals and comments; in the text as written and with its codepoint escapes
    replaced (whichever shows more). Letters only in strings and comments ("customer service") cannot be a
    keyword, so such a text needs no parser."""
    keywords: list[str] = []
    outside = False
    for variant in dict.fromkeys((text, _unescape_codepoints(text))):
        found: list[str] = []
        kept: list[str] = []
        last = 0
        for m in _TOKEN.finditer(variant):
            token = m.group()
            if m.lastgroup == "word":
                word = token.upper()
                if word in ("SERVICE", "LOAD"):
                    found.append(word)
            elif token[0] in "\"'#":
                kept.append(variant[last:m.start()])
                last = m.end()
        kept.append(variant[last:])
        lower = " ".join(kept).lower()
        outside = outside or "service" in lower or "load" in lower
        keywords = found if len(found) > len(keywords) else keywords
    return keywords, outside


_PARSE_CACHE_MAX_CHARS = 64 * 1024
"""Texts up to this size keep their parse in a small cache (rdflib takes ~25 ms on a short query)."""


def _service_iris(text: str, update: bool) -> tuple[str | None, ...] | None:
    """The IRI of each SERVICE and LOAD (None for a variable), from rdflib's algebra; None if rdflib cannot
    read the text. Prefixes and BASE are resolved as rdflib resolves them; a relative IRI stays relative."""
    if len(text) <= _PARSE_CACHE_MAX_CHARS:
        return _service_iris_cached(text, update)
    return _parse_service_iris(text, update)


@lru_cache(maxsize=256)
def _service_iris_cached(text: str, update: bool) -> tuple[str | None, ...] | None:
    return _parse_service_iris(text, update)


def _parse_service_iris(text: str, update: bool) -> tuple[str | None, ...] | None:
    try:
        from rdflib import URIRef
        from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
        from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
        from rdflib.plugins.sparql.parserutils import CompValue

        algebra: Any = translateUpdate(parseUpdate(text)).algebra if update else translateQuery(parseQuery(text)).algebra
    except Exception:  # noqa: BLE001 - rdflib's parser is stricter than Oxigraph's (SPARQL 1.2 syntax...)
        return None
    found: list[str | None] = []

    def walk(node: Any) -> None:
        if isinstance(node, CompValue):
            if node.name in ("ServiceGraphPattern", "Load"):
                term = node.get("term") if node.name == "ServiceGraphPattern" else node.get("iri")
                found.append(str(term) if isinstance(term, URIRef) else None)
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                walk(value)

    walk(algebra)
    return tuple(found)


@dataclass(frozen=True)
class _Endpoint:
    """An http(s) IRI as an HTTP client reaches it: scheme, host, port and path segments (normalised)."""

    scheme: str
    host: str
    port: int | None  # None: any port (an allow-list entry written "http://host:")
    segments: tuple[str, ...]


_DEFAULT_PORTS = {"http": 80, "https": 443}
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 §5.2.4: ``/a/b/../c/./d`` is ``/a/c/d``."""
    out: list[str] = []
    for segment in path.split("/")[1:]:
        if segment == "..":
            if out:
                out.pop()
        elif segment != ".":
            out.append(segment)
    if path.endswith(("/..", "/.")):
        out.append("")
    return "/" + "/".join(out)


def _endpoint(iri: str, *, entry: bool = False) -> _Endpoint | None:
    """``iri`` read as RFC 3986 compares endpoints (scheme and host lower-cased, host IDNA-encoded, default
    port filled in, unreserved percent-escapes decoded, dot-segments removed); None when it is no http(s)
    IRI, carries userinfo (``http://allowed@evil/``), or is spelled so that HTTP stacks may read it
    differently (backslashes, spaces, an escaped host, an escaped slash or backslash in the path)."""
    from urllib.parse import urlsplit

    if any(c <= " " or c == "\\" for c in iri):
        return None
    try:
        parts = urlsplit(iri)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    netloc = parts.netloc
    if scheme not in _DEFAULT_PORTS or "@" in netloc or "%" in netloc or not parts.hostname:
        return None
    host = parts.hostname[:-1] if parts.hostname.endswith(".") else parts.hostname
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    if port is None and not (entry and netloc.endswith(":")):
        port = _DEFAULT_PORTS[scheme]
    if re.search(r"%(?:2[Ff]|5[Cc])", parts.path):
        return None
    path = _PERCENT.sub(lambda m: chr(int(m.group(1), 16)) if chr(int(m.group(1), 16)) in _UNRESERVED
                        else "%" + m.group(1).upper(), parts.path or "/")
    segments = tuple(_remove_dot_segments(path).split("/")[1:])
    if entry and segments and segments[-1] == "":
        segments = segments[:-1]  # "http://host/sparql/" allows what is under /sparql/
    return _Endpoint(scheme, host.lower(), port, segments)


@lru_cache(maxsize=32)
def _allowed_endpoints(allow: tuple[str, ...]) -> tuple[_Endpoint, ...]:
    """The allow-list entries as endpoints (an entry that is no http(s) IRI allows nothing)."""
    return tuple(e for e in (_endpoint(entry, entry=True) for entry in allow) if e is not None)


def service_allowed(iri: str | None, allow: Sequence[str]) -> bool:
    """Whether ``iri`` is under one of the ``allow`` entries: same scheme, host and port, and the entry's path
    segments a prefix of the IRI's (``/allowed/../other`` is ``/other``, not under ``/allowed``)."""
    if "*" in allow:
        return True
    endpoint = _endpoint(iri) if iri else None
    if endpoint is None:
        return False
    return any(endpoint.scheme == a.scheme and endpoint.host == a.host and a.port in (None, endpoint.port)
               and endpoint.segments[:len(a.segments)] == a.segments for a in _allowed_endpoints(tuple(allow)))


NO_ROUTE_MESSAGE = ("federated SERVICE and LOAD requests are refused by this endpoint: it has no route to other "
                    "hosts; an administrator can allow endpoints with QUALGRAPH_ALLOW_SERVICE")
"""The answer when the engine tried to fetch and the sandbox refused it (a spelling the check did not read)."""


def check_federation(text: str, allow: Sequence[str], *, update: bool = False, sandboxed: bool = False) -> None:
    """Refuse SERVICE and LOAD to endpoints not allowed by ``allow`` (http(s) IRIs; ``*`` = any).

    Oxigraph evaluates ``SERVICE <http://...>`` by making an HTTP request itself, so an open endpoint would
    let anyone make this server fetch from hosts it can reach (other machines on its network included).
    ``sandboxed``: the text will run where sockets are refused (:mod:`qualgraph.sandbox`); then this is the
    early, friendly refusal and lets a text it cannot read go on (the sandbox stops it). Otherwise it is the
    only guard, and refuses a text that mentions ``service`` or ``load`` and that rdflib cannot read, whose
    keywords the two readings count differently, or with a SERVICE / LOAD IRI (variable or not) outside
    ``allow``.
    """
    if "*" in allow or not may_fetch(text):
        return
    keywords, outside_strings = _fetching_keywords(text)
    if not keywords and not outside_strings:
        return
    hint = ("an administrator can allow endpoints with QUALGRAPH_ALLOW_SERVICE (http(s) IRIs, or *)")
    what = (("federated SERVICE queries" if "SERVICE" in keywords else "LOAD requests") if keywords
            else "federated SERVICE and LOAD requests")
    if not allow:
        refused = FederationRefused(f"{what} are refused by this endpoint, so that it cannot be used to reach "
                                    f"other machines; {hint}")
        if keywords:
            raise refused
        iris = _service_iris(text, update)
        if iris or (iris is None and not sandboxed):
            raise refused
        return
    iris = _service_iris(text, update)
    if iris is None or len(keywords) > len(iris):
        raise FederationRefused(f"{what} are refused unless their endpoint can be checked, and this text "
                                f"could not be read for that; {hint}")
    for iri in iris:
        if not service_allowed(iri, allow):
            raise FederationRefused(f"{what} to {iri or 'a variable endpoint'} are refused; {hint}")


def apply_update_dataset(update: str, using: Sequence[str], using_named: Sequence[str]) -> str:
    """Apply the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` to every DELETE/INSERT of an update.

    SPARQL 1.1 Protocol §2.2.3 (https://www.w3.org/TR/sparql11-protocol/#update-dataset): the parameters
    set the dataset of each operation's WHERE clause, and an update that also has USING, USING NAMED or
    WITH is an error. pyoxigraph's ``update()`` has no such parameters, so each modify operation gets
    ``USING <g>`` clauses written before its WHERE (``DELETE WHERE {P}`` becomes ``DELETE {P} USING .. WHERE
    {P}``); the graph IRIs are checked first, so nothing but an IRI is ever written into the text.
    """
    if not using and not using_named:
        return update
    for iri in (*using, *using_named):
        check_iri(iri, "using-graph-uri")
    clause = "".join(f" USING <{g}>" for g in using) + "".join(f" USING NAMED <{g}>" for g in using_named) + " "
    toks = _tokens(update)
    operations: list[list[_Tok]] = [[]]
    for t in toks:
        if t.text == ";" and t.depth == 0:
            operations.append([])
        else:
            operations[-1].append(t)
    edits: list[tuple[int, int, str]] = []
    for op in operations:
        top = [t for t in op if t.depth == 0 and t.text not in ("{", "}")]
        words = [t for t in top if t.text not in ("PREFIX", "BASE")]
        if not words:
            continue
        first = words[0]
        if first.text == "WITH" or any(t.text == "USING" for t in words):
            raise ProtocolError(
                "using-graph-uri / using-named-graph-uri cannot be combined with an update that has its own "
                "USING, USING NAMED or WITH clause (SPARQL 1.1 Protocol, section 2.2.3)"
            )
        if first.text not in ("DELETE", "INSERT") or len(words) < 2 or words[1].text == "DATA":
            continue
        if first.text == "DELETE" and words[1].text == "WHERE":
            where = words[1]
            opening = next((t for t in op if t.start > where.start and t.text == "{" and t.depth == 0), None)
            closing = next((t for t in op if opening and t.start > opening.start and t.text == "}" and t.depth == 0),
                           None)
            if opening is None or closing is None:
                continue  # malformed: let the parser say so
            pattern = update[opening.start:closing.end]
            edits.append((first.end, first.end, f" {pattern}{clause}"))
        else:
            where = next((t for t in words[1:] if t.text == "WHERE"), None)
            if where is not None:
                edits.append((where.start, where.start, clause))
    for start, end, text in sorted(edits, reverse=True):
        update = update[:start] + text + update[end:]
    return update


_IRI_OK = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*$")


def check_iri(iri: str, parameter: str) -> str:
    if not _IRI_OK.match(iri):
        raise ProtocolError(f"{parameter} must be an absolute IRI, not {iri!r}")
    return iri


# -- one query on a pyoxigraph store --------------------------------------------------------------------
@dataclass(frozen=True)
class QueryRequest:
    """One SPARQL Protocol query operation, as plain data (it crosses process boundaries)."""

    query: str
    accept: str | None = None
    """The Accept header (or what a ``format`` parameter stands for); None means anything."""
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None
    """Base for relative IRIs in the query: the endpoint's URL, as the protocol suggests."""


@dataclass(frozen=True)
class QueryAnswer:
    """A serialised result, ready to send."""

    body: bytes
    media_type: str
    kind: str  # solutions, boolean or graph
    truncated_at: int | None = None
    """The row cap, when the result was cut there."""
    timing: str | None = None
    """How a query worker answered, as a ``Server-Timing`` header value (W3C Server Timing): its time
    evaluating and serialising, and whether it read the in-memory copy or the disk."""


@dataclass(frozen=True)
class QueryLimits:
    """What an operator limits: result size and federation. Plain data, sent to the worker processes."""

    max_rows: int | None = DEFAULT_MAX_ROWS
    allow_service: tuple[str, ...] = ()
    input: InputLimits = InputLimits()
    """Nesting depth of a query or update (setting ``max_nesting_depth``), checked before Oxigraph parses it."""


class _Enough(Exception):
    """Raised from the output sink to stop pyoxigraph's serialisation (and evaluation) early."""


class _Sink(io.RawIOBase):
    """Where pyoxigraph writes a result: stops it after ``max_lines`` lines or past ``deadline``."""

    def __init__(self, max_lines: int | None = None, deadline: float | None = None) -> None:
        super().__init__()
        self.parts: list[bytes] = []
        self.lines = 0
        self.max_lines = max_lines
        self.deadline = deadline
        self.overtime = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.parts.append(chunk)
        if self.deadline is not None and time.monotonic() > self.deadline:
            self.overtime = True
            raise _Enough()
        if self.max_lines is not None:
            self.lines += chunk.count(b"\n")
            if self.lines >= self.max_lines:
                raise _Enough()
        return len(chunk)

    def value(self) -> bytes:
        return b"".join(self.parts)


def _keep_lines(data: bytes, count: int) -> tuple[bytes, bool]:
    """The first ``count`` complete lines of ``data``, and whether complete lines were left out."""
    lines = data.split(b"\n")
    complete = len(lines) - 1
    if complete <= count:
        return data, False
    return b"\n".join(lines[:count]) + b"\n", True


def _results_format(media_type: str) -> ox.QueryResultsFormat:
    return ox.QueryResultsFormat.from_media_type(media_type)


def _rdf_format(media_type: str) -> ox.RdfFormat:
    return ox.RdfFormat.from_media_type(media_type)


def _serialise_solutions(result: ox.QuerySolutions, media_type: str, max_rows: int | None,
                         deadline: float | None) -> tuple[bytes, int | None]:
    fmt = _results_format(media_type)
    if not max_rows:
        sink = _Sink(deadline=deadline)
        result.serialize(sink, format=fmt)
        return sink.value(), None
    if not result.variables:
        # No variables: every row is empty, and TSV cannot tell one empty row from none.
        rows = sum(1 for _ in islice(result, max_rows + 1))
        kept = min(rows, max_rows)
        return _empty_rows(kept, fmt), (max_rows if rows > max_rows else None)
    # Rows are counted in TSV (one line per row; pyoxigraph escapes line breaks in values), then the kept
    # rows are parsed and written in the requested format, all inside pyoxigraph.
    sink = _Sink(max_lines=max_rows + 2, deadline=deadline)
    try:
        result.serialize(sink, format=ox.QueryResultsFormat.TSV)
    except _Enough:
        if sink.overtime:
            raise
    tsv, cut = _keep_lines(sink.value(), max_rows + 1)
    if fmt == ox.QueryResultsFormat.TSV:
        return tsv, (max_rows if cut else None)
    parsed = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    return parsed.serialize(format=fmt), (max_rows if cut else None)


def _empty_rows(count: int, fmt: ox.QueryResultsFormat) -> bytes:
    if fmt == ox.QueryResultsFormat.JSON:
        return b'{"head":{"vars":[]},"results":{"bindings":[' + b",".join([b"{}"] * count) + b"]}}"
    if fmt == ox.QueryResultsFormat.XML:
        return (b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/><results>'
                + b"<result/>" * count + b"</results></sparql>")
    newline = b"\r\n" if fmt == ox.QueryResultsFormat.CSV else b"\n"
    return newline * (count + 1)


def _serialise_triples(result: ox.QueryTriples, media_type: str, max_rows: int | None,
                       deadline: float | None) -> tuple[bytes, int | None]:
    fmt = _rdf_format(media_type)
    if not max_rows:
        sink = _Sink(deadline=deadline)
        result.serialize(sink, format=fmt)
        return sink.value(), None
    sink = _Sink(max_lines=max_rows + 1, deadline=deadline)
    try:
        result.serialize(sink, format=ox.RdfFormat.N_TRIPLES)
    except _Enough:
        if sink.overtime:
            raise
    nt, cut = _keep_lines(sink.value(), max_rows)
    if fmt == ox.RdfFormat.N_TRIPLES:
        return nt, (max_rows if cut else None)
    triples = [q.triple for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)]
    return ox.serialize(triples, format=fmt), (max_rows if cut else None)


def check_nesting(text: str, limits: QueryLimits, *, update: bool = False) -> None:
    """Refuse (400) a query or update nested too deep for Oxigraph's parser, which would crash the process."""
    try:
        check_sparql(text, what="the update" if update else "the query", limits=limits.input)
    except InputRefused as e:
        raise QuerySyntaxError(str(e)) from None


def run_query(store: ox.Store, request: QueryRequest, limits: QueryLimits,
              deadline: float | None = None) -> QueryAnswer:
    """Evaluate one query and serialise its result in the negotiated format.

    The dataset: the protocol's ``default-graph-uri`` / ``named-graph-uri`` when given (they override the
    query's FROM, as the protocol says); else the query's own FROM / FROM NAMED; else qualgraph's default
    graph, the union of all named graphs. ``deadline`` (monotonic seconds) stops a query that is still
    writing results; it cannot stop one that computes for long before its first result (only killing the
    worker process can: see :mod:`qualgraph.web.query_worker`).
    """
    check_nesting(request.query, limits)
    check_federation(request.query, limits.allow_service, sandboxed=network_refused())
    kwargs: dict[str, Any] = {}
    if request.base_iri:
        kwargs["base_iri"] = request.base_iri
    if request.default_graphs or request.named_graphs:
        kwargs["default_graph"] = [ox.NamedNode(check_iri(g, "default-graph-uri")) for g in request.default_graphs]
        kwargs["named_graphs"] = [ox.NamedNode(check_iri(g, "named-graph-uri")) for g in request.named_graphs]
    elif not has_dataset_clause(request.query):
        kwargs["use_default_graph_as_union"] = True
    try:
        result = store.query(request.query, **kwargs)
        if isinstance(result, ox.QueryBoolean):
            media_type = negotiate(request.accept, "boolean")
            body = result.serialize(format=_results_format(media_type))
            return QueryAnswer(body, media_type, "boolean")
        if isinstance(result, ox.QuerySolutions):
            media_type = negotiate(request.accept, "solutions")
            body, cut = _serialise_solutions(result, media_type, limits.max_rows, deadline)
            return QueryAnswer(body, media_type, "solutions", cut)
        media_type = negotiate(request.accept, "graph")
        body, cut = _serialise_triples(result, media_type, limits.max_rows, deadline)
        return QueryAnswer(body, media_type, "graph", cut)
    except SyntaxError as e:
        raise QuerySyntaxError(f"the query does not parse: {e.msg if hasattr(e, 'msg') else e}") from None
    except _Enough:
        raise QueryTimeout("the query ran past the time limit and was stopped") from None
    except OSError as e:
        if network_refused() and may_fetch(request.query) and is_network_refusal(e):
            raise FederationRefused(NO_ROUTE_MESSAGE) from None
        raise StoreFailure(f"the query failed while reading the store or a service: {e}") from None
    except ValueError as e:
        raise ProtocolError(str(e)) from None


# -- the service the app holds --------------------------------------------------------------------------
class SparqlService(ABC):
    """Runs SPARQL for the web app and the CLI, whatever the store."""

    #: True when a query past the timeout is really stopped (worker processes, or the remote server's limit).
    stoppable: bool = False

    def __init__(self, *, timeout: float, limits: QueryLimits) -> None:
        self.timeout = timeout
        self.limits = limits

    @abstractmethod
    def query(self, request: QueryRequest) -> QueryAnswer:
        """Answer one query; errors are :class:`SparqlError` subclasses."""

    async def aquery(self, request: QueryRequest) -> QueryAnswer:
        """:meth:`query` for async callers (the web routes); by default in a thread."""
        import asyncio

        return await asyncio.to_thread(self.query, request)

    @abstractmethod
    def update(self, text: str, *, base_iri: str | None = None, using: Sequence[str] = (),
               using_named: Sequence[str] = ()) -> None:
        """Run a SPARQL Update atomically. Callers check the administrator's token first."""

    def close(self) -> None:
        """Stop worker processes and connections (the store itself belongs to whoever opened it)."""


def _resolve_limits(settings: "Settings") -> tuple[float, QueryLimits, int]:
    """Timeout, limits and worker count; plain ``Settings`` (without the web fields of ``ServiceSettings``)
    get the defaults."""
    import os

    max_rows = getattr(settings, "max_rows", DEFAULT_MAX_ROWS)
    allow = getattr(settings, "allow_service", "") or ""
    if isinstance(allow, str):
        allow = tuple(p.strip() for p in allow.replace(",", " ").split() if p.strip())
    workers = getattr(settings, "query_workers", None)
    if workers is None:
        # Two per core: a worker sits idle while the server takes its answer and hands it the next query;
        # with one per core the 2-core bench machine answered 110 req/s, with two 175-207 (bench/README.md).
        workers = 2 * max(1, os.cpu_count() or 1)
    limits = QueryLimits(max_rows or None, tuple(allow), InputLimits.from_settings(settings))
    return float(settings.query_timeout), limits, int(workers)


def _run_query_here(store: ox.Store, request: QueryRequest, limits: QueryLimits, deadline: float) -> QueryAnswer:
    """:func:`run_query` on a thread of its own: pyoxigraph's results must be dropped on the thread that made
    them, so the frames of a failure (which hold them) are cleared here before the error moves on."""
    try:
        return run_query(store, request, limits, deadline)
    except BaseException as e:
        import traceback

        seen: BaseException | None = e
        for _ in range(16):  # the error and the ones it was raised from ("from None" keeps them as context)
            if seen is None:
                break
            traceback.clear_frames(seen.__traceback__)
            seen = seen.__cause__ or seen.__context__
        raise


class EmbeddedSparqlService(SparqlService):
    """SPARQL on the embedded Oxigraph store.

    On disk, queries run in a warm pool of worker processes that open the store read-only; one that runs
    past the timeout is killed and replaced (:class:`~qualgraph.web.query_worker.WorkerPool`). Each worker
    answers from an in-memory copy of a store of up to ``replica_max_quads`` quads, current with every write.
    In memory (``EmbeddedStore(None)``, tests and tools) nothing can share the store with another process, so queries
    run in the calling thread and the timeout is only checked while results are written: a query that
    computes for long before its first result cannot be stopped there. Updates always run on the main store,
    one at a time; Oxigraph makes each one atomic, and the workers see it on their next query.
    """

    def __init__(self, store: "EmbeddedStore", *, timeout: float, limits: QueryLimits, workers: int = 2,
                 replica_max_quads: int = 0, worker_max_memory: int | None = None,
                 client_max_queries: int | None = None, client_max_workers: int | None = None) -> None:
        super().__init__(timeout=timeout, limits=limits)
        self.store = store
        self.write_lock = threading.Lock()
        self._pool = None
        if store.path is not None and workers > 0:
            from .web.query_worker import WorkerPool

            self._pool = WorkerPool(store.path, size=workers, limits=limits, replica_max_quads=replica_max_quads,
                                    max_memory=worker_max_memory, client_max_queries=client_max_queries,
                                    client_max_workers=client_max_workers)
            self._pool.start()
            self.stoppable = True
        self._no_network: Any = None
        """Without an allow list, SPARQL that runs in this process (updates; queries on an in-memory store)
        runs on threads that cannot open network sockets (:mod:`qualgraph.sandbox`); the workers, likewise."""
        if not limits.allow_service:
            from .sandbox import no_network_executor

            threads = 1 if self._pool is not None else max(2, workers)
            self._no_network = no_network_executor(threads, "qualgraph-sparql-no-network")

    def query(self, request: QueryRequest) -> QueryAnswer:
        if self._pool is not None:
            return self._pool.run(request, self.timeout)
        deadline = time.monotonic() + self.timeout
        if self._no_network is not None:
            return self._no_network.submit(_run_query_here, self.store.oxigraph, request, self.limits,
                                           deadline).result()
        return run_query(self.store.oxigraph, request, self.limits, deadline=deadline)

    async def aquery(self, request: QueryRequest) -> QueryAnswer:
        if self._pool is not None:
            return await self._pool.arun(request, self.timeout)
        return await super().aquery(request)

    def update(self, text: str, *, base_iri: str | None = None, using: Sequence[str] = (),
               using_named: Sequence[str] = ()) -> None:
        sandboxed = self._no_network is not None and self._no_network.submit(network_refused).result()
        check_nesting(text, self.limits, update=True)
        check_federation(text, self.limits.allow_service, update=True, sandboxed=sandboxed)
        text = apply_update_dataset(text, using, using_named)
        with self.write_lock:
            try:
                self._write(text, base_iri, sandboxed)
            except StoreSyntaxError as e:
                raise QuerySyntaxError(f"the update does not parse: {e.server_message}") from None
            except OSError as e:
                raise StoreFailure(f"the update failed and changed nothing: {e}") from None

    def _write(self, text: str, base_iri: str | None, sandboxed: bool) -> None:
        """The store's update, on the no-network thread when there is one: a LOAD or SERVICE spelled so that
        the check missed it fails to connect, and is answered as refused federation."""
        if self._no_network is None:
            self.store.update(text, base_iri=base_iri)
            return
        try:
            self._no_network.submit(self.store.update, text, base_iri=base_iri).result()
        except OSError as e:
            if sandboxed and may_fetch(text) and is_network_refusal(e):
                raise FederationRefused(NO_ROUTE_MESSAGE) from None
            raise

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self._no_network is not None:
            self._no_network.shutdown(wait=False, cancel_futures=True)


class StoreSparqlService(SparqlService):
    """SPARQL on any other :class:`~qualgraph.store.GraphStore`: the remote store, or a store of tests.

    On a store with a ``query_endpoint`` (the remote store), a query is forwarded to that endpoint as a
    SPARQL Protocol request with its dataset parameters and the client's Accept header, and the server's
    answer is passed back as it is: the server evaluates, negotiates, caps rows (Virtuoso's
    ``ResultSetMaxRows``) and times out (``oxigraph serve --timeout-s``, Virtuoso's ``MaxQueryExecutionTime``:
    set it to ``query_timeout``, since a server keeps computing after qualgraph stops waiting). Forwarding
    keeps the protocol's dataset exact: ``oxigraph serve --union-default-graph`` ignores FROM clauses but
    honours ``default-graph-uri``. Otherwise the store's ``query()`` runs (dataset parameters become FROM /
    FROM NAMED) and pyoxigraph writes the result in the negotiated format.
    """

    def __init__(self, store: "GraphStore", *, timeout: float, limits: QueryLimits) -> None:
        super().__init__(timeout=timeout, limits=limits)
        self.store = store
        self.endpoint: str | None = getattr(store, "query_endpoint", None)
        self._http: Any = None
        if self.endpoint:
            import httpx

            self._http = httpx.Client(timeout=httpx.Timeout(timeout, connect=10.0))
        self.stoppable = True

    def query(self, request: QueryRequest) -> QueryAnswer:
        from .store import StoreError

        check_nesting(request.query, self.limits)
        check_federation(request.query, self.limits.allow_service)
        text = request.query
        if request.base_iri:
            text = f"BASE <{check_iri(request.base_iri, 'base')}>\n{text}"
        if self.endpoint:
            return self._forward(text, request)
        if request.default_graphs or request.named_graphs:
            text = _with_dataset(text, request.default_graphs, request.named_graphs)
        try:
            result = self.store.query(text)
        except StoreError as e:
            raise _store_error(e) from None
        return _serialise_rdflib(result, request.accept, self.limits.max_rows)

    def _forward(self, text: str, request: QueryRequest) -> QueryAnswer:
        import httpx

        data = {"query": text,
                "default-graph-uri": [check_iri(g, "default-graph-uri") for g in request.default_graphs],
                "named-graph-uri": [check_iri(g, "named-graph-uri") for g in request.named_graphs]}
        try:
            response = self._http.post(self.endpoint, data=data, headers={"Accept": request.accept or "*/*"})
        except httpx.TimeoutException:
            raise QueryTimeout(f"the SPARQL server at {self.endpoint} did not answer within {self.timeout:g} s"
                               ) from None
        except httpx.HTTPError as e:
            raise StoreFailure(f"the SPARQL server at {self.endpoint} could not be reached: {e}") from None
        message = f"the SPARQL server at {self.endpoint} answered {response.status_code}: {response.text[:2000]}"
        if response.status_code == 200:
            media_type = response.headers.get("content-type", "application/octet-stream").split(";")[0].strip()
            return QueryAnswer(response.content, media_type, "forwarded")
        if response.status_code == 400:
            raise QuerySyntaxError(message)
        if response.status_code == 406:
            raise NotAcceptable(message)
        if response.status_code in (503, 504):
            raise QueryTimeout(message)
        raise StoreFailure(message)

    def close(self) -> None:
        if self._http is not None:
            self._http.close()

    def update(self, text: str, *, base_iri: str | None = None, using: Sequence[str] = (),
               using_named: Sequence[str] = ()) -> None:
        from .store import StoreError

        check_nesting(text, self.limits, update=True)
        check_federation(text, self.limits.allow_service, update=True)
        text = apply_update_dataset(text, using, using_named)
        if base_iri:
            text = f"BASE <{check_iri(base_iri, 'base')}>\n{text}"
        try:
            self.store.update(text)
        except StoreError as e:
            raise _store_error(e) from None


def _store_error(error: Exception) -> SparqlError:
    """The service error for a store's error: the remote store marks the server's syntax errors."""
    message = str(error)
    if getattr(error, "server_message", None) is not None:
        return QuerySyntaxError(message)
    if "timed out" in message.lower() or "timeout" in message.lower():
        return QueryTimeout(message)
    return StoreFailure(message)


def _with_dataset(query: str, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> str:
    """The query with the protocol's dataset as FROM / FROM NAMED clauses (replacing none: it must have none)."""
    if has_dataset_clause(query):
        raise ProtocolError("this store cannot combine default-graph-uri / named-graph-uri with FROM clauses")
    toks = _tokens(query)
    form = next((t for t in toks if t.depth == 0 and t.text in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")), None)
    where = next((t for t in toks if form and t.start > form.start and t.depth == 0 and t.text in ("WHERE", "{")),
                 None)
    if where is None:
        raise ProtocolError("could not find where to add the dataset of default-graph-uri / named-graph-uri")
    clauses = "".join(f" FROM <{check_iri(g, 'default-graph-uri')}>" for g in default_graphs)
    clauses += "".join(f" FROM NAMED <{check_iri(g, 'named-graph-uri')}>" for g in named_graphs)
    return query[:where.start] + clauses + " " + query[where.start:]


def _serialise_rdflib(result: Any, accept: str | None, max_rows: int | None) -> QueryAnswer:
    """Serialise the store interface's :class:`~qualgraph.store.QueryResult` (rdflib terms) with pyoxigraph.

    The result is written once in a syntax pyoxigraph reads (SPARQL JSON, N-Triples), then read and written
    in the negotiated format by pyoxigraph, so both back ends produce the same serialisations.
    """
    import json

    from .store.terms import to_ox

    if result.kind == "graph":
        media_type = negotiate(accept, "graph")
        triples = list(result.graph)
        cut = max_rows if max_rows and len(triples) > max_rows else None
        nt = "".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} .\n" for s, p, o in triples[:cut or None])
        parsed = [q.triple for q in ox.parse(nt.encode(), format=ox.RdfFormat.N_TRIPLES)]
        return QueryAnswer(ox.serialize(parsed, format=_rdf_format(media_type)), media_type, "graph", cut)
    if result.kind == "ask":
        media_type = negotiate(accept, "boolean")
        document = json.dumps({"head": {}, "boolean": bool(result.boolean)})
        answer = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
        return QueryAnswer(answer.serialize(format=_results_format(media_type)), media_type, "boolean")
    media_type = negotiate(accept, "solutions")
    rows = result.rows
    cut = max_rows if max_rows and len(rows) > max_rows else None
    bindings = [{name: _json_term(to_ox(term)) for name, term in row.items()} for row in rows[:cut or None]]
    document = json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}})
    if not result.variables:
        return QueryAnswer(_empty_rows(len(bindings), _results_format(media_type)), media_type, "solutions", cut)
    answer = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
    return QueryAnswer(answer.serialize(format=_results_format(media_type)), media_type, "solutions", cut)


def _json_term(term: Any) -> dict[str, str]:
    """A pyoxigraph term as a SPARQL JSON results term."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def open_service(store: "GraphStore", settings: "Settings") -> SparqlService:
    """The SPARQL service for a store: worker processes on the embedded store, the store's own query() else."""
    from .store.embedded import EmbeddedStore

    timeout, limits, workers = _resolve_limits(settings)
    if isinstance(store, EmbeddedStore):
        replica = int(getattr(settings, "query_replica_max_quads", 0) or 0)
        return EmbeddedSparqlService(store, timeout=timeout, limits=limits, workers=workers,
                                     replica_max_quads=replica,
                                     worker_max_memory=getattr(settings, "query_worker_max_memory", None),
                                     client_max_queries=getattr(settings, "client_max_queries", None),
                                     client_max_workers=getattr(settings, "client_max_workers", None))
    return StoreSparqlService(store, timeout=timeout, limits=limits)


# -- Graph Store HTTP Protocol --------------------------------------------------------------------------
DEFAULT_GRAPH = "default"
"""Stands for the store's default graph in the graph-store functions below (``?default``)."""


@dataclass
class GraphStoreResult:
    """What a write did: ``created`` answers 201, otherwise 204."""

    created: bool
    graph: str


def parse_graph_body(data: bytes, content_type: str | None, base_iri: str | None,
                     limits: InputLimits = InputLimits()) -> list[ox.Triple]:
    """The triples of a request body in any RDF graph syntax pyoxigraph reads (by its Content-Type); a body
    that would crash or swamp the parser (:mod:`qualgraph.input_limits`) is refused first."""
    if not content_type:
        raise UnsupportedMediaType("a Content-Type naming an RDF syntax (text/turtle, application/n-triples, "
                                   "application/rdf+xml, application/ld+json ...) is required")
    try:
        fmt = ox.RdfFormat.from_media_type(content_type)
    except ValueError:
        fmt = None
    if fmt is None:
        raise UnsupportedMediaType(f"{content_type} is not an RDF syntax this store reads")
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        raise UnsupportedMediaType(f"{fmt.name} holds several graphs; send one graph (Turtle, N-Triples, "
                                   "RDF/XML, JSON-LD) to a graph")
    try:
        check_rdf(data, fmt, place=f"the {fmt.name} body", limits=limits)
    except ExpandsTooMuch as e:
        raise PayloadTooLarge(str(e)) from None
    except InputRefused as e:
        raise QuerySyntaxError(str(e)) from None
    try:
        return [q.triple for q in ox.parse(data, format=fmt, base_iri=base_iri, without_named_graphs=True)]
    except SyntaxError as e:
        raise QuerySyntaxError(f"the {fmt.name} body does not parse: {e.msg if hasattr(e, 'msg') else e}") from None


class GraphStoreService:
    """The Graph Store HTTP Protocol's operations on a store (GET, PUT, POST, DELETE of one graph).

    On the embedded store: a new graph is written with ``Store.extend`` (one transaction, the fast path for
    bulk loads: it was ~3x faster than the same triples as one ``INSERT DATA`` here); replacing an existing
    graph is one update (``DROP`` + ``INSERT DATA``), the only way pyoxigraph offers to drop and refill in one
    transaction. Writes share the SPARQL service's lock. On other stores the interface methods are used.
    """

    def __init__(self, store: "GraphStore", write_lock: threading.Lock | None = None) -> None:
        from .store.embedded import EmbeddedStore

        self.store = store
        self.embedded = store if isinstance(store, EmbeddedStore) else None
        self.write_lock = write_lock or threading.Lock()

    # -- reading
    def exists(self, graph: str) -> bool:
        from rdflib import URIRef

        if graph == DEFAULT_GRAPH:
            return True
        if self.embedded is not None:
            return self.embedded.oxigraph.contains_named_graph(ox.NamedNode(graph))
        return URIRef(graph) in set(self.store.named_graphs())

    def read(self, graph: str | None, media_type: str) -> bytes:
        """The graph (or, with ``graph=None``, the whole dataset) serialised as ``media_type``."""
        if graph is not None and not self.exists(graph):
            raise GraphNotFound(f"there is no graph <{graph}> in this store")
        if self.embedded is not None:
            fmt = _rdf_format(media_type)
            if graph is None:
                return self.embedded.oxigraph.dump(format=fmt)
            source = ox.DefaultGraph() if graph == DEFAULT_GRAPH else ox.NamedNode(graph)
            return self.embedded.oxigraph.dump(format=fmt, from_graph=source)
        return self._read_generic(graph, media_type)

    def _read_generic(self, graph: str | None, media_type: str) -> bytes:
        from rdflib import Dataset, Graph, URIRef

        names = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
                 "application/rdf+xml": "xml", "application/n-quads": "nquads", "application/trig": "trig"}
        if graph == DEFAULT_GRAPH:
            raise ProtocolError("this store's default graph is the union of its named graphs: ask for a graph")
        if graph is None:
            ds = Dataset()
            for g in self.store.named_graphs():
                target = ds.graph(g)
                for t in self.store.graph_triples(g):
                    target.add(t)
            return ds.serialize(format=names[media_type], encoding="utf-8")
        out = Graph()
        for t in self.store.graph_triples(URIRef(graph)):
            out.add(t)
        return out.serialize(format=names[media_type], encoding="utf-8")

    # -- writing
    def put(self, graph: str, triples: list[ox.Triple]) -> GraphStoreResult:
        """Make the graph hold exactly these triples, atomically."""
        with self.write_lock:
            existed = self.exists(graph)
            if self.embedded is None:
                self._replace_generic(graph, triples)
            elif not existed:
                self._extend(graph, triples)
            else:
                target = "DEFAULT" if graph == DEFAULT_GRAPH else f"GRAPH <{graph}>"
                body = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)
                inner = body if graph == DEFAULT_GRAPH else f"GRAPH <{graph}> {{\n{body}}}"
                # CLEAR keeps the (named) graph: emptying and refilling it is one update, one transaction.
                self._update(f"CLEAR {target} ;\nINSERT DATA {{ {inner} }}")
            return GraphStoreResult(created=not existed, graph=graph)

    def post(self, graph: str, triples: list[ox.Triple]) -> GraphStoreResult:
        """Add the triples to the graph (creating it), atomically."""
        with self.write_lock:
            existed = self.exists(graph)
            if self.embedded is None:
                from rdflib import URIRef

                from .store.terms import from_ox

                current = list(self.store.graph_triples(URIRef(graph))) if existed else []
                added = [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in triples]
                self.store.replace_graphs({URIRef(graph): current + added})
            else:
                self._extend(graph, triples)
            return GraphStoreResult(created=not existed, graph=graph)

    def delete(self, graph: str) -> None:
        """Drop the graph (clear the default graph); :class:`GraphNotFound` if there is none."""
        with self.write_lock:
            if not self.exists(graph):
                raise GraphNotFound(f"there is no graph <{graph}> in this store")
            if self.embedded is None:
                from rdflib import URIRef

                self.store.remove_graphs([URIRef(graph)])
            elif graph == DEFAULT_GRAPH:
                self._update("CLEAR DEFAULT")
            else:
                self._update(f"DROP GRAPH <{graph}>")

    def _extend(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        assert self.embedded is not None
        name = ox.DefaultGraph() if graph == DEFAULT_GRAPH else ox.NamedNode(graph)
        store = self.embedded
        quads = (ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
        first = next(quads, None)
        try:
            if first is None:
                if graph != DEFAULT_GRAPH:
                    store.add_graph(name)  # an empty PUT still creates the graph
                return
            # One transaction creates the graph with its content: a write killed half-way leaves no empty graph.
            store.extend(chain([first], quads))
        except OSError as e:
            raise StoreFailure(f"the graph could not be written: {e}") from None

    def _update(self, text: str) -> None:
        assert self.embedded is not None
        try:
            self.embedded.update(text)
        except (OSError, StoreSyntaxError) as e:
            raise StoreFailure(f"the graph could not be written: {e}") from None

    def _replace_generic(self, graph: str, triples: list[ox.Triple]) -> None:
        from rdflib import URIRef

        from .store.terms import from_ox

        if graph == DEFAULT_GRAPH:
            raise ProtocolError("this store's default graph is the union of its named graphs: write a named graph")
        self.store.replace_graphs(
            {URIRef(graph): [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in triples]}
        )
