"""Routes of publishing (issue 13): the JSON-LD context, ladders, search, the dataset description and dumps.

Thin, as every route module: each reads the request, calls one function of :mod:`qualgraph.publishing`
(through ``Depends`` for the store and settings) and turns its answer or its errors into HTTP. The caching
headers and ``HEAD`` are :mod:`qualgraph.web.caching`'s, for every route at once.
"""

from __future__ import annotations

import json
import os
from email.utils import formatdate
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response, StreamingResponse

from .. import ids, linked_data
from ..config import Settings
from ..frameworks import framework_overview
from ..media_types import GRAPH_FORMATS, N_TRIPLES, aliases_of, choose
from ..publishing import dataset, ladders, search
from ..publishing import labels as labels_feature
from ..publishing.jsonld import CONTEXT_PATH, context_document, script_json
from ..store import GraphStore
from .caching import RangeNotSatisfiable, StoreClock, byte_range, entity_tag
from .deps import get_app_settings, get_store
from .languages import current_language
from .templating import render

router = APIRouter()


def public_url(request: Request, path: str) -> str:
    """The absolute URL of ``path`` on this service: under ``base_url`` when set, else the request's own."""
    base = getattr(request.app.state.settings, "base_url", None) or str(request.base_url)
    return base.rstrip("/") + path


def context_url(request: Request) -> str:
    """Where this service publishes the JSON-LD context (``/context.jsonld``)."""
    return public_url(request, CONTEXT_PATH)


@router.get(CONTEXT_PATH, tags=["linked data"], summary="The JSON-LD context of every JSON-LD answer",
            response_class=Response, responses={200: {"content": {"application/ld+json": {}}}})
def jsonld_context() -> Response:
    """The context that compacts qualgraph's JSON-LD into plain JSON (``prefLabel``, ``inScheme`` ...)."""
    return Response(context_document(), media_type="application/ld+json")


# -- a browser asking for a path that does not exist -----------------------------------------------------------
async def not_found(request: Request, exc: Exception) -> Response:
    """An unknown path: an HTML page for a browser (one that prefers ``text/html``), FastAPI's JSON for the
    rest; any other HTTP error as FastAPI answers it."""
    from fastapi.exception_handlers import http_exception_handler
    from starlette.exceptions import HTTPException

    assert isinstance(exc, HTTPException)
    if exc.status_code == 404 and exc.detail == "Not Found" \
            and choose(request.headers.get("accept"), ["application/json", "text/html"]) == "text/html":
        return render("not_found.html", status_code=404, suggestions=[],
                      message=f"There is no page at {request.url.path}", search_href="/search")
    return await http_exception_handler(request, exc)


# -- ladders ---------------------------------------------------------------------------------------------------
def _ladder_or_error(store: GraphStore, settings: Settings, frameworks: list[str], include: list[str],
                     language: str = "en") -> tuple[ladders.Ladder | None, int, str | None, list[str]]:
    """The ladder, or the status, message and suggestions of why it cannot be drawn."""
    try:
        chosen = ladders.parse_frameworks(frameworks, settings.max_ladder_frameworks)
        return ladders.ladder(store, chosen, include, language), 200, None, []
    except (ladders.LadderError, ids.InvalidId) as e:
        return None, 400, str(e), []
    except ids.UnknownId as e:
        return None, 404, str(e), e.suggestions[:10]


def _statuses(values: list[str]) -> list[str]:
    return linked_data.included_statuses(values)


@router.get("/api/ladder", tags=["frameworks and comparability"],
            summary="Two or more frameworks side by side: each level of the first with its comparable levels")
def api_ladder(
    frameworks: Annotated[str, Query(description="framework ids, the first one's levels as rows: ie-nfq,uk-scqf")],
    include: Annotated[str | None, Query(description="also these statuses: draft,superseded,illustrative")] = None,
    store: GraphStore = Depends(get_store),
    settings: Settings = Depends(get_app_settings),
) -> dict[str, Any]:
    """For each level of the first framework, its comparable levels in each other framework with strength, route
    and sources: ``rows[i].comparable[f]`` is what ``/api/equivalences?from=LEVEL&to=f`` answers."""
    found, status, error, suggestions = _ladder_or_error(store, settings, [frameworks], _statuses([include or ""]))
    if found is None:
        raise HTTPException(status, {"error": error, "suggestions": suggestions})
    return found.to_json()


@router.get("/ladder", response_class=HTMLResponse, include_in_schema=False)
def ladder_page(request: Request, store: GraphStore = Depends(get_store),
                settings: Settings = Depends(get_app_settings)) -> HTMLResponse:
    """``/ladder?frameworks=ie-nfq,uk-scqf``: the frameworks side by side as a drawing (SVG, no script) and a
    table of the same rows; without ``frameworks``, the form to choose them."""
    asked = [v for v in request.query_params.getlist("frameworks") if v.strip()]
    include = _statuses(request.query_params.getlist("include"))
    context: dict[str, Any] = {"frameworks": [], "include": include, "ladder": None,
                               "error": None, "suggestions": [], "chosen": [], "strength_words": ladders.STRENGTH_WORDS,
                               "route_words": ladders.ROUTE_WORDS, "max_frameworks": settings.max_ladder_frameworks}
    status = 200
    if asked:
        found, status, context["error"], context["suggestions"] = _ladder_or_error(store, settings, asked, include,
                                                                                   current_language())
        if found is not None:
            context["ladder"], context["drawing"] = found, ladders.drawing(found)
            context["chosen"] = found.frameworks
            context["row_anchor"], context["answer_anchor"] = ladders.row_anchor, ladders.answer_anchor
            context["frameworks"] = found.catalogue
    if not context["frameworks"]:
        context["frameworks"] = framework_overview(store)
    return render("ladder.html", status_code=status, **context)


# -- search ----------------------------------------------------------------------------------------------------
def _kinds(value: str | None) -> set[str] | None:
    kinds = {k.strip() for k in (value or "").split(",") if k.strip()}
    return kinds or None


@router.get("/api/search", tags=["frameworks and comparability"],
            summary="Frameworks, levels, qualifications and organisations by any of their names")
def api_search(
    q: Annotated[str, Query(description="words of a title, acronym, level name or notation: Irish 8, NFQ 8, ie-nfq:8")],
    kind: Annotated[str | None, Query(description="only these kinds: framework,level,qualification,standard,"
                                                  "organisation")] = None,
    limit: Annotated[int | None, Query(ge=1, description="most results (at most the server's limit)")] = None,
    lang: Annotated[str | None, Query(description="language of the names shown (default en)")] = None,
    store: GraphStore = Depends(get_store),
    settings: Settings = Depends(get_app_settings),
) -> list[dict[str, Any]]:
    """Every word must match a word of the record's names (or of its framework's): ``Irish 8`` finds
    ``ie-nfq:8``. Best first; an id written exactly comes first."""
    try:
        hits = search.search(store, q, kinds=_kinds(kind), max_chars=settings.max_search_chars,
                             limit=min(limit or settings.max_search_results, settings.max_search_results))
    except search.SearchTooLong as e:
        raise HTTPException(400, {"error": str(e)}) from e
    return [h.to_json(lang or "en") | {"href": linked_data.local_href(h.record.iri)} for h in hits]


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, store: GraphStore = Depends(get_store),
                settings: Settings = Depends(get_app_settings)) -> HTMLResponse:
    """``/search?q=Irish 8``: the results as a page, each linking to its own page."""
    text = request.query_params.get("q", "")
    hits, error, status = [], None, 200
    if text.strip():
        try:
            hits = search.search(store, text, kinds=_kinds(request.query_params.get("kind")),
                                 max_chars=settings.max_search_chars, limit=settings.max_search_results)
        except search.SearchTooLong as e:
            error, status, text = str(e), 400, text[:settings.max_search_chars]
    return render("search.html", status_code=status, q=text, error=error,
                  hits=[(h, linked_data.local_href(h.record.iri)) for h in hits])


# -- the dataset description and the dumps ---------------------------------------------------------------------
async def get_clock(request: Request) -> StoreClock:
    """The clock that dates the store's content (``Last-Modified``), shared with the caching middleware."""
    return request.app.state.clock


_DESCRIPTION_FORMATS = [f.media_type for f in GRAPH_FORMATS] + ["text/html"]
_BY_EXTENSION = {f.extension: f.media_type for f in GRAPH_FORMATS} | {"html": "text/html"}


def _description(request: Request, store: GraphStore, clock: StoreClock) -> Response:
    fmt = request.query_params.get("format")
    chosen = _BY_EXTENSION.get(fmt.strip().lower()) if fmt else \
        choose(request.headers.get("accept"), _DESCRIPTION_FORMATS, aliases_of(GRAPH_FORMATS)
               | {"text/plain": N_TRIPLES.media_type})
    if chosen is None:
        return PlainTextResponse(f"the dataset description is available as {', '.join(_DESCRIPTION_FORMATS)}",
                                 status_code=406, headers={"Vary": "Accept"})
    base = public_url(request, "")
    modified = clock.last_modified(store)
    headers = {"Vary": "Accept", "Link": ", ".join(
        f'<{base}/dataset?format={f.extension}>; rel="alternate"; type="{f.media_type}"' for f in GRAPH_FORMATS)}
    if chosen == "text/html":
        return render("dataset.html", headers=headers, iri=f"{base}/dataset",
                      alternates=[(f"/dataset?format={f.extension}", f.label, f.media_type) for f in GRAPH_FORMATS],
                      jsonld=script_json(dataset.schema_org(base)), **dataset.page(store, base, modified))
    graph = dataset.description(store, base, modified)
    return Response(linked_data.serialise(graph, chosen, context_url=context_url(request)), media_type=chosen,
                    headers=headers)


@router.get("/.well-known/void", tags=["linked data"], summary="The dataset described in VoID and DCAT",
            response_class=Response, responses={200: {"content": {t: {} for t in _DESCRIPTION_FORMATS}}})
def well_known_void(request: Request, store: GraphStore = Depends(get_store),
                    clock: StoreClock = Depends(get_clock)) -> Response:
    """Title, licence, publisher, SPARQL endpoint, example resources, vocabularies, triples per named graph,
    last change, and the dumps as ``dcat:Distribution``s (Turtle by default; ``Accept`` or ``?format=``)."""
    return _description(request, store, clock)


@router.get("/dataset", tags=["linked data"], summary="The dataset described in VoID and DCAT (also a page)",
            response_class=Response, responses={200: {"content": {t: {} for t in _DESCRIPTION_FORMATS}}})
def dataset_description(request: Request, store: GraphStore = Depends(get_store),
                        clock: StoreClock = Depends(get_clock)) -> Response:
    """The same description as ``/.well-known/void``; a page for browsers."""
    return _description(request, store, clock)


@router.get("/dumps/{name}", tags=["linked data"], summary="The whole dataset as one gzipped file",
            response_class=Response, responses={200: {"content": {"application/gzip": {}}},
                                                 206: {"description": "the byte range asked for (Range)"},
                                                 404: {}, 416: {"description": "no byte of the range exists"}})
def dataset_dump(name: str, request: Request, store: GraphStore = Depends(get_store),
                 settings: Settings = Depends(get_app_settings), clock: StoreClock = Depends(get_clock)) -> Response:
    """``qualgraph.nq.gz`` (N-Quads with the named graphs), ``qualgraph.ttl.gz`` (Turtle, their union),
    ``qualgraph.jsonld.gz`` (JSON-LD with the named graphs, compacted with ``/context.jsonld``): written to a file
    after each change, graph by graph, and streamed from it; 503 for a store larger than ``max_dump_quads``.
    A file is the same bytes for as long as the store is unchanged, so it has a strong ``ETag`` and answers one
    ``Range`` of bytes (``206``; with ``If-Range``, only while the content is the one the client began with)."""
    version, since = clock.state(store)  # before the file: a write in between makes the tag older, never newer
    etag = entity_tag(version, request.scope).removeprefix("W/")
    last_modified = formatdate(since, usegmt=True)
    try:
        path, _ = dataset.dump_file(store, name, settings.max_dump_quads, context_url(request))
    except KeyError:
        raise HTTPException(404, {"error": f"no dump {name!r}", "dumps": list(dataset.DUMPS)}) from None
    except dataset.DumpTooLarge as e:
        raise HTTPException(503, {"error": str(e)}) from None
    spec = dataset.DUMPS[name]
    opened = open(path, "rb")  # opened now: a later write may replace the file, this answer keeps its version
    size = os.fstat(opened.fileno()).st_size
    headers = {"ETag": etag, "Last-Modified": last_modified, "Accept-Ranges": "bytes",
               "Content-Disposition": f'attachment; filename="{spec.name}"', "Link": '</dataset>; rel="describedby"'}
    try:
        wanted = byte_range(request.headers, size, etag, last_modified)
    except RangeNotSatisfiable:
        opened.close()
        return Response(status_code=416, headers={"Content-Range": f"bytes */{size}", "ETag": etag,
                                                  "Accept-Ranges": "bytes"})
    first, last = wanted if wanted is not None else (0, size - 1)

    def chunks() -> Iterator[bytes]:
        with opened:
            opened.seek(first)
            left = last - first + 1
            while left > 0 and (chunk := opened.read(min(256 * 1024, left))):
                left -= len(chunk)
                yield chunk

    if wanted is not None:
        headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    return StreamingResponse(chunks(), status_code=206 if wanted is not None else 200, media_type="application/gzip",
                             headers=headers | {"Content-Length": str(last - first + 1)})


# -- /docs without a CDN -------------------------------------------------------------------------------------
@router.get("/docs", include_in_schema=False)
def api_docs() -> HTMLResponse:
    """The OpenAPI documentation with Swagger UI's script and stylesheet served from the package
    (``static/vendor/swagger-ui``, see its README for the version and licence), so it works offline."""
    from fastapi.openapi.docs import get_swagger_ui_html

    return get_swagger_ui_html(openapi_url="/openapi.json", title="qualgraph – API",
                               swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                               swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                               swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png")


# -- the SPARQL editor ----------------------------------------------------------------------------------------
def editor_page(request: Request) -> HTMLResponse:
    """The query page (``GET /sparql`` for a browser): YASGUI, served from the package (``static/vendor/yasgui``),
    on this endpoint, with the graph's prefixes preloaded, the questions researchers ask, and results as a
    sortable, paged table with prefixed names and each IRI's label (``/api/labels``).

    ``?example=NAME`` opens a question, ``&run=1`` runs it at once; ``#query=TEXT`` in the address opens any
    query (YASGUI's share links). The service's own queries stay on the plain page, ``/sparql/plain``."""
    from ..publishing.examples import example_questions
    from ..vocab import PREFIXES

    settings = request.app.state.settings
    examples = example_questions()
    chosen = request.query_params.get("example")
    selected = next((i for i, e in enumerate(examples) if e.name == chosen), None)
    endpoint = public_url(request, "/sparql")
    config = {"endpoint": endpoint, "prefixes": PREFIXES, "examples": [e.to_json() for e in examples],
              "selected": selected, "run": request.query_params.get("run") in ("1", "true", "yes"),
              "labels": {"url": public_url(request, "/api/labels"), "max": settings.max_label_iris,
                         "lang": current_language()},
              "prefixesUrl": public_url(request, "/api/prefixes")}
    return render("query_editor.html", examples=examples, config=script_json(config), endpoint=endpoint,
                  selected=selected)


@router.get("/sparql/editor", include_in_schema=False)
def sparql_editor(request: Request) -> RedirectResponse:
    """Where the editor was first published: now ``/sparql`` itself (the query string kept)."""
    query = request.url.query
    return RedirectResponse("/sparql" + (f"?{query}" if query else ""), status_code=308)


# -- names for the editor: prefixes and labels -----------------------------------------------------------------
@router.get("/api/prefixes", tags=["SPARQL"], summary="The prefixes of the graph's vocabularies")
def api_prefixes() -> dict[str, str]:
    """``{"qg": "https://w3id.org/qualgraph/ontology#", ...}`` (prefix.cc's format): what the query editor
    completes ``PREFIX`` lines from and writes results' IRIs with."""
    from ..vocab import PREFIXES

    return dict(PREFIXES)


def _labels_answer(store: GraphStore, settings: Settings, iris: list[Any], lang: str | None) -> dict[str, Any]:
    try:
        checked = labels_feature.checked_iris(iris, settings.max_label_iris)
    except labels_feature.LabelRequestError as e:
        raise HTTPException(400, {"error": str(e)}) from None
    language = (lang or "").strip().lower() or current_language()
    if not language.replace("-", "").isalnum() or len(language) > 35:
        raise HTTPException(400, {"error": f"not a language tag: {lang!r}"})
    found = labels_feature.labels(store, checked, language, settings.max_label_chars)
    return {"lang": language, "labels": {iri: text for iri, (text, _) in found.items()},
            "languages": {iri: tag for iri, (_, tag) in found.items()}}


@router.get("/api/labels", tags=["SPARQL"], summary="The labels of some IRIs (skos:prefLabel, else rdfs:label)")
def api_labels(
    iri: Annotated[list[str], Query(description="an absolute IRI (repeatable, at most max_label_iris)")],
    lang: Annotated[str | None, Query(description="language of the labels (default: Accept-Language, else en)")]
    = None,
    store: GraphStore = Depends(get_store),
    settings: Settings = Depends(get_app_settings),
) -> dict[str, Any]:
    """``{"lang": "en", "labels": {IRI: label}, "languages": {IRI: tag}}`` (a label's own language, ``""`` for
    none: another than asked when the IRI has no label in it); IRIs without a label are left out. 400 for a value that is not
    an IRI, more than ``max_label_iris`` IRIs, or more than ``max_label_request_bytes`` of them together."""
    if sum(len(i.encode()) for i in iri) > settings.max_label_request_bytes:
        raise HTTPException(400, {"error": f"the IRIs of one lookup may be {settings.max_label_request_bytes:,} "
                                           "bytes together (setting QUALGRAPH_MAX_LABEL_REQUEST_BYTES); "
                                           "POST them in several lookups"})
    return _labels_answer(store, settings, iri, lang)


@router.post("/api/labels", tags=["SPARQL"], summary="The labels of some IRIs, sent as JSON",
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                 "type": "object", "required": ["iris"],
                 "properties": {"iris": {"type": "array", "items": {"type": "string"}},
                                "lang": {"type": "string"}}}}}}})
async def api_labels_post(request: Request) -> dict[str, Any]:
    """The same lookup as ``GET /api/labels`` for more IRIs than a URL holds: ``{"iris": [...], "lang": "fr"}``.
    413 for a body over ``max_label_request_bytes``, 415 for one that is not JSON."""
    from starlette.concurrency import run_in_threadpool

    from .bodies import read_limited_body

    store, settings = await get_store(request), await get_app_settings(request)
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise HTTPException(415, {"error": "send the lookup as application/json: {\"iris\": [...]}"})
    body = await read_limited_body(request, settings.max_label_request_bytes, "max_label_request_bytes",
                                   "label lookup")
    try:
        asked = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise HTTPException(400, {"error": f"the body is not JSON: {e}"}) from None
    if not isinstance(asked, dict) or not isinstance(asked.get("iris"), list) \
            or not isinstance(asked.get("lang", ""), (str, type(None))):
        raise HTTPException(400, {"error": 'the body must be {"iris": [IRI, ...], "lang": "en"}'})
    return await run_in_threadpool(_labels_answer, store, settings, asked["iris"], asked.get("lang"))
