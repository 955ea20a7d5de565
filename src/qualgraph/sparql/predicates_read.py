"""Which of the store's quads a query can read: the predicates of its triple patterns, when its text shows them.

Why: a store of 10M quads is read from disk (no copy of it fits a worker's memory), but the part of it that the
comparability queries read (frameworks, levels, decisions: ``skos:inScheme``, ``qg:sourceLevel``, ``qg:status``
...) is a few thousand quads. A query whose every triple pattern has a constant predicate matches only quads
with those predicates (and, for ``rdf:type`` with a constant class, only the quads of that class). So a store
that holds *all* the quads with those predicates, each in its graph, gives the same answer as the whole store
(the same solutions, with the same multiplicities; in another order where the query sets none). The query
workers keep such a copy (:mod:`qualgraph.sparql.predicate_copy`) and answer from it when :func:`predicates_read`
says it covers the query.

This is a recognizer, not a parser. It accepts the forms below and answers ``None`` ("may read anything") for
everything else, so a form it does not know costs speed, never a wrong answer:

* ``SELECT``, ``ASK`` and ``CONSTRUCT`` (its template is not matched against the data); no ``DESCRIBE``.
* No dataset of the query's own (``FROM``), no ``GRAPH``, no ``SERVICE``, no ``BASE`` or relative IRIs, no
  ``\\u`` escapes (they are read before the grammar), nothing the lexer leaves unread (a lone ``?`` path
  modifier), no IRI token holding ``?``, ``$``, ``(`` or ``)`` (what looks like an IRI in ``FILTER(?a<?b)...``
  may be two comparisons).
* Triple patterns whose predicate is an IRI, a prefixed name or ``a``, or a path of them with ``/``, ``|`` and
  ``^``. A variable predicate, ``!``, ``*``, ``+``, ``?`` (zero-length paths match every term of the graph),
  a collection ``( ... )`` or a quoted triple: ``None``.
* Groups, ``OPTIONAL``, ``MINUS``, ``UNION``, ``FILTER`` (with ``EXISTS`` groups, read the same way), ``BIND``,
  ``VALUES``, sub-``SELECT`` and solution modifiers.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from ..sparql_text import SPARQL_TOKEN

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

PredicateKey = tuple[str, "str | None"]
"""What a pattern reads: ``(predicate, None)``, every quad with the predicate; ``(rdf:type, class)``, the quads
saying that something is of ``class``."""

_REFUSED_WORDS = frozenset({"FROM", "GRAPH", "SERVICE", "DESCRIBE", "BASE", "LOAD", "INSERT", "DELETE", "WITH",
                            "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "USING"})
_ABSOLUTE_IRI = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]*:[^?$()]*>\Z")
_ESCAPE = re.compile(r"\\(.)")
_END = ("end", "")


class _Unknown(Exception):
    """A form the recognizer does not accept: the query may read anything."""


def predicates_read(text: str) -> frozenset[PredicateKey] | None:
    """The predicates (and classes) whose quads are all a query ``text`` can match, or None when it may read
    others (or its form is not one this module knows)."""
    if "\\u" in text or "\\U" in text:
        return None
    try:
        tokens = _lex(text)
        reader = _Reader(tokens)
        reader.query()
    except (_Unknown, RecursionError):  # groups nest deeper than Python's stack: past any depth limit
        return None
    return frozenset(reader.keys)


def covered(keys: frozenset[PredicateKey], held: frozenset[PredicateKey]) -> bool:
    """Whether a copy holding the quads of ``held`` holds every quad that ``keys`` name."""
    return all(key in held or (key[0] == RDF_TYPE and (RDF_TYPE, None) in held) for key in keys)


def _lex(text: str) -> list[tuple[str, str]]:
    """The tokens as (kind, text), comments dropped, literals with their tag or datatype made one token."""
    out: list[tuple[str, str]] = []
    at = 0
    for m in SPARQL_TOKEN.finditer(text):
        if text[at:m.start()].strip():
            raise _Unknown()  # a character no token reads (a lone "?" path modifier, a backquote ...)
        at = m.end()
        token = m.group()
        kind = m.lastgroup
        if kind == "word":
            upper = token.upper()
            if token == "a":
                out.append(("a", token))  # rdf:type; "A" is not (the one keyword that is case-sensitive)
            elif upper in ("TRUE", "FALSE"):
                out.append(("lit", token))
            else:
                out.append(("word", upper))
        elif kind in ("punct", "open", "close", "sep"):
            out.append((token, token))
        elif kind == "op":
            out.append(("op", token))
        else:
            first = token[0]
            if first == "#":
                continue
            if first in "\"'":
                out.append(("lit", token))
            elif first == "<":
                if not _ABSOLUTE_IRI.match(token):
                    raise _Unknown()
                out.append(("iri", _checked(token[1:-1])))
            elif first in "?$":
                out.append(("var", token))
            elif first == "@":
                if not out or out[-1][0] != "lit":
                    raise _Unknown()
            elif token.startswith("_:"):
                _with_dots(out, "var", token)  # a blank node in a pattern is a variable
            elif first.isdigit() or first == ".":
                _with_dots(out, "num", token)
            else:
                _with_dots(out, "pn", token)
    if text[at:].strip():
        raise _Unknown()
    out = _merge_datatypes(out)
    out.append(_END)  # so that reading past the last token meets the end, not an IndexError
    return out


def _with_dots(out: list[tuple[str, str]], kind: str, token: str) -> None:
    """A name or number that took the ``.`` ending a triple (``?s :p :o.``): the token, then the dot."""
    stripped = token.rstrip(".")
    if not stripped or (kind == "num" and stripped.count(".") > 1):
        raise _Unknown()
    out.append((kind, stripped))
    out.extend([(".", ".")] * (len(token) - len(stripped)))


def _merge_datatypes(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``"5"^^xsd:int`` as one literal token."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == ("op", "^^"):
            if not out or out[-1][0] != "lit" or i + 1 >= len(tokens) or tokens[i + 1][0] not in ("iri", "pn"):
                raise _Unknown()
            i += 2
            continue
        out.append(tokens[i])
        i += 1
    return out


class _Reader:
    """Reads the token list as the SPARQL grammar would, as far as it needs to find every triple pattern."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.at = 0
        self.prefixes: dict[str, str] = {}
        self.keys: set[PredicateKey] = set()

    # -- tokens --
    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at]

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.at]
        if token is not _END:
            self.at += 1
        return token

    def word(self) -> str | None:
        kind, text = self.tokens[self.at]
        return text if kind == "word" else None

    def expect(self, kind: str) -> tuple[str, str]:
        token = self.take()
        if token[0] != kind:
            raise _Unknown()
        return token

    # -- a query --
    def query(self) -> None:
        if any(kind == "word" and text in _REFUSED_WORDS for kind, text in self.tokens):
            raise _Unknown()
        while self.word() == "PREFIX":
            self.take()
            _, name = self.expect("pn")
            if not name.endswith(":") or name.count(":") != 1:
                raise _Unknown()
            self.prefixes[name[:-1]] = self.expect("iri")[1]
        form = self.word()
        self.take()
        if form == "SELECT":
            self.projection()
            self.where()
        elif form == "ASK":
            self.where()
        elif form == "CONSTRUCT":
            if self.peek()[0] == "{":
                self.skip_template()
                self.where()
            elif self.word() == "WHERE":
                self.take()
                self.group()
            else:
                raise _Unknown()
        else:
            raise _Unknown()
        self.modifiers()
        if self.peek() != _END:
            raise _Unknown()

    def projection(self) -> None:
        """``DISTINCT ?a (expression AS ?b) *`` up to ``WHERE`` or the group."""
        while self.word() != "WHERE" and self.peek()[0] != "{":
            kind, text = self.peek()
            if kind == "(":
                self.expression()
            elif kind in ("var", "end") or (kind == "op" and text == "*") or self.word() in ("DISTINCT", "REDUCED"):
                if kind == "end":
                    raise _Unknown()
                self.take()
            else:
                raise _Unknown()

    def where(self) -> None:
        if self.word() == "WHERE":
            self.take()
        self.group()

    def skip_template(self) -> None:
        """A ``CONSTRUCT`` template: triples written, not matched."""
        self.expect("{")
        while self.peek()[0] != "}":
            if self.peek()[0] in ("{", "end"):
                raise _Unknown()
            self.take()
        self.take()

    def modifiers(self) -> None:
        """``GROUP BY``, ``HAVING``, ``ORDER BY``, ``LIMIT``, ``OFFSET``, ``VALUES``: up to the end or the ``}`` of a
        sub-``SELECT``; an ``EXISTS`` in them is not read (None)."""
        while self.peek()[0] not in ("}", "end"):
            kind = self.peek()[0]
            if self.word() == "VALUES":
                self.take()
                self.values()
            elif kind == "(":
                self.expression(exists=False)
            elif kind in ("{", "[", "]", ")"):
                raise _Unknown()
            else:
                self.take()

    # -- group graph patterns --
    def group(self) -> None:
        self.expect("{")
        if self.word() == "SELECT":
            self.take()
            self.projection()
            self.where()
            self.modifiers()
            self.expect("}")
            return
        while True:
            kind, _ = self.peek()
            word = self.word()
            if kind == "}":
                self.take()
                return
            if kind == "{":
                self.group()
            elif word in ("OPTIONAL", "MINUS"):
                self.take()
                self.group()
            elif word == "UNION":
                self.take()
                if self.peek()[0] != "{":
                    raise _Unknown()
            elif word == "FILTER":
                self.take()
                self.constraint()
            elif word == "BIND":
                self.take()
                self.expression()
            elif word == "VALUES":
                self.take()
                self.values()
            elif kind == ".":
                self.take()
            else:
                self.triples()

    def constraint(self) -> None:
        """What follows ``FILTER``: a bracketted expression, ``[NOT] EXISTS {}``, or a call."""
        kind, _ = self.peek()
        word = self.word()
        if kind == "(":
            self.expression()
        elif word == "NOT":
            self.take()
            if self.word() != "EXISTS":
                raise _Unknown()
            self.take()
            self.group()
        elif word == "EXISTS":
            self.take()
            self.group()
        elif kind in ("word", "iri", "pn"):
            self.take()
            if self.peek()[0] != "(":
                raise _Unknown()
            self.expression()
        else:
            raise _Unknown()

    def expression(self, *, exists: bool = True) -> None:
        """A bracketted expression; the group of an ``EXISTS`` in it is read as a pattern."""
        self.expect("(")
        depth = 1
        while depth:
            kind, _ = self.peek()
            if kind == "(":
                depth += 1
            elif kind == ")":
                depth -= 1
            elif kind == "{" and exists and self.tokens[self.at - 1] == ("word", "EXISTS"):
                self.group()
                continue
            elif kind in ("{", "}", "[", "]", "end"):
                raise _Unknown()
            self.take()

    def values(self) -> None:
        """An inline data block: ``?x { ... }`` or ``(?x ?y) { (...) ... }``; no pattern in it."""
        if self.peek()[0] == "var":
            self.take()
        else:
            self.expect("(")
            while self.peek()[0] == "var":
                self.take()
            self.expect(")")
        self.expect("{")
        while self.peek()[0] != "}":
            if self.peek()[0] in ("{", "[", "]", "end"):
                raise _Unknown()
            self.take()
        self.take()

    # -- triples --
    def triples(self) -> None:
        """``subject property-list``: a term or a blank node ``[ ... ]`` as subject; no collections."""
        kind, _ = self.peek()
        if kind == "[":
            self.take()
            if self.peek()[0] == "]":
                self.take()
            else:
                self.property_list()
                self.expect("]")
                if not self.starts_verb():
                    return
        elif self.is_term():
            self.take()
        else:
            raise _Unknown()
        self.property_list()

    def starts_verb(self) -> bool:
        kind, text = self.peek()
        return kind in ("iri", "pn", "var", "(", "a") or (kind == "op" and text in "^!")

    def property_list(self) -> None:
        while True:
            is_type = self.verb()
            self.object(is_type)
            while self.peek()[0] == ",":
                self.take()
                self.object(is_type)
            if self.peek()[0] != ";":
                return
            while self.peek()[0] == ";":
                self.take()
            if not self.starts_verb():
                return

    def verb(self) -> bool:
        """A predicate or a path of ``/``, ``|`` and ``^`` over constant predicates; True for a plain ``rdf:type``
        (then each object's class narrows what is read)."""
        steps: list[str] = []
        plain = True
        while True:
            kind, text = self.take()
            if (kind, text) == ("op", "^"):
                plain = False
                kind, text = self.take()
            if kind == "a":
                steps.append(RDF_TYPE)
            elif kind == "iri":
                steps.append(text)
            elif kind == "pn":
                steps.append(self.resolve(text))
            else:
                raise _Unknown()  # a variable, "!", "(" ...
            kind, text = self.peek()
            if kind == "op" and text in ("*", "+"):
                raise _Unknown()
            if kind == "op" and text in ("/", "|"):
                self.take()
                plain = False
                continue
            break
        if plain and steps == [RDF_TYPE]:
            return True
        self.keys.update((step, None) for step in steps)
        return False

    def object(self, is_type: bool) -> None:
        kind, text = self.peek()
        if kind in ("iri", "pn"):
            self.take()
            if is_type:
                self.keys.add((RDF_TYPE, text if kind == "iri" else self.resolve(text)))
            return
        if is_type:
            self.keys.add((RDF_TYPE, None))
        if kind == "[":
            self.take()
            if self.peek()[0] != "]":
                self.property_list()
            self.expect("]")
        elif kind == "op" and text in "+-":
            self.take()
            self.expect("num")
        elif self.is_term():
            self.take()
        else:
            raise _Unknown()  # a collection, a quoted triple, an annotation ...

    def is_term(self) -> bool:
        return self.tokens[self.at][0] in ("var", "iri", "pn", "lit", "num")

    def resolve(self, name: str) -> str:
        prefix, _, local = name.partition(":")
        if prefix not in self.prefixes:
            raise _Unknown()
        return _checked(self.prefixes[prefix] + _ESCAPE.sub(r"\1", local))


def _checked(iri: str) -> str:
    """An IRI Oxigraph accepts (so that it can be written in a query: ``>`` or a space cannot be in it)."""
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise _Unknown() from None
    return iri
