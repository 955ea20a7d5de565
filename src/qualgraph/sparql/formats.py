"""Result formats of the SPARQL endpoint and the Graph Store Protocol, and choosing one for a request.

The formats are entries of :mod:`qualgraph.media_types`; this module adds what SPARQL needs: which formats
carry which kind of result (solutions, booleans, graphs, datasets), the ``format`` parameter clients send, and
:func:`negotiate`, which raises :class:`~qualgraph.sparql.errors.NotAcceptable` naming what could be produced.
"""

from __future__ import annotations

from functools import lru_cache

from ..media_types import DATASET_FORMATS, GRAPH_FORMATS, RESULTS_FORMATS, Format, aliases_of, choose, formats_named
from .errors import NotAcceptable

# -- result formats (the entries of qualgraph.media_types each result kind is offered in) -------------------
SOLUTION_FORMATS: tuple[Format, ...] = RESULTS_FORMATS
"""SELECT results, the first being what ``*/*`` gets (https://www.w3.org/TR/sparql11-protocol/#query-success)."""

BOOLEAN_FORMATS = SOLUTION_FORMATS
"""ASK results: JSON and XML as the results specifications define, CSV/TSV as the bare word ``true``/``false``."""

__all__ = ["BOOLEAN_FORMATS", "DATASET_FORMATS", "GRAPH_FORMATS", "SOLUTION_FORMATS", "format_accept",
           "negotiate", "offers_for"]


def format_accept(value: str | None) -> str | None:
    """The Accept header a ``format`` parameter stands for (``json``, ``turtle``, a media type ...), or None.

    SPARQLWrapper sends ``format=json`` / ``xml`` / ``turtle`` / ``n3`` / ``rdf+xml`` / ``json-ld`` / ``csv`` /
    ``tsv``; ``xml`` and ``json`` name both the results format and the RDF format of the same family, and
    the query form decides which one applies. Unknown values are ignored (None), as the protocol asks.
    """
    if not value:
        return None
    named = formats_named(value)
    if named:
        return ", ".join(f.media_type for f in named)
    key = value.strip().lower()
    if "/" in key:
        return key
    return None


def offers_for(kind: str) -> tuple[Format, ...]:
    """The formats for a result kind: ``solutions``, ``boolean``, ``graph`` or ``dataset``."""
    return {"solutions": SOLUTION_FORMATS, "boolean": BOOLEAN_FORMATS, "graph": GRAPH_FORMATS,
            "dataset": DATASET_FORMATS}[kind]


@lru_cache(maxsize=512)
def negotiate(accept: str | None, kind: str) -> str:
    """The media type to answer with, or :class:`NotAcceptable` naming what could be produced.

    Cached: clients send the same few Accept headers over and over (errors are not cached).
    """
    formats = offers_for(kind)
    chosen = choose(accept, [f.media_type for f in formats], aliases_of(formats))
    if chosen is None:
        names = {"solutions": "SELECT results", "boolean": "ASK results", "graph": "an RDF graph",
                 "dataset": "an RDF dataset"}[kind]
        raise NotAcceptable(
            f"{names} can be returned as {', '.join(f.media_type for f in formats)}; "
            f"the request accepts none of them (Accept: {accept})"
        )
    return chosen
