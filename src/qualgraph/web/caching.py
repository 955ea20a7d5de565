"""HTTP for caches and crawlers: ``HEAD`` wherever ``GET`` is answered, and validators with ``304``.

:class:`Revalidation` is ASGI middleware around the whole app:

* ``HEAD`` on a path whose route answers only ``GET`` runs that ``GET`` and sends its headers (with the
  ``Content-Length`` of the body) and no body. Routes that answer ``HEAD`` themselves (``/store``, the static
  files, ``/sparql``, which answers a query's headers without running it) keep doing so.
* ``GET``/``HEAD`` of what is read from the store (the pages, ``/id/...``, the JSON API, the dataset
  description and dumps; :data:`REVALIDATED`) carry ``ETag``, ``Last-Modified`` and
  ``Cache-Control: public, no-cache`` (a cache may keep the answer and must ask again before reusing it); a
  request with a matching ``If-None-Match`` (or, without one, an ``If-Modified-Since`` not older than the last
  change) gets ``304`` without the route running.

The validators come from the store's state, not from the body: :class:`StoreClock` reads the store's persistent
change marker (:attr:`~qualgraph.store.GraphStore.state_marker`: on an on-disk embedded store, a count of writes
and the time of the last one, kept in the store directory), so an unchanged store has the same ``ETag`` and
``Last-Modified`` after a restart and every write changes them. The version also names the code that renders
the answers (qualgraph's version, a digest of the templates and our own static files, ``base_url``), so an
upgrade that changes a page changes its tag. A store that keeps no marker (in memory, an external SPARQL server)
falls back to :attr:`~qualgraph.store.GraphStore.generation` (the writes made through this process) with a
token of the process's start, and the time each version was first seen; on an external server, which others may
write to, a version also ends after ``derived_max_age`` seconds, as derived answers do. The ``ETag`` also depends on what varies the answer (the query string,
``Accept``, ``Accept-Language``), so two representations of one resource never share a tag.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from functools import lru_cache
from pathlib import Path

from starlette.datastructures import Headers, MutableHeaders
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..publishing.dataset import content_version
from ..store import GraphStore

REVALIDATED: tuple[str, ...] = ("/", "/compare", "/ladder", "/search", "/id/", "/status/", "/role/", "/ontology",
                                "/api/frameworks", "/api/levels/", "/api/equivalences", "/api/ladder",
                                "/api/search", "/api/labels", "/api/prefixes", "/dataset", "/.well-known/void",
                                "/context.jsonld", "/dumps/")
"""Paths (exact, or prefixes when they end in ``/``) whose answers are read from the store or fixed at
start-up, and so carry validators."""

CACHE_CONTROL = "public, no-cache"
"""May be stored by any cache; must be revalidated (a cheap ``304``) before each reuse."""


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A short digest of what renders the answers besides the store: qualgraph's version, the templates and our
    own static files (not the vendored ones, which the version pins)."""
    from .. import __version__

    digest = hashlib.sha256(__version__.encode())
    web = Path(__file__).parent
    for folder in (web / "templates", web / "static"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "vendor" not in p.parts):
            digest.update(str(path.relative_to(web)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:8]


class StoreClock:
    """The version of the store's content, and when that version began."""

    def __init__(self, settings_key: str = "") -> None:
        """``settings_key``: the settings that change what answers say (``base_url``), part of every version."""
        self._code = hashlib.sha256(f"{code_fingerprint()}\n{settings_key}".encode()).hexdigest()[:8]
        self._boot = secrets.token_hex(4)  # without a persistent marker, a restart may come with other data
        self._lock = threading.Lock()
        self._seen: tuple[str, float] | None = None

    def state(self, store: GraphStore) -> tuple[str, float]:
        """``(version, since)``: a short text that changes with every write, and the Unix time of that write
        (whole seconds, as ``Last-Modified`` has them). Both survive a restart where the store keeps its marker;
        elsewhere the version also changes on restart and ``since`` is when this process first saw it."""
        marker = store.state_marker
        if marker is not None:
            return f"{self._code}.{marker[0]}", float(int(marker[1]))
        key = content_version(store)
        with self._lock:
            if self._seen is None or self._seen[0] != key:
                self._seen = (key, float(int(time.time())))
            since = self._seen[1]
        return f"{self._code}.{self._boot}.{key}", since

    def last_modified(self, store: GraphStore) -> float:
        """The Unix time of the last change this process has seen (its start, before any write)."""
        return self.state(store)[1]


def revalidated(path: str) -> bool:
    """Whether answers at ``path`` carry validators (:data:`REVALIDATED`)."""
    return any(path == p or (p.endswith("/") and p != "/" and path.startswith(p)) for p in REVALIDATED)


def entity_tag(version: str, scope: Scope) -> str:
    """A weak ETag for the answer to this request at this store ``version``."""
    headers = Headers(scope=scope)
    variant = "\n".join((scope.get("path", ""), scope.get("query_string", b"").decode("latin-1"),
                         headers.get("accept", ""), headers.get("accept-language", "")))
    return f'W/"{version}-{hashlib.sha256(variant.encode()).hexdigest()[:16]}"'


def _matches(header: str, tag: str) -> bool:
    """``If-None-Match`` by weak comparison (RFC 9110 §13.1.2): ``*`` or any listed tag, ``W/`` ignored."""
    if header.strip() == "*":
        return True
    bare = tag.removeprefix("W/")
    return any(t.strip().removeprefix("W/") == bare for t in header.split(","))


def _not_modified_since(header: str, since: float) -> bool:
    try:
        return parsedate_to_datetime(header).timestamp() >= since
    except (TypeError, ValueError, IndexError, OverflowError):
        return False


class RangeNotSatisfiable(Exception):
    """A ``Range`` of which no byte exists (answered ``416`` with ``Content-Range: bytes */size``)."""


_BYTE_RANGE = re.compile(r"bytes\s*=\s*(\d{0,18})\s*-\s*(\d{0,18})\s*")  # longer numbers: malformed, ignored


def byte_range(headers: Headers, size: int, etag: str, last_modified: str) -> tuple[int, int] | None:
    """The one byte range a ``GET`` asks for (RFC 9110 §14.2), as ``(first, last)`` inclusive, for a
    representation of ``size`` bytes whose strong validator is ``etag``: what lets a harvester resume a dump
    that broke off. None to send it whole: no ``Range``, a unit other than bytes, several ranges (which a server
    may answer whole), a malformed one, or an ``If-Range`` that no longer matches (the content changed: the rest
    of the old one cannot be sent). Raises :class:`RangeNotSatisfiable` when it asks for no byte that exists."""
    wanted = headers.get("range")
    if wanted is None:
        return None
    if_range = headers.get("if-range")
    if if_range is not None:
        if_range = if_range.strip()
        if if_range.startswith(("\"", "W/")):
            if if_range != etag:  # a strong comparison: a weak tag never matches (RFC 9110 §13.1.5)
                return None
        elif if_range != last_modified:
            return None
    found = _BYTE_RANGE.fullmatch(wanted.strip())
    if found is None or (not found[1] and not found[2]):
        return None
    if not found[1]:  # the last N bytes
        suffix = int(found[2])
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - suffix), size - 1
    first = int(found[1])
    if found[2] and int(found[2]) < first:
        return None  # invalid: ignored, as RFC 9110 §14.2 allows
    if first >= size:
        raise RangeNotSatisfiable
    return first, min(int(found[2]) if found[2] else size - 1, size - 1)


class Revalidation:
    """ASGI middleware: ``HEAD`` for every ``GET`` route, and ``ETag``/``Last-Modified``/``304``."""

    def __init__(self, app: ASGIApp, clock: StoreClock | None = None) -> None:
        self.app = app
        self.clock = clock or StoreClock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head and not self._answers_head(scope):
            scope = dict(scope, method="GET")
        validators: dict[str, str] = {}
        store = getattr(getattr(scope.get("app"), "state", None), "store", None)
        if store is not None and revalidated(scope["path"]):
            version, since = self.clock.state(store)
            validators = {"etag": entity_tag(version, scope), "last-modified": formatdate(since, usegmt=True),
                          "cache-control": CACHE_CONTROL}
            request = Headers(scope=scope)
            if_none_match = request.get("if-none-match")
            fresh = _matches(if_none_match, validators["etag"]) if if_none_match is not None else \
                _not_modified_since(request.get("if-modified-since", ""), since) if "if-modified-since" in request \
                else False
            if fresh:  # a 304 carries what the 200 would have varied by (RFC 9110 §15.4.5)
                headers = validators | {"vary": "Accept, Accept-Language"}
                await send({"type": "http.response.start", "status": 304,
                            "headers": [(k.encode(), v.encode()) for k, v in headers.items()]})
                await send({"type": "http.response.body", "body": b""})
                return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if validators and message["status"] == 200:
                    for name, value in validators.items():
                        headers.setdefault(name, value)
            elif message["type"] == "http.response.body" and head and scope["method"] == "GET":
                message = dict(message, body=b"")
            await send(message)

        await self.app(scope, receive, sending)

    @staticmethod
    def _answers_head(scope: Scope) -> bool:
        """Whether a route of the app answers ``HEAD`` at this path itself (then it is left to it): as the router
        chooses, the first full match wins, even after a route of the path for other methods (``/sparql``)."""
        app = scope.get("app")
        for route in getattr(getattr(app, "router", None), "routes", ()):
            match, _ = route.matches(scope)
            if match == Match.FULL:
                return True
        return False
