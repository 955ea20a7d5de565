"""The SPARQL 1.1 Protocol's HTTP pieces shared by the ``/sparql`` routes (:mod:`.sparql`) and the lookups answered
before the app (:mod:`.sparql_lookups`, also in the front processes): media types, the body's charset, the
endpoint's IRI, the answer's headers and the words of an error.

Kept apart from the routes so that a front process, which answers lookups and forwards the rest, imports Starlette
only: not FastAPI, the routers or the pages (~0.3 s of its start-up), nor the settings' model (pydantic).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..sparql import TRUNCATED_HEADER, ProtocolError, QueryAnswer, SparqlError, UnsupportedMediaType

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


def endpoint_iri(request: Request, base_url: str | None) -> str:
    """This endpoint's URL (under the setting ``base_url`` when set): the base of relative IRIs in queries, and the
    Service Description's subject."""
    if base_url:
        return base_url.rstrip("/") + request.url.path
    return str(request.url.replace(query="", fragment=""))


def answer_response(answer: QueryAnswer) -> Response:
    """The HTTP answer of a query's answer: its bytes, media type, ``Vary``, and the row cap and timing headers."""
    response = Response(answer.body)
    response.raw_headers = answer_headers(answer, b"Accept")
    return response


def answer_headers(answer: QueryAnswer, vary: bytes) -> list[tuple[bytes, bytes]]:
    """The headers of a query's answer, as Starlette's ``Response`` writes them (a ``text/`` type gets its charset),
    with ``vary``: one list for the route's answer and the lookups the HTTP protocol answers itself
    (:mod:`.lookup_protocol`), which write it without building a ``Response`` (~6 us of a ~200 us lookup)."""
    headers = [(b"vary", vary)]
    if answer.truncated_at is not None:
        headers.append((_TRUNCATED, str(answer.truncated_at).encode("latin-1")))
    if answer.timing is not None:
        headers.append((b"server-timing", answer.timing.encode("latin-1")))
    media_type = answer.media_type
    if media_type.startswith("text/") and "charset=" not in media_type.lower():
        media_type += "; charset=utf-8"
    headers += [(b"content-length", str(len(answer.body)).encode("latin-1")),
                (b"content-type", media_type.encode("latin-1"))]
    return headers


_TRUNCATED = TRUNCATED_HEADER.lower().encode("latin-1")


def error_response(error: SparqlError) -> Response:
    """A service error as plain text, with its status: SPARQL clients show the body of an error response to their
    users."""
    return PlainTextResponse(str(error), status_code=error.status, headers=getattr(error, "headers", None))


def content_type(header: str) -> tuple[str, str | None]:
    """The media type of a ``Content-Type`` header's value and its charset parameter (None when absent)."""
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for param in parts[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return parts[0].lower(), charset


def decode_text(body: bytes, charset: str | None, what: str) -> str:
    """A body the protocol reads as text (a query, an update, a form), named `what` in the error: UTF-8 only."""
    if charset not in (None, "utf-8", "utf8"):
        raise UnsupportedMediaType(f"the {what} must be UTF-8 (charset={charset} was sent)")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(f"the {what} is not valid UTF-8") from None
