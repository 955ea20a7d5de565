"""JSON-LD that reads as plain JSON, and the schema.org description a page embeds.

A harvester that asks a qualgraph IRI for ``application/ld+json`` gets the description compacted with one
context, published at ``/context.jsonld``: ``{"id": ..., "type": ["Level"], "prefLabel": {"en": "Level 8"},
"inScheme": "https://w3id.org/qualgraph/id/framework/ie-nfq"}``, not expanded IRIs. The context names every
property the ontology defines and the SKOS, Dublin Core and PROV-O terms the data uses; IRIs of anything
else keep their prefixes (``elm:``, ``schema:``). A JSON-LD processor reads the same triples back
(``tests/test_linked_data_for_machines.py`` checks that with rdflib).

Pages embed a second, smaller description in schema.org terms (``DefinedTermSet`` for a framework,
``DefinedTerm`` for a level), which is what search engines read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, Graph

from ..vocab import DCTERMS, PREFIXES, QG, SKOS, XSD

CONTEXT_PATH = "/context.jsonld"
"""Where the service publishes :func:`context` (``https://w3id.org/qualgraph/context.jsonld`` once w3id.org
redirects to it)."""

_IRI = "@id"
# Terms of other vocabularies the bundled data and submissions use, with the type of their values.
_TERMS: dict[str, tuple[str, str | None]] = {
    "prefLabel": (str(SKOS.prefLabel), "@language"),
    "altLabel": (str(SKOS.altLabel), "@language"),
    "notation": (str(SKOS.notation), None),
    "note": (str(SKOS.note), "@language"),
    "scopeNote": (str(SKOS.scopeNote), "@language"),
    "definition": (str(SKOS.definition), "@language"),
    "inScheme": (str(SKOS.inScheme), _IRI),
    "topConceptOf": (str(SKOS.topConceptOf), _IRI),
    "hasTopConcept": (str(SKOS.hasTopConcept), _IRI),
    "closeMatch": (str(SKOS.closeMatch), _IRI),
    "broadMatch": (str(SKOS.broadMatch), _IRI),
    "narrowMatch": (str(SKOS.narrowMatch), _IRI),
    "title": (str(DCTERMS.title), "@language"),
    "description": (str(DCTERMS.description), "@language"),
    "identifier": (str(DCTERMS.identifier), None),
    "source": (str(DCTERMS.source), _IRI),
    "publisher": (str(DCTERMS.publisher), _IRI),
    "isPartOf": (str(DCTERMS.isPartOf), _IRI),
    "hasPart": (str(DCTERMS.hasPart), _IRI),
    "isReplacedBy": (str(DCTERMS.isReplacedBy), _IRI),
    "date": (str(DCTERMS.date), None),
    "created": (str(DCTERMS.created), None),
    "label": (str(RDFS.label), "@language"),
    "comment": (str(RDFS.comment), "@language"),
    "Concept": (str(SKOS.Concept), None),
    "ConceptScheme": (str(SKOS.ConceptScheme), None),
}


def _term(iri: str, kind: str | None, container: bool) -> Any:
    if kind == "@language":
        return {"@id": iri, "@container": "@language"} if container else iri
    if kind is None:
        return iri
    return {"@id": iri, "@type": kind}


@lru_cache(maxsize=1)
def context() -> dict[str, Any]:
    """The JSON-LD context: the prefixes, ``id`` and ``type``, and a short term for each property.

    Values of object properties are IRIs (``"inScheme": "https://..."``); labels are maps by language
    (``"prefLabel": {"en": ..., "fr": ...}``); a literal whose type the term does not say keeps its
    ``@value``/``@type``, so nothing is lost in either direction."""
    from ..ontology import load_ontology_graph

    terms: dict[str, Any] = {"@version": 1.1, "id": "@id", "type": "@type"}
    terms |= {prefix: iri for prefix, iri in PREFIXES.items()}
    for name, (iri, kind) in _TERMS.items():
        terms[name] = _term(iri, kind, container=True)
    ontology = load_ontology_graph()
    for s in sorted(set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
                    | set(ontology.subjects(RDF.type, OWL.Class))):
        iri = str(s)
        if not iri.startswith(str(QG)):
            continue
        name = iri[len(str(QG)):]
        if not name or name in terms:
            continue
        if (s, RDF.type, OWL.ObjectProperty) in ontology:
            terms[name] = {"@id": iri, "@type": "@id"}
        elif (s, RDF.type, OWL.DatatypeProperty) in ontology:
            datatype = ontology.value(s, RDFS.range)
            terms[name] = {"@id": iri, "@type": str(datatype)} if datatype is not None and str(datatype).startswith(str(XSD)) \
                else iri
        else:
            terms[name] = iri
    return terms


def context_document() -> bytes:
    """``/context.jsonld``: the context as a JSON-LD document."""
    return json.dumps({"@context": context()}, indent=2, sort_keys=True).encode("utf-8")


def compact(graph: Graph, context_url: str) -> bytes:
    """``graph`` as compacted JSON-LD whose ``@context`` is ``context_url`` (the published :func:`context`).

    The compaction runs with the context itself; the document then names it by URL, as harvesters expect."""
    document = json.loads(graph.serialize(format="json-ld", context=context(), auto_compact=True))
    document["@context"] = context_url
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")


# -- compacting without rdflib, node by node (the JSON-LD dump) ------------------------------------------------
_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


class NodeCompactor:
    """Writes triples as compacted node objects under :func:`context`, one subject at a time, so a whole store can
    be written as JSON-LD without holding it (rdflib's serialiser needs the whole graph in memory).

    A value is written in a term's short form only where the term's definition says exactly what it is (a language
    map for a ``@container: @language`` term and language-tagged strings, a bare IRI for an ``@type: @id`` term,
    a bare string for a term typed with that literal's datatype); anything else keeps its full form under the
    property's compact IRI (``skos:prefLabel``: ``{"@value": ..., "@type": ...}``), so every triple reads back as
    it was written. Literals are never JSON numbers or booleans, which would lose their lexical form."""

    def __init__(self) -> None:
        self.language: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        self.typed: dict[str, tuple[str, str]] = {}
        self.plain: dict[str, str] = {}
        for name, definition in context().items():
            if name.startswith("@") or name in ("id", "type") or name in PREFIXES:
                continue
            if isinstance(definition, str):
                self.plain.setdefault(definition, name)
            elif definition.get("@container") == "@language":
                self.language.setdefault(definition["@id"], name)
            elif definition.get("@type") == "@id":
                self.ids.setdefault(definition["@id"], name)
            elif "@type" in definition:
                self.typed.setdefault(definition["@id"], (name, definition["@type"]))

    @staticmethod
    def compact_iri(iri: str) -> str:
        """``prefix:local`` for an IRI under one of the prefixes (a simple local name), else the IRI itself."""
        for prefix, namespace in PREFIXES.items():
            if iri.startswith(namespace) and _LOCAL.fullmatch(iri[len(namespace):]):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri

    @staticmethod
    def _reference(term: Any) -> str:
        return term.value if not isinstance(term, ox.BlankNode) else f"_:{term.value}"

    def _full(self, term: Any) -> Any:
        if isinstance(term, (ox.NamedNode, ox.BlankNode)):
            return {"@id": self._reference(term)}
        datatype = term.datatype.value
        if term.language:
            value = {"@value": term.value, "@language": term.language}
            direction = getattr(term, "direction", None)
            if direction is not None:
                value["@direction"] = str(getattr(direction, "value", direction)).lower()
            return value
        if datatype == _XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": datatype}

    def node(self, subject: Any, pairs: list[tuple[Any, Any]]) -> dict[str, Any]:
        """The node object of ``subject`` with its ``(predicate, object)`` pairs (pyoxigraph terms)."""
        node: dict[str, Any] = {"id": self._reference(subject)}
        for predicate, obj in pairs:
            iri = predicate.value
            if iri == _RDF_TYPE and isinstance(obj, ox.NamedNode):
                node.setdefault("type", []).append(self.plain.get(obj.value, obj.value))
                continue
            literal = isinstance(obj, ox.Literal)
            if literal and iri in self.language and obj.language and getattr(obj, "direction", None) is None:
                node.setdefault(self.language[iri], {}).setdefault(obj.language, []).append(obj.value)
            elif not literal and iri in self.ids:
                node.setdefault(self.ids[iri], []).append(self._reference(obj))
            elif literal and iri in self.typed and obj.datatype.value == self.typed[iri][1] and not obj.language:
                node.setdefault(self.typed[iri][0], []).append(obj.value)
            elif iri in self.plain:
                node.setdefault(self.plain[iri], []).append(self._full(obj))
            else:
                node.setdefault(self.compact_iri(iri), []).append(self._full(obj))
        return {key: _single(value) for key, value in node.items()}


def _single(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if len(value) == 1 else value
    if isinstance(value, dict):
        return {k: _single(v) for k, v in value.items()}
    return value


def write_nodes(out: Any, triples: Iterable[Any], compactor: NodeCompactor, indent: str) -> int:
    """Write the node objects of ``triples`` (pyoxigraph triples or quads of one graph), one per subject in the
    order first met, to the text stream ``out``, separated by commas; the number written. Holds one graph's
    triples (grouped by subject), never more."""
    by_subject: dict[Any, list[tuple[Any, Any]]] = {}
    for triple in triples:
        by_subject.setdefault(triple.subject, []).append((triple.predicate, triple.object))
    for written, (subject, pairs) in enumerate(by_subject.items()):
        out.write(("," if written else "") + "\n" + indent +
                  json.dumps(compactor.node(subject, pairs), ensure_ascii=False))
    return len(by_subject)


# -- schema.org for search engines ----------------------------------------------------------------------------
def schema_org(iri: str, name: str, kind: str, *, url: str, part_of: tuple[str, str] | None = None,
               description: str | None = None, same_as: list[str] | None = None,
               code: str | None = None) -> dict[str, Any]:
    """The schema.org description a page embeds: a framework is a ``DefinedTermSet``, a level a
    ``DefinedTerm`` in it, anything else a ``Thing`` (``kind``: ``framework``, ``level`` or other)."""
    types = {"framework": "DefinedTermSet", "level": "DefinedTerm", "home": "Dataset"}
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": types.get(kind, "Thing"), "@id": iri,
                            "name": name, "url": url}
    if description:
        data["description"] = description
    if code:
        data["termCode"] = code
    if part_of:
        data["inDefinedTermSet"] = {"@type": "DefinedTermSet", "@id": part_of[0], "name": part_of[1]}
    if same_as:
        data["sameAs"] = same_as
    return data


def script_json(data: dict[str, Any]) -> str:
    """JSON safe to put inside ``<script type="application/ld+json">``: no ``<`` can close the element."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")



def page_schema(page: str, data: dict[str, Any], url: str) -> dict[str, Any]:
    """The schema.org description of a linked-data page (``page``: the kind
    :func:`~qualgraph.linked_data.resource_page` chose, ``data``: what it gathered; ``url``: the page)."""
    iri, title = data["iri"], data.get("title") or data["iri"]
    if page == "framework":
        framework = data["framework"]
        return schema_org(iri, framework.get("title") or title, "framework", url=url, code=framework["id"],
                          description=" ".join(framework.get("notes") or []) or None)
    if page == "level":
        level = data["level"]
        labels = level.get("labels") or {}
        name = labels.get("en") or next(iter(labels.values()), None) or level["id"]
        framework_iri = iri.rsplit("/level/", 1)[0]
        return schema_org(iri, name, "level", url=url, code=level.get("notation"),
                          part_of=(framework_iri, level["framework"]))
    return schema_org(iri, title, page, url=url)
