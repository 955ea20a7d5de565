"""Result formats of the SPARQL endpoint and the Graph Store Protocol, and choosing one for a request.

The media types come from :mod:`qualgraph.media_types`; this module adds what SPARQL needs: which formats
carry which kind of result (solutions, booleans, graphs, datasets), the ``format`` parameter clients send, and
:func:`negotiate`, which raises :class:`~qualgraph.sparql.errors.NotAcceptable` naming what could be produced.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..media_types import choose
from .errors import NotAcceptable

# -- result formats ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ResultFormat:
    """A serialisation the endpoint offers, with the names clients also use for it."""

    media_type: str
    name: str
    extension: str
    aliases: tuple[str, ...] = ()


SOLUTION_FORMATS: tuple[ResultFormat, ...] = (
    ResultFormat("application/sparql-results+json", "json", "srj", ("application/json",)),
    ResultFormat("application/sparql-results+xml", "xml", "srx", ("application/xml", "text/xml")),
    ResultFormat("text/csv", "csv", "csv"),
    ResultFormat("text/tab-separated-values", "tsv", "tsv"),
)
"""SELECT results, the first being what ``*/*`` gets (https://www.w3.org/TR/sparql11-protocol/#query-success)."""

BOOLEAN_FORMATS = SOLUTION_FORMATS
"""ASK results: JSON and XML as the results specifications define, CSV/TSV as the bare word ``true``/``false``."""

GRAPH_FORMATS: tuple[ResultFormat, ...] = (
    # Turtle is valid N3, so clients asking for N3 (SPARQLWrapper's N3) get Turtle.
    ResultFormat("text/turtle", "turtle", "ttl",
                 ("application/turtle", "application/x-turtle", "text/n3", "text/rdf+n3", "application/n3")),
    ResultFormat("application/n-triples", "ntriples", "nt"),
    ResultFormat("application/ld+json", "jsonld", "jsonld", ("application/x-json+ld", "application/json")),
    ResultFormat("application/rdf+xml", "rdfxml", "rdf", ("application/xml", "text/xml")),
)
"""CONSTRUCT and DESCRIBE results, and graphs of the Graph Store Protocol."""

DATASET_FORMATS: tuple[ResultFormat, ...] = (
    ResultFormat("application/n-quads", "nquads", "nq"),
    ResultFormat("application/trig", "trig", "trig"),
)
"""The whole store (Graph Store Protocol GET without a graph)."""

_FORMAT_PARAMETER: dict[str, tuple[str, ...]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "srj": ("application/sparql-results+json",),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "srx": ("application/sparql-results+xml",),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "turtle": ("text/turtle",),
    "ttl": ("text/turtle",),
    "n3": ("text/turtle",),
    "nt": ("application/n-triples",),
    "ntriples": ("application/n-triples",),
    "n-triples": ("application/n-triples",),
    "json-ld": ("application/ld+json",),
    "jsonld": ("application/ld+json",),
    "rdf": ("application/rdf+xml",),
    "rdfxml": ("application/rdf+xml",),
    "rdf+xml": ("application/rdf+xml",),
    "rdf/xml": ("application/rdf+xml",),
    "nq": ("application/n-quads",),
    "nquads": ("application/n-quads",),
    "trig": ("application/trig",),
}


def format_accept(value: str | None) -> str | None:
    """The Accept header a ``format`` parameter stands for (``json``, ``turtle``, a media type ...), or None.

    SPARQLWrapper sends ``format=json`` / ``xml`` / ``turtle`` / ``n3`` / ``rdf+xml`` / ``json-ld`` / ``csv`` /
    ``tsv``; ``xml`` and ``json`` name both the results format and the RDF format of the same family, and
    the query form decides which one applies. Unknown values are ignored (None), as the protocol asks.
    """
    if not value:
        return None
    key = value.strip().lower()
    if key in _FORMAT_PARAMETER:
        return ", ".join(_FORMAT_PARAMETER[key])
    if "/" in key:
        return key
    return None


def offers_for(kind: str) -> tuple[ResultFormat, ...]:
    """The formats for a result kind: ``solutions``, ``boolean``, ``graph`` or ``dataset``."""
    return {"solutions": SOLUTION_FORMATS, "boolean": BOOLEAN_FORMATS, "graph": GRAPH_FORMATS,
            "dataset": DATASET_FORMATS}[kind]


@lru_cache(maxsize=512)
def negotiate(accept: str | None, kind: str) -> str:
    """The media type to answer with, or :class:`NotAcceptable` naming what could be produced.

    Cached: clients send the same few Accept headers over and over (errors are not cached).
    """
    formats = offers_for(kind)
    aliases = {a: f.media_type for f in formats for a in f.aliases}
    chosen = choose(accept, [f.media_type for f in formats], aliases)
    if chosen is None:
        names = {"solutions": "SELECT results", "boolean": "ASK results", "graph": "an RDF graph",
                 "dataset": "an RDF dataset"}[kind]
        raise NotAcceptable(
            f"{names} can be returned as {', '.join(f.media_type for f in formats)}; "
            f"the request accepts none of them (Accept: {accept})"
        )
    return chosen
