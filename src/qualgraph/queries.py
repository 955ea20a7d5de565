"""Access to the SPARQL files in ``queries/`` (shipped in the package, :mod:`qualgraph.resources`): each is read
once and run with bound parameters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rdflib import URIRef

from .iris import is_iri
from .resources import query_file, query_files


@lru_cache(maxsize=None)
def load_query(name: str) -> str:
    """The text of ``queries/{name}.rq``."""
    return query_file(name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class QueryInfo:
    name: str
    title: str
    description: str
    text: str


def query_catalogue() -> list[QueryInfo]:
    """Every query with the first lines of its comment header (title, then description), for pages and docs."""
    infos = []
    for path in query_files():
        text = path.read_text(encoding="utf-8")
        header = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            header.append(line.lstrip("#").strip())
        title = header[0] if header else path.stem
        infos.append(QueryInfo(path.stem, title, "\n".join(header[1:]).strip(), text))
    return infos


def values_block(variable: str, iris: Iterable[URIRef]) -> str:
    """A ``VALUES ?var { <iri> ... }`` block for a list of IRIs (each checked, so nothing can break out)."""
    parts = []
    for iri in iris:
        text = str(iri)
        if not is_iri(text, absolute=False):
            raise ValueError(f"not an IRI: {text!r}")
        parts.append(f"<{text}>")
    return f"VALUES ?{variable} {{ {' '.join(parts)} }}"


def with_values(query: str, variable: str, iris: Iterable[URIRef]) -> str:
    """Bind a list of IRIs: the query's ``#VALUES ?var`` marker line is replaced by a checked VALUES block."""
    marker = f"#VALUES ?{variable}"
    if marker not in query:
        raise ValueError(f"the query has no '{marker}' line to bind")
    return query.replace(marker, values_block(variable, iris))
