"""Labels of any IRIs, for the query editor: a result's IRIs shown with their names beside them.

The editor (``/sparql`` in a browser) sends the IRIs of the result it shows to ``/api/labels`` and writes each
one's label beside its prefixed name. The service faces the internet, so a lookup is bounded: at most
``max_label_iris`` IRIs (each checked as an IRI, so none can break out of the query), and each label cut to
``max_label_chars``. A label is ``skos:prefLabel`` before ``rdfs:label``, in the asked language, else English,
else without a language, else any (:func:`~qualgraph.publishing.languages.pick`).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from ..iris import is_iri
from ..queries import load_query, with_values
from ..store import GraphStore
from .languages import DEFAULT, pick


class LabelRequestError(ValueError):
    """A lookup that is not allowed: too many IRIs, or something that is not an IRI (the message says which)."""


def checked_iris(values: Iterable[object], max_iris: int) -> list[str]:
    """The distinct IRIs asked for, in order; :class:`LabelRequestError` for a non-string, a non-IRI, or more
    than ``max_iris`` of them."""
    found: dict[str, None] = {}
    for value in values:
        if not isinstance(value, str) or not is_iri(value):
            shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
            raise LabelRequestError(f"not an absolute IRI: {shown}")
        found[value] = None
        if len(found) > max_iris:
            raise LabelRequestError(f"a label lookup names at most {max_iris} IRIs (setting "
                                    "QUALGRAPH_MAX_LABEL_IRIS)")
    return list(found)


def labels(store: GraphStore, iris: list[str], language: str = DEFAULT,
           max_chars: int = 200) -> dict[str, tuple[str, str]]:
    """The label of each of ``iris`` that has one (checked IRIs, see :func:`checked_iris`), cut to ``max_chars``,
    with its language tag (``""`` for none): a label may be in another language than asked, when it has none."""
    if not iris:
        return {}
    query = with_values(load_query("resource-labels"), "resource", [URIRef(i) for i in iris])
    preferred: dict[str, dict[str, list[str]]] = {}
    other: dict[str, dict[str, list[str]]] = {}
    for row in store.select_values(query):
        into = preferred if row.get("preferred") == "true" else other
        into.setdefault(row["resource"], {}).setdefault(row.get("lang", ""), []).append(row["label"])
    out: dict[str, tuple[str, str]] = {}
    for iri in iris:
        for found in (preferred.get(iri), other.get(iri)):
            if found:
                for values in found.values():
                    values.sort()  # the same label every time, whatever order the store answers in
                text, tag = pick(found, language)
                if text is not None:
                    out[iri] = (text if len(text) <= max_chars else text[:max(max_chars - 1, 0)] + "…", tag)
                    break
    return out
