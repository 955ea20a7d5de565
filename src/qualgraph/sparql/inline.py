"""Queries the server may answer itself: those whose cost is bounded by the rows they return.

Every other query goes to a query worker process, because pyoxigraph cannot stop a query and only killing its
process can (:mod:`.pool`). That safety costs ~1 ms of CPU per request in the pipe and the worker, ten times
what Oxigraph spends on a lookup such as "everything about this IRI" (issue 15: cheap lookups at 0.2x
``oxigraph serve``). A lookup needs no such safety when its evaluation cannot run long before it yields rows:

* one triple pattern, each of its three places a constant or a distinct variable: Oxigraph answers it by a
  scan of one index over a range in which every entry is a solution (with a variable twice, ``?x ?p ?x``, it
  would scan everything to find a few, so that is not one of them);
* no FILTER, OPTIONAL, UNION, property path, sub-query, aggregate, ORDER BY or DISTINCT (each can make it work
  through many rows for each one it returns), no SERVICE, BIND or VALUES;
* ``SELECT`` of plain variables or ``*``, or ``ASK``; a dataset clause, ``LIMIT`` and a small ``OFFSET``.

The server evaluates such a query on its own store for at most a few rows (setting ``sparql_inline_rows``); an
answer longer than that goes to a worker in full. This is a recogniser, not a parser: anything it does not
recognise goes to a worker, and what it lets through still goes to Oxigraph's parser.
"""

from __future__ import annotations

from functools import lru_cache

from ..sparql_text import SPARQL_TOKEN

DEFAULT_INLINE_ROWS = 1000
"""Rows the server reads of a bounded query before handing it to a worker (setting ``sparql_inline_rows``)."""

_TERM_KINDS = ("iri", "pname", "literal", "number", "variable")


def _classify(text: str) -> list[tuple[str, str]] | None:
    """(kind, text) of each token, comments left out; None when the text holds something a bounded query does
    not use (a blank node, a character no token covers)."""
    out: list[tuple[str, str]] = []
    end = 0
    for m in SPARQL_TOKEN.finditer(text):
        if text[end:m.start()].strip():
            return None  # skipped over by the token pattern: not something we know
        end = m.end()
        token = m.group()
        kind = m.lastgroup
        if token.startswith("#"):
            continue
        if kind == "word":
            out.append(("word", token.upper()))
        elif kind in ("punct", "sep", "op", "open", "close"):
            out.append(("punct", token))
        elif token[0] in "?$":
            out.append(("variable", token[1:]))
        elif token[0] == "<":
            out.append(("iri", token))
        elif token[0] in "\"'":
            out.append(("literal", token))
        elif token[0] == "@":
            out.append(("lang", token))
        elif token[0].isdigit() or token[0] == ".":
            out.append(("number", token))
        elif ":" in token and not token.startswith("_:"):
            out.append(("pname", token))
        else:
            return None  # a blank node: a variable that is not worth telling apart from the others
    if text[end:].strip():
        return None
    return out


class _Reader:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens, self.at = tokens, 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, kind: str, text: str | None = None) -> str | None:
        token = self.peek()
        if token is None or token[0] != kind or (text is not None and token[1] != text):
            return None
        self.at += 1
        return token[1]

    def done(self) -> bool:
        return self.at == len(self.tokens)


def _term(reader: _Reader) -> tuple[str, str] | None:
    """One RDF term or variable of a triple pattern (``a``, an IRI, a prefixed name, a literal, a number)."""
    token = reader.peek()
    if token is None:
        return None
    if token == ("word", "A") or token in (("word", "TRUE"), ("word", "FALSE")):
        reader.at += 1
        return token
    if token[0] not in _TERM_KINDS:
        return None
    reader.at += 1
    if token[0] == "literal":
        if reader.take("lang") is None and reader.take("punct", "^^") is not None:
            if reader.take("iri") is None and reader.take("pname") is None:
                return None
    elif token[0] == "number" and token[1].endswith("."):
        return None  # "5." is a number followed by the pattern's end: not worth reading apart
    return token


def bounded_by_rows(query: str) -> bool:
    """True when ``query`` is one triple pattern that the server may evaluate itself (the module docstring)."""
    if len(query) > MAX_INLINE_QUERY_CHARS:
        return False
    return _bounded_by_rows(query)


MAX_INLINE_QUERY_CHARS = 4096
"""A longer text is not a lookup: it is not read here (and the cache below holds at most 4 MB of texts)."""


@lru_cache(maxsize=1024)
def _bounded_by_rows(query: str) -> bool:
    tokens = _classify(query)
    if tokens is None:
        return False
    reader = _Reader(tokens)
    while reader.peek() in (("word", "PREFIX"), ("word", "BASE")):  # the prologue
        if reader.take("word", "PREFIX") is not None:
            if reader.take("pname") is None or reader.take("iri") is None:
                return False
        else:
            reader.at += 1
            if reader.take("iri") is None:
                return False
    if reader.take("word", "SELECT") is not None:
        if reader.take("punct", "*") is None:
            if reader.take("variable") is None:
                return False
            while reader.take("variable") is not None:
                pass
    elif reader.take("word", "ASK") is None:
        return False
    while reader.take("word", "FROM") is not None:
        reader.take("word", "NAMED")
        if reader.take("iri") is None and reader.take("pname") is None:
            return False
    reader.take("word", "WHERE")
    if reader.take("punct", "{") is None:
        return False
    pattern = [_term(reader) for _ in range(3)]
    if any(term is None for term in pattern):
        return False
    variables = [term[1] for term in pattern if term is not None and term[0] == "variable"]
    if len(set(variables)) != len(variables):
        return False
    reader.take("punct", ".")
    if reader.take("punct", "}") is None:
        return False
    while not reader.done():  # LIMIT and OFFSET, in either order
        keyword = reader.take("word", "LIMIT") or reader.take("word", "OFFSET")
        number = reader.take("number")
        if keyword is None or number is None or not number.isdigit():
            return False
        if keyword == "OFFSET" and int(number) > DEFAULT_INLINE_ROWS:
            return False  # an offset is rows read and thrown away
    return True
