"""``/store``: the SPARQL 1.1 Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/).

Graphs are named by indirect identification: ``/store?graph=<IRI>`` for a named graph, ``/store?default``
for the default graph (the store's own, normally empty one: SPARQL queries see the union of the named graphs
as their default graph). ``GET``/``HEAD`` are public; ``PUT`` (replace), ``POST`` (add) and ``DELETE`` need
the administrator's token. ``GET /store`` with neither parameter returns the whole dataset (N-Quads, TriG);
``POST /store`` with neither creates a new graph and answers 201 with its ``Location``.

Statuses (spec §5): 200 for a read, 201 when a write created the graph, 204 when it changed an existing
one, 404 for a graph that does not exist (GET, HEAD, DELETE), 400 for a body that does not parse (with the
parser's line and column), 413 for a body over ``max_graph_store_bytes``, 415 for a body in a syntax we do not
read.
"""

from __future__ import annotations

import uuid
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..config import Settings
from ..ids import graph_iri
from ..input_limits import InputLimits
from ..sparql import (
    DEFAULT_GRAPH,
    GraphStoreService,
    ProtocolError,
    check_iri,
    format_accept,
    negotiate,
    parse_graph_body,
)
from .auth import Principal, require_admin
from .bodies import read_limited_body
from .deps import get_app_settings, get_graph_store

router = APIRouter(tags=["Graph Store"])

GraphParam = Annotated[str | None, Query(description="IRI of the named graph")]
DefaultParam = Annotated[str | None, Query(description="present (no value needed) for the default graph")]


def _target(graph: str | None, default: str | None, *, required: bool) -> str | None:
    """The graph a request names: an IRI, :data:`DEFAULT_GRAPH`, or None (the whole store)."""
    if graph is not None and default is not None:
        raise ProtocolError("name either ?graph=<IRI> or ?default, not both")
    if default is not None:
        return DEFAULT_GRAPH
    if graph is None:
        if required:
            raise ProtocolError("name the graph: ?graph=<IRI> or ?default")
        return None
    return check_iri(graph, "graph")


@router.head("/store", summary="Headers of a graph read (404 if there is no such graph)", operation_id="head_graph")
@router.get("/store", summary="Read a graph (or the whole store)", operation_id="read_graph")
async def read_graph(
    request: Request,
    graph: GraphParam = None,
    default: DefaultParam = None,
    format: Annotated[str | None, Query(description="overrides Accept: turtle, ntriples, jsonld, rdfxml, "
                                                   "nquads, trig")] = None,
    service: GraphStoreService = Depends(get_graph_store),
) -> Response:
    """The graph in the negotiated RDF syntax; 404 if there is no such graph."""
    target = _target(graph, default, required=False)
    media_type = negotiate(format_accept(format) or request.headers.get("accept"),
                           "dataset" if target is None else "graph")
    body = await run_in_threadpool(service.read, target, media_type)
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


async def _body_triples(request: Request, settings: Settings, target: str) -> list:
    """The body's triples; a body over ``max_graph_store_bytes`` is refused (413) before it is all read."""
    limit = settings.max_graph_store_bytes
    body = await read_limited_body(request, limit, "max_graph_store_bytes", "graph")
    base = target if target != DEFAULT_GRAPH else str(request.url.replace(query=""))
    return await run_in_threadpool(parse_graph_body, body, request.headers.get("content-type"), base,
                                   InputLimits.from_settings(settings))


def _written(created: bool, target: str) -> Response:
    if not created:
        return Response(status_code=204)
    location = "/store?default" if target == DEFAULT_GRAPH else f"/store?graph={quote(target, safe='')}"
    return Response(status_code=201, headers={"Location": location})


@router.put("/store", summary="Replace a graph (administrator)", status_code=204)
async def put_graph(
    request: Request,
    graph: GraphParam = None,
    default: DefaultParam = None,
    service: GraphStoreService = Depends(get_graph_store),
    settings: Settings = Depends(get_app_settings),
    _admin: Principal = Depends(require_admin),
) -> Response:
    """Make the graph hold exactly the body's triples, atomically: 201 if it was created, else 204."""
    target = _target(graph, default, required=True)
    assert target is not None
    triples = await _body_triples(request, settings, target)
    result = await run_in_threadpool(service.put, target, triples)
    return _written(result.created, target)


@router.post("/store", summary="Add triples to a graph, or create a new graph (administrator)", status_code=204)
async def post_graph(
    request: Request,
    graph: GraphParam = None,
    default: DefaultParam = None,
    service: GraphStoreService = Depends(get_graph_store),
    settings: Settings = Depends(get_app_settings),
    _admin: Principal = Depends(require_admin),
) -> Response:
    """Merge the body into the graph (201 if it was created, else 204); without a graph, create a new one."""
    target = _target(graph, default, required=False)
    if target is None:
        target = str(graph_iri(f"store/{uuid.uuid4()}"))
    triples = await _body_triples(request, settings, target)
    result = await run_in_threadpool(service.post, target, triples)
    return _written(result.created, target)


@router.delete("/store", summary="Delete a graph (administrator)", status_code=204)
async def delete_graph(
    graph: GraphParam = None,
    default: DefaultParam = None,
    service: GraphStoreService = Depends(get_graph_store),
    _admin: Principal = Depends(require_admin),
) -> Response:
    """Drop the graph (the default graph is emptied): 204, or 404 if there is no such graph."""
    target = _target(graph, default, required=True)
    assert target is not None
    await run_in_threadpool(service.delete, target)
    return Response(status_code=204)
