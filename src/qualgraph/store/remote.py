"""The remote store: qualgraph on an external SPARQL 1.1 Protocol (+ Graph Store Protocol) server.

Queries and updates go through SPARQLWrapper; the Graph Store HTTP Protocol, when an endpoint is configured,
goes through plain HTTP (httpx). Endpoints of common servers (query / update / graph store):

- ``oxigraph serve``: ``http://h:7878/query`` / ``http://h:7878/update`` / ``http://h:7878/store``
- Fuseki: ``http://h:3030/ds/query`` / ``http://h:3030/ds/update`` / ``http://h:3030/ds/data``
- GraphDB: ``http://h:7200/repositories/r`` / ``.../repositories/r/statements`` /
  ``.../repositories/r/rdf-graphs/service``
- Virtuoso: ``http://h:8890/sparql`` / ``http://h:8890/sparql-auth`` / ``http://h:8890/sparql-graph-crud-auth``;
  the ``-auth`` endpoints want HTTP *digest* authentication (``auth="digest"``) as a user with the
  SPARQL_UPDATE role (e.g. ``dba``); the plain ones are read-only for the anonymous ``SPARQL`` user.

What qualgraph expects of the server, and how this module copes with what servers differ on:

* **The default graph is the union of the named graphs.** ``oxigraph serve`` needs ``--union-default-graph``;
  Fuseki/TDB2 needs ``tdb2:unionDefaultGraph true``; GraphDB and Virtuoso do it already (Virtuoso's union
  also holds its own system graphs, which do not use qualgraph's vocabulary).
* **qualgraph's graphs are the ones under** ``https://w3id.org/qualgraph/graph/`` (``graph_prefix``):
  :meth:`RemoteStore.named_graphs` and ``len()`` look only there, because a server such as Virtuoso keeps
  system graphs (``http://www.openlinksw.com/schemas/virtrdf#``, ``http://www.w3.org/ns/ldp#`` ...) that
  are not ours and must never be listed, counted or dropped as if they were. ``graph_prefix=""`` sees all.
* **Bound variables** cannot be sent as pyoxigraph substitutions, so :func:`~qualgraph.store.sparql_writing.bind_values` adds a ``VALUES``
  block at the start of the query's outermost ``WHERE`` group, each term written out by
  :func:`~qualgraph.store.sparql_writing.term_to_sparql` after it was checked, so a bound value can never change the query's text. (The
  embedded store also wants a SELECT's bound variables projected; this one does not mind.)
* **Replacing graphs**: several graphs are replaced by one SPARQL Update request (``DROP SILENT GRAPH``, then
  ``INSERT DATA`` operations of at most 1,000 triples, which Virtuoso's parser needs); a single graph by one
  Graph Store ``PUT`` when a graph store endpoint is set (the bulk path: no SPARQL text to parse). Every term
  is checked before anything is sent, so a bad term fails the whole call and changes nothing; the server
  refuses what it finds malformed (Oxigraph: IRIs; Virtuoso's SPARQL: ill-typed numbers) before changing
  anything. Oxigraph runs a request as one transaction; Virtuoso was seen to keep the first operations of a
  request whose later operation failed while running (a LOAD), so there a crash midway is not rolled back.
* **Digest authentication** through SPARQLWrapper installs a process-wide urllib opener (SPARQLWrapper's
  design); harmless for one store per process, which is how qualgraph runs.
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import warnings
from collections.abc import Iterable, Mapping
from typing import IO, TYPE_CHECKING

import httpx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Node
from SPARQLWrapper import DIGEST, BASIC, JSON, POST, POSTDIRECTLY, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from .. import media_types
from ..vocab import GRAPH_BASE
from .base import GraphStore, QueryResult, QuerySyntaxError, Row, StoreError, Triple
from .sparql_writing import (
    QUERY_FORMS as _QUERY_FORMS,
    UPDATE_FORMS as _UPDATE_FORMS,
    XSD_STRING as _XSD_STRING,
    bind_values,
    iri_ref as _iri,
    sparql_form,
    term_to_sparql,
)
from .terms import to_ox

if TYPE_CHECKING:
    from ..config import Settings

# -- SPARQL the store itself needs (not domain queries, so they live here rather than in queries/) ---------
# Named graphs under a prefix. Parameter: ?prefix (a non-empty string). Column: ?g, a graph IRI.
# (`GRAPH ?g {}` would be cheaper but Virtuoso 7 answers it with one empty row.)
_NAMED_GRAPHS = """
SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?prefix)) }
"""
# All named graphs (Virtuoso 7 finds STRSTARTS(?x, "") false, so no empty prefix). Column: ?g.
_ALL_NAMED_GRAPHS = """
SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }
"""
# Number of quads in the graphs under a prefix. Parameter: ?prefix (a non-empty string). Column: ?n.
_COUNT_QUADS = """
SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?prefix)) }
"""
# Number of quads in all named graphs. Column: ?n, an integer.
_COUNT_ALL_QUADS = """
SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }
"""
# The triples of one graph (when no graph store endpoint is set). Parameter: ?g (IRI). Columns: ?s ?p ?o.
_GRAPH_TRIPLES = """
SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }
"""


_INSERT_CHUNK = 1000
"""Triples per INSERT operation in a replace_graphs request (Virtuoso 7.2 failed at about 5,000)."""



# -- reading results ------------------------------------------------------------------------------------------
def _term_from_json(binding: Mapping[str, str]) -> Identifier:
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):  # Virtuoso still says "typed-literal" (SPARQL JSON 2008 draft)
        if binding.get("xml:lang"):
            return Literal(value, lang=binding["xml:lang"])
        datatype = binding.get("datatype")
        return Literal(value, datatype=URIRef(datatype) if datatype and datatype != _XSD_STRING else None)
    raise StoreError(f"unsupported term in SPARQL results: {binding!r}")


def _plain(term: Node) -> Node:
    """xsd:string literals as plain literals, as the embedded store returns them."""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term


def _parse_graph(data: bytes, content_type: str, source: str) -> Graph:
    media = media_types.media_type_of(content_type)
    found = media_types.by_media_type(media)
    fmt = found.rdflib if found is not None and found.kind == "graph" else media_types.TURTLE.rdflib
    parsed = Graph()
    try:
        parsed.parse(data=data.decode("utf-8"), format=fmt)
    except Exception as e:  # rdflib raises many kinds of parser errors
        raise StoreError(f"{source} sent RDF ({media or 'no media type'}) that could not be read: {e}") from e
    graph = Graph()
    for s, p, o in parsed:
        graph.add((s, p, _plain(o)))
    return graph


# -- the store ------------------------------------------------------------------------------------------------
class RemoteStore(GraphStore):
    """A SPARQL 1.1 server whose default graph is the union of its named graphs (see the module docstring)."""


    def __init__(
        self,
        query_endpoint: str,
        update_endpoint: str | None = None,
        *,
        graph_store_endpoint: str | None = None,
        user: str | None = None,
        password: str | None = None,
        auth: str = "basic",
        timeout: float = 30.0,
        graph_prefix: str = GRAPH_BASE,
        derived_max_age: float | None = 60.0,
    ) -> None:
        if auth not in ("basic", "digest"):
            raise StoreError(f"unknown HTTP authentication {auth!r}: use 'basic' or 'digest'")
        self.query_endpoint = query_endpoint
        self.update_endpoint = update_endpoint or query_endpoint
        self.graph_store_endpoint = graph_store_endpoint
        self.graph_prefix = graph_prefix
        self.timeout = timeout
        self.derived_max_age = derived_max_age
        self._user, self._password, self._auth = user, password, auth
        http_auth: httpx.Auth | None = None
        if user and password:
            http_auth = httpx.DigestAuth(user, password) if auth == "digest" else httpx.BasicAuth(user, password)
        self._http = httpx.Client(auth=http_auth, timeout=timeout)

    def __repr__(self) -> str:
        return (
            f"RemoteStore({self.query_endpoint!r}, update={self.update_endpoint!r}, "
            f"graph_store={self.graph_store_endpoint!r})"
        )

    # -- SPARQL protocol -----------------------------------------------------------------------------------
    def _wrapper(self, text: str, form: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.query_endpoint, updateEndpoint=self.update_endpoint)
        with warnings.catch_warnings():  # its own guess of the form warns on forms it cannot see
            warnings.simplefilter("ignore", RuntimeWarning)
            wrapper.setQuery(text)
        wrapper.queryType = form  # sparql_form's answer, not SPARQLWrapper's guess
        wrapper.setMethod(POST)  # no URL length limit; queries are never cached by proxies anyway
        wrapper.setOnlyConneg(True)  # no format=/output= parameters: strict servers reject unknown ones
        wrapper.setTimeout(max(1, round(self.timeout)))
        if self._user and self._password:
            wrapper.setHTTPAuth(DIGEST if self._auth == "digest" else BASIC)
            wrapper.setCredentials(self._user, self._password)
        return wrapper

    def _send(self, wrapper: SPARQLWrapper, url: str) -> tuple[bytes, str]:
        """Run the request; every failure becomes a StoreError that names the URL and what happened."""
        try:
            response = wrapper.query().response
            return response.read(), response.headers.get("Content-Type", "")
        except QueryBadFormed as e:
            message = _server_message(e)
            raise QuerySyntaxError(f"{url} refused the request as malformed: {message}", message) from e
        except Unauthorized as e:
            raise StoreError(f"{url} refused the credentials (HTTP 401): {_server_message(e)}") from e
        except EndPointNotFound as e:
            raise StoreError(f"{url} is not a SPARQL endpoint (HTTP 404)") from e
        except URITooLong as e:
            raise StoreError(f"{url} found the request too long (HTTP 414)") from e
        except EndPointInternalError as e:
            raise StoreError(f"{url} failed with HTTP 500: {_server_message(e)}") from e
        except SPARQLWrapperException as e:
            raise StoreError(f"{url}: {e}") from e
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace").strip()
            raise StoreError(f"{url} answered HTTP {e.code} {e.reason}: {body[:500]}") from e
        except urllib.error.URLError as e:
            if isinstance(e.reason, (TimeoutError, socket.timeout)):
                raise StoreError(f"{url} did not answer within {self.timeout:g} s") from e
            raise StoreError(f"cannot reach the SPARQL server at {url}: {e.reason}") from e
        except (TimeoutError, socket.timeout) as e:
            raise StoreError(f"{url} did not answer within {self.timeout:g} s") from e
        except (ConnectionError, OSError) as e:
            raise StoreError(f"lost the connection to the SPARQL server at {url}: {e}") from e

    def query(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        form = sparql_form(query)
        if form in _UPDATE_FORMS:
            raise StoreError("query() runs queries; use update() for SPARQL Update")
        # Unknown forms go to the server as queries (its parser gives the error message).
        wrapper = self._wrapper(bind_values(query, bindings), form if form in _QUERY_FORMS else "SELECT")
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        wrapper.setReturnFormat(TURTLE if graph_form else JSON)
        body, content_type = self._send(wrapper, self.query_endpoint)
        if graph_form:
            return QueryResult("graph", graph=_parse_graph(body, content_type, self.query_endpoint))
        try:
            data = json.loads(body)
        except ValueError as e:
            raise StoreError(f"{self.query_endpoint} did not send SPARQL JSON results ({content_type})") from e
        if "boolean" in data:
            return QueryResult("ask", boolean=bool(data["boolean"]))
        try:
            names = list(data["head"]["vars"])
            rows = [{k: _term_from_json(v) for k, v in b.items()} for b in data["results"]["bindings"]]
        except (KeyError, TypeError) as e:
            raise StoreError(f"{self.query_endpoint} sent malformed SPARQL JSON results: {e}") from e
        return QueryResult("select", names, rows)

    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        result = self.query(query, bindings)
        if result.kind != "select":
            raise StoreError("select() needs a SELECT query")
        return result.rows

    def update(self, update: str, *, base_iri: str | None = None) -> None:
        if base_iri:
            update = f"BASE {_iri(base_iri)}\n{update}"
        form = sparql_form(update)
        if form in _QUERY_FORMS:
            raise StoreError("update() runs SPARQL Update; use query() for queries")
        wrapper = self._wrapper(update, form if form in _UPDATE_FORMS and form != "WITH" else "INSERT")
        wrapper.setRequestMethod(POSTDIRECTLY)  # application/sparql-update: the text as it is
        wrapper.setReturnFormat(JSON)
        try:
            self._send(wrapper, self.update_endpoint)
        finally:
            self.mark_changed()

    # -- graphs --------------------------------------------------------------------------------------------
    def _under_prefix(self, query: str, all_graphs: str) -> list[Row]:
        if not self.graph_prefix:
            return self.select(all_graphs)
        return self.select(query, {"prefix": Literal(self.graph_prefix)})

    def named_graphs(self) -> list[URIRef]:
        rows = self._under_prefix(_NAMED_GRAPHS, _ALL_NAMED_GRAPHS)
        return sorted(row["g"] for row in rows if isinstance(row.get("g"), URIRef))

    def graph_triples(self, graph: URIRef) -> Iterable[Triple]:
        if self.graph_store_endpoint is None:
            rows = self.select(_GRAPH_TRIPLES, {"g": graph})
            return [(r["s"], r["p"], r["o"]) for r in rows]
        response = self._graph_store("GET", graph, headers={"Accept": "application/n-triples, text/turtle;q=0.9"})
        if response.status_code == 404:
            return []
        return list(_parse_graph(response.content, response.headers.get("Content-Type", ""), self.graph_store_endpoint))

    def replace_graphs(self, graphs: Mapping[URIRef, list[Triple]]) -> None:
        """All graphs in one request; every term is checked before anything is sent.

        Oxigraph runs a request as one transaction. Virtuoso checks a whole request before running it (a
        malformed or ill-typed term changes nothing) but was seen to keep earlier operations when a later one
        failed while running (a LOAD), so there it is all-or-nothing for bad data, not for a crash midway.
        """
        bnodes: dict[BNode, str] = {}
        plain: dict[str, list[str]] = {}
        with_bnodes: dict[str, list[str]] = {}
        for g, triples in graphs.items():
            name = _iri(str(g))
            plain[name], with_bnodes[name] = [], []
            for triple in triples:
                line = " ".join(term_to_sparql(t, bnodes) for t in triple) + " ."
                (with_bnodes if any(isinstance(t, BNode) for t in triple) else plain)[name].append(line)
        if not plain:
            return
        if len(plain) == 1 and self.graph_store_endpoint is not None:
            (graph,) = graphs
            lines = [*next(iter(plain.values())), *next(iter(with_bnodes.values()))]
            if lines:
                data = ("\n".join(lines) + "\n").encode("utf-8")
                self._graph_store("PUT", graph, content=data, headers={"Content-Type": "text/turtle; charset=utf-8"})
            else:
                self._graph_store("DELETE", graph)
            return
        parts = [f"DROP SILENT GRAPH {g}" for g in plain]
        # Virtuoso's parser runs out of stack on a few thousand triples in one INSERT DATA: several operations
        # of at most _INSERT_CHUNK triples, still one request.
        for g, lines in plain.items():
            for start in range(0, len(lines), _INSERT_CHUNK):
                body = "\n".join(lines[start : start + _INSERT_CHUNK])
                parts.append(f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}")
        # Virtuoso refuses blank nodes in INSERT DATA: an INSERT template with an empty WHERE (_insert_operations).
        parts += _insert_operations(with_bnodes)
        self.update(" ;\n".join(parts))

    def remove_graphs(self, graphs: Iterable[URIRef]) -> None:
        parts = [f"DROP SILENT GRAPH {_iri(str(g))}" for g in graphs]
        if parts:
            self.update(" ;\n".join(parts))

    def has_graph(self, graph: URIRef) -> bool:
        """Only graphs under ``graph_prefix`` are qualgraph's (see :meth:`named_graphs`)."""
        if not str(graph).startswith(self.graph_prefix):
            return False
        result = self.query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
        return bool(result.boolean)

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        parts = _insert_operations(_quad_lines(quads, {}))
        if parts:
            self.update(" ;\n".join(parts))

    def dump(self, format: ox.RdfFormat, graph: URIRef | ox.DefaultGraph | None = None) -> bytes:
        """Read from the server, written by pyoxigraph: N-Triples come out in Oxigraph's canonical form whatever
        the server sent."""
        if isinstance(graph, ox.DefaultGraph):
            raise StoreError("this store's default graph is the union of its named graphs: dump a named graph")
        if graph is not None:
            return ox.serialize(_ox_triples(self.graph_triples(graph)), format=format)
        quads: list[ox.Quad] = []
        for g in self.named_graphs():
            node = ox.NamedNode(str(g))
            quads += (ox.Quad(t.subject, t.predicate, t.object, node) for t in _ox_triples(self.graph_triples(g)))
        return ox.serialize(quads, format=format)

    def replace_quads(self, graphs: Iterable[URIRef], quads: Iterable[ox.Quad]) -> None:
        """One graph and its quads: one Graph Store ``PUT`` where there is an endpoint; else one update request."""
        names = [_iri(str(g)) for g in graphs]
        labels: dict[str, str] = {}
        lines: dict[str, list[str]] = {g: [] for g in names}
        for g, more in _quad_lines(quads, labels).items():
            lines.setdefault(g, []).extend(more)
        if self.graph_store_endpoint is not None and len(lines) == 1 and len(names) == 1 and lines[names[0]]:
            body = ("\n".join(lines[names[0]]) + "\n").encode("utf-8")
            self._graph_store("PUT", URIRef(names[0][1:-1]), content=body,
                              headers={"Content-Type": "text/turtle; charset=utf-8"})
            return
        parts = [*(f"DROP SILENT GRAPH {g}" for g in names), *_insert_operations(lines)]
        if parts:
            self.update(" ;\n".join(parts))

    def write_graph(self, graph: URIRef, data: bytes | IO[bytes], format: ox.RdfFormat, *,
                    base_iri: str | None = None, also: Iterable[ox.Quad] = ()) -> None:
        """Parsed here (relative IRIs against ``base_iri``, not the server's URL; syntax errors with their line),
        then one Graph Store ``PUT`` of N-Triples and one update for ``also``; without a graph store endpoint,
        one update for everything. Blank nodes never go into ``INSERT DATA`` (Virtuoso refuses them)."""
        name = _iri(str(graph))
        triples = [q.triple for q in ox.parse(data, format=format, base_iri=base_iri, rename_blank_nodes=True,
                                              without_named_graphs=True)]
        labels: dict[str, str] = {}
        lines = [_relabel(f"{t} .", labels) for t in triples]
        extra = _quad_lines(also, labels)
        if self.graph_store_endpoint is None:
            self.update(" ;\n".join([f"DROP SILENT GRAPH {name}", *_insert_operations({name: lines, **extra})]))
            return
        existed = self.has_graph(graph)
        try:
            if lines:
                body = ("\n".join(lines) + "\n").encode("utf-8")
                self._graph_store("PUT", graph, content=body, headers={"Content-Type": "text/turtle; charset=utf-8"})
            else:
                self._graph_store("DELETE", graph)
            if extra:
                self.update(" ;\n".join(_insert_operations(extra)))
        except BaseException:
            if not existed:
                self.remove_graphs([graph])
            raise

    def apply_delta(self, graph: URIRef, delete: list[str], insert: list[str], *, delete_blank: bool = False,
                    also: Iterable[ox.Quad] = ()) -> None:
        """One update request (one transaction on Oxigraph; see :meth:`replace_graphs` for Virtuoso)."""
        name = _iri(str(graph))
        parts = []
        if delete_blank:
            parts.append(f"DELETE {{ GRAPH {name} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {name} {{ ?s ?p ?o "
                         "FILTER (isBlank(?s) || isBlank(?o)) } }")
        for start in range(0, len(delete), _INSERT_CHUNK):
            parts.append(f"DELETE DATA {{ GRAPH {name} {{\n" + "\n".join(delete[start : start + _INSERT_CHUNK])
                         + "\n} }")
        labels: dict[str, str] = {}
        lines = {name: [_relabel(line, labels) for line in insert]}
        for g, more in _quad_lines(also, labels).items():
            lines.setdefault(g, []).extend(more)
        parts += _insert_operations(lines)
        if parts:
            self.update(" ;\n".join(parts))

    def __len__(self) -> int:
        rows = self._under_prefix(_COUNT_QUADS, _COUNT_ALL_QUADS)
        return int(rows[0]["n"]) if rows and "n" in rows[0] else 0

    # -- Graph Store Protocol --------------------------------------------------------------------------------
    def _graph_store(self, method: str, graph: URIRef, **kwargs: object) -> httpx.Response:
        """One Graph Store Protocol request on ``?graph=``; a missing graph (404) is not an error."""
        url = self.graph_store_endpoint
        assert url is not None
        _iri(str(graph))
        if method not in ("GET", "HEAD"):
            self.mark_changed()
        try:
            response = self._http.request(method, url, params={"graph": str(graph)}, **kwargs)  # type: ignore[arg-type]
        except httpx.TimeoutException as e:
            raise StoreError(f"{url} did not answer within {self.timeout:g} s ({method} <{graph}>)") from e
        except httpx.HTTPError as e:
            raise StoreError(f"cannot reach the graph store at {url} ({method} <{graph}>): {e}") from e
        if response.status_code == 404 and method in ("GET", "DELETE"):
            return response
        if response.status_code == 400:
            message = _strip_html(response.text)
            raise QuerySyntaxError(f"{url} refused the data for <{graph}> as malformed: {message}", message)
        if response.status_code >= 400:
            raise StoreError(
                f"{url} answered HTTP {response.status_code} to {method} <{graph}>: {_strip_html(response.text)}"
            )
        return response

    def close(self) -> None:
        self._http.close()


def _relabel(line: str, labels: dict[str, str]) -> str:
    """An N-Triples line (pyoxigraph's: terms separated by one space) with its blank nodes labelled ``_:bN``,
    the same label for the same node within one write: labels of pyoxigraph's random ids may start with a digit,
    which not every server's parser takes."""
    if "_:" not in line:
        return line
    subject, predicate, rest = line.split(" ", 2)
    if subject.startswith("_:"):
        subject = labels.setdefault(subject, f"_:b{len(labels)}")
    if rest.startswith("_:"):
        obj, tail = rest.split(" ", 1)
        rest = f"{labels.setdefault(obj, f'_:b{len(labels)}')} {tail}"
    return f"{subject} {predicate} {rest}"


def _has_blank(line: str) -> bool:
    """Whether an N-Triples line has a blank node (as subject, or as object: a predicate never is one)."""
    return line.startswith("_:") or ("_:" in line and line.split(" ", 2)[-1].startswith("_:"))


def _quad_lines(quads: Iterable[ox.Quad], labels: dict[str, str]) -> dict[str, list[str]]:
    """Quads as N-Triples lines per graph (``<iri>``), blank nodes relabelled."""
    lines: dict[str, list[str]] = {}
    for q in quads:
        lines.setdefault(_iri(q.graph_name.value), []).append(_relabel(f"{q.triple} .", labels))
    return lines


def _insert_operations(lines: Mapping[str, list[str]]) -> list[str]:
    """Update operations inserting N-Triples lines into graphs (``<iri>`` -> lines): ``INSERT DATA`` of at most
    ``_INSERT_CHUNK`` triples (Virtuoso's parser), and the triples with a blank node in ``INSERT { } WHERE {}``
    (Virtuoso refuses blank nodes in ``INSERT DATA``). A template makes fresh blank nodes per operation, so the
    triples of one graph go into one; Virtuoso 7 fails on a template with blank nodes in two ``GRAPH`` blocks
    ("string_output_string needs a string output"), so each graph has its own, unless a blank node is shared
    between graphs: then they all go into one, which Oxigraph runs.)"""
    parts: list[str] = []
    blank_blocks: list[str] = []
    seen: dict[str, str] = {}
    shared = False
    for g, graph_lines in lines.items():
        plain = [line for line in graph_lines if not _has_blank(line)]
        blank = [line for line in graph_lines if _has_blank(line)]
        for start in range(0, len(plain), _INSERT_CHUNK):
            parts.append(f"INSERT DATA {{ GRAPH {g} {{\n" + "\n".join(plain[start : start + _INSERT_CHUNK]) + "\n} }")
        for line in blank:
            subject, _, rest = line.split(" ", 2)
            for label in (subject, rest.split(" ", 1)[0]):
                if label.startswith("_:") and seen.setdefault(label, g) != g:
                    shared = True
        if blank:
            blank_blocks.append(f"GRAPH {g} {{\n" + "\n".join(blank) + "\n}")
    if shared:
        parts.append("INSERT {\n" + "\n".join(blank_blocks) + "\n} WHERE {}")
    else:
        parts += [f"INSERT {{\n{block}\n}} WHERE {{}}" for block in blank_blocks]
    return parts


def _ox_triples(triples: Iterable[Triple]) -> list[ox.Triple]:
    """rdflib triples from the server as pyoxigraph triples; blank nodes get fresh pyoxigraph ones (a server's
    ids, such as Virtuoso's ``nodeID://b10001``, are not valid labels)."""
    blanks: dict[BNode, ox.BlankNode] = {}

    def term(t: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(t, BNode):
            return blanks.setdefault(t, ox.BlankNode())
        return to_ox(t)

    return [ox.Triple(term(s), term(p), term(o)) for s, p, o in triples]


def _server_message(error: SPARQLWrapperException) -> str:
    """The body the server sent with an error (SPARQLWrapper keeps it after 'Response:')."""
    text = str(error)
    marker = "Response:\n"
    if marker not in text:
        return text
    raw = text.split(marker, 1)[1].strip()
    if raw.startswith(("b'", 'b"')):
        try:
            from ast import literal_eval

            raw = literal_eval(raw).decode("utf-8", "replace")
        except (ValueError, SyntaxError):
            pass
    return _strip_html(raw)


def _strip_html(text: str) -> str:
    """The server's words, shortened: Virtuoso wraps Graph Store errors in an HTML page and echoes whole
    queries (megabytes for a bulk INSERT) after its message."""
    if re.match(r"\s*<(?:!DOCTYPE|html)", text, re.I):
        text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= 600 else text[:600] + " ..."


# -- configuration ---------------------------------------------------------------------------------------------
def is_remote_location(location: str) -> bool:
    """True for ``QUALGRAPH_STORE=http(s)://...`` (a SPARQL server), false for a directory."""
    return location.startswith(("http://", "https://"))


def store_from_location(location: str, settings: "Settings | None" = None) -> RemoteStore:
    """The remote store for ``QUALGRAPH_STORE=<query endpoint URL>``; the other endpoints and credentials come
    from the settings (``QUALGRAPH_SPARQL_UPDATE_ENDPOINT``, ``QUALGRAPH_SPARQL_GRAPH_STORE_ENDPOINT``,
    ``QUALGRAPH_SPARQL_USER``, ``QUALGRAPH_SPARQL_PASSWORD``, ``QUALGRAPH_SPARQL_AUTH``)."""
    if not is_remote_location(location):
        raise StoreError(f"{location!r} is not an http(s) URL of a SPARQL endpoint")
    password = getattr(settings, "sparql_password", None)
    if password is not None and hasattr(password, "get_secret_value"):
        password = password.get_secret_value()
    return RemoteStore(
        location,
        getattr(settings, "sparql_update_endpoint", None),
        graph_store_endpoint=getattr(settings, "sparql_graph_store_endpoint", None),
        user=getattr(settings, "sparql_user", None),
        password=password,
        auth=getattr(settings, "sparql_auth", None) or "basic",
        timeout=getattr(settings, "query_timeout", None) or 30.0,
        derived_max_age=getattr(settings, "derived_max_age", 60.0),
    )
