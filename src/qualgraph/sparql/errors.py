"""The SPARQL service's errors: each carries the HTTP status the web layer answers with, and a code, so that
query worker processes can send an error back as plain data."""

from __future__ import annotations

# -- errors: each carries the HTTP status the web layer answers with ----------------------------------------
class SparqlError(Exception):
    """A request the service cannot answer; ``status`` is the HTTP status, the message is for the user."""

    status = 400
    code = "error"


class MalformedQuery(SparqlError):
    """The protocol's "malformed query" (400): the query, update or RDF body does not parse; the message is the
    parser's, with line and column. (The store's own parse error is :class:`qualgraph.store.QuerySyntaxError`.)"""

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
    """A request body (or query string) longer than the setting named in the message allows, as sent or once
    expanded (RDF/XML entities: setting ``max_entity_expansion_bytes``)."""

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


ERRORS: dict[str, type[SparqlError]] = {
    cls.code: cls
    for cls in (
        SparqlError, MalformedQuery, ProtocolError, FederationRefused, NotAcceptable, UnsupportedMediaType,
        QueryTimeout, ServiceBusy, StoreFailure, GraphNotFound, RequestTooLarge,
    )
}
"""Error classes by code, so that worker processes can send errors back as plain data."""
