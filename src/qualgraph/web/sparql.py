"""``/sparql``: the SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/).

* query by ``GET ?query=``, ``POST`` of a form (``application/x-www-form-urlencoded``) or of the query itself
  (``application/sparql-query``); ``default-graph-uri`` / ``named-graph-uri`` from the URL or the form;
* update by ``POST`` of a form (``update=``) or of the update itself (``application/sparql-update``), with
  the administrator's bearer token; ``using-graph-uri`` / ``using-named-graph-uri`` honoured;
* ``GET`` without a query: the Service Description (RDF), or the SPARQL editor for a browser;
* ``HEAD`` with a query: the headers a ``GET`` would have (negotiated content type, ``Vary``), the query not run;
* result format by ``Accept`` (q-values) or a ``format`` parameter; unknown parameters are ignored.

The routes only read the request: running and serialising is :mod:`qualgraph.sparql`'s job.
They read parameters from the request themselves and call the :mod:`qualgraph.web.deps` functions directly
instead of declaring FastAPI parameters and dependencies: the protocol needs repeated parameters from both
the URL and the form anyway, and FastAPI's parameter and dependency resolution cost about 0.6 ms of CPU per
request (cProfile, small queries), more than Oxigraph spends answering them. The parameters are documented
in OpenAPI through ``openapi_extra``.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..config import Settings
from ..media_types import aliases_of, choose
from ..sparql import (
    MalformedQuery,
    ProtocolError,
    QueryRequest,
    SparqlService,
    UnsupportedMediaType,
    check_iri,
    format_accept,
    negotiate,
)
from ..sparql.pool import QUERY_CLIENT
from ..sparql_text import tokens
from .auth import TokenRegistry, check_admin, check_token, get_registry
from .bodies import read_limited_body, too_large
from .deps import get_app_settings, get_sparql, get_store
from .publishing import editor_page
from .service_description import SD_FORMATS, describe_service
from .sparql_protocol import FORM, QUERY, UPDATE, answer_response, content_type, decode_text, endpoint_iri

router = APIRouter(tags=["SPARQL"])

def _single(values: list[str] | None, name: str) -> str | None:
    if not values:
        return None
    if len(values) > 1:
        raise ProtocolError(f"the request has {len(values)} '{name}' parameters; the protocol allows one")
    return values[0]


def _first(values: list[str] | None) -> str | None:
    """The first ``format`` value we understand (not a protocol parameter: clients send several)."""
    for value in values or ():
        if format_accept(value):
            return value
    return None


async def _run_query(service: SparqlService, request: Request, settings: Settings, query: str,
                     default_graphs: list[str], named_graphs: list[str], fmt: str | None) -> Response:
    if len(query) > settings.max_query_bytes and len(query.encode()) > settings.max_query_bytes:
        raise too_large("query", settings.max_query_bytes, "max_query_bytes")
    accept = format_accept(fmt) or request.headers.get("accept")
    req = QueryRequest(query, accept, tuple(default_graphs), tuple(named_graphs), endpoint_iri(request, settings.base_url))
    # the client's share of the query workers is counted by address (see WorkerPool.arun)
    QUERY_CLIENT.set(request.client.host if request.client else None)
    return answer_response(await service.aquery(req))


async def _run_update(service: SparqlService, request: Request, settings: Settings, registry: TokenRegistry,
                      update: str, using: list[str], using_named: list[str]) -> Response:
    check_admin(check_token(request, registry))
    await run_in_threadpool(service.update, update, base_iri=endpoint_iri(request, settings.base_url), using=using,
                            using_named=using_named)
    return Response(status_code=204)


def _parameter_docs(*, post: bool) -> dict:
    """OpenAPI description of the protocol's parameters (read by hand below, see the module docstring)."""
    names = [("default-graph-uri", "IRI of a graph of the query's default graph (repeatable)"),
             ("named-graph-uri", "IRI of a named graph of the query's dataset (repeatable)"),
             ("format", "result format, overrides Accept: json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml")]
    if not post:
        names.insert(0, ("query", "the SPARQL query; without it, the Service Description (or, for a browser, "
                                  "the query page)"))
    else:
        names += [("using-graph-uri", "update: IRI of a graph of the WHERE clause's default graph (repeatable)"),
                  ("using-named-graph-uri", "update: IRI of a named graph of the WHERE clause (repeatable)")]
    docs: dict = {"parameters": [{"name": n, "in": "query", "required": False, "description": d,
                                  "schema": {"type": "string"}} for n, d in names]}
    if post:
        docs["requestBody"] = {"content": {
            FORM: {"schema": {"type": "object", "properties": {
                "query": {"type": "string"}, "update": {"type": "string"},
                "default-graph-uri": {"type": "string"}, "named-graph-uri": {"type": "string"}}}},
            QUERY: {"schema": {"type": "string"}},
            UPDATE: {"schema": {"type": "string"}},
        }}
    return docs


@router.get("/sparql", summary="SPARQL query (GET), Service Description, or the query page",
            openapi_extra=_parameter_docs(post=False))
async def sparql_get(request: Request) -> Response:
    """Run a query given as ``?query=``; without one, describe the service (RDF) or show the query page."""
    params = request.query_params
    text = _single(params.getlist("query"), "query")
    settings = await get_app_settings(request)
    if text is None:
        if params.getlist("update"):
            raise ProtocolError("SPARQL Update must be sent with POST (SPARQL 1.1 Protocol, section 2.2)")
        return await _describe(request, settings, _first(params.getlist("format")))
    return await _run_query(await get_sparql(request), request, settings, text,
                            params.getlist("default-graph-uri"), params.getlist("named-graph-uri"),
                            _first(params.getlist("format")))


_FORMS = {"SELECT": "solutions", "ASK": "boolean", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


def _result_kind(query: str) -> str:
    """What a query returns (``solutions``, ``boolean``, ``graph``), read from its form with the SPARQL lexer: the
    first ``SELECT``/``ASK``/``CONSTRUCT``/``DESCRIBE`` outside braces. Not a parse: only what HEAD needs."""
    for token in tokens(query):
        if token.depth == 0 and token.text in _FORMS:
            return _FORMS[token.text]
    raise MalformedQuery("the query has no query form (SELECT, ASK, CONSTRUCT or DESCRIBE); "
                         "SPARQL Update must be sent with POST")


@router.head("/sparql", include_in_schema=False)
async def sparql_head(request: Request) -> Response:
    """The headers a ``GET`` would answer with, without running the query: the content type negotiated for the
    query's form (``Accept`` or ``format``) and ``Vary``; 413 for a query over ``max_query_bytes``, 400 for one with
    no query form or a graph parameter that is not an IRI, 406 when no format of its form is accepted. The
    query is not parsed, so a query the engine would reject still gets the headers of success; ``GET`` tells.
    Without a query, the headers of the page or the Service Description (cheap: made and left unsent)."""
    params = request.query_params
    text = _single(params.getlist("query"), "query")
    if text is None:
        return await sparql_get(request)
    settings = await get_app_settings(request)
    if len(text) > settings.max_query_bytes and len(text.encode()) > settings.max_query_bytes:
        raise too_large("query", settings.max_query_bytes, "max_query_bytes")
    for name in ("default-graph-uri", "named-graph-uri"):
        for graph in params.getlist(name):
            check_iri(graph, name)
    accept = format_accept(_first(params.getlist("format"))) or request.headers.get("accept")
    response = Response(media_type=negotiate(accept, _result_kind(text)), headers={"Vary": "Accept"})
    del response.headers["content-length"]  # unknown until the query runs (RFC 9110 §8.6 lets HEAD leave it out)
    return response


@router.post("/sparql", summary="SPARQL query or update (POST)", openapi_extra=_parameter_docs(post=True))
async def sparql_post(request: Request) -> Response:
    """A query or an update in the body: a form (``query=`` / ``update=``), or the text itself.

    Updates need the administrator's token (``Authorization: Bearer ...``): 401 without a token, 403 with
    another one. Agency tokens cannot run raw updates; agencies submit data through their own API.
    """
    service = await get_sparql(request)
    settings = await get_app_settings(request)
    registry = await get_registry(request)
    media_type, charset = content_type(request.headers.get("content-type", ""))
    body = await read_limited_body(request, settings.max_query_bytes, "max_query_bytes",
                                   {QUERY: "query", UPDATE: "update"}.get(media_type, "request body"))
    url = request.query_params
    using = url.getlist("using-graph-uri")
    using_named = url.getlist("using-named-graph-uri")
    default_graphs = url.getlist("default-graph-uri")
    named_graphs = url.getlist("named-graph-uri")
    fmt = _first(url.getlist("format"))
    if media_type == QUERY:
        return await _run_query(service, request, settings, decode_text(body, charset, "query"), default_graphs,
                                named_graphs, fmt)
    if media_type == UPDATE:
        return await _run_update(service, request, settings, registry, decode_text(body, charset, "update"), using,
                                 using_named)
    if media_type != FORM:
        raise UnsupportedMediaType(
            f"a SPARQL request is POSTed as {FORM}, {QUERY} or {UPDATE}, not {media_type or 'without a Content-Type'}"
        )
    form = parse_qs(decode_text(body, charset, "form"), keep_blank_values=True)
    queries, updates = form.get("query", []), form.get("update", [])
    if queries and updates:
        raise ProtocolError("a request carries either a query or an update, not both")
    fmt = fmt or _first(form.get("format"))
    if queries:
        return await _run_query(service, request, settings, _single(queries, "query") or "",
                                default_graphs + form.get("default-graph-uri", []),
                                named_graphs + form.get("named-graph-uri", []), fmt)
    if updates:
        return await _run_update(service, request, settings, registry, _single(updates, "update") or "",
                                 using + form.get("using-graph-uri", []),
                                 using_named + form.get("using-named-graph-uri", []))
    raise ProtocolError("the form has neither a 'query' nor an 'update' parameter")


async def _describe(request: Request, settings: Settings, fmt: str | None) -> Response:
    """The Service Description in the negotiated RDF syntax, or the SPARQL editor for a browser."""
    accept = format_accept(fmt) or request.headers.get("accept")
    offers = [f.media_type for f in SD_FORMATS] + ["text/html"]
    chosen = choose(accept, offers, aliases_of(SD_FORMATS))
    if chosen == "text/html":
        return await run_in_threadpool(editor_page, request)
    if chosen is None:
        chosen = SD_FORMATS[0].media_type  # a description is better than a 406 for a mistyped Accept
    store = await get_store(request)
    body = await run_in_threadpool(describe_service, endpoint_iri(request, settings.base_url), store, settings, chosen)
    return Response(body, media_type=chosen, headers={"Vary": "Accept"})

