"""Media types: the one table of the syntaxes qualgraph reads and writes, and HTTP content negotiation.

:data:`FORMATS` names each RDF syntax and SPARQL results format once: its media type, the other media types
clients use for it, its file extension and the suffixes of files read as it, the values of the ``format``
parameter that stand for it, and its names in pyoxigraph and rdflib. Every other module looks formats up
here (:func:`by_media_type`, :func:`by_suffix`, :func:`formats_named`); what an endpoint *offers* is a list
of these entries, kept with the endpoint.

Negotiation (:func:`choose`) implements the ``Accept`` rules of RFC 9110 §12.5.1 (https://www.rfc-editor.org/rfc/rfc9110#section-12.5.1):
media ranges with ``q`` weights, ``type/*`` and ``*/*`` wildcards, ``q=0`` meaning "not acceptable", and the
most specific matching range deciding the weight of a type. Ties are broken by how specific the match is, then
by the order the client wrote, then by the order of our offers (the server's preference).

This module imports nothing but the standard library at import time (pyoxigraph only when a format is
resolved): the query worker processes use it too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


# -- the formats -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Format:
    """One syntax: an RDF graph or dataset syntax, or a SPARQL results format."""

    label: str
    """Its name for people: ``Turtle``, ``SPARQL Results JSON`` ..."""
    media_type: str
    """Its registered media type, what qualgraph answers with."""
    extension: str
    """Its usual file extension without the dot, also the ``?format=`` value of the linked-data pages."""
    kind: str
    """``graph`` (one RDF graph), ``dataset`` (named graphs) or ``results`` (SPARQL SELECT / ASK results)."""
    oxigraph: str
    """The member of ``pyoxigraph.RdfFormat`` (``QueryResultsFormat`` for results) reading and writing it."""
    rdflib: str
    """rdflib's name for it (``Graph.serialize(format=...)``, ``Graph.parse(format=...)``)."""
    w3c: str
    """Its name in https://www.w3.org/ns/formats/ (the SPARQL service description)."""
    aliases: tuple[str, ...] = ()
    """Other media types a client may ask for it by in ``Accept`` (matched only when written exactly)."""
    format_names: tuple[str, ...] = ()
    """Values of the ``format`` parameter that stand for it (SPARQLWrapper's and common ones)."""
    suffixes: tuple[str, ...] = ()
    """Endings of file names read as this syntax."""
    read_as: tuple[str, ...] = ()
    """Older media types that also name it when reading a response (never offered)."""

    @property
    def pyoxigraph(self) -> Any:
        """The ``pyoxigraph.RdfFormat`` (or ``QueryResultsFormat``) of this syntax."""
        import pyoxigraph

        family = pyoxigraph.QueryResultsFormat if self.kind == "results" else pyoxigraph.RdfFormat
        return getattr(family, self.oxigraph)


SPARQL_JSON = Format("SPARQL Results JSON", "application/sparql-results+json", "srj", "results", "JSON", "json",
                     "SPARQL_Results_JSON", aliases=("application/json",), format_names=("json", "srj"),
                     suffixes=(".srj",))
SPARQL_XML = Format("SPARQL Results XML", "application/sparql-results+xml", "srx", "results", "XML", "xml",
                    "SPARQL_Results_XML", aliases=("application/xml", "text/xml"), format_names=("xml", "srx"),
                    suffixes=(".srx",))
SPARQL_CSV = Format("SPARQL Results CSV", "text/csv", "csv", "results", "CSV", "csv", "SPARQL_Results_CSV",
                    format_names=("csv",))
SPARQL_TSV = Format("SPARQL Results TSV", "text/tab-separated-values", "tsv", "results", "TSV", "tsv",
                    "SPARQL_Results_TSV", format_names=("tsv",))
TURTLE = Format("Turtle", "text/turtle", "ttl", "graph", "TURTLE", "turtle", "Turtle",
                # Turtle is valid N3, so clients asking for N3 (SPARQLWrapper's N3) get Turtle.
                aliases=("application/turtle", "application/x-turtle", "text/n3", "text/rdf+n3", "application/n3"),
                format_names=("turtle", "ttl", "n3"), suffixes=(".ttl", ".turtle"))
N_TRIPLES = Format("N-Triples", "application/n-triples", "nt", "graph", "N_TRIPLES", "nt", "N-Triples",
                   format_names=("nt", "ntriples", "n-triples"), suffixes=(".nt", ".ntriples"),
                   read_as=("text/plain",))
JSON_LD = Format("JSON-LD", "application/ld+json", "jsonld", "graph", "JSON_LD", "json-ld", "JSON-LD",
                 aliases=("application/x-json+ld", "application/json"), format_names=("json", "json-ld", "jsonld"),
                 suffixes=(".jsonld", ".json-ld"))
RDF_XML = Format("RDF/XML", "application/rdf+xml", "rdf", "graph", "RDF_XML", "xml", "RDF_XML",
                 aliases=("application/xml", "text/xml"), format_names=("xml", "rdf", "rdfxml", "rdf+xml", "rdf/xml"),
                 suffixes=(".rdf", ".owl", ".xml"))
N_QUADS = Format("N-Quads", "application/n-quads", "nq", "dataset", "N_QUADS", "nquads", "N-Quads",
                 format_names=("nq", "nquads"), suffixes=(".nq", ".nquads"))
TRIG = Format("TriG", "application/trig", "trig", "dataset", "TRIG", "trig", "TriG", format_names=("trig",),
              suffixes=(".trig",))
N3 = Format("N3", "text/n3", "n3", "graph", "N3", "n3", "N3", read_as=("text/rdf+n3",))
"""Read (a remote store's answer, a file given to ``qualgraph validate``), never offered: Turtle is."""

FORMATS: tuple[Format, ...] = (SPARQL_JSON, SPARQL_XML, SPARQL_CSV, SPARQL_TSV, TURTLE, N_TRIPLES, JSON_LD,
                               RDF_XML, N_QUADS, TRIG, N3)
"""Every syntax, in the order ``format`` names shared by two of them (``json``, ``xml``) list them."""

RESULTS_FORMATS: tuple[Format, ...] = (SPARQL_JSON, SPARQL_XML, SPARQL_CSV, SPARQL_TSV)
"""The SPARQL results formats qualgraph writes, the first being what ``*/*`` gets."""
GRAPH_FORMATS: tuple[Format, ...] = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML)
"""The RDF graph syntaxes qualgraph writes, Turtle first (what ``*/*`` gets)."""
DATASET_FORMATS: tuple[Format, ...] = (N_QUADS, TRIG)
"""The RDF dataset syntaxes qualgraph writes."""
RDF_FILE_FORMATS: tuple[Format, ...] = GRAPH_FORMATS + DATASET_FORMATS
"""The syntaxes of RDF files qualgraph loads, by their suffixes."""


def media_type_of(content_type: str | None) -> str:
    """The bare media type of a ``Content-Type`` value: lower case, without parameters."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def by_media_type(content_type: str | None) -> Format | None:
    """The syntax a ``Content-Type`` names (its media type, or an older name of it), or None."""
    media = media_type_of(content_type)
    for f in FORMATS:
        if media == f.media_type or media in f.read_as:
            return f
    return None


def by_suffix(suffix: str, formats: Sequence[Format] = RDF_FILE_FORMATS) -> Format | None:
    """The syntax of files ending in ``suffix`` (``.ttl``), among ``formats``, or None."""
    suffix = suffix.lower()
    return next((f for f in formats if suffix in f.suffixes), None)


def suffixes(formats: Sequence[Format] = RDF_FILE_FORMATS) -> dict[str, Format]:
    """Each file suffix of ``formats`` with its syntax."""
    return {s: f for f in formats for s in f.suffixes}


def formats_named(value: str) -> tuple[Format, ...]:
    """The syntaxes a ``format`` parameter value stands for (``json``: SPARQL results JSON and JSON-LD)."""
    key = value.strip().lower()
    return tuple(f for f in FORMATS if key in f.format_names)


def aliases_of(formats: Sequence[Format]) -> dict[str, str]:
    """The other media types of ``formats``, each with the media type it stands for (for :func:`choose`)."""
    return {a: f.media_type for f in formats for a in f.aliases}


# -- negotiation -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MediaRange:
    """One element of an Accept header, e.g. ``text/turtle;q=0.9``."""

    type: str
    subtype: str
    q: float
    position: int

    @property
    def specificity(self) -> int:
        """2 for ``type/subtype``, 1 for ``type/*``, 0 for ``*/*``."""
        if self.type == "*":
            return 0
        return 1 if self.subtype == "*" else 2

    def matches(self, media_type: str) -> bool:
        mtype, _, msub = media_type.partition("/")
        return (self.type in ("*", mtype)) and (self.subtype in ("*", msub))


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header, sorted best first; no header means ``*/*``.

    Malformed elements are skipped rather than rejected (browsers and old clients send odd headers), a
    malformed ``q`` counts as 1, and parameters other than ``q`` (``charset``, ``profile``) are ignored.
    """
    if header is None or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges: list[MediaRange] = []
    for position, element in enumerate(header.split(",")):
        parts = [p.strip() for p in element.split(";")]
        media = parts[0].lower()
        if media == "*":  # some clients send a bare "*"
            media = "*/*"
        mtype, sep, msub = media.partition("/")
        if not sep or not mtype or not msub or (mtype == "*" and msub != "*"):
            continue
        q = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 1.0
                break  # RFC 9110: what follows q are accept-extensions, not media type parameters
        ranges.append(MediaRange(mtype, msub, q, position))
    ranges.sort(key=lambda r: (-r.q, -r.specificity, r.position))
    return ranges


def choose(
    accept: str | Sequence[MediaRange] | None,
    offers: Sequence[str],
    aliases: Mapping[str, str] | None = None,
) -> str | None:
    """The offer the client prefers, or None when it accepts none of them (answer 406).

    ``offers`` are canonical media types in the server's order of preference (the first is what ``*/*``
    gets). ``aliases`` maps other names a client may use to one of the offers, e.g. ``application/json``
    to ``application/sparql-results+json``; an alias matches only when written exactly (no wildcard).
    """
    ranges = parse_accept(accept) if accept is None or isinstance(accept, str) else list(accept)
    names: list[tuple[str, str]] = [(o, o) for o in offers]
    for alias, target in (aliases or {}).items():
        if target in offers:
            names.append((alias, target))
    best: tuple[float, int, int, int] | None = None
    chosen: str | None = None
    for order, offer in enumerate(offers):
        # The weight of an offer is that of the most specific range matching it (or one of its aliases).
        match: MediaRange | None = None
        for name, target in names:
            if target != offer:
                continue
            for r in ranges:
                if name != offer and r.specificity < 2:
                    continue  # a wildcard already matched the canonical name
                if r.matches(name) and (match is None or r.specificity > match.specificity):
                    match = r
        if match is None or match.q <= 0:
            continue
        key = (match.q, match.specificity, -match.position, -order)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen
