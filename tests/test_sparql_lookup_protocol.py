"""A lookup is answered by the HTTP protocol as soon as it is read; everything else as uvicorn serves it.

As an operator serving a portal that dereferences thousands of IRIs a minute, I want each lookup to cost the
engine's time and little more: uvicorn's request cycle, its task and the ASGI layers around a lookup cost more
Python than the answer itself (bench/README.md, twelfth session). So ``qualgraph serve`` speaks HTTP through
uvicorn's own protocol, which answers a plain ``/sparql`` query that the service answers at once (a lookup, or
an answer kept since the last write) as soon as its request is read, with the app's own answer and headers.
What I must be able to count on:

* the answer is the app's, byte for byte and header for header, whichever way it went;
* everything else (another query, an update, a page, an error) is the app's, in the order it was asked, on the
  same kept-alive connection, also when requests come pipelined;
* ``Connection: close`` and HTTP/1.0 close the connection after the answer;
* a client that sends lookups and never reads its answers cannot make the server hold more than a bounded
  buffer, and others are answered meanwhile;
* behind a trusted proxy, the proxy's scheme gives the endpoint's IRI (the base of relative IRIs), as in the app.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httptools
import httpx
import pytest

from service_support import RunningService, eventually, running_service

DATA = Path(__file__).parent / "fixtures" / "sparql" / "ie-nfq-eqf.trig"
ADMIN = "lookup-protocol-admin"
NFQ = "https://w3id.org/qualgraph/id/framework/ie-nfq"
LOOKUP = f"SELECT ?p ?o WHERE {{ <{NFQ}> ?p ?o }}"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
BROKEN = "SELECT * WHERE { ?s ?p ?o"
QUERY_BODY = {"Content-Type": "application/sparql-query"}
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
    with running_service(tmp_path_factory.mktemp("lookup-protocol") / "store", data=[DATA],
                         admin_token=ADMIN, query_workers=2) as running:
        yield running


def answered_by_the_protocol(service: RunningService) -> int:
    return service.server.config.http_protocol_class.answered


def comparable(response: httpx.Response) -> tuple[int, bytes, dict[str, str]]:
    """Status, body and headers, without the two that differ between any two answers (the date, the time taken)."""
    headers = {k: v for k, v in response.headers.items() if k not in ("date", "server-timing")}
    return response.status_code, response.content, headers


def chunked(text: str) -> Iterator[bytes]:
    """A body sent in chunks (``Transfer-Encoding: chunked``): the protocol leaves such a request to the app."""
    yield text.encode()


def test_a_lookup_is_answered_as_it_is_read_with_the_apps_own_answer_and_headers(service: RunningService) -> None:
    headers = {"Content-Type": "application/sparql-query", "Accept": JSON}
    before = answered_by_the_protocol(service)
    fast = httpx.post(service.sparql_url, content=LOOKUP, headers=headers)
    assert answered_by_the_protocol(service) == before + 1
    through_the_app = httpx.post(service.sparql_url, content=chunked(LOOKUP), headers=headers)
    assert answered_by_the_protocol(service) == before + 1
    assert fast.status_code == 200 and NFQ.encode() not in fast.content and b"prefLabel" in fast.content
    assert comparable(fast) == comparable(through_the_app)
    assert fast.headers["server-timing"].startswith("inline;dur=")
    assert fast.headers["vary"] == "Accept, Origin"


def test_a_lookup_by_get_is_answered_as_it_is_read_too(service: RunningService) -> None:
    before = answered_by_the_protocol(service)
    fast = httpx.get(service.sparql_url, params={"query": LOOKUP}, headers={"Accept": JSON})
    assert answered_by_the_protocol(service) == before + 1
    with_another_parameter = httpx.get(service.sparql_url, params={"query": LOOKUP, "default-graph-uri": []},
                                       headers={"Accept": JSON})
    assert comparable(fast) == comparable(with_another_parameter)



@pytest.mark.parametrize("accept", ["text/csv", "text/tab-separated-values", "application/sparql-results+xml"])
def test_a_lookup_in_another_format_has_the_apps_headers_too(service: RunningService, accept: str) -> None:
    """The protocol writes the answer's headers itself (no ``Response`` is built): a text format gets its charset, as
    Starlette gives it to the app's answer."""
    headers = {"Content-Type": "application/sparql-query", "Accept": accept}
    before = answered_by_the_protocol(service)
    fast = httpx.post(service.sparql_url, content=LOOKUP, headers=headers)
    assert answered_by_the_protocol(service) == before + 1
    through_the_app = httpx.post(service.sparql_url, content=chunked(LOOKUP), headers=headers)
    assert comparable(fast) == comparable(through_the_app)
    assert fast.headers["content-type"] == (f"{accept}; charset=utf-8" if accept.startswith("text/") else accept)


def test_a_query_string_with_plus_signs_for_spaces_reads_as_the_form_encoding_says(service: RunningService) -> None:
    """``query=SELECT+?p...``: a ``+`` is a space in a query string (HTML forms send it so), ``%2B`` a plus sign; the
    query string's one parameter is read on a short path, which must read it as the general one does."""
    before = answered_by_the_protocol(service)
    plus = httpx.get(f"{service.sparql_url}?query=" + LOOKUP.replace(" ", "+"), headers={"Accept": JSON})
    encoded = httpx.get(service.sparql_url, params={"query": LOOKUP}, headers={"Accept": JSON})
    assert answered_by_the_protocol(service) == before + 2
    assert comparable(plus) == comparable(encoded) and b"prefLabel" in plus.content
    query_then_empty = httpx.get(f"{service.sparql_url}?query=" + LOOKUP.replace(" ", "+") + "&", headers={"Accept": JSON})
    assert comparable(query_then_empty) == comparable(encoded)

@pytest.mark.parametrize("request_args, why", [
    ({"method": "POST", "content": HEAVY, "headers": {"Content-Type": "application/sparql-query"}},
     "not a lookup: a worker answers"),
    ({"method": "POST", "content": BROKEN, "headers": QUERY_BODY},
     "does not parse: the app words the error"),
    ({"method": "POST", "content": LOOKUP, "headers": {"Content-Type": "application/sparql-query",
                                                      "Origin": "https://portal.example"}},
     "a browser's cross-origin request gets the CORS headers of the app"),
    ({"method": "GET", "url_path": "/api/frameworks"}, "not /sparql"),
])
def test_anything_else_is_the_apps(service: RunningService, request_args: dict, why: str) -> None:
    args = dict(request_args)
    url = service.url + args.pop("url_path", "/sparql")
    before = answered_by_the_protocol(service)
    response = httpx.request(url=url, **args)
    assert answered_by_the_protocol(service) == before, why
    if "does not parse" in why:
        assert response.status_code == 400 and "does not parse" in response.text
    elif "Origin" in str(args):
        assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*"
    else:
        assert response.status_code == 200


def test_a_body_the_protocol_would_have_to_hold_goes_the_apps_way(service: RunningService) -> None:
    too_long = "#" + " " * service.settings.max_query_bytes + "\n" + LOOKUP  # over the limit: the app refuses it
    before = answered_by_the_protocol(service)
    refused = httpx.post(service.sparql_url, content=too_long, headers=QUERY_BODY)
    get_with_a_body = httpx.request("GET", service.sparql_url, params={"query": LOOKUP}, content=b"x" * 2_000_000,
                                    headers={"Accept": JSON})
    assert answered_by_the_protocol(service) == before  # neither body was held by the protocol
    assert refused.status_code == 413
    assert get_with_a_body.status_code == 200 and b"prefLabel" in get_with_a_body.content


def test_lookups_and_other_requests_share_a_kept_alive_connection_in_order(service: RunningService) -> None:
    with httpx.Client(headers={"Accept": JSON}) as client:
        for _ in range(3):
            lookup = client.post(service.sparql_url, content=LOOKUP,
                                 headers={"Content-Type": "application/sparql-query"})
            heavy = client.post(service.sparql_url, content=HEAVY,
                                headers={"Content-Type": "application/sparql-query"})
            page = client.get(service.url + "/api/frameworks")
            assert (lookup.status_code, heavy.status_code, page.status_code) == (200, 200, 200)
            assert b"prefLabel" in lookup.content and b'"n"' in heavy.content


def raw_request(text: str, *, connection: str | None = None, version: str = "1.1",
                headers: dict[str, str] | None = None) -> bytes:
    body = text.encode()
    lines = [f"POST /sparql HTTP/{version}", "Host: 127.0.0.1", "Content-Type: application/sparql-query",
             f"Accept: {JSON}", f"Content-Length: {len(body)}"]
    if connection:
        lines.append(f"Connection: {connection}")
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class Answers:
    """HTTP answers read off a raw socket, in order (httptools, uvicorn's parser)."""

    def __init__(self) -> None:
        self.done: list[tuple[int, bytes]] = []
        self._body = b""
        self.parser = httptools.HttpResponseParser(self)

    def on_body(self, body: bytes) -> None:
        self._body += body

    def on_message_complete(self) -> None:
        self.done.append((self.parser.get_status_code(), self._body))
        self._body = b""

    def read(self, sock: socket.socket, count: int, timeout: float = 30) -> list[tuple[int, bytes]]:
        sock.settimeout(timeout)
        while len(self.done) < count:
            data = sock.recv(65536)
            if not data:
                break
            self.parser.feed_data(data)
        return self.done


def port_of(service: RunningService) -> int:
    return int(service.url.rsplit(":", 1)[1])


def test_pipelined_requests_are_answered_in_the_order_they_were_sent(service: RunningService) -> None:
    before = answered_by_the_protocol(service)
    with socket.create_connection(("127.0.0.1", port_of(service))) as sock:
        # a query a worker answers, then a lookup, then a lookup: the lookups wait for the worker's answer
        sock.sendall(raw_request(HEAVY) + raw_request(LOOKUP) + raw_request(LOOKUP))
        answers = Answers().read(sock, 3)
    assert [status for status, _ in answers] == [200, 200, 200]
    assert b'"n"' in answers[0][1] and b"prefLabel" in answers[1][1] and answers[1][1] == answers[2][1]
    assert answered_by_the_protocol(service) - before <= 1  # the one behind the worker's answer went the app's way


@pytest.mark.parametrize("version, connection", [("1.1", "close"), ("1.0", None)])
def test_connection_close_and_http_1_0_close_the_connection_after_the_answer(
        service: RunningService, version: str, connection: str | None) -> None:
    before = answered_by_the_protocol(service)
    with socket.create_connection(("127.0.0.1", port_of(service))) as sock:
        sock.sendall(raw_request(LOOKUP, connection=connection, version=version))
        answers = Answers()
        answers.read(sock, 1)
        assert answers.done and answers.done[0][0] == 200
        sock.settimeout(2)  # well before uvicorn's keep-alive timeout (5 s) would close it
        assert sock.recv(1) == b""  # closed by the server after the answer
    assert answered_by_the_protocol(service) == before + 1


def test_a_client_that_never_reads_holds_a_bounded_buffer_and_others_are_answered(service: RunningService) -> None:
    count = 12000  # ~3 MB of requests, ~32 MB of answers: more than the kernel's buffers hold
    before = answered_by_the_protocol(service)
    with socket.create_connection(("127.0.0.1", port_of(service))) as greedy:
        greedy.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        sender = threading.Thread(target=greedy.sendall, args=(raw_request(LOOKUP) * count,), daemon=True)
        sender.start()
        time.sleep(2)  # the server answers until the kernel's buffers and the transport's are full
        stalled = answered_by_the_protocol(service) - before
        assert stalled < count
        connections = list(service.server.server_state.connections)
        assert max(protocol.transport.get_write_buffer_size() for protocol in connections) < 1024 * 1024
        assert any(protocol.flow.read_paused for protocol in connections)  # it stopped reading the greedy client
        other = httpx.post(service.sparql_url, content=LOOKUP, headers={"Content-Type": "application/sparql-query"})
        assert other.status_code == 200 and b"prefLabel" in other.content
        assert answered_by_the_protocol(service) - before == stalled + 1  # nothing more for the greedy client
        answers = Answers().read(greedy, count, timeout=120)  # now it reads: every answer comes, in order
        sender.join(timeout=30)
    assert len(answers) == count and all(status == 200 for status, _ in answers)


def test_behind_a_trusted_proxy_the_proxys_scheme_gives_the_base_of_relative_iris(service: RunningService) -> None:
    port = port_of(service)
    subject = f"https://127.0.0.1:{port}/relative-subject"
    insert = f'INSERT DATA {{ GRAPH <urn:test:proxy> {{ <{subject}> <urn:test:p> "seen" }} }}'
    written = httpx.post(service.sparql_url, content=insert, headers={
        "Content-Type": "application/sparql-update", "Authorization": f"Bearer {ADMIN}"})
    assert written.status_code == 204
    relative = "SELECT ?o WHERE { <relative-subject> <urn:test:p> ?o }"
    before = answered_by_the_protocol(service)
    assert eventually(lambda: b"seen" in httpx.post(
        service.sparql_url, content=relative, headers={"Content-Type": "application/sparql-query", "Accept": JSON,
                                                       "X-Forwarded-Proto": "https"}).content, 10)
    plain = httpx.post(service.sparql_url, content=relative,
                       headers={"Content-Type": "application/sparql-query", "Accept": JSON})
    assert b"seen" not in plain.content  # http://...: another IRI
    assert answered_by_the_protocol(service) > before
