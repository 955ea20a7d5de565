"""``/sparql`` lookups on a short path: the answers the server gives itself, without the web app's layers.

A lookup ("everything about this IRI": one triple pattern, see :mod:`qualgraph.sparql.inline`) costs the engine
~0.1 ms; through FastAPI's routing, its middleware and ours it cost three times that again (issue 15, cheap
lookups at 0.2x ``oxigraph serve``). This ASGI middleware sits outside the app and answers the plainest form of
such a request itself: ``GET /sparql?query=...`` with no other parameter, or ``POST`` of the query as
``application/sparql-query``, with no ``Origin`` (a browser's cross-origin request takes the full path, for its
CORS headers). The answer is the route's own (:func:`~qualgraph.web.sparql_protocol.answer_response`, the same
headers), from the service's :meth:`~qualgraph.sparql.SparqlService.answer_at_once`, under the same limits. The
HTTP protocol (:mod:`.lookup_protocol`) asks :meth:`SparqlLookups.plain_query` and
:meth:`SparqlLookups.answer_at_once` the same, as soon as a request is read, and sends here what they do not answer.

Everything else goes on to the app untouched: another method, path or parameter, a query the server does not
answer itself, more rows than it reads, and every error (the app words and answers those). A body it has read is
handed on as it came.

In the server the middleware is made ``whole``: it answers every such plain query, a worker answering what the
server does not answer itself, with the service's errors in the app's words
(:func:`~qualgraph.web.sparql_protocol.error_response`). So it does while the server starts (:mod:`.server`), before
the web app is there, and after (:class:`~qualgraph.web.app.QualgraphApp`), where FastAPI's layers would cost ~0.5
ms of a worker's answer. A front process, which has no workers, answers lookups only and hands the rest on.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote_plus

from starlette.datastructures import State
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..sparql import QueryRequest, SparqlError
from .sparql_protocol import (QUERY, answer_headers, answer_response, content_type, decode_text, endpoint_iri,
                              error_response)

if TYPE_CHECKING:
    from ..sparql import SparqlService


class SparqlLookups:
    """ASGI middleware: answers ``/sparql`` lookups the service can answer at once (module docstring)."""

    def __init__(self, app: ASGIApp, state: State, *, whole: bool = False) -> None:
        self.app = app
        self.state = state
        """The web app's state: its settings and, once its lifespan has started, its SPARQL service (in a front
        process, the server's settings as plain values, and the snapshot's lookups)."""
        self.whole = whole
        """Answer every plain query, not only lookups, and word the errors (the starting server's, module
        docstring)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.may_answer(scope):
            await self.app(scope, receive, send)
            return
        body: list[Message] = []
        text: bytes | None = None
        if scope["method"] == "POST" and not scope["query_string"] and _media_type(scope["headers"]) == QUERY:
            if await _read_body(receive, body, self.state.settings.max_query_bytes):
                text = b"".join(m.get("body", b"") for m in body)
        query = self.plain_query(scope, text)
        if query is not None:
            if self.whole:
                response: Response | None = await self._answer_whole(self.state.sparql, query, scope)
            else:
                response = self.answer_at_once(query)
            if response is not None:
                await response(scope, receive, send)
                return
        await self.app(scope, _replay(body, receive) if body else receive, send)

    def may_answer(self, scope: Scope) -> bool:
        """Whether the request may be a plain query this middleware answers: ``GET`` or ``POST`` of ``/sparql``
        without ``Origin``, once the service is there."""
        if scope["path"] != "/sparql" or scope["method"] not in ("GET", "POST"):
            return False
        state = self.state
        if getattr(state, "sparql", None) is None or getattr(state, "settings", None) is None:
            return False
        return all(name != b"origin" for name, _ in scope["headers"])

    def plain_query(self, scope: Scope, body: bytes | None) -> QueryRequest | None:
        """The query of a plain request (module docstring) that :meth:`may_answer`: ``GET ?query=`` alone, or
        ``POST`` of the query's UTF-8 text as ``body``; None for any other (the route answers it, or words why not)."""
        settings = self.state.settings
        headers = dict(scope["headers"])
        text: str | None = None
        if scope["method"] == "GET":
            query_string = scope["query_string"].decode("latin-1")
            if query_string.startswith("query=") and "&" not in query_string:
                text = unquote_plus(query_string[6:])  # what parse_qsl gives for one parameter, at half its cost
            else:
                params = parse_qsl(query_string, keep_blank_values=True)
                if len(params) == 1 and params[0][0] == "query":
                    text = params[0][1]
        elif body is not None and not scope["query_string"]:
            media_type, charset = content_type(headers.get(b"content-type", b"").decode("latin-1"))
            if media_type == QUERY:
                try:
                    text = decode_text(body, charset, "query")
                except SparqlError:
                    text = None  # another charset, or not UTF-8: the route refuses it in its words
        if text is None or len(text) > settings.max_query_bytes:
            return None
        server = scope.get("server")
        base = _endpoint(settings.base_url, scope["scheme"], tuple(server) if server else None,
                         headers.get(b"host"), scope.get("root_path", ""))
        return QueryRequest(text, headers.get(b"accept", b"").decode("latin-1") or None, (), (), base)

    def answer_at_once(self, query: QueryRequest) -> Response | None:
        """The answer the service gives at once, without waiting
        (:meth:`~qualgraph.sparql.SparqlService.answer_at_once`: a lookup read here, or an answer kept since the last
        write); None: the app answers, and words every error."""
        answered = self.head_and_body_at_once(query)
        if answered is None:
            return None
        response = Response(answered[1])
        response.raw_headers = answered[0]
        return response

    def head_and_body_at_once(self, query: QueryRequest) -> tuple[list[tuple[bytes, bytes]], bytes] | None:
        """:meth:`answer_at_once` as the headers and bytes of a ``200`` answer, which the HTTP protocol writes as they
        are (:mod:`.lookup_protocol`)."""
        try:
            answer = self.state.sparql.answer_at_once(query)
        except SparqlError:
            return None
        return (answer_headers(answer, LOOKUP_VARY), answer.body) if answer is not None else None

    @staticmethod
    async def _answer_whole(service: SparqlService, query: QueryRequest, scope: Scope) -> Response:
        """The answer as the ``/sparql`` route gives it: here, or from a worker (the client's share of the workers
        counted by its address, as the route counts it). Only the server answers so: the pool's module is not
        imported by a front process."""
        from ..sparql.pool import QUERY_CLIENT

        client = scope.get("client")
        QUERY_CLIENT.set(client[0] if client else None)
        try:
            return _lookup_response(answer_response(await service.aquery(query)))
        except SparqlError as error:
            return _lookup_response(error_response(error))


LOOKUP_VARY = b"Accept, Origin"
"""``Vary`` of every answer given here, as the app's CORS layer marks every answer: a cache must not give one (made for
a request without ``Origin``, so without CORS headers) to a browser's cross-origin request."""


def _lookup_response(response: Response) -> Response:
    """``response`` with the ``Vary`` of the answers given here (:data:`LOOKUP_VARY`)."""
    response.headers["vary"] = LOOKUP_VARY.decode("latin-1")
    return response


def _media_type(headers: list[tuple[bytes, bytes]]) -> str:
    """The body's media type (without parameters), from the request's headers."""
    for name, value in headers:
        if name == b"content-type":
            return content_type(value.decode("latin-1"))[0]
    return ""


@lru_cache(maxsize=64)
def _endpoint(base_url: str | None, scheme: str, server: tuple[str, int] | None, host: bytes | None,
              root_path: str) -> str:
    """The route's :func:`~qualgraph.web.sparql_protocol.endpoint_iri` for requests like this one, remembered: it is the
    same for every request to one host name (a few; the cache is bounded, since the ``Host`` header is the
    client's)."""
    headers = [(b"host", host)] if host is not None else []
    scope = {"type": "http", "scheme": scheme, "server": server, "path": "/sparql", "root_path": root_path,
             "query_string": b"", "headers": headers}
    return endpoint_iri(Request(scope), base_url)


async def _read_body(receive: Receive, messages: list[Message], limit: int) -> bool:
    """Read the body into ``messages`` (every message read is kept, to be handed on); whether it came whole
    within ``limit`` bytes."""
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return False
        size += len(message.get("body", b""))
        if size > limit:
            return False
        if not message.get("more_body"):
            return True


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """``receive`` that gives the messages already read first, then the rest from the client."""
    pending = list(messages)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay
