"""SPARQL for the web app and the CLI: the SPARQL 1.1 Protocol's queries and updates, and the Graph Store
Protocol, with the limits a public endpoint needs (timeouts, row caps, memory, federation, input depth).

* :mod:`.errors` — every error with the HTTP status it is answered with;
* :mod:`.formats` — result formats and their negotiation;
* :mod:`.federation` — what ``SERVICE`` and ``LOAD`` may reach;
* :mod:`.dataset` — the protocol's dataset parameters written as FROM / USING clauses;
* :mod:`.execution` — one query on a pyoxigraph store, from text to serialised bytes;
* :mod:`.service` — the service the app holds, on the embedded or a remote store;
* :mod:`.lookup` — the limits the settings give, and lookups read in the calling process (the server's, a front's);
* :mod:`.pool` and :mod:`.worker` — the query worker processes that make queries stoppable;
* :mod:`.graph_store` — the Graph Store Protocol's operations.

The routes in :mod:`qualgraph.web.sparql` and :mod:`qualgraph.web.graph_store` only translate HTTP into these
calls (and these errors into HTTP statuses), so ``qualgraph query`` calls the same functions.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_DEFINED_IN = {
    "errors": ("ERRORS", "FederationRefused", "GraphNotFound", "NotAcceptable", "ProtocolError", "QueryOutOfMemory",
               "MalformedQuery", "QueryTimeout", "RequestTooLarge", "ServiceBusy", "SparqlError", "StoreFailure",
               "TooManyQueries", "UnsupportedMediaType"),
    "execution": ("DEFAULT_MAX_ROWS", "TRUNCATED_HEADER", "QueryAnswer", "QueryLimits", "QueryRequest", "run_query"),
    "formats": ("BOOLEAN_FORMATS", "DATASET_FORMATS", "GRAPH_FORMATS", "SOLUTION_FORMATS", "format_accept", "negotiate"),
    "dataset": ("check_iri",),
    "graph_store": ("DEFAULT_GRAPH", "GraphStoreResult", "GraphStoreService", "parse_graph_body"),
    "service": ("EmbeddedSparqlService", "SparqlService", "StoreSparqlService", "open_service"),
}
"""Where each name the package exports is defined. They are imported on first use (PEP 562), not with the package:
a query worker process runs ``python -m qualgraph.sparql.worker`` and so imports only what it runs (~0.06 s instead
of ~0.18 s with rdflib and the service; at start-up several workers import beside the server on two cores)."""

_MODULE_OF = {name: module for module, names in _DEFINED_IN.items() for name in names}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    try:
        module = _MODULE_OF[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    return getattr(import_module(f".{module}", __name__), name)
