"""The W3C SPARQL 1.1 Protocol test suite, run from its manifest against the real service.

As the maintainer of a SPARQL client, I want qualgraph's endpoint to behave as the SPARQL 1.1 Protocol says,
so that my client works with it as with any other conforming endpoint.

Each of the 34 ``mf:ProtocolTest`` entries of ``tests/fixtures/w3c/sparql11/protocol/manifest.ttl`` (copied
from the W3C rdf-tests repository under the W3C test-suite licence: ``tests/fixtures/w3c/LICENSE.md``) is written
as HTTP requests in RDF (the W3C "HTTP Vocabulary in RDF"): method, path, headers, body, and the expected
status class, result format and ASK answer. This module reads the manifest with rdflib and turns each entry
into one pytest case that sends its requests with httpx to uvicorn on a loopback port.

Two adaptations, both allowed by the manifest's own comment: request paths ``/sparql/...`` go to ``/sparql``;
and since the suite predates authentication, every request carries the administrator's bearer token (the
token rules have their own tests in ``test_sparql_auth.py``). Before each case the store is emptied and the
case's ``ut:graphData`` files are loaded into the named graphs their labels give, through the Graph Store
Protocol.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection

from service_support import RunningService, running_service

PROJECT = Path(__file__).resolve().parents[1]
SUITE = Path(__file__).parent / "fixtures" / "w3c" / "sparql11" / "protocol"
MANIFEST = SUITE / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

TOKEN = "w3c-protocol-suite-token"
STATUS_CLASSES = {HTS.StatusCode2xx: 2, HTS.StatusCode3xx: 3, HTS.StatusCode4xx: 4, HTS.StatusCode5xx: 5}
BOOLEAN_TYPES = {"application/sparql-results+json", "application/sparql-results+xml"}
TABULAR_TYPES = BOOLEAN_TYPES | {"text/csv", "text/tab-separated-values"}
RDF_TYPES = {"application/rdf+xml": "xml", "text/turtle": "turtle", "application/n-triples": "nt",
             "application/ld+json": "json-ld"}


@dataclass
class HttpRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[int]
    expected_format: str | None
    expected_boolean: bool | None


@dataclass
class ProtocolTest:
    iri: str
    name: str
    graph_data: list[tuple[Path, str]] = field(default_factory=list)
    requests: list[HttpRequest] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.iri.rsplit("#", 1)[-1]


def _request(g: Graph, node: URIRef) -> HttpRequest:
    headers: dict[str, str] = {}
    header_list = g.value(node, HT.headers)
    if header_list is not None:
        for h in Collection(g, header_list):
            headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
    body = None
    body_node = g.value(node, HT.body)
    if body_node is not None:
        encoding = str(g.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(g.value(body_node, CNT.chars)).encode(encoding.lower())
    response = g.value(node, HT.resp)
    statuses = {STATUS_CLASSES[s] for s in g.objects(response, MF.expectedStatus)}
    fmt = g.value(response, MF.expectedFormat)
    boolean = g.value(response, MF.expectedBoolean)
    return HttpRequest(
        method=str(g.value(node, HT.methodName)),
        path=str(g.value(node, HT.absolutePath)),
        headers=headers,
        body=body,
        statuses=statuses,
        expected_format=str(fmt) if fmt is not None else None,
        expected_boolean=boolean.toPython() if boolean is not None else None,
    )


def load_manifest(path: Path) -> list[ProtocolTest]:
    """The manifest's tests, in manifest order."""
    g = Graph().parse(path, format="turtle")
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    tests = []
    for entry in Collection(g, g.value(manifest, MF.entries)):
        test = ProtocolTest(str(entry), str(g.value(entry, MF.name)))
        for data in g.objects(entry, UT.graphData):
            test.graph_data.append((Path(str(g.value(data, UT.graph)).removeprefix("file://")),
                                    str(g.value(data, RDFS.label))))
        action = g.value(entry, MF.action)
        for request in Collection(g, g.value(action, HT.requests)):
            test.requests.append(_request(g, request))
        tests.append(test)
    return tests


TESTS = load_manifest(MANIFEST)


def test_the_manifest_has_all_34_protocol_tests() -> None:
    assert len(TESTS) == 34
    assert all(test.requests for test in TESTS)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
    with running_service(tmp_path_factory.mktemp("w3c") / "store", admin_token=TOKEN, query_timeout=10) as running:
        yield running


def _url(service: RunningService, path: str) -> str:
    assert path.startswith("/sparql/"), path
    return service.sparql_url + path[len("/sparql/"):]


def _reset(client: httpx.Client, service: RunningService, test: ProtocolTest) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post(service.sparql_url, content="DROP ALL",
                       headers={**auth, "Content-Type": "application/sparql-update"}).status_code == 204
    for file, graph in test.graph_data:
        response = client.put(service.store_url, params={"graph": graph}, content=(SUITE / file.name).read_bytes(),
                              headers={**auth, "Content-Type": "application/n-triples"})
        assert response.status_code in (201, 204), response.text


def _check_format(request: HttpRequest, response: httpx.Response) -> None:
    media_type = response.headers.get("content-type", "").split(";")[0].strip()
    if request.expected_format == "boolean":
        assert media_type in BOOLEAN_TYPES
        if media_type.endswith("+json"):
            answer = response.json()["boolean"]
        else:
            element = ET.fromstring(response.content).find("{http://www.w3.org/2005/sparql-results#}boolean")
            assert element is not None
            answer = element.text == "true"
        if request.expected_boolean is not None:
            assert answer is request.expected_boolean
    elif request.expected_format == "tabular":
        assert media_type in TABULAR_TYPES
        if media_type.endswith("+json"):
            assert "results" in json.loads(response.content)
    elif request.expected_format == "RDF":
        assert media_type in RDF_TYPES
        Graph().parse(data=response.content, format=RDF_TYPES[media_type])


@pytest.mark.parametrize("test", TESTS, ids=[t.id for t in TESTS])
def test_w3c_protocol(service: RunningService, test: ProtocolTest) -> None:
    with httpx.Client(timeout=30) as client:
        _reset(client, service, test)
        for number, request in enumerate(test.requests, 1):
            headers = {**request.headers, "Authorization": f"Bearer {TOKEN}"}
            response = client.request(request.method, _url(service, request.path), headers=headers,
                                      content=request.body)
            assert response.status_code // 100 in request.statuses, (
                f"{test.name}: request {number} got {response.status_code}: {response.text[:300]}"
            )
            _check_format(request, response)
