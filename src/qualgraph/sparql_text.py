"""Reading SPARQL text without parsing it: one lexer, for the checks that must run before the engine does.

The depth limit (:mod:`qualgraph.input_limits`), the federation check (:mod:`qualgraph.sparql.federation`),
the dataset clauses of the protocol (:mod:`qualgraph.sparql.dataset`) and the stores (does a query choose its
own dataset?) all read SPARQL with the one tokenizer below; none of them is a parser, and whatever they let
through still goes to the engine's parser.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

# It splits query text into the tokens that matter (keywords, brackets,
# operators, separators) and skips strings, IRIs, comments, variables, prefixed names, blank nodes, language
# tags and numbers *as tokens*, so a keyword is found exactly where the SPARQL grammar has one
# (https://www.w3.org/TR/sparql11-query/#grammar): not in `ex:service`, `?from`, "FROM ..." or a comment, but
# in `5SERVICE` or `?o.SERVICE`. It is not a parser: whatever it lets through still goes to Oxigraph's parser.
SPARQL_TOKEN = re.compile(
    r'''
      "{3}(?:[^"\\]|\\.|"(?!""))*"{3}
    | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}
    | "(?:[^"\\\r\n]|\\.)*"
    | '(?:[^'\\\r\n]|\\.)*'
    | <[^<>"{}|^`\\\x00-\x20]*>
    | \#[^\r\n]*
    | [?$]\w+
    | @[A-Za-z]+(?:-[A-Za-z0-9]+)*
    | _:[\w.\-]*
    | (?:[^\W\d][\w.\-]*)?:(?:[\w:%.\-]|\\.)*
    | \d[\d.]*(?:[eE][+-]?\d+)?
    | \.\d+(?:[eE][+-]?\d+)?
    | (?P<word>[^\W\d]\w*)
    | (?P<punct>[{};])
    | (?P<open>[(\[])
    | (?P<close>[)\]])
    | (?P<op>\^\^|\|\||&&|!=|<=|>=|[=<>+\-*/|^!])
    | (?P<sep>[.,])
    ''',
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    text: str  # upper-cased keyword, or the punctuation
    start: int
    end: int
    depth: int  # brace depth before the token


def tokens(text: str) -> list[Token]:
    """Keywords and ``{``/``}``/``;`` of a query or update, with their brace depth."""
    out: list[Token] = []
    depth = 0
    for m in SPARQL_TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "word":
            out.append(Token(m.group().upper(), m.start(), m.end(), depth))
        elif kind == "punct":
            p = m.group()
            if p == "}":
                depth -= 1
            out.append(Token(p, m.start(), m.end(), depth))
            if p == "{":
                depth += 1
    return out


def has_dataset_clause(query: str) -> bool:
    """True when the query chooses its own dataset (``FROM`` / ``FROM NAMED``)."""
    # This runs for every query. A FROM clause is followed by an IRI: text without "FROM <" or "FROM prefix:"
    # needs no tokenizing (comments saying "from" are common); text with it is tokenized to be sure.
    if not _FROM_CLAUSE.search(query):
        return False
    return any(m.lastgroup == "word" and m.group().upper() == "FROM" for m in SPARQL_TOKEN.finditer(query))


_FROM_CLAUSE = re.compile(r"(?i)\bfrom\s+(?:named\s+)?(?:<|[^\W\d][\w.\-]*:|:)")


_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape_codepoints(text: str) -> str:
    """The text with SPARQL's ``\\uXXXX`` / ``\\UXXXXXXXX`` escapes replaced. The spec replaces them before
    parsing (https://www.w3.org/TR/sparql11-query/#codepointEscape) and rdflib does; Oxigraph only inside
    IRIs and strings. The checks look at both readings."""
    if "\\u" not in text and "\\U" not in text:
        return text

    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group()

    return _CODEPOINT_ESCAPE.sub(char, text)


def text_digest(text: str) -> bytes:
    """16 bytes that stand for a query text in what a process remembers of the texts it has seen (which passed the
    depth check, which predicates each reads): a text may be 1 MiB, and 1,024 of them would hold 1 GiB."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
