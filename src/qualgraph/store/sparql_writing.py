"""Writing RDF terms into SPARQL text, and binding variables with a ``VALUES`` block, for servers that take
no substitutions (the remote store). Every term is checked before it is written, so a bound value can never
change the query's text; keywords and brackets are found with the project's one SPARQL lexer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier, Node

from ..iris import is_iri
from ..sparql_text import SPARQL_TOKEN
from .base import StoreError

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class InvalidTermError(StoreError, ValueError):
    """A term that cannot be written into SPARQL or N-Triples safely (an IRI with a space, a bad language tag...)."""


# -- writing terms -----------------------------------------------------------------------------------------
_LANG_RE = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_VAR_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def iri_ref(value: str) -> str:
    """``<value>`` once ``value`` is checked to be an absolute IRI that cannot break out of its brackets."""
    if not is_iri(value):
        raise InvalidTermError(
            f"{value!r} is not an absolute IRI that can be sent to a SPARQL server "
            "(a scheme, and no spaces, control characters or any of <>\"{}|^`\\)"
        )
    return f"<{value}>"


def _literal(term: Literal) -> str:
    text = "".join(_ESCAPES.get(c, c) for c in str(term))
    if term.language:
        if not _LANG_RE.match(term.language):
            raise InvalidTermError(f"{term.language!r} is not a language tag (BCP 47, e.g. 'en' or 'en-GB')")
        return f'"{text}"@{term.language}'
    if term.datatype is not None and str(term.datatype) != XSD_STRING:
        return f'"{text}"^^{iri_ref(str(term.datatype))}'
    return f'"{text}"'


def term_to_sparql(term: Node, bnodes: dict[BNode, str] | None = None) -> str:
    """A checked SPARQL / N-Triples spelling of an rdflib term.

    Literals are escaped by hand (not with rdflib's ``n3()``, which uses long quotes): only ``\\``, ``"`` and
    line breaks need escaping in a short string, and then no value can end the string early. Blank nodes get
    fresh labels from ``bnodes`` (server-made ids such as Virtuoso's ``nodeID://b10001`` are not valid labels),
    and are refused where no mapping is given (a ``VALUES`` block cannot hold blank nodes).
    """
    if isinstance(term, URIRef):
        return iri_ref(str(term))
    if isinstance(term, Literal):
        return _literal(term)
    if isinstance(term, BNode):
        if bnodes is None:
            raise InvalidTermError(f"the blank node {term.n3()} cannot be bound in a query on a remote server")
        return bnodes.setdefault(term, f"_:b{len(bnodes)}")
    raise InvalidTermError(f"cannot write {term!r} ({type(term).__name__}) as an RDF term")


# -- binding variables ---------------------------------------------------------------------------------------
QUERY_FORMS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}
UPDATE_FORMS = {"INSERT", "DELETE", "WITH", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD"}
_KEYWORDS = QUERY_FORMS | UPDATE_FORMS | {"WHERE"}
def _top_level(query: str) -> tuple[list[tuple[str, int]], dict[int, int]]:
    """Keywords and opening braces at nesting depth 0, in order, and the position of the bracket closing each
    top-level ``{``; read with the project's one SPARQL lexer, so strings, IRIs, comments, variables, language
    tags and prefixed names are never taken for keywords or brackets."""
    events: list[tuple[str, int]] = []
    closing: dict[int, int] = {}
    stack: list[int] = []
    for m in SPARQL_TOKEN.finditer(query):
        kind = m.lastgroup
        if kind == "word":
            word = m.group().upper()
            if not stack and word in _KEYWORDS:
                events.append((word, m.start()))
        elif kind in ("punct", "open", "close"):
            mark = m.group()
            if mark in "{([":
                if mark == "{" and not stack:
                    events.append(("{", m.start()))
                stack.append(m.start())
            elif mark in "})]" and stack:
                opened = stack.pop()
                if not stack:
                    closing[opened] = m.start()
    return events, closing


def _where_group(query: str) -> tuple[int, int] | None:
    """Positions of the braces of the outermost WHERE group, or None where it cannot take a VALUES block
    (``CONSTRUCT WHERE {..}``, whose group is also the template, and ``DESCRIBE <x>`` without WHERE)."""
    events, closing = _top_level(query)
    forms = [k for k, (word, _) in enumerate(events) if word in QUERY_FORMS]
    if not forms:
        return None
    start = forms[0]
    form = events[start][0]
    rest = events[start + 1 :]
    if form == "CONSTRUCT":
        if rest and rest[0][0] == "WHERE":
            return None
        braces = [pos for word, pos in rest if word == "{"]
        group = braces[1] if len(braces) > 1 else None
    else:
        after_where = [k for k, (word, _) in enumerate(rest) if word == "WHERE"]
        candidates = rest[after_where[0] + 1 :] if after_where else rest
        group = next((pos for word, pos in candidates if word == "{"), None)
    if group is None or group not in closing:
        return None
    return group, closing[group]


def sparql_form(text: str) -> str | None:
    """The form of a query or update: SELECT, CONSTRUCT, ASK, DESCRIBE, or the first update keyword.

    SPARQLWrapper guesses it with a regular expression that also matches inside comments and words (a header
    comment saying "addresses" makes a query an ADD), so the guess is made here and given to it.
    """
    events, _ = _top_level(text)
    return next((word for word, _ in events if word != "{" and word != "WHERE"), None)


def bind_values(query: str, bindings: Mapping[str, Identifier] | None) -> str:
    """The query with variables pre-bound by a ``VALUES`` block, for servers that take no substitutions.

    The block goes first in the outermost WHERE group, so the bound values are in scope for the group's
    patterns, OPTIONALs and FILTERs, much as pyoxigraph's substitutions are. A group that is a sub-SELECT is
    wrapped (``{ VALUES .. { SELECT .. } }``); a query with no such group gets a trailing ``VALUES`` clause
    (SPARQL 1.1 §18.2.4.3 joins it with the whole WHERE clause). Names and terms are checked, never pasted.
    No line break is added before the query's own lines, so the server's error positions stay right.
    """
    if not bindings:
        return query
    names = []
    for name in bindings:
        if not _VAR_RE.match(name):
            raise InvalidTermError(f"{name!r} is not a variable name (letters, digits and '_', without '?')")
        names.append(f"?{name}")
    row = " ".join(term_to_sparql(term) for term in bindings.values())
    block = f"VALUES ({' '.join(names)}) {{ ({row}) }}"
    group = _where_group(query)
    if group is None:
        return f"{query}\n{block}"
    open_pos, close_pos = group
    inside = query[open_pos + 1 : close_pos]
    if re.match(r"\s*(?:#[^\n]*\n\s*)*SELECT\b", inside, re.I):
        return f"{query[: open_pos + 1]} {block} {{{inside}}} {query[close_pos:]}"
    return f"{query[: open_pos + 1]} {block} {query[open_pos + 1 :]}"
