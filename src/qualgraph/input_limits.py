"""Checks on untrusted input *before* a parser sees it: the one place every parse path goes through.

Oxigraph's parsers run inside the server process, and some inputs make them crash it or run for minutes
(measured with pyoxigraph 0.5.13, see tests/security/test_parser_bombs.py):

* RDF/XML expands DTD entities: a kilobyte of nested entities ("billion laughs") grew the process to 23 GB
  (under a 3 GB cap: aborted), and 819 bytes became a 30 MB literal; its parse time grows faster than the
  square of the element depth (0.5 MB nested 11,000 deep: 0.9 s; 5 MB, 110,000 deep: over 2 minutes).
* JSON-LD objects nested 5,000 deep, and SPARQL nested a few thousand deep (brackets, or long chains of
  ``UNION`` / ``+`` / ``BIND`` that Oxigraph builds into trees as deep) overflow the stack: a segfault.
* Turtle, TriG, N3, N-Triples and N-Quads were measured linear at any depth (``[ [ [``, ``( ( (``, ``{ {``
  a million deep: ~1.5 s) and are not checked here.

Each check is a linear scan that stops at the first limit passed, and says where (file, line, column) and
which limit (a setting of :class:`qualgraph.config.Settings`). This module is basics: it imports nothing
from the web, store or feature layers.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .sparql_text import SPARQL_TOKEN, text_digest

DEFAULT_MAX_NESTING_DEPTH = 100
"""Levels of nesting accepted in a document or a SPARQL text (setting ``max_nesting_depth``)."""
DEFAULT_MAX_ENTITY_EXPANSION_BYTES = 4 * 1024 * 1024
"""Text that entity references may add to an RDF/XML document (setting ``max_entity_expansion_bytes``)."""

CHAIN_PER_LEVEL = 10
"""In SPARQL, this many chained operators or pattern keywords in one bracket level count as one level."""


@dataclass(frozen=True)
class InputLimits:
    """The limits of this module; plain data, so it can be sent to the query worker processes."""

    max_nesting_depth: int = DEFAULT_MAX_NESTING_DEPTH
    max_entity_expansion_bytes: int = DEFAULT_MAX_ENTITY_EXPANSION_BYTES

    @classmethod
    def from_settings(cls, settings: object) -> "InputLimits":
        """The limits of any settings object; defaults where it has no such field (tests' settings)."""
        depth = getattr(settings, "max_nesting_depth", None)
        expansion = getattr(settings, "max_entity_expansion_bytes", None)
        return cls(int(depth) if depth is not None else DEFAULT_MAX_NESTING_DEPTH,
                   int(expansion) if expansion is not None else DEFAULT_MAX_ENTITY_EXPANSION_BYTES)


# -- errors ------------------------------------------------------------------------------------------------
class InputRefused(ValueError):
    """Input refused before parsing. ``place`` names the file (or "the query"), ``line``/``column`` where the
    scan stopped, ``setting`` the limit that was passed (None for input refused whatever the limits)."""

    def __init__(self, problem: str, *, place: str, line: int | None = None, column: int | None = None,
                 setting: str | None = None) -> None:
        self.problem, self.place, self.line, self.column, self.setting = problem, place, line, column, setting
        where = f"line {line}" + (f", column {column}" if column is not None else "") if line is not None else ""
        super().__init__(f"{place}{', ' + where if where else ''}: {problem}")


class NestedTooDeep(InputRefused):
    """Nested deeper than ``max_nesting_depth``."""


class ExpandsTooMuch(InputRefused):
    """Entity references that would add more than ``max_entity_expansion_bytes`` of text (HTTP 413)."""


class UnsafeMarkup(InputRefused):
    """XML that would make a parser read other files or URLs (external entities), or that is not XML."""


def _too_deep(place: str, what: str, limit: int, line: int | None, column: int | None) -> NestedTooDeep:
    return NestedTooDeep(f"{what} nested deeper than {limit} levels; this service reads at most {limit} "
                         "(setting max_nesting_depth)", place=place, line=line, column=column,
                         setting="max_nesting_depth")


def _line_column(data: bytes | str, offset: int) -> tuple[int, int]:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    line = data.count(newline, 0, offset) + 1  # type: ignore[arg-type]
    return line, offset - (data.rfind(newline, 0, offset) + 1) + 1  # type: ignore[arg-type]


# -- RDF documents -------------------------------------------------------------------------------------------
def check_rdf(data: bytes | str, fmt: ox.RdfFormat, *, place: str, limits: InputLimits = InputLimits()) -> None:
    """Refuse an RDF document that Oxigraph's parser must not see (see the module docstring); silent otherwise."""
    if fmt == ox.RdfFormat.RDF_XML:
        raw = data.encode() if isinstance(data, str) else data
        _XmlScan(place, limits, len(raw)).scan([raw])
    elif fmt == ox.RdfFormat.JSON_LD:
        _check_json_depth(data.encode() if isinstance(data, str) else data, place, limits.max_nesting_depth)


def check_rdf_file(path: Path, fmt: ox.RdfFormat, *, place: str, limits: InputLimits = InputLimits()) -> None:
    """:func:`check_rdf` for a file on disk; RDF/XML is read in chunks (a load may be gigabytes)."""
    if fmt == ox.RdfFormat.RDF_XML:
        with open(path, "rb") as f:
            _XmlScan(place, limits, path.stat().st_size).scan(_chunks(f))
    elif fmt == ox.RdfFormat.JSON_LD:
        _check_json_depth(path.read_bytes(), place, limits.max_nesting_depth)


def _chunks(f: BinaryIO, size: int = 1 << 20) -> Iterable[bytes]:
    while chunk := f.read(size):
        yield chunk


class _XmlScan:
    """One pass of expat (C, streaming) over an RDF/XML document, before Oxigraph reads it.

    Refuses external entities and parameter entities (XXE: a document that names a file or URL to read),
    counts the element depth, and counts the text expat delivers *after* entity expansion (character data
    and attribute values): beyond the document's own size plus ``max_entity_expansion_bytes`` it stops.
    An OWL file that abbreviates namespaces with ``<!ENTITY xsd "http://...">`` adds a few bytes per use and
    passes; nested entities stop within the budget, long before they would be expanded (expat also has its
    own amplification limit, reported the same way). Text is only counted once the document has declared
    an entity: without one nothing expands, and the scan costs two callbacks per element.
    """

    def __init__(self, place: str, limits: InputLimits, size: int) -> None:
        self.place, self.limits = place, limits
        self.budget = size + limits.max_entity_expansion_bytes
        self.text = 0
        self.depth = 0
        parser = xml.parsers.expat.ParserCreate()
        parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.buffer_text = True  # one callback per text run rather than per line or entity piece
        parser.buffer_size = 1 << 16
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.EntityDeclHandler = self._entity
        parser.ExternalEntityRefHandler = self._external
        self.parser = parser

    def scan(self, chunks: Iterable[bytes]) -> None:
        try:
            for chunk in chunks:
                self.parser.Parse(chunk, False)
            self.parser.Parse(b"", True)
        except xml.parsers.expat.ExpatError as e:
            reason = xml.parsers.expat.ErrorString(e.code)
            if "amplification" in reason:  # expat's own entity-bomb limit, passed before ours (in an attribute)
                limit = self.limits.max_entity_expansion_bytes
                raise ExpandsTooMuch(f"entity references expand the document too much ({reason}); this service "
                                     f"accepts at most {limit:,} bytes more (setting max_entity_expansion_bytes)",
                                     place=self.place, line=e.lineno, column=e.offset + 1,
                                     setting="max_entity_expansion_bytes") from None
            raise UnsafeMarkup(f"not well-formed XML: {reason}", place=self.place, line=e.lineno,
                               column=e.offset + 1) from None

    def _where(self) -> dict[str, int]:
        return {"line": self.parser.CurrentLineNumber, "column": self.parser.CurrentColumnNumber + 1}

    def _count(self, n: int) -> None:
        self.text += n
        if self.text > self.budget:
            limit = self.limits.max_entity_expansion_bytes
            raise ExpandsTooMuch(f"entity references expand the document by more than {limit:,} bytes; this "
                                 f"service accepts at most {limit:,} (setting max_entity_expansion_bytes)",
                                 place=self.place, setting="max_entity_expansion_bytes", **self._where())

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > self.limits.max_nesting_depth:
            raise _too_deep(self.place, "XML elements", self.limits.max_nesting_depth, **self._where())

    def _start_counting(self, name: str, attributes: dict[str, str]) -> None:
        self._start(name, attributes)
        self._count(len(name) + sum(len(k) + len(v) for k, v in attributes.items()))

    def _end(self, name: str) -> None:
        self.depth -= 1

    def _characters(self, text: str) -> None:
        self._count(len(text))

    def _entity(self, name: str, is_parameter: bool, value: str | None, base: str | None, system_id: str | None,
                public_id: str | None, notation: str | None) -> None:
        if is_parameter:
            raise UnsafeMarkup(f"the parameter entity %{name}; is refused: parameter entities are not read",
                               place=self.place, **self._where())
        if value is None:
            raise UnsafeMarkup(f"the external entity &{name}; ({system_id or public_id}) is refused: this service "
                               "reads no file or URL named in a document", place=self.place, **self._where())
        self._count(len(value))
        self.parser.StartElementHandler = self._start_counting
        self.parser.CharacterDataHandler = self._characters

    def _external(self, context: str | None, base: str | None, system_id: str | None,
                  public_id: str | None) -> int:
        raise UnsafeMarkup(f"the external entity {system_id or public_id} is refused: this service reads no file "
                           "or URL named in a document", place=self.place, **self._where())


_JSON_STRUCTURE = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[{]+|[\]}]+', re.DOTALL)
"""JSON strings (skipped whole) and runs of opening or closing brackets."""


def _check_json_depth(data: bytes, place: str, limit: int) -> None:
    """Refuse JSON nested deeper than ``limit`` objects and arrays (strings skipped); linear, no decoding."""
    outside_strings = b"".join(data.replace(b"\\\\", b"").replace(b'\\"', b"").split(b'"')[::2])
    if _nests_within(_only(outside_strings, b"[]{}"), (b"{}", b"[]"), limit):
        return
    depth = 0  # deeper, or unbalanced: find the place, one run of brackets at a time
    for m in _JSON_STRUCTURE.finditer(data):
        first = m.group()[0]
        if first == 0x22:  # a string
            continue
        if first in (0x7B, 0x5B):  # { [
            if depth + m.end() - m.start() > limit:
                line, column = _line_column(data, m.start() + limit - depth)  # the bracket one too deep
                raise _too_deep(place, "JSON objects and arrays", limit, line, column)
            depth += m.end() - m.start()
        else:
            depth = max(0, depth - (m.end() - m.start()))


def _only(data: bytes, keep: bytes) -> bytes:
    """The bytes of ``data`` that are in ``keep`` (C speed: ``bytes.translate``)."""
    return data.translate(None, bytes(b for b in range(256) if b not in keep))


def _nests_within(brackets: bytes, pairs: tuple[bytes, ...], limit: int) -> bool:
    """True when a string of brackets is balanced and at most ``limit`` deep: removing the innermost pairs
    ``limit`` times leaves nothing. Each round is a C ``replace`` and shrinks the string (leaves go first),
    so a document of ordinary depth takes a few rounds; False (deeper, or unbalanced) means: look closer."""
    for _ in range(limit):
        if not brackets:
            return True
        shorter = brackets
        for pair in pairs:
            shorter = shorter.replace(pair, b"")
        if len(shorter) == len(brackets):
            return False
        brackets = shorter
    return not brackets


# -- SPARQL ------------------------------------------------------------------------------------------------
_CHAINING_WORDS = frozenset({"UNION", "OPTIONAL", "MINUS", "BIND", "FILTER", "SERVICE"})
"""Pattern keywords that Oxigraph folds into a tree one level deeper per use (a left-deep join or union)."""
_PATH_OPERATORS = frozenset({"/", "|", "^"})
"""Property path operators: a sequence of them costs Oxigraph time that grows with the cube of its length
(a path of 400 steps: 12 s), so each counts as a whole level."""


_IRI_OPERATORS = re.compile(r"[+\-*/=&!]")
_SPARQL_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')


def _sparql_depth_bound(text: str) -> int:
    """An upper bound of :func:`check_sparql`'s estimate from character counts (C speed; a query of a few
    kilobytes is mostly under the limit, and then needs no tokenizing). Every bracket anywhere counts as a
    level, every keyword needs a bracket, every operator character counts as an operator, and ``/ | ^``
    outside what looks like an IRI as a path operator (inside one, ``?a<?b/?c>?d``, Oxigraph reads
    divisions: operators, counted already)."""
    brackets = text.count("{") + text.count("(") + text.count("[")
    operators = sum(text.count(c) for c in "+-*/|&=<>!^")
    outside_iris = _SPARQL_IRI.sub("", text)
    paths = (outside_iris.count("/") + outside_iris.count("|") + outside_iris.count("^")
             - 2 * outside_iris.count("^^"))
    return brackets + (brackets + operators) // CHAIN_PER_LEVEL + paths


def _without_comment_lines(text: str) -> str:
    """``text`` without the lines that are comments, ``#`` their first character after spaces and tabs.

    Why: a query's header of comments (every query in ``queries/`` has one) counts in the character bound, and put
    the 6 KB comparability query at 105 against the limit of 100, so each new text of it was tokenized (~1 ms of
    ~7 ms at 10M). Such a line is a comment to any SPARQL parser unless a token spans lines: only a long string can
    (an IRI, a short string or a prefixed name holds no line break, and ``\\#`` needs its backslash on the same
    line), so :func:`check_sparql` uses this only on a text without ``'''`` or ``\"\"\"``."""
    return "\n".join(line for line in text.split("\n") if not line.lstrip(" \t\r").startswith("#"))


def check_sparql(text: str, *, what: str = "the query", limits: InputLimits = InputLimits()) -> None:
    """Refuse a SPARQL query or update whose syntax tree would be deeper than ``max_nesting_depth``.

    The depth is estimated from :data:`SPARQL_TOKEN`, erring on the deep side: each ``{``, ``(`` or ``[``
    opens a level (also inside what looks like an IRI, since ``?a<((?b)>?c`` is an IRI to the lexer but
    operators to Oxigraph); within a level, every :data:`CHAIN_PER_LEVEL` pattern keywords (``UNION``,
    ``OPTIONAL``, ``BIND``...) or expression operators (``+``, ``&&``...; these counted from the last ``.``,
    ``,`` or ``;``) add one, and so does each property-path operator. Strings and comments are skipped.
    Measured in Oxigraph 0.5.13: 3,000 nested braces and 4,000 chained ``BIND`` crashed it, 2,000 did not;
    at the default limit (100) a text reaches at most ~100 brackets and ~1,000 chained operators.
    Paths grow in time with the cube of their length (400 steps: 12 s), hence a level per path operator.
    """
    limit = limits.max_nesting_depth
    if _sparql_depth_bound(text) <= limit:
        return
    if "'''" not in text and '"""' not in text and _sparql_depth_bound(_without_comment_lines(text)) <= limit:
        return
    remembered = (text_digest(text), limit)
    if remembered in _PASSED:
        return
    _check_sparql_tokens(text, what, limit)
    if len(_PASSED) >= PASSED_REMEMBERED:
        _PASSED.clear()
    _PASSED.add(remembered)


PASSED_REMEMBERED = 1024
"""Query texts remembered as within the depth limit: an application sends the same query text again and again
(a page's, a dashboard's), and tokenizing a 6 KB query costs ~1.2 ms of CPU, ~10% of a query that reads 1M
triples. Kept as (:func:`~qualgraph.sparql_text.text_digest`, limit) pairs; forgotten all at once when full."""

_PASSED: set[tuple[bytes, int]] = set()


def _check_sparql_tokens(text: str, what: str, limit: int) -> None:
    """:func:`check_sparql`'s estimate, token by token (the character counts could not rule the text in)."""
    stack: list[tuple[int, int, int, int, int]] = []  # the open levels around this one, as saved below
    keywords = ops = paths = run = deepest = 0  # this level: its chains, and the tallest child closed in it
    outer = 0  # the chain levels of the levels in `stack`

    def height() -> int:
        return keywords // CHAIN_PER_LEVEL + max(run, ops // CHAIN_PER_LEVEL + paths) + deepest

    for m in SPARQL_TOKEN.finditer(text):
        kind = m.lastgroup
        token = m.group()
        if kind == "open" or token == "{":
            outer += keywords // CHAIN_PER_LEVEL + max(run, ops // CHAIN_PER_LEVEL + paths)
            stack.append((keywords, ops, paths, run, deepest))
            keywords = ops = paths = run = deepest = 0
        elif kind == "close" or token == "}":
            if not stack:
                continue  # unbalanced: Oxigraph's parser says so
            closed = 1 + height()
            keywords, ops, paths, run, deepest = stack.pop()
            outer -= keywords // CHAIN_PER_LEVEL + max(run, ops // CHAIN_PER_LEVEL + paths)
            deepest = max(deepest, closed)
            continue
        elif kind == "op":
            if token in _PATH_OPERATORS:
                paths += 1
            elif token != "^^":
                ops += 1
        elif kind == "word":
            if token.upper() not in _CHAINING_WORDS:
                continue
            keywords += 1
        elif kind == "sep" or token == ";":
            run = max(run, ops // CHAIN_PER_LEVEL + paths)
            ops = paths = 0  # an expression or a path ends here
            continue
        elif token.startswith("<") and len(token) > 2:
            # An IRI to the lexer; in an expression Oxigraph may read it as `<`, operators, brackets and `>`.
            ops += len(_IRI_OPERATORS.findall(token))
            if "(" in token or "[" in token:
                depth = len(stack) + outer + height()
                for char in token:
                    depth += char in "(["
                    if depth > limit:
                        raise _too_deep(what, "brackets ({ ( [)", limit, *_line_column(text, m.start()))
        else:
            continue
        if len(stack) + outer + height() > limit:
            raise _too_deep(what, "brackets, operators and pattern keywords", limit,
                            *_line_column(text, m.start()))
    if len(stack) + outer + height() > limit:
        raise _too_deep(what, "brackets, operators and pattern keywords", limit, None, None)
