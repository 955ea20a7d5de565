"""Linked-data publishing and the pages for people: every qualgraph IRI dereferences.

A qualgraph IRI such as ``https://w3id.org/qualgraph/id/framework/ie-nfq/level/8`` is served by this router
at ``/id/framework/ie-nfq/level/8``; the ontology (``https://w3id.org/qualgraph/ontology``) at ``/ontology``
and its status and role concepts at ``/status/{name}`` and ``/role/{name}``. In production, w3id.org
redirects the persistent IRIs to the service: a ``.htaccess`` in the w3id repository
(https://github.com/perma-id/w3id.org, directory ``qualgraph/``) with
``RewriteRule ^(.*)$ https://HOST/$1 [R=303,L]`` keeps the path, so ``/qualgraph/id/...`` lands on ``/id/...``
here, with the client's Accept header, and the negotiation below answers.

Negotiation (``Accept`` with q-values, :mod:`qualgraph.media_types`; ``?format=ttl|nt|jsonld|rdf|html``
overrides it): ``text/html`` gets a page for people, the RDF media types get the resource's description
(``queries/resource-description.rq``: its statements and the names of what it links to), ``*/*`` gets
Turtle. Every answer carries ``Vary: Accept`` and ``Link`` headers naming the other formats. An IRI the graph
says nothing about is a 404 (for a browser, a page with a way to search); an Accept header naming nothing we
produce is a 406.

The routes only speak HTTP: negotiation, headers (``Vary``, ``Link``) and rendering. Which IRI a path names,
what the store says about it and what its page shows are :mod:`qualgraph.linked_data`'s, built on the domain
functions the API and the command line use (:func:`~qualgraph.frameworks.framework_detail`,
:func:`~qualgraph.frameworks.level_detail`, :func:`~qualgraph.comparability.comparable_levels`), so the
pages need no JavaScript; only the query pages run scripts: the plain one (``/sparql/plain``,
:func:`query_page`) our own ``static/query.js`` (inlined), the editor (``/sparql``) YASGUI. Templates and static
files: :mod:`qualgraph.web.templating`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from .. import ids, linked_data
from ..frameworks import framework_overview
from ..media_types import N_TRIPLES, aliases_of, choose
from ..publishing.dataset import schema_org as dataset_schema
from ..publishing.jsonld import page_schema, script_json
from ..queries import QueryInfo, query_catalogue
from ..sparql import GRAPH_FORMATS
from ..store import GraphStore
from .deps import get_store
from .publishing import context_url, public_url
from .templating import query_script, render

router = APIRouter(include_in_schema=False)

HTML = "text/html"
RDF_TYPES = [f.media_type for f in GRAPH_FORMATS]  # Turtle first: what */* (curl, most RDF clients) gets
OFFERS = RDF_TYPES + [HTML]
ALIASES = aliases_of(GRAPH_FORMATS) | {"text/plain": N_TRIPLES.media_type}
"""Other names of the formats; ``text/plain`` is N-Triples' old name, which rdflib's ``Graph().parse(url,
format="nt")`` and other line-based readers still ask for."""
FORMATS = {f.extension: f.media_type for f in GRAPH_FORMATS} | {"html": HTML}
"""The ``?format=`` values (each format's extension), for links that must not depend on a header (downloads,
a browser's address bar)."""
_EXTENSION = {v: k for k, v in FORMATS.items()}


# -- negotiation and headers --------------------------------------------------------------------------------
class _NotAcceptable(Exception):
    pass


def negotiate_page(request: Request) -> str:
    """The media type to answer with: ``?format=`` first, then Accept; raises _NotAcceptable."""
    fmt = request.query_params.get("format")
    if fmt:
        chosen = FORMATS.get(fmt.strip().lower())
        if chosen is None:
            raise _NotAcceptable(f"format={fmt} is not one of {', '.join(FORMATS)}")
        return chosen
    chosen = choose(request.headers.get("accept"), OFFERS, ALIASES)
    if chosen is None:
        raise _NotAcceptable(f"this resource is available as {', '.join(OFFERS)}; the request accepts none of them "
                             f"(Accept: {request.headers.get('accept')})")
    return chosen


def _raw_path(request: Request) -> str:
    """The path as the client sent it, still percent-encoded (``request.url.path`` is decoded)."""
    return request.scope.get("raw_path", b"").decode("latin-1") or quote(request.url.path)


def _link_header(request: Request, iri: str) -> str:
    # From the path as sent: decoded, a %00 or %0D%0A would end up in the header itself.
    here = str(request.url.replace(path=_raw_path(request), query="", fragment=""))
    links = [f'<{here}?format={_EXTENSION[t]}>; rel="alternate"; type="{t}"' for t in OFFERS]
    links.append(f'<{iri}>; rel="canonical"')
    return ", ".join(links)


def _headers(request: Request, iri: str) -> dict[str, str]:
    return {"Vary": "Accept", "Link": _link_header(request, iri)}


def _not_acceptable(error: _NotAcceptable) -> PlainTextResponse:
    return PlainTextResponse(str(error), status_code=406, headers={"Vary": "Accept"})


def _alternates(request: Request) -> list[tuple[str, str, str]]:
    """``(href, label, media type)`` of each other format, for ``<link rel="alternate" type=...>``."""
    here = request.url.path
    return [(f"{here}?format={f.extension}", f.label, f.media_type) for f in GRAPH_FORMATS]


def _includes(request: Request) -> list[str]:
    """``include=draft&include=illustrative`` or ``include=draft,illustrative``: the extra statuses asked for."""
    return linked_data.included_statuses(request.query_params.getlist("include"))


# -- routes -------------------------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: GraphStore = Depends(get_store)) -> HTMLResponse:
    """What qualgraph is, the frameworks grouped by kind, and a "what does this level compare to?" form; the
    dataset embedded as schema.org JSON-LD for search engines."""
    return render("home.html", jsonld=script_json(dataset_schema(public_url(request, ""))),
                  **linked_data.home_page(store))


@router.get("/compare", response_class=HTMLResponse)
def compare(request: Request, store: GraphStore = Depends(get_store)) -> HTMLResponse:
    """``/compare?from=ie-nfq:8&to=uk-scqf``: the comparable levels as a page (the JSON is /api/equivalences)."""
    level = (request.query_params.get("from") or "").strip()
    to = (request.query_params.get("to") or "").strip() or None
    include = _includes(request)
    context: dict[str, Any] = {"level": level, "to": to, "include": include,
                               "frameworks": framework_overview(store), "answers": None, "error": None,
                               "suggestions": []}
    status = 200
    if level:
        try:
            context.update(linked_data.comparison(store, level, to, include))
        except ids.InvalidId as e:
            context["error"], status = str(e), 400
        except ids.UnknownId as e:
            context["error"], context["suggestions"], status = str(e), e.suggestions[:10], 404
    return render("compare.html", status_code=status, **context)


@router.get("/ontology")
def ontology(request: Request, store: GraphStore = Depends(get_store)) -> Response:
    """The ontology file: Turtle as written, other RDF syntaxes converted, or a page listing its terms."""
    try:
        chosen = negotiate_page(request)
    except _NotAcceptable as e:
        return _not_acceptable(e)
    headers = _headers(request, linked_data.ONTOLOGY)
    if chosen != HTML:
        return Response(linked_data.ontology_document(chosen), media_type=chosen, headers=headers)
    return render("ontology.html", headers=headers, alternates=_alternates(request),
                  **linked_data.ontology_page(store))


@router.get("/status/{name}")
def status_concept(request: Request, name: str, store: GraphStore = Depends(get_store)) -> Response:
    """A decision status (``qgs:accepted`` ...), defined in the ontology file."""
    return _resource(request, store, "status", name)


@router.get("/role/{name}")
def role_concept(request: Request, name: str, store: GraphStore = Depends(get_store)) -> Response:
    """An organisation role (``qgr:awarding-body`` ...), defined in the ontology file."""
    return _resource(request, store, "role", name)


@router.get("/id/{path:path}")
def instance(request: Request, path: str, store: GraphStore = Depends(get_store)) -> Response:
    """Any instance IRI under ``https://w3id.org/qualgraph/id/`` (frameworks, levels, decisions ...)."""
    return _resource(request, store, "id", _raw_path(request)[len("/id/"):])


def _resource(request: Request, store: GraphStore, kind: str, local: str) -> Response:
    try:  # answered before any header is built from the path
        iri = linked_data.resource_iri(kind, local, path=request.url.path, raw_path=_raw_path(request))
    except linked_data.NotAnIri as e:
        return PlainTextResponse(str(e), status_code=400)
    try:
        chosen = negotiate_page(request)
    except _NotAcceptable as e:
        return _not_acceptable(e)
    headers = _headers(request, iri)
    graph = linked_data.describe(store, iri)
    if not len(graph):
        return _not_found(request, store, iri, chosen, headers)
    if chosen != HTML:
        return Response(linked_data.serialise(graph, chosen, context_url=context_url(request)), media_type=chosen,
                        headers=headers)
    page, data = linked_data.resource_page(store, iri, graph, _includes(request))
    return render(f"{page}.html", headers=headers, alternates=_alternates(request),
                  jsonld=script_json(page_schema(page, data, str(request.url.replace(query="", fragment="")))),
                  **data)


def _not_found(request: Request, store: GraphStore, iri: str, chosen: str, headers: dict[str, str]) -> Response:
    message = linked_data.not_found_message(iri)
    if chosen != HTML:
        return PlainTextResponse(message, status_code=404, headers=headers)
    suggestions = linked_data.suggestions(store, iri)
    return render("not_found.html", status_code=404, headers=headers, iri=iri, message=message,
                  suggestions=[(s, linked_data.id_href(s)) for s in suggestions],
                  search_href="/sparql#query=" + quote(linked_data.FIND_BY_NAME))


# -- the query page -----------------------------------------------------------------------------------------
@router.get("/sparql/plain", response_class=HTMLResponse)
def query_page(request: Request) -> HTMLResponse:
    """The plain query page (``/sparql/plain``; ``/sparql`` in a browser is the SPARQL editor,
    :func:`qualgraph.web.publishing.editor_page`): a text box, our own small script, and the example queries of
    ``queries/``, the service's own among them.

    ``?example=NAME`` opens an example, ``&run=1`` runs it at once (links from other pages, and the tests);
    ``#query=TEXT`` in the address opens any query (the page writes it there, so a query can be shared).
    """
    from ..publishing.examples import example_questions

    questions = [QueryInfo(e.name, e.question, e.about, e.text) for e in example_questions()]
    try:
        service_queries = query_catalogue()
    except OSError:
        service_queries = []
    examples = questions + service_queries
    chosen = request.query_params.get("example")
    selected = next((q for q in examples if q.name == chosen), None)
    return render("sparql.html", endpoint="/sparql", questions=questions, service_queries=service_queries,
                  examples=examples, selected=selected,
                  autorun=request.query_params.get("run") in ("1", "true", "yes"), script=query_script())
