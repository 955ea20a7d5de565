"""The SPARQL 1.1 Protocol's dataset parameters written into query and update text.

``default-graph-uri`` / ``named-graph-uri`` become FROM / FROM NAMED where the engine has no parameters for
them (the remote store's ``query()``), and ``using-graph-uri`` / ``using-named-graph-uri`` become USING clauses
(pyoxigraph's ``update()`` has none). Only checked IRIs are ever written into the text.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..iris import is_iri
from ..sparql_text import Token, has_dataset_clause, tokens
from .errors import ProtocolError

def apply_update_dataset(update: str, using: Sequence[str], using_named: Sequence[str]) -> str:
    """Apply the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` to every DELETE/INSERT of an update.

    SPARQL 1.1 Protocol §2.2.3 (https://www.w3.org/TR/sparql11-protocol/#update-dataset): the parameters
    set the dataset of each operation's WHERE clause, and an update that also has USING, USING NAMED or
    WITH is an error. pyoxigraph's ``update()`` has no such parameters, so each modify operation gets
    ``USING <g>`` clauses written before its WHERE (``DELETE WHERE {P}`` becomes ``DELETE {P} USING .. WHERE
    {P}``); the graph IRIs are checked first, so nothing but an IRI is ever written into the text.
    """
    if not using and not using_named:
        return update
    for iri in (*using, *using_named):
        check_iri(iri, "using-graph-uri")
    clause = "".join(f" USING <{g}>" for g in using) + "".join(f" USING NAMED <{g}>" for g in using_named) + " "
    toks = tokens(update)
    operations: list[list[Token]] = [[]]
    for t in toks:
        if t.text == ";" and t.depth == 0:
            operations.append([])
        else:
            operations[-1].append(t)
    edits: list[tuple[int, int, str]] = []
    for op in operations:
        top = [t for t in op if t.depth == 0 and t.text not in ("{", "}")]
        words = [t for t in top if t.text not in ("PREFIX", "BASE")]
        if not words:
            continue
        first = words[0]
        if first.text == "WITH" or any(t.text == "USING" for t in words):
            raise ProtocolError(
                "using-graph-uri / using-named-graph-uri cannot be combined with an update that has its own "
                "USING, USING NAMED or WITH clause (SPARQL 1.1 Protocol, section 2.2.3)"
            )
        if first.text not in ("DELETE", "INSERT") or len(words) < 2 or words[1].text == "DATA":
            continue
        if first.text == "DELETE" and words[1].text == "WHERE":
            where = words[1]
            opening = next((t for t in op if t.start > where.start and t.text == "{" and t.depth == 0), None)
            closing = next((t for t in op if opening and t.start > opening.start and t.text == "}" and t.depth == 0),
                           None)
            if opening is None or closing is None:
                continue  # malformed: let the parser say so
            pattern = update[opening.start:closing.end]
            edits.append((first.end, first.end, f" {pattern}{clause}"))
        else:
            where = next((t for t in words[1:] if t.text == "WHERE"), None)
            if where is not None:
                edits.append((where.start, where.start, clause))
    for start, end, text in sorted(edits, reverse=True):
        update = update[:start] + text + update[end:]
    return update


def check_iri(iri: str, parameter: str) -> str:
    """``iri`` if it is an absolute IRI (:func:`qualgraph.iris.is_iri`), else the protocol's 400."""
    if not is_iri(iri):
        raise ProtocolError(f"{parameter} must be an absolute IRI, not {iri!r}")
    return iri


def with_dataset(query: str, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> str:
    """The query with the protocol's dataset as FROM / FROM NAMED clauses (replacing none: it must have none)."""
    if has_dataset_clause(query):
        raise ProtocolError("this store cannot combine default-graph-uri / named-graph-uri with FROM clauses")
    toks = tokens(query)
    form = next((t for t in toks if t.depth == 0 and t.text in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")), None)
    where = next((t for t in toks if form and t.start > form.start and t.depth == 0 and t.text in ("WHERE", "{")),
                 None)
    if where is None:
        raise ProtocolError("could not find where to add the dataset of default-graph-uri / named-graph-uri")
    clauses = "".join(f" FROM <{check_iri(g, 'default-graph-uri')}>" for g in default_graphs)
    clauses += "".join(f" FROM NAMED <{check_iri(g, 'named-graph-uri')}>" for g in named_graphs)
    return query[:where.start] + clauses + " " + query[where.start:]

