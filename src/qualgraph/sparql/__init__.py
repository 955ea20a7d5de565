"""SPARQL for the web app and the CLI: the SPARQL 1.1 Protocol's queries and updates, and the Graph Store
Protocol, with the limits a public endpoint needs (timeouts, row caps, memory, federation, input depth).

* :mod:`.errors` — every error with the HTTP status it is answered with;
* :mod:`.formats` — result formats and their negotiation;
* :mod:`.federation` — what ``SERVICE`` and ``LOAD`` may reach;
* :mod:`.dataset` — the protocol's dataset parameters written as FROM / USING clauses;
* :mod:`.execution` — one query on a pyoxigraph store, from text to serialised bytes;
* :mod:`.service` — the service the app holds, on the embedded or a remote store;
* :mod:`.pool` and :mod:`.worker` — the query worker processes that make queries stoppable;
* :mod:`.graph_store` — the Graph Store Protocol's operations.

The routes in :mod:`qualgraph.web.sparql` and :mod:`qualgraph.web.graph_store` only translate HTTP into these
calls (and these errors into HTTP statuses), so ``qualgraph query`` calls the same functions.
"""

from .errors import (
    ERRORS,
    FederationRefused,
    GraphNotFound,
    NotAcceptable,
    ProtocolError,
    QueryOutOfMemory,
    MalformedQuery,
    QueryTimeout,
    RequestTooLarge,
    ServiceBusy,
    SparqlError,
    StoreFailure,
    TooManyQueries,
    UnsupportedMediaType,
)
from .execution import DEFAULT_MAX_ROWS, TRUNCATED_HEADER, QueryAnswer, QueryLimits, QueryRequest, run_query
from .formats import BOOLEAN_FORMATS, DATASET_FORMATS, GRAPH_FORMATS, SOLUTION_FORMATS, format_accept, negotiate
from .dataset import check_iri
from .graph_store import DEFAULT_GRAPH, GraphStoreResult, GraphStoreService, parse_graph_body
from .service import EmbeddedSparqlService, SparqlService, StoreSparqlService, open_service

__all__ = [
    "BOOLEAN_FORMATS", "DATASET_FORMATS", "DEFAULT_GRAPH", "DEFAULT_MAX_ROWS", "ERRORS", "EmbeddedSparqlService",
    "FederationRefused", "GRAPH_FORMATS", "GraphNotFound", "GraphStoreResult", "GraphStoreService",
    "NotAcceptable", "ProtocolError", "QueryAnswer", "QueryLimits", "QueryOutOfMemory",
    "QueryRequest", "MalformedQuery", "QueryTimeout", "RequestTooLarge", "SOLUTION_FORMATS",
    "ServiceBusy", "SparqlError", "SparqlService", "StoreFailure", "StoreSparqlService", "TRUNCATED_HEADER",
    "TooManyQueries", "UnsupportedMediaType", "check_iri", "format_accept", "negotiate", "open_service", "parse_graph_body",
    "run_query",
]
