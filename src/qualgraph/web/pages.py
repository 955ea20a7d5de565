"""Linked-data publishing and the pages for people: every qualgraph IRI dereferences.

A qualgraph IRI such as ``https://w3id.org/qualgraph/id/framework/ie-nfq/level/8`` is served by this router
at ``/id/framework/ie-nfq/level/8``; the ontology (``https://w3id.org/qualgraph/ontology``) at ``/ontology``
and its status and role concepts at ``/status/{name}`` and ``/role/{name}``. In production, w3id.org
redirects the persistent IRIs to the service: a ``.htaccess`` in the w3id repository
(https://github.com/perma-id/w3id.org, directory ``qualgraph/``) with
``RewriteRule ^(.*)$ https://HOST/$1 [R=303,L]`` keeps the path, so ``/qualgraph/id/...`` lands on ``/id/...``
here, with the client's Accept header, and the negotiation below answers.

Negotiation (``Accept`` with q-values, :mod:`qualgraph.web.negotiation`; ``?format=ttl|nt|jsonld|rdf|html``
overrides it): ``text/html`` gets a page for people, the RDF media types get the resource's description
(``queries/resource-description.rq``: its statements and the names of what it links to), ``*/*`` gets
Turtle. Every answer carries ``Vary: Accept`` and ``Link`` headers naming the other formats. An IRI the graph
says nothing about is a 404 (for a browser, a page with a way to search); an Accept header naming nothing we
produce is a 406.

The pages are rendered on the server from the domain functions the API and the command line use
(:func:`~qualgraph.frameworks.framework_detail`, :func:`~qualgraph.frameworks.level_detail`,
:func:`~qualgraph.comparability.comparable_levels`), so they need no JavaScript; only the query page
(``GET /sparql`` for a browser, :func:`query_page`) runs a script, our own ``static/query.js`` (inlined).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from jinja2 import Environment, FileSystemLoader
from rdflib import BNode, Graph, Literal, URIRef

from .. import ids
from ..comparability import UnknownLevel, comparable_levels
from ..frameworks import NotFound, framework_detail, framework_overview, level_detail
from ..queries import load_query, query_catalogue, with_values
from ..sparql_service import GRAPH_FORMATS
from ..store import GraphStore
from ..vocab import GRAPH_BASE, PREFIXES, QG, QGID, QGR, QGS, RDF, RDFS, SKOS, STATUSES, DCTERMS
from .negotiation import choose

router = APIRouter(include_in_schema=False)

BASE = "https://w3id.org/qualgraph/"
ONTOLOGY = "https://w3id.org/qualgraph/ontology"
HTML = "text/html"
RDF_TYPES = [f.media_type for f in GRAPH_FORMATS]  # Turtle first: what */* (curl, most RDF clients) gets
OFFERS = RDF_TYPES + [HTML]
ALIASES = {a: f.media_type for f in GRAPH_FORMATS for a in f.aliases}
FORMATS = {"ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
           "rdf": "application/rdf+xml", "html": HTML}
"""The ``?format=`` values, for links that must not depend on a header (downloads, a browser's address bar)."""
_RDFLIB = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
           "application/rdf+xml": "xml"}
_EXTENSION = {v: k for k, v in FORMATS.items()}
_IRI_PATH_OK = re.compile(r"^[^\x00-\x20<>\"{}|^`\\]*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NAME = (SKOS.prefLabel, RDFS.label, DCTERMS.title, SKOS.notation)
_TEMPLATES = Path(__file__).parent / "templates"
_STATIC = Path(__file__).parent / "static"


# -- describing a resource ----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology file as a graph (read once): it defines the ontology terms and the status and role
    concepts, which are not loaded into the store."""
    from ..ontology import load_ontology_graph

    return load_ontology_graph()


def _in_ontology(iri: str) -> bool:
    return iri.startswith((ONTOLOGY, str(QGS), str(QGR)))


def describe(store: GraphStore, iri: str) -> Graph:
    """The description of ``iri`` (``queries/resource-description.rq``), from the store, or from the
    ontology file for ontology terms and status / role concepts. Empty when nothing is said about it."""
    query = load_query("resource-description")
    if _in_ontology(iri):
        graph = Graph()
        for triple in ontology_graph().query(query, initBindings={"s": URIRef(iri)}):
            graph.add(triple)  # type: ignore[arg-type]
    else:
        graph = store.query(query, {"s": URIRef(iri)}).graph or Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def serialise(graph: Graph, media_type: str) -> bytes:
    """The graph in one of the RDF media types we offer."""
    return graph.serialize(format=_RDFLIB[media_type], encoding="utf-8")


# -- negotiation --------------------------------------------------------------------------------------------
class _NotAcceptable(Exception):
    pass


def negotiate(request: Request) -> str:
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


# -- turning IRIs and terms into things a page shows --------------------------------------------------------
def local_href(iri: str) -> str:
    """The link a page uses for an IRI: qualgraph IRIs point into this service (so the pages work before
    w3id.org redirects to it), named graphs to the Graph Store, anything else stays as it is."""
    if iri.startswith(GRAPH_BASE):
        return "/store?" + urlencode({"graph": iri})
    if iri.startswith(ONTOLOGY):
        return "/ontology" + iri[len(ONTOLOGY):]
    if iri.startswith(BASE):
        return "/" + iri[len(BASE):]
    return iri


def curie(iri: str) -> str:
    """``skos:prefLabel`` for an IRI in a known namespace, the IRI otherwise."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _names(graph: Graph) -> dict[str, str]:
    """A name for each IRI in the graph, English preferred, from the name properties in order."""
    names: dict[str, tuple[int, str]] = {}
    for rank, prop in enumerate(_NAME):
        for s, o in graph.subject_objects(prop):
            if not isinstance(o, Literal):
                continue
            score = rank * 2 + (0 if (o.language or "en").startswith("en") else 1)
            if str(s) not in names or score < names[str(s)][0]:
                names[str(s)] = (score, str(o))
    return {k: v for k, (_, v) in names.items()}


@lru_cache(maxsize=1)
def _term_names() -> dict[str, str]:
    return _names(ontology_graph())


@dataclass
class Value:
    """One value on a page: a link (``href``) with text, or a literal with its language or datatype."""

    text: str
    href: str | None = None
    note: str | None = None  # language tag, datatype, or the IRI under a name
    status: str | None = None  # a decision status, shown as a badge


@dataclass
class Row:
    property: str
    name: str
    values: list[Value] = field(default_factory=list)


def value_of(term: Any, names: dict[str, str]) -> Value:
    if isinstance(term, URIRef):
        iri = str(term)
        status = iri[len(str(QGS)):] if iri.startswith(str(QGS)) else None
        name = names.get(iri) or _term_names().get(iri)
        return Value(name or curie(iri), local_href(iri), curie(iri) if name else None, status)
    if isinstance(term, Literal):
        note = term.language or (curie(str(term.datatype)) if term.datatype else None)
        return Value(str(term), None, note)
    return Value(f"_:{term}")


def property_rows(graph: Graph, iri: str, skip: tuple[URIRef, ...] = ()) -> list[Row]:
    """The statements about ``iri`` as a property/value table, ``rdf:type`` first, then by property name."""
    names = _names(graph)
    rows: dict[str, Row] = {}
    for p, o in graph.predicate_objects(URIRef(iri)):
        if p in skip:
            continue
        key = str(p)
        row = rows.setdefault(key, Row(key, _term_names().get(key) or curie(key)))
        if isinstance(o, BNode):
            inner = "; ".join(f"{curie(str(bp))} {bo}" for bp, bo in graph.predicate_objects(o))
            row.values.append(Value(inner or "(blank node)"))
        else:
            row.values.append(value_of(o, names))
    for row in rows.values():
        row.values.sort(key=lambda v: (v.note or "", v.text))
    return sorted(rows.values(), key=lambda r: (r.property != str(RDF.type), r.name.lower()))


def title_of(graph: Graph, iri: str) -> str:
    return _names(graph).get(iri) or curie(iri)


def links_to(store: GraphStore, iri: str) -> list[Row]:
    """What links to ``iri`` (``queries/resource-links.rq``), grouped by the linking property."""
    if _in_ontology(iri):
        return []
    rows: dict[str, Row] = {}
    seen: set[tuple[str, str]] = set()
    for r in store.select_values(load_query("resource-links"), {"s": URIRef(iri)}):
        if (r["p"], r["x"]) in seen:
            continue
        seen.add((r["p"], r["x"]))
        row = rows.setdefault(r["p"], Row(r["p"], _term_names().get(r["p"]) or curie(r["p"])))
        name = r.get("name")
        row.values.append(Value(name or curie(r["x"]), local_href(r["x"]), curie(r["x"]) if name else None))
    return list(rows.values())


# -- templates ----------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def templates() -> Environment:
    env = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["href"] = local_href
    env.filters["curie"] = curie
    env.filters["idhref"] = _id_href
    env.globals["statuses"] = STATUSES
    return env


def render(name: str, status_code: int = 200, headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
    return HTMLResponse(templates().get_template(name).render(**context), status_code=status_code,
                        headers=headers)


def _alternates(request: Request) -> list[tuple[str, str]]:
    here = request.url.path
    return [(f"{here}?format={k}", label) for k, label in
            (("ttl", "Turtle"), ("nt", "N-Triples"), ("jsonld", "JSON-LD"), ("rdf", "RDF/XML"))]


def _store(request: Request) -> GraphStore:
    return request.app.state.store


def _includes(request: Request) -> list[str]:
    """``include=draft&include=illustrative`` or ``include=draft,illustrative``: the extra statuses asked for."""
    found: list[str] = []
    for value in request.query_params.getlist("include"):
        found += [s.strip() for s in value.split(",") if s.strip() and s.strip() != "accepted"]
    return [s for s in STATUSES if s in found]


# -- routes -------------------------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """What qualgraph is, the frameworks grouped by kind, and a "what does this level compare to?" form."""
    frameworks = framework_overview(_store(request))
    groups = [(kind, title, [f for f in frameworks if f.kind == kind]) for kind, title in
              (("reference", "Regional reference frameworks"), ("national", "National frameworks"),
               ("sectoral", "Sectoral frameworks"), ("other", "Other frameworks"))]
    return render("home.html", groups=[g for g in groups if g[2]], frameworks=frameworks, include=[])


@router.get("/compare", response_class=HTMLResponse)
def compare(request: Request) -> HTMLResponse:
    """``/compare?from=ie-nfq:8&to=uk-scqf``: the comparable levels as a page (the JSON is /api/equivalences)."""
    store = _store(request)
    level = (request.query_params.get("from") or "").strip()
    to = (request.query_params.get("to") or "").strip() or None
    include = _includes(request)
    context: dict[str, Any] = {"level": level, "to": to, "include": include,
                               "frameworks": framework_overview(store), "answers": None, "error": None,
                               "suggestions": []}
    status = 200
    if level:
        try:
            context["answers"] = comparable_levels(store, level, to=to, include=include)
            context["level_href"] = local_href(str(ids.LevelId.parse(level).iri))
        except ids.InvalidId as e:
            context["error"], status = str(e), 400
        except UnknownLevel as e:
            context["error"], context["suggestions"], status = str(e), e.suggestions[:10], 404
    return render("compare.html", status_code=status, **context)


@router.get("/ontology")
def ontology(request: Request) -> Response:
    """The ontology file: Turtle as written, other RDF syntaxes converted, or a page listing its terms."""
    from ..ontology import ontology_path

    try:
        chosen = negotiate(request)
    except _NotAcceptable as e:
        return _not_acceptable(e)
    headers = _headers(request, ONTOLOGY)
    if chosen == "text/turtle":
        return Response(ontology_path().read_bytes(), media_type=chosen, headers=headers)
    if chosen != HTML:
        return Response(_ontology_serialised(chosen), media_type=chosen, headers=headers)
    return render("ontology.html", headers=headers, terms=_ontology_terms(ontology_graph()), iri=ONTOLOGY,
                  rows=property_rows(describe(_store(request), ONTOLOGY), ONTOLOGY),
                  alternates=_alternates(request))


@lru_cache(maxsize=4)
def _ontology_serialised(media_type: str) -> bytes:
    return serialise(ontology_graph(), media_type)


def _ontology_terms(graph: Graph) -> list[tuple[str, list[dict[str, str]]]]:
    """Classes, properties and concepts of the ontology, each with its anchor, name and definition."""
    from rdflib import OWL

    sections = [("Classes", [OWL.Class]), ("Properties", [OWL.ObjectProperty, OWL.DatatypeProperty,
                                                           OWL.AnnotationProperty]),
                ("Concepts (statuses and roles)", [SKOS.Concept])]
    names = _names(graph)
    result = []
    for title, types in sections:
        terms = {}
        for t in types:
            for s in graph.subjects(RDF.type, t):
                iri = str(s)
                if not _in_ontology(iri) or iri == ONTOLOGY:
                    continue
                definition = graph.value(s, SKOS.definition) or graph.value(s, RDFS.comment) or ""
                anchor = iri[len(ONTOLOGY) + 1:] if iri.startswith(ONTOLOGY + "#") else None
                terms[iri] = {"iri": iri, "anchor": anchor, "curie": curie(iri), "name": names.get(iri, curie(iri)),
                              "definition": str(definition), "href": local_href(iri)}
        result.append((title, sorted(terms.values(), key=lambda t: t["curie"])))
    return result


@router.get("/status/{name}")
def status_concept(request: Request, name: str) -> Response:
    """A decision status (``qgs:accepted`` ...), defined in the ontology file."""
    return _resource(request, str(QGS) + name)


@router.get("/role/{name}")
def role_concept(request: Request, name: str) -> Response:
    """An organisation role (``qgr:awarding-body`` ...), defined in the ontology file."""
    return _resource(request, str(QGR) + name)


@router.get("/id/{path:path}")
def instance(request: Request, path: str) -> Response:
    """Any instance IRI under ``https://w3id.org/qualgraph/id/`` (frameworks, levels, decisions ...)."""
    raw = _raw_path(request)
    return _resource(request, str(QGID) + raw[len("/id/"):])


def _not_an_iri(request: Request, iri: str) -> bool:
    """Whether the path cannot name a qualgraph IRI: control characters (sent raw or percent-encoded: none is
    in any IRI we mint, and none may reach a header) or characters an IRI never holds (spaces, ``<>"{}|^`\\``)."""
    return bool(_CONTROL.search(request.url.path) or _CONTROL.search(unquote(_raw_path(request)))) \
        or not _IRI_PATH_OK.fullmatch(iri)  # fullmatch: "$" alone lets a final newline through


def _resource(request: Request, iri: str) -> Response:
    if _not_an_iri(request, iri):  # answered before any header is built from the path
        return PlainTextResponse("this path cannot name a qualgraph resource: it holds control characters (even "
                                 "percent-encoded), spaces or one of <>\"{}|^`\\; check the link",
                                 status_code=400)
    try:
        chosen = negotiate(request)
    except _NotAcceptable as e:
        return _not_acceptable(e)
    store = _store(request)
    headers = _headers(request, iri)
    graph = describe(store, iri)
    if not len(graph):
        return _not_found(request, iri, chosen, headers)
    if chosen != HTML:
        return Response(serialise(graph, chosen), media_type=chosen, headers=headers)
    context: dict[str, Any] = {"iri": iri, "title": title_of(graph, iri), "alternates": _alternates(request),
                               "rows": property_rows(graph, iri)}
    slug, level = ids.framework_slug_of(iri), ids.level_id_of(iri)
    if slug:
        return render("framework.html", headers=headers, framework=framework_detail(store, slug), **context)
    if level:
        return render("level.html", headers=headers, **context, **_level_context(request, store, level))
    if iri.startswith(str(QGID) + "correspondence/"):
        return render("decision.html", headers=headers, **context, **_decision_context(graph, iri))
    return render("resource.html", headers=headers, links=links_to(store, iri), **context)


def _not_found(request: Request, iri: str, chosen: str, headers: dict[str, str]) -> Response:
    message = f"qualgraph has no statements about {iri}"
    if chosen != HTML:
        return PlainTextResponse(message, status_code=404, headers=headers)
    suggestions: list[str] = []
    slug, level = ids.framework_slug_of(iri), ids.level_id_of(iri)
    try:
        if level:
            level_detail(_store(request), level)
        elif slug:
            framework_detail(_store(request), slug)
    except NotFound as e:
        suggestions = e.suggestions[:10]
    except ids.InvalidId:
        pass
    search = ("SELECT ?thing ?name WHERE {\n  ?thing <http://www.w3.org/2004/02/skos/core#prefLabel> ?name .\n"
              '  FILTER(CONTAINS(LCASE(STR(?name)), "type a word here"))\n} LIMIT 50')
    return render("not_found.html", status_code=404, headers=headers, iri=iri, message=message,
                  suggestions=[(s, _id_href(s)) for s in suggestions],
                  search_href="/sparql#query=" + quote(search))


def _id_href(identifier: str) -> str:
    """The page of a framework or level written the qualgraph way (``ie-nfq`` or ``ie-nfq:8``)."""
    try:
        iri = ids.LevelId.parse(identifier).iri if ":" in identifier else ids.framework_iri(identifier)
    except ids.InvalidId:
        return "/"
    return local_href(str(iri))


def _level_context(request: Request, store: GraphStore, level: str) -> dict[str, Any]:
    detail = level_detail(store, level)
    include = _includes(request)
    decisions = detail["decisions"]  # type: ignore[assignment]
    sources: dict[str, list[str]] = {}
    if decisions:
        query = with_values(load_query("evidence"), "x", [URIRef(d["decision"]) for d in decisions])
        for r in store.select_values(query):
            if r["what"] == "source":
                sources.setdefault(r["x"], []).append(r["value"])
    for d in decisions:
        d["sources"] = sorted(sources.get(d["decision"], []))
        d["href"] = local_href(d["decision"])
    others = {d["status"] for d in decisions} - {"accepted"}
    return {"level": detail, "decisions": decisions, "include": include,
            "comparable": comparable_levels(store, level, include=include),
            "other_statuses": [s for s in STATUSES if s in others], "level_id": level,
            "framework_href": local_href(str(ids.framework_iri(detail["framework"])))}


def _decision_context(graph: Graph, iri: str) -> dict[str, Any]:
    """The sentence that says what a decision decided, from its description."""
    s = URIRef(iri)
    names = _names(graph)

    def one(prop: URIRef) -> Value | None:
        o = graph.value(s, prop)
        return value_of(o, names) if o is not None else None

    types = {str(t) for t in graph.objects(s, RDF.type)}
    return {"source": one(QG.sourceLevel), "target": one(QG.targetLevel), "target_framework": one(QG.targetFramework),
            "no_counterpart": graph.value(s, QG.noCounterpart) is not None, "status": one(QG.status),
            "date": one(DCTERMS.date), "report": one(DCTERMS.isPartOf),
            "kind": "comparison" if str(QG.LevelComparison) in types else "referencing"}


# -- the query page -----------------------------------------------------------------------------------------
def query_page(request: Request) -> HTMLResponse:
    """The query page (``GET /sparql`` for a browser): an editor with the example queries of ``queries/``.

    ``?example=NAME`` opens an example, ``&run=1`` runs it at once (links from other pages, and the tests);
    ``#query=TEXT`` in the address opens any query (the page writes it there, so a query can be shared).
    """
    try:
        examples = query_catalogue()
    except OSError:
        examples = []
    chosen = request.query_params.get("example")
    selected = next((q for q in examples if q.name == chosen), None)
    return render("sparql.html", endpoint=request.url.path, examples=examples, selected=selected,
                  autorun=request.query_params.get("run") in ("1", "true", "yes"), script=_query_script())


@lru_cache(maxsize=1)
def _query_script() -> str:
    """``static/query.js``, inlined into the query page (checked: it cannot close the script element)."""
    text = (_STATIC / "query.js").read_text(encoding="utf-8")
    if "</script" in text.lower():
        raise ValueError("static/query.js must not contain '</script'")
    return text


@router.get("/static/{name}")
def static(name: str) -> Response:
    """Our own stylesheet and script (no third-party code, no CDN)."""
    path = _STATIC / name
    if "/" in name or name.startswith(".") or not path.is_file():
        return PlainTextResponse("not found", status_code=404)
    return FileResponse(path, headers={"Cache-Control": "public, max-age=3600"})
