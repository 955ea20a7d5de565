"""The language a page shows the data's labels in, for the templates (:mod:`qualgraph.publishing.languages`).

:class:`LanguageChoice` (ASGI middleware) notes each request's ``?lang=`` and ``Accept-Language`` and the store in
a context variable; the templates' globals :func:`label` and :func:`language_switch` read it when a page is
rendered (in the route's thread, which inherits the context), so no route has to pass a language along. Pages
answer with ``Vary: Accept-Language``.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from markupsafe import Markup, escape
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..publishing import languages
from ..store import GraphStore


@dataclass
class _Request:
    asked: str | None
    accept_language: str | None
    path: str
    query: str
    store: GraphStore | None
    chosen: str | None = None

    def language(self) -> str:
        if self.chosen is None:
            available = languages.available(self.store) if self.store is not None else [languages.DEFAULT]
            self.chosen = languages.negotiate(self.asked, self.accept_language, available)
        return self.chosen


_CURRENT: ContextVar[_Request | None] = ContextVar("qualgraph_language_request", default=None)


def current_language() -> str:
    """The language chosen for the request being answered (English outside a request)."""
    request = _CURRENT.get()
    return request.language() if request is not None else languages.DEFAULT


def label(labels: dict[str, Any] | str | None, fallback: str | None = None) -> Markup:
    """A label in the chosen language, wrapped with its ``lang`` when it is not English: ``labels`` is a dict of
    labels by language tag, or the IRI of a record the search knows by name."""
    if isinstance(labels, str):
        request = _CURRENT.get()
        record = None
        if request is not None and request.store is not None:
            from ..publishing.search import search_index

            record = search_index(request.store).by_iri.get(labels)
        labels = record.names if record is not None else {}
    text, tag = languages.pick(labels or {}, current_language())
    if text is None:
        return escape(fallback or "")
    if tag and not tag.lower().startswith(languages.DEFAULT):
        return Markup('<span lang="{}">{}</span>').format(tag, text)
    return escape(text)


def language_switch() -> list[dict[str, Any]]:
    """The languages the data has, each with the link to this page in it and whether it is the current one."""
    request = _CURRENT.get()
    if request is None or request.store is None:
        return []
    chosen = request.language()
    params = [(k, v) for k, v in parse_qsl(request.query, keep_blank_values=True) if k != "lang"]
    out = []
    for tag in languages.available(request.store):
        query = urlencode([*params, ("lang", tag)])
        out.append({"tag": tag, "name": languages.NAMES.get(tag, tag), "href": f"{request.path}?{query}",
                    "current": tag == chosen})
    return out if len(out) > 1 else []


class LanguageChoice:
    """ASGI middleware: remembers what the request asks for (language, path) for the templates."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        asked = next((v for k, v in parse_qsl(query) if k == "lang"), None)
        store = getattr(getattr(scope.get("app"), "state", None), "store", None)
        token = _CURRENT.set(_Request(asked, Headers(scope=scope).get("accept-language"), scope.get("path", "/"),
                                      query, store))

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    headers.add_vary_header("Accept-Language")
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            _CURRENT.reset(token)
