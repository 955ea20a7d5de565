"""Linked data: which IRIs qualgraph answers for, what it says about each, and what a page about it shows.

Every qualgraph IRI dereferences (``https://w3id.org/qualgraph/id/framework/ie-nfq/level/8``, the ontology
``https://w3id.org/qualgraph/ontology``, its status and role concepts). Answering that is two jobs: the HTTP
one (content negotiation, headers, rendering a template), which is :mod:`qualgraph.web.pages`, and the one
that is not HTTP at all, which is this module: turning a request path into an IRI (or refusing it), reading
the IRI's description from the store or the ontology file, naming its neighbours, and gathering the plain data
a page shows. Keeping the second job here lets the web layer stay thin (issue 11: web → features → store →
basics) and lets anything else (the command line, tests) describe a resource without a web server. Nothing here
imports FastAPI, Starlette, Jinja or :mod:`qualgraph.web`; functions return strings, dicts, dataclasses and
rdflib graphs, and raise domain errors (:class:`NotAnIri`, :class:`~qualgraph.ids.InvalidId`,
:class:`~qualgraph.ids.UnknownId`) that the routes map to status codes.

Read top to bottom:

1. IRIs and paths: where each kind of IRI is served, and back (:func:`resource_iri`, :func:`local_href`).
2. Descriptions: a resource's statements and the names of what it links to (:func:`describe`), what links
   to it (:func:`links_to`), the ontology document (:func:`ontology_document`).
3. Names and values: how a term is shown (:func:`curie`, :func:`value_of`, :func:`property_rows`).
4. What each page shows: the home page, a comparison, a framework, a level, a decision, the ontology
   (:func:`resource_page` picks by IRI), built on :mod:`qualgraph.frameworks` and
   :mod:`qualgraph.comparability`.
5. Nothing found: the closest framework or level ids for a 404 (:func:`suggestions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import unquote, urlencode

from rdflib import OWL, BNode, Graph, Literal, URIRef

from . import ids
from .comparability import Comparable, comparable_levels
from .frameworks import (
    FrameworkSummary,
    framework_detail,
    framework_overview,
    level_detail,
)
from .iris import is_iri
from .media_types import GRAPH_FORMATS, JSON_LD, TURTLE, by_media_type
from .queries import load_query, with_values
from .store import GraphStore
from .vocab import (
    DCTERMS,
    GRAPH_BASE,
    PREFIXES,
    QG,
    QGID,
    QGR,
    QGS,
    RDF,
    RDFS,
    SKOS,
    STATUSES,
)

# -- 1. IRIs and paths ---------------------------------------------------------------------------------------
BASE = "https://w3id.org/qualgraph/"
ONTOLOGY = "https://w3id.org/qualgraph/ontology"
PUBLISHED: dict[str, str] = {"id": str(QGID), "status": str(QGS), "role": str(QGR)}
"""The path under which each namespace of qualgraph IRIs is served: ``/id/...``, ``/status/...``, ``/role/...``
(the ontology itself at ``/ontology``). w3id.org redirects ``https://w3id.org/qualgraph/PATH`` to ``/PATH``."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class NotAnIri(ValueError):
    """A request path that cannot name a qualgraph resource."""


def resource_iri(kind: str, local: str, *, path: str, raw_path: str) -> str:
    """The IRI that ``/{kind}/{local}`` names (``kind``: a key of :data:`PUBLISHED`).

    ``local`` is the rest of the path: for ``id`` as the client sent it, still percent-encoded (that is how
    the IRI is written: ``/id/framework/no%20such`` names ``qgid:framework/no%20such``), for ``status`` and
    ``role`` the decoded name. ``path`` and ``raw_path`` are the whole request path, decoded and as sent.

    Raises :class:`NotAnIri` for control characters, sent raw or percent-encoded (none is in any IRI we mint,
    and none may reach a header), or characters an IRI never holds (spaces, ``<>"{}|^`\\``).
    """
    iri = PUBLISHED[kind] + local
    if _CONTROL.search(path) or _CONTROL.search(unquote(raw_path)) \
            or not is_iri(iri):
        raise NotAnIri("this path cannot name a qualgraph resource: it holds control characters (even "
                       "percent-encoded), spaces or one of <>\"{}|^`\\; check the link")
    return iri


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


def id_href(identifier: str) -> str:
    """The page of a framework or level written the qualgraph way (``ie-nfq`` or ``ie-nfq:8``); ``/`` for
    anything that is not such an id."""
    try:
        iri = ids.LevelId.parse(identifier).iri if ":" in identifier else ids.framework_iri(identifier)
    except ids.InvalidId:
        return "/"
    return local_href(str(iri))


def in_ontology(iri: str) -> bool:
    """Whether the IRI is defined by the ontology file (its terms, the status and role concepts) rather than
    by data in the store."""
    return iri.startswith((ONTOLOGY, str(QGS), str(QGR)))


# -- 2. descriptions -----------------------------------------------------------------------------------------
RDF_MEDIA_TYPES = tuple(f.media_type for f in GRAPH_FORMATS)
"""The media types :func:`serialise` writes."""


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology file as a graph (read once): it defines the ontology terms and the status and role
    concepts, which are not loaded into the store."""
    from .ontology import load_ontology_graph

    return load_ontology_graph()


def describe(store: GraphStore, iri: str) -> Graph:
    """The description of ``iri`` (``queries/resource-description.rq``: its statements and the names of what
    it links to; ``queries/resource-incoming.rq``: what refers to it, so a crawler can follow links both
    ways), from the store, or from the ontology file for ontology terms and status / role concepts.
    Empty when nothing is said about it."""
    query = load_query("resource-description")
    if in_ontology(iri):
        graph = Graph()
        for triple in ontology_graph().query(query, initBindings={"s": URIRef(iri)}):
            graph.add(triple)  # type: ignore[arg-type]
    else:
        graph = store.query(query, {"s": URIRef(iri)}).graph or Graph()
        if len(graph):  # follow your nose: what refers to it (its decisions, levels, reports, qualifications)
            graph += store.query(load_query("resource-incoming"), {"s": URIRef(iri)}).graph or Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def serialise(graph: Graph, media_type: str, *, context_url: str | None = None) -> bytes:
    """The graph in one of :data:`RDF_MEDIA_TYPES`; JSON-LD compacted with the published context when
    ``context_url`` (where ``/context.jsonld`` is served) is given, so it reads as plain JSON."""
    fmt = by_media_type(media_type)
    if fmt is None or fmt not in GRAPH_FORMATS:
        raise KeyError(media_type)
    if context_url is not None and fmt is JSON_LD:
        from .publishing.jsonld import compact

        return compact(graph, context_url)
    return graph.serialize(format=fmt.rdflib, encoding="utf-8")


def ontology_document(media_type: str) -> bytes:
    """The ontology in ``media_type``: the Turtle file as written, other syntaxes converted (once each)."""
    from .resources import ontology_file

    if media_type == TURTLE.media_type:
        return ontology_file().read_bytes()
    return _ontology_serialised(media_type)


@lru_cache(maxsize=4)
def _ontology_serialised(media_type: str) -> bytes:
    return serialise(ontology_graph(), media_type)


# -- 3. names and values -------------------------------------------------------------------------------------
_NAME = (SKOS.prefLabel, RDFS.label, DCTERMS.title, SKOS.notation)


def curie(iri: str) -> str:
    """``skos:prefLabel`` for an IRI in a known namespace, the IRI otherwise."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def names_in(graph: Graph) -> dict[str, str]:
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
    return names_in(ontology_graph())


def title_of(graph: Graph, iri: str) -> str:
    return names_in(graph).get(iri) or curie(iri)


@dataclass
class Value:
    """One value on a page: a link (``href``) with text, or a literal with its language or datatype."""

    text: str
    href: str | None = None
    note: str | None = None  # language tag, datatype, or the IRI under a name
    status: str | None = None  # a decision status, shown as a badge


@dataclass
class Row:
    """One property of a resource with its values (or one linking property with what links through it)."""

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
    names = names_in(graph)
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


def links_to(store: GraphStore, iri: str) -> list[Row]:
    """What links to ``iri`` (``queries/resource-links.rq``), grouped by the linking property."""
    if in_ontology(iri):
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


# -- 4. what each page shows ---------------------------------------------------------------------------------
_KINDS = (("reference", "Regional reference frameworks"), ("national", "National frameworks"),
          ("sectoral", "Sectoral frameworks"), ("other", "Other frameworks"))


def included_statuses(values: list[str]) -> list[str]:
    """The extra statuses asked for (``include=draft&include=illustrative`` or ``include=draft,illustrative``
    gives ``["draft", "illustrative"]``), in :data:`~qualgraph.vocab.STATUSES` order, ``accepted`` dropped."""
    found: list[str] = []
    for value in values:
        found += [s.strip() for s in value.split(",") if s.strip() and s.strip() != "accepted"]
    return [s for s in STATUSES if s in found]


def framework_groups(frameworks: list[FrameworkSummary]) -> list[tuple[str, str, list[FrameworkSummary]]]:
    """The frameworks grouped by kind as ``(kind, heading, frameworks)``, reference frameworks first; empty
    groups left out."""
    groups = [(kind, title, [f for f in frameworks if f.kind == kind]) for kind, title in _KINDS]
    return [g for g in groups if g[2]]


def home_page(store: GraphStore) -> dict[str, Any]:
    """The home page: the frameworks grouped by kind, and all of them for the "compare" form."""
    frameworks = framework_overview(store)
    return {"groups": framework_groups(frameworks), "frameworks": frameworks, "include": []}


def comparison(store: GraphStore, level: str, to: str | None, include: list[str]) -> dict[str, Any]:
    """``level``'s comparable levels (only in ``to`` when given) and the link to its page.

    ``level`` may also be words (``Irish 8``, ``NFQ 8``): when the search finds one level by them, that level
    is answered and ``read_as`` says which; when it finds several, :class:`~qualgraph.ids.UnknownId` offers them.

    Raises :class:`~qualgraph.ids.InvalidId` for a malformed level id and
    :class:`~qualgraph.ids.UnknownId` (with the closest ids) for one not in the graph."""
    from .publishing.search import resolve_level

    read_as = None
    try:
        answers: list[Comparable] = comparable_levels(store, level, to=to, include=include)
    except (ids.InvalidId, ids.UnknownId) as e:
        found = resolve_level(store, level)
        if len(found) != 1 or found[0] == level:
            if found and isinstance(e, ids.InvalidId):
                raise ids.UnknownId(f"{level!r} is not a level id; it may name any of these levels", found) from e
            raise
        read_as = level = found[0]
        answers = comparable_levels(store, level, to=to, include=include)
    return {"answers": answers, "level_href": local_href(str(ids.LevelId.parse(level).iri)), "read_as": read_as,
            "level": level} | _in_words(store, level, answers, include, to)


def _in_words(store: GraphStore, level: str, answers: list[Comparable], include: list[str],
              to: str | None = None) -> dict[str, Any]:
    """The answers in plain sentences, and when there is none, why (:mod:`qualgraph.publishing.ladders`)."""
    from .publishing.ladders import explain_level, level_sentences

    return {"sentences": level_sentences(store, str(ids.LevelId.parse(level)), answers, include, to),
            "explanation": None if answers else explain_level(store, str(ids.LevelId.parse(level)), to, include)}


def level_page(store: GraphStore, level: str, include: list[str]) -> dict[str, Any]:
    """A level (:func:`~qualgraph.frameworks.level_detail`), its decisions each with its sources and link,
    the levels comparable to it under ``include``, and which other statuses its decisions have."""
    detail = level_detail(store, level)
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
    comparable = comparable_levels(store, level, include=include)
    return {"level": detail, "decisions": decisions, "include": include, "comparable": comparable,
            "other_statuses": [s for s in STATUSES if s in others], "level_id": level,
            "framework_href": local_href(str(ids.framework_iri(detail["framework"])))} \
        | _in_words(store, level, comparable, include)


def decision_page(graph: Graph, iri: str) -> dict[str, Any]:
    """What a decision decided (source, target, status, date, report), from its description."""
    s = URIRef(iri)
    names = names_in(graph)

    def one(prop: URIRef) -> Value | None:
        o = graph.value(s, prop)
        return value_of(o, names) if o is not None else None

    types = {str(t) for t in graph.objects(s, RDF.type)}
    return {"source": one(QG.sourceLevel), "target": one(QG.targetLevel), "target_framework": one(QG.targetFramework),
            "no_counterpart": graph.value(s, QG.noCounterpart) is not None, "status": one(QG.status),
            "date": one(DCTERMS.date), "report": one(DCTERMS.isPartOf),
            "kind": "comparison" if str(QG.LevelComparison) in types else "referencing"}


def resource_page(store: GraphStore, iri: str, graph: Graph, include: list[str]) -> tuple[str, dict[str, Any]]:
    """What the page about ``iri`` (described by ``graph``, not empty) shows, and which kind of page it is:
    ``framework``, ``level``, ``decision`` or ``resource`` (anything else, with what links to it)."""
    data: dict[str, Any] = {"iri": iri, "title": title_of(graph, iri), "rows": property_rows(graph, iri)}
    slug, level = ids.framework_slug_of(iri), ids.level_id_of(iri)
    if slug:
        from .publishing.ladders import ladder_partner, level_notes, referenced_by

        detail = framework_detail(store, slug)
        return "framework", data | {"framework": detail, "referenced_by": referenced_by(store, slug),
                                    "ladder_partner": ladder_partner(detail), "typical": level_notes(store, slug)}
    if level:
        from .publishing.ladders import level_notes

        typical = level_notes(store, level.split(":", 1)[0]).get(level)
        return "level", data | level_page(store, level, include) | {"typical": typical}
    if iri.startswith(str(QGID) + "correspondence/"):
        return "decision", data | decision_page(graph, iri)
    return "resource", data | {"links": links_to(store, iri)}


def ontology_terms(graph: Graph | None = None) -> list[tuple[str, list[dict[str, str]]]]:
    """Classes, properties and concepts of the ontology, each with its anchor, name and definition."""
    graph = ontology_graph() if graph is None else graph
    sections = [("Classes", [OWL.Class]), ("Properties", [OWL.ObjectProperty, OWL.DatatypeProperty,
                                                           OWL.AnnotationProperty]),
                ("Concepts (statuses and roles)", [SKOS.Concept])]
    names = names_in(graph)
    result = []
    for title, types in sections:
        terms = {}
        for t in types:
            for s in graph.subjects(RDF.type, t):
                iri = str(s)
                if not in_ontology(iri) or iri == ONTOLOGY:
                    continue
                definition = graph.value(s, SKOS.definition) or graph.value(s, RDFS.comment) or ""
                anchor = iri[len(ONTOLOGY) + 1:] if iri.startswith(ONTOLOGY + "#") else None
                terms[iri] = {"iri": iri, "anchor": anchor, "curie": curie(iri), "name": names.get(iri, curie(iri)),
                              "definition": str(definition), "href": local_href(iri)}
        result.append((title, sorted(terms.values(), key=lambda t: t["curie"])))
    return result


def ontology_page(store: GraphStore) -> dict[str, Any]:
    """The ontology's own statements and its terms by section."""
    return {"terms": ontology_terms(), "iri": ONTOLOGY, "rows": property_rows(describe(store, ONTOLOGY), ONTOLOGY)}


# -- 5. nothing found ----------------------------------------------------------------------------------------
FIND_BY_NAME = ("SELECT ?thing ?name WHERE {\n  ?thing <http://www.w3.org/2004/02/skos/core#prefLabel> ?name .\n"
                '  FILTER(CONTAINS(LCASE(STR(?name)), "type a word here"))\n} LIMIT 50')
"""The query a "not found" page offers for searching by name."""


def not_found_message(iri: str) -> str:
    return f"qualgraph has no statements about {iri}"


def suggestions(store: GraphStore, iri: str, limit: int = 10) -> list[str]:
    """For a framework or level IRI nothing is said about, the closest framework or level ids (the ones
    :mod:`qualgraph.frameworks` offers); empty for any other IRI."""
    slug, level = ids.framework_slug_of(iri), ids.level_id_of(iri)
    try:
        if level:
            level_detail(store, level)
        elif slug:
            framework_detail(store, slug)
    except ids.UnknownId as e:
        return e.suggestions[:limit]
    except ids.InvalidId:
        pass
    return []
