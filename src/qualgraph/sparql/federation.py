"""Federation: ``SERVICE`` and ``LOAD`` make Oxigraph fetch a URL, so they are refused unless allowed.

The guarantee is :mod:`qualgraph.sandbox` (no route out where nothing is allowed); this module is the early
refusal with a clear message, and the only guard where the engine needs the network (an allow list).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..sparql_text import SPARQL_TOKEN as _TOKEN, unescape_codepoints as _unescape_codepoints
from .errors import FederationRefused

# -- federation: SERVICE and LOAD make Oxigraph fetch a URL -------------------------------------------------
# Where no endpoint is allowed, the code that runs SPARQL on the embedded store has no route out at all
# (qualgraph.sandbox): that is the guarantee, whatever the spelling. The check below is the early refusal
# with a clear message. It reads the text with rdflib's SPARQL grammar (a real parser, which reads
# `SERVICE:x` as SERVICE + `:x` like Oxigraph does), and where nothing else stops a fetch (an allow list, the
# remote store, a platform without the sandbox) it fails closed: a text it cannot read is refused.
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

