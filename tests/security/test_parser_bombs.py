"""Parser bombs: an attacker's checklist.

As an anonymous caller I send the service hostile documents — RDF/XML whose DTD entities expand to
gigabytes ("billion laughs") or name files and URLs to read (XXE), JSON-LD and SPARQL nested thousands
deep, RDF/XML nested a hundred thousand deep — to ``POST /api/validate`` (public), and, with a token, to
submissions, the Graph Store and SPARQL Update. Each used to crash the server, hold a core for minutes, or
store a 30 MB literal from 742 bytes. The service must refuse each one before its parser sees it, with a
message that names the place and the limit (setting), the right status (400 malformed, 413 too large once
expanded), leave the store as it was, and keep answering.

The service runs in a child process (``isolated_service``): Oxigraph's parsers segfault *in-process*, and a
crash here must fail a test, not pytest.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from .conftest import Listener, service_resident_bytes
from .isolated_service import IsolatedService, isolated_service
from qualgraph.input_limits import (
    DEFAULT_MAX_NESTING_DEPTH,
    ExpandsTooMuch,
    InputLimits,
    NestedTooDeep,
    UnsafeMarkup,
    check_rdf,
    check_sparql,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BOMBS = FIXTURES / "security"
DATA = FIXTURES / "loading" / "eqf-levels.trig"
ADMIN = "parser-bombs-admin"
RDF_XML = "application/rdf+xml"
JSON_LD = "application/ld+json"
REFUSED_WITHIN = 10.0
"""Seconds a refusal may take, end to end (the 5 MB deep RDF/XML once held a core for minutes)."""
RDF_NS = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/"'


# -- the hostile documents ---------------------------------------------------------------------------------
def laughs(levels: int, fanout: int, *, in_attribute: bool = False) -> bytes:
    """Billion laughs: entity ``lolN`` is ``fanout`` references to ``lol(N-1)``; ``lol0`` is "lol"."""
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * fanout}">'
                                          for i in range(1, levels + 1)]
    use = (f'<rdf:Description rdf:about="http://example.org/bomb" ex:says="&lol{levels};"/>' if in_attribute else
           f'<rdf:Description rdf:about="http://example.org/bomb"><ex:says>&lol{levels};</ex:says></rdf:Description>')
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{chr(10).join(entities)}\n]>\n'
            f"<rdf:RDF {RDF_NS}>\n  {use}\n</rdf:RDF>\n").encode()


def quadratic_blowup(entity_bytes: int, references: int) -> bytes:
    """One big entity referenced many times: no nesting, so no "amplification" in the classic sense."""
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY big "{"x" * entity_bytes}">]>\n'
            f'<rdf:RDF {RDF_NS}><rdf:Description rdf:about="http://example.org/q">'
            f'<ex:says>{"&big;" * references}</ex:says></rdf:Description></rdf:RDF>\n').encode()


def external_entity(system_id: str) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY ext SYSTEM "{system_id}">]>\n'
            f'<rdf:RDF {RDF_NS}><rdf:Description rdf:about="http://example.org/x">'
            "<ex:says>&ext;</ex:says></rdf:Description></rdf:RDF>\n").encode()


def parameter_entity(system_id: str) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY % remote SYSTEM "{system_id}"> %remote;]>\n'
            f'<rdf:RDF {RDF_NS}><rdf:Description rdf:about="http://example.org/x" ex:says="x"/></rdf:RDF>\n'
            ).encode()


def deep_rdf_xml(depth: int) -> bytes:
    """Node and property elements alternating ``depth`` deep (striped RDF/XML, all of it valid)."""
    pairs = depth // 2
    return (f"<rdf:RDF {RDF_NS}>" + "<rdf:Description><ex:p>" * pairs + "ex" + "</ex:p></rdf:Description>" * pairs
            + "</rdf:RDF>").encode()


def deep_json_ld(depth: int) -> bytes:
    return ('{"@id": "http://example.org/deep", "http://example.org/p": ' + '{"http://example.org/p": ' * depth
            + '"bottom"' + "}" * depth + "}").encode()


def deep_query(depth: int) -> str:
    return "ASK { FILTER(" + "(" * depth + "true" + ")" * depth + ") }"


def deep_update(depth: int) -> str:
    return "INSERT { <http://example.org/s> <http://example.org/p> 1 } WHERE " + "{" * depth + "}" * depth


LEGITIMATE_OWL = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY xsd "http://www.w3.org/2001/XMLSchema#">
  <!ENTITY ex "http://example.org/ontology#">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
         xmlns:owl="http://www.w3.org/2002/07/owl#">
  <owl:DatatypeProperty rdf:about="&ex;rank">
    <rdfs:range rdf:resource="&xsd;integer"/>
    <rdfs:label xml:lang="en">rank &amp; order</rdfs:label>
  </owl:DatatypeProperty>
  <owl:Class rdf:about="&ex;Level"><rdfs:comment>A level of &ex; (see &xsd;)</rdfs:comment></owl:Class>
</rdf:RDF>
"""


# -- the service, and what a test asks of it afterwards ---------------------------------------------------
@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IsolatedService]:
    with isolated_service(tmp_path_factory.mktemp("bombs") / "store", data=[DATA], admin_token=ADMIN,
                          query_workers=1) as running:
        yield running


@pytest.fixture
def client(service: IsolatedService) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=service.url, timeout=60) as http:
        yield http


def store_snapshot(client: httpx.Client) -> list[str]:
    """Every quad of the store, as sorted N-Quads lines (the store is a few hundred quads)."""
    answer = client.get("/sparql", params={"query": "SELECT ?g ?s ?p ?o { GRAPH ?g { ?s ?p ?o } }"},
                        headers={"Accept": "text/tab-separated-values"})
    assert answer.status_code == 200, answer.text
    return sorted(answer.text.splitlines()[1:])


@pytest.fixture
def unchanged(service: IsolatedService, client: httpx.Client) -> Iterator[None]:
    """The test's attacks leave the store as it was, and the service answering with modest memory."""
    before = store_snapshot(client)
    assert before
    yield
    assert service.alive(), f"the service died (exit status {service.exit_status()})"
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    assert store_snapshot(client) == before
    assert service_resident_bytes(service.pid) < 2 << 30


def send(client: httpx.Client, method: str, url: str, body: bytes | str, media_type: str, *,
         admin: bool = False, **params: str) -> httpx.Response:
    headers = {"Content-Type": media_type}
    if admin:
        headers["Authorization"] = f"Bearer {ADMIN}"
    started = time.monotonic()
    response = client.request(method, url, content=body, headers=headers, params=params)
    took = time.monotonic() - started
    assert took < REFUSED_WITHIN, f"{method} {url} took {took:.1f} s"
    return response


def validate(client: httpx.Client, body: bytes, media_type: str = RDF_XML, name: str = "hostile.rdf"
             ) -> httpx.Response:
    """``POST /api/validate`` with one file, as a browser form would send it."""
    started = time.monotonic()
    response = client.post("/api/validate", files={"file": (name, body, media_type)},
                           headers={"Accept": "application/json"})
    assert time.monotonic() - started < REFUSED_WITHIN
    return response


def message(response: httpx.Response) -> str:
    return response.text


# -- RDF/XML: entity expansion ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["billion-laughs-10x10.rdf", "billion-laughs-2x30.rdf", "billion-laughs-10x7.rdf"])
def test_billion_laughs_sent_to_validate_is_413_naming_the_file_and_the_setting(client, unchanged, name):
    # 10x7 is the small one (819 bytes): it was *accepted*, as a 30 MB literal.
    response = validate(client, (BOMBS / name).read_bytes(), name=name)
    assert response.status_code == 413, response.text
    assert name in message(response) and "max_entity_expansion_bytes" in message(response)


@pytest.mark.parametrize(("levels", "fanout"), [(4, 50), (6, 20), (16, 4), (40, 2)])
def test_billion_laughs_at_other_nesting_factors_is_413(client, unchanged, levels, fanout):
    response = validate(client, laughs(levels, fanout))
    assert response.status_code == 413, response.text


def test_billion_laughs_in_an_attribute_value_is_413(client, unchanged):
    response = validate(client, laughs(10, 10, in_attribute=True))
    assert response.status_code == 413, response.text
    assert "max_entity_expansion_bytes" in message(response)


def test_a_small_expansion_is_still_read(client, unchanged):
    # 10^3 laughs: 3 kB of text, far inside the budget; the document is read (and reported on), not refused.
    response = validate(client, laughs(3, 10))
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(("entity_bytes", "references"), [(100_000, 100), (1_000_000, 40), (10_000, 5_000)])
def test_quadratic_blowup_is_413(client, unchanged, entity_bytes, references):
    response = validate(client, quadratic_blowup(entity_bytes, references))
    assert response.status_code == 413, response.text


def test_billion_laughs_sent_as_a_submission_is_413(client, unchanged):
    response = client.post("/api/submissions", params={"agency": "bombs", "name": "laughs"},
                           files={"file": ("laughs.rdf", (BOMBS / "billion-laughs-10x10.rdf").read_bytes(),
                                           RDF_XML)},
                           headers={"Authorization": f"Bearer {ADMIN}", "Accept": "application/json"})
    assert response.status_code == 413, response.text
    assert "laughs.rdf" in response.text


@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_billion_laughs_sent_to_the_graph_store_is_413(client, unchanged, method):
    response = send(client, method, "/store", (BOMBS / "billion-laughs-10x10.rdf").read_bytes(), RDF_XML,
                    admin=True, graph="http://example.org/bomb")
    assert response.status_code == 413, response.text
    assert "max_entity_expansion_bytes" in response.text


# -- RDF/XML: external and parameter entities (XXE) ---------------------------------------------------------
def test_an_external_entity_naming_a_local_file_is_refused_unread(client, unchanged):
    response = validate(client, external_entity("file:///etc/passwd"))
    assert response.status_code == 400, response.text
    assert "external entity" in message(response)
    assert "root:" not in message(response)


def test_an_external_entity_naming_a_url_is_refused_unfetched(client, unchanged, listener: Listener):
    response = validate(client, external_entity(listener.url + "secret"))
    assert response.status_code == 400, response.text
    assert "external entity" in message(response)
    assert listener.connections == 0


def test_a_parameter_entity_is_refused_unfetched(client, unchanged, listener: Listener):
    response = validate(client, parameter_entity(listener.url + "evil.dtd"))
    assert response.status_code == 400, response.text
    assert "parameter entity" in message(response)
    assert listener.connections == 0


def test_an_external_entity_sent_to_the_graph_store_is_400_unfetched(client, unchanged, listener: Listener):
    response = send(client, "PUT", "/store", external_entity(listener.url), RDF_XML, admin=True,
                    graph="http://example.org/xxe")
    assert response.status_code == 400, response.text
    assert listener.connections == 0


def test_an_external_dtd_is_not_fetched(client, unchanged, listener: Listener):
    body = (f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "{listener.url}rdf.dtd">\n'
            f'<rdf:RDF {RDF_NS}><rdf:Description rdf:about="http://example.org/x" ex:says="x"/></rdf:RDF>').encode()
    validate(client, body)
    assert listener.connections == 0


# -- RDF/XML: depth -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("depth", [200, 2_000, 20_000])
def test_deep_rdf_xml_is_400_naming_the_line_and_the_setting(client, unchanged, depth):
    response = validate(client, deep_rdf_xml(depth), name="deep.rdf")
    assert response.status_code == 400, response.text
    assert "deep.rdf" in message(response) and "max_nesting_depth" in message(response)


def test_five_megabytes_of_deep_rdf_xml_are_refused_at_once(client, unchanged):
    body = deep_rdf_xml(220_000)
    assert len(body) > 5_000_000
    started = time.monotonic()
    response = send(client, "PUT", "/store", body, RDF_XML, admin=True, graph="http://example.org/deep")
    assert response.status_code == 400, response.text
    assert time.monotonic() - started < 3.0  # it held a core for minutes


# -- JSON-LD: depth -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("depth", [100, 1_000, 5_000, 50_000])
def test_deep_json_ld_is_400_naming_the_setting(client, unchanged, depth):
    response = validate(client, deep_json_ld(depth), JSON_LD, name="deep.jsonld")
    assert response.status_code == 400, response.text
    assert "deep.jsonld" in message(response) and "max_nesting_depth" in message(response)


@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_deep_json_ld_sent_to_the_graph_store_is_400(client, unchanged, method):
    response = send(client, method, "/store", deep_json_ld(5_000), JSON_LD, admin=True,
                    graph="http://example.org/deep")
    assert response.status_code == 400, response.text
    assert "max_nesting_depth" in response.text


def test_deep_json_ld_sent_as_a_submission_is_400(client, unchanged):
    response = client.post("/api/submissions", params={"agency": "bombs", "name": "deep"},
                           files={"file": ("deep.jsonld", deep_json_ld(5_000), JSON_LD)},
                           headers={"Authorization": f"Bearer {ADMIN}", "Accept": "application/json"})
    assert response.status_code == 400, response.text


def test_json_ld_of_a_reasonable_depth_is_still_read(client, unchanged):
    response = validate(client, deep_json_ld(20), JSON_LD, name="nested.jsonld")
    assert response.status_code == 200, response.text


# -- Turtle, TriG, N3: deep but linear, so read -----------------------------------------------------------
@pytest.mark.parametrize(("media_type", "body"), [
    ("text/turtle", "<http://example.org/a> <http://example.org/p> " + "[ <http://example.org/p> " * 20_000
     + "1" + " ]" * 20_000 + " ."),
    ("text/turtle", "<http://example.org/a> <http://example.org/p> " + "( " * 20_000 + ")" * 20_000 + " ."),
])
def test_deep_turtle_is_answered_quickly(client, unchanged, media_type, body):
    response = validate(client, body.encode(), media_type, name="deep.ttl")
    assert response.status_code in (200, 400, 422), response.text


# -- SPARQL: depth --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("depth", [200, 1_000, 10_000, 100_000])
def test_a_deep_query_is_400_and_the_endpoint_answers_after(client, unchanged, depth):
    response = send(client, "POST", "/sparql", deep_query(depth), "application/sparql-query")
    assert response.status_code == 400, response.text
    assert "max_nesting_depth" in response.text
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


@pytest.mark.parametrize("query", [
    "ASK { " + "{} UNION " * 10_000 + "{} }",
    "ASK { FILTER(" + "1 + " * 10_000 + "1) }",
    "ASK { " + "OPTIONAL { ?s ?p ?o } " * 10_000 + "}",
    "SELECT * { " + "".join(f"BIND(1 AS ?v{i}) " for i in range(10_000)) + "}",
    "ASK { ?s " + "<http://example.org/p>/" * 1_000 + "<http://example.org/p> ?o }",
    "ASK { ?s ?p " + "[ ?p " * 1_000 + "1" + " ]" * 1_000 + " }",
    "ASK { FILTER(?a <" + "(" * 10_000 + "?b>?c" + ")" * 10_000 + ") }",  # brackets hidden in an "IRI"
], ids=["union-chain", "plus-chain", "optional-chain", "bind-chain", "path-chain", "blank-node-nesting",
        "brackets-in-an-iri"])
def test_a_query_deep_by_chains_is_400(client, unchanged, query):
    response = send(client, "POST", "/sparql", query, "application/sparql-query")
    assert response.status_code == 400, response.text



@pytest.mark.parametrize("query", [
    "# a header of comments\n" * 200 + deep_query(200),
    "ASK {\n# {{{{ (((( a comment line\n" + "{" * 200 + "}" * 200 + "}",
    "ASK { ?s ?p \"\"\"a long string\n# that spans lines\"\"\" . FILTER(" + "(" * 200 + "true" + ")" * 200 + ") }",
], ids=["after-comment-lines", "beside-a-comment-line", "a-long-string-with-a-hash-line"])
def test_comment_lines_never_hide_a_deep_query(client, unchanged, query):
    """The quick character bound leaves out whole comment lines (a query's header); what is on the other lines is
    still counted, and a text with a long string, whose lines may start with ``#`` inside it, is read token by token."""
    response = send(client, "POST", "/sparql", query, "application/sparql-query")
    assert response.status_code == 400, response.text
    assert "max_nesting_depth" in response.text

@pytest.mark.parametrize("depth", [200, 1_000, 10_000, 100_000])
def test_a_deep_update_is_400_and_changes_nothing(client, unchanged, depth):
    response = send(client, "POST", "/sparql", deep_update(depth), "application/sparql-update", admin=True)
    assert response.status_code == 400, response.text
    assert "max_nesting_depth" in response.text


def test_ordinary_queries_still_answer(client, unchanged):
    query = ("SELECT ?s WHERE { { ?s ?p ?o } UNION { ?o ?p ?s } OPTIONAL { ?s <http://example.org/q> ?x } "
             "FILTER(?p = <http://example.org/a> || ?p != <http://example.org/b> && (1 + 2) * 3 > 4) } LIMIT 1")
    assert client.get("/sparql", params={"query": query}).status_code == 200


# -- the same checks without the service ------------------------------------------------------------------
def test_legitimate_rdf_xml_with_entity_abbreviations_loads():
    check_rdf(LEGITIMATE_OWL, ox.RdfFormat.RDF_XML, place="ontology.owl")
    quads = list(ox.parse(LEGITIMATE_OWL, format=ox.RdfFormat.RDF_XML))
    assert any(q.object == ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer") for q in quads)


def test_json_ld_twenty_deep_loads():
    check_rdf(deep_json_ld(20), ox.RdfFormat.JSON_LD, place="nested.jsonld")
    assert len(list(ox.parse(deep_json_ld(20), format=ox.RdfFormat.JSON_LD))) == 21


def test_a_long_query_over_the_bound_only_by_its_comment_lines_is_not_read_token_by_token(monkeypatch):
    """Every new text of the comparability query (6 KB, 3.8 KB of it comment lines) was tokenized, ~1 ms each: its
    comments alone put it over the quick bound."""
    import qualgraph.input_limits as limits_module
    from qualgraph.queries import load_query

    query = load_query("comparable-levels").replace("#VALUES ?level", "VALUES ?level { <urn:x-level> }")
    assert limits_module._sparql_depth_bound(query) > DEFAULT_MAX_NESTING_DEPTH
    read: list[str] = []
    monkeypatch.setattr(limits_module, "_check_sparql_tokens", lambda text, *args: read.append(text))
    check_sparql(query + "\n# request 1\n")
    assert read == []
    check_sparql('"""' + query)  # a long string in the text: token by token
    assert len(read) == 1


def test_a_refusal_names_the_place_line_and_setting():
    with pytest.raises(NestedTooDeep) as deep:
        check_rdf(b"\n\n" + deep_json_ld(500), ox.RdfFormat.JSON_LD, place="upload.jsonld")
    assert deep.value.line == 3 and deep.value.setting == "max_nesting_depth"
    assert str(deep.value).startswith("upload.jsonld, line 3, column ")
    with pytest.raises(ExpandsTooMuch):
        check_rdf(laughs(10, 10), ox.RdfFormat.RDF_XML, place="x.rdf")
    with pytest.raises(UnsafeMarkup):
        check_rdf(external_entity("file:///etc/passwd"), ox.RdfFormat.RDF_XML, place="x.rdf")
    with pytest.raises(NestedTooDeep) as query:
        check_sparql("SELECT * {\n" + "{" * 200 + "}" * 200 + "}")
    assert query.value.place == "the query" and query.value.line == 2


def test_the_limits_are_settings():
    tight = InputLimits(max_nesting_depth=5, max_entity_expansion_bytes=10)
    with pytest.raises(NestedTooDeep):
        check_rdf(deep_json_ld(5), ox.RdfFormat.JSON_LD, place="x", limits=tight)
    check_rdf(deep_json_ld(DEFAULT_MAX_NESTING_DEPTH - 1), ox.RdfFormat.JSON_LD, place="x")
    with pytest.raises(ExpandsTooMuch):
        check_rdf(laughs(2, 10), ox.RdfFormat.RDF_XML, place="x", limits=tight)


def test_a_query_text_that_passed_is_remembered_only_for_its_limit():
    """Texts that passed are remembered (tokenizing a 6 KB query costs ~1.2 ms), keyed by the limit: the same
    text checked against a lower limit is still refused."""
    flat = "{ ?s ?p ?o } " * 100  # 100 brackets, one level: the character counts alone cannot pass it
    nested = "SELECT * {\n" + "{ ?s ?p ?o " * 30 + flat + "}" * 30 + "}"
    check_sparql(nested)
    check_sparql(nested)
    with pytest.raises(NestedTooDeep):
        check_sparql(nested, limits=InputLimits(max_nesting_depth=20))


def test_a_remembered_query_text_costs_a_digest_not_the_text():
    """1,024 remembered texts of up to 1 MiB each would hold 1 GiB in a query worker: each is kept as a digest."""
    from qualgraph.input_limits import _PASSED

    long_and_flat = "SELECT * {\n" + "{ ?s ?p ?o } " * 100 + "}" + " " * 500_000
    check_sparql(long_and_flat)
    assert _PASSED and all(isinstance(text, bytes) and len(text) <= 64 for text, _ in _PASSED)


def test_a_long_flat_update_is_not_refused():
    # INSERT DATA of many triples with negative numbers and typed literals: long, but flat.
    triple = '<http://example.org/s> <http://example.org/p> -1 , "2"^^<http://www.w3.org/2001/XMLSchema#int> .\n'
    check_sparql("INSERT DATA {\n" + triple * 20_000 + "}", what="the update")


# -- the command line -------------------------------------------------------------------------------------
def qualgraph(store: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "qualgraph.cli", "--store", str(store), *args],
                          capture_output=True, text=True, timeout=120, cwd=cwd)


def test_qualgraph_load_refuses_a_billion_laughs_file_and_writes_nothing(tmp_path):
    store = tmp_path / "store"
    done = qualgraph(store, "load", str(DATA), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    bomb = tmp_path / "billion-laughs-10x10.rdf"
    bomb.write_bytes((BOMBS / "billion-laughs-10x10.rdf").read_bytes())
    deep = tmp_path / "deep.jsonld"
    deep.write_bytes(deep_json_ld(5_000))
    quads = len(ox.Store.read_only(str(store)))
    done = qualgraph(store, "load", bomb.name, deep.name, cwd=tmp_path)
    assert done.returncode != 0
    assert "billion-laughs-10x10.rdf" in done.stderr and "max_entity_expansion_bytes" in done.stderr
    assert "deep.jsonld" in done.stderr and "max_nesting_depth" in done.stderr
    assert len(ox.Store.read_only(str(store))) == quads
