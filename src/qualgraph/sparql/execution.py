"""One query on a pyoxigraph store, from text to serialised bytes: the dataset, the evaluation, the negotiated
format, the row cap and the deadline. It runs inside the query worker processes
(:mod:`qualgraph.sparql.worker`) and, for an in-memory store, in a thread; so it imports nothing heavy.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from itertools import islice
from typing import Any, Callable

import pyoxigraph as ox

from ..input_limits import InputLimits, InputRefused, check_sparql
from ..sandbox import is_network_refusal, network_refused
from ..sparql_text import has_dataset_clause
from .dataset import check_iri
from .errors import FederationRefused, ProtocolError, MalformedQuery, QueryTimeout, StoreFailure
from .federation import NO_ROUTE_MESSAGE, check_federation, may_fetch
from .formats import negotiate

DEFAULT_MAX_ROWS = 10_000
"""Rows (or triples) a query may return unless ``max_rows`` says otherwise; ``0`` means no cap."""

TRUNCATED_HEADER = "X-SPARQL-MaxRows"
"""Response header set to the cap when a result was cut at ``max_rows`` rows (the results stay valid)."""


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


class _Sink:
    """Where pyoxigraph writes a result: stops it after ``max_lines`` lines or past ``deadline``.

    A plain object with ``write``, not an ``io.RawIOBase``: pyoxigraph only calls ``write`` and ``flush``, and the
    io base class cost ~20 us a query (a third of a lookup's serialisation; ``bench/probe_fast_path.py``)."""

    def __init__(self, max_lines: int | None = None, deadline: float | None = None,
                 line_end: bytes = b"\n") -> None:
        self.parts: list[bytes] = []
        self.lines = 0
        self.max_lines = max_lines
        self.deadline = deadline
        self.overtime = False
        self.line_end = line_end
        """What is counted as a line: a newline, or :data:`_JSON_ROW_BOUNDARY` (which may span two chunks)."""
        self._carry = b""

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.parts.append(chunk)
        if self.deadline is not None and time.monotonic() > self.deadline:
            self.overtime = True
            raise _Enough()
        if self.max_lines is not None:
            if len(self.line_end) == 1:
                self.lines += chunk.count(self.line_end)
            else:
                seen = self._carry + chunk
                self.lines += seen.count(self.line_end)
                self._carry = seen[-(len(self.line_end) - 1):]
            if self.lines >= self.max_lines:
                raise _Enough()
        return len(chunk)

    def flush(self) -> None:
        pass

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


def rdf_format(media_type: str) -> ox.RdfFormat:
    return ox.RdfFormat.from_media_type(media_type)


def _serialise_solutions(result: ox.QuerySolutions, media_type: str, max_rows: int | None,
                         deadline: float | None,
                         again: Callable[[], ox.QuerySolutions] | None = None) -> tuple[bytes, int | None]:
    """The result in ``media_type``, cut after ``max_rows`` rows; ``again`` evaluates the query once more (for
    the rare JSON result that must be cut where its rows cannot be told apart, see :func:`_serialise_json_rows`)."""
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
    if fmt == ox.QueryResultsFormat.JSON and again is not None:
        return _serialise_json_rows(result, max_rows, deadline, again)
    return _serialise_through_tsv(result, fmt, max_rows, deadline)


def _serialise_through_tsv(result: ox.QuerySolutions, fmt: ox.QueryResultsFormat, max_rows: int,
                           deadline: float | None) -> tuple[bytes, int | None]:
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


_JSON_ROW_BOUNDARY = b"},{"
"""Between two rows of Oxigraph's SPARQL JSON results (``...},{...``), and nowhere else outside strings: a term is
``"var":{`` and a triple term's parts ``},"predicate":{``. Inside a string it may occur too, so counting it gives at
least the number of rows minus one."""

_JSON_RESULTS_END = b"]}}"


def _serialise_json_rows(result: ox.QuerySolutions, max_rows: int, deadline: float | None,
                         again: Callable[[], ox.QuerySolutions]) -> tuple[bytes, int | None]:
    """SPARQL JSON written directly, its rows counted by :data:`_JSON_ROW_BOUNDARY` as it is written.

    Why: the TSV route parses the rows back and writes them again: the comparability query (56 rows, 7.2 ms on the
    10M store) costs 0.6 ms more through it than uncapped, and 0.2 ms more written this way
    (``bench/probe_new_text.py``). A result with fewer boundaries than ``max_rows`` is whole. One
    with more is cut at the ``max_rows``-th boundary and closed; if that is not exactly ``max_rows`` rows (a
    string held a boundary), the query is evaluated ``again`` and cut through TSV."""
    sink = _Sink(max_lines=max_rows, deadline=deadline, line_end=_JSON_ROW_BOUNDARY)
    try:
        result.serialize(sink, format=ox.QueryResultsFormat.JSON)
        return sink.value(), None
    except _Enough:
        if sink.overtime:
            raise
    body = sink.value()
    end = -1
    for _ in range(max_rows):
        end = body.find(_JSON_ROW_BOUNDARY, end + 1)
    cut = body[:end + 1] + _JSON_RESULTS_END
    try:
        rows = sum(1 for _ in ox.parse_query_results(cut, format=ox.QueryResultsFormat.JSON))
    except (SyntaxError, ValueError):
        rows = -1
    if rows == max_rows:
        return cut, max_rows
    return _serialise_through_tsv(again(), ox.QueryResultsFormat.JSON, max_rows, deadline)


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
    fmt = rdf_format(media_type)
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
        raise MalformedQuery(str(e)) from None


def run_query(store: ox.Store, request: QueryRequest, limits: QueryLimits,
              deadline: float | None = None, *, a_lookup: bool = False) -> QueryAnswer:
    """Evaluate one query and serialise its result in the negotiated format.

    The dataset: the protocol's ``default-graph-uri`` / ``named-graph-uri`` when given (they override the
    query's FROM, as the protocol says); else the query's own FROM / FROM NAMED; else qualgraph's default
    graph, the union of all named graphs. ``deadline`` (monotonic seconds) stops a query that is still
    writing results; it cannot stop one that computes for long before its first result (only killing the
    worker process can: see :mod:`qualgraph.sparql.pool`).

    ``a_lookup``: the text is one :func:`~qualgraph.sparql.inline.bounded_by_rows` recognised, a single triple pattern
    with no SERVICE or LOAD, so the depth and federation checks cannot refuse it and are not run (~9 us of a lookup's
    ~200 in the HTTP protocol).
    """
    if not a_lookup:
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
            body, cut = _serialise_solutions(result, media_type, limits.max_rows, deadline,
                                             again=lambda: store.query(request.query, **kwargs))
            return QueryAnswer(body, media_type, "solutions", cut)
        media_type = negotiate(request.accept, "graph")
        body, cut = _serialise_triples(result, media_type, limits.max_rows, deadline)
        return QueryAnswer(body, media_type, "graph", cut)
    except SyntaxError as e:
        raise MalformedQuery(f"the query does not parse: {e.msg if hasattr(e, 'msg') else e}") from None
    except _Enough:
        raise QueryTimeout("the query ran past the time limit and was stopped") from None
    except OSError as e:
        if network_refused() and may_fetch(request.query) and is_network_refusal(e):
            raise FederationRefused(NO_ROUTE_MESSAGE) from None
        raise StoreFailure(f"the query failed while reading the store or a service: {e}") from None
    except ValueError as e:
        raise ProtocolError(str(e)) from None


def serialise_store_result(result: Any, accept: str | None, max_rows: int | None) -> QueryAnswer:
    """Serialise the store interface's :class:`~qualgraph.store.QueryResult` (rdflib terms) with pyoxigraph.

    The result is written once in a syntax pyoxigraph reads (SPARQL JSON, N-Triples), then read and written
    in the negotiated format by pyoxigraph, so both back ends produce the same serialisations.
    """
    import json

    from ..store.terms import to_ox

    if result.kind == "graph":
        media_type = negotiate(accept, "graph")
        triples = list(result.graph)
        cut = max_rows if max_rows and len(triples) > max_rows else None
        nt = "".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} .\n" for s, p, o in triples[:cut or None])
        parsed = [q.triple for q in ox.parse(nt.encode(), format=ox.RdfFormat.N_TRIPLES)]
        return QueryAnswer(ox.serialize(parsed, format=rdf_format(media_type)), media_type, "graph", cut)
    if result.kind == "ask":
        media_type = negotiate(accept, "boolean")
        document = json.dumps({"head": {}, "boolean": bool(result.boolean)})
        answer = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
        return QueryAnswer(answer.serialize(format=_results_format(media_type)), media_type, "boolean")
    media_type = negotiate(accept, "solutions")
    rows = result.rows
    cut = max_rows if max_rows and len(rows) > max_rows else None
    bindings = [{name: _term_to_json(to_ox(term)) for name, term in row.items()} for row in rows[:cut or None]]
    document = json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}})
    if not result.variables:
        return QueryAnswer(_empty_rows(len(bindings), _results_format(media_type)), media_type, "solutions", cut)
    answer = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
    return QueryAnswer(answer.serialize(format=_results_format(media_type)), media_type, "solutions", cut)


def _term_to_json(term: Any) -> dict[str, str]:
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

