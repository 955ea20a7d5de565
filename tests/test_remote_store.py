"""As a secretariat that outgrew one machine, I point qualgraph at our SPARQL server and everything works
the same.

On the embedded store a bound variable of a SELECT must be projected (pyoxigraph's substitutions want it);
the queries here project theirs, as every qualgraph query must.

Each behaviour test runs on every back end: the embedded Oxigraph store, a real ``oxigraph serve`` (with the
Graph Store Protocol, and with SPARQL alone), and Virtuoso Open Source (skipped where ``virtuoso-t`` is not
installed; ``scripts/test`` installs it). The servers are started once per session on loopback ports.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS

from external_servers import RunningServer, start_oxigraph, start_virtuoso, virtuoso_binary
from qualgraph.config import Settings
from qualgraph.store import EmbeddedStore, GraphStore, StoreError
from qualgraph.store.base import Triple
from qualgraph.store.remote import QuerySyntaxError, RemoteStore, is_remote_location, store_from_location
from qualgraph.store.sparql_writing import InvalidTermError, bind_values
from qualgraph.vocab import GRAPH_BASE, QG, QGID

FIXTURE = Path(__file__).parent / "fixtures" / "remote_store" / "ie-nfq-eqf.trig"
IE_NFQ = URIRef(GRAPH_BASE + "ie-nfq")
EQF = URIRef(GRAPH_BASE + "eqf")
REFERENCING = URIRef(GRAPH_BASE + "ie-nfq-eqf-referencing")
NFQ_8 = URIRef(QGID + "framework/ie-nfq/level/8")
EQF_6 = URIRef(QGID + "framework/eqf/level/6")
EQF_7 = URIRef(QGID + "framework/eqf/level/7")

XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
XSD_GYEARMONTH = URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")

PREFIXES = """PREFIX qg: <https://w3id.org/qualgraph/ontology#>
PREFIX qgs: <https://w3id.org/qualgraph/status/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@cache
def _parsed_fixture() -> tuple[tuple[URIRef, tuple[Triple, ...]], ...]:
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    return tuple((URIRef(g.identifier), tuple(g)) for g in dataset.graphs() if len(g))


def fixture_graphs() -> dict[URIRef, list[Triple]]:
    """The three sources of the fixture, as replace_graphs takes them."""
    return {graph: list(triples) for graph, triples in _parsed_fixture()}


# -- back ends ---------------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-serve"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    if virtuoso_binary() is None:
        pytest.skip("virtuoso-t is not installed (Debian package virtuoso-opensource; scripts/test installs it)")
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


BACKENDS = [
    "embedded",
    pytest.param("oxigraph-serve", marks=pytest.mark.slow),
    pytest.param("oxigraph-serve-sparql-only", marks=pytest.mark.slow),
    pytest.param("virtuoso", marks=pytest.mark.slow),
]
REMOTE_BACKENDS = BACKENDS[1:]


def open_backend(request: pytest.FixtureRequest, name: str) -> GraphStore:
    """A store on the named back end, holding no qualgraph graph."""
    if name == "embedded":
        return EmbeddedStore(None)
    server_fixture = "virtuoso_server" if name == "virtuoso" else "oxigraph_server"
    server: RunningServer = request.getfixturevalue(server_fixture)
    store = RemoteStore(**server.store_arguments(graph_store=name != "oxigraph-serve-sparql-only"))
    store.remove_graphs(store.named_graphs())  # the server lives for the session; each test starts clean
    return store


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    opened = open_backend(request, request.param)
    yield opened
    opened.close()


@pytest.fixture(params=REMOTE_BACKENDS)
def remote(request: pytest.FixtureRequest) -> Iterator[RemoteStore]:
    opened = open_backend(request, request.param)
    assert isinstance(opened, RemoteStore)
    yield opened
    opened.close()


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    store.replace_graphs(fixture_graphs())
    return store


def snapshot(store: GraphStore) -> dict[URIRef, set[Triple]]:
    return {g: set(store.graph_triples(g)) for g in store.named_graphs()}


# -- graphs ----------------------------------------------------------------------------------------------------
def test_replaced_graphs_are_listed_and_counted(loaded: GraphStore) -> None:
    assert sorted(loaded.named_graphs()) == sorted([EQF, IE_NFQ, REFERENCING])
    assert len(loaded) == 60


def test_replace_makes_each_graph_hold_exactly_the_given_triples(loaded: GraphStore) -> None:
    eqf_before = set(loaded.graph_triples(EQF))
    kept = [(NFQ_8, SKOS.prefLabel, Literal("NFQ Level 8", lang="en")), (NFQ_8, QG.rank, Literal(8))]
    loaded.replace_graphs({IE_NFQ: kept})
    assert set(loaded.graph_triples(IE_NFQ)) == set(kept)
    assert set(loaded.graph_triples(EQF)) == eqf_before


def test_replacing_several_graphs_replaces_each(loaded: GraphStore) -> None:
    label = (EQF_6, SKOS.prefLabel, Literal("EQF level 6", lang="en"))
    rank = (NFQ_8, QG.rank, Literal(8))
    loaded.replace_graphs({IE_NFQ: [rank], EQF: [label]})
    assert set(loaded.graph_triples(IE_NFQ)) == {rank}
    assert set(loaded.graph_triples(EQF)) == {label}
    assert len(list(loaded.graph_triples(REFERENCING))) == 21


@pytest.mark.parametrize("graphs_in_call", [1, 2], ids=["one-graph", "two-graphs"])
def test_blank_nodes_stay_linked_through_a_replace(store: GraphStore, graphs_in_call: int) -> None:
    descriptor = BNode()
    triples = [
        (NFQ_8, QG.hasDescriptor, descriptor),
        (descriptor, RDF.value, Literal("An understanding of the theory, concepts and methods of a field", lang="en")),
    ]
    graphs = {IE_NFQ: triples}
    if graphs_in_call == 2:
        graphs[EQF] = [(EQF_6, QG.rank, Literal(6))]
    store.replace_graphs(graphs)
    rows = store.select(PREFIXES + "SELECT ?text WHERE { ?level qg:hasDescriptor/<%s> ?text }" % RDF.value)
    assert [row["text"] for row in rows] == [triples[1][2]]


def test_replace_with_no_triples_drops_the_graph(loaded: GraphStore) -> None:
    loaded.replace_graphs({REFERENCING: []})
    assert REFERENCING not in loaded.named_graphs()
    assert len(loaded) == 39


def test_remove_graphs_drops_them_and_only_them(loaded: GraphStore) -> None:
    loaded.remove_graphs([IE_NFQ, REFERENCING])
    assert loaded.named_graphs() == [EQF]
    assert len(loaded) == 17


def test_removing_a_graph_that_is_not_there_is_not_an_error(loaded: GraphStore) -> None:
    loaded.remove_graphs([URIRef(GRAPH_BASE + "never-loaded")])
    assert len(loaded) == 60


# -- all or nothing --------------------------------------------------------------------------------------------
BAD_IRI = URIRef("https://w3id.org/qualgraph/id/framework/ie nfq")  # a space: no IRI, no store takes it


@pytest.mark.parametrize("graphs_in_call", [1, 2], ids=["one-graph", "two-graphs"])
def test_a_replace_with_a_malformed_iri_changes_nothing(loaded: GraphStore, graphs_in_call: int) -> None:
    before = snapshot(loaded)
    graphs = {IE_NFQ: [(NFQ_8, QG.rank, Literal(80)), (BAD_IRI, QG.rank, Literal(1))]}
    if graphs_in_call == 2:
        graphs = {EQF: [(EQF_6, QG.rank, Literal(60))], **graphs}
    with pytest.raises(ValueError, match="IRI"):
        loaded.replace_graphs(graphs)
    assert snapshot(loaded) == before


def server_refused_term(backend: str) -> Literal | URIRef:
    """A term that passes qualgraph's own checks but that the engine refuses: Oxigraph checks percent-encoding
    in IRIs, Virtuoso checks the lexical form of typed literals (each accepts what the other refuses)."""
    if backend == "virtuoso":
        return Literal("VIII", datatype=XSD_INTEGER)  # a Roman numeral rank (Virtuoso stores "eight" as 0!)
    return URIRef("https://w3id.org/qualgraph/id/framework/ie-nfq/level/%zz")


@pytest.mark.parametrize("graphs_in_call", [1, 2], ids=["one-graph", "two-graphs"])
def test_a_replace_the_engine_refuses_changes_nothing(
    request: pytest.FixtureRequest, loaded: GraphStore, graphs_in_call: int
) -> None:
    before = snapshot(loaded)
    backend = request.node.callspec.params["store"]
    refused = server_refused_term(backend)
    if backend == "virtuoso" and graphs_in_call == 1:
        pytest.skip("Virtuoso's Graph Store (Turtle) loader takes ill-typed literals that its SPARQL compiler refuses")
    bad = (refused, QG.rank, Literal(1)) if isinstance(refused, URIRef) else (NFQ_8, QG.rank, refused)
    graphs = {IE_NFQ: [(NFQ_8, QG.rank, Literal(80)), bad]}
    if graphs_in_call == 2:
        graphs = {EQF: [(EQF_6, QG.rank, Literal(60))], **graphs}
    with pytest.raises((StoreError, ValueError)):
        loaded.replace_graphs(graphs)
    assert snapshot(loaded) == before


def test_a_replace_of_thousands_of_triples_goes_through_in_one_call(store: GraphStore) -> None:
    """Virtuoso's SPARQL parser gives up on one INSERT DATA of about 5,000 triples; the store splits it."""
    labels = [
        (URIRef(QGID + f"qualification/ie-nfq/Q{i:05d}"), SKOS.prefLabel, Literal(f"Qualification {i}", lang="en"))
        for i in range(6000)
    ]
    store.replace_graphs({IE_NFQ: labels[:3000], EQF: labels[3000:]})
    assert len(store) == 6000


# -- queries ---------------------------------------------------------------------------------------------------
REFERENCED = PREFIXES + """
# Which national levels were referenced to which levels of a reference framework? The header of a query
# file addresses and describes it in words that SPARQLWrapper would take for ADD or DESCRIBE.
SELECT ?national ?reference WHERE {
  ?decision a qg:ReferencingDecision ; qg:status qgs:accepted ;
            qg:sourceLevel/skos:prefLabel ?national ; qg:targetLevel/skos:prefLabel ?reference .
}"""


def test_select_sees_the_union_of_the_named_graphs(loaded: GraphStore) -> None:
    rows = loaded.select(REFERENCED)
    assert sorted((str(r["national"]), str(r["reference"])) for r in rows) == [
        ("NFQ Level 7", "EQF level 6"),
        ("NFQ Level 8", "EQF level 6"),
        ("NFQ Level 9", "EQF level 7"),
    ]
    assert {r["national"].language for r in rows} == {"en"}


def test_values_come_back_with_their_datatypes(loaded: GraphStore) -> None:
    query = PREFIXES + """PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?level ?rank ?notation ?date WHERE {
      ?decision qg:sourceLevel ?level ; dcterms:date ?date . ?level qg:rank ?rank ; skos:notation ?notation .
    }"""
    rows = loaded.select(query, {"level": NFQ_8})
    assert rows == [
        {
            "level": NFQ_8,
            "rank": Literal(8),
            "notation": Literal("8"),
            "date": Literal("2009-06", datatype=XSD_GYEARMONTH),
        }
    ]


def test_ask_and_construct_answer_the_same_on_every_backend(loaded: GraphStore) -> None:
    ask = PREFIXES + "ASK { ?d qg:sourceLevel ?level ; qg:targetLevel ?target }"
    assert loaded.query(ask, {"level": NFQ_8, "target": EQF_6}).boolean is True
    assert loaded.query(ask, {"level": NFQ_8, "target": EQF_7}).boolean is False
    construct = PREFIXES + """
    CONSTRUCT { ?level skos:broadMatch ?target } WHERE { ?d qg:sourceLevel ?level ; qg:targetLevel ?target }"""
    result = loaded.query(construct, {"target": EQF_6})
    assert result.kind == "graph" and result.graph is not None
    assert set(result.graph) == {
        (URIRef(QGID + "framework/ie-nfq/level/7"), SKOS.broadMatch, EQF_6),
        (NFQ_8, SKOS.broadMatch, EQF_6),
    }


def test_a_bound_variable_works_like_a_constant(loaded: GraphStore) -> None:
    query = PREFIXES + "SELECT ?level ?label WHERE { ?level skos:prefLabel ?label }"
    assert loaded.select(query, {"level": EQF_7}) == [{"level": EQF_7, "label": Literal("EQF level 7", lang="en")}]


def test_bound_variables_reach_the_filters_of_the_query(loaded: GraphStore) -> None:
    query = PREFIXES + """
    SELECT ?level ?excluded WHERE {
      ?d qg:sourceLevel ?level ; qg:targetLevel ?target . FILTER(?target != ?excluded)
    }"""
    rows = loaded.select(query, {"excluded": EQF_6})
    assert rows == [{"level": URIRef(QGID + "framework/ie-nfq/level/9"), "excluded": EQF_6}]


INJECTIONS = [
    'x" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #',
    "x' } UNION { ?s ?p ?o } #",
    'end with a backslash \\" and a quote"',
    'three """ quotes and a new\nline }',
]


@pytest.mark.parametrize("text", INJECTIONS, ids=["double-quote", "single-quote", "backslash", "long-quote"])
def test_a_bound_value_with_quotes_and_braces_cannot_change_the_query(loaded: GraphStore, text: str) -> None:
    note = URIRef(QGID + "correspondence/ie-nfq/8/eqf/6/2009-06")
    loaded.replace_graphs({REFERENCING: [(note, SKOS.note, Literal(text))]})
    query = "SELECT ?s ?text WHERE { ?s <http://www.w3.org/2004/02/skos/core#note> ?text }"
    assert loaded.select(query, {"text": Literal(text)}) == [{"s": note, "text": Literal(text)}]
    assert loaded.select(query, {"text": Literal(text + " ")}) == []
    assert sorted(loaded.named_graphs()) == sorted([EQF, IE_NFQ, REFERENCING])
    assert len(loaded) == 40


def test_an_iri_that_would_break_out_of_its_brackets_is_refused(loaded: GraphStore) -> None:
    query = "SELECT ?level ?p WHERE { ?level ?p ?o }"
    with pytest.raises(ValueError):
        loaded.select(query, {"level": URIRef("http://x> ?p ?o } ; DROP ALL ; SELECT * { <http://y")})
    assert len(loaded) == 60


@pytest.mark.parametrize(
    "backend",
    [
        "embedded",
        *REMOTE_BACKENDS,
    ],
)
def test_a_malformed_query_raises_query_syntax_error_with_the_servers_message(
    request: pytest.FixtureRequest, backend: str
) -> None:
    opened = open_backend(request, backend)
    with pytest.raises(QuerySyntaxError) as raised:
        opened.select("SELECT ?level WHERE { ?level skos:prefLabel ")
    assert raised.value.server_message
    assert raised.value.server_message in str(raised.value)


# -- remote only: errors and configuration ------------------------------------------------------------------------
@pytest.mark.slow
def test_a_stopped_server_gives_a_store_error_naming_the_url(tmp_path: Path) -> None:
    server = start_oxigraph(tmp_path / "short-lived")
    store = RemoteStore(**server.store_arguments())
    store.replace_graphs(fixture_graphs())
    server.stop()
    with pytest.raises(StoreError, match=f"cannot reach the SPARQL server at {server.query_endpoint}"):
        store.select(REFERENCED)
    with pytest.raises(StoreError, match=f"cannot reach the graph store at {server.graph_store_endpoint}"):
        store.replace_graphs({IE_NFQ: []})


def test_a_server_that_does_not_answer_times_out_with_a_store_error() -> None:
    with socket.socket() as silent:  # accepts connections (the kernel does) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/query"
        with pytest.raises(StoreError, match=f"{url} did not answer within 1 s"):
            RemoteStore(url, timeout=1).select(REFERENCED)


@pytest.mark.slow
def test_virtuoso_system_graphs_are_not_listed_counted_or_dropped(virtuoso_server: RunningServer) -> None:
    everything = RemoteStore(**virtuoso_server.store_arguments(), graph_prefix="")
    system = URIRef("http://www.openlinksw.com/schemas/virtrdf#")
    assert system in everything.named_graphs()
    store = RemoteStore(**virtuoso_server.store_arguments())
    store.replace_graphs(fixture_graphs())
    assert system not in store.named_graphs()
    assert len(store) == 60
    store.remove_graphs(store.named_graphs())
    assert system in everything.named_graphs()


@pytest.mark.slow
def test_virtuoso_refuses_a_wrong_password_with_a_store_error(virtuoso_server: RunningServer) -> None:
    arguments = {**virtuoso_server.store_arguments(), "password": "not-the-password"}
    with pytest.raises(StoreError, match="401"):
        RemoteStore(**arguments).replace_graphs({IE_NFQ: [], EQF: []})


@pytest.mark.slow
def test_an_update_on_a_read_only_endpoint_fails_with_the_servers_reason(virtuoso_server: RunningServer) -> None:
    read_only = RemoteStore(virtuoso_server.query_endpoint)  # Virtuoso's anonymous /sparql may not write
    with pytest.raises(StoreError, match=f"{virtuoso_server.query_endpoint} failed with HTTP 500: .*SECURITY"):
        read_only.replace_graphs(fixture_graphs())


def test_an_http_url_as_store_location_means_a_remote_store() -> None:
    assert is_remote_location("https://sparql.example.org/qualgraph/query")
    assert not is_remote_location("/var/lib/qualgraph/store")
    settings = Settings(sparql_update_endpoint="http://127.0.0.1:7878/update", query_timeout=5)
    store = store_from_location("http://127.0.0.1:7878/query", settings)
    assert (store.query_endpoint, store.update_endpoint, store.timeout) == (
        "http://127.0.0.1:7878/query",
        "http://127.0.0.1:7878/update",
        5,
    )
    with pytest.raises(StoreError):
        store_from_location("/var/lib/qualgraph/store")


# -- where the VALUES block goes --------------------------------------------------------------------------------
BINDING_CASES = {
    "comments-and-strings": (
        PREFIXES + '# Which level { is } this? WHERE we look: it addresses "}{"\n'
        'SELECT ?label WHERE { ?level skos:prefLabel ?label FILTER(?label != "} WHERE {"@en) }',
        {"level": EQF_6},
        [{"label": Literal("EQF level 6", lang="en")}],
    ),
    "sub-select": (
        PREFIXES + "SELECT ?n WHERE { SELECT (COUNT(?d) AS ?n) ?target "
        "WHERE { ?d qg:targetLevel ?target } GROUP BY ?target }",
        {"target": EQF_6},
        [{"n": Literal(2)}],
    ),
    "construct-template": (
        PREFIXES + "CONSTRUCT { ?level skos:broadMatch ?t } WHERE { ?d qg:sourceLevel ?level ; qg:targetLevel ?t }",
        {"t": EQF_7},
        1,
    ),
    "construct-where": (
        PREFIXES + "CONSTRUCT WHERE { ?level skos:notation ?n }",
        {"level": EQF_7},
        1,
    ),
    "ask-without-where": (PREFIXES + "ASK { ?level qg:rank 7 }", {"level": EQF_7}, True),
}


@pytest.mark.parametrize("case", BINDING_CASES)
def test_the_values_block_binds_every_query_form_like_a_substitution(case: str) -> None:
    query, bindings, expected = BINDING_CASES[case]
    engine = EmbeddedStore(None)  # the bound text runs on Oxigraph, without substitutions
    engine.replace_graphs(fixture_graphs())
    result = engine.query(bind_values(query, bindings))
    if result.kind == "select":
        assert result.rows == expected
    elif result.kind == "ask":
        assert result.boolean is expected
    else:
        assert result.graph is not None and len(result.graph) == expected


def test_blank_nodes_and_odd_variable_names_cannot_be_bound() -> None:
    with pytest.raises(InvalidTermError):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"s": BNode()})
    with pytest.raises(InvalidTermError):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"s) {} } #": EQF_6})


def test_records_described_in_other_graphs_are_found_on_every_backend(loaded: GraphStore) -> None:
    """What a submission's validation asks: which of its records another graph describes too."""
    unknown = URIRef(QGID + "unit/NOT-IN-THE-STORE")
    subjects = [NFQ_8, EQF_6, unknown]
    assert loaded.described_elsewhere(subjects, exclude=IE_NFQ) == {EQF_6}
    assert loaded.described_elsewhere(subjects, exclude=EQF) == {NFQ_8}


# -- the rest of the store interface, on every back end --------------------------------------------------------
# Every writer (loading, submissions, the Graph Store Protocol) goes through these methods, never through a
# backend's own class: so each one must do the same on each back end, blank nodes included (Virtuoso refuses
# them in INSERT DATA, and Virtuoso 7 refuses an INSERT template with blank nodes in two GRAPH blocks).
NEW = URIRef(GRAPH_BASE + "test/new")
OTHER = URIRef(GRAPH_BASE + "test/other")
NT_NEW = b"""<https://w3id.org/qualgraph/id/framework/ie-nfq/level/8> <https://w3id.org/qualgraph/ontology#rank> "8"^^<http://www.w3.org/2001/XMLSchema#integer> .
<https://w3id.org/qualgraph/id/framework/ie-nfq/level/8> <https://w3id.org/qualgraph/ontology#hasDescriptor> _:d .
_:d <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> "Knowledge"@en .
"""


def ox_graph(store: GraphStore, graph: URIRef) -> Graph:
    """The graph as rdflib reads the store's canonical N-Triples dump, for isomorphism checks."""
    return Graph().parse(data=store.dump(ox.RdfFormat.N_TRIPLES, graph).decode("utf-8"), format="nt")


def quads_with_a_blank_node(graph: URIRef) -> list[ox.Quad]:
    node, blank = ox.NamedNode(str(graph)), ox.BlankNode()
    return [ox.Quad(ox.NamedNode(str(EQF_6)), ox.NamedNode(str(QG.hasDescriptor)), blank, node),
            ox.Quad(blank, ox.NamedNode(str(RDF.value)), ox.Literal("Skills", language="en"), node)]


def test_capabilities_say_what_a_caller_may_do_besides_the_interface(store: GraphStore) -> None:
    assert store.local_path is None  # in memory, or a server: no directory a worker process could open
    assert store.native_results == isinstance(store, EmbeddedStore)
    assert store.separate_default_graph == isinstance(store, EmbeddedStore)
    assert (store.query_endpoint is not None) == isinstance(store, RemoteStore)


def test_the_embedded_store_on_disk_offers_its_directory_to_worker_processes(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store") as on_disk:
        assert on_disk.local_path == tmp_path / "store"


def test_an_empty_store_says_so_without_counting_and_a_loaded_one_does_not(store: GraphStore) -> None:
    assert store.is_empty() and len(store) == 0
    store.replace_graphs(fixture_graphs())
    assert not store.is_empty()


def test_has_graph_and_count_triples(loaded: GraphStore) -> None:
    assert loaded.has_graph(EQF) and not loaded.has_graph(NEW)
    assert loaded.count_triples(EQF) == 17 and loaded.count_triples(NEW) == 0


def test_dump_is_canonical_n_triples_whatever_the_server_sent(loaded: GraphStore) -> None:
    dumped = loaded.dump(ox.RdfFormat.N_TRIPLES, EQF)
    expected = ox.serialize(ox.parse(dumped, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)
    assert sorted(dumped.splitlines()) == sorted(expected.splitlines())
    assert len(dumped.splitlines()) == 17
    assert loaded.dump(ox.RdfFormat.N_TRIPLES, NEW) == b""
    everything = loaded.dump(ox.RdfFormat.N_QUADS)
    assert len(everything.splitlines()) == 60


def test_write_graph_writes_a_new_graph_and_what_goes_with_it(store: GraphStore) -> None:
    store.write_graph(NEW, NT_NEW, ox.RdfFormat.N_TRIPLES, also=quads_with_a_blank_node(OTHER))
    assert isomorphic(ox_graph(store, NEW), Graph().parse(data=NT_NEW.decode(), format="nt"))
    assert store.count_triples(OTHER) == 2


def test_write_graph_replaces_an_existing_graph(loaded: GraphStore) -> None:
    loaded.write_graph(EQF, NT_NEW, ox.RdfFormat.N_TRIPLES)
    assert isomorphic(ox_graph(loaded, EQF), Graph().parse(data=NT_NEW.decode(), format="nt"))
    assert loaded.count_triples(IE_NFQ) == 22


def test_write_graph_of_malformed_data_leaves_no_graph(store: GraphStore) -> None:
    with pytest.raises(SyntaxError):
        store.write_graph(NEW, NT_NEW + b"<not closed", ox.RdfFormat.N_TRIPLES)
    assert not store.has_graph(NEW)


def test_write_changes_writes_only_the_difference(loaded: GraphStore) -> None:
    current = loaded.dump(ox.RdfFormat.N_TRIPLES, IE_NFQ)
    lines = sorted(current.splitlines())
    new = b"\n".join(lines[1:]) + b"\n" + NT_NEW  # one triple fewer; a rank and a descriptor with a blank node
    loaded.write_changes(IE_NFQ, current, new, also=quads_with_a_blank_node(OTHER))
    assert isomorphic(ox_graph(loaded, IE_NFQ), Graph().parse(data=new.decode(), format="nt"))
    assert loaded.count_triples(OTHER) == 2
    again = loaded.dump(ox.RdfFormat.N_TRIPLES, IE_NFQ)
    loaded.write_changes(IE_NFQ, again, again)  # blank nodes are rewritten, nothing else
    assert isomorphic(ox_graph(loaded, IE_NFQ), Graph().parse(data=new.decode(), format="nt"))


def test_replace_quads_drops_the_listed_graphs_and_adds_the_others(loaded: GraphStore) -> None:
    loaded.replace_quads([REFERENCING], quads_with_a_blank_node(OTHER))
    assert not loaded.has_graph(REFERENCING)
    assert loaded.count_triples(OTHER) == 2
    loaded.replace_quads([OTHER, EQF], quads_with_a_blank_node(OTHER) + quads_with_a_blank_node(EQF))
    assert (loaded.count_triples(OTHER), loaded.count_triples(EQF), loaded.count_triples(IE_NFQ)) == (2, 2, 22)
    rows = loaded.select(PREFIXES + "SELECT ?text WHERE { GRAPH ?g { ?level qg:hasDescriptor/<%s> ?text } }"
                         % RDF.value)
    assert len(rows) == 2, "each blank node stays linked within its graph"


def test_add_quads_adds_with_blank_nodes(loaded: GraphStore) -> None:
    loaded.add_quads(quads_with_a_blank_node(EQF) + quads_with_a_blank_node(OTHER))
    assert (loaded.count_triples(EQF), loaded.count_triples(OTHER)) == (19, 2)


def test_quads_matching_and_select_tsv(loaded: GraphStore) -> None:
    in_scheme = ox.NamedNode(str(SKOS.inScheme))
    found = {q.subject.value for q in loaded.quads_matching(None, in_scheme, None)}
    assert str(NFQ_8) in found and str(EQF_6) in found
    tsv = loaded.select_tsv(PREFIXES + "SELECT ?rank WHERE { <%s> qg:rank ?rank }" % NFQ_8)
    assert tsv.splitlines() == ["?rank", "8"]  # SPARQL TSV writes an integer bare, as Oxigraph does


def test_construct_triples_gives_pyoxigraph_terms(loaded: GraphStore) -> None:
    triples = loaded.construct_triples(PREFIXES + "CONSTRUCT { ?l qg:rank ?r } WHERE { ?l qg:rank ?r }")
    assert ox.Triple(ox.NamedNode(str(NFQ_8)), ox.NamedNode(str(QG.rank)),
                     ox.Literal("8", datatype=ox.NamedNode(str(XSD_INTEGER)))) in triples
