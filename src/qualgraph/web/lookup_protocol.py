"""``/sparql`` lookups answered by the HTTP protocol itself, as soon as the request has been read.

Why: a lookup ("everything about this IRI", :mod:`qualgraph.sparql.inline`) costs the engine ~0.2 ms at 10M
triples, and ``oxigraph serve`` ~0.24 ms of CPU in all. Around the same engine call, a bare asyncio protocol on
uvloop and httptools cost ~0.25 ms a request, uvicorn with a trivial ASGI app ~0.34 ms, and qualgraph's ASGI
path (uvicorn's request cycle and task, the proxy-headers layer, :class:`.sparql_lookups.SparqlLookups`,
Starlette's response) ~0.5 ms: two Python processes then answered ~0.5x what ``oxigraph serve`` answers on two
cores (issue 15; ``bench/README.md``, twelfth session).

How: :func:`lookup_protocol` makes a subclass of uvicorn's httptools protocol. uvicorn still parses every request
(llhttp) and does everything else it does: ``Date``, keep-alive and its timeout, the order of pipelined
requests, the concurrency limit, the access log, and the proxy headers of a trusted proxy (through its own
middleware). Only a request that may be a plain query, as :class:`.sparql_lookups.SparqlLookups` reads one
(``GET /sparql?query=`` alone, or ``POST /sparql`` of ``application/sparql-query`` with a ``Content-Length``
within ``max_query_bytes``, without ``Origin`` or ``Expect``), is held until its body is read instead of going
to the ASGI app at its head. Then the lookups middleware gives its query and the answer the service gives at
once (:meth:`~.sparql_lookups.SparqlLookups.head_and_body_at_once`: the same headers and bytes as through the app), and
the protocol writes it in one write. A request the service does not answer at once (not a lookup, too many
rows, any error) goes to the ASGI app as uvicorn would have sent it, body included: the app answers it and
words its errors.

A request is only answered here when nothing is owed before it on the connection (no answer still being written,
none waiting behind it) and the client is reading its answers: with the transport's buffer past its high-water
mark, the request goes to the app, whose writes wait for the client. A lookup longer than the rows a process
reads itself (``sparql_inline_rows``) is read once: the app's path finds it remembered as too long
(:class:`~qualgraph.sparql.lookup.LongLookups`) and hands it to a worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httptools

if TYPE_CHECKING:
    from .sparql_lookups import SparqlLookups

_FORWARDED = frozenset({b"x-forwarded-for", b"x-forwarded-proto"})
"""The headers uvicorn's proxy-headers layer reads (from a trusted proxy only)."""


def lookup_protocol(lookups: "SparqlLookups") -> type:
    """uvicorn's httptools protocol, answering the plain ``/sparql`` queries ``lookups`` answers at once (module
    docstring). Pass it as ``uvicorn.Config(http=...)``. Made here, on first use, so that importing this module
    does not import uvicorn."""
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware
    from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol
    from uvicorn.protocols.utils import get_client_addr, get_path_with_query_string

    async def _nothing(scope: Any, receive: Any, send: Any) -> None:
        """The app behind the proxy-headers layer when it is only asked to resolve a scope."""

    class LookupProtocol(HttpToolsProtocol):
        answered = 0
        """Requests this process's protocols answered themselves (for tests and monitoring)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            config = self.config
            self._proxy = (ProxyHeadersMiddleware(_nothing, trusted_hosts=config.forwarded_allow_ips)
                           if config.proxy_headers else None)
            self._held: list[bytes] | None = None
            """The body of a request held for the lookups (None: the request is uvicorn's)."""

        def on_headers_complete(self) -> None:
            if self._may_answer():
                self._held = []
                return
            super().on_headers_complete()

        def on_body(self, body: bytes) -> None:
            if self._held is not None:
                self._held.append(body)  # within max_query_bytes: the Content-Length was checked at the head
                return
            super().on_body(body)

        def on_message_complete(self) -> None:
            held, self._held = self._held, None
            if held is None:
                super().on_message_complete()
                return
            body = b"".join(held)
            if self._answer(body):
                return
            # as uvicorn would have at the head, then the body and the end of the request
            super().on_headers_complete()
            if body:
                super().on_body(body)
            super().on_message_complete()

        def _may_answer(self) -> bool:
            """Whether the request, at its head, may be a plain query answered here (module docstring); its
            scope's method, path and query string are set as uvicorn sets them."""
            if self.pipeline or (self.cycle is not None and not self.cycle.response_complete):
                return False  # an answer is owed before this one
            if self.flow.write_paused or self.expect_100_continue or self.parser.should_upgrade():
                return False
            if self.limit_concurrency is not None and len(self.connections) >= self.limit_concurrency:
                return False  # uvicorn answers 503
            method = self.parser.get_method()
            if method not in (b"GET", b"POST") or self.root_path:
                return False
            url = httptools.parse_url(self.url)
            if url.path != b"/sparql":
                return False
            scope = self.scope
            scope["method"] = method.decode("ascii")
            http_version = self.parser.get_http_version()
            if http_version != "1.1":
                scope["http_version"] = http_version
            scope["path"] = "/sparql"
            scope["raw_path"] = b"/sparql"
            scope["query_string"] = url.query or b""
            length = None
            forwarded = False
            for name, value in self.headers:
                if name == b"content-length":
                    length = value
                elif name == b"transfer-encoding":
                    return False
                elif name in _FORWARDED:
                    forwarded = True
            if forwarded and self._proxy is not None:  # the trusted proxy's client and scheme, by uvicorn's layer
                resolving = self._proxy(scope, None, None)  # type: ignore[arg-type]
                try:
                    resolving.send(None)
                except StopIteration:
                    pass
            if not lookups.may_answer(scope):
                return False
            if length is None:
                return method == b"GET"  # a POST without a length (or with a chunked body) is the app's
            # the body is held here until it is whole: only one within the query's limit (a GET's, none)
            limit = lookups.state.settings.max_query_bytes if method == b"POST" else 0
            return length.isdigit() and int(length) <= limit

        def _answer(self, body: bytes) -> bool:
            """Write the answer the service gives at once, as the app would; False when it gives none."""
            scope = self.scope
            try:
                query = lookups.plain_query(scope, body if scope["method"] == "POST" else None)
                answered = lookups.head_and_body_at_once(query) if query is not None else None
            except Exception:  # noqa: BLE001 - the app's path answers it, and words or logs what went wrong
                return False
            if answered is None:
                return False
            headers, answer = answered
            keep_alive = scope["http_version"] != "1.0" and self.parser.should_keep_alive()
            head = [STATUS_LINE[200]]
            for name, value in (*self.server_state.default_headers, *headers):
                head += [name, b": ", value, b"\r\n"]
            if not keep_alive:
                head.append(b"connection: close\r\n")
            head += [b"\r\n", answer]
            if self.access_log:
                self.access_logger.info('%s - "%s %s HTTP/%s" %d', get_client_addr(scope), scope["method"],
                                        get_path_with_query_string(scope), scope["http_version"], 200)
            self.transport.write(b"".join(head))
            LookupProtocol.answered += 1
            if not keep_alive:
                self.transport.close()
            self.on_response_complete()  # the request count, the keep-alive timer, reading resumed
            return True

    return LookupProtocol
